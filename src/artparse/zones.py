"""Time zones: the abbreviation table, UTC offsets written in the text, and --tz.

Reads the time zone database (zoneinfo, with the tzdata package where the system has none) and
nothing else: the machine's own zone is never consulted.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache

from artparse.errors import ArgumentError, ArgumentTypeError

MAX_OFFSET = timedelta(hours=14)

UTC_NAMES = frozenset({"UTC", "UT", "GMT", "Z"})

FIXED: dict[str, float] = {
    "UTC": 0,
    "UT": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 1,
    "CET": 1,
    "CEST": 2,
    "MEZ": 1,
    "MESZ": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "EAT": 3,
    "CAT": 2,
    "WAT": 1,
    "SAST": 2,
    "PKT": 5,
    "ICT": 7,
    "WIB": 7,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "NST": -3.5,
    "NDT": -2.5,
    "ADT": -3,
    "EST": -5,
    "EDT": -4,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
}
"""Abbreviations that name one fixed offset (hours east of UTC)."""

SEASONAL: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
"""Abbreviations that follow daylight saving: the offset is the zone's on that date."""


TOLD_APART: dict[str, tuple[float | None, tuple[tuple[str, float], ...], str]] = {
    "CST": (None, (("America/", -6), ("Asia/", 8)), "US Central, China or Cuba"),
    "IST": (None, (("Asia/", 5.5),), "India, Ireland or Israel"),
    "AST": (None, (("America/", -4), ("Atlantic/", -4), ("Asia/", 3)), "Atlantic or Arabia"),
    "GST": (None, (("Asia/", 4),), "Gulf or South Georgia"),
    "SST": (None, (("Pacific/", -11), ("Asia/", 8)), "Samoa or Singapore"),
    "BST": (1, (("Asia/", 6),), "British Summer or Bangladesh"),
}
"""Abbreviations with several meanings: (default offset or None, (--tz region, offset)s, meanings).

First the --tz zone's own abbreviation for that date decides (Asia/Jerusalem says IST), then
the region of --tz, then the default; without one, no offset and a warning.
"""

MAIL: dict[str, float] = {
    **dict.fromkeys(("UT", "GMT"), 0),
    **{"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7},
}
"""The zone names RFC 822 (section 5.1) defines, as a mail or news header means them."""

_COMMENT = r"(?:\s*\([^()]*\))?"  # "(EDT)" after an offset goes with it
_NAMED_OFFSET = (
    r"(?<![A-Za-z])(?:UTC|GMT|UT|Z)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?(?!\d)"
    + _COMMENT
)
_OFFSET_AFTER_TIME = (
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    r"\s*(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})(?!\d)" + _COMMENT
)


def site_zone(name: str) -> tzinfo:
    """The IANA zone called `name` (Africa/Tripoli); ArgumentError (a ValueError) when there is none."""
    from zoneinfo import ZoneInfo

    if not isinstance(name, str):
        raise ArgumentTypeError(f"tz must be a zone name (str), not {type(name).__name__}")
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        raise ArgumentError(f"unknown time zone {name!r} (an IANA name such as Africa/Tripoli)") from None


def take_offset(text: str) -> tuple[str, timezone | None]:
    """`text` without the UTC offset written in it, and that offset.

    "UTC+3" and "GMT+3" mean three hours east of UTC, as people write them (dateutil would read
    them the POSIX way round, as -03:00). A bare "+0200" counts only right after a time, so that
    dates such as 03-04-1999 are left alone. ValueError for an offset no place has (+2500, +0060).
    """
    if match := re.search(_NAMED_OFFSET, text, re.ASCII | re.IGNORECASE):
        keep = match.start()
    elif match := re.search(_OFFSET_AFTER_TIME, text, re.ASCII | re.IGNORECASE):
        keep = match.end("time")
    else:
        return text, None
    offset = checked_offset(int(match["hours"]), int(match["minutes"] or 0), negative=match["sign"] == "-")
    return f"{text[:keep]} {text[match.end() :]}".strip(), offset


def checked_offset(hours: int, minutes: int, *, negative: bool = False) -> timezone:
    """A fixed offset, if some place could have it (at most 14 hours, minutes below 60)."""
    if minutes >= 60:
        raise ValueError(f"an offset cannot have {minutes} minutes")
    offset = timedelta(hours=hours, minutes=minutes)
    return offset_zone(-offset if negative else offset)


def offset_zone(offset: timedelta) -> timezone:
    """timezone(offset), or ValueError when it is beyond ±14 hours or not whole minutes."""
    if abs(offset) > MAX_OFFSET or offset.total_seconds() % 60:
        raise ValueError(f"offset {offset} is not a real UTC offset")
    return UTC if not offset else timezone(offset)


def abbreviation_zone(
    name: str, local: datetime, site: tzinfo | None, *, mail: bool = False
) -> tuple[tzinfo | None, tuple[str, str] | None]:
    """The zone that abbreviation `name` means at wall time `local`, or None and a warning.

    `mail`: the date is from a mail or news header, where RFC 822 defines its zone names.
    The warning is (kind, detail): ("unknown-zone", ...) or ("ambiguous-zone", ...).
    """
    if mail and name in MAIL:
        return _hours(MAIL[name]), None
    if site is not None and site.tzname(local) == name:
        return site, None
    if name in FIXED:
        return _hours(FIXED[name]), None
    if name in SEASONAL:
        return site_zone(SEASONAL[name]), None
    if name not in TOLD_APART:
        return None, ("unknown-zone", f"zone {name!r} ignored")
    default, readings, meanings = TOLD_APART[name]
    region = getattr(site, "key", "") or ""
    for prefix, hours in readings:
        if region.startswith(prefix):
            return _hours(hours), None
    if default is not None:
        return _hours(default), None
    return None, ("ambiguous-zone", f"zone {name!r} may be {meanings}; no offset given (--tz tells)")


@cache
def _hours(hours: float) -> timezone:
    return offset_zone(timedelta(hours=hours))


def localize(naive: datetime, zone: tzinfo) -> tuple[datetime, str | None]:
    """`naive` read as wall time in `zone`, and a note when the clocks changed at that time.

    A time that happens twice (clocks going back) is read as the first; a time that never
    happened (clocks going forward) gets the offset from before the change.
    """
    aware = naive.replace(tzinfo=zone)
    if isinstance(zone, timezone):  # a fixed offset: its clocks never change
        return aware, None
    offset, other = aware.utcoffset(), naive.replace(tzinfo=zone, fold=1).utcoffset()
    if offset == other:
        return aware, None
    zone_name = getattr(zone, "key", None) or str(zone)
    shown = _format_offset(offset)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive:
        return aware, f"{naive.isoformat()} happens twice in {zone_name}; read as the first ({shown})"
    return aware, f"{naive.isoformat()} does not exist in {zone_name}; read with the offset before ({shown})"


def _format_offset(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
