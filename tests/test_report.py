"""The report (-f summary): its figures against the JSON Lines records, on a directory and a database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from artparse.cli import command
from artparse.report import chart_bars
from tests.conftest import SAMPLES, SEED, artparse_command, run_on_terminal

INJECTED_AUTHOR = "[/bold] \x1b]0;pwned\x07 [link=http://x]y"
EXTRA_FILES = {
    "no-header.txt": "Just a note, no header.\n",
    "month-only.txt": "Posted by Year Only on March 2021\nBody.\n",
    "year-only.txt": "Posted by Year Only on 2019\nBody.\n",
    "latin1.txt": "Posted by Zoé on 2025-11-01\n".encode("latin-1"),
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for sample in [SEED, *SAMPLES.glob("posted-by-*.txt")]:  # one site's year: a chart by month
        (root / sample.name).write_bytes(sample.read_bytes())
    for name, content in EXTRA_FILES.items():
        path = root / "extra" / name
        path.parent.mkdir(exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def records_of(*args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in invoke(*args, "-f", "jsonl", "-q").stdout.splitlines()]


def row(label: str, *values: str) -> re.Pattern[str]:
    """A whole report line: `label`, then the non-empty `values`, separated by spaces."""
    cells = [re.escape(cell) for cell in (label, *values) if cell]
    return re.compile("^" + r"\s+".join(cells) + "$", re.MULTILINE)


def every_month(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def test_the_report_of_a_directory_matches_its_records(corpus: Path) -> None:
    missing = str(corpus / "missing.txt")
    binary = corpus.parent / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    records = records_of(str(corpus))
    result = invoke(str(corpus), missing, str(binary), "-f", "summary")
    report = result.stdout
    assert result.exit_code == 1
    assert "\x1b" not in report and "█" not in report  # plain text off a terminal

    warned = sum(1 for r in records if r["warnings"])
    assert row("records", f"{len(records)} ({warned} with warnings)").search(report)
    for dialect, count in Counter(r["dialect"] or "(none)" for r in records).items():
        assert row(dialect, str(count)).search(report), dialect
    for kind, count in Counter(w.split(":")[0] for r in records for w in r["warnings"]).items():
        assert row(kind, str(count)).search(report), kind
    assert row("binary file", "1").search(report)
    assert row("No such file or directory", "1").search(report)

    dates = [r["published"] for r in records if r["published"]]
    undated = len(records) - len(dates)
    assert row("published", f"{min(dates)} to {max(dates)} ({undated} undated)").search(report)

    visits = sorted(r["visits"] for r in records if r["visits"] is not None)
    middle = len(visits) // 2
    median = visits[middle] if len(visits) % 2 else (visits[middle - 1] + visits[middle]) / 2
    assert row(
        "visits",
        f"{len(visits)} of {len(records)} records: total {sum(visits):,}, median {one_decimal(median)}, "
        f"mean {one_decimal(sum(visits) / len(visits))}, max {max(visits):,}",
    ).search(report)

    months = Counter(d[:7] for d in dates if len(d) >= 7)
    tallest = max(months.values())
    for month in every_month(min(months), max(months)):
        bar = "#" * max(1, round(months[month] * 40 / tallest)) if months[month] else ""
        assert row(month, str(months[month]), bar).search(report), month
    year_only = sum(1 for d in dates if len(d) < 7)
    assert f"not charted: {undated} undated, {year_only} with a year only" in report

    authors = Counter(r["author"] for r in records if r["author"] is not None)
    ranked = sorted(authors.items(), key=lambda item: (-item[1], item[0]))[:10]
    top = report.split("top 10 authors")[1].strip().splitlines()[1:]
    assert [re.split(r"\s{2,}", line) for line in top] == [
        *([name, str(count)] for name, count in ranked),
        ["(no author)", str(len(records) - sum(authors.values()))],
    ]


def one_decimal(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def test_the_report_of_a_database_is_the_report_of_its_records(corpus: Path, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    invoke(str(corpus), "-o", str(database), "-q")
    from_directory = invoke(str(corpus), "-f", "summary", "-q").stdout
    from_database = invoke(str(database), "--summary")
    assert from_database.exit_code == 0 and from_database.stderr == ""

    def blocks(report: str) -> list[str]:
        """The report's parts without the run's own line and its failures."""
        lines = [line for line in report.splitlines() if not line.startswith("run ")]
        return [part for part in "\n".join(lines).split("\n\n") if not part.startswith("failure")]

    assert blocks(from_database.stdout) == blocks(from_directory)


def test_a_database_run_with_summary_reports_on_the_whole_database(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    invoke(str(SAMPLES / "posted-by-crlf.txt"), "-o", str(database))
    result = invoke(str(SAMPLES / "posted-by-bom.txt"), "-o", str(database), "--summary")
    assert row("records", "2 (0 with warnings)").search(result.stdout)
    assert row("run", "1 input: 1 record (0 with warnings), 0 failed").search(result.stdout)


def test_the_report_can_go_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = invoke(str(SAMPLES), "-f", "summary", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    posted_by = sum(1 for r in records_of(str(SAMPLES)) if r["dialect"] == "posted-by")
    assert row("posted-by", str(posted_by)).search(target.read_text(encoding="utf-8"))


def test_summary_with_an_output_file_writes_the_records_there_and_reports_on_stdout(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = invoke(str(SAMPLES), "-o", str(target), "--summary", "--fields", "source,visits")
    records = records_of(str(SAMPLES))
    dates = sorted(r["published"] for r in records if r["published"])
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"source,visits\r\n")
    assert target.read_bytes().count(b"\r\n") == len(records) + 1
    assert row("posted-by", str(sum(1 for r in records if r["dialect"] == "posted-by"))).search(result.stdout)
    undated = len(records) - len(dates)
    assert row("published", f"{dates[0]} to {dates[-1]} ({undated} undated)").search(result.stdout)


def test_a_database_path_must_be_alone_and_readable(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    invoke(str(SAMPLES / "posted-by-crlf.txt"), "-o", str(database))
    mixed = invoke(str(database), str(SAMPLES), "-f", "summary")
    assert mixed.exit_code == 2 and "a database PATH must be the only PATH" in mixed.stderr
    other = tmp_path / "other.db"
    import sqlite3

    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = invoke(str(other), "-f", "summary")
    assert (result.exit_code, result.stdout) == (1, "")
    reason = "no articles table with the columns of artparse records"
    assert result.stderr == f"artparse: cannot read the database: {other}: {reason}\n"


def test_untrusted_text_cannot_drive_the_terminal_or_rich_markup(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(f"Posted by {INJECTED_AUTHOR} on 2025-11-01\nBody.\n", encoding="utf-8")
    report = invoke(str(article), "-f", "summary").stdout
    assert "\x1b" not in report and "\x07" not in report
    assert "[/bold] \\x1b]0;pwned\\x07 [link=http" in report


def test_on_a_terminal_the_report_has_colours_and_block_bars() -> None:
    code, text = run_on_terminal([*artparse_command(), str(SAMPLES), "-f", "summary", "-q"])
    assert code == 0
    assert "\x1b[" in text and "█" in text
    assert "posted-by" in text


def test_rich_and_sqlite_are_imported_only_when_needed() -> None:
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from artparse.cli import command\n"
        "CliRunner().invoke(command, sys.argv[1:])\n"
        "print(sorted(name for name in ('rich', 'sqlite3') if name in sys.modules))\n"
    )
    seed = str(SAMPLES / "posted-by-crlf.txt")

    def modules(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", probe, seed, *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    assert modules("-f", "jsonl") == "[]"
    assert "'rich'" in modules("-f", "summary")


def test_a_long_span_is_charted_per_year() -> None:
    assert chart_bars(Counter({"2025-11": 2, "2025-09": 1})) == [
        ("2025-09", 1),
        ("2025-10", 0),
        ("2025-11", 2),
    ]
    sixty_months = chart_bars(Counter({"2020-12": 1, "2025-11": 3}))
    assert len(sixty_months) == 60
    assert (sixty_months[0], sixty_months[1], sixty_months[-1]) == (
        ("2020-12", 1),
        ("2021-01", 0),
        ("2025-11", 3),
    )
    assert chart_bars(Counter({"2020-12": 1, "2025-11": 3, "2025-12": 2})) == [
        ("2020", 1),
        ("2021", 0),
        ("2022", 0),
        ("2023", 0),
        ("2024", 0),
        ("2025", 5),
    ]
