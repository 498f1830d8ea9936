"""Hidden files and folders (.git/, .DS_Store) are skipped in walks and counted; --hidden reads them."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from artparse.cli import command
from artparse.sources import HIDDEN, Input, WalkOptions, iter_inputs

GOOD = b"Posted by AI on 2025-11-01\nBody.\n"
TREE = (
    "a.txt",
    ".DS_Store",
    ".git/HEAD",
    ".git/objects/pack/x.pack",
    ".obsidian/workspace",
    "notes/.draft.md",
    "notes/b.md",
)


def make(root: Path) -> None:
    for name in TREE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(GOOD)


def walk(root: Path, **options: object) -> list[tuple[str, str]]:
    found = []
    for item in iter_inputs([str(root)], WalkOptions(**options)):  # type: ignore[arg-type]
        found.append((os.path.relpath(item.path, root), "read" if isinstance(item, Input) else item.reason))
    return found


def test_hidden_entries_are_skipped_and_a_hidden_folder_is_not_entered(tmp_path: Path) -> None:
    make(tmp_path)
    assert walk(tmp_path) == [
        (".DS_Store", HIDDEN),
        (".git", HIDDEN),
        (".obsidian", HIDDEN),
        ("a.txt", "read"),
        ("notes/.draft.md", HIDDEN),
        ("notes/b.md", "read"),
    ]


def test_hidden_reads_them_like_any_other_entry(tmp_path: Path) -> None:
    make(tmp_path)
    read = [path for path, what in walk(tmp_path, hidden=True) if what == "read"]
    assert read == [".DS_Store", ".git/HEAD", ".obsidian/workspace", "a.txt", "notes/.draft.md", "notes/b.md"]


def test_a_hidden_folder_or_file_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    make(tmp_path)
    assert walk(tmp_path / ".git") == [
        ("HEAD", "read"),
        ("objects/pack/x.pack", "other file name (see --glob)"),
    ]
    assert [type(item) for item in iter_inputs([str(tmp_path / ".DS_Store")])] == [Input]


def test_the_summary_counts_the_hidden_entries_and_says_nothing_per_entry(tmp_path: Path) -> None:
    make(tmp_path)
    result = CliRunner().invoke(command, [str(tmp_path), "-f", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 2
    assert (
        result.stderr == "artparse: 6 inputs: 2 records (0 with warnings), 0 failed, 4 skipped (4 hidden)\n"
    )
    again = CliRunner().invoke(command, [str(tmp_path), "-f", "jsonl", "--hidden"], catch_exceptions=False)
    assert again.stdout.count("\n") == 6
    assert "hidden" not in again.stderr
