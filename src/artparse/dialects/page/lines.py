"""A page's lines as the page mode sees them: cleaned, classed, and the article's prose located.

One pass over the non-blank lines of the first MAX_PAGE_LINES lines; every later step works on
the `PageLine` list, whose positions (not the file's line numbers) measure nearness, so that
blank lines do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from artparse.dialects.header import MAX_HEADER_LINE, header_view
from artparse.dialects.page.words import headings, starts_with_label
from artparse.languages import fold

MAX_PAGE_LINES = 3000  # the metadata of a page is near its top: comments can go on for ever
MIN_PROSE_WORDS = 6
MIN_PROSE_CHARS = 40
LONG_PROSE_WORDS = 15  # a line this long is prose even without a sentence end
MAX_PROSE_GAP = 2  # short lines (captions, "Advertisement") allowed inside a run of prose
MAX_HEADING_WORDS = 6

_LYNX_REFERENCE = re.compile(r"\[\d{1,4}\]")
_LIST_MARK = re.compile(r"(?:[•*·▪◦‣●■□\u2013\u2014-]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”'\u2019)]$")
_HEADING_NOISE = re.compile(r"[\d()\[\]:\"“”«»„.,!|]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PageLine:
    """A non-blank line: its index in the file, its text for matching, and what it looks like."""

    index: int
    text: str
    words: int
    listed: bool  # it began with a bullet or a list number, removed from `text`
    prose: bool = False
    heading: str | None = None  # "related" or "comments": the heading of a section of decoys


@dataclass(frozen=True)
class Page:
    """The page's non-blank lines and its main run of prose, as positions in `lines`."""

    lines: tuple[PageLine, ...]
    prose_start: int
    prose_end: int  # the position of the run's last line


def read_page(raw_lines: Sequence[str]) -> Page:
    """The page's non-blank lines, classed, and the longest run of prose among them."""
    window = raw_lines[:MAX_PAGE_LINES]
    cleaned = [_cleaned(index, line) for index, line in enumerate(window) if line.strip()]
    lines: list[PageLine] = []
    for position, line in enumerate(cleaned):
        adjacent = position + 1 < len(cleaned) and cleaned[position + 1].index == line.index + 1
        continued = adjacent and len(cleaned[position + 1].text) >= MIN_PROSE_CHARS
        wrapped = bool(lines) and lines[-1].index == line.index - 1 and _wraps(lines[-1])
        lines.append(_classed(line, continued, wrapped))
    start, end = _main_run(lines)
    return Page(tuple(lines), start, end)


def _cleaned(index: int, line: str) -> PageLine:
    if len(line) > MAX_HEADER_LINE:
        return PageLine(index, line, line.count(" ") + 1, listed=False)
    text = _LYNX_REFERENCE.sub("", header_view(line))
    listed = _LIST_MARK.match(text)
    if listed:
        text = text[listed.end() :]
    return PageLine(index, text, len(text.split()), listed=listed is not None)


def _classed(line: PageLine, continued: bool, wrapped: bool) -> PageLine:
    """`line` with its class; `continued`: a long line follows it; `wrapped`: it goes on the
    paragraph of the prose line above (w3m and lynx wrap paragraphs at about 80 columns)."""
    if len(line.text) > MAX_HEADER_LINE:
        return PageLine(line.index, line.text, line.words, listed=False, prose=True)
    heading = _heading(line.text) if line.words <= 3 * MAX_HEADING_WORDS else None
    prose = heading is None and not line.listed and not starts_with_label(line.text)
    prose = prose and (wrapped or _reads_as_prose(line, continued))
    return PageLine(line.index, line.text, line.words, line.listed, prose, heading)


def _reads_as_prose(line: PageLine, continued: bool) -> bool:
    return (
        line.words >= MIN_PROSE_WORDS
        and len(line.text) >= MIN_PROSE_CHARS
        and _reads_as_sentences(line.text)
        and (line.words >= LONG_PROSE_WORDS or continued or _SENTENCE_END.search(line.text) is not None)
    )


def _wraps(line: PageLine) -> bool:
    """True when prose `line` stops mid-sentence, so that the next line goes on with it."""
    return line.prose and len(line.text) >= MIN_PROSE_CHARS and not _SENTENCE_END.search(line.text)


def _reads_as_sentences(text: str) -> bool:
    """Most words of a menu are capitalised; at least two in five of a sentence's are not."""
    cased = [word for word in text.split() if word[0].isupper() or word[0].islower()]
    if not cased:
        return True  # a script without letter case (Arabic)
    return 5 * sum(word[0].islower() for word in cased) >= 2 * len(cased)


def _heading(text: str) -> str | None:
    """ "related" or "comments" when the line heads a list of other stories or the comments."""
    counted = text[:1].isdigit()
    words = _SPACES.sub(" ", _HEADING_NOISE.sub(" ", fold(text))).strip()
    if not words:
        return None
    for kind in ("comments", "related"):
        phrases = headings()[kind]
        if words in phrases:
            return kind
        short = len(words.split()) <= MAX_HEADING_WORDS
        if (counted or (short and kind == "related")) and any(words.startswith(p + " ") for p in phrases):
            return kind
    return None


def _main_run(lines: list[PageLine]) -> tuple[int, int]:
    """(first, last) position of the run of prose lines with the most words; (-1, -1) if none."""
    best = (0, -1, -1)
    words, start, end, gap = 0, -1, -1, 0
    for position, line in enumerate(lines):
        if line.prose:
            if start < 0 or gap > MAX_PROSE_GAP:
                words, start = 0, position
            words, end, gap = words + line.words, position, 0
            best = max(best, (words, start, end), key=lambda run: run[0])
        elif line.heading is not None:
            start, gap = -1, 0
        else:
            gap += 1
    return best[1], best[2]
