"""Many workers: the same bytes as one, in the same order; a progress bar only on a terminal."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import pool
from artparse.extract import ParseOptions
from artparse.outcomes import Outcome
from artparse.pipeline import SMALL_BATCH, Batch, run_batch
from artparse.pool import AHEAD, CHUNK, LEAST, Task, _chunks
from artparse.sinks import TextSink
from artparse.sources import STDIN, Input, OwnOutput, ReadOptions, WalkOptions, walked_input
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


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of three files, one at a time for each worker, a pool from eight files on."""
    from artparse import pipeline

    monkeypatch.setattr(pool, "CHUNK", 3)
    monkeypatch.setattr(pool, "AHEAD", 1)
    monkeypatch.setattr(pipeline, "SMALL_BATCH", 8)


def _written(tree: Path, jobs: int, sink: type[TextSink] = TextSink) -> str:
    """The JSON Lines of a run_batch over `tree`."""
    out = io.StringIO()
    batch = Batch((str(tree),), WalkOptions(), ParseOptions(), ReadOptions(), jobs=jobs, quiet=2)
    run_batch(batch, sink("jsonl", out, OwnOutput()), stdin=io.BytesIO())
    return out.getvalue()


@pytest.mark.usefixtures("small_chunks")
def test_outcomes_keep_their_order_through_many_small_chunks(big_tree: Path) -> None:
    serial = _written(big_tree, 1)
    assert serial.count("\n") > 100
    assert _written(big_tree, 2) == serial


@pytest.mark.usefixtures("small_chunks")
def test_a_worker_gets_its_next_chunk_before_the_sink_takes_the_last_ones_outcomes(
    big_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow sink (a database's commit) does not keep a worker that is done waiting for work."""
    sent: list[int] = []
    send = pool._Chunk.send

    def counted(chunk: pool._Chunk) -> None:
        sent.append(len(chunk.tasks))
        send(chunk)

    monkeypatch.setattr(pool._Chunk, "send", counted)
    sent_at_first_take: list[int] = []

    class Watched(TextSink):
        def take(self, outcome: Outcome) -> None:
            if not sent_at_first_take:
                sent_at_first_take.append(len(sent))
            super().take(outcome)

    assert _written(big_tree, 2, Watched)
    assert sent_at_first_take[0] > 2 * pool.AHEAD  # each worker's first chunks, and the first one's next


def _walked(count: int, stdin_at: tuple[int, ...] = ()) -> list[Task]:
    return [
        (Input(STDIN, True) if place in stdin_at else walked_input(f"f{place:06}.txt", False), None)
        for place in range(count)
    ]


@settings(max_examples=200, deadline=None)
@given(
    count=st.integers(0, 4 * CHUNK),
    jobs=st.integers(1, 4),
    stdin_at=st.sets(st.integers(0, 4 * CHUNK), max_size=3).map(tuple),
)
def test_chunks_hold_every_task_once_in_order(count: int, jobs: int, stdin_at: tuple[int, ...]) -> None:
    tasks = _walked(count, stdin_at)
    chunks = list(_chunks(iter(tasks), jobs))
    assert [task for chunk in chunks for task in chunk] == tasks
    assert all(0 < len(chunk) <= CHUNK for chunk in chunks)
    assert all(len(chunk) == 1 for chunk in chunks if any(task[0].path == STDIN for task in chunk))


@pytest.mark.parametrize("jobs", [1, 2, 3, 8])
@pytest.mark.parametrize("count", [CHUNK // 2, 40 * CHUNK + 7])  # read at once; read ahead in full
def test_the_last_chunks_shrink_so_that_the_workers_finish_together(jobs: int, count: int) -> None:
    sizes = [len(chunk) for chunk in _chunks(iter(_walked(count)), jobs)]
    left = count
    for size in sizes:
        if left <= jobs * AHEAD * CHUNK:  # what the workers may still hold: shared out
            assert size <= max(LEAST, -(-left // (2 * jobs)))
        else:
            assert size == CHUNK
        left -= size
    assert sizes[-1] <= LEAST


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_chunks_read_a_bounded_way_ahead(jobs: int) -> None:
    read = 0

    def counted(tasks: list[Task]) -> Iterator[Task]:
        nonlocal read
        for task in tasks:
            read += 1
            yield task

    sent = 0
    for chunk in _chunks(counted(_walked(30 * CHUNK)), jobs):
        assert read - sent <= (jobs * AHEAD + 1) * CHUNK + 1  # what waits to go out
        sent += len(chunk)
    assert sent == read == 30 * CHUNK
