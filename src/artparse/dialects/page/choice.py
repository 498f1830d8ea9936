"""Choosing among the candidates: scores, the headline, and the record's fields with their lines.

A date scores for its label (a published or updated label is worth more than none), for being
near the start of the article's prose, for having a headline just above it (or the headline
that repeats the page's title), and for a byline beside it; it loses for being below the
article or in a list of other stories. A field is filled only from a candidate that reaches
MIN_SCORE: a labelled date needs the headline or the prose near it, an unlabelled date both (or the byline).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TypeVar

from artparse.dialects.header import Header
from artparse.dialects.page.candidates import (
    MAX_PASSED_OVER,
    Candidates,
    DateFound,
    NameFound,
    PassedOver,
    has_date,
)
from artparse.dialects.page.lines import Page, PageLine
from artparse.dialects.vocabulary import (
    DATE,
    NAME,
    PUBLISHED,
    UNKNOWN,
    UPDATED,
    breadcrumb,
    looks_like_name,
    read_line,
)
from artparse.frozen import NamedTuple

MIN_SCORE = 5
LABEL_SCORE = {PUBLISHED: 4, UPDATED: 4, DATE: 1}
NAME_SCORE = 3
MIN_NAME_SCORE = 5
HEADLINE_STEPS = 4  # non-blank lines between a headline and the metadata below it
TITLE_STEPS = 8
NEAR_PROSE = (-8, 4)  # positions before and after the start of the article's prose
AROUND_PROSE = (-20, 8)
MIN_HEADLINE_WORDS, MAX_HEADLINE_WORDS, MAX_HEADLINE_CHARS = 3, 20, 160
MAX_KICKER_WORDS = 2  # "Share", "Business", "Advertisement": passed over between headline and byline
MAX_STANDFIRST_WORDS = 40
MAX_WALK = 8  # lines looked at above a byline for its headline, metadata lines included

_T = TypeVar("_T", DateFound, NameFound)
_TITLE_PARTS = re.compile(r"\s+(?:[|\u2013\u2014:·-]|::)\s+")
# breadcrumbs, menus, a sentence's end, two sentences ("We use cookies. Accept")
_NOT_A_HEADLINE = re.compile(r"[\u203a»>/]|\s[|]\s|[.,;:]$|[a-z]{3}\.\s+[A-Z]")
_SENTENCE_END = re.compile(r"[.!?…]$")
_MARKUP = re.compile(r"##|[*_`>]|.*\\$")  # a section heading, emphasis, a quote: Markdown, not a page
_SHARE = re.compile(r"\b(?:facebook|twitter|whatsapp|linkedin|e-?mail|pinterest|telegram|reddit)\b", re.I)


class _Layout(NamedTuple):
    page: Page
    title_line: int | None  # the line that repeats the page's title, when one does


def choose(page: Page, candidates: Candidates) -> Header | None:
    """The page's header, or None when no candidate is strong enough to fill a field.

    A page's article has a headline above its metadata and a run of prose: without them, the text
    is not a page with an article (a note, a story that quotes a byline) and nothing is taken.
    """
    if page.prose_start < 0:
        return None
    layout = _Layout(page, _repeated_title(page))
    names = candidates.names
    score = partial(_date_score, layout=layout, names=names)
    published = _best([d for d in candidates.dates if d.kind != UPDATED], score)
    updated = _best([d for d in candidates.dates if d.kind == UPDATED], score)
    dated = [d.position for d in (published, updated) if d is not None]
    author = _best(names, lambda n: _name_score(n, layout, dated), minimum=MIN_NAME_SCORE)
    if published is None and updated is None and author is None:
        return None
    top = min([*dated, *([author.position] if author else [])])
    title = _title(layout, top)
    if title is None:
        return None
    header = Header(body_start=0, title=page.lines[title].text)
    header.warnings.append(f"page: title from line {page.lines[title].number}")
    if author is not None:
        header.author, credit = _name_and_credit(author.name)
        if credit:
            header.extra["credit"] = [credit]
        header.warnings.append(f"page: author from line {page.lines[author.position].number}")
    for found, field in ((published, "published"), (updated, "updated")):
        if found is not None:
            setattr(header, f"{field}_raw", found.raw)
            header.dayfirst = header.dayfirst or found.dayfirst
            header.warnings.append(
                f"page: {field} from line {page.lines[found.position].number}{_how(found)}"
            )
    if candidates.passed_over:
        header.warnings.append(_passed_over(page, candidates.passed_over))
    return header


def _name_and_credit(byline: str) -> tuple[str, str | None]:
    """`Lena Hoffmann, ARD-Hauptstadtstudio` gives the name and the rest (a desk, a role, a place)."""
    head, comma, tail = byline.partition(", ")
    if comma and len(head.split()) >= 2 and looks_like_name(head):
        return head, tail.strip() or None
    return byline, None


def _best(found: list[_T], score: Callable[[_T], int], minimum: int = MIN_SCORE) -> _T | None:
    """The highest-scoring candidate (the first on the page among equals) that reaches `minimum`."""
    best, best_score = None, minimum - 1
    for item in found:
        if (item_score := score(item)) > best_score:
            best, best_score = item, item_score
    return best


def _date_score(found: DateFound, layout: _Layout, names: list[NameFound]) -> int:
    around = _around_prose(found.position, layout.page)
    if found.kind == DATE and found.position >= layout.page.prose_start:
        around = min(around, 0)  # a date without a label counts above the article only
    score = LABEL_SCORE[found.kind] + around
    if _below_headline(found.position, layout):
        score += 2
    if any(abs(name.position - found.position) <= 2 for name in names):
        score += 1
    return score


def _name_score(found: NameFound, layout: _Layout, dated: list[int]) -> int:
    page = layout.page
    if page.prose_end >= 0 and found.position > page.prose_end:
        return 0
    score = NAME_SCORE + max(0, _around_prose(found.position, page))
    if any(abs(found.position - position) <= 2 for position in dated):
        score += 3
    if _below_headline(found.position, layout):
        score += 2
    return score


def _around_prose(position: int, page: Page) -> int:
    if page.prose_start < 0:
        return 0
    if page.prose_end < position:
        return -3
    offset = position - page.prose_start
    if NEAR_PROSE[0] <= offset <= NEAR_PROSE[1]:
        return 2
    return 1 if AROUND_PROSE[0] <= offset <= AROUND_PROSE[1] else 0


def _below_headline(position: int, layout: _Layout) -> bool:
    if layout.title_line is not None and 0 < position - layout.title_line <= TITLE_STEPS:
        return True
    return _headline_above(layout.page, position, HEADLINE_STEPS) is not None


def _title(layout: _Layout, top: int) -> int | None:
    if layout.title_line is not None and 0 <= top - layout.title_line <= TITLE_STEPS:
        return layout.title_line
    return _headline_above(layout.page, top, HEADLINE_STEPS + 2)


def _headline_above(page: Page, position: int, steps: int) -> int | None:
    """The headline within `steps` lines above `position`, not counting the metadata lines passed
    on the way (labels, dates, names, share lines, breadcrumbs, kickers, counters), and past at
    most one standfirst sentence; never more than MAX_WALK lines up."""
    standfirst = False
    for above in range(position - 1, max(-1, position - 1 - MAX_WALK), -1):
        if _is_headline(page, above):
            return above
        line = page.lines[above]
        if _is_metadata_like(line) or (standfirst and line.in_paragraph and not line.labelled):
            continue  # a standfirst wrapped over several lines is one
        steps -= 1
        if (
            steps <= 0
            or standfirst
            or not _SENTENCE_END.search(line.text)
            or line.words > MAX_STANDFIRST_WORDS
        ):
            return None
        standfirst = True
    return None


def _is_headline(page: Page, position: int) -> bool:
    """Short, no sentence end, not a menu (some words without a capital, or no letter case), not
    the value of a `Field:` line above it, and nothing the header vocabulary reads."""
    line = page.lines[position]
    text = line.text
    above = page.lines[position - 1] if position > 0 else None
    return (
        not line.listed
        and not line.in_paragraph
        and line.heading is None
        and not _MARKUP.match(text)
        and MIN_HEADLINE_WORDS <= line.words <= MAX_HEADLINE_WORDS
        and len(text) <= MAX_HEADLINE_CHARS
        and not _NOT_A_HEADLINE.search(text)
        and _has_small_words(text)
        and len(_SHARE.findall(text)) < 2
        and not line.labelled
        and not has_date(text)
        and not (above is not None and above.number == line.number - 1 and above.text.endswith(":"))
        and not _vocabulary_reads(text)
    )


def _has_small_words(text: str) -> bool:
    cased = [word for word in text.split() if word[0].isupper() or word[0].islower()]
    return not cased or any(word[0].islower() for word in cased)


def _is_metadata_like(line: PageLine) -> bool:
    text = line.text
    return (
        line.words <= MAX_KICKER_WORDS
        or line.labelled
        or has_date(text)
        or looks_like_name(text)
        or len(_SHARE.findall(text)) >= 2
        or breadcrumb(text) is not None
        or (line.words <= MAX_HEADLINE_WORDS and _vocabulary_reads(text))
    )


@lru_cache(maxsize=512)
def _vocabulary_reads(text: str) -> bool:
    """True when the header vocabulary reads something in `text`: a job, a counter ("6 min read",
    "2,345 views"), a label, a share list. Not a name alone: in a script without letter case, any
    short line may read as one (the menu test above tells names from headlines where there is)."""
    return any(part.role not in (UNKNOWN, NAME) for part in read_line(text))


def _repeated_title(page: Page) -> int | None:
    """The line that repeats the page's first line (its title, in a crawler's text), or a part of
    it split at " | " or " - " (the site's name)."""
    if not page.lines:
        return None
    first = page.lines[0].text
    parts = {part.casefold() for part in (first, *_TITLE_PARTS.split(first)) if len(part.split()) >= 3}
    for position in range(1, len(page.lines)):
        line = page.lines[position]
        if line.text.casefold() in parts and _is_headline(page, position):
            return position
    return None


def _how(found: DateFound) -> str:
    return f" (label {found.label!r})" if found.label else " (a date without a label, by the headline)"


def _passed_over(page: Page, passed: list[PassedOver]) -> str:
    shown = "; ".join(
        f"line {page.lines[item.position].number} {item.raw!r} ({item.reason})"
        for item in passed[:MAX_PASSED_OVER]
    )
    more = "; and more" if len(passed) > MAX_PASSED_OVER else ""
    return f"page: dates passed over: {shown}{more}"
