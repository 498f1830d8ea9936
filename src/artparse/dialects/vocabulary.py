"""The header vocabulary: what one header line says, read by its labels and by the shape of values.

Public interface (stable: the byline reader and page mode build on it):

    read_line(view) -> list[Part]       every part of the line, in order; UNKNOWN when not understood
    classify_line(view) -> list[Part]   the recognised parts only (no UNKNOWN)
    might_be_header_line(view) -> bool  a cheap check: False means read_line finds no header line
    day_first(part) -> bool             the part's label is in a language that writes 3/4 for 3 April
    is_header_line(parts) -> bool       the parts make a header line (a label or shape says so)
    is_date(text) -> bool               the whole text is a date by its shape (no label needed)
    is_date_like(text) -> bool          a labelled value that may be a date (a digit, "yesterday")
    looks_like_name(text, lax=False)    a person's or desk's name; lax also takes one user name
    read_count(text) -> int | None      a counter with the thousands separators of every language
    breadcrumb(view) -> list[str] | None   `Home > World > Africa` or with angle quotes, as its parts
    is_headline(view) -> bool           short, no sentence end: reads as a headline

`view` is a line as `header.header_view` gives it (invisible marks dropped, runs of spaces one
space, stripped). A line is cut into parts at `|`, `·`, `•`, `—`, a spaced hyphen or en dash, and just
before a label with a colon ("By Jane Smith Published: 3 March 2021"). A part that starts with a
label (any language in artparse.languages, any letter case, Arabic in any of its spellings) has
that label's role when its value has the right kind: a name for AUTHOR, something date-like for
PUBLISHED and UPDATED, a count for VISITS and COMMENTS. Without a label, a shape may still say:
a whole date (DATE), `2,345 views`/`4 min read`/`12 comments` (label after the count), a list of
share channels (SHARE), a name (NAME: the caller decides whether it is the author), a mail
address (`jdoe@x.org`, `jdoe at x.org`: ADDRESS). A who-label's value is split further: `NAME on
DATE` gives AUTHOR and PUBLISHED, `NAME, Berlin correspondent` AUTHOR and JOB, `NAME for OUTLET`
AUTHOR and OUTLET, `NAME jdoe at x.org` AUTHOR and ADDRESS; a date's value `DATE by NAME` gives
the date and AUTHOR; `Last updated by NAME on DATE` UPDATED_BY and UPDATED.

Part.value is the text of the value as it is in the view; Part.span is where it is in the view
([start, end)); Part.label is the label as written (None when a shape alone said so); Part.count
is the number of a VISITS, COMMENTS or READING_TIME part (None for a COMMENTS link without one,
"Leave a comment"); Part.items the list of a TAGS, CATEGORY or SHARE part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from types import ModuleType

from artparse.dialects.header import read_count as _read_count
from artparse.frozen import NamedTuple
from artparse.languages.language import (
    AUTHOR,
    CATEGORY,
    COMMENTS,
    PUBLISHED,
    READING_TIME,
    SHARE,
    TAGS,
    UPDATED,
    VISITS,
)
from artparse.languages.spelling import fold, plain
from artparse.languages.tables import date_words, labels, month_names, name_words, relative_words
from artparse.patterns import on_first_use

UPDATED_BY = "updated_by"
DATE = "date"
NAME = "name"
ADDRESS = "address"
JOB = "job"
OUTLET = "outlet"
UNKNOWN = "unknown"

__all__ = [
    "ADDRESS",
    "AUTHOR",
    "CATEGORY",
    "COMMENTS",
    "DATE",
    "JOB",
    "NAME",
    "OUTLET",
    "PUBLISHED",
    "READING_TIME",
    "SHARE",
    "TAGS",
    "UNKNOWN",
    "UPDATED",
    "UPDATED_BY",
    "VISITS",
    "Part",
    "breadcrumb",
    "classify_line",
    "day_first",
    "is_date",
    "is_date_like",
    "is_header_line",
    "is_headline",
    "looks_like_name",
    "might_be_header_line",
    "read_count",
    "read_line",
]

MAX_NAME_WORDS = 12
MAX_CASELESS_NAME_WORDS = 6
MAX_DATE_WORDS = 10  # a longer labelled value is a sentence, unless all of it is a date
MAX_ITEM_WORDS = 5  # words in one tag or category
MAX_DURATION_CHARS = 20
MAX_UNLABELLED_CHARS = 160  # a name with its job and address, a date by a name, a list of channels
MAX_HEADLINE_WORDS = 24
MAX_HEADLINE_CHARS = 200
DATE_ROLES = frozenset({PUBLISHED, UPDATED, DATE})
STRONG_ROLES = frozenset(
    {AUTHOR, PUBLISHED, UPDATED, UPDATED_BY, VISITS, COMMENTS, READING_TIME, CATEGORY, TAGS, SHARE, ADDRESS}
)
"""Roles that make a line a header line; a NAME, JOB or OUTLET alone does not."""

_SEPARATOR = re.compile(r"\s*(?:[|·•]|\u2014|\s[\u2013-]\s|\s--\s)\s*")  # em dash, spaced en dash or hyphen
_LIST_BREAK = re.compile(r"\s*[,;|·•\u060c\u061b]\s*")  # with the Arabic comma and semicolon
_CASELESS_END = re.compile(r"[.!?:;\u060c\u061b\u061f]$")
_SENTENCE_END = re.compile(r"[.!?;:,…]$")
_NAME_END = re.compile(r"[!?:;]$")  # not ".": "Jr." and "DAILYMAIL.COM" end names
_USER_NAME = re.compile(r"[\w.@'-]{1,40}")
_TOKEN = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_COUNT_VALUE = re.compile(r"\d[\d,.' \u066c]*")
_DURATION = re.compile(r"\d{1,3}\s*[^\W\d_]*\.?")  # "4 min", "4 min.", "3 Minuten"
_ABBREVIATED = re.compile(r"(?:\d|\b[^\W\d_]{1,4})\.$")  # "3 March 2021.", "4 min.", "Jr."
_ADDRESS = re.compile(
    r"(?:^|\s+)[<(\[]?(?P<address>[\w.+'-]+(?:@|\s+at\s+|\s*[\[(]at[\])]\s*)[\w-]+(?:\.[\w-]+)+)[>)\]]?$",
    re.IGNORECASE,
)
_FOR_OUTLET = re.compile(r"(?P<who>.+?)\s+for\s+(?P<outlet>.+)", re.IGNORECASE)
_CRUMB = re.compile(r"\s+[\u203a»>/]\s+|\s*[\u203a»]\s*")  # \u203a: single angle quote
_CRUMB_MARKS = "\u203a»>/"  # one of which is in every _CRUMB match
_DATE_TOKEN = re.compile(
    r"\d{1,4}(?:st|nd|rd|th|er|º|°|ª|\.)?"  # day or year
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"  # numeric date
    r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO
    r"|\d{1,2}[:.h]\d{2}(?::\d{2})?(?:[ap]\.?m\.?)?"  # time
    r"|[+-]\d{2}:?\d{2}|\(?[A-Z]{1,5}\)?|\(?(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?\)?"  # zones
    r"|\d{1,2}(?:[ap]\.?m\.?)"
    r"|\d{1,2}\.[a-z]{3,9}\.\d{4}",  # Folha's "3.mar.2021"
    re.ASCII,
)
_TIME_ONLY = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?", re.IGNORECASE)
_DATE_SHAPE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[:.h]\d{2}", re.ASCII)
_ARABIC_VARIANTS = {
    "\u0627": "[\u0627\u0623\u0625\u0622\u0671]",
    "\u064a": "[\u064a\u0649]",
    "\u0647": "[\u0647\u0629]",
}
# alef, yeh and heh stand for their other spellings (as languages.spelling.fold folds them)
_ARABIC_MARKS = "[\u0640\u064b-\u0652\u0670]*"


class Part(NamedTuple):
    """One part of a header line: its role, its value as written, where the value is, its label.

    (A named tuple, not a dataclass: a tenth of the cost to make, and no `dataclasses` to load.)
    """

    role: str
    value: str
    span: tuple[int, int]
    label: str | None = None
    count: int | None = None  # type: ignore[assignment]  # the field shadows tuple.count, which nothing calls
    items: tuple[str, ...] = ()


def read_line(view: str) -> list[Part]:
    """Every part of the line `view` (see header_view), in order; UNKNOWN for what is not understood."""
    return list(_line_parts(view))


@lru_cache(maxsize=1024)
def _line_parts(view: str) -> tuple[Part, ...]:
    """_read_line(view), kept for the lines that come again (a site's "By" line, its kicker,
    its share line), whose reading is the dearest part of a byline file's detection."""
    return tuple(_read_line(view))


def _read_line(view: str) -> list[Part]:
    """read_line(view), read afresh."""
    parts: list[Part] = []
    for start, end in _segments(view):
        parts.extend(_read_segment(view, start, end))
    return _times_with_dates(view, _channels_in_context(parts))


def _times_with_dates(view: str, parts: list[Part]) -> list[Part]:
    """A time cut off from its date by a separator ("8 April 2024 - 09:40 am") joins the date."""
    kept: list[Part] = []
    for part in parts:
        before = kept[-1] if kept else None
        if before and before.role in DATE_ROLES and part.role == DATE and _TIME_ONLY.fullmatch(part.value):
            span = (before.span[0], part.span[1])
            kept[-1] = Part(before.role, view[span[0] : span[1]], span, before.label)
        else:
            kept.append(part)
    return kept


def _channels_in_context(parts: list[Part]) -> list[Part]:
    """One channel name alone ("X", "Email") is a share channel only after a share label."""
    labelled = False
    kept = []
    for part in parts:
        labelled = labelled or (part.role == SHARE and part.label is not None)
        if part.role == SHARE and part.label is None and len(part.items) < 2 and not labelled:
            part = Part(NAME if looks_like_name(part.value) else UNKNOWN, part.value, part.span)
        kept.append(part)
    return kept


def separated(text: str) -> list[str]:
    """The pieces of `text` between the separators of header parts (`|`, `·`, `•`, dashes)."""
    return [piece for piece in _SEPARATOR.split(text) if piece]


def might_be_header_line(view: str) -> bool:
    """A quick check before read_line: False when no part of `view` can be a strong header part
    (no digit, no mail address, no word that starts a label or names a share channel)."""
    if _DIGIT.search(view) or "@" in view or " at " in view or "(at)" in view or "[at]" in view:
        return True
    folded = fold(view)
    if name_words().share.isdisjoint(folded.split()) and not _may_hold_label_word(folded):
        return False  # what _has_label_or_channel finds then, at a fraction of its cost
    return _has_label_or_channel(view)


def _has_label_or_channel(view: str) -> bool:
    """Whether a word of `view` may start a label or names a share channel."""
    channels = name_words().share
    words = view.split()
    for index, word in enumerate(words):
        if (
            _may_start_label(word, words[index + 1] if index + 1 < len(words) else "")
            or fold(word) in channels
        ):
            return True
    return False


def classify_line(view: str) -> list[Part]:
    """The parts of `view` that a label or shape recognises, in order."""
    return [part for part in read_line(view) if part.role != UNKNOWN]


def is_header_line(parts: list[Part]) -> bool:
    """True when a label or an unambiguous shape makes the line a header line.

    A line with a recognised label, a counter or share list, or a name with its mail address, is
    one even when it has parts that are not understood (they go to `extra`); a whole date is one;
    names alone are not (a headline is a few capitalised words too).
    """
    roles = [part.role for part in parts]
    if not STRONG_ROLES.isdisjoint(roles):
        known = len(roles) - roles.count(UNKNOWN)
        return known > len(roles) - known
    return bool(roles) and roles.count(DATE) == len(roles)  # only dates


# --- the parts of a line ---


def _segments(view: str) -> list[tuple[int, int]]:
    """(start, end) of each part between separators, and before labels with a colon inside one."""
    cuts = [0, *_separator_cuts(view), len(view)]
    segments = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        segments.extend(_split_before_labels(view, start, end))
    return [(start, end) for start, end in segments if end > start]


def _separator_cuts(view: str) -> list[int]:
    """The start and end of each _SEPARATOR match in `view`, as _SEPARATOR.finditer gives them,
    with each search started where the next match may begin (_next_separator_at)."""
    cuts: list[int] = []
    at = _next_separator_at(view, 0)
    while at < len(view) and (found := _SEPARATOR.search(view, at)):
        cuts.extend(found.span())
        at = _next_separator_at(view, found.end())
    return cuts


def _next_separator_at(view: str, at: int) -> int:
    """Where a _SEPARATOR match at or after `at` may start: every match holds one of its marks
    (a bar, a dot, a dash) with only spaces before it, so none starts before the spaces ahead of
    the first mark from `at`. The end of `view` when no mark follows (most lines: the scan is the
    dearest part of a short line's reading)."""
    mark = _separator_mark().search(view, at)
    if mark is None:
        return len(view)
    return max(at, len(view[: mark.start()].rstrip()))


_separator_mark = on_first_use("[|\u00b7\u2022\u2014\u2013-]")
"""The characters one of which is in every _SEPARATOR match."""


def _split_before_labels(view: str, start: int, end: int) -> list[tuple[int, int]]:
    if _no_label_after_first_word(view, start, end):
        return [(start, len(view[:end].rstrip(" ,;")))]  # what _split_at_labels gives then
    return _split_at_labels(view, start, end)


def _split_at_labels(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """view[start:end] cut before each label that opens a part of its own (see _segments)."""
    inner = [start]
    covered = start  # a word inside a longer label ("Written by") starts no label of its own
    for position in _label_starts(view, start, end):
        found = _match_label(view, position, end) if position >= covered else None
        if found is None:
            continue
        covered = found.end()
        if found.start() == start or not view[found.start() - 1].isspace():
            continue
        after = view[found.end() : end]
        label = labels().get(_folded(found[0]))
        if label is None:
            continue
        before = view[start : found.start()].rstrip()
        dated = label.role in (PUBLISHED, UPDATED)
        if (
            after.lstrip().startswith(":")
            or (label.role == UPDATED and _starts_with_word(after, name_words().by | name_words().on))
            or (dated and before.endswith((",", ";")) and is_date_like(after))
        ):
            inner.append(found.start())
    inner.append(end)
    return [(a, len(view[:b].rstrip(" ,;"))) for a, b in pairwise(inner)]


def _no_label_after_first_word(view: str, start: int, end: int) -> bool:
    """True when no word of view[start:end] but the one at `start` may start a label (nor the
    first when spaces come before it): a word that may start a label, or a label's first words,
    after folding and without the marks _may_start_label strips (see _label_words)."""
    text = view[start:end]
    if not text:
        return True
    if text[0].isspace():
        return False
    rest = text.split(maxsplit=1)
    if len(rest) < 2:
        return True
    return not _may_hold_label_word(fold(rest[1]))


def _read_segment(view: str, start: int, end: int) -> list[Part]:
    text = view[start:end].rstrip()
    end = start + len(text)
    found = _label_at(view, start, end)
    # A label is looked up as folded; IGNORECASE also matches what folding keeps apart (the long
    # s U+017F for "s", the Kelvin sign for "k"), which is then read as no label.
    label = labels().get(_folded(found[0])) if found else None
    if found and label:
        value_start = _skip_colon(view, found.end(), end)
        has_colon = ":" in view[found.end() : value_start]
        if has_colon or not label.colon:
            parts = _labelled(view, found[0], label.role, value_start, end, colon=has_colon)
            if parts:
                return parts
            if has_colon:  # "Date: not yet announced": the label is clear, the value is not one
                return [Part(UNKNOWN, text, (start, end), found[0])]
    return _unlabelled(view, start, end)


def _skip_colon(view: str, index: int, end: int) -> int:
    while index < end and (view[index].isspace() or view[index] in ":\uff1a-\u2013"):
        index += 1
    return index


def _labelled(view: str, label: str, role: str, start: int, end: int, *, colon: bool) -> list[Part]:
    """The parts of a labelled value, or [] when the value is not of the kind the label says."""
    value = view[start:end]
    span = (start, end)
    if role == AUTHOR:
        return _who(view, label, start, end, lax=colon or " " in label)
    if role in (PUBLISHED, UPDATED):
        if role == UPDATED and _starts_with_word(value, name_words().by):
            by_end = _skip_word(view, start, end)
            return _updated_by(view, label, by_end, end)
        if not is_date_like(value) or not (_short(value, MAX_DATE_WORDS) or is_date(value)):
            return []  # "Updated 3 times since the war began."
        if not colon and not _opens_with_date(value):
            return []  # "Published reports say the minister resigned on 3 May 2021."
        return _date_then_by(view, label, role, start, end)
    if role == COMMENTS and not value:
        return [Part(role, value, span, label)]  # "Leave a comment", "Comments": a link, no count
    if role in (VISITS, COMMENTS):
        return (
            [Part(role, value, span, label, count=_count(value))]
            if _COUNT_VALUE.fullmatch(plain(value))
            else []
        )
    if role == READING_TIME:
        return (
            [Part(role, value, span, label, count=_count(value.split()[0]))]
            if len(value) <= MAX_DURATION_CHARS and _DURATION.fullmatch(value)
            else []
        )
    items = tuple(item for item in _LIST_BREAK.split(value) if item)
    if role == SHARE:
        channels = all(fold(item) in name_words().share for item in items)
        return [Part(role, value, span, label, items=items)] if colon or channels else []
    listed = role in (CATEGORY, TAGS) and bool(items) and (colon or " " in label)
    if listed and _short(value, MAX_DATE_WORDS * 3) and all(_short(item, MAX_ITEM_WORDS) for item in items):
        return [Part(role, value, span, label, items=items)]
    return []


def _short(text: str, words: int) -> bool:
    """A value, not a sentence: at most `words` words and no sentence end."""
    if len(text.split()) > words:
        return False
    return not text.endswith((".", "!", "?")) or bool(_ABBREVIATED.search(text))


def _unlabelled(view: str, start: int, end: int) -> list[Part]:
    value = view[start:end]
    span = (start, end)
    if len(value) > MAX_UNLABELLED_CHARS:
        return [Part(UNKNOWN, value, span)]  # a sentence: no shape of a header part is this long
    if (counted := _counted(value)) and (label := labels().get(_folded(counted["label"]))):
        return [Part(label.role, value, span, counted["label"], count=_count(counted["count"]))]
    if is_date(value):
        return [Part(DATE, value, span)]
    if len(by := _date_then_by(view, None, DATE, start, end)) > 1:
        return by
    channels = _LIST_BREAK.split(value)
    if len(channels) == 1 and " " in value and fold(value) not in name_words().share:
        channels = value.split()  # "Facebook Twitter Email"
    if all(fold(channel) in name_words().share for channel in channels):
        return [Part(SHARE, value, span, items=tuple(channels))]
    if _may_hold_address(value) and (address := _ADDRESS.search(value)):
        name_end = start + address.start()
        parts = _who(view, None, start, name_end, lax=False) if name_end > start else []
        if all(part.role != UNKNOWN for part in parts):
            parts = [Part(NAME, p.value, p.span) if p.role == AUTHOR else p for p in parts]
            return [*parts, Part(ADDRESS, address["address"], (start + address.start("address"), end))]
    if looks_like_name(value):
        return [Part(NAME, value, span)]
    if _may_hold_job(value) and _job_in(value):
        parts = _who(view, None, start, end, lax=False)
        if len(parts) == 2 and parts[0].role == AUTHOR:
            return [Part(NAME, parts[0].value, parts[0].span), parts[1]]
    return [Part(UNKNOWN, value, span)]


def _who(view: str, label: str | None, start: int, end: int, *, lax: bool) -> list[Part]:
    """AUTHOR from a who-label's value, with the date, job, outlet or address that may follow it."""
    value = view[start:end]
    when = _last_word_before(value, name_words().on, is_date_like)
    if when is not None:
        who_end, date_start = start + when[0], start + when[1]
        on_word = view[who_end:date_start].strip()
        who = _who(view, label, start, who_end, lax=lax) or [
            Part(UNKNOWN, view[start:who_end], (start, who_end))
        ]
        return [*who, *_date_then_by(view, on_word, PUBLISHED, date_start, end)]
    if _may_hold_address(value) and (address := _ADDRESS.search(value)):
        name_end = start + address.start()
        if name_end > start:
            found = _who(view, label, start, name_end, lax=lax)
            return [*found, Part(ADDRESS, address["address"], (start + address.start("address"), end))]
    if _may_hold_job(value) and (job := _job_in(value)):
        split = _name_and_job(value, job.start())
        if split is not None:
            name, job_start = split
            job_part = Part(JOB, view[start + job_start : end], (start + job_start, end))
            if name is None:
                return [Part(UNKNOWN, value, (start, end), label)]
            return [Part(AUTHOR, name, (start, start + len(name)), label), job_part]
    outlet = _FOR_OUTLET.fullmatch(value) if not value.isascii() or "for" in value.lower() else None
    if outlet and looks_like_name(outlet["who"]) and looks_like_name(outlet["outlet"]):
        who_end = start + outlet.end("who")
        return [
            Part(AUTHOR, outlet["who"], (start, who_end), label),
            Part(OUTLET, outlet["outlet"], (start + outlet.start("outlet"), end)),
        ]
    if looks_like_name(value, lax=lax):
        return [Part(AUTHOR, value, (start, end), label)]
    return [Part(UNKNOWN, value, (start, end), label)] if label is None else []


def _may_hold_address(text: str) -> bool:
    """False when _ADDRESS surely finds nothing in `text`: ASCII text with no "@" and no "at" in
    any letter case (its IGNORECASE takes no other ASCII letters for "a" and "t")."""
    return not text.isascii() or "@" in text or "at" in text.lower()


def _may_hold_job(text: str) -> bool:
    """False when _job_pattern() surely finds nothing in `text`: ASCII text none of whose words
    (runs of \\w characters), in lower case, is the first word of a role (see _job_first_words)."""
    words = _job_first_words()
    if words is None or not text.isascii():
        return True
    return not words.isdisjoint(text.lower().translate(_ascii_non_word()).split())


@cache
def _job_first_words() -> frozenset[str] | None:
    """The leading run of \\w characters of each ASCII role in lower case: a match of the role
    in ASCII text starts after no \\w character, with that run and then no \\w character.
    None when a role does not open with one, or has a letter that IGNORECASE matches to an
    ASCII one (the dotless i, the long s, the Kelvin sign), which that test cannot see."""
    roles = name_words().roles
    if any(char in "\u0130\u0131\u017f\u212a" for role in roles for char in role):
        return None
    runs = {role: re.match(r"\w+", role, re.ASCII) for role in roles if role.isascii()}
    if not all(runs.values()):
        return None
    return frozenset(run[0].lower() for run in runs.values() if run)


@cache
def _ascii_non_word() -> dict[int, str]:
    """A translate table turning every ASCII character but a \\w one into a space."""
    return {code: " " for code in range(128) if not re.match(r"\w", chr(code))}


def _name_and_job(value: str, job_start: int) -> tuple[str | None, int] | None:
    """(name, where the job starts) for "NAME, Berlin correspondent" or "NAME Berlin correspondent".

    Without a comma the name is its first two words and a third word is the job's (a place, a
    desk); with more words before the job nobody can tell: the name is None.
    """
    head = value[:job_start].rstrip(" ,")
    if not head:
        return None
    if "," in head:
        name = head[: head.rindex(",")].strip()
        rest = value.index(",", len(name)) + 1
        return (name if looks_like_name(name) else None), len(value) - len(value[rest:].lstrip())
    words = head.split()
    if len(words) <= 2:
        return (head if looks_like_name(head) else None), job_start
    if len(words) == 3:
        name = " ".join(words[:2])
        return (name if looks_like_name(name) else None), value.index(words[2], len(name))
    return None, job_start


def _updated_by(view: str, label: str, start: int, end: int) -> list[Part]:
    value = view[start:end]
    when = _last_word_before(value, name_words().on, is_date_like)
    if when is None:
        return [Part(UPDATED_BY, value, (start, end), label)] if looks_like_name(value, lax=True) else []
    who_end, date_start = start + when[0], start + when[1]
    who = view[start:who_end]
    parts = [Part(UPDATED_BY, who, (start, who_end), label)] if who else []
    return [*parts, Part(UPDATED, view[date_start:end], (date_start, end), label)]


def _date_then_by(view: str, label: str | None, role: str, start: int, end: int) -> list[Part]:
    """A date part, or a date and AUTHOR for "DATE by NAME"; [] for an unlabelled non-date."""
    value = view[start:end]
    lax = label is not None  # after "Posted on": "March 3, 2021 by admin"
    date_head = is_date_like if label is not None else is_date
    by = _first_split(value, name_words().by, date_head, lambda tail: looks_like_name(tail, lax=lax))
    if by is not None:
        date_end, name_start = start + by[0], start + by[1]
        return [
            Part(role, view[start:date_end], (start, date_end), label),
            Part(AUTHOR, view[name_start:end], (name_start, end), view[date_end:name_start].strip()),
        ]
    if label is None and not is_date(value):
        return []
    return [Part(role, value, (start, end), label)]


def _first_split(
    value: str, words: frozenset[str], head_check: Callable[[str], bool], tail_check: Callable[[str], bool]
) -> tuple[int, int] | None:
    """(end of the head, start of the tail) around the first of `words` with a head and a tail
    that pass their checks: "1. Januar 2000 von Jonas von Weber" splits at the first "von"."""
    if words.isdisjoint(fold(value).split()):
        return None
    tokens = list(_TOKEN.finditer(value))
    for index in range(1, len(tokens) - 1):
        if fold(tokens[index][0]) in words:
            head, tail = value[: tokens[index - 1].end()], value[tokens[index + 1].start() :]
            if head_check(head) and tail_check(tail):
                return tokens[index - 1].end(), tokens[index + 1].start()
    return None


def _last_word_before(
    value: str, words: frozenset[str], check: Callable[[str], bool]
) -> tuple[int, int] | None:
    """(end of the head, start of the tail) around the last of `words` whose tail passes `check`."""
    if words.isdisjoint(fold(value).split()):
        return None
    tokens = list(_TOKEN.finditer(value))
    for index in range(len(tokens) - 2, 0, -1):
        if fold(tokens[index][0]) in words:
            tail = value[tokens[index + 1].start() :]
            if check(tail):
                return tokens[index - 1].end(), tokens[index + 1].start()
    return None


def _starts_with_word(text: str, words: frozenset[str]) -> bool:
    first = text.split(maxsplit=1)
    return bool(first) and fold(first[0]) in words


def _skip_word(view: str, start: int, end: int) -> int:
    while start < end and not view[start].isspace():
        start += 1
    while start < end and view[start].isspace():
        start += 1
    return start


def _count(text: str) -> int | None:
    return _read_count(text, [])


# --- shapes ---


def day_first(part: Part) -> bool:
    """True when the part's own label is in a language that writes numeric dates day first."""
    label = labels().get(_folded(part.label)) if part.label else None
    return label is not None and label.day_first


def is_date_like(text: str) -> bool:
    """True when a labelled value may be a date: it has a digit, or a relative-date word."""
    if _DIGIT.search(text):
        return True
    words = relative_words()
    folded = fold(text)
    tokens = folded.replace(",", " ").split()
    return any(
        token in words.days or token in words.now or token in words.before or token in words.after
        for token in tokens
    ) or any(phrase in folded for phrase in words.days if " " in phrase)


def is_date(text: str) -> bool:
    """True when all of `text` is a date: only date words and numbers, with a month or a numeric
    date or time, or a relative date ("3 hours ago", "أمس")."""
    text = plain(text)
    if not _DIGIT.search(text):
        return _is_relative(text)
    has_month = False
    for token in text.replace(",", " ").split():
        kind = _date_token(token)
        if kind is None:
            return _is_relative(text)
        has_month = has_month or kind
    return has_month or bool(_DATE_SHAPE.search(text)) or _is_relative(text)


@lru_cache(maxsize=4096)
def _date_token(token: str) -> bool | None:
    """True for a month name, False for another word or number a date may have, None for others."""
    if _DATE_TOKEN.fullmatch(token):
        return False
    word = fold(token.strip(".()"))
    if word in month_names():
        return True
    return False if word in date_words() else None


def _opens_with_date(value: str) -> bool:
    """True when the first word of `value` may begin a date: a number, a month or day name, a
    word dates are written with ("le", "am"), or a relative date."""
    first = plain(value).split(maxsplit=1)[0].rstrip(",;")
    return _date_token(first) is not None or _is_relative(value)


def _is_relative(text: str) -> bool:
    return _relative().read_relative(fold(" ".join(text.split()))) is not None


@cache
def _relative() -> ModuleType:
    """artparse.relative, imported on first use (an import statement costs on every call)."""
    from artparse import relative

    return relative


def looks_like_name(text: str, lax: bool = False) -> bool:
    """True when `text` reads as a name: a few words, each capitalised unless a particle.

    `lax` also takes one user name as sites print it ("admin", "jdoe"), which is safe only after
    a label that says a name follows ("Posted by:").
    """
    words = text.replace(",", " ").split()
    if not words or len(words) > MAX_NAME_WORDS or not text[0].isalpha() or ":" in text:
        return False
    if _NAME_END.search(text):
        return False
    if lax and len(words) == 1 and _USER_NAME.fullmatch(text):
        return True
    if not _has_cased_letter(text):  # Arabic: no capitals to go by
        return len(words) <= MAX_CASELESS_NAME_WORDS and not _CASELESS_END.search(text)
    small = _small_name_words()
    return all(not word[0].islower() or fold(word) in small for word in words)


def _has_cased_letter(text: str) -> bool:
    """Whether a character of `text` is upper or lower case; for ASCII text, whether it has a
    letter, which its upper and lower case tell apart in one step each."""
    if text.isascii():
        return text.lower() != text.upper()
    return any(char.isupper() or char.islower() for char in text)


@cache
def _small_name_words() -> frozenset[str]:
    """Words a name may have in lower case: particles ("de", "von") and "on"'s words."""
    return name_words().particles | name_words().on


def read_count(text: str) -> int | None:
    """A counter (`1,234`, `1.234`, `1 234`, Arabic-Indic digits with U+066C), or None."""
    return _count(text)


def breadcrumb(view: str) -> list[str] | None:
    """The parts of a breadcrumb line (`Home > World > Africa`, or with angle quotes), or None."""
    if not any(mark in view for mark in _CRUMB_MARKS):
        return None  # _CRUMB cannot cut it: one part
    parts = _CRUMB.split(view)
    if len(parts) < 2 or not all(0 < len(part.split()) <= 4 and part[0].isalnum() for part in parts):
        return None
    return parts if len(parts) >= 3 or "\u203a" in view or "»" in view else None


def is_headline(view: str) -> bool:
    """True when `view` reads as a headline: a few words, no sentence end, not a date."""
    words = view.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or len(view) > MAX_HEADLINE_CHARS:
        return False
    if _SENTENCE_END.search(view) or not (view[0].isalnum() or view[0] in "\"'\u201c\u2018«[(¿¡"):
        return False
    return any(char.isalpha() for char in view) and not is_date(view)


# --- patterns built from the language data ---


def _label_starts(view: str, start: int, end: int) -> list[int]:
    """Where a label may begin: a word that starts a one-word label, or two that start a longer one."""
    text = view[start:end]
    lowered = fold(text)
    if not _may_hold_label_word(lowered):
        return []
    words = text.split()
    folded = lowered.split()
    if len(folded) != len(words) or " ".join(words) != text:
        return _label_starts_scanned(view, start, end)
    # Words parted by one space each: a word starts where the ones before it and their spaces end.
    # Only a word among _first_words() may start a label: the others are not looked up.
    starts = _first_words()
    found = []
    for index, word in enumerate(folded):
        if word.rstrip(_LABEL_END) in starts and _may_start_label(
            words[index], words[index + 1] if index + 1 < len(words) else ""
        ):
            found.append(start + len(" ".join(words[:index])) + (index > 0))
    return found


def _label_starts_scanned(view: str, start: int, end: int) -> list[int]:
    """_label_starts of any text, a token at a time."""
    tokens = [(token.start(), token[0]) for token in _TOKEN.finditer(view, start, end)]
    return [
        position
        for index, (position, word) in enumerate(tokens)
        if _may_start_label(word, tokens[index + 1][1] if index + 1 < len(tokens) else "")
    ]


def _label_at(view: str, start: int, end: int) -> re.Match[str] | None:
    """The label that opens view[start:end] (as _match_label finds it), when its first word,
    at `start`, may start one (then the one after it)."""
    words = view[start:end].split(maxsplit=2)
    if not words or view[start].isspace():
        return None
    if not _may_start_label(words[0], words[1] if len(words) > 1 else ""):
        return None
    return _label_opened_by(words[0], view, start, end)


@lru_cache(maxsize=8192)
def _may_start_label(token: str, following: str = "") -> bool:
    """A cheap test before the label pattern: `token` (then `following`) may open a label."""
    word = fold(token).rstrip(_LABEL_END)
    bare, with_colon, pairs = _label_words()
    if word in bare or (word in with_colon and token.endswith((":", "\uff1a"))):
        return True
    return fold(following).rstrip(_LABEL_END) in pairs.get(word, ())


@cache
def _label_words() -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]]]:
    """One-word labels that may go without a colon, those that need one, and the first two
    words of the longer labels (first -> seconds)."""
    single = {text: label for text, label in labels().items() if " " not in text}
    pairs: dict[str, set[str]] = {}
    for text in labels():
        if " " in text:
            first, second = text.split()[:2]
            pairs.setdefault(first, set()).add(second)
    return (
        frozenset(text for text, label in single.items() if not label.colon),
        frozenset(text for text, label in single.items() if label.colon),
        {first: frozenset(seconds) for first, seconds in pairs.items()},
    )


_LABEL_END = ":\uff1a,;."
"""What _may_start_label strips from the end of a folded word before looking it up."""


@cache
def _first_words() -> frozenset[str]:
    """Every word for which _may_start_label may be True (whatever follows it), as it looks the
    word up: folded and without the marks it strips (so no word that ends with one, "min.")."""
    bare, with_colon, pairs = _label_words()
    return frozenset(word for word in bare | with_colon | set(pairs) if word == word.rstrip(_LABEL_END))


def _may_hold_label_word(folded: str) -> bool:
    """False when no word of the folded text, less the marks _may_start_label strips from its
    end, is one of _first_words(). The marks anywhere become spaces first: a word then stays
    whole unless it had a mark inside, and no first word has one (_no_mark_in_first_words)."""
    if not _no_mark_in_first_words():
        return not _first_words().isdisjoint([word.rstrip(_LABEL_END) for word in folded.split()])
    for mark in _LABEL_END:  # str.replace five times costs less than str.translate once
        folded = folded.replace(mark, " ")
    return not _first_words().isdisjoint(folded.split())


@cache
def _no_mark_in_first_words() -> bool:
    """No first word of a label holds a mark of _LABEL_END (else the marks inside words must stay)."""
    return not any(mark in word for word in _first_words() for mark in _LABEL_END)


@lru_cache(maxsize=1024)
def _folded(label: str) -> str:
    return fold(" ".join(label.split()))


def _spelled(phrase: str) -> str:
    """A pattern for `phrase` in any spelling: any run of spaces, Arabic letter groups and marks."""
    out = []
    for char in phrase:
        if char == " ":
            out.append(r"\s+")
        elif "\u0600" <= char <= "\u06ff":
            out.append(_ARABIC_VARIANTS.get(char, re.escape(char)) + _ARABIC_MARKS)
        else:
            out.append(re.escape(char))
    return "".join(out)


def _alternation(phrases: list[str]) -> str:
    return "|".join(_spelled(phrase) for phrase in sorted(set(phrases), key=len, reverse=True))


def _match_label(view: str, start: int, end: int) -> re.Match[str] | None:
    """The longest label at `start`, tried only among the labels that share its first word."""
    first = _TOKEN.match(view, start, end)
    return _label_opened_by(first[0], view, start, end) if first else None


def _label_opened_by(word: str, view: str, start: int, end: int) -> re.Match[str] | None:
    """The longest label at `start`, whose first word is `word`, among the labels it opens."""
    pattern = _labels_starting(fold(word).rstrip(_LABEL_END))
    return pattern.match(view, start, end) if pattern else None


@lru_cache(maxsize=1024)
def _labels_starting(word: str) -> re.Pattern[str] | None:
    texts = _labels_by_first_word().get(word)
    if not texts:
        return None
    return re.compile(rf"(?<!\w)(?:{_alternation(texts)})(?!\w)", re.IGNORECASE)


@cache
def _labels_by_first_word() -> dict[str, list[str]]:
    by_word: dict[str, list[str]] = {}
    for text in labels():
        by_word.setdefault(text.split()[0], []).append(text)
    return by_word


def _counted(value: str) -> re.Match[str] | None:
    """_counted_pattern().fullmatch(value), by the smaller pattern of the ASCII labels for ASCII
    `value`; without a pattern when `value` does not open with the decimal digit (\\d) that
    every match opens with."""
    if not value[:1].isdecimal():
        return None
    return (_counted_ascii_pattern() if value.isascii() else _counted_pattern()).fullmatch(value)


def _job_in(value: str) -> re.Match[str] | None:
    """_job_pattern().search(value), by the smaller pattern of the ASCII roles for ASCII `value`
    (the same match: no other role can match ASCII text)."""
    return (_job_ascii_pattern() if value.isascii() else _job_pattern()).search(value)


def _counted_labels() -> list[str]:
    return [text for text, label in labels().items() if label.role in (VISITS, COMMENTS, READING_TIME)]


def _counted_of(after_count: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<count>\d[\d,.'\u066c ]*?)\s*(?P<label>{_alternation(after_count)})", re.IGNORECASE
    )


@cache
def _counted_pattern() -> re.Pattern[str]:
    return _counted_of(_counted_labels())


@cache
def _counted_ascii_pattern() -> re.Pattern[str]:
    """_counted_pattern() for ASCII text: of the ASCII labels only (see _ascii_only)."""
    phrases = _ascii_only(_counted_labels())
    return _counted_pattern() if phrases is None else _counted_of(phrases)


def _job_of(roles: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(roles)})(?!\w)", re.IGNORECASE)


@cache
def _job_pattern() -> re.Pattern[str]:
    return _job_of(list(name_words().roles))


@cache
def _job_ascii_pattern() -> re.Pattern[str]:
    """_job_pattern() for ASCII text: of the ASCII roles only (see _ascii_only)."""
    roles = _ascii_only(list(name_words().roles))
    return _job_pattern() if roles is None else _job_of(roles)


def _ascii_only(phrases: list[str]) -> list[str] | None:
    """The ASCII `phrases`: of an IGNORECASE alternation of `phrases` (each spelt by _spelled), the
    only ones that can match in ASCII text, so that an alternation of these alone matches ASCII
    text as the whole one does (the Arabic and accented ones cost most of its compile). None
    when a phrase has a non-ASCII character that IGNORECASE may take for an ASCII one (its upper
    or lower case is ASCII, as for the long s and the Kelvin sign; the dotted capital I)."""
    for phrase in phrases:
        for char in phrase:
            if not char.isascii() and (
                char.lower().isascii() or char.upper().isascii() or char in _ASCII_LIKE
            ):
                return None
    return [phrase for phrase in phrases if phrase.isascii()]


_ASCII_LIKE = "\u0130\u0131\u017f\u212a"
"""Characters that IGNORECASE matches to an ASCII letter (i, s, k), whatever str.lower() says."""
