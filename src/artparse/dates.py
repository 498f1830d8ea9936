"""Date text to ISO 8601 (DESIGN section 3).

Nothing is invented: no part of a date comes from today or from the machine's time zone, a date
without a time stays a date, and a date without a day stays a month. Text that cannot be read
gives ``None`` and a warning; no input string makes these functions raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

MAX_DATE_TEXT = 64  # longer "dates" are not dates, and feed dateutil's worst cases
MAX_OFFSET = timedelta(hours=14)

_ISO_LIKE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?",
    re.ASCII | re.IGNORECASE,
)
_YEAR_MONTH = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2}))?", re.ASCII)
_YEAR_FIRST = re.compile(r"\d{4}[-/.]", re.ASCII)
_NUMERIC_DMY = re.compile(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]\d{2,4}\b", re.ASCII)
_SPACES = re.compile(r"\s+")
# RFC 2822: a comment after a numeric offset, as in "+0200 (MET DST)", only names the zone.
_OFFSET_COMMENT = re.compile(r"(?<=[+-]\d{4}) ?\([^()]*\)$", re.ASCII)

# Two parses with different defaults: any part that differs between them was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 3, 2, 1, 1, 1)

ZONE_OFFSETS: dict[str, int] = {
    "UTC": 0,
    "UT": 0,
    "GMT": 0,
    "Z": 0,
    "EET": 2,
    "EEST": 3,
    "CET": 1,
    "CEST": 2,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "MSK": 3,
    "EST": -5,
    "EDT": -4,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
"""Zone abbreviations read as fixed offsets (hours). Anything else gives no offset and a warning."""


@dataclass(frozen=True)
class ParsedDate:
    """An ISO 8601 string (or None) and what the parser doubted on the way."""

    iso: str | None
    warnings: tuple[str, ...] = ()


def normalize_date(raw: str, *, label: str = "date", dayfirst: bool = False) -> ParsedDate:
    """Read `raw` as a date; `label` names it in warnings ("published", "updated")."""
    text = _OFFSET_COMMENT.sub("", _SPACES.sub(" ", raw).strip())
    if not text:
        return _unreadable(label, raw, "it is empty")
    if len(text) > MAX_DATE_TEXT:
        return _unreadable(label, raw, f"it is longer than {MAX_DATE_TEXT} characters")
    iso_like = _ISO_LIKE.fullmatch(text)
    if iso_like:
        return _from_iso_like(iso_like, label, raw)
    reduced = _YEAR_MONTH.fullmatch(text)
    if reduced:
        return _from_year_month(reduced, label, raw)
    return _from_dateutil(text, label, raw, dayfirst)


def _unreadable(label: str, raw: str, reason: str) -> ParsedDate:
    return ParsedDate(None, (f"unparsed-date: {label} {raw!r} could not be read: {reason}",))


def _from_iso_like(match: re.Match[str], label: str, raw: str) -> ParsedDate:
    parts = match.groupdict()
    try:
        day = date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        if parts["H"] is None:
            return ParsedDate(day.isoformat())
        moment = datetime(
            day.year,
            day.month,
            day.day,
            int(parts["H"]),
            int(parts["M"]),
            int(parts["S"] or 0),
            int((parts["f"] or "0").ljust(6, "0")),
            tzinfo=_offset_from_text(parts["z"]),
        )
    except ValueError as error:
        return _unreadable(label, raw, str(error))
    return ParsedDate(moment.isoformat())


def _offset_from_text(zone: str | None) -> tzinfo | None:
    if zone is None:
        return None
    if zone.upper() in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if minutes >= 60:
        raise ValueError(f"offset {zone} has {minutes} minutes")
    return _checked_offset(sign * timedelta(hours=hours, minutes=minutes))


def _checked_offset(offset: timedelta) -> timezone:
    if abs(offset) > MAX_OFFSET or offset.total_seconds() % 60:
        raise ValueError(f"offset {offset} is not a real UTC offset")
    return timezone(offset)


def _from_year_month(match: re.Match[str], label: str, raw: str) -> ParsedDate:
    year, month = match["y"], match["m"]
    if month is None:
        return ParsedDate(year)
    if not 1 <= int(month) <= 12:
        return _unreadable(label, raw, f"month {month} is out of range")
    return ParsedDate(f"{year}-{month}")


def _from_dateutil(text: str, label: str, raw: str, dayfirst: bool) -> ParsedDate:
    from dateutil import parser

    if _YEAR_FIRST.match(text):
        dayfirst = False  # 2021-03-04 is never read as the 3rd of April
    unknown_zones: list[str] = []

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        if offset is not None and name not in ZONE_OFFSETS:
            return _checked_offset(timedelta(seconds=offset))
        if name is None:
            return None
        if name.upper() in ZONE_OFFSETS:
            return _checked_offset(timedelta(hours=ZONE_OFFSETS[name.upper()]))
        unknown_zones.append(name)
        return None

    info = _parserinfo(dayfirst)
    try:
        first = parser.parse(text, parserinfo=info, default=_DEFAULT_A, tzinfos=zone)
        second = parser.parse(text, parserinfo=info, default=_DEFAULT_B, tzinfos=zone)
        first.utcoffset()  # an offset dateutil accepted may still be unusable
    except (ValueError, ArithmeticError, TypeError) as error:
        return _unreadable(label, raw, _reason(error))
    iso = _iso_of_given_parts(first, second)
    if iso is None:
        return _unreadable(label, raw, "it has no year")
    warnings = [f"unknown-zone: {label} {raw!r}: zone {name!r} ignored" for name in unknown_zones]
    warnings.extend(_ambiguity(text, label, raw, iso, dayfirst))
    return ParsedDate(iso, tuple(dict.fromkeys(warnings)))


def _reason(error: Exception) -> str:
    if isinstance(error, ArithmeticError):
        return "a number in it is out of range"
    return str(error).split(":")[0].strip() or type(error).__name__


def _iso_of_given_parts(first: datetime, second: datetime) -> str | None:
    """The ISO form of what the text stated: parts that differ between the parses were absent."""
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}" if first.day != second.day else None
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    if first.hour != second.hour:
        return first.date().isoformat()
    return first.replace(
        minute=first.minute if first.minute == second.minute else 0,
        second=first.second if first.second == second.second else 0,
    ).isoformat()


def _ambiguity(text: str, label: str, raw: str, iso: str, dayfirst: bool) -> list[str]:
    match = _NUMERIC_DMY.match(text)
    if not match or match["a"] == match["b"] or max(int(match["a"]), int(match["b"])) > 12:
        return []
    order = "day first (--dayfirst)" if dayfirst else "month first (no --dayfirst)"
    return [f"ambiguous-date: {label} {raw!r} read {order} as {iso[:10]}"]


@lru_cache(maxsize=2)
def _parserinfo(dayfirst: bool) -> parserinfo:
    from dateutil.parser import parserinfo

    class FixedCenturyInfo(parserinfo):
        """Two-digit years by RFC 2822's fixed rule (00-49 -> 20xx), not relative to today."""

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            if year < 100 and not century_specified:
                year += 2000 if year < 50 else 1900
            return year

    return FixedCenturyInfo(dayfirst=dayfirst)


def precedes(first: str, second: str) -> bool:
    """True when ISO date `first` is surely before `second` (same awareness, stated parts only)."""
    if _is_aware(first) != _is_aware(second):
        return False
    if _is_aware(first):
        return datetime.fromisoformat(first) < datetime.fromisoformat(second)
    common = min(len(first), len(second))
    return first[:common] < second[:common]


def _is_aware(iso: str) -> bool:
    return len(iso) > 19 and iso[-6] in "+-"
