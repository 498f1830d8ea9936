"""Date text to ISO 8601: nothing invented, nothing from today or the machine's zone.

The table covers the date contract point by point (zones, abbreviations, relative dates, other
languages, ambiguity, precision, plausibility, unreadable text) and runs under two machine time
zones, which must not change a byte.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from artparse.dates import DateOptions, normalize_date, precedes
from artparse.zones import site_zone

ARABIC_INDIC = str.maketrans("0123456789", "".join(map(chr, range(0x0660, 0x066A))))


def arabic_indic(text: str) -> str:
    """`text` with its ASCII digits written as Arabic-Indic digits (U+0660 to U+0669)."""
    return text.translate(ARABIC_INDIC)


NOW = datetime.fromisoformat("2022-10-14T12:00:00-04:00")
LATE_NOW = datetime.fromisoformat("2022-10-14T23:30:00+00:00")  # already the 15th in Tripoli

OPTIONS = {
    "plain": DateOptions(),
    "utc": DateOptions(utc=True),
    "dayfirst": DateOptions(dayfirst=True),
    "tripoli": DateOptions(zone=site_zone("Africa/Tripoli")),
    "tripoli utc": DateOptions(zone=site_zone("Africa/Tripoli"), utc=True),
    "berlin": DateOptions(zone=site_zone("Europe/Berlin")),
    "new york": DateOptions(zone=site_zone("America/New_York")),
    "chicago": DateOptions(zone=site_zone("America/Chicago")),
    "shanghai": DateOptions(zone=site_zone("Asia/Shanghai")),
    "kolkata": DateOptions(zone=site_zone("Asia/Kolkata")),
    "now": DateOptions(now=NOW),
    "now tripoli": DateOptions(now=NOW, zone=site_zone("Africa/Tripoli")),
    "late now": DateOptions(now=LATE_NOW),
    "late now tripoli": DateOptions(now=LATE_NOW, zone=site_zone("Africa/Tripoli")),
    "min 2000": DateOptions(min_date=date(2000, 1, 1)),
}

# (text, options, expected ISO or None, warning kinds in order)
TABLE: list[tuple[str, str, str | None, tuple[str, ...]]] = [
    # 1. zones: --tz gives naive times the offset of that date, --utc converts, naive stays naive
    ("2025-11-01 04:23:00", "tripoli", "2025-11-01T04:23:00+02:00", ()),
    ("2025-11-01 04:23:00", "tripoli utc", "2025-11-01T02:23:00+00:00", ()),
    ("2025-11-01 04:23:00", "plain", "2025-11-01T04:23:00", ()),
    ("2025-11-01 04:23:00", "utc", "2025-11-01T04:23:00", ()),
    ("2025-11-01", "tripoli", "2025-11-01", ()),
    ("2021-07-01 12:00", "berlin", "2021-07-01T12:00:00+02:00", ()),
    ("2021-01-15 12:00", "berlin", "2021-01-15T12:00:00+01:00", ()),
    ("2021-10-31 02:30", "berlin", "2021-10-31T02:30:00+02:00", ("dst-transition",)),
    ("2021-03-28 02:30", "berlin", "2021-03-28T02:30:00+01:00", ("dst-transition",)),
    ("2021-03-04T10:00:00+05:30", "tripoli", "2021-03-04T10:00:00+05:30", ()),
    ("2021-03-04T10:00:00+05:30", "tripoli utc", "2021-03-04T04:30:00+00:00", ()),
    ("Mon, 5 Apr 1993 14:02:11 +0200", "utc", "1993-04-05T12:02:11+00:00", ()),
    ("1 November 2025 04:23", "tripoli", "2025-11-01T04:23:00+02:00", ()),
    # 2. zone abbreviations
    ("3 March 2021 10:23 EET", "plain", "2021-03-03T10:23:00+02:00", ()),
    ("10:23 EST, 3 March 2021", "plain", "2021-03-03T10:23:00-05:00", ()),
    ("3 March 2021 10:23 EDT", "plain", "2021-03-03T10:23:00-04:00", ()),
    ("Oct 14, 2022 9:27 AM ET", "plain", "2022-10-14T09:27:00-04:00", ()),
    ("Jan 14, 2022 9:27 AM ET", "plain", "2022-01-14T09:27:00-05:00", ()),
    ("Jul 4, 2022 3:00 PM PT", "plain", "2022-07-04T15:00:00-07:00", ()),
    ("Dec 1, 2022 3:00 PM CT", "plain", "2022-12-01T15:00:00-06:00", ()),
    ("Jun 1, 2022 8:00 AM MT", "plain", "2022-06-01T08:00:00-06:00", ()),
    ("5 Apr 1993 14:02 BST", "plain", "1993-04-05T14:02:00+01:00", ()),
    ("1 Jul 2021 09:00 CEST", "plain", "2021-07-01T09:00:00+02:00", ()),
    ("1 Jul 2021 09:00 MSK", "plain", "2021-07-01T09:00:00+03:00", ()),
    ("1 Jul 2021 09:00 GMT", "plain", "2021-07-01T09:00:00+00:00", ()),
    ("3 March 2021 10:23 IST", "plain", "2021-03-03T10:23:00", ("ambiguous-zone",)),
    ("3 March 2021 10:23 CST", "plain", "2021-03-03T10:23:00", ("ambiguous-zone",)),
    ("3 March 2021 10:23 CST", "chicago", "2021-03-03T10:23:00-06:00", ()),
    ("3 March 2021 10:23 CST", "shanghai", "2021-03-03T10:23:00+08:00", ()),
    ("3 March 2021 10:23 CST", "new york", "2021-03-03T10:23:00-06:00", ()),
    ("3 March 2021 10:23 IST", "kolkata", "2021-03-03T10:23:00+05:30", ()),
    ("3 March 2021 10:23 XYZT", "plain", "2021-03-03T10:23:00", ("unknown-zone",)),
    ("3 March 2021 10:23 XYZT", "tripoli", "2021-03-03T10:23:00", ("unknown-zone",)),
    ("3 March 2021 10:23 IST", "tripoli", "2021-03-03T10:23:00", ("ambiguous-zone",)),
    # "UTC+3" as people mean it (dateutil alone gives -03:00)
    ("2021-03-04 10:00 UTC+3", "plain", "2021-03-04T10:00:00+03:00", ()),
    ("2021-03-04 10:00 GMT+3", "plain", "2021-03-04T10:00:00+03:00", ()),
    ("2021-03-04 10:00 GMT-3", "plain", "2021-03-04T10:00:00-03:00", ()),
    ("10:00 on 4 March 2021 UTC+5:30", "plain", "2021-03-04T10:00:00+05:30", ()),
    ("Fri Oct 14 2022 09:27:00 GMT-0400 (Eastern Daylight Time)", "plain", "2022-10-14T09:27:00-04:00", ()),
    ("2021-03-04 10:00 +0060", "plain", None, ("unparsed-date",)),
    ("2021-03-04 10:00 +2500", "plain", None, ("unparsed-date",)),
    # 3. relative dates, counted back from now
    ("24 minutes ago", "now", "2022-10-14T11:36:00-04:00", ("relative-date",)),
    ("an hour ago", "now", "2022-10-14T11:00:00-04:00", ("relative-date",)),
    ("30 seconds ago", "now", "2022-10-14T11:59:30-04:00", ("relative-date",)),
    ("ten minutes ago", "now", "2022-10-14T11:50:00-04:00", ("relative-date",)),
    ("just now", "now", "2022-10-14T12:00:00-04:00", ("relative-date",)),
    ("yesterday", "now", "2022-10-13", ("relative-date",)),
    ("Today", "now", "2022-10-14", ("relative-date",)),
    ("updated 3 days ago", "now", "2022-10-11", ("relative-date",)),
    ("2 weeks ago", "now", "2022-09-30", ("relative-date",)),
    ("3 months ago", "now", "2022-07", ("relative-date",)),
    ("1 year ago", "now", "2021", ("relative-date",)),
    ("yesterday at 9:27 AM", "now", "2022-10-13T09:27:00", ("relative-date",)),
    ("24 minutes ago", "now tripoli", "2022-10-14T17:36:00+02:00", ("relative-date",)),
    ("today", "late now", "2022-10-14", ("relative-date",)),
    ("today", "late now tripoli", "2022-10-15", ("relative-date",)),
    ("24 minutes ago", "plain", None, ("unparsed-date",)),
    ("منذ 24 دقيقة", "now", "2022-10-14T11:36:00-04:00", ("relative-date",)),
    ("منذ ساعتين", "now", "2022-10-14T10:00:00-04:00", ("relative-date",)),
    ("أمس", "now", "2022-10-13", ("relative-date",)),
    ("il y a 3 heures", "now", "2022-10-14T09:00:00-04:00", ("relative-date",)),
    ("hace 2 días", "now", "2022-10-12", ("relative-date",)),
    # 4. other languages: Arabic (both series, Arabic-Indic digits), French, Spanish
    ("1 نوفمبر 2025", "plain", "2025-11-01", ()),
    (arabic_indic("2 تشرين الثاني 2025 04:23"), "plain", "2025-11-02T04:23:00", ()),
    ("الأحد 2 نوفمبر 2025 الساعة 04:23 مساءً", "plain", "2025-11-02T16:23:00", ()),
    ("2 تشرين الثاني/نوفمبر 2025", "plain", "2025-11-02", ()),
    (arabic_indic("2025-11-01 04:23:00"), "tripoli", "2025-11-01T04:23:00+02:00", ()),
    ("15 شباط 2024", "plain", "2024-02-15", ()),
    ("1 كانون الثاني 2024", "plain", "2024-01-01", ()),
    ("1 كانون الأول 2024", "plain", "2024-12-01", ()),
    ("5 آب 2023", "plain", "2023-08-05", ()),
    ("3 أيار 2022", "plain", "2022-05-03", ()),
    ("12 جانفي 2023", "plain", "2023-01-12", ()),
    (arabic_indic("15 أكتوبر 2023 10:30 ص"), "plain", "2023-10-15T10:30:00", ()),
    ("1 نوفمبر 2025م", "plain", "2025-11-01", ()),
    ("1 نوفمبر 2025 10:23 EET", "plain", "2025-11-01T10:23:00+02:00", ()),
    ("2 نوفمبر 2025 04:23 بتوقيت غرينتش", "plain", "2025-11-02T04:23:00+00:00", ()),
    ("3 mars 2021", "plain", "2021-03-03", ()),
    ("le 1er février 2021 à 14h30", "plain", "2021-02-01T14:30:00", ()),
    ("15 déc. 2021", "plain", "2021-12-15", ()),
    ("mardi 3 août 2021", "plain", "2021-08-03", ()),
    ("3 de marzo de 2021", "plain", "2021-03-03", ()),
    ("miércoles, 3 de marzo de 2021 a las 10:23", "plain", "2021-03-03T10:23:00", ()),
    ("15 ago 2021", "plain", "2021-08-15", ()),
    # 5. ambiguity: month first unless --dayfirst, a warning when both readings are dates
    ("03/04/2021", "plain", "2021-03-04", ("ambiguous-date",)),
    ("03/04/2021", "dayfirst", "2021-04-03", ("ambiguous-date",)),
    ("25/04/2021", "dayfirst", "2021-04-25", ()),
    ("04/25/2021", "plain", "2021-04-25", ()),
    ("2021-03-04", "dayfirst", "2021-03-04", ()),
    ("2021/03/04", "dayfirst", "2021-03-04", ()),
    (arabic_indic("03/04/2021"), "plain", "2021-03-04", ("ambiguous-date",)),
    # dotted dates are day first wherever they are written: no ambiguity, with or without --dayfirst
    ("03.04.2021 10:00", "dayfirst", "2021-04-03T10:00:00", ()),
    ("01.11.2025", "plain", "2025-11-01", ()),
    ("Mo., 01.11.25 um 11.56 Uhr", "plain", "2025-11-01T11:56:00", ()),
    ("11.13.2025", "plain", None, ("unparsed-date",)),
    ("Tue 1 Nov 2022 11.56 GMT", "plain", "2022-11-01T11:56:00+00:00", ()),
    ("3. März 2021, 10:23 Uhr", "plain", "2021-03-03T10:23:00", ()),
    ("12 marzo 2022", "plain", "2022-03-12", ()),
    ("Dec 15, 2025 5:28 pm", "plain", "2025-12-15T17:28:00", ()),
    ("segunda-feira, 3 de março de 2021 às 10h23", "plain", "2021-03-03T10:23:00", ()),
    ("lunedì 12 marzo 2022 alle 10:23", "plain", "2022-03-12T10:23:00", ()),
    ("Montag, 3. März 2021", "plain", "2021-03-03", ()),
    ("3.mar.2021 às 10h23", "plain", "2021-03-03T10:23:00", ()),
    ("Mon, 5 Apr 1993 14:02:11 UT", "plain", "1993-04-05T14:02:11+00:00", ()),
    ("Mon, 5 Apr 1993 14:02:11 EDT(-0400)", "plain", "1993-04-05T14:02:11-04:00", ()),
    # 6. precision: never a day or a month the text did not have
    ("March 2021", "plain", "2021-03", ()),
    ("2021", "plain", "2021", ()),
    ("2021-03", "plain", "2021-03", ()),
    ("mars 2021", "plain", "2021-03", ()),
    ("diciembre 2021", "plain", "2021-12", ()),
    ("نوفمبر 2025", "plain", "2025-11", ()),
    ("15 Dec 2025 5 PM", "plain", "2025-12-15T17:00:00", ()),
    ("Dec 15", "plain", None, ("unparsed-date",)),
    # 7. plausibility: after now + 1 day, before --min-date; the value is kept
    ("2031-01-01", "now", "2031-01-01", ("implausible-date",)),
    ("2022-10-15T11:00:00-04:00", "now", "2022-10-15T11:00:00-04:00", ()),
    ("2022-10-15T13:00:00-04:00", "now", "2022-10-15T13:00:00-04:00", ("implausible-date",)),
    ("2022-11", "now", "2022-11", ("implausible-date",)),
    ("2022-10", "now", "2022-10", ()),
    ("1985-06-01", "plain", "1985-06-01", ("implausible-date",)),
    ("1989", "plain", "1989", ("implausible-date",)),
    ("1990", "plain", "1990", ()),
    ("1999-12-31 23:00", "min 2000", "1999-12-31T23:00:00", ("implausible-date",)),
    # 8. never raise: null and a warning
    ("2147483648", "plain", None, ("unparsed-date",)),
    ("1:" + "9" * 40, "plain", None, ("unparsed-date",)),
    ("", "plain", None, ("unparsed-date",)),
    ("x" * 100, "plain", None, ("unparsed-date",)),
    ("0001-01-01 00:30", "tripoli", None, ("unparsed-date",)),
    ("99999 years ago", "now", None, ("unparsed-date",)),
    ("0000", "now", None, ("unparsed-date",)),
]

MACHINE_ZONES = {"<+1345>-13:45": -(13 * 3600 + 45 * 60), "EST5EDT,M3.2.0,M11.1.0": 5 * 3600}
"""POSIX TZ values (no zone database needed) and the time.timezone each must give."""


@pytest.fixture(params=list(MACHINE_ZONES))
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process runs under another TZ for the test; checked, so that the test cannot pass idly."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    assert time.timezone == MACHINE_ZONES[request.param]
    yield request.param
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_the_table_has_at_least_sixty_dates_with_a_value() -> None:
    assert len([row for row in TABLE if row[2] is not None]) >= 60


@pytest.mark.parametrize(("raw", "options", "iso", "kinds"), TABLE)
def test_date_table(
    machine_zone: str, raw: str, options: str, iso: str | None, kinds: tuple[str, ...]
) -> None:
    parsed = normalize_date(raw, OPTIONS[options], label="published")
    assert parsed.iso == iso
    assert tuple(warning.split(":")[0] for warning in parsed.warnings) == kinds


def test_the_byline_example_at_the_date_layer() -> None:
    """`Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago` with --now 12:00 EDT."""
    published = normalize_date("Oct 14, 2022 9:27 AM ET", OPTIONS["now"], label="published")
    updated = normalize_date("24 minutes ago", OPTIONS["now"], label="updated")
    assert (published.iso, updated.iso) == ("2022-10-14T09:27:00-04:00", "2022-10-14T11:36:00-04:00")
    assert published.warnings == ()
    assert updated.warnings == (
        "relative-date: updated '24 minutes ago' counted back from 2022-10-14T12:00:00-04:00",
    )
    assert precedes(published.iso, updated.iso)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2025-11-01 04:23:00", "2025-11-01T04:23:00"),
        ("2025-11-01T04:23:00", "2025-11-01T04:23:00"),
        ("2025-11-01 04:23", "2025-11-01T04:23:00"),
        ("2025-11-01", "2025-11-01"),
        ("2025-11-01 04:23:00.5", "2025-11-01T04:23:00.500000"),
        ("2025-11-01T04:23:00Z", "2025-11-01T04:23:00+00:00"),
        ("2025-11-01T04:23:00+02:00", "2025-11-01T04:23:00+02:00"),
        ("2025-11-01 04:23:00 -0500", "2025-11-01T04:23:00-05:00"),
        ("1 November 2025 04:23", "2025-11-01T04:23:00"),
        ("Dec 15, 2025 5:28 AM", "2025-12-15T05:28:00"),
        ("Dec 15, 2025 5:28 PM", "2025-12-15T17:28:00"),
        ("Nov 3, 2025 12:40 AM", "2025-11-03T00:40:00"),
        ("December 15, 2025", "2025-12-15"),
        ("15 Dec 2025 5 PM", "2025-12-15T17:00:00"),
        ("Mon, 5 Apr 1993 14:02:11 GMT", "1993-04-05T14:02:11+00:00"),
        ("Mon, 5 Apr 1993 14:02:11 +0200", "1993-04-05T14:02:11+02:00"),
        ("3 March 2021 10:23 EET", "2021-03-03T10:23:00+02:00"),
        ("5 Apr 93", "1993-04-05"),
        ("5 Apr 21", "2021-04-05"),
        ("March 2021", "2021-03"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        ("  2025-11-01\u00a0 04:23 ", "2025-11-01T04:23:00"),
    ],
)
def test_readable_dates(raw: str, iso: str) -> None:
    assert normalize_date(raw).iso == iso


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "it is empty"),
        ("Dec 15", "it has no year"),
        ("5:28 PM", "it has no year"),
        ("2025-13-45 10:00:00", "month must be in 1..12"),
        ("2021-02-30", "day is out of range for month"),
        ("sometime last week", "Unknown string format"),
        ("2025-11-01 04:23:00 +2500", "is not a real UTC offset"),
        ("2025-11-01 04:23:00 +0060", "an offset cannot have 60 minutes"),
        ("2147483648", "a number in it is out of range"),
        ("1:" + "9" * 40, "a number in it is out of range"),
        ("x" * 81, "longer than 80 characters"),
        ("24 minutes ago", "it is relative, and no --now was given"),
    ],
)
def test_unreadable_dates_are_null_with_a_warning(raw: str, reason: str) -> None:
    parsed = normalize_date(raw, label="published")
    assert parsed.iso is None
    assert len(parsed.warnings) == 1
    assert parsed.warnings[0].startswith(f"unparsed-date: published {raw!r} could not be read: ")
    assert reason in parsed.warnings[0]


def test_month_first_unless_dayfirst_and_both_readings_warn() -> None:
    month_first = normalize_date("03/04/2021")
    day_first = normalize_date("03/04/2021", DateOptions(dayfirst=True))
    assert (month_first.iso, day_first.iso) == ("2021-03-04", "2021-04-03")
    assert month_first.warnings == (
        "ambiguous-date: date '03/04/2021' read month first (no --dayfirst) as 2021-03-04",
    )
    assert day_first.warnings == (
        "ambiguous-date: date '03/04/2021' read day first (--dayfirst) as 2021-04-03",
    )


def test_zone_warnings_name_the_zone() -> None:
    unknown = normalize_date("3 March 2021 10:23 XYZT", label="updated")
    ambiguous = normalize_date("3 March 2021 10:23 IST", label="updated")
    assert unknown.warnings == ("unknown-zone: updated '3 March 2021 10:23 XYZT': zone 'XYZT' ignored",)
    assert ambiguous.warnings == (
        "ambiguous-zone: updated '3 March 2021 10:23 IST': zone 'IST' may be India, Ireland or Israel;"
        " no offset given (--tz tells)",
    )


def test_plausibility_warnings_say_what_they_compared() -> None:
    future = normalize_date("2031-01-01", OPTIONS["now"], label="published")
    early = normalize_date("1985-06-01", label="published")
    assert future.warnings == (
        "implausible-date: published 2031-01-01 is more than a day after now (2022-10-14T12:00:00-04:00)",
    )
    assert early.warnings == ("implausible-date: published 1985-06-01 is before 1990-01-01 (--min-date)",)


def test_clock_changes_are_explained() -> None:
    twice = normalize_date("2021-10-31 02:30", OPTIONS["berlin"], label="published")
    never = normalize_date("2021-03-28 02:30", OPTIONS["berlin"], label="published")
    assert twice.warnings == (
        "dst-transition: published '2021-10-31 02:30': 2021-10-31T02:30:00 happens twice in "
        "Europe/Berlin; read as the first (+02:00)",
    )
    assert never.warnings == (
        "dst-transition: published '2021-03-28 02:30': 2021-03-28T02:30:00 does not exist in "
        "Europe/Berlin; read with the offset before (+01:00)",
    )


def test_a_local_mean_time_offset_is_shown_in_utc() -> None:
    """Before 1920 Tripoli kept local mean time (+00:52:44); ISO 8601 offsets have no seconds."""
    parsed = normalize_date("1900-01-01 12:00", OPTIONS["tripoli"])
    assert parsed.iso == "1900-01-01T11:07:16+00:00"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("2025-07-01T18:22:40", "2025-07-03T09:00:00", True),
        ("2025-07-03T09:00:00", "2025-07-01T18:22:40", False),
        ("2025-07-03", "2025-07-03T09:00:00", False),
        ("2025-06", "2025-07-03", True),
        ("2025-07-03T09:00:00+02:00", "2025-07-03T08:00:00+00:00", True),
        ("2025-07-01T09:00:00+02:00", "2025-07-03T09:00:00", False),
    ],
)
def test_precedes_compares_only_what_both_dates_state(first: str, second: str, expected: bool) -> None:
    assert precedes(first, second) is expected


ZONE_NAMED_DATES = [
    "October 26, 2023 10:17 AM EST",
    "Sat, 02 Jan 2016 10:37:26 GMT",
    "3 March 2021 14:05 CET",
    "Mar 9, 2025 2:30 AM EST",  # the hour New York skips
    "Nov 2, 2025 1:30 AM EDT",  # the hour New York has twice
    "October 26, 2025 1:30 AM BST",
    "June 1, 2024 9:00 PM IST",  # told apart by --tz
    "June 1, 2024 9:00 PM XYZ",  # unknown to the table
    "June 1, 2024 9:00 PM est",  # not a zone name to dateutil
    "June 1, 2024 9:00 AM MON",
    "June 1, 2024 12:00 AM UT",
]
ZONE_NAMED_OPTIONS = [
    DateOptions(),
    DateOptions(mail_zones=True),
    DateOptions(zone=site_zone("America/New_York")),
    DateOptions(zone=site_zone("Asia/Jerusalem"), utc=True),
    DateOptions(zone=site_zone("Europe/London"), mail_zones=True),
]


@pytest.mark.parametrize("text", ZONE_NAMED_DATES)
def test_a_zone_name_after_a_named_month_reads_as_dateutil_reads_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path for "Month D, YYYY H:MM AM ZONE" gives what the dateutil path gives."""
    fast = [normalize_date(text, options) for options in ZONE_NAMED_OPTIONS]
    monkeypatch.setattr("artparse.dates._named_month", lambda: re.compile(r"(?!)"))
    assert fast == [normalize_date(text, options) for options in ZONE_NAMED_OPTIONS]
