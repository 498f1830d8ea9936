"""Relative dates ("24 minutes ago", "yesterday at 9:27 AM", "منذ ساعتين", "hace 3 días", "vor 2 Tagen").

The words are each language's data (languages.tables.relative_words). Reading gives a count and
a unit; resolving counts back from a `now` the caller passes in. The precision follows the unit:
seconds to hours give a time, days and weeks a date, months a month and years a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache

from artparse.frozen import NamedTuple
from artparse.languages.tables import alternatives, am_pm_words, relative_words

SECONDS = {"second": 1, "minute": 60, "hour": 3600}
DAYS = {"day": 1, "week": 7}

_TIME = (
    r"(?P<h>\d{{1,2}})(?:[:h](?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?)?"
    r"(?: ?(?P<half>[ap]\.?m\.?|ص|م|{half_words}))?"
)


class Relative(NamedTuple):
    """`count` `unit`s before now; `at` is the time of day given with "yesterday at 9:27"."""

    count: int  # type: ignore[assignment]  # the field shadows tuple.count, which nothing calls
    unit: str
    at: time | None = None


def read_relative(folded: str) -> Relative | None:
    """The relative date in `folded` text (see languages.fold), or None when it is not one."""
    if _key_words().isdisjoint(_WORD.findall(folded)):
        return None  # no unit, day or "now" word: spared the patterns
    patterns = _ascii_patterns() if folded.isascii() else _patterns()
    for ago in patterns.ago:
        if match := ago.fullmatch(folded):
            return _ago(match)
    if match := patterns.day.fullmatch(folded):
        days = relative_words().days[match["day"]]
        if match["h"] is None:
            return Relative(days, "day")
        at = _time_of_day(match)
        return None if at is None else Relative(days, "day", at)
    if patterns.now.fullmatch(folded):
        return Relative(0, "second")
    return None


def _ago(match: re.Match[str]) -> Relative | None:
    words = relative_words()
    unit, implied = words.units[match["unit"]]
    number = match["n"]
    count = implied if number is None else int(number) if number.isdigit() else words.numbers.get(number)
    return None if count is None else Relative(count, unit)


def _time_of_day(match: re.Match[str]) -> time | None:
    """The time in `match`, or None when it is not a time of day (25:00, 13 PM, a bare "9")."""
    hour, minute, second, half = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0), match["half"]
    if match["m"] is None and half is None:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half[0] in "pم" or half in am_pm_words()[1] else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def resolve(relative: Relative, now: datetime, zone: tzinfo | None) -> datetime | date | str:
    """The date `relative` names, counted back from `now` as seen in `zone` (if given).

    ValueError or OverflowError when it falls outside the calendar.
    """
    if zone is not None:
        now = now.astimezone(zone) if now.tzinfo is not None else now.replace(tzinfo=zone)
    now = now.replace(microsecond=0)
    if relative.unit in SECONDS:
        delta = timedelta(seconds=relative.count * SECONDS[relative.unit])
        if now.tzinfo is None:
            return now - delta
        return (now.astimezone(UTC) - delta).astimezone(now.tzinfo)  # exact across clock changes
    if relative.unit in DAYS:
        day = now.date() - timedelta(days=relative.count * DAYS[relative.unit])
        return day if relative.at is None else datetime.combine(day, relative.at)
    if relative.unit == "month":
        months = now.year * 12 + now.month - 1 - relative.count
        return f"{_year(months // 12):04d}-{months % 12 + 1:02d}"
    return f"{_year(now.year - relative.count):04d}"


def _year(year: int) -> int:
    if year < 1:
        raise ValueError(f"year {year} is before the calendar")
    return year


class _Patterns(NamedTuple):
    ago: tuple[re.Pattern[str], ...]
    day: re.Pattern[str]
    now: re.Pattern[str]


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _key_words() -> frozenset[str]:
    """The words one of which every relative date has: units, day words, "now" words."""
    words = relative_words()
    phrases = (*words.units, *words.days, *words.now)
    return frozenset(word for phrase in phrases for word in _WORD.findall(phrase))


@cache
def _patterns() -> _Patterns:
    return _patterns_of(alternatives)


@cache
def _ascii_patterns() -> _Patterns:
    """_patterns() for ASCII text: of the ASCII words alone, the only ones (the patterns have no
    IGNORECASE) that can match in it; the others cost most of the compile."""
    return _patterns_of(_ascii_alternatives)


def _ascii_alternatives(words: Iterable[str]) -> str:
    """alternatives() of the ASCII `words`; a pattern that never matches when all were others, so
    that no empty alternative appears where the whole alternation had none."""
    words = list(words)
    ascii_words = [word for word in words if word.isascii()]
    return alternatives(ascii_words) if ascii_words or not words else "(?!)"


def _patterns_of(alternated: Callable[[Iterable[str]], str]) -> _Patterns:
    words = relative_words()
    units, numbers = alternated(words.units), alternated(words.numbers)
    about = rf"(?:(?:{alternated(words.about)}) )?"
    count = rf"(?P<n>\d+|{numbers})"
    lead = rf"(?:(?:{alternated(words.date_labels)}):? )?"
    half_words = alternated(word for half in am_pm_words() for word in half if not word.isascii())
    clock = _TIME.format(half_words=half_words)
    ago = (
        rf"{about}{count} ?(?P<unit>{units})\.? (?:{alternated(words.after)})",
        rf"(?:{alternated(words.before)}) {about}(?:{count} ?)?(?P<unit>{units})",
    )
    return _Patterns(
        ago=tuple(re.compile(rf"{lead}{pattern}\.?") for pattern in ago),
        day=re.compile(
            rf"{lead}(?P<day>{alternated(words.days)})(?:,? (?:(?:{alternated(words.at)}) )?{clock})?\.?"
        ),
        now=re.compile(rf"{lead}(?:{alternated(words.now)})\.?"),
    )
