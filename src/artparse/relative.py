"""Relative dates ("24 minutes ago", "yesterday at 9:27 AM", "منذ ساعتين", "hace 3 días").

Reading gives a count and a unit; resolving counts back from a `now` the caller passes in.
The precision follows the unit: seconds to hours give a time, days and weeks a date, months a
month and years a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

SECONDS = {"second": 1, "minute": 60, "hour": 3600}
DAYS = {"day": 1, "week": 7}

_ENGLISH_UNITS = {
    "second": ("s", "sec", "secs", "second", "seconds"),
    "minute": ("m", "min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("d", "day", "days"),
    "week": ("w", "wk", "wks", "week", "weeks"),
    "month": ("mo", "mos", "month", "months"),
    "year": ("y", "yr", "yrs", "year", "years"),
}
_FRENCH_SPANISH_UNITS = {
    "second": ("seconde", "secondes", "segundo", "segundos"),
    "minute": ("minuto", "minutos"),  # "minute", "minutes" and "min" are in the English table
    "hour": ("heure", "heures", "hora", "horas"),
    "day": ("jour", "jours", "día", "días", "dia", "dias"),
    "week": ("semaine", "semaines", "semana", "semanas"),
    "month": ("mois", "mes", "meses"),
    "year": ("an", "ans", "année", "années", "annee", "annees", "año", "años"),
}
# Arabic: (unit, singulars: one, duals: two, plurals: need a number as in "منذ 3 ساعات").
_ARABIC_UNITS = (
    ("second", ("ثانيه",), ("ثانيتين",), ("ثوان", "ثواني")),
    ("minute", ("دقيقه",), ("دقيقتين",), ("دقائق",)),
    ("hour", ("ساعه",), ("ساعتين",), ("ساعات",)),
    ("day", ("يوم",), ("يومين",), ("ايام",)),
    ("week", ("اسبوع",), ("اسبوعين",), ("اسابيع",)),
    ("month", ("شهر",), ("شهرين",), ("اشهر", "شهور")),
    ("year", ("سنه", "عام"), ("سنتين", "عامين"), ("سنوات", "سنين", "اعوام")),
)
_NUMBER_WORDS = {
    **dict.fromkeys(("a", "an", "one", "un", "une", "una"), 1),
    **{
        word: n
        for n, word in enumerate(("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 2)
    },
}
_DAY_WORDS = {
    **dict.fromkeys(("today", "aujourd'hui", "hoy", "اليوم"), 0),
    **dict.fromkeys(("yesterday", "hier", "ayer", "امس", "البارحه"), 1),
    **dict.fromkeys(
        ("day before yesterday", "the day before yesterday", "avant-hier", "anteayer", "antier", "اول امس"),
        2,
    ),
    "اول من امس": 2,
}
_NOW_WORDS = (
    *("just now", "right now", "now", "moments ago", "a moment ago", "à l'instant", "a l'instant"),
    *("maintenant", "ahora", "ahora mismo", "justo ahora", "الان", "للتو"),
)
_LEAD = (
    r"(?:(?:(?:last )?(?:updated|modified|edited|posted|published)(?: on)?"
    r"|mis à jour|publié|actualizado|publicado|اخر تحديث|تحديث|نشر):? )?"
)
_TIME = (
    r"(?P<h>\d{1,2})(?:[:h](?P<m>\d{2})(?::(?P<s>\d{2}))?)?"
    r"(?: ?(?P<half>[ap]\.?m\.?|ص|صباحا|م|مساء))?"
)


@dataclass(frozen=True)
class Relative:
    """`count` `unit`s before now; `at` is the time of day given with "yesterday at 9:27"."""

    count: int
    unit: str
    at: time | None = None


def read_relative(folded: str) -> Relative | None:
    """The relative date in `folded` text (see languages.fold), or None when it is not one."""
    patterns = _patterns()
    for ago in patterns.ago:
        if match := ago.fullmatch(folded):
            return _ago(match)
    if match := patterns.day.fullmatch(folded):
        days = _DAY_WORDS[match["day"]]
        if match["h"] is None:
            return Relative(days, "day")
        at = _time_of_day(match)
        return None if at is None else Relative(days, "day", at)
    if patterns.now.fullmatch(folded):
        return Relative(0, "second")
    return None


def _ago(match: re.Match[str]) -> Relative | None:
    unit, implied = _units()[match["unit"]]
    number = match["n"]
    count = implied if number is None else int(number) if number.isdigit() else _NUMBER_WORDS.get(number)
    return None if count is None else Relative(count, unit)


def _time_of_day(match: re.Match[str]) -> time | None:
    """The time in `match`, or None when it is not a time of day (25:00, 13 PM, a bare "9")."""
    hour, minute, second, half = int(match["h"]), int(match["m"] or 0), int(match["s"] or 0), match["half"]
    if match["m"] is None and half is None:
        return None
    if half is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half[0] in "pم" else 0)
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


@dataclass(frozen=True)
class _Patterns:
    ago: tuple[re.Pattern[str], ...]
    day: re.Pattern[str]
    now: re.Pattern[str]


@cache
def _units() -> dict[str, tuple[str, int | None]]:
    """Unit word -> (unit, the count the word implies when no number is given)."""
    units: dict[str, tuple[str, int | None]] = {
        word: (unit, None) for unit, words in _ENGLISH_UNITS.items() for word in words
    }
    units.update({word: (unit, None) for unit, words in _FRENCH_SPANISH_UNITS.items() for word in words})
    for unit, singulars, duals, plurals in _ARABIC_UNITS:
        units.update({word: (unit, 1) for word in singulars})
        units.update({word: (unit, 2) for word in duals})
        units.update({word: (unit, None) for word in plurals})
    return units


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    units, numbers = _alternatives(_units()), _alternatives(_NUMBER_WORDS)
    count = rf"(?P<n>\d+|{numbers})"
    ago = (
        rf"(?:(?:about|around) )?{count} ?(?P<unit>{units})\.? ago",
        rf"(?:il y a|hace) {count} ?(?P<unit>{units})",
        rf"(?:منذ|قبل) (?:(?P<n>\d+) )?(?P<unit>{units})",
    )
    return _Patterns(
        ago=tuple(re.compile(rf"{_LEAD}{pattern}\.?") for pattern in ago),
        day=re.compile(
            rf"{_LEAD}(?P<day>{_alternatives(_DAY_WORDS)})"
            rf"(?:,? (?:at |à |a las |a la |الساعه )?{_TIME})?\.?"
        ),
        now=re.compile(rf"{_LEAD}(?:{_alternatives(_NOW_WORDS)})\.?"),
    )
