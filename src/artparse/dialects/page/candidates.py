"""Candidates for the page's dates and author, and the decoys passed over on the way.

A candidate is a label-anchored part of a line (`By NAME`, `Published DATE`, `mis à jour le
DATE`, a date followed by `by NAME`) or an unlabelled full date (day, month and year) on a short
line. Dates are read by the date layer; only full days count. Passed over, with the reason:
copyright lines, `Joined:` lines, dates below a comments heading or below the article, unlabelled
dates in a list of other stories, dates after `now`, and dates only inside a URL (URLs are
removed before looking).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from artparse.dates import FUTURE_SLACK, DateOptions, normalize_date
from artparse.dialects.page.lines import MAX_PAGE_LINES, Page, PageLine
from artparse.dialects.page.words import (
    BYLINE_ROLES,
    is_copyright,
    is_day_first,
    is_joined,
    label_alone,
    label_start,
    may_have_label,
    starts_a_byline,
)
from artparse.dialects.vocabulary import (
    AUTHOR,
    DATE,
    PUBLISHED,
    UPDATED,
    Part,
    day_first,
    looks_like_name,
    read_line,
)
from artparse.frozen import NamedTuple
from artparse.languages.spelling import fold
from artparse.languages.tables import month_names, name_words

MAX_CANDIDATE_WORDS = 30  # a longer line is a sentence, whatever it starts with
MAX_CANDIDATE_CHARS = 300
MAX_UNLABELLED_REST = 3  # words beside an unlabelled date: a place, a weekday, "Updated"
MAX_PASSED_OVER = 5  # decoys named in the warning
MAX_DATES_READ = 40  # dates read by the date layer: bounded work on pages full of dates

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:html?|php|aspx?)\b\S*", re.IGNORECASE)
_YEAR = r"(?:1[89]|20)\d\d"
_MONTH_WORD = r"[^\W\d_]{3,12}\.?"
_DAY = r"(?<!\d)[0-3]?\d"
_TIME = (
    r"(?:\s*(?:,|(?i:at|à|a las|alle|um|às|-|\u2013|\u2014))?\s*(?<!\d)[0-2]?\d"
    r"(?:[:.][0-5]\d|\s?h\s?[0-5]\d|h)(?:[:.][0-5]\d)?(?:\s?[aApP]\.?\s?[mM]\.?)?"
    r"(?:\s?(?i:uhr|h|min))?(?:\s?(?:[A-Z]{2,5}|[+-]\d\d:?\d\d))?(?!\w))?"
)
_DATE = re.compile(
    rf"(?P<date>\d{{4}}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
    rf"|{_YEAR}/[01]?\d/[0-3]?\d"
    rf"|{_DAY}[./-][01]?\d[./-]{_YEAR}"
    rf"|{_DAY}(?:st|nd|rd|th|er|º|°|\.)?\s+(?:de\s+)?(?P<month1>{_MONTH_WORD}),?\s+(?:de\s+)?{_YEAR}"
    rf"|(?P<month2>{_MONTH_WORD})\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR})(?!\d)(?P<time>{_TIME})"
)
_DIGIT = re.compile(r"\d")
_LIST_LEADS = " \t•*·-"
_WORDS = re.compile(r"\w+")
_STRIP = " ,;:|·•\u2013\u2014-"


class DateFound(NamedTuple):
    """A date on the page: `kind` is "published", "updated" or "date" (no label)."""

    position: int
    kind: str
    raw: str
    iso: str
    label: str | None
    dayfirst: bool = False  # its label's language writes numeric dates day first


class NameFound(NamedTuple):
    position: int
    name: str
    label: str


class PassedOver(NamedTuple):
    position: int
    raw: str
    reason: str


class Candidates:
    """The dates and names found on a page, and the dates passed over. (Plain classes here and
    named tuples above: no `dataclasses` to load.)"""

    __slots__ = ("dates", "names", "passed_over")

    def __init__(self, dates: list[DateFound], names: list[NameFound], passed_over: list[PassedOver]) -> None:
        self.dates, self.names, self.passed_over = dates, names, passed_over


class _Section:
    """Where a scan is: below a comments heading (for good), or in a list of other stories."""

    __slots__ = ("comments", "related")

    def __init__(self) -> None:
        self.comments = False
        self.related = False


def may_hold_candidates(lines: Sequence[str]) -> bool:
    """A cheap look before the page is read: some short line starts with a label or has a date."""
    for line in lines[:MAX_PAGE_LINES]:
        if len(line) <= MAX_CANDIDATE_CHARS and (
            (_DIGIT.search(line) is not None and _DATE.search(line) is not None)
            or starts_a_byline(line.lstrip(_LIST_LEADS))
        ):
            return True
    return False


def find_candidates(page: Page, options: DateOptions) -> Candidates:
    """Every candidate of `page`, in page order, and the dates passed over as decoys.

    A date that a decoy rule passes over is not read; the others are read by the date layer, and
    the ones after `now` or before the minimum date are passed over then.
    """
    found = Candidates([], [], [])
    section = _Section()
    budget = [MAX_DATES_READ]
    for position, line in enumerate(page.lines):
        _follow_sections(line, section)
        below = section.comments or 0 <= page.prose_end < position
        if below and len(found.passed_over) > MAX_PASSED_OVER:
            break  # below the comments heading or the article, no date can win: enough to show
        if line.words > MAX_CANDIDATE_WORDS or line.prose or not (line.labelled or _DIGIT.search(line.text)):
            continue
        if line.text.startswith("<"):
            continue  # markup (an HTML comment or tag): not what a page shows
        reason = _decoy_line(line.text) or ("in the comments" if section.comments else None)
        written, names = _read_line(page, position, loose=reason is not None)
        if reason is None:
            found.names.extend(names)
        for item in written:
            why = reason or _passed_unread(item, line, page, section)
            read = None if why else _read(item, options, budget)
            if read is not None:
                why = _passed_read(read, options)
            if why:
                found.passed_over.append(PassedOver(item.position, item.shown, why))
            elif read is not None:
                found.dates.append(read)
                found.names.extend(_name_after(read, item))
    return found


def _follow_sections(line: PageLine, section: _Section) -> None:
    if line.heading == "comments":
        section.comments = True
    elif line.heading == "related":
        section.related = True
    elif line.prose or line.labelled:
        section.related = False


def has_date(text: str) -> bool:
    """True when `text` has something shaped like a full date (not read: a cheap test)."""
    return _DATE.search(text) is not None


def _decoy_line(text: str) -> str | None:
    if is_copyright(text):
        return "a copyright line"
    if is_joined(text):
        return "a member's joining date"
    return None


def _passed_unread(item: _Written, line: PageLine, page: Page, section: _Section) -> str:
    if item.kind == DATE and section.related:
        return "in a list of other stories"
    if page.prose_end >= 0 and item.position > page.prose_end:
        return "below the article"
    if item.kind != DATE:
        return ""
    if line.listed:
        return "in a list"
    return ""


def _passed_read(found: DateFound, options: DateOptions) -> str:
    day = date.fromisoformat(found.iso[:10])
    if options.now is not None and day > (options.now + FUTURE_SLACK).date():
        return "after now"
    if day < options.min_date:
        return "before --min-date"
    return ""


class _Written(NamedTuple):
    """A date as written, not read yet: a labelled value, or an unlabelled date's span."""

    position: int
    kind: str
    label: str | None
    shown: str  # the date's text, as the warnings show it
    value: str  # the labelled value ("" for an unlabelled date)
    dayfirst: bool = False  # the label's language writes numeric dates day first (03/04 is 3 April)


def _read_line(page: Page, position: int, *, loose: bool) -> tuple[list[_Written], list[NameFound]]:
    """The dates written on a line and its bylines: its labelled parts (read by the header
    vocabulary) or, without them, its unlabelled date; `loose`: any date shape in the line (a
    decoy line, to name what was passed over)."""
    view = _without_urls(page.lines[position].text)
    if role := label_alone(view):
        if position + 1 < len(page.lines):  # "Published" above its date, as w3m lays out lists
            below = _without_urls(page.lines[position + 1].text)
            return [_Written(position + 1, role, view, below, below, is_day_first(view))], []
        return [], []
    parts = read_line(view) if not loose and may_have_label(view) else []  # a decoy's labels: unread
    labelled = [part for part in parts if part.label is not None and part.role in BYLINE_ROLES]
    names = [  # a user name ("author: str" in code) only after "Posted by" or a date ("DATE by jdoe")
        NameFound(position, part.value, part.label or "")
        for number, part in enumerate(labelled)
        if part.role == AUTHOR
        and (looks_like_name(part.value) or _takes_a_user_name(part, labelled[:number]))
    ]
    dates = [
        _Written(position, p.role, p.label, p.value, p.value, day_first(p))
        for p in labelled
        if p.role != AUTHOR
    ]
    if not dates and page.lines[position].labelled and (own := _labelled_start(position, view)):
        dates.append(own)  # a label the vocabulary did not split from its value
    if not dates and (span := _date_span(view)):
        before, after = view[: span.start()], view[span.end() :].strip(_STRIP)
        then = _labelled_start(position, after) if after else None  # "Nov 15, 2023 Updated Nov 16, 2023"
        rest = before if then else before + after
        if loose or len(_WORDS.findall(rest)) <= MAX_UNLABELLED_REST:
            dates.append(_Written(position, DATE, None, span[0].strip(_STRIP), ""))
            dates.extend([then] if then else [])
    return dates, names


def _takes_a_user_name(part: Part, before: list[Part]) -> bool:
    """True after a label of several words (`Posted by`, `Written by`) or a "by" after a date."""
    label = (part.label or "").split()
    if len(label) > 1:
        return True
    by = bool(label) and fold(label[0]) in name_words().by
    return by and any(other.role in (PUBLISHED, UPDATED) for other in before)


def _labelled_start(position: int, text: str) -> _Written | None:
    """A published or updated label at the start of `text` and the value after it."""
    found = label_start(text)
    if found is None or found[1] not in (PUBLISHED, UPDATED):
        return None
    label, role, value = found
    return _Written(position, role, label, value, value, is_day_first(label))


def _read(item: _Written, options: DateOptions, budget: list[int]) -> DateFound | None:
    """The date `item` says, when it is a full day (a labelled value may be in any form the date
    layer reads: it is read whole first)."""
    if item.dayfirst and not options.dayfirst:
        options = options._replace(dayfirst=True)
    value = item.value.strip(_STRIP)
    if value and (iso := _full_day(value, options, budget)):
        return DateFound(item.position, item.kind, value, iso, item.label, item.dayfirst)
    span = _date_span(value or item.shown)
    if span is None:
        return None
    for raw in (span[0], span["date"]) if span["time"] else (span[0],):
        if iso := _full_day(raw.strip(_STRIP), options, budget):
            return DateFound(item.position, item.kind, raw.strip(_STRIP), iso, item.label, item.dayfirst)
    return None


def _name_after(found: DateFound, item: _Written) -> list[NameFound]:
    """The name after a labelled date (`Posted on DATE by jdoe`, `Publicado el DATE por Marta Gil`)."""
    if not item.value or found.raw not in item.value:
        return []
    by, *name = item.value[item.value.index(found.raw) + len(found.raw) :].split() or [""]
    who = " ".join(name)
    if name and fold(by) in name_words().by and looks_like_name(who, lax=len(name) == 1):
        return [NameFound(found.position, who, by)]
    return []


def _date_span(text: str) -> re.Match[str] | None:
    """The first span of `text` shaped like a full date whose month word, if any, is a month."""
    for match in _DATE.finditer(text):
        word = match["month1"] or match["month2"]
        if word is None or fold(word.rstrip(".")) in month_names():
            return match
    return None


def _without_urls(text: str) -> str:
    return " ".join(_URL.sub(" ", text).split()) if "/" in text or "www" in text else text


def _full_day(text: str, options: DateOptions, budget: list[int]) -> str | None:
    """The ISO form of `text` when it is a date with a day; None when not, or out of budget."""
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    iso = normalize_date(text, options).iso
    return iso if iso is not None and len(iso) >= len("2021-03-04") else None
