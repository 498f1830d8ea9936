"""The formats table: -f choices, suffixes (gzip too), the report to a file, and what -o refuses."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from artparse.formats import BY_NAME, CHOICES, DATABASE, FORMATS, RECORDS
from tests.conftest import SAMPLES, SEED, run_artparse

RECORD_SUFFIXES = [
    (entry.name, suffix) for entry in FORMATS if entry.kind == RECORDS for suffix in entry.suffixes
]


@pytest.mark.parametrize("spelling", ["JSONL", "Csv", "tSv", "SUMMARY"])
def test_format_names_are_case_insensitive(spelling: str) -> None:
    given = run_artparse("-f", spelling, str(SEED))
    lower = run_artparse("-f", spelling.lower(), str(SEED))
    assert given.returncode == lower.returncode == 0
    assert given.stdout == lower.stdout


@pytest.mark.parametrize(("name", "suffix"), RECORD_SUFFIXES)
def test_each_suffix_writes_its_format_plain_or_gzipped(tmp_path: Path, name: str, suffix: str) -> None:
    expected = run_artparse("-f", name, str(SAMPLES)).stdout
    plain, packed, again = tmp_path / f"a{suffix}", tmp_path / f"a{suffix}.gz", tmp_path / f"b{suffix}.GZ"
    for target in (plain, packed, again):
        assert run_artparse(str(SAMPLES), "-o", str(target)).returncode == 0
    assert plain.read_bytes() == expected
    assert gzip.decompress(packed.read_bytes()) == expected
    assert packed.read_bytes() == again.read_bytes()  # no name or time in the gzip header


def test_a_database_is_never_gzipped(tmp_path: Path) -> None:
    for args in (["-o", str(tmp_path / "a.db.gz")], ["-f", "sqlite", "-o", str(tmp_path / "a.gz")]):
        result = run_artparse(str(SEED), *args)
        assert result.returncode == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("spelling", ["{dir}/", "{dir}"])
def test_an_output_directory_is_a_usage_error(tmp_path: Path, spelling: str) -> None:
    target = spelling.format(dir=tmp_path / "out")
    (tmp_path / "out").mkdir()
    for format_flag in (["-f", "jsonl"], []):  # without -f: not "cannot tell the format"
        result = run_artparse(str(SEED), "-o", target, *format_flag)
        assert result.returncode == 3
        assert (
            result.stderr
            == f"artparse: cannot write output: {target}: Is a directory (give a file name)\n".encode()
        )


def test_a_missing_directory_named_with_a_slash_is_a_directory_too(tmp_path: Path) -> None:
    result = run_artparse(str(SEED), "-o", f"{tmp_path}/new/")
    assert result.returncode == 3
    assert b"Is a directory" in result.stderr
    assert not (tmp_path / "new").exists()


def test_summary_with_a_text_file_writes_the_report_there(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    to_file = run_artparse("--summary", str(SAMPLES), "-o", str(report))
    to_stdout = run_artparse("--summary", str(SAMPLES))
    assert to_file.returncode == to_stdout.returncode == 0
    assert to_file.stdout == b""
    assert report.read_bytes() == to_stdout.stdout
    assert b"records" in to_stdout.stdout


def test_summary_with_a_records_file_still_writes_the_records(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    result = run_artparse("--summary", str(SAMPLES), "-o", str(records))
    assert records.read_bytes() == run_artparse(str(SAMPLES)).stdout
    assert result.stdout == run_artparse("--summary", str(SAMPLES)).stdout


@pytest.mark.parametrize(("flags", "code"), [([], 0), (["--strict"], 1)])
def test_an_empty_folder_says_so(tmp_path: Path, flags: list[str], code: int) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.png").write_bytes(b"\x89PNG")
    for folder in ("empty", "images"):
        result = run_artparse(*flags, str(tmp_path / folder))
        assert result.returncode == code
        assert f"artparse: no article files found under {tmp_path / folder}\n".encode() in result.stderr
    assert b"no article files" not in run_artparse(str(SAMPLES)).stderr


def test_the_help_lists_the_choices_of_the_table() -> None:
    shown = run_artparse("--help").stdout.decode()
    assert all(name in shown for name in CHOICES)
    assert "pretty" not in CHOICES and BY_NAME["pretty"].writer is not None


def test_a_database_suffix_writes_a_database(tmp_path: Path) -> None:
    for entry in FORMATS:
        for suffix in entry.suffixes if entry.kind == DATABASE else ():
            target = tmp_path / f"a{suffix}"
            assert run_artparse(str(SEED), "-o", str(target)).returncode == 0
            with sqlite3.connect(target) as connection:
                assert connection.execute("SELECT count(*) FROM articles").fetchone() == (1,)
