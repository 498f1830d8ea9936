"""Incremental re-runs: a file found as recorded is an Unchanged outcome in the main process, without
a read or a worker; the workers start only once enough inputs need the step; whatever the check
cannot settle (a changed file, an error) is the step's, as before."""

from __future__ import annotations

import importlib.metadata
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from artparse import pipeline, pool, step
from artparse.cli import command
from tests.test_faults import without_override

FILES = 2 * pipeline.SMALL_BATCH + 10
ALL_UNCHANGED = (
    f"artparse: {FILES} inputs: 0 records (0 with warnings), 0 failed, {FILES} skipped ({FILES} unchanged)\n"
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def write_article(path: Path, visits: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Posted by AI on 2025-11-01 04:23:00\nShare: X Visits: {visits}\nText.\n", "utf-8")


def edit(path: Path, visits: int) -> None:
    """A new content and a modification time that differs from the recorded one."""
    write_article(path, visits)
    later = path.stat().st_mtime_ns + 7_000_000_000
    os.utime(path, ns=(later, later))


def rows(database: Path) -> dict[str, tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return {row[0]: row for row in connection.execute("SELECT * FROM articles ORDER BY source")}


def visits(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT source, visits FROM articles"))


def stamps(database: Path) -> dict[str, tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return {row[0]: row[1:3] for row in connection.execute("SELECT source, size, mtime_ns FROM files")}


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A tree of FILES articles (more than SMALL_BATCH) and the database of a first run."""
    root, database = tmp_path / "news", tmp_path / "a.db"
    for number in range(FILES):
        write_article(root / f"{number:04}.txt", visits=number)
    assert invoke("-q", "-j", "1", str(root), "-o", str(database)).exit_code == 0
    yield root, database


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The job count of every worker pool started (pool.Workers counted, and still started)."""
    pools: list[int] = []
    real = pool.Workers

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, settings: pool.WorkerSettings, jobs: int, start_method: str | None = None) -> None:
            pools.append(jobs)
            super().__init__(settings, jobs, start_method)

    monkeypatch.setattr(pool, "Workers", Counted)
    return pools


@pytest.mark.parametrize("look_ahead", [pipeline.LOOK_AHEAD, 8])
def test_an_unchanged_tree_starts_no_worker(
    stored: tuple[Path, Path], started: list[int], monkeypatch: pytest.MonkeyPatch, look_ahead: int
) -> None:
    root, database = stored
    monkeypatch.setattr(pipeline, "LOOK_AHEAD", look_ahead)  # 8: the tree is longer than the look
    before = rows(database)
    result = invoke("-j", "2", str(root), "-o", str(database), "--incremental")
    assert result.exit_code == 0
    assert result.stderr == ALL_UNCHANGED
    assert started == []
    assert rows(database) == before


@pytest.mark.parametrize("look_ahead", [pipeline.LOOK_AHEAD, 8])
def test_workers_start_once_small_batch_files_need_the_step(
    stored: tuple[Path, Path], started: list[int], monkeypatch: pytest.MonkeyPatch, look_ahead: int
) -> None:
    """With the default look-ahead the workers start before the first outcome; with a short one,
    in the middle of the run, when the SMALL_BATCH-th changed file comes: the rows are the same
    as those of a run without workers."""
    root, database = stored
    monkeypatch.setattr(pipeline, "LOOK_AHEAD", look_ahead)
    changed = sorted(root.iterdir())[-pipeline.SMALL_BATCH - 5 :]  # the last ones: after the look-ahead
    for number, path in enumerate(changed):
        edit(path, visits=1000 + number)
    serial = database.with_name("serial.db")
    serial.write_bytes(database.read_bytes())
    expected = invoke("-j", "1", str(root), "-o", str(serial), "--incremental")
    assert started == []
    result = invoke("-j", "2", "--start-method", "fork", str(root), "-o", str(database), "--incremental")
    assert started == [2]
    assert (result.exit_code, result.stderr) == (expected.exit_code, expected.stderr)
    assert f"{len(changed)} records" in result.stderr
    assert f"{FILES - len(changed)} unchanged" in result.stderr
    assert rows(database) == rows(serial)
    assert visits(database)[str(changed[0])] == 1000


def test_few_changed_files_are_parsed_without_workers(stored: tuple[Path, Path], started: list[int]) -> None:
    root, database = stored
    changed = sorted(root.iterdir())[:: FILES // 5]
    for path in changed:
        edit(path, visits=7)
    result = invoke("-j", "2", str(root), "-o", str(database), "--incremental")
    assert result.stderr.startswith(f"artparse: {FILES} inputs: {len(changed)} records")
    assert started == []
    assert {visits(database)[str(path)] for path in changed} == {7}


def test_a_file_edited_after_it_was_found_unchanged_is_parsed_on_the_next_run(
    stored: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check and the read are not one moment: a file edited right after the check is this
    run's unchanged file, and keeps its old stamp, so the next run parses it."""
    root, database = stored
    target = root / "0003.txt"
    real = pipeline.is_unchanged

    def edited_right_after(item: Any, known: Any, settings: str) -> bool:
        found = real(item, known, settings)
        if item.path == str(target) and found:
            edit(target, visits=99)
        return found

    monkeypatch.setattr(pipeline, "is_unchanged", edited_right_after)
    first = invoke(str(root), "-o", str(database), "--incremental")
    assert f"{FILES} unchanged" in first.stderr
    assert visits(database)[str(target)] == 3
    monkeypatch.setattr(pipeline, "is_unchanged", real)
    again = invoke(str(root), "-o", str(database), "--incremental")
    assert again.stderr.startswith(f"artparse: {FILES} inputs: 1 record")
    assert visits(database)[str(target)] == 99
    assert stamps(database)[str(target)] == (target.stat().st_size, target.stat().st_mtime_ns)


def test_a_file_edited_between_the_check_and_the_read_is_stamped_as_read(
    stored: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the check found changed is opened again by the step: its record and its stamp are of
    what the step read, even when it changed once more after the check."""
    root, database = stored
    target = root / "0004.txt"
    edit(target, visits=50)
    real = pipeline.is_unchanged

    def edited_again(item: Any, known: Any, settings: str) -> bool:
        found = real(item, known, settings)
        if item.path == str(target):
            assert not found
            edit(target, visits=51)
        return found

    monkeypatch.setattr(pipeline, "is_unchanged", edited_again)
    result = invoke(str(root), "-o", str(database), "--incremental")
    assert result.stderr.startswith(f"artparse: {FILES} inputs: 1 record")
    assert visits(database)[str(target)] == 51
    assert stamps(database)[str(target)] == (target.stat().st_size, target.stat().st_mtime_ns)


def test_an_unreadable_unchanged_file_is_still_a_failure(stored: tuple[Path, Path]) -> None:
    """Found as recorded by its size and time, but it cannot be opened: that is a failure, as a
    file the step cannot open always was (a stat alone would call it unchanged)."""
    root, database = stored
    locked = root / "0005.txt"
    locked.chmod(0)
    try:
        result = without_override(str(root), "-o", str(database), "--incremental", cwd=root)
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert f"artparse: {locked}: Permission denied".encode() in result.stderr
    last = result.stderr.splitlines()[-1].decode()
    assert last == (
        f"artparse: {FILES} inputs: 0 records (0 with warnings), 1 failed,"
        f" {FILES - 1} skipped ({FILES - 1} unchanged)"
    )


def test_a_touched_file_gets_its_new_stamp_without_a_new_record(stored: tuple[Path, Path]) -> None:
    """Its time differs, its content not: the check leaves it to the step, which hashes it."""
    root, database = stored
    touched = root / "0006.txt"
    later = time.time_ns() + 9_000_000_000
    os.utime(touched, ns=(later, later))
    before = rows(database)
    result = invoke(str(root), "-o", str(database), "--incremental")
    assert result.stderr == ALL_UNCHANGED
    assert rows(database) == before
    assert stamps(database)[str(touched)][1] == later


def test_a_run_that_changes_nothing_writes_nothing(stored: tuple[Path, Path]) -> None:
    """Not even the metadata (the same version again): the file keeps its bytes, so SQLite's
    change counter in its header too, and no journal is made (no fsync)."""
    root, database = stored
    before = database.read_bytes()
    assert invoke(str(root), "-o", str(database), "--incremental").stderr == ALL_UNCHANGED
    assert database.read_bytes() == before


def test_the_version_that_last_wrote_the_database_is_recorded(stored: tuple[Path, Path]) -> None:
    root, database = stored
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE metadata SET value = '0.0.1' WHERE key = 'artparse_version'")
    invoke(str(root), "-o", str(database), "--incremental")
    with sqlite3.connect(database) as connection:
        metadata = dict(connection.execute("SELECT key, value FROM metadata"))
    assert metadata["artparse_version"] == importlib.metadata.version("artparse")


def test_with_other_settings_every_file_is_opened_once(
    stored: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other parse options: no file can be unchanged, so the main process does not open it to
    check its time; the step opens it once, to read it."""
    root, database = stored
    opened: list[str] = []
    real = step.open_input

    def counted(item: Any) -> Any:
        opened.append(item.path)
        return real(item)

    monkeypatch.setattr(step, "open_input", counted)
    result = invoke("-j", "1", str(root), "-o", str(database), "--incremental", "--dayfirst")
    assert result.stderr.startswith(f"artparse: {FILES} inputs: {FILES} records")
    assert sorted(opened) == sorted(str(path) for path in root.iterdir())


def test_workers_started_beside_the_progress_bar_do_not_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started in the middle of a run, the workers find the bar's threads running: they start by
    forkserver (or spawn), never by fork beside a thread; the rows are those of a run without them."""
    import io
    import sys

    from artparse.database import open_database
    from artparse.extract import ParseOptions
    from artparse.pipeline import Batch, run_batch
    from artparse.sinks import DatabaseSink
    from artparse.sources import ReadOptions, WalkOptions

    root = tmp_path / "news"
    for number in range(FILES):
        write_article(root / f"{number:04}.txt", visits=number)

    def run(database: Path, jobs: int, incremental: bool) -> None:
        batch = Batch(
            (str(root),), WalkOptions(), ParseOptions(), ReadOptions(), jobs, None, incremental, 0, "settings"
        )
        with open_database(str(database), "test") as stored:
            run_batch(batch, DatabaseSink(stored, str(database)), stdin=io.BytesIO())

    parallel, serial = tmp_path / "parallel.db", tmp_path / "serial.db"
    run(parallel, 1, incremental=False)
    serial.write_bytes(parallel.read_bytes())
    for number, path in enumerate(sorted(root.iterdir())[-pipeline.SMALL_BATCH - 5 :]):
        edit(path, visits=1000 + number)
    run(serial, 1, incremental=True)

    methods: list[tuple[int, str]] = []
    real = pool.default_start_method

    def recorded() -> str:
        methods.append((threading.active_count(), real()))
        return methods[-1][1]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(pool, "default_start_method", recorded)
    monkeypatch.setattr(pipeline, "LOOK_AHEAD", 8)
    monkeypatch.setattr(sys, "stderr", Terminal())
    run(parallel, 2, incremental=True)
    assert "━" in sys.stderr.getvalue()
    [(threads, method)] = methods
    assert threads > 1
    assert method in ("forkserver", "spawn")
    assert rows(parallel) == rows(serial)
    assert stamps(parallel) == stamps(serial)
