"""Date text to ISO 8601: nothing invented, nothing from today or the machine's zone."""

from __future__ import annotations

import pytest

from artparse.dates import normalize_date, precedes


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
        ("2147483648", "a number in it is out of range"),
        ("1:" + "9" * 40, "a number in it is out of range"),
        ("x" * 65, "longer than 64 characters"),
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
    day_first = normalize_date("03/04/2021", dayfirst=True)
    assert (month_first.iso, day_first.iso) == ("2021-03-04", "2021-04-03")
    assert month_first.warnings == (
        "ambiguous-date: date '03/04/2021' read month first (no --dayfirst) as 2021-03-04",
    )
    assert day_first.warnings == (
        "ambiguous-date: date '03/04/2021' read day first (--dayfirst) as 2021-04-03",
    )


@pytest.mark.parametrize("raw", ["25/04/2021", "2021/03/04", "04/04/2021"])
def test_dates_with_one_reading_do_not_warn(raw: str) -> None:
    assert normalize_date(raw, dayfirst=True).warnings == ()


def test_year_first_dates_ignore_dayfirst() -> None:
    assert normalize_date("2021/03/04", dayfirst=True).iso == "2021-03-04"


def test_an_unknown_zone_gives_no_offset_and_a_warning() -> None:
    parsed = normalize_date("3 March 2021 10:23 XYZT", label="updated")
    assert parsed.iso == "2021-03-03T10:23:00"
    assert parsed.warnings == ("unknown-zone: updated '3 March 2021 10:23 XYZT': zone 'XYZT' ignored",)


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
