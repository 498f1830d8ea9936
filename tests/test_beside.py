"""When stdout and stderr are the same terminal, a record's warnings show beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import artparse_command, run_on_terminal


def on_one_terminal(*args: str) -> str:
    """Everything artparse sent to a pseudo-terminal that is both its stdout and its stderr."""
    code, text = run_on_terminal([*artparse_command(), *args], on="both")
    assert code == 0
    return text.replace("\r\n", "\n")


def articles(root: Path, count: int) -> list[Path]:
    """Files that each give a record with a warning (no header)."""
    paths = [root / f"{number:03}.txt" for number in range(count)]
    for path in paths:
        path.write_text(f"Just text number {path.stem}.\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("fmt", ["pretty", "jsonl", "json", "csv", "tsv"])
def test_each_records_warnings_come_right_before_it(tmp_path: Path, fmt: str) -> None:
    paths = articles(tmp_path, 3)
    options = [] if fmt == "pretty" else ["-f", fmt]
    text = on_one_terminal(*map(str, paths), "--fields", "source,body", *options)
    order = []
    for path in paths:
        order.append(text.index(f"artparse: {path}: warning: no-header"))
        order.append(re.search(f"Just text number {path.stem}", text).start())  # type: ignore[union-attr]
    assert order == sorted(order), text
    assert text.endswith("artparse: 3 inputs: 3 records (3 with warnings), 0 failed\n")
    if fmt == "json":  # never inside a record: between a record's "}," line and the next "{"
        assert "  },\nartparse: " in text and "\n  {\n" in text


def test_beside_their_records_from_parallel_workers_too(tmp_path: Path) -> None:
    articles(tmp_path, 70)  # enough for the worker pool
    text = on_one_terminal(str(tmp_path), "-f", "jsonl", "--fields", "source", "-j", "2")
    lines = text.splitlines()[:-1]
    assert len(lines) == 140
    for warning, record in zip(lines[::2], lines[1::2], strict=True):
        source = record.removeprefix('{"source":"').removesuffix('"}')
        assert warning.startswith(f"artparse: {source}: warning: no-header")


def test_no_progress_bar_is_drawn_across_the_records(tmp_path: Path) -> None:
    for number in range(600):
        (tmp_path / f"{number:03}.txt").write_text("Posted by AI on 2025-11-01\nText.\n", encoding="utf-8")
    text = on_one_terminal(str(tmp_path), "-f", "jsonl", "--fields", "source")
    assert "\x1b" not in text  # the bar would move the cursor
    assert len(text.splitlines()) == 601  # the records and the summary
