"""A generated tree of article files for the Parquet, URL and cluster tests, and how to
compare the records those give with a local run's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SAMPLE_TEXTS

MAX_SIZE = "20K"
"""Run with --max-size 20K, the tree's one large file fails: a Problem row, not a record."""
FOLDER_SIZE = 37


def write_tree(root: Path, files: int) -> None:
    """`files` article files (the samples, cycled, each file's text made unique) in nested
    folders, one binary file, one other name and two hidden entries (skipped), one too large
    (fails)."""
    texts = [path.read_text(encoding="utf-8") for path in SAMPLE_TEXTS]
    for index in range(files):
        folder = root / f"f{index // FOLDER_SIZE:03d}" / ("deep" if index % 5 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        text = texts[index % len(texts)].rstrip("\n") + f"\n\nCopy {index}.\n"
        # Some names start with a date: the file-name date fallback must survive the trip.
        name = f"2020-01-{index % 28 + 1:02d}-{index:05d}.md" if index % 7 == 0 else f"{index:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
    (root / "f000" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 20)
    (root / "f000" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "f001" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "f001" / "huge.txt").write_text("Posted by A on 2025-01-01\n" + "word " * 6000, encoding="utf-8")


def jsonl_records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def copy_to_memory(root: Path, url: str) -> None:
    """The tree's files under a memory:// URL, in this process."""
    import fsspec

    fs = fsspec.filesystem("memory")
    prefix = url.removeprefix("memory://").rstrip("/")
    for path in sorted(root.rglob("*")):
        if path.is_file():
            fs.pipe(f"{prefix}/{path.relative_to(root).as_posix()}", path.read_bytes())
