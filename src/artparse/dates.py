"""Date text to ISO 8601 (DESIGN section 3).

Nothing is invented: no part of a date comes from today or from the machine's time zone, a date
without a time stays a date, and a date without a day stays a month. What the caller knows and
the text does not (the site's zone, the moment relative dates count back from) comes in through
DateOptions. Text that cannot be read gives ``None`` and a warning; no input string makes these
functions raise.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from artparse.frozen import NamedTuple
from artparse.patterns import first_uses, on_first_use
from artparse.zones import UTC_NAMES, abbreviation_zone, checked_offset, localize, offset_zone, take_offset

if TYPE_CHECKING:
    from dateutil.parser import parserinfo

    from artparse.relative import Relative

MAX_DATE_TEXT = 80  # longer "dates" are not dates, and feed dateutil's worst cases
MIN_DATE = date(1990, 1, 1)
FUTURE_SLACK = timedelta(days=1)  # covers any zone a naive time may have been written in

_iso_like = on_first_use(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
    r"\s*(?P<z>Z|UTC|GMT|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2}))?)?",
    re.ASCII | re.IGNORECASE,
)
_spaces = on_first_use(r"\s+")
# RFC 2822: a comment after a numeric offset, as in "+0200 (MET DST)", only names the zone.
_offset_comment = on_first_use(r"(?<=[+-]\d{4}) ?\([^()]*\)$", re.ASCII)
# "EDT(-0400)": the offset in the comment is what the zone name meant.
_name_then_offset = on_first_use(r"(?<![A-Za-z])[A-Z]{1,5} ?\((?P<offset>[+-]\d{4})\)$", re.ASCII)
# Every pattern is compiled on first use (each costs start-up time); a quick look at the text
# keeps a run from compiling the ones its dates cannot match.


_named_month = on_first_use(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,? )?"
    r"(?:(?P<d1>\d{1,2}) (?P<m1>[a-z]{3,9})\.?,? (?P<y1>\d{4})"
    r"|(?P<m2>[a-z]{3,9})\.? (?P<d2>\d{1,2}),? (?P<y2>\d{4}))"
    r"(?:,? (?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?: ?(?P<half>[ap])\.?m\.?)?"
    r"(?: (?P<zone>[a-z]{1,5}))?)?",
    re.ASCII | re.IGNORECASE,
)
"""Named-month dates read without dateutil: "1 November 2025 04:23", "Dec 15, 2025 5:28 AM EST",
"Mon, 5 Apr 1993"."""


_time_first = on_first_use(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?: ?[ap]\.?m\.?)?(?: [a-z]{1,5})?),? (?P<day>[^:]+)",
    re.ASCII | re.IGNORECASE,
)
"""A time before its named-month date: "10:23 EST, 3 March 2021"; the day part has no time."""


_year_month = on_first_use(r"(?P<y>\d{4})(?:-(?P<m>\d{2}))?", re.ASCII)


_year_first = on_first_use(r"\d{4}[-/.]", re.ASCII)


_numeric_dmy = on_first_use(r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-]\d{2,4}\b", re.ASCII)


_dotted_date = on_first_use(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?![\d.])", re.ASCII
)
"""Dotted numeric dates are day first wherever they are written (01.11.2025 is 1 November)."""


_dotted_time = on_first_use(r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d.:])", re.ASCII)
"""A dotted time: 11.56 BST."""


# Two parses with different defaults: any part that differs between them was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 3, 2, 1, 1, 1)

Stated = datetime | date | str
"""What a text states: a moment, a day, or a reduced-precision ISO string ("2021", "2021-03")."""


class DateOptions(NamedTuple):
    """What the caller decides about dates; the command line's date options.

    `zone` is the zone the site writes naive times in (--tz); `utc` converts aware results to
    UTC; `now` is what relative dates count back from and what "in the future" means (None:
    relative dates are not read and no date is in the future); dates before `min_date` are
    implausible. `mail_zones` reads zone names as RFC 822 defines them (CST is -06:00), for the
    dates of mail and news headers. (A NamedTuple, not a dataclass: made for each input, and
    cheaper to define at start-up.)
    """

    dayfirst: bool = False
    zone: tzinfo | None = None
    utc: bool = False
    now: datetime | None = None
    min_date: date = MIN_DATE
    mail_zones: bool = False


DEFAULT_OPTIONS = DateOptions()


class ParsedDate(NamedTuple):
    """An ISO 8601 string (or None) and what the parser doubted on the way."""

    iso: str | None
    warnings: tuple[str, ...] = ()


class _Unreadable(Exception):
    """The text is not a date; the message says why."""


def normalize_date(raw: str, options: DateOptions = DEFAULT_OPTIONS, *, label: str = "date") -> ParsedDate:
    """Read `raw` as a date; `label` names it in warnings ("published", "updated")."""
    usual = _usual_date(raw, options, label)
    return usual if usual is not None else _normalized(raw, options, label)


def _usual_date(raw: str, options: DateOptions, label: str) -> ParsedDate | None:
    """What _normalized gives for a date or naive time of the usual shapes when no site zone
    applies, told without its steps: a plain ISO date ("2021-03-04 10:23:11") or an English
    named-month one ("1 November 2025 04:23", "Nov 1, 2025 4:23 AM"). Such text needs no
    clean-up, and its naive time stays as it is (no zone to read it in, none to convert from).
    None for any other text, and for one the C reader refuses (_normalized says why)."""
    if options.zone is not None:
        return None  # a site zone to read naive times in
    if raw[4:5] == "-":
        read = _usual_iso(raw) if len(raw) <= 19 else None
    else:
        read = _usual_named(raw) if raw[-1:] in _USUAL_NAMED_ENDS else None
    if read is None:
        return None
    iso, stated = read
    known, first_day, later_day = _last_bounds
    if known is not options:
        first_day, later_day = _remember_bounds(options)
    day = iso[:10]
    if day >= later_day:  # near now (_may_be_after): _implausible decides
        notes = _implausible(stated, iso, options, label)
        return ParsedDate(iso, tuple(dict.fromkeys(notes)) if notes else ())
    if day < first_day:
        return _new_parsed(ParsedDate, (iso, (_before_note(label, iso, options.min_date),)))
    return _new_parsed(ParsedDate, (iso, ()))


_USUAL_NAMED_ENDS = "0123456789Mm"
"""What a date _usual_named reads ends with: its year or time, or "AM" or "PM" (not a zone)."""
_new_parsed = tuple.__new__
"""ParsedDate(iso, warnings) without its Python-level __new__."""

_AFTER_EVERY_DAY = "~"
"""A text after every ISO day text ("~" is after every digit): with no now, no date is after it."""


_last_bounds: tuple[DateOptions, str, str] = (DEFAULT_OPTIONS, MIN_DATE.isoformat(), _AFTER_EVERY_DAY)
"""The last options _usual_date was given and their day bounds (_day_bounds): a run's options
are made once, or once for each file time, and every date of a file has the same."""


def _remember_bounds(options: DateOptions) -> tuple[str, str]:
    global _last_bounds
    known = _last_bounds[0]
    if options.now is known.now and options.min_date is known.min_date:  # a header's _replace
        bounds = _last_bounds[1:]
    else:
        bounds = _day_bounds(options.now, options.min_date)
    _last_bounds = (options, *bounds)
    return bounds


def _day_bounds(now: datetime | None, min_date: date) -> tuple[str, str]:
    """As ISO day texts: min_date (a day before it is implausible) and the first day that
    _may_be_after takes as perhaps more than a day after `now`."""
    if now is None:
        return min_date.isoformat(), _AFTER_EVERY_DAY
    day_before = now.toordinal() - 1  # stated.toordinal() + 1 >= now.toordinal()
    return min_date.isoformat(), date.fromordinal(day_before).isoformat() if day_before else ""


def _usual_iso(raw: str) -> tuple[str, date] | None:
    """The ISO text and value of a plain ISO date or naive time, "2021-03-04( 10:23(:11))",
    as _read gives them (_iso_like() matches it with neither fraction nor zone, and the C reader
    reads it); None for any other text (one longer than 19 has no plain shape: _usual_date
    rules it out before the call)."""
    if not raw.isascii() or raw.encode().translate(_DIGITS_AS_ZERO) not in _PLAIN_ISO_SHAPES:
        return None
    timed = len(raw) > 10
    if timed and raw[11:13] >= "24":
        return None  # Python 3.13's reader takes hour 24; the slow path does not
    try:
        stated = datetime.fromisoformat(raw) if timed else date.fromisoformat(raw)
    except ValueError:
        return None
    return (f"{raw[:10]}T{raw[11:]}{_PLAIN_SECONDS[len(raw)]}" if timed else raw), stated  # isoformat()'s


_DIGITS_AS_ZERO = bytes(range(256)).translate(bytes.maketrans(b"0123456789", b"0" * 10))
_PLAIN_ISO_SHAPES = frozenset(
    f"0000-00-00{clock}".encode()
    for separator in "Tt "
    for clock in ("", f"{separator}00:00", f"{separator}00:00:00")
)
"""What _iso_like() fully matches with neither fraction nor zone, with its digits as 0."""
_PLAIN_SECONDS = {16: ":00", 19: ""}
"""What isoformat() adds to a plain ISO time of each length."""


def _usual_named(raw: str) -> tuple[str, date] | None:
    """The ISO text and value of an ASCII "1 November 2025" or "Nov 1, 2025", perhaps then a
    time "4:23" or "04:23:00" and perhaps "AM" or "PM", as _read gives them (by _from_named,
    _named_month's reading with no weekday and no zone); None for any other text."""
    words = raw.split(" ")
    if not 3 <= len(words) <= 5 or not raw.isascii():
        return None
    first, second, year = words[0], words[1], words[2]
    months = _MONTH_NUMBERS or _month_numbers()
    if second[-1:] == ",":  # Nov 1, 2025
        month, day = months.get(first.lower()), second[:-1]
    else:  # 1 November 2025
        month, day = months.get(second.lower()), first
    if month is None or not (len(year) == 4 and 0 < len(day) <= 2 and (year + day).isdigit()):
        return None
    iso = f"{year}-{month}-{day.zfill(2)}"
    try:
        if len(words) == 3:
            return iso, date.fromisoformat(iso)
        # the time's groups as _named_month reads them, then _from_named_month's hour
        hours, _, rest = words[3].partition(":")
        minutes, _, seconds = rest.partition(":")
        if not (0 < len(hours) <= 2 and len(minutes) == 2 and len(seconds) in (0, 2)):
            return None
        if not (hours + minutes + seconds).isdigit():
            return None
        hour = hours.zfill(2) if len(words) == 4 else _HALF_DAY_HOURS.get((words[4].lower(), hours))
        if hour is None or hour >= "24":
            return None  # Python 3.13's reader takes hour 24; datetime() does not
        iso = f"{iso}T{hour}:{minutes}:{seconds or '00'}"
        return iso, datetime.fromisoformat(iso)
    except ValueError:
        return None  # not a day of its month, or no time of day: the slow path says so


_HALF_DAY_HOURS = {
    (half, text): f"{hour % 12 + shift:02d}"
    for half, shift in (("am", 0), ("pm", 12))
    for hour in range(1, 13)
    for text in (str(hour), f"{hour:02d}")
}
"""A 12-hour clock's hour, in either writing, with "am" or "pm" (the half-day word lowered): its
24-hour text; hours 0 and over 12 are not there (_from_named_month leaves them to dateutil)."""


_MONTH_NUMBERS: dict[str, str] = {}
"""_english_months() as two-digit texts, only the names that _named_month's month part
([a-z]{3,9}, ASCII letters in either case) can match; filled on first use (_month_numbers)."""


def _month_numbers() -> dict[str, str]:
    _MONTH_NUMBERS.update(
        (name, f"{number:02d}")
        for name, number in _english_months().items()
        if name.isascii() and name.isalpha() and name.islower() and 3 <= len(name) <= 9
    )
    return _MONTH_NUMBERS


def _normalized(raw: str, options: DateOptions, label: str) -> ParsedDate:
    warnings: list[str] = []
    try:
        stated = _finish(_read(raw, options, label, warnings), options)
    except _Unreadable as error:
        return ParsedDate(None, (f"unparsed-date: {label} {raw!r} could not be read: {error}",))
    iso = _iso(stated)
    warnings.extend(_implausible(stated, iso, options, label))
    return ParsedDate(iso, tuple(dict.fromkeys(warnings)) if warnings else ())


def _read(raw: str, options: DateOptions, label: str, warnings: list[str]) -> Stated:
    text = raw if _is_clean(raw) else _cleaned(raw)
    if text[4:5] == "-" and (iso_like := _iso_like().fullmatch(text)):
        return _in_site_zone(_from_iso_like(iso_like), options, label, raw, warnings)
    if len(text) in (4, 7) and (reduced := _year_month().fullmatch(text)):
        return _from_year_month(reduced)
    if (named := _from_named(text, options, label, raw, warnings)) is not None:
        return named
    # Past the fast paths: the language tables and dateutil are imported on first use only.
    from artparse.languages.rewrite import to_english
    from artparse.languages.spelling import fold
    from artparse.relative import read_relative

    if relative := read_relative(fold(text)):
        return _from_relative(relative, raw, options, label, warnings)
    english = to_english(text)  # "3 mars 2021" as "3 Mar 2021": read as the English dates are
    if (named := _from_named(english, options, label, raw, warnings)) is not None:
        return named
    if (time_first := _from_time_first(english, options, label, raw, warnings)) is not None:
        return time_first
    return _from_dateutil(english, options, label, raw, warnings)


def _from_named(text: str, options: DateOptions, label: str, raw: str, warnings: list[str]) -> Stated | None:
    """An English named-month date read as dateutil reads it; None leaves it to dateutil."""
    named = _named_month_parts(text)
    if named is None or (stated := _from_named_month(named)) is None:
        return None
    zone = named[-1]
    if zone is None:
        return _in_site_zone(stated, options, label, raw, warnings)
    return _in_named_zone(stated, zone, options, label, raw, warnings)


Parts = tuple[str | Any, ...]  # a group is a str or None, as typeshed types re.Match.groups()


def _named_month_parts(text: str) -> Parts | None:
    """The groups of _named_month().fullmatch(text), or None when it does not match. A run's
    first dates of the usual shapes are read by _plain_named_month, without compiling the
    pattern (about 3 M instructions, a sixtieth of a one-file run); later ones by the pattern,
    which reads them in half the time."""
    if _early_named_month() and (parts := _plain_named_month(text)) is not None:
        return parts
    match = _named_month().fullmatch(text)
    return None if match is None else match.groups()


_early_named_month = first_uses(64)  # dates, more than one file's header holds

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _plain_named_month(text: str) -> Parts | None:
    """_named_month's groups for ASCII "18 May 2022" and "May 18, 2022" with no weekday, then
    perhaps ", 11:03(:22)( AM)( EST)", read by str methods; None where it is not sure (the
    pattern decides)."""
    if not text.isascii() or text[:3].lower() in _WEEKDAYS:
        return None  # no weekday: the pattern's optional weekday part matches nothing
    words = text.split(" ")
    if len(words) < 3:
        return None
    first, second, year = words[0], words[1], words[2].removesuffix(",")
    if not (len(year) == 4 and year.isdigit()) or (year != words[2] and len(words) == 3):
        return None  # the comma after the year is the time's
    if first.isdigit():  # 18 May 2022
        month = second.removesuffix(",").removesuffix(".")
        date_parts: Parts = (first, month, year, None, None, None)
        day = first
    else:  # May 18, 2022
        month, day = first.removesuffix("."), second.removesuffix(",")
        date_parts = (None, None, None, month, day, year)
    if not (1 <= len(day) <= 2 and day.isdigit() and 3 <= len(month) <= 9 and month.isalpha()):
        return None
    clock = _plain_clock(words[3:]) if len(words) > 3 else (None, None, None, None, None)
    return None if clock is None else date_parts + clock


def _plain_clock(words: list[str]) -> Parts | None:
    """The time part's groups (H, M, S, half, zone) of the words after the year, or None."""
    time, *rest = words
    hours, colon, rest_of_time = time.partition(":")
    minutes, seconds, attached = rest_of_time[:2], None, rest_of_time[2:]
    if attached.startswith(":"):
        seconds, attached = attached[1:3], attached[3:]
        if not (len(seconds) == 2 and seconds.isdigit()):
            return None
    if not (colon and 1 <= len(hours) <= 2 and hours.isdigit() and len(minutes) == 2 and minutes.isdigit()):
        return None
    half = None
    if attached:  # 11:03am
        half = _half(attached)
    elif rest and _half(rest[0]) is not None:  # 11:03 AM
        half, rest = _half(rest[0]), rest[1:]
    if (attached and half is None) or len(rest) > 1:
        return None
    zone = rest[0] if rest else None
    if zone is not None and not (1 <= len(zone) <= 5 and zone.isalpha()):
        return None
    return (hours, minutes, seconds, half, zone)


def _half(word: str) -> str | None:
    """The a or p of "am", "a.m.", "PM" ... (the pattern's half-day part), else None."""
    letter, rest = word[:1], word[1:].removeprefix(".")
    if letter.lower() in ("a", "p") and rest[:1] in ("m", "M") and rest[1:] in ("", "."):
        return letter
    return None


def _from_time_first(
    text: str, options: DateOptions, label: str, raw: str, warnings: list[str]
) -> Stated | None:
    """ "10:23 EST, 3 March 2021" (newspapers) read as its date then its time, as dateutil reads
    it; None leaves it to dateutil."""
    found = _time_first().fullmatch(text)
    if found is None:
        return None
    return _from_named(f"{found['day']} {found['time']}", options, label, raw, warnings)


def _is_clean(raw: str) -> bool:
    """Whether _cleaned() would give `raw` back (the usual case, told without its regexes):
    printable ASCII, spaces single and inside, no dot and no closing bracket at the end."""
    return (
        0 < len(raw) <= MAX_DATE_TEXT
        and raw.isascii()
        and raw.isprintable()
        and "  " not in raw
        and "." not in raw
        and raw[0] != " "
        and raw[-1] not in " )"
    )


def _cleaned(raw: str) -> str:
    """`raw` with its spaces collapsed, a zone comment dropped, dotted dates and times
    rewritten and other scripts' digits and letters made plain."""
    text = _offset_comment().sub("", _spaces().sub(" ", raw).strip())
    if text.endswith(")"):
        text = _name_then_offset().sub(lambda found: found["offset"], text)
    if not text:
        raise _Unreadable("it is empty")
    if "." in text:
        text = _undotted(text)
    if not text.isascii():
        from artparse.languages.spelling import plain

        text = _spaces().sub(" ", plain(text)).strip()
    if len(text) > MAX_DATE_TEXT:
        raise _Unreadable(f"it is longer than {MAX_DATE_TEXT} characters")
    return text


def _undotted(text: str) -> str:
    """`text` with a dotted date as an ISO date (day first) and dotted times with colons."""
    if found := _dotted_date().search(text):
        day, month, year = int(found["d"]), int(found["m"]), int(found["y"])
        if len(found["y"]) == 2:
            year += 2000 if year < 50 else 1900
        try:
            iso = date(year, month, day).isoformat()
        except ValueError as error:
            raise _Unreadable(f"{found[0]} is day.month.year: {error}") from None
        text = f"{text[: found.start()]}{iso}{text[found.end() :]}"
    return _dotted_time().sub(lambda found: f"{found['h']}:{found['m']}", text)


def _from_iso_like(match: re.Match[str]) -> Stated:
    hour, fraction, zone = match["H"], match["f"], match["z"]
    if not (fraction or zone) and (hour is None or hour < "24"):
        try:
            return _plain_iso(match[0], timed=hour is not None)
        except ValueError:
            pass  # read by parts, for the reason it is not a date
    return _iso_from_parts(match)


def _iso_from_parts(match: re.Match[str]) -> Stated:
    year, month, day, hour, minute, second, fraction, named, sign, hours, minutes = match.groups()
    try:
        stated = date(int(year), int(month), int(day))  # checked first, as its parts come first
        if hour is None:
            return stated
        zone = None
        if sign:
            zone = checked_offset(int(hours), int(minutes), negative=sign == "-")
        elif named:
            zone = UTC
        micro = int(fraction.ljust(6, "0")) if fraction else 0
        return datetime(
            stated.year, stated.month, stated.day, int(hour), int(minute), int(second or 0), micro, zone
        )
    except ValueError as error:
        raise _Unreadable(str(error)) from None


def _plain_iso(text: str, *, timed: bool) -> date:
    """ "2021-03-04" or "2021-03-04 10:23(:11)" without fraction or zone, as _from_iso_like reads
    it, by the C reader (Python 3.13's also takes hour 24, which _from_iso_like does not)."""
    return datetime.fromisoformat(text) if timed else date.fromisoformat(text)


def _from_named_month(parts: Parts) -> Stated | None:
    """The date of an English month-name form (_named_month's groups); None leaves anything
    unusual to dateutil."""
    day_first, month_first, year_first, month_second, day_second, year_second, *clock = parts
    hours, minutes, seconds, half, zone = clock
    month = _english_months().get((month_first or month_second).lower())
    hour = int(hours or 0)
    if month is None or (half and not 1 <= hour <= 12):
        return None
    if zone is not None and zone not in _zone_names():
        return None  # dateutil decides what else a word after the time is
    if half:
        hour = hour % 12 + (12 if half in "pP" else 0)
    year, day = int(year_first or year_second), int(day_first or day_second)
    try:
        if hours is None:
            return date(year, month, day)
        return datetime(year, month, day, hour, int(minutes), int(seconds or 0))
    except ValueError:
        return None


@cache
def _zone_names() -> frozenset[str]:
    """The zone abbreviations read here as dateutil reads them: a time zone name, nothing else."""
    from artparse.zones import FIXED, MAIL, SEASONAL, TOLD_APART

    return UTC_NAMES | FIXED.keys() | SEASONAL.keys() | TOLD_APART.keys() | MAIL.keys()


@cache
def _english_months() -> dict[str, int]:
    """English month names -> numbers, from the language data (loaded on first use)."""
    from artparse.languages import english_months

    return english_months()


def _from_year_month(match: re.Match[str]) -> Stated:
    year, month = match["y"], match["m"]
    if year == "0000":
        raise _Unreadable("year 0 is out of range")
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        raise _Unreadable(f"month {month} is out of range")
    return f"{year}-{month}"


def _from_relative(
    relative: Relative, raw: str, options: DateOptions, label: str, warnings: list[str]
) -> Stated:
    from artparse.relative import resolve

    if options.now is None:
        raise _Unreadable("it is relative, and no --now was given to count back from")
    try:
        stated = resolve(relative, options.now, options.zone)
    except (ValueError, OverflowError):
        raise _Unreadable("it is out of the range of dates") from None
    warnings.append(f"relative-date: {label} {raw!r} counted back from {options.now.isoformat()}")
    return _in_site_zone(stated, options, label, raw, warnings)


def _from_dateutil(text: str, options: DateOptions, label: str, raw: str, warnings: list[str]) -> Stated:
    from dateutil import parser

    try:
        text, offset = take_offset(text)
    except ValueError as error:
        raise _Unreadable(str(error)) from None
    dayfirst = options.dayfirst and not _year_first().match(text)  # 2021-03-04 is never 3 April
    zones: list[tuple[str | None, int | None]] = []

    def note_zone(name: str | None, seconds: int | None) -> None:
        zones.append((name, seconds))  # resolved below, once the date is known

    info = _parserinfo(dayfirst)
    try:
        first = parser.parse(text, parserinfo=info, default=_DEFAULT_A, tzinfos=note_zone)
        second = parser.parse(text, parserinfo=info, default=_DEFAULT_B, tzinfos=note_zone)
    except (ValueError, ArithmeticError, TypeError) as error:
        raise _Unreadable(_reason(error)) from None
    stated = _given_parts(first, second)
    if stated is None:
        raise _Unreadable("it has no year")
    warnings.extend(_ambiguity(text, label, raw, stated, dayfirst))
    if not isinstance(stated, datetime):
        return stated  # a day has no zone
    named = zones[0] if zones else (None, None)
    if offset is None and named == (None, None):
        return _in_site_zone(stated, options, label, raw, warnings)
    zone = offset or _zone_in_text(named, stated, options, label, raw, warnings)
    return stated if zone is None else _localized(stated, zone, label, raw, warnings)  # no --tz guess


def _zone_in_text(
    found: tuple[str | None, int | None],
    local: datetime,
    options: DateOptions,
    label: str,
    raw: str,
    warnings: list[str],
) -> tzinfo | None:
    name, seconds = found
    if name in UTC_NAMES and not seconds:
        return UTC  # dateutil does not know RFC 822's "UT"
    if name is None or name in UTC_NAMES:
        try:
            return None if seconds is None else offset_zone(timedelta(seconds=seconds))
        except (ValueError, OverflowError):
            raise _Unreadable(f"offset {seconds} s is not a real UTC offset") from None
    zone, problem = abbreviation_zone(name, local, options.zone, mail=options.mail_zones)
    if problem:
        kind, detail = problem
        warnings.append(f"{kind}: {label} {raw!r}: {detail}")
    return zone


def _in_named_zone(
    stated: Stated, name: str, options: DateOptions, label: str, raw: str, warnings: list[str]
) -> Stated:
    """A time followed by a zone abbreviation: as the dateutil path reads it (naive when unknown)."""
    if not isinstance(stated, datetime):
        return stated
    zone = _zone_in_text((name, None), stated, options, label, raw, warnings)
    return stated if zone is None else _localized(stated, zone, label, raw, warnings)


def _in_site_zone(stated: Stated, options: DateOptions, label: str, raw: str, warnings: list[str]) -> Stated:
    """A naive time read in the zone the site writes in (--tz), when there is one."""
    if not isinstance(stated, datetime) or stated.tzinfo is not None or options.zone is None:
        return stated
    return _localized(stated, options.zone, label, raw, warnings)


def _localized(local: datetime, zone: tzinfo, label: str, raw: str, warnings: list[str]) -> datetime:
    try:
        moment, note = localize(local, zone)
    except (OverflowError, ValueError):
        raise _Unreadable("it is out of the range of dates") from None
    if note:
        warnings.append(f"dst-transition: {label} {raw!r}: {note}")
    return moment


def _reason(error: Exception) -> str:
    if isinstance(error, ArithmeticError):
        return "a number in it is out of range"
    return str(error).split(":")[0].strip() or type(error).__name__


def _given_parts(first: datetime, second: datetime) -> Stated | None:
    """What the text stated: the parts that differ between the two parses were not in it."""
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}" if first.day != second.day else None
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    if first.hour != second.hour:
        return first.date()
    return first.replace(
        minute=first.minute if first.minute == second.minute else 0,
        second=first.second if first.second == second.second else 0,
    )


def _ambiguity(text: str, label: str, raw: str, stated: Stated, dayfirst: bool) -> list[str]:
    match = _numeric_dmy().match(text)
    if isinstance(stated, str) or not match or match["a"] == match["b"]:
        return []
    if max(int(match["a"]), int(match["b"])) > 12:
        return []
    order = "day first (--dayfirst)" if dayfirst else "month first (no --dayfirst)"
    return [f"ambiguous-date: {label} {raw!r} read {order} as {stated.isoformat()[:10]}"]


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


def _finish(stated: Stated, options: DateOptions) -> Stated:
    """`stated` in UTC when --utc asks for it, or when its offset cannot be written in ISO 8601."""
    if not isinstance(stated, datetime):
        return stated
    offset = stated.utcoffset()
    if offset is not None and (options.utc or offset.total_seconds() % 60):
        # ISO 8601 offsets have no seconds: a local mean time offset (before 1900) is shown in UTC
        try:
            stated = stated.astimezone(UTC)
        except (OverflowError, ValueError):
            raise _Unreadable("it is out of the range of dates") from None
    return stated


def _iso(stated: Stated) -> str:
    return stated if isinstance(stated, str) else stated.isoformat()


def _implausible(stated: Stated, iso: str, options: DateOptions, label: str) -> list[str]:
    """Warnings for a date before `min_date` or more than a day after `now`."""
    notes = []
    if _before(stated, options.min_date):
        notes.append(_before_note(label, iso, options.min_date))
    now = options.now
    if now is not None and _may_be_after(stated, now) and _after_now(stated, now):
        notes.append(f"implausible-date: {label} {iso} is more than a day after now ({now.isoformat()})")
    return notes


def _before_note(label: str, iso: str, min_date: date) -> str:
    return f"implausible-date: {label} {iso} is before {min_date.isoformat()} (--min-date)"


def _may_be_after(stated: Stated, now: datetime) -> bool:
    """False when `stated` is surely not more than a day after `now`, told by its year or day:
    only a date in now's year or the one before may be, and only a day no more than one before
    now's (a zone's offset is under a day, so two zones' are less than two days apart)."""
    if isinstance(stated, str):
        return _year(stated) >= now.year - 1
    return stated.toordinal() + 1 >= now.toordinal()


def _year(stated: Stated) -> int:
    return int(stated[:4]) if isinstance(stated, str) else stated.year


def _after_now(stated: Stated, now: datetime) -> bool:
    """More than a day after `now`."""
    return _as_aware(_earliest(stated)) - _as_aware(now) > FUTURE_SLACK


def _before(stated: Stated, day: date) -> bool:
    """True when all of `stated` (the whole month or year, when reduced) is before `day`."""
    if isinstance(stated, str):
        return stated < day.isoformat()[: len(stated)]
    return (stated.date() if isinstance(stated, datetime) else stated) < day


def _earliest(stated: Stated) -> datetime:
    if isinstance(stated, datetime):
        return stated
    if isinstance(stated, date):
        return datetime.combine(stated, time())
    year, _, month = stated.partition("-")
    return datetime(int(year), int(month or 1), 1)


def _as_aware(moment: datetime) -> datetime:
    """An aware moment; a naive one is taken as UTC (FUTURE_SLACK covers its real zone)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def precedes(first: str, second: str) -> bool:
    """True when ISO date `first` is surely before `second` (same awareness, stated parts only)."""
    aware = _is_aware(first)
    if aware != _is_aware(second):
        return False
    if aware:
        return datetime.fromisoformat(first) < datetime.fromisoformat(second)
    common = min(len(first), len(second))
    return first[:common] < second[:common]


def _is_aware(iso: str) -> bool:
    return len(iso) > 19 and iso[-6] in "+-"
