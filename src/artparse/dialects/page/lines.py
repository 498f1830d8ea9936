"""A page's lines as the page mode sees them: cleaned, classed, and the article's prose located.

One pass over the non-blank lines of the first MAX_PAGE_LINES lines; every later step works on
the `PageLine` list, whose positions (not the file's line numbers) measure nearness, so that
blank lines do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain, islice

from artparse.dialects.header import MAX_HEADER_LINE, MAX_HEADER_LINES, WINDOW_END, header_view
from artparse.dialects.page.words import heading_first_words, headings, starts_with_label
from artparse.frozen import NamedTuple
from artparse.languages.spelling import fold

MAX_PAGE_LINES = MAX_HEADER_LINES  # and the characters of header_window: what every dialect reads
MIN_PROSE_WORDS = 6
MIN_PROSE_CHARS = 40
MIN_WRAPPED_CHARS = 55  # a line that w3m or lynx wrapped is close to the 80 columns they wrap at
LONG_PROSE_WORDS = 15  # a line this long is prose even without a sentence end
MAX_PROSE_GAP = 2  # short lines (captions, "Advertisement") allowed inside a run of prose
MAX_HEADING_WORDS = 6
MIN_ARTICLE_WORDS = 60  # prose above a comments heading that makes it the article's comments
COMMENT_LINES = 30
SENTENCE_SAMPLE = 12  # words looked at to tell a sentence from a menu

_LYNX_REFERENCE = re.compile(r"\[\d{1,4}\]")
_LIST_STARTS = frozenset("•*·▪◦‣●■□\u2013\u2014-0123456789")
_LIST_MARK = re.compile(r"(?:[•*·▪◦‣●■□\u2013\u2014-]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;»\"”'\u2019)]$")
_NOISE_CHARACTERS = '0123456789()[]:"“”«»„.,!|'
_HEADING_NOISE = re.compile(f"[{re.escape(_NOISE_CHARACTERS)}]+")
_SPACES = re.compile(r"\s+")


class PageLine(NamedTuple):
    """A non-blank line: its number in the file (from 1), its text for matching, what it looks like."""

    number: int
    text: str
    words: int
    listed: bool  # it began with a bullet or a list number, removed from `text`
    prose: bool = False
    heading: str | None = None  # "related" or "comments": the heading of a section of decoys
    in_paragraph: bool = False  # the line above flows into it, or it flows into the line below
    labelled: bool = False  # it starts with an author, published or updated label


class Page(NamedTuple):
    """The page's non-blank lines and its main run of prose, as positions in `lines`."""

    lines: tuple[PageLine, ...]
    prose_start: int
    prose_end: int  # the position of the run's last line


def read_page(raw_lines: Sequence[str]) -> Page:
    """The page's non-blank lines, classed, and the longest run of prose among them.

    A comments heading below an article ends the reading: COMMENT_LINES more lines are kept, not
    classed, so that the dates passed over there can be named.
    """
    window = raw_lines[:MAX_PAGE_LINES]
    if window and window[-1] == WINDOW_END:
        window = window[:-1]  # the text goes on past what dialects read
    cleaned = (line for line in map(_cleaned, range(1, len(window) + 1), window) if line is not None)
    lines: list[PageLine] = []
    prose_words = 0
    line = next(cleaned, None)
    while line is not None:
        below = next(cleaned, None)
        adjacent = below if below is not None and below.number == line.number + 1 else None
        wrapped = bool(lines) and lines[-1].number == line.number - 1 and _wraps(lines[-1], line)
        lines.append(classed := _classed(line, adjacent, wrapped))
        prose_words += classed.words if classed.prose else 0
        if classed.heading == "comments" and prose_words >= MIN_ARTICLE_WORDS:
            rest = islice(chain([below] if below is not None else [], cleaned), COMMENT_LINES)
            lines.extend(
                PageLine(item.number, item.text, item.words, item.listed, labelled=True) for item in rest
            )
            break
        line = below
    start, end = _main_run(lines)
    return Page(tuple(lines), start, end)


class _Cleaned(NamedTuple):
    number: int
    text: str
    words: int
    listed: bool
    sentences: bool  # it reads as sentences rather than as a menu (see _reads_as_sentences)


def _cleaned(number: int, line: str) -> _Cleaned | None:
    """The line as the page mode reads it, or None when it is blank (or only invisible marks)."""
    if len(line) > MAX_HEADER_LINE:
        return _Cleaned(number, line, line.count(" ") + 1, listed=False, sentences=True)
    words = line.split()
    text = " ".join(words) if line.isascii() else header_view(line)
    if not text:
        return None
    listed = _LIST_MARK.match(text) if text[0] in _LIST_STARTS else None
    if listed or "[" in text:
        text = _LYNX_REFERENCE.sub("", text[listed.end() :] if listed else text).strip()
        words = text.split()
        if not words:
            return None  # a bullet or a link number alone
    sentences = len(text) >= MIN_PROSE_CHARS and _reads_as_sentences(words)
    return _Cleaned(number, text, len(words), listed is not None, sentences)


def _classed(line: _Cleaned, below: _Cleaned | None, wrapped: bool) -> PageLine:
    """`line` with its class. `below` is the line right under it (no blank line between);
    `wrapped`: it goes on the paragraph of the prose line above (w3m and lynx wrap paragraphs at
    about 80 columns)."""
    if len(line.text) > MAX_HEADER_LINE:
        return PageLine(line.number, line.text, line.words, listed=False, prose=True, in_paragraph=True)
    heading = _heading(line.text, line.words) if line.words <= 3 * MAX_HEADING_WORDS else None
    continued = below is not None and below.sentences
    prose = heading is None and not line.listed and (wrapped or _reads_as_prose(line, continued))
    labelled = starts_with_label(line.text)
    in_paragraph = wrapped or (below is not None and below.text[:1].islower())
    return PageLine(
        line.number,
        line.text,
        line.words,
        line.listed,
        prose and not labelled,
        heading,
        in_paragraph,
        labelled,
    )


def _reads_as_prose(line: _Cleaned, continued: bool) -> bool:
    return (
        line.sentences
        and line.words >= MIN_PROSE_WORDS
        and (line.words >= LONG_PROSE_WORDS or continued or _SENTENCE_END.search(line.text) is not None)
    )


def _wraps(line: PageLine, below: _Cleaned) -> bool:
    """True when prose `line` stops mid-sentence and `below` reads as the rest of it."""
    return (
        line.prose
        and len(line.text) >= MIN_WRAPPED_CHARS
        and not _SENTENCE_END.search(line.text)
        and (below.text[:1].islower() or below.sentences)
    )


def _reads_as_sentences(words: list[str]) -> bool:
    """Most words of a menu are capitalised; at least two in five of a sentence's are not."""
    lower = upper = 0
    for word in words[:SENTENCE_SAMPLE]:
        if word[0].islower():
            lower += 1
        elif word[0].isupper():
            upper += 1
    return 3 * lower >= 2 * upper  # also a script without letter case (Arabic)


def _heading(text: str, words: int) -> str | None:
    """ "related" or "comments" when the line heads a list of other stories or the comments:
    it is one of their headings, or starts with one ("Most read in Business", "12 comments on")."""
    counted = text[:1].isdigit()
    if words > (3 * MAX_HEADING_WORDS if counted else MAX_HEADING_WORDS):
        return None
    tokens = text.split(maxsplit=2)
    lead = tokens[1] if counted and len(tokens) > 1 else tokens[0]
    if fold(lead.strip(_NOISE_CHARACTERS)) not in heading_first_words():
        return None
    folded = _SPACES.sub(" ", _HEADING_NOISE.sub(" ", fold(text))).strip().split(" ")
    for kind in ("comments", "related"):
        phrases = headings()[kind]
        if " ".join(folded) in phrases:
            return kind
        if (counted or kind == "related") and any(
            " ".join(folded[:length]) in phrases for length in range(1, min(len(folded), MAX_HEADING_WORDS))
        ):
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
