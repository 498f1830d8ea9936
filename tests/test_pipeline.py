"""One pipeline: every output gets the workers, the bar and own-output exclusion, with the same bytes
under any -j and any start method; a worker's trouble is one input's failure."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from artparse import pipeline, pool, step, writers
from artparse.extract import ParseOptions
from artparse.pipeline import Batch, run_batch
from artparse.record import Article
from artparse.sinks import TextSink
from artparse.sources import OwnOutput, ReadOptions, WalkOptions
from tests.conftest import SAMPLE_TEXTS, SAMPLES, artparse_command, run_artparse, run_on_terminal

METHODS = ["fork", "forkserver", "spawn"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough inputs for the pool (several chunks), bad ones among them."""
    root = tmp_path_factory.mktemp("tree")
    copies = max(pipeline.SMALL_BATCH, 2 * pool.CHUNK) // len(SAMPLE_TEXTS) + 1
    for copy in range(copies):
        shutil.copytree(SAMPLES, root / f"copy{copy}", ignore=shutil.ignore_patterns("*.json"))
    (root / "copy0" / "binary.txt").write_bytes(b"\x00\x01")
    return root


@pytest.mark.parametrize("method", METHODS)
def test_every_format_is_the_same_under_every_start_method(tree: Path, method: str) -> None:
    for fmt in ("jsonl", "json", "csv", "tsv", "summary"):
        one = run_artparse("-j", "1", "-f", fmt, str(tree))
        two = run_artparse("-j", "2", "--start-method", method, "-f", fmt, str(tree))
        assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr), fmt
        assert one.returncode == 0
        assert len(one.stdout) > 1000


def _rows(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY source").fetchall()
            for table in ("articles", "files")
        }


@pytest.mark.parametrize("method", METHODS)
def test_a_database_run_with_workers_equals_one_without(tree: Path, tmp_path: Path, method: str) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    serial = run_artparse("-j", "1", str(tree), "-o", str(one))
    parallel = run_artparse("-j", "2", "--start-method", method, str(tree), "-o", str(two))
    assert (parallel.returncode, parallel.stderr) == (serial.returncode, serial.stderr)
    rows = _rows(one)
    assert len(rows["articles"]) > 2 * pool.CHUNK
    assert _rows(two) == rows
    again = run_artparse("-j", "2", "--start-method", method, str(tree), "-o", str(two), "--incremental")
    # One stamp per file: a container file (samples/containers/) holds several records.
    assert re.search(rb"\d+ skipped \(.*\b%d unchanged" % len(rows["files"]), again.stderr)
    assert _rows(two) == rows


def test_a_database_reached_by_the_walk_is_never_read_back(tmp_path: Path) -> None:
    """A link in the tree to the database (followed with --follow) leads the walk to the file
    being written: it is skipped as the run's own output, as for text outputs."""
    root = tmp_path / "corpus"
    shutil.copytree(SAMPLES, root, ignore=shutil.ignore_patterns("*.json"))
    database = tmp_path / "articles.db"
    (root / "link.db").symlink_to(database)
    for _ in range(2):  # the second run finds the database of the first
        result = run_artparse("--follow", "--glob", "*", str(root), "-o", str(database))
        assert b"link.db: skipped: artparse's own output" in result.stderr, result.stderr
    with sqlite3.connect(database) as connection:
        (found,) = connection.execute("SELECT count(*) FROM articles WHERE source LIKE '%.db'").fetchone()
    assert found == 0


def test_a_database_run_shows_the_progress_bar(tree: Path, tmp_path: Path) -> None:
    command = [*artparse_command(), str(tree), "-o", str(tmp_path / "bar.db")]
    code, shown = run_on_terminal(command, on="stderr")
    assert code == 0
    assert "━" in shown
    assert re.search(r"artparse: \d+ inputs: \d+ records", shown)


def _text(tree: Path, jobs: int, start_method: str | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    batch = Batch((str(tree),), WalkOptions(), ParseOptions(), ReadOptions(), jobs=jobs, quiet=1)
    real_stderr, sys.stderr = sys.stderr, err
    try:
        run_batch(batch, TextSink("jsonl", out, OwnOutput()), stdin=io.BytesIO())
    finally:
        sys.stderr = real_stderr
    return out.getvalue(), err.getvalue()


def test_a_worker_that_dies_costs_the_input_it_was_on(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_parse = step.parse_article

    def parse_or_die(text: str, *args: Any, **options: Any) -> Any:
        if "Say: hi" in text and os.getpid() != parent:
            os._exit(7)  # as the out-of-memory killer would end it, without a word
        return real_parse(text, *args, **options)

    (tree / "copy2" / "dies.txt").write_text("Posted by X on 2025-11-01\nSay: hi\n", encoding="utf-8")
    (tree / "copy3" / "dies.txt").write_text("Posted by X on 2025-11-01\nSay: hi\n", encoding="utf-8")
    try:
        serial, _ = _text(tree, 1)
        parent = os.getpid()
        monkeypatch.setattr(step, "parse_article", parse_or_die)
        monkeypatch.setattr(pool, "default_start_method", lambda: "fork")  # inherits the patch
        parallel, errors = _text(tree, 2)
    finally:
        for copy in ("copy2", "copy3"):
            (tree / copy / "dies.txt").unlink()
    lines = [line for line in serial.splitlines() if "dies.txt" not in line]
    assert parallel.splitlines() == lines
    assert errors.count("the worker process died (exit code 7)") == 2


def test_an_exception_in_a_worker_is_that_files_failure(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any exception on one input, in any worker, is that input's failure; the pool never
    raises it in the main process (a huge TOML integer once ended a -j 2 run with 0 records)."""
    real_parse = step.parse_article

    def parse_or_raise(text: str, *args: Any, **options: Any) -> Any:
        if "Say: boom" in text:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real_parse(text, *args, **options)

    real_render = writers._article_line

    def render_or_raise(article: Article) -> str:  # as json.dumps on a huge integer did
        if "Say: render" in article.body:
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real_render(article)

    bad, worse = tree / "copy4" / "boom.txt", tree / "copy5" / "render.txt"
    bad.write_text("Posted by X on 2025-11-01\nSay: boom\n", encoding="utf-8")
    worse.write_text("Posted by X on 2025-11-01\nSay: render\n", encoding="utf-8")
    try:
        serial, _ = _text(tree, 1)
        monkeypatch.setattr(step, "parse_article", parse_or_raise)
        monkeypatch.setattr(writers, "_article_line", render_or_raise)
        monkeypatch.setattr(pool, "default_start_method", lambda: "fork")  # inherits the patches
        parallel, errors = _text(tree, 2)
    finally:
        bad.unlink()
        worse.unlink()
    kept = [line for line in serial.splitlines() if "boom.txt" not in line and "render.txt" not in line]
    assert parallel.splitlines() == kept
    for path in (bad, worse):
        assert f"{path}: internal error, please report it: ValueError: Exceeds the limit" in errors


def test_no_thread_runs_when_the_workers_start(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking beside a thread can deadlock the child: the progress bar's threads start later."""
    threads: list[int] = []
    real = pool.default_start_method

    def recording() -> str:
        threads.append(threading.active_count())
        return real()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(pool, "default_start_method", recording)
    monkeypatch.setattr(sys, "stderr", Terminal())
    out = io.StringIO()
    batch = Batch((str(tree),), WalkOptions(), ParseOptions(), ReadOptions(), jobs=2)
    run_batch(batch, TextSink("jsonl", out, OwnOutput()), stdin=io.BytesIO())
    assert threads == [1]
    assert "━" in sys.stderr.getvalue()  # the bar was there, after the workers
