"""Many workers: the same bytes as one, in the same order; a progress bar only on a terminal."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest

from artparse.pipeline import SMALL_BATCH
from artparse.pool import CHUNK
from tests.conftest import SAMPLE_TEXTS, SAMPLES, artparse_command, run_artparse, run_on_terminal


@pytest.fixture(scope="module")
def big_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough copies of the samples for several chunks to each worker, bad files among them."""
    root = tmp_path_factory.mktemp("tree")
    copies = max(SMALL_BATCH, 3 * CHUNK) // len(SAMPLE_TEXTS) + 1
    for copy in range(copies):
        shutil.copytree(SAMPLES, root / f"copy{copy}", ignore=shutil.ignore_patterns("*.json"))
    (root / "copy0" / "binary.txt").write_bytes(b"\x00\x01")
    (root / "copy1" / "latin1.txt").write_bytes("Posted by Zoé on 2025-11-01\n".encode("latin-1"))
    (root / "copy2" / "fifo").parent.mkdir(exist_ok=True)
    os.mkfifo(root / "copy2" / "fifo")
    return root


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "tsv"])
def test_two_workers_write_the_same_bytes_as_one(big_tree: Path, fmt: str) -> None:
    one = run_artparse("-j", "1", "-f", fmt, str(big_tree))
    two = run_artparse("-j", "2", "-f", fmt, str(big_tree))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    records = re.search(rb"(\d+) records", one.stderr)
    assert records and int(records[1]) > max(SMALL_BATCH, 2 * CHUNK)  # work for both workers


def test_the_pool_keeps_standard_input_in_its_place(big_tree: Path) -> None:
    stdin = b"Posted by Standard Input on 2025-11-01\nBody.\n"
    args = [str(big_tree / "copy0"), "-", str(big_tree / "copy1"), str(big_tree / "copy2")]
    one = run_artparse("-j", "1", *args, input=stdin)
    two = run_artparse("-j", "2", *args, input=stdin)
    assert one.stdout == two.stdout
    sources = [line.split(b'"source":"')[1].split(b'"')[0] for line in two.stdout.splitlines()]
    assert sources.count(b"-") == 1
    assert all(
        source.startswith(str(big_tree / "copy0").encode()) for source in sources[: sources.index(b"-")]
    )


def test_jobs_must_be_a_positive_number() -> None:
    result = run_artparse("-j", "0", str(SAMPLES))
    assert result.returncode == 2
    assert b"Invalid value for '-j' / '--jobs'" in result.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(big_tree: Path) -> None:
    result = run_artparse(str(big_tree))
    assert result.returncode == 0
    assert b"\x1b" not in result.stderr and b"\r" not in result.stderr
    assert all(line.startswith(b"artparse: ") for line in result.stderr.splitlines())


def test_a_terminal_sees_a_progress_bar_that_goes_away(big_tree: Path, tmp_path: Path) -> None:
    shown = _stderr_on_terminal([*artparse_command(), str(big_tree), "-o", str(tmp_path / "out.jsonl")])
    assert "━" in shown  # the bar was drawn
    assert "\x1b[2K" in shown  # and erased (transient)
    assert "binary.txt: skipped: binary file" in shown  # messages still come, above the bar
    assert re.search(r"artparse: \d+ inputs: \d+ records", shown)


def test_quiet_hides_the_progress_bar(big_tree: Path, tmp_path: Path) -> None:
    assert (
        _stderr_on_terminal([*artparse_command(), "-q", str(big_tree), "-o", str(tmp_path / "o.jsonl")]) == ""
    )


def _stderr_on_terminal(command: list[str]) -> str:
    code, shown = run_on_terminal(command, on="stderr")
    assert code == 0
    return shown


def test_outcomes_keep_their_order_through_many_small_chunks(
    big_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artparse import pipeline, pool
    from artparse.extract import ParseOptions
    from artparse.pipeline import Batch, run_batch
    from artparse.sinks import TextSink
    from artparse.sources import OwnOutput, ReadOptions, WalkOptions

    monkeypatch.setattr(pool, "CHUNK", 3)
    monkeypatch.setattr(pool, "AHEAD", 1)
    monkeypatch.setattr(pipeline, "SMALL_BATCH", 8)

    def written(jobs: int) -> str:
        out = io.StringIO()
        batch = Batch((str(big_tree),), WalkOptions(), ParseOptions(), ReadOptions(), jobs=jobs, quiet=2)
        run_batch(batch, TextSink("jsonl", out, OwnOutput()), stdin=io.BytesIO())
        return out.getvalue()

    serial = written(1)
    assert serial.count("\n") > 100
    assert written(2) == serial
