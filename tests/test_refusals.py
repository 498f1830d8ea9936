"""-o never replaces an input or a database by accident: refused with exit 2, nothing read or written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from artparse.cli import command
from tests.conftest import SEED


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def corpus(root: Path) -> Path:
    (root / "corpus" / "news").mkdir(parents=True)
    (root / "corpus" / "a.txt").write_bytes(SEED.read_bytes())
    (root / "corpus" / "news" / "b.md").write_bytes(SEED.read_bytes())
    return root / "corpus"


@pytest.mark.parametrize("target", ["a.txt", "news/b.md", "news/../a.txt"])
def test_an_output_onto_an_article_the_walk_finds_is_refused(tmp_path: Path, target: str) -> None:
    root = corpus(tmp_path)
    before = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    result = invoke(str(root), "-o", str(root / target), "-f", "jsonl")
    assert result.exit_code == 2, result.output
    assert "is an article in the folder being read" in result.stderr
    assert {path: path.read_bytes() for path in root.rglob("*") if path.is_file()} == before
    assert not [path for path in root.rglob(".*") if path.suffix == ".tmp"]  # nothing written


def test_the_reason_is_that_it_is_an_input_even_when_the_format_is_not_given(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    result = invoke(str(root), "-o", str(root / "a.txt"))  # the issue's own command
    assert result.exit_code == 2
    assert "is an article in the folder being read" in result.stderr
    assert (root / "a.txt").read_bytes() == SEED.read_bytes()


def test_the_walk_is_found_through_another_spelling_of_the_folder(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (tmp_path / "link").symlink_to(root)
    result = invoke(str(tmp_path / "link"), "-o", str(root / "a.txt"), "-f", "jsonl")
    assert result.exit_code == 2
    assert (root / "a.txt").read_bytes() == SEED.read_bytes()


def test_any_other_file_of_the_walked_tree_is_refused_too(tmp_path: Path) -> None:
    """Not an article by its name, but the user's data all the same (a spreadsheet kept beside them)."""
    root = corpus(tmp_path)
    sheet = root / "budget.csv"
    sheet.write_bytes(b"year,amount\r\n2025,10\r\n")
    result = invoke(str(root), "-o", str(sheet))
    assert result.exit_code == 2
    assert sheet.read_bytes() == b"year,amount\r\n2025,10\r\n"


@pytest.mark.parametrize("name", ["out.jsonl", "out.json", "out.csv", "out.tsv", ".records.txt"])
def test_an_earlier_artparse_output_in_the_tree_is_replaced(tmp_path: Path, name: str) -> None:
    root = corpus(tmp_path)
    out = root / name
    fmt = {".txt": "jsonl"}.get(out.suffix, out.suffix[1:])
    for _ in range(2):
        result = invoke(str(root), "-o", str(out), "-f", fmt, "--fields", "source,title")
        assert result.exit_code == 0, result.output
    assert "a.txt" in out.read_text()


@pytest.mark.parametrize(("name", "options"), [("records.txt", []), ("out.jsonl", ["--glob", "*"])])
def test_an_earlier_output_that_the_walk_reads_as_an_article_is_an_input(
    tmp_path: Path, name: str, options: list[str]
) -> None:
    """Every later run over the folder reads it as an article: it is refused like one."""
    root = corpus(tmp_path)
    out = root / name
    assert invoke(str(root), "-f", "jsonl", "-o", str(out), *options).exit_code == 0
    before = out.read_bytes()
    result = invoke(str(root), "-f", "jsonl", "-o", str(out), *options)
    assert result.exit_code == 2
    assert "is an article in the folder being read" in result.stderr
    assert out.read_bytes() == before


def test_an_empty_file_in_the_tree_may_be_the_output(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "out.jsonl").write_bytes(b"")
    assert invoke(str(root), "-o", str(root / "out.jsonl")).exit_code == 0


def test_an_output_beside_the_walked_tree_is_not_refused(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (tmp_path / "corpus.jsonl").write_text("my own notes\n")
    result = invoke(str(root), "-o", str(tmp_path / "corpus.jsonl"))
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in (tmp_path / "corpus.jsonl").read_text().splitlines()]


def make_database(path: Path) -> bytes:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('precious')")
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "tsv", "summary"])
def test_a_text_format_never_replaces_an_sqlite_database(tmp_path: Path, fmt: str) -> None:
    database = tmp_path / "articles.db"
    before = make_database(database)
    result = invoke(str(SEED), "-f", fmt, "-o", str(database))
    assert result.exit_code == 2, result.output
    assert "is an SQLite database" in result.stderr
    assert database.read_bytes() == before


def test_an_sqlite_database_under_any_name_is_kept(tmp_path: Path) -> None:
    database = tmp_path / "articles.csv"  # the suffix says CSV, the content says SQLite
    before = make_database(database)
    assert invoke(str(SEED), "-o", str(database)).exit_code == 2
    assert database.read_bytes() == before
