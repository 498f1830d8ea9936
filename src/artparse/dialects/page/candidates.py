"""Candidates for the page's dates and author, and the decoys passed over on the way.

A candidate is a label-anchored part of a line (`By NAME`, `Published DATE`, `mis à jour le
DATE`, a date followed by `by NAME`) or an unlabelled full date (day, month and year) on a short
line. Dates are read by the date layer; only full days count. Passed over, with the reason:
copyright lines, `Joined:` lines, dates below a comments heading, unlabelled dates in a list of
other stories or below the article, dates after `now`, and dates only inside a URL (URLs are
removed before looking).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from artparse.dates import FUTURE_SLACK, DateOptions, normalize_date
from artparse.dialects.page.lines import Page, PageLine
from artparse.dialects.page.words import BYLINE_ROLES, is_copyright, is_joined, label_alone, starts_with_label
from artparse.dialects.vocabulary import AUTHOR, DATE, looks_like_name, read_line
from artparse.languages import fold
from artparse.languages.tables import name_words

MAX_CANDIDATE_WORDS = 30  # a longer line is a sentence, whatever it starts with
MAX_UNLABELLED_REST = 3  # words beside an unlabelled date: a place, a weekday, "Updated"
MAX_DATES_READ = 200  # bounded work on pages full of dates

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
    rf"|{_DAY}(?:st|nd|rd|th|er|º|°|\.)?\s+(?:de\s+)?{_MONTH_WORD},?\s+(?:de\s+)?{_YEAR}"
    rf"|{_MONTH_WORD}\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR})(?!\d)(?P<time>{_TIME})"
)
_WORDS = re.compile(r"\w+")
_STRIP = " ,;:|·•\u2013\u2014-"


@dataclass(frozen=True)
class DateFound:
    """A date on the page: `kind` is "published", "updated" or "date" (no label)."""

    position: int
    kind: str
    raw: str
    iso: str
    label: str | None


@dataclass(frozen=True)
class NameFound:
    position: int
    name: str
    label: str


@dataclass(frozen=True)
class PassedOver:
    position: int
    raw: str
    reason: str


@dataclass
class Candidates:
    dates: list[DateFound]
    names: list[NameFound]
    passed_over: list[PassedOver]


@dataclass
class _Section:
    """Where a scan is: below a comments heading (for good), or in a list of other stories."""

    comments: bool = False
    related: bool = False


def find_candidates(page: Page, options: DateOptions) -> Candidates:
    """Every candidate of `page`, in page order, and the dates passed over as decoys."""
    found = Candidates([], [], [])
    section = _Section()
    budget = [MAX_DATES_READ]
    for position, line in enumerate(page.lines):
        _follow_sections(line, section)
        if line.words > MAX_CANDIDATE_WORDS or line.prose or not _may_hold_a_candidate(line.text):
            continue
        reason = _decoy_line(line.text)
        line_found = _read_line(page, position, options, budget, loose=reason is not None)
        if reason is None and section.comments:
            reason = "in the comments"
        for item in line_found.dates:
            why = reason or _passed_date(item, line, page, section, options)
            if why:
                found.passed_over.append(PassedOver(item.position, item.raw, why))
            else:
                found.dates.append(item)
        if reason is None:
            found.names.extend(line_found.names)
    return found


def _follow_sections(line: PageLine, section: _Section) -> None:
    if line.heading == "comments":
        section.comments = True
    elif line.heading == "related":
        section.related = True
    elif line.prose or starts_with_label(line.text):
        section.related = False


def has_date(text: str) -> bool:
    """True when `text` has something shaped like a full date (not read: a cheap test)."""
    return _DATE.search(text) is not None


def _may_hold_a_candidate(text: str) -> bool:
    return any(character.isdigit() for character in text) or starts_with_label(text)


def _decoy_line(text: str) -> str | None:
    if is_copyright(text):
        return "a copyright line"
    if is_joined(text):
        return "a member's joining date"
    return None


def _passed_date(item: DateFound, line: PageLine, page: Page, section: _Section, options: DateOptions) -> str:
    day = date.fromisoformat(item.iso[:10])
    if options.now is not None and day > (options.now + FUTURE_SLACK).date():
        return "after now"
    if day < options.min_date:
        return "before --min-date"
    if item.kind != DATE:
        return ""
    if section.related:
        return "in a list of other stories"
    if page.prose_end >= 0 and item.position > page.prose_end:
        return "below the article"
    if line.listed:
        return "in a list"
    return ""


def _read_line(
    page: Page, position: int, options: DateOptions, budget: list[int], *, loose: bool
) -> Candidates:
    """The labelled parts of a line (read by the header vocabulary) or, without them, its
    unlabelled date; `loose`: any date in the line (a decoy line, to name what was passed over)."""
    found = Candidates([], [], [])
    view = _without_urls(page.lines[position].text)
    if role := label_alone(view):
        if position + 1 < len(page.lines):  # "Published" above its date, as w3m lays out lists
            _read_dated(
                position + 1, role, view, _without_urls(page.lines[position + 1].text), found, options, budget
            )
        return found
    labelled = [part for part in read_line(view) if part.label is not None and part.role in BYLINE_ROLES]
    for part in labelled:
        if part.role == AUTHOR:
            found.names.append(NameFound(position, part.value, part.label or ""))
        else:
            _read_dated(position, part.role, part.label or "", part.value, found, options, budget)
    if not any(part.role != AUTHOR for part in labelled) and (read := _first_date(view, options, budget)):
        raw, iso, rest = read
        if loose or len(_WORDS.findall(rest)) <= MAX_UNLABELLED_REST:
            found.dates.append(DateFound(position, DATE, raw, iso, None))
    return found


def _read_dated(
    position: int,
    role: str,
    label: str,
    value: str,
    found: Candidates,
    options: DateOptions,
    budget: list[int],
) -> None:
    """A labelled date, and the user name after it (`Posted on DATE by jdoe`)."""
    read = _first_date(value, options, budget, whole=True)
    if read is None:
        return
    raw, iso, rest = read
    found.dates.append(DateFound(position, role, raw, iso, label))
    by = rest.split()
    if len(by) == 2 and fold(by[0]) in name_words().by and looks_like_name(by[1], lax=True):
        found.names.append(NameFound(position, by[1], by[0]))


def _without_urls(text: str) -> str:
    return " ".join(_URL.sub(" ", text).split()) if "/" in text or "www" in text else text


def _first_date(
    text: str, options: DateOptions, budget: list[int], *, whole: bool = False
) -> tuple[str, str, str] | None:
    """(raw, ISO, the rest of `text`) for the first full date in `text`; the whole of it first when
    `whole` (a labelled value, which may be in any form the date layer reads)."""
    text = text.strip(_STRIP)
    if whole and text and (iso := _full_day(text, options, budget)):
        return text, iso, ""
    for match in _DATE.finditer(text):
        for raw in (match[0], match["date"]) if match["time"] else (match[0],):
            iso = _full_day(raw.strip(_STRIP), options, budget)
            if iso:
                return raw.strip(_STRIP), iso, text[: match.start()] + text[match.end() :]
    return None


def _full_day(text: str, options: DateOptions, budget: list[int]) -> str | None:
    """The ISO form of `text` when it is a date with a day; None when not, or out of budget."""
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    iso = normalize_date(text, options).iso
    return iso if iso is not None and len(iso) >= len("2021-03-04") else None
