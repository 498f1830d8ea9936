"""Record writers: JSON Lines, JSON, CSV (RFC 4180), TSV (jq @tsv), and pretty JSON for a terminal.

A writer gets a text stream it did not open and records as dicts (already cut to the chosen
fields). It writes each record as it comes, so memory does not grow with the number of records.
JSON output carries the data exactly; CSV and TSV neutralise spreadsheet formulas unless told not to.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any, TextIO

from artparse.terminal import json_for_terminal

FORMATS = ("jsonl", "json", "csv", "tsv")
DELIMITED = ("csv", "tsv")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv"}
LIST_SEPARATOR = "; "

FORMULA_STARTS = ("=", "+", "-", "@")
"""A spreadsheet evaluates a cell that starts with one of these (after spaces) as a formula."""
_FORMULA_CONTROLS = ("\t", "\r", "\n")
_LEADING_BLANKS = " \u00a0\ufeff\u200b"
_BREAKER_CHARACTERS = "\x85\u2028\u2029"
_LINE_BREAKERS = re.compile(f"[{_BREAKER_CHARACTERS}]")
"""Valid raw in JSON, but line breaks to str.splitlines() and to old JavaScript: written as \\u escapes."""

Record = dict[str, Any]


class Writer:
    """Writes records to a stream in one format. render() is pure (it touches no stream), so
    worker processes can turn records into text while write_rendered() keeps them in order."""

    def render(self, record: Record) -> str:
        raise NotImplementedError

    def write_rendered(self, text: str) -> None:
        raise NotImplementedError

    def write(self, record: Record) -> None:
        self.write_rendered(self.render(record))

    def close(self) -> None:
        """Finish the output (closing bracket, ...); the stream itself stays open."""


class JsonLinesWriter(Writer):
    """One compact JSON object per line."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def render(self, record: Record) -> str:
        return _dumps(record, separators=(",", ":")) + "\n"

    def write_rendered(self, text: str) -> None:
        self._out.write(text)


class JsonArrayWriter(Writer):
    """One JSON array, indented, streamed element by element."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._separator = "[\n"

    def render(self, record: Record) -> str:
        return "  " + _dumps(record, indent=2).replace("\n", "\n  ")

    def write_rendered(self, text: str) -> None:
        self._out.write(self._separator + text)
        self._separator = ",\n"

    def close(self) -> None:
        self._out.write("[]\n" if self._separator == "[\n" else "\n]\n")


class DelimitedWriter(Writer):
    """RFC 4180 CSV (CRLF rows, so a lone CR in a cell is quoted); lists joined with "; ",
    `extra` as JSON text, null as an empty cell. Text cells that a spreadsheet would run as a
    formula get a leading `'` unless `neutralise` is off; `bom` starts the output with a UTF-8
    byte-order mark, which Excel needs to read UTF-8."""

    def __init__(
        self,
        out: TextIO,
        fields: Sequence[str],
        delimiter: str = ",",
        *,
        neutralise: bool = True,
        bom: bool = False,
    ) -> None:
        self._out = out
        self._row = io.StringIO(newline="")
        self._rows = csv.writer(self._row, delimiter=delimiter, lineterminator="\r\n")
        self._neutralise = neutralise
        if bom:
            out.write("\ufeff")
        out.write(self._line(fields))

    def render(self, record: Record) -> str:
        return self._line([self._cell(value) for value in record.values()])

    def _line(self, cells: Sequence[str]) -> str:
        self._row.seek(0)
        self._row.truncate()
        self._rows.writerow(cells)
        return self._row.getvalue()

    def _cell(self, value: Any) -> str:
        return spreadsheet_cell(cell_text(value), value, neutralise=self._neutralise)

    def write_rendered(self, text: str) -> None:
        self._out.write(text)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class TsvWriter(Writer):
    """Tab-separated values as `jq @tsv`, PostgreSQL COPY and `mlr --tsv` write them: LF row
    ends, no quoting; a backslash, tab, newline or CR in a value is written `\\\\`, `\\t`,
    `\\n`, `\\r`, so every row is one line of cells split at tabs. Cells as in CSV otherwise
    (lists, `extra`, null, formulas, `bom`)."""

    def __init__(
        self, out: TextIO, fields: Sequence[str], *, neutralise: bool = True, bom: bool = False
    ) -> None:
        self._out = out
        self._neutralise = neutralise
        if bom:
            out.write("\ufeff")
        out.write(_tsv_line(fields))

    def render(self, record: Record) -> str:
        return _tsv_line(
            [
                spreadsheet_cell(cell_text(value).translate(_TSV_ESCAPES), value, neutralise=self._neutralise)
                for value in record.values()
            ]
        )

    def write_rendered(self, text: str) -> None:
        self._out.write(text)


def _tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(cells) + "\n"


class PrettyWriter(Writer):
    """Indented, coloured JSON for a person at a terminal, one object per record (like jq).

    The text is never read as rich markup, and what a terminal would obey is escaped.
    """

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console
        from rich.highlighter import JSONHighlighter

        self._console = Console(file=out, soft_wrap=True)
        self._highlight = JSONHighlighter()

    def render(self, record: Record) -> str:
        return json_for_terminal(_dumps(record, indent=2))

    def write_rendered(self, text: str) -> None:
        self._console.print(self._highlight(text))


def cell_text(value: Any) -> str:
    """A record value as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):
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


def _dumps(record: Record, **layout: Any) -> str:
    text = json.dumps(record, ensure_ascii=False, allow_nan=False, **layout)
    if all(breaker not in text for breaker in _BREAKER_CHARACTERS):  # the usual case, without a regex
        return text
    return _LINE_BREAKERS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def make_writer(
    fmt: str, out: TextIO, fields: Sequence[str], *, neutralise: bool = True, bom: bool = False
) -> Writer:
    """The writer for format `fmt` ('pretty' or one of FORMATS); `neutralise` and `bom` are
    for CSV and TSV only."""
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt == "csv":
        return DelimitedWriter(out, fields, neutralise=neutralise, bom=bom)
    if fmt == "tsv":
        return TsvWriter(out, fields, neutralise=neutralise, bom=bom)
    if fmt == "pretty":
        return PrettyWriter(out)
    raise ValueError(f"unknown format {fmt!r}")
