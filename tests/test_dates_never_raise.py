"""The date layer is total: any text, under any options, gives ISO 8601 or null plus a warning.

Arbitrary text finds little beyond "Unknown string format", so most examples are built from
pieces of real dates (digits of both kinds, month names of every language, zones, offsets,
relative words) that reach the deep paths: dateutil, zone resolution, clock changes, counting
back from extreme `now` values. fuzz/fuzz_dates.py does the same with coverage guidance.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from artparse.dates import DateOptions, normalize_date
from artparse.zones import site_zone

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{6})?([+-]\d{2}:\d{2})?)?)?)?")
KINDS = {
    "unparsed-date",
    "ambiguous-date",
    "unknown-zone",
    "ambiguous-zone",
    "relative-date",
    "implausible-date",
    "dst-transition",
}
PIECES = (
    *"0123456789",
    *map(chr, range(0x0660, 0x066A)),  # Arabic-Indic digits
    *(" ", ":", "-", "/", ".", ",", "+", "T", "Z", "(", ")", "  ", "\u200f", "\u00a0"),
    *("2021", "1993", "0001", "9999", "12:30", "23:59:59", "99", "2147483648", "9" * 30),
    *("Jan", "March", "Dec", "mars", "février", "1er", "de", "marzo", "ago", "10h23", "à", "a las"),
    *("نوفمبر", "كانون الثاني", "تشرين الأول", "آب", "الساعة", "مساءً", "م", "ص", "منذ", "ساعتين", "أمس"),
    *("UTC", "GMT", "UTC+3", "GMT-0400", "EET", "ET", "PT", "CST", "IST", "XYZT", "+0200", "-0530", "+2500"),
    *("ago", "minutes", "hours", "days", "weeks", "months", "years", "an hour", "yesterday", "today"),
    *("just now", "updated", "il y a", "hace", "AM", "PM", "a.m.", "p. m.", "on", "at"),
)
pieced_text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
zones = st.sampled_from(
    [None, "Africa/Tripoli", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati"]
).map(lambda name: None if name is None else site_zone(name))
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
nows = st.none() | st.datetimes(
    datetime(1, 1, 2), datetime(9999, 12, 30), timezones=st.none() | st.just(UTC) | offsets
)
options = st.builds(
    DateOptions, dayfirst=st.booleans(), zone=zones, utc=st.booleans(), now=nows, min_date=st.dates()
)


def assert_total(raw: str, chosen: DateOptions) -> None:
    parsed = normalize_date(raw, chosen, label="published")
    kinds = [warning.split(": ")[0] for warning in parsed.warnings]
    assert set(kinds) <= KINDS, parsed.warnings
    if parsed.iso is None:
        assert kinds == ["unparsed-date"], parsed.warnings
        return
    assert ISO.fullmatch(parsed.iso), parsed.iso
    assert "unparsed-date" not in kinds
    if "T" in parsed.iso:
        datetime.fromisoformat(parsed.iso)
    elif len(parsed.iso) == 10:
        date.fromisoformat(parsed.iso)


@settings(max_examples=300, deadline=None)
@given(pieced_text, options)
def test_date_pieces_under_any_options_give_iso_or_null(raw: str, chosen: DateOptions) -> None:
    assert_total(raw, chosen)


@settings(deadline=None)
@given(st.text(max_size=100), options)
def test_any_text_under_any_options_gives_iso_or_null(raw: str, chosen: DateOptions) -> None:
    assert_total(raw, chosen)


def test_the_inputs_the_fuzzer_and_reference_found_stay_handled() -> None:
    """Crashers from reliability.md section D and from fuzz/fuzz_dates.py runs, replayed."""
    found = [
        "2147483648",
        "1:" + "9" * 40,
        "2025-11-01 04:23:00 +2500",
        "0000",
        "99999 years ago",
        "2025-11-01 2025-11-07120202201024:00",  # dateutil reads an offset beyond timedelta's range
    ]
    for raw in found:
        assert_total(raw, DateOptions(now=datetime(2022, 10, 14, tzinfo=UTC)))
