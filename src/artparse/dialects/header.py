"""What a dialect reads from the top of a file, before dates are normalised."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from artparse.patterns import on_first_use

# Invisible marks that break matching (zero-width space, bidi marks and overrides, BOM).
# ZWNJ and ZWJ stay: they change how Arabic-script names are spelt.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u061c"), None)
_INVISIBLE.update(dict.fromkeys(range(0x202A, 0x202F)))
_INVISIBLE.update(dict.fromkeys(range(0x2066, 0x206A)))
MAX_HEADER_LINE = 1000  # characters: a longer line is body text, and not worth cleaning up to match
MAX_LABELLED_LINE = 300  # characters: the longest line the vocabulary reads (a byline, a date line)
_count = on_first_use(r"\d+|\d{1,3}(?P<sep>[,.' \u066c])\d{3}(?:(?P=sep)\d{3})*")
"""A count as read_count takes it; _ascii_count_digits reads the same of ASCII text, uncompiled."""
_ASCII_SEPARATORS = ",.' "
MAX_COUNT = 2**53  # larger counters do not survive a round trip through JSON readers


class Header:
    """Header fields as written, filled in by a dialect; `body_start` is the index of the first
    line after the header; None for a list or `extra` is a new, empty one.

    `mail_zones`: its dates are a mail or news header's, whose zone names RFC 822 defines;
    `dayfirst`: a label in a language that writes numeric dates day first said which the date is.
    (A plain class: a dataclass costs ten times more to define, at start-up.)
    """

    __slots__ = (
        *("body_start", "title", "author", "published_raw", "updated_raw", "updated_by", "share"),
        *("visits", "tags", "extra", "warnings", "mail_zones", "dayfirst"),
    )

    def __init__(
        self,
        body_start: int,
        title: str | None = None,
        author: str | None = None,
        published_raw: str | None = None,
        updated_raw: str | None = None,
        updated_by: str | None = None,
        share: list[str] | None = None,
        visits: int | None = None,
        tags: list[str] | None = None,
        extra: dict[str, Any] | None = None,
        warnings: list[str] | None = None,
        mail_zones: bool = False,
        dayfirst: bool = False,
    ) -> None:
        self.body_start = body_start
        self.title = title
        self.author = author
        self.published_raw = published_raw
        self.updated_raw = updated_raw
        self.updated_by = updated_by
        self.share = [] if share is None else share
        self.visits = visits
        self.tags = [] if tags is None else tags
        self.extra = {} if extra is None else extra
        self.warnings = [] if warnings is None else warnings
        self.mail_zones = mail_zones
        self.dayfirst = dayfirst

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Header({fields})"


MAX_HEADER_LINES = 1000
MAX_HEADER_CHARS = 64 * 1024
"""What any dialect may read from the top of a file (header_window): real headers are far smaller
(the longest in the corpora is 35 lines, 1.9 KB), and every reader's time is bounded by these."""
WINDOW_END = "\x00" * (MAX_HEADER_LINE + 1)
"""The line that ends a window cut short: too long to be header, never blank, never a closing
line, and never in decoded text (NUL is binary), so no dialect takes a cut header as whole."""


def header_window(lines: Sequence[str]) -> Sequence[str]:
    """The first lines of `lines` that dialects and rules may read: at most MAX_HEADER_LINES
    lines and MAX_HEADER_CHARS characters, ended by WINDOW_END when the text goes on."""
    if len(lines) <= MAX_HEADER_LINES and sum(map(len, lines)) + len(lines) <= MAX_HEADER_CHARS:
        return lines  # the usual article: all of it fits (the loop below, summed in one call)
    budget = MAX_HEADER_CHARS
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        budget -= len(line) + 1
        if budget < 0:
            return [*lines[:index], WINDOW_END]
    if len(lines) <= MAX_HEADER_LINES:
        return lines
    return [*lines[:MAX_HEADER_LINES], WINDOW_END]


def top_views(lines: Sequence[str], count: int) -> Iterator[tuple[int, str]]:
    """(index, header_view) of the first `count` lines, up to the first line too long to be header."""
    for index, line in enumerate(lines[:count]):
        if len(line) > MAX_HEADER_LINE:
            return
        yield index, header_view(line)


def header_view(line: str) -> str:
    """`line` for matching: invisible marks dropped, every run of spaces (NBSP too) one space."""
    if not line.isascii():  # the invisible marks are all outside ASCII
        line = line.translate(_INVISIBLE)
    elif line[:1] != " " and line[-1:] != " " and "  " not in line and line.isprintable():
        return line  # its own view: in printable ASCII, str.split() splits at spaces only
    # The same as collapsing \s+ and stripping: str.split() splits on exactly what \s matches.
    return " ".join(line.split())


def read_count(text: str, warnings: list[str]) -> int | None:
    """A counter such as `1,234`, `1.234` or `1 234` (any digits); None and a warning when it is not."""
    text = text.strip()
    if not text.isascii():
        from artparse.languages.spelling import plain

        text = plain(text)
    digits = _ascii_count_digits(text) if text.isascii() else _count_digits(text)
    if digits is None:
        warnings.append(f"unparsed-visits: {text!r} is not a count")
        return None
    count = int(digits)
    if count >= MAX_COUNT:
        warnings.append(f"unparsed-visits: {text!r} is too large")
        return None
    return count


def _count_digits(text: str) -> str | None:
    """The digits of a count that _count() matches all of (all but the separators), else None."""
    return "".join(filter(str.isdecimal, text)) if _count().fullmatch(text) else None


def _ascii_count_digits(text: str) -> str | None:
    """_count_digits of ASCII `text`, uncompiled: digits, or groups of three digits after one to
    three, each group after the same separator."""
    if text.isdigit():
        return text
    groups, first = divmod(len(text), 4)  # "12,345": 1 group of a separator and 3 digits, after 2
    if not (groups and first) or (separator := text[first]) not in _ASCII_SEPARATORS:
        return None
    digits = text.replace(separator, "")
    if text[first::4] != separator * groups or len(digits) != len(text) - groups or not digits.isdigit():
        return None
    return digits
