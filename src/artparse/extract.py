"""Text to Article: pick the dialect, split header from body, normalise dates, count, warn.

Pure: no files, clock, environment or terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any

from artparse.dates import MIN_DATE, DateOptions, normalize_date, precedes
from artparse.decoding import repair_unencodable
from artparse.dialects import DATED, DIALECTS, WHOLE_TEXT, Header, Parser, front_matter, posted_by
from artparse.dialects.header import MAX_HEADER_CHARS, MAX_HEADER_LINES, WINDOW_END, header_window
from artparse.errors import ArgumentError, ArgumentTypeError
from artparse.frozen import build, dataclass, field_names
from artparse.patterns import on_first_use
from artparse.record import Article
from artparse.zones import site_zone

if TYPE_CHECKING:
    from artparse.rules import Rule

_NO_HEADER = "no-header: {wanted} was not found; the whole text is the body"
_WINDOW = f" (a header is read from the first {MAX_HEADER_LINES} lines and {MAX_HEADER_CHARS:,} characters)"
_UNENCODABLE = "encoding: {count} lone surrogate code points (not text) replaced with U+FFFD"


_name_date = on_first_use(r"(?P<date>\d{4}-\d{2}-\d{2})(?=[-_. ]|$)", re.ASCII)
"""Jekyll's posts/2013-05-06-welcome.md, and daily notes named 2013-05-06.md."""


@dataclass(frozen=True)
class ParseOptions:
    """What a caller decides about parsing, made once for a whole run and passed down as is.

    `dialect` forces a dialect (or a rule) by name instead of detecting one; `rules` are tried
    before the built-in dialects. The date options: `dayfirst` reads 03/04/2021 as 3 April; `tz`
    (an IANA name) is the zone the site writes naive times in; `utc` converts aware dates to UTC;
    `now` is what relative dates count back from and what "in the future" means (None: each
    input's own time, given to parse_article); dates before `min_date` get a warning. The zone
    and the parsers are resolved once, on first use, not per article. Plain and picklable.
    """

    dialect: str | None = None
    dayfirst: bool = False
    rules: tuple[Rule, ...] = ()
    tz: str | None = None
    utc: bool = False
    now: datetime | None = None
    min_date: date = MIN_DATE

    @cached_property
    def parsers(self) -> list[tuple[str, Parser]]:
        return _parsers(self.dialect, self.rules)

    @cached_property
    def posted_by_first(self) -> bool:
        """Whether detection tries posted-by first, or right after front matter: then the usual
        posted-by file is told from its first lines (extract._usual_posted_by)."""
        first = [(posted_by.NAME, posted_by.parse)]
        return self.parsers[:1] == first or self.parsers[:2] == [
            (front_matter.NAME, front_matter.parse),
            *first,
        ]

    @cached_property
    def zone(self) -> tzinfo | None:
        return site_zone(self.tz) if self.tz is not None else None

    def dates(self, now: datetime | None) -> DateOptions:
        """The date options, with `now` when these options do not fix one."""
        if now is None or self.now is not None:
            return self._own_dates
        return self._date_options(now)

    @cached_property
    def _own_dates(self) -> DateOptions:
        """The date options with these options' own `now` (or none): the same for every input."""
        return self._date_options(self.now)

    def _date_options(self, now: datetime | None) -> DateOptions:
        return DateOptions(
            dayfirst=self.dayfirst, zone=self.zone, utc=self.utc, now=now, min_date=self.min_date
        )


DEFAULT_PARSE = ParseOptions()
_DEFAULT_FIELDS = tuple(getattr(DEFAULT_PARSE, name) for name in field_names(ParseOptions))
"""What dataclass equality compares DEFAULT_PARSE by, in field order."""


def parse_text(
    text: str,
    *,
    source: str | None = None,
    dialect: str | None = None,
    dayfirst: bool = False,
    rules: Sequence[Rule] = (),
    tz: str | None = None,
    utc: bool = False,
    now: datetime | None = None,
    min_date: date = MIN_DATE,
) -> Article:
    """Parse one article. `dialect` forces a dialect (or a rule) by name instead of detecting one.

    `rules` are tried before the built-in dialects. `source` names the input in the record; a date
    at the start of its file name is the fallback when the header gives none.

    The date options: `dayfirst` reads 03/04/2021 as 3 April; `tz` (an IANA name) is the zone
    the site writes naive times in; `utc` converts aware dates to UTC; `now` is what relative
    dates count back from and what "in the future" means; dates before `min_date` get a warning.
    Never raises on any text; what the parser doubted is in the record's `warnings`. Arguments
    it cannot use raise ArgumentError (a ValueError: an unknown dialect or zone) or
    ArgumentTypeError (a TypeError: `now` not a datetime), both ArtparseErrors.
    """
    _check_types(text, source=source, now=now, min_date=min_date, rules=rules)
    given = (dialect, dayfirst, tuple(rules), tz, utc, now, min_date)  # in field order
    # DEFAULT_PARSE's zone and parsers are resolved already; equal options are DEFAULT_PARSE.
    options = DEFAULT_PARSE if given == _DEFAULT_FIELDS else ParseOptions(*given)
    options.parsers, options.zone  # noqa: B018 -- an unknown dialect or zone raises here, not later
    return parse_article(text, options, source=source)


def parse_article(
    text: str,
    options: ParseOptions = DEFAULT_PARSE,
    *,
    source: str | None = None,
    now: datetime | None = None,
) -> Article:
    """Parse one article with options made once (parse_text's, checked); `now` is this input's
    own time (its file's), used when `options.now` is None."""
    dates = options.dates(now)
    text, replaced = (text, 0) if text.isascii() else repair_unencodable(text)  # ASCII: no surrogates
    text = _plain_breaks(text)
    quick = options.posted_by_first and text[:1] not in front_matter.OPENERS  # (front matter is tried first)
    top = posted_by.usual_top(text) if quick else None
    usual = _usual_posted_by(text, top) if top is not None else None
    name: str | None
    if usual is not None:
        name, header, body = usual
    else:
        lines = text.split("\n")
        window = header_window(lines)  # a header is small: no dialect's time grows with the file
        name, found = _detect(window, options.parsers, dates)
        if found is None:
            wanted = f"a {options.dialect} header" if options.dialect else "a known header"
            cut = _WINDOW if window[-1] == WINDOW_END else ""
            found = Header(body_start=0, warnings=[_NO_HEADER.format(wanted=wanted) + cut])
        header, body = found, _body(lines, found.body_start)
    source, in_source = (source, 0) if source is None or source.isascii() else repair_unencodable(source)
    _repair_header(header, replaced + in_source)
    return _article(name, header, body, source, dates)


def _usual_posted_by(text: str, top: list[str]) -> tuple[str, Header, str] | None:
    """The dialect, header and body of a file that opens with the usual posted-by header
    (posted_by.read_usual of its `top`: posted_by.usual_top) as detection and _body give them, the body
    one slice of the text; None for any other text. `text` opens with none of front_matter.OPENERS
    (or is empty)."""
    header = posted_by.read_usual(top)
    if header is None:
        return None
    line = header.body_start
    while line < len(top) - 1 and not top[line]:  # empty lines, which _body passes over
        line += 1
    body = _body_slice(text, sum(map(len, top[:line])) + line)
    return None if body is None else (posted_by.NAME, header, body)


def _body_slice(text: str, start: int) -> str | None:
    """_body(text.split("\n"), line) of the line that starts at `start`, as one slice: when that
    line opens with a non-space and the text ends with one, perhaps then a line break; else None."""
    end = len(text) - text.endswith("\n")
    if start >= end or text[start].isspace() or text[end - 1].isspace():
        return None  # blank edges to remove: _body removes them line by line
    return text[start:end]


def parse_fields(
    name: str,
    header: Header,
    body: str,
    options: ParseOptions = DEFAULT_PARSE,
    *,
    now: datetime | None = None,
) -> Article:
    """An article whose fields were read already (an element of an SGML collection), with the
    body text after them: dates normalised and checked as parse_article does; `name` is its
    dialect, `now` its own time (used when `options.now` is None)."""
    header.body_start = 0
    return _article(name, header, _body(split_lines(body), 0), None, options.dates(now))


def split_lines(text: str) -> list[str]:
    """Lines without a BOM, split on CRLF, CR or LF only (never on U+2028 and its kin)."""
    return _plain_breaks(text).split("\n")


def _plain_breaks(text: str) -> str:
    """`text` without a BOM, its CRLF and CR line breaks as LF."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:  # one scan for the usual text, rather than one per replacement
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _check_types(text: object, *, source: object, now: object, min_date: object, rules: object) -> None:
    """ArgumentTypeError for the first argument of the wrong kind, before it fails deep inside."""
    if not isinstance(text, str):
        raise _wrong_type("text", "a str (decode bytes with parse_bytes)", text)
    if source is not None and not isinstance(source, str):
        raise _wrong_type("source", "a str or None", source)
    if now is not None and not isinstance(now, datetime):
        raise _wrong_type("now", "a datetime or None", now)
    if not isinstance(min_date, date) or isinstance(
        min_date, datetime
    ):  # a datetime does not compare with dates
        raise _wrong_type("min_date", "a date", min_date)
    if rules:
        from artparse.rules import Rule

        if isinstance(rules, str) or not isinstance(rules, Sequence):
            raise _wrong_type("rules", "a sequence of rules from load_rules()", rules)
        for rule in rules:
            if not isinstance(rule, Rule):
                raise _wrong_type("rules", "a sequence of rules from load_rules()", rule)


def _wrong_type(name: str, wanted: str, value: object) -> ArgumentTypeError:
    return ArgumentTypeError(f"{name} must be {wanted}, not {type(value).__name__}")


def _parsers(forced: str | None, rules: Sequence[Rule]) -> list[tuple[str, Parser]]:
    if not rules and forced is None:
        return list(DIALECTS.items())
    available: dict[str, Parser] = {rule.name: rule.parse for rule in rules}
    available.update(DIALECTS)
    if forced is None:
        return list(available.items())
    if forced not in available:
        raise ArgumentError(f"unknown dialect {forced!r}; known: {', '.join(available)}")
    return [(forced, available[forced])]


def _detect(
    window: Sequence[str], parsers: list[tuple[str, Parser]], dates: DateOptions
) -> tuple[str | None, Header | None]:
    """The first dialect that reads a header. A header that gives nothing but a title (the first
    line of a page saved as text often reads as one) gives way to a later dialect that reads all
    of the window rather than its top, when that one finds more."""
    for number, (name, parse) in enumerate(parsers):
        header = _read(name, parse, window, dates)
        if header is None:
            continue
        if _only_a_title(header):
            for later, read_whole in parsers[number + 1 :]:
                if later in WHOLE_TEXT and (found := _read(later, read_whole, window, dates)) is not None:
                    return later, found
        return name, header
    return None, None


def _read(name: str, parse: Parser, window: Sequence[str], dates: DateOptions) -> Header | None:
    """What dialect `name` reads, given the date options when it reads dates while detecting."""
    dated = DATED.get(name)
    return parse(window) if dated is None else dated(window, dates)


def _only_a_title(header: Header) -> bool:
    return (
        header.author is None
        and header.published_raw is None
        and header.updated_raw is None
        and header.updated_by is None
        and header.visits is None
        and not (header.share or header.tags or header.extra)
    )


def _repair_header(header: Header, replaced: int) -> None:
    """Repair every text a dialect read (a JSON escape can make a lone surrogate), and warn when
    this or the `replaced` code points repaired before changed anything. The body comes from
    the text, repaired already."""
    if not replaced and _plain_texts(header):
        return  # the usual header, told in a few calls: every text in it ASCII, so nothing to repair
    _repair_each(header, replaced)


def _repair_each(header: Header, replaced: int) -> None:
    """_repair_header, text by text."""
    counts = [replaced]
    for name in _HEADER_TEXTS:
        value = getattr(header, name)
        if not value or (isinstance(value, str) and value.isascii()):
            continue  # None, empty or an ASCII text (the usual one, told without a call)
        if not _all_ascii(value):
            setattr(header, name, _repaired(value, counts))
    if sum(counts):
        header.warnings.insert(0, _UNENCODABLE.format(count=sum(counts)))


def _plain_texts(header: Header) -> bool:
    """Whether every text of the header is ASCII (True) or may not be (False: each is looked at)."""
    if header.extra and not _all_ascii(header.extra):
        return False
    scalars = (header.title, header.author, header.published_raw, header.updated_raw, header.updated_by)
    try:
        joined = "".join(filter(None, scalars)) + "".join(header.share + header.tags + header.warnings)
    except TypeError:  # not every one a text (no dialect makes such a header)
        return False
    return joined.isascii()


def _repaired(value: Any, counts: list[int]) -> Any:
    """`value` with every text in it repaired, each repair's count appended to `counts`. (A
    module function: a nested recursive one would be a reference cycle, garbage per file.)"""
    if isinstance(value, str):
        if value.isascii():
            return value  # nothing to repair, without a call
        value, count = repair_unencodable(value)
        counts.append(count)
        return value
    if isinstance(value, list):
        return [_repaired(item, counts) for item in value]
    if isinstance(value, dict):
        return {_repaired(key, counts): _repaired(item, counts) for key, item in value.items()}
    return value


def _all_ascii(value: Any) -> bool:
    """Whether every text in `value` (nested in lists and mappings, keys too) is ASCII, and so
    has no surrogate to repair."""
    if isinstance(value, str):
        return value.isascii()
    if isinstance(value, list):
        return all(map(_all_ascii, value))
    if isinstance(value, dict):
        return all(map(_all_ascii, value)) and all(map(_all_ascii, value.values()))
    return True  # None, a number: no text


_HEADER_TEXTS = (
    *("title", "author", "published_raw", "updated_raw", "updated_by"),
    *("share", "tags", "extra", "warnings"),
)


def _article(name: str | None, header: Header, body: str, source: str | None, dates: DateOptions) -> Article:
    if header.published_raw is None and source:
        _date_from_file_name(source, header)
    warnings = list(header.warnings)
    if header.mail_zones or header.dayfirst:
        dates = dates._replace(mail_zones=header.mail_zones, dayfirst=dates.dayfirst or header.dayfirst)
    published = _date(header.published_raw, "published", dates, warnings)
    updated = _date(header.updated_raw, "updated", dates, warnings)
    if published and updated and precedes(updated, published):
        warnings.append(f"updated-before-published: updated {updated} is before published {published}")
    return build(  # Article(**fields), the fields in order
        Article,
        {
            "source": source,
            "dialect": name,
            "title": header.title,
            "author": header.author,
            "published": published,
            "published_raw": header.published_raw,
            "updated": updated,
            "updated_raw": header.updated_raw,
            "updated_by": header.updated_by,
            "share": tuple(header.share),
            "visits": header.visits,
            "tags": tuple(header.tags),
            "words": count_words(body),
            "extra": header.extra,
            "warnings": tuple(warnings),
            "body": body,
        },
    )


def _date_from_file_name(source: str, header: Header) -> None:
    file_name = source.replace("\\", "/").rsplit("/", 1)[-1]
    found = _name_date().match(file_name)
    if found:
        header.published_raw = found["date"]
        header.warnings.append(f"fallback-date: published taken from the file name {file_name!r}")


def _date(raw: str | None, label: str, dates: DateOptions, warnings: list[str]) -> str | None:
    if raw is None:
        return None
    iso, notes = normalize_date(raw, dates, label=label)
    if notes:
        warnings.extend(notes)
    return iso


_WORDS_AT_ONCE = 1 << 16


_space = on_first_use(r"\s")
"""The characters str.split() splits on."""


def count_words(text: str) -> int:
    """len(text.split()), in pieces cut at whitespace: a long text never becomes a list of all
    its words at once (30 MB of prose would take ten times that)."""
    if len(text) <= _WORDS_AT_ONCE:
        return _words(text)
    count, start = 0, 0
    while start < len(text):
        space = _space().search(text, start + _WORDS_AT_ONCE)
        end = space.start() if space else len(text)
        count += _words(text[start:end])
        start = end
    return count


# str.split()'s whitespace (what str.isspace() calls so) among the first 256 characters as 0,
# every other byte as 1.
_IN_WORD = bytes([not character.isspace() for character in bytes(range(256)).decode("latin-1")])


def _words(text: str) -> int:
    """len(text.split()) without making the words (a third of the time): for ASCII text, one
    bit per character, set in a word. Each word has two edges where the bit changes, counting
    the text's ends as unset: each bit against the one before it finds all but the last."""
    if not text.isascii():
        return len(text.split())
    flags = text.encode("ascii").translate(_IN_WORD)
    marks = int.from_bytes(flags, "big")  # first character highest
    return ((marks ^ (marks >> 8)).bit_count() + (flags[-1] if flags else 0)) >> 1


def _body(lines: list[str], start: int) -> str:
    """The lines from `start` on, without blank lines at either end."""
    end = len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
