"""The date options on the command line: --tz, --utc, --now (default: the file's time), --min-date."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from artparse.cli import command
from tests.conftest import SEED, artparse_command, run_artparse

BYLINE_LIKE = (
    "Posted by AI on Oct 14, 2022 9:27 AM ET | Last Updated by AI on 24 minutes ago\n"
    "The body of the article.\n"
)
MODIFIED = datetime(2022, 10, 14, 16, 0, tzinfo=UTC)  # noon in New York


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(command, list(args), input=input, catch_exceptions=False)


def record(result: Result) -> dict[str, object]:
    [line] = result.stdout.splitlines()
    parsed: dict[str, object] = json.loads(line)
    return parsed


def article(tmp_path: Path, text: str, modified: datetime = MODIFIED) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    os.utime(path, (modified.timestamp(), modified.timestamp()))
    return path


def test_tz_gives_naive_times_the_sites_offset_and_utc_converts() -> None:
    tripoli = record(invoke("--tz", "Africa/Tripoli", str(SEED)))
    utc = record(invoke("--tz", "Africa/Tripoli", "--utc", str(SEED)))
    assert tripoli["published"] == "2025-11-01T04:23:00+02:00"
    assert tripoli["updated"] == "2025-12-15T05:28:33+02:00"
    assert (utc["published"], utc["updated"]) == ("2025-11-01T02:23:00+00:00", "2025-12-15T03:28:33+00:00")
    assert tripoli["published_raw"] == utc["published_raw"] == "2025-11-01 04:23:00"


def test_without_tz_naive_stays_naive_even_with_utc() -> None:
    assert record(invoke("--utc", str(SEED)))["published"] == "2025-11-01T04:23:00"


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--tz", "Africa/Tripoli"], "2025-11-01T04:23:00+02:00\n"),
        (["--tz", "Africa/Tripoli", "--utc"], "2025-11-01T02:23:00+00:00\n"),
    ],
)
def test_the_issue_commands_through_jq(options: list[str], expected: str) -> None:
    artparse = subprocess.run([*artparse_command(), *options, str(SEED)], capture_output=True, check=True)
    jq = subprocess.run(["jq", "-r", ".published"], input=artparse.stdout, capture_output=True, check=True)
    assert jq.stdout.decode() == expected


def test_now_resolves_relative_dates_and_keeps_the_raw_text(tmp_path: Path) -> None:
    result = invoke("--now", "2022-10-14T12:00:00-04:00", str(article(tmp_path, BYLINE_LIKE)))
    got = record(result)
    assert (got["published"], got["updated"]) == ("2022-10-14T09:27:00-04:00", "2022-10-14T11:36:00-04:00")
    assert got["updated_raw"] == "24 minutes ago"
    assert got["warnings"] == [
        "relative-date: updated '24 minutes ago' counted back from 2022-10-14T12:00:00-04:00"
    ]


def test_now_defaults_to_the_files_modification_time(tmp_path: Path) -> None:
    path = article(tmp_path, BYLINE_LIKE)
    assert record(invoke(str(path)))["updated"] == "2022-10-14T15:36:00+00:00"
    assert record(invoke("--tz", "America/New_York", str(path)))["updated"] == "2022-10-14T11:36:00-04:00"


def test_now_defaults_to_the_current_time_for_stdin() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    updated = record(invoke("-", input=BYLINE_LIKE))["updated"]
    after = datetime.now(UTC)
    assert isinstance(updated, str)
    assert before - timedelta(minutes=24) <= datetime.fromisoformat(updated) <= after - timedelta(minutes=24)


def test_implausible_dates_warn_and_strict_makes_them_failures(tmp_path: Path) -> None:
    path = article(tmp_path, "Posted by AI on 2031-01-01 10:00\nBody.\n")
    relaxed, strict = invoke(str(path)), invoke("--strict", str(path))
    assert (relaxed.exit_code, strict.exit_code) == (0, 1)
    assert record(relaxed)["published"] == record(strict)["published"] == "2031-01-01T10:00:00"
    assert record(relaxed)["warnings"] == [
        "implausible-date: published 2031-01-01T10:00:00 is more than a day after now "
        "(2022-10-14T16:00:00+00:00)"
    ]


def test_min_date_moves_the_earliest_plausible_date() -> None:
    assert record(invoke(str(SEED)))["warnings"] == []
    assert record(invoke("--min-date", "2025-12-01", str(SEED)))["warnings"] == [
        "implausible-date: published 2025-11-01T04:23:00 is before 2025-12-01 (--min-date)"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tz", "Mars/Olympus_Mons"], "Invalid value for --tz: unknown time zone 'Mars/Olympus_Mons'"),
        (["--tz", "../../etc/passwd"], "Invalid value for --tz: unknown time zone"),
        (["--now", "2022-10-14"], "Invalid value for --now: '2022-10-14' has no time"),
        (["--now", "noon"], "Invalid value for --now: 'noon' is not an ISO 8601 date and time"),
        (["--min-date", "1990"], "Invalid value for --min-date: '1990' is not an ISO 8601 date"),
    ],
)
def test_bad_date_options_are_usage_errors(args: list[str], message: str) -> None:
    result = invoke(*args, str(SEED))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_date_output_is_the_same_bytes_under_any_machine_time_zone(tmp_path: Path) -> None:
    article(tmp_path, BYLINE_LIKE)
    (tmp_path / "naive.txt").write_text("Posted by AI on 2021-10-31 02:30\nBody.\n", encoding="utf-8")
    arabic = "Posted by AI on 2 تشرين الثاني 2025 04:23 م\nBody.\n"
    (tmp_path / "arabic.txt").write_text(arabic, encoding="utf-8")
    for path in tmp_path.iterdir():
        os.utime(path, (MODIFIED.timestamp(), MODIFIED.timestamp()))
    runs = [
        run_artparse(str(tmp_path), *options, env={"TZ": machine_zone})
        for machine_zone in ("UTC0", "<+1345>-13:45", "EST5EDT,M3.2.0,M11.1.0")
        for options in ([], ["--tz", "Europe/Berlin", "--now", "2022-10-14T12:00:00-04:00"], ["--utc"])
    ]
    assert {run.returncode for run in runs} == {0}
    by_options = [{runs[i + 3 * zone].stdout for zone in range(3)} for i in range(3)]
    assert [len(outputs) for outputs in by_options] == [1, 1, 1]
    assert b'"updated":"2022-10-14T15:36:00+00:00"' in runs[0].stdout
    assert b'"published":"2021-10-31T02:30:00+02:00"' in runs[1].stdout


@pytest.mark.parametrize(
    "nanoseconds",
    [
        1_665_763_200_000_000_000,  # a whole second
        1_665_763_200_999_999_400,  # rounds down to .999999
        1_665_763_200_999_999_600,  # rounds up into the next second
        1_665_763_201_000_000_001,
        -1_500_000_000,  # before 1970
    ],
)
def test_each_file_of_a_batch_counts_back_from_its_own_second(tmp_path: Path, nanoseconds: int) -> None:
    """Files of one second share a moment; one just before or after it has its own."""
    text = "Posted by AI on 2022-10-14 | Last Updated by AI on 24 minutes ago\nBody.\n"
    times = [1_665_763_200_500_000_000, nanoseconds, 1_665_763_200_500_000_000]
    for number, stamp in enumerate(times):
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
        os.utime(tmp_path / f"{number}.txt", ns=(stamp, stamp))
    result = invoke("-j", "1", str(tmp_path))
    updated = [json.loads(line)["updated"] for line in result.stdout.splitlines()]
    mtimes = [os.stat(tmp_path / f"{number}.txt").st_mtime for number in range(3)]
    moments = [datetime.fromtimestamp(mtime, UTC) for mtime in mtimes]
    expected = [(moment.replace(microsecond=0) - timedelta(minutes=24)).isoformat() for moment in moments]
    assert updated == expected
