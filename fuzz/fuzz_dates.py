"""Coverage-guided fuzzing of the date layer: normalize_date must never raise.

    .venv/bin/pip install -e '.[fuzz]'
    mkdir -p /tmp/corpus
    .venv/bin/python fuzz/fuzz_dates.py -max_total_time=600 /tmp/corpus fuzz/seeds

libFuzzer writes the inputs it finds into the first directory, so give it a scratch one and the
seeds second. An input is the date text (UTF-8), then optionally a NUL byte and bytes that choose
the options (dayfirst, --tz, --utc, --now, --min-date): the seeds are plain dates. For every
input the result must be ISO 8601 or null with one unparsed-date warning. A crash
prints the input: replay it in tests/test_dates_never_raise.py once fixed. Without atheris
installed (it has wheels for Linux and macOS only) the harness says so and exits 0.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone

try:
    import atheris
except ImportError:
    print("fuzz_dates: skipped: atheris is not installed (pip install -e '.[fuzz]')", file=sys.stderr)
    sys.exit(0)

with atheris.instrument_imports(include=["artparse", "dateutil"]):
    # artparse imports these on first use; imported here, they are instrumented too
    import dateutil.parser  # noqa: F401

    import artparse.languages
    import artparse.relative  # noqa: F401
    from artparse.dates import DateOptions, normalize_date
    from artparse.zones import site_zone

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{6})?([+-]\d{2}:\d{2})?)?)?)?")
ZONES = [None, *map(site_zone, ("Africa/Tripoli", "Europe/Berlin", "America/New_York", "Asia/Kolkata"))]
FIRST_DAY, LAST_DAY = date(1, 1, 2).toordinal(), date(9999, 12, 30).toordinal()


def options_from(choices: bytes) -> DateOptions:
    if not choices:
        return DateOptions()
    data = atheris.FuzzedDataProvider(choices)
    now = None
    if data.ConsumeBool():
        day = date.fromordinal(data.ConsumeIntInRange(FIRST_DAY, LAST_DAY))
        moment = datetime.combine(day, time()) + timedelta(seconds=data.ConsumeIntInRange(0, 86399))
        minutes = data.ConsumeIntInRange(-14 * 60, 14 * 60)
        now = moment.replace(tzinfo=UTC if not minutes else timezone(timedelta(minutes=minutes)))
    return DateOptions(
        dayfirst=data.ConsumeBool(),
        zone=data.PickValueInList(ZONES),
        utc=data.ConsumeBool(),
        now=now,
        min_date=date.fromordinal(data.ConsumeIntInRange(FIRST_DAY, LAST_DAY)),
    )


def test_one_input(data: bytes) -> None:
    text, _, choices = data.partition(b"\x00")
    raw, options = text.decode("utf-8", errors="replace"), options_from(choices)
    parsed = normalize_date(raw, options, label="published")
    if parsed.iso is None:
        assert len(parsed.warnings) == 1 and parsed.warnings[0].startswith("unparsed-date: "), parsed
    else:
        assert ISO.fullmatch(parsed.iso), parsed
        if "T" in parsed.iso:
            datetime.fromisoformat(parsed.iso)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
