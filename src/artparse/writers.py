"""Record writers: JSON Lines, JSON, CSV (RFC 4180), TSV (jq @tsv), and pretty JSON for a terminal.

A writer gets a text stream it did not open and records as dicts (already cut to the chosen
fields). It writes each record as it comes, so memory does not grow with the number of records.
JSON output carries the data exactly; CSV and TSV neutralise spreadsheet formulas unless told not to.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from artparse.terminal import json_for_terminal

if TYPE_CHECKING:
    from types import ModuleType

    from artparse.record import Article

LIST_SEPARATOR = "; "

FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet evaluates a cell that starts with one of these (after spaces) as a formula."""
_FORMULA_CONTROLS = ("\t", "\r", "\n")
_LEADING_BLANKS = " \u00a0\ufeff\u200b"
_BREAKER_CHARACTERS = "\x85\u2028\u2029"


@functools.cache
def _line_breakers() -> re.Pattern[str]:
    """Valid raw in JSON, but line breaks to str.splitlines() and to old JavaScript: written as
    \\u escapes."""
    return re.compile(f"[{_BREAKER_CHARACTERS}]")


Record = dict[str, Any]


class _LoadedLater:
    """orjson, from the second record a process renders on (None before: json's C encoder
    writes the first, _json_text). It writes the same text as json.dumps, faster; but loading it
    (with the json and dataclasses modules it imports) costs a one-record run more than it saves."""

    def __init__(self) -> None:
        self.module: ModuleType | None = None
        self._asked = False

    def __call__(self) -> ModuleType | None:
        if self.module is None:
            if not self._asked:
                self._asked = True
                return None
            import orjson

            self.module = orjson
        return self.module


_orjson = _LoadedLater()


class Writer:
    """Writes rendered records to a stream in one format, framed (a header row, brackets).

    Rendering is apart from writing: renderer() gives a pure function, record to text, that
    worker processes build for themselves; write_rendered() keeps the texts in order here.
    `joint` is what goes between two rendered records so that write_rendered() of the joined
    text writes what it writes of each in turn (None: it does not).
    """

    joint: str | None = ""

    def __init__(
        self, out: TextIO, fields: Sequence[str] = (), *, neutralise: bool = True, bom: bool = False
    ):
        self._out = out
        self._render = self.renderer(neutralise=neutralise)

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        raise NotImplementedError

    @classmethod
    def article_renderer(cls, *, neutralise: bool = True) -> Callable[[Article], str] | None:
        """What renderer() does to a whole record (every field), from the Article itself
        without its dict, when the format has a quicker way; None when it has not."""
        return None

    def render(self, record: Record) -> str:
        """The record's text in this format, without touching the stream."""
        return self._render(record)

    def write_rendered(self, text: str) -> None:
        self._out.write(text)

    def write(self, record: Record) -> None:
        self.write_rendered(self._render(record))

    def close(self) -> None:
        """Finish the output (closing bracket, ...); the stream itself stays open."""


class JsonLinesWriter(Writer):
    """One compact JSON object per line."""

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        return _json_line

    @classmethod
    def article_renderer(cls, *, neutralise: bool = True) -> Callable[[Article], str] | None:
        return _article_line


def _json_line(record: Record) -> str:
    return _dumps(record) + "\n"


def _article_line(article: Article) -> str:
    """_json_line(article.to_dict()): orjson writes a dataclass's fields in their order, and
    its tuples as lists, quicker than the dict; what _fast_dumps leaves to json.dumps goes there."""
    orjson = _orjson()
    if orjson is not None and not _has_float(article.extra):
        try:
            text = orjson.dumps(article, option=orjson.OPT_APPEND_NEWLINE).decode()
        except TypeError:  # orjson.JSONEncodeError is one
            pass
        else:
            return text if text.isascii() else _without_line_breakers(text)
    return _encoded(article.to_dict(), orjson) + "\n"


class JsonArrayWriter(Writer):
    """One JSON array, indented, streamed element by element."""

    joint = ",\n"  # the separator write_rendered() puts before every element but the first

    def __init__(
        self, out: TextIO, fields: Sequence[str] = (), *, neutralise: bool = True, bom: bool = False
    ):
        super().__init__(out, fields)
        self._separator = "[\n"

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        return _json_element

    def write_rendered(self, text: str) -> None:
        self._out.write(self._separator + text)
        self._separator = ",\n"

    def close(self) -> None:
        self._out.write("[]\n" if self._separator == "[\n" else "\n]\n")


def _json_element(record: Record) -> str:
    return "  " + _dumps(record, indent=True).replace("\n", "\n  ")


class DelimitedWriter(Writer):
    """RFC 4180 CSV (CRLF rows, so a lone CR in a cell is quoted); lists joined with "; ",
    `extra` as JSON text, null as an empty cell. Text cells that a spreadsheet would run as a
    formula get a leading `'` unless `neutralise` is off; `bom` starts the output with a UTF-8
    byte-order mark, which Excel needs to read UTF-8."""

    delimiter = ","

    def __init__(
        self, out: TextIO, fields: Sequence[str] = (), *, neutralise: bool = True, bom: bool = False
    ):
        super().__init__(out, fields, neutralise=neutralise)
        if bom:
            out.write("\ufeff")
        out.write(_Rows(self.delimiter).line(fields))

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        rows = _Rows(cls.delimiter)

        def render(record: Record) -> str:
            return rows.line([_cell(value, neutralise) for value in record.values()])

        return render


class _Rows:
    """One row of cells at a time as CSV text, by the csv module's quoting rules."""

    def __init__(self, delimiter: str) -> None:
        import csv  # here: JSON runs need not import it

        self._row = io.StringIO(newline="")
        self._rows = csv.writer(self._row, delimiter=delimiter, lineterminator="\r\n")

    def line(self, cells: Sequence[str]) -> str:
        self._row.seek(0)
        self._row.truncate()
        self._rows.writerow(cells)
        return self._row.getvalue()


def _cell(value: Any, neutralise: bool) -> str:
    return spreadsheet_cell(cell_text(value), value, neutralise=neutralise)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class TsvWriter(Writer):
    """Tab-separated values as `jq @tsv`, PostgreSQL COPY and `mlr --tsv` write them: LF row
    ends, no quoting; a backslash, tab, newline or CR in a value is written `\\\\`, `\\t`,
    `\\n`, `\\r`, so every row is one line of cells split at tabs. Cells as in CSV otherwise
    (lists, `extra`, null, formulas, `bom`)."""

    def __init__(
        self, out: TextIO, fields: Sequence[str] = (), *, neutralise: bool = True, bom: bool = False
    ) -> None:
        super().__init__(out, fields, neutralise=neutralise)
        if bom:
            out.write("\ufeff")
        out.write(_tsv_line(fields))

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        def render(record: Record) -> str:
            return _tsv_line(
                [
                    spreadsheet_cell(cell_text(value).translate(_TSV_ESCAPES), value, neutralise=neutralise)
                    for value in record.values()
                ]
            )

        return render


def _tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(cells) + "\n"


class PrettyWriter(Writer):
    """Indented, coloured JSON for a person at a terminal, one object per record (like jq).

    The text is never read as rich markup, and what a terminal would obey is escaped.
    """

    joint = None  # each record is highlighted on its own

    def __init__(
        self, out: TextIO, fields: Sequence[str] = (), *, neutralise: bool = True, bom: bool = False
    ):
        from rich.console import Console
        from rich.highlighter import JSONHighlighter

        super().__init__(out, fields)
        self._console = Console(file=out, soft_wrap=True)
        self._highlight = JSONHighlighter()

    @classmethod
    def renderer(cls, *, neutralise: bool = True) -> Callable[[Record], str]:
        return _pretty

    def write_rendered(self, text: str) -> None:
        self._console.print(self._highlight(text))


def _pretty(record: Record) -> str:
    return json_for_terminal(_dumps(record, indent=True))


def cell_text(value: Any) -> str:
    """A record value as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):
        import json  # here: records in JSON need it only now and then (_json_text)

        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return str(value)


def spreadsheet_cell(text: str, value: Any, *, neutralise: bool) -> str:
    """The cell `text` of `value`, neutralised when asked unless the value is a number."""
    return csv_safe(text) if neutralise and not isinstance(value, int) else text


def csv_safe(cell: str) -> str:
    """`cell` with a leading `'` when a spreadsheet would run it as a formula (OWASP "CSV
    Injection"): it starts with = + - @, also after spaces, or with a tab, CR or LF."""
    if cell.startswith(_FORMULA_CONTROLS) or cell.lstrip(_LEADING_BLANKS).startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _dumps(record: Record, *, indent: bool = False) -> str:
    """The record as JSON text: compact, or indented by two spaces, as json.dumps writes it."""
    return _encoded(record, _orjson(), indent=indent)


def _encoded(record: Record, orjson: ModuleType | None, *, indent: bool = False) -> str:
    text = None if orjson is None else _fast_dumps(orjson, record, indent)
    if text is None:
        text = _json_text(record, indent)
    return text if text.isascii() else _without_line_breakers(text)


def _json_text(record: Record, indent: bool) -> str:
    """json.dumps(record, ensure_ascii=False, allow_nan=False), compact or indented by two."""
    text = None if indent else _compact_json_text(record)
    if text is None:
        import json  # here: a one-record run writes its record without it

        layout: dict[str, Any] = {"indent": 2} if indent else {"separators": (",", ":")}
        text = json.dumps(record, ensure_ascii=False, allow_nan=False, **layout)
    return text


def _compact_json_text(record: Record) -> str | None:
    """What json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":")) runs:
    CPython's C encoder, made as json.encoder makes it, without importing json (its decoder and
    its patterns: about 5 M instructions, a fortieth of a one-file run). None where there is no
    such encoder, or when it refuses the record: json.dumps then writes it, or says why not."""
    try:
        from _json import encode_basestring, make_encoder

        encode = make_encoder({}, _not_serializable, encode_basestring, None, ":", ",", False, False, False)
        return "".join(encode(record, 0))
    except Exception:  # no such encoder here, or a record it refuses (json.dumps says why)
        return None


def _not_serializable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _without_line_breakers(text: str) -> str:
    if all(breaker not in text for breaker in _BREAKER_CHARACTERS):  # the usual case, without a regex
        return text
    return _line_breakers().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _fast_dumps(orjson: ModuleType, record: Record, indent: bool) -> str | None:
    """orjson's text, which is json.dumps' byte for byte for everything but floats (1e-07 is
    1e-7 there, NaN null), integers beyond 64 bits and keys that are not strings: None for
    those, which json.dumps then writes (or refuses) as ever."""
    if _has_float(record.get("extra")):
        return None
    try:
        text: str = orjson.dumps(record, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except TypeError:  # orjson.JSONEncodeError is one
        return None
    return text


def _has_float(value: Any) -> bool:
    if not value:
        return False
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_float(item) for item in value)
    return False


def make_writer(
    fmt: str, out: TextIO, fields: Sequence[str], *, neutralise: bool = True, bom: bool = False
) -> Writer:
    """The writer for records format `fmt`; `neutralise` and `bom` are for CSV and TSV only."""
    from artparse.formats import BY_NAME

    writer = BY_NAME[fmt].writer if fmt in BY_NAME else None
    if writer is None:
        raise ValueError(f"unknown records format {fmt!r}")
    return writer(out, fields, neutralise=neutralise, bom=bom)
