"""Hostile input and faults (issue 15): no traceback, no hang, bounded time per file, and output
that never replaces what it must not. Each test here failed on 0.1's code."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
import stat
import subprocess
import threading
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from artparse.dialects import DIALECTS
from artparse.dialects.header import MAX_HEADER_CHARS, MAX_HEADER_LINE, MAX_HEADER_LINES, Header
from artparse.errors import SkippedInWalk
from artparse.extract import parse_text
from artparse.report import MAX_MONTHS, chart_bars
from artparse.sources import Input, read_bytes
from tests.conftest import ROOT, SEED, artparse_command, run_artparse

FUZZ_SEEDS = sorted((ROOT / "fuzz" / "files").iterdir())


def _stderr(result: object) -> str:
    return getattr(result, "stderr", b"").decode("utf-8", "replace")


def _no_traceback(result: object) -> None:
    assert "Traceback" not in _stderr(result)


# 1. Text that cannot be encoded is repaired before any writer sees it.

SURROGATE_FRONT_MATTER = (
    '{"title": "Caf\\ud800", "author": "A \\udfff", "k\\udc00": ["\\ud83d\\ude00"]}\nbody\n'
)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "tsv"])
def test_lone_surrogates_in_json_front_matter_reach_no_writer(tmp_path: Path, fmt: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SURROGATE_FRONT_MATTER, encoding="utf-8")
    result = run_artparse(str(article), str(SEED), "-f", fmt)
    _no_traceback(result)
    assert result.returncode == 0, _stderr(result)
    out = result.stdout.decode("utf-8")  # strict: valid UTF-8 all through
    assert "Caf\ufffd" in out and "A \ufffd" in out and "k\ufffd" in out
    assert "\U0001f600" in out  # an escaped surrogate pair is the character it encodes
    assert "lone surrogate" in _stderr(result)
    assert "Libya" in out  # the file after it was read too


def test_lone_surrogates_reach_no_database(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SURROGATE_FRONT_MATTER, encoding="utf-8")
    database = tmp_path / "out.db"
    result = run_artparse(str(article), "-o", str(database))
    _no_traceback(result)
    assert result.returncode == 0, _stderr(result)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT title FROM articles").fetchall() == [("Caf\ufffd",)]


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("unicode_escape", b"Title: Caf\\ud800\\nAuthor: Zo\\ud83d\\ude00\\n\\nbody \\udfff\\n"),
        ("utf-7", b"Title: Caf+2AA-\nAuthor: Zo\n\nbody\n"),
    ],
)
def test_encodings_that_decode_to_surrogates_give_repaired_records(
    tmp_path: Path, encoding: str, data: bytes
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(data)
    result = run_artparse(str(article), "--encoding", encoding, "-f", "jsonl")
    _no_traceback(result)
    assert result.returncode == 0, _stderr(result)
    record = json.loads(result.stdout.decode("utf-8"))
    assert record["title"] == "Caf\ufffd"
    assert any("lone surrogate" in warning for warning in record["warnings"])


def test_a_lone_surrogate_among_ascii_texts_is_repaired_however_deep_it_is() -> None:
    text = '{"title": "Cranes", "tags": ["a", "b\\ud800"], "more": {"k": [1, {"deep": "x\\udfff"}]}}\nbody\n'
    record = parse_text(text).to_dict()
    assert (record["title"], record["tags"]) == ("Cranes", ["a", "b\ufffd"])
    assert record["extra"] == {"more": {"k": [1, {"deep": "x\ufffd"}]}}
    assert record["warnings"] == ["encoding: 2 lone surrogate code points (not text) replaced with U+FFFD"]


def test_texts_beyond_ascii_without_surrogates_are_kept_as_they_are() -> None:
    record = parse_text("---\ntitle: Été\ntags: [café, b]\nlieu: {ville: [Tōkyō]}\n---\nbody\n").to_dict()
    assert (record["title"], record["tags"], record["extra"]) == (
        "Été",
        ["café", "b"],
        {"lieu": {"ville": ["Tōkyō"]}},
    )
    assert record["warnings"] == []


def test_the_core_repairs_every_text_of_the_record() -> None:
    article = parse_text(SURROGATE_FRONT_MATTER + "more \ud800 body", source="caf\udce9.txt")
    record = article.to_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # raised UnicodeEncodeError before
    assert record["source"] == "caf\ufffd.txt"
    assert record["extra"] == {"k\ufffd": ["\U0001f600"]}
    assert record["body"] == "body\nmore \ufffd body"
    assert record["warnings"][0] == "encoding: 5 lone surrogate code points (not text) replaced with U+FFFD"


# 4. Options that escaped validation.


@pytest.mark.parametrize("encoding", ["undefined", "idna", "punycode", "base64"])
def test_encodings_that_cannot_decode_any_bytes_are_a_usage_error(encoding: str) -> None:
    result = run_artparse(str(SEED), "--encoding", encoding)
    _no_traceback(result)
    assert result.returncode == 2
    assert f"Invalid value for --encoding: unknown text encoding {encoding!r}" in _stderr(result)


@pytest.mark.parametrize(
    "rules",
    [
        "[[rule]]\nname = 'a'\nlines = ['" + "(" * 5000 + "a" + ")" * 5000 + "']\n",
        "[[rule]]\nname = 'a'\nlines = ['a{1,4294967295}']\n",
        "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
    ],
    ids=["nested-groups", "huge-repeat", "nested-toml"],
)
def test_rules_files_that_break_the_parsers_are_a_usage_error(tmp_path: Path, rules: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(rules, encoding="utf-8")
    result = run_artparse(str(SEED), "--rules", str(path))
    _no_traceback(result)
    assert result.returncode == 2
    assert f"Invalid value for --rules: {path}: " in _stderr(result)


# 5. A database with artparse's columns and someone else's content.


@pytest.mark.parametrize(
    ("column", "value"),
    [("published", "hello"), ("warnings", "not json"), ("visits", "many"), ("warnings", "[1, 2]")],
)
def test_a_report_on_a_database_with_foreign_content_says_it_cannot_read_it(
    tmp_path: Path, column: str, value: str
) -> None:
    database = tmp_path / "a.db"
    assert run_artparse(str(SEED), "-o", str(database)).returncode == 0
    with sqlite3.connect(database) as connection:
        connection.execute(f'UPDATE articles SET "{column}" = ?', (value,))
    result = run_artparse(str(database), "--summary")
    _no_traceback(result)
    assert result.returncode == 1
    assert _stderr(result).startswith(
        f"artparse: cannot read the database: {database}: row 1: {column} holds"
    )


# 8. What a dialect reads is bounded before any regex or parser runs.


def test_every_dialect_sees_a_bounded_window_of_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Sequence[str]] = []

    def spy(lines: Sequence[str]) -> Header | None:
        seen.append(lines)
        return None

    monkeypatch.setitem(DIALECTS, "spy", spy)
    parse_text("short line\n" * 200_000)
    parse_text(("x" * 900 + "\n") * 5_000)
    for window in seen:
        assert len(window) <= MAX_HEADER_LINES + 1
        assert sum(map(len, window)) <= MAX_HEADER_CHARS + MAX_HEADER_LINE + 1


def test_a_header_cut_by_the_window_is_never_taken_as_whole() -> None:
    fields = "".join(f"X-Field-{n}: value {n}\n" for n in range(MAX_HEADER_LINES + 500))
    article = parse_text("From: a@example.org\nSubject: s\n" + fields + "\nbody\n")
    assert article.dialect is None
    assert article.extra == {}
    assert f"the first {MAX_HEADER_LINES} lines" in article.warnings[0]


@pytest.mark.timeout(20)
def test_a_header_with_a_huge_continuation_is_read_in_bounded_time() -> None:
    article = parse_text("From: a@example.org\nSubject: s\nX-Long: v\n" + " more\n" * 400_000 + "\nbody\n")
    assert article.dialect is None  # the header never ends within the window: not taken as one


@pytest.mark.timeout(10)
def test_yaml_merge_keys_in_a_large_block_are_bounded() -> None:
    chain = [f"a{n}: &a{n} {{<<: *a{n - 1}, k{n}: {n}}}" for n in range(1, 8000)]
    article = parse_text("\n".join(["---", "a0: &a0 {k0: 0}", *chain, "title: T", "---", "body"]))
    assert article.title is None


def test_yaml_aliases_are_refused_before_the_data_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from artparse.dialects import front_matter

    def built(*args: object) -> object:
        raise AssertionError("the document was built")

    monkeypatch.setattr(front_matter._yaml_loader(), "construct_document", built)
    names = "abcdefgh"
    levels = [f"{names[n]}: &{names[n]} [" + ", ".join([f"*{names[n - 1]}"] * 10) + "]" for n in range(1, 8)]
    article = parse_text("\n".join(["---", "a: &a [x, x, x, x, x, x, x, x, x, x]", *levels, "---", "body"]))
    assert article.warnings == (
        "malformed-header: YAML front matter could not be read: more than 10000 values or 50 levels",
    )


@pytest.mark.timeout(10)
def test_the_toml_date_literal_scan_is_linear_and_keeps_the_date_as_written() -> None:
    text = '+++\ns = """\ndate = 2001-05-27' + " " * 32_000 + 'x\n"""\ndate = 1999-05-27T07:32:00Z\n+++\nbody'
    article = parse_text(text)
    assert article.published_raw == "1999-05-27T07:32:00Z"  # not the line inside the string


def test_huge_hexadecimal_integers_in_front_matter_are_kept_as_text() -> None:
    article = parse_text("+++\nn = 0x" + "f" * 4000 + "\n+++\nbody")
    assert article.extra == {"n": "0x" + "f" * 4000}
    json.dumps(article.to_dict())  # raised ValueError (more than 4300 digits) before


# 9. User regexes are bounded in time and in the length of the lines they see.


@pytest.mark.timeout(60)
def test_a_rule_that_backtracks_for_ever_is_that_files_failure(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[[rule]]\nname = 'slow'\nlines = ['(?P<title>(a|a)+)']\n", encoding="utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text("a" * 40 + "!\nbody\n", encoding="utf-8")
    result = run_artparse(str(slow), str(SEED), "--rules", str(rules), "-f", "jsonl")
    _no_traceback(result)
    assert result.returncode == 1
    assert f"artparse: {slow}: rule 'slow', line 1: gave up after 1 s on line 1" in _stderr(result)
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(SEED)]


def test_a_rule_reads_only_lines_as_long_as_the_dialects_read() -> None:
    from artparse.rules import load_rules

    rules = load_rules("[[rule]]\nname = 'any'\nlines = ['(?P<title>.+)']\n")
    assert parse_text("t" * MAX_HEADER_LINE + "\nbody", rules=rules).dialect == "any"
    assert parse_text("t" * (MAX_HEADER_LINE + 1) + "\nbody", rules=rules).dialect is None


# 11. -o onto something that is not a regular file writes into it.


def test_o_onto_a_device_writes_to_it_and_keeps_it(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    result = run_artparse(str(SEED), "-f", "jsonl", "-o", str(device))
    assert result.returncode == 0, _stderr(result)
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["null"]


def test_o_onto_a_fifo_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_artparse(str(SEED), "-f", "jsonl", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, _stderr(result)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["source"] == str(SEED)


def test_o_onto_a_link_to_a_descriptor_writes_to_that_descriptor(tmp_path: Path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    captured = tmp_path / "captured.jsonl"
    with captured.open("wb") as stdout:  # a regular file behind the descriptor, as in `> file`
        command = [*artparse_command(), str(SEED), "-f", "jsonl", "-o", str(link)]
        result = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False)
    assert result.returncode == 0, _stderr(result)
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert json.loads(captured.read_bytes())["source"] == str(SEED)


# 12. A database artparse did not make is never written to.


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "schema",
    [
        ["CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER)"],
        ["CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"],
    ],
    ids=["own-files-table", "unrelated-tables"],
)
def test_a_database_artparse_did_not_make_is_refused_unchanged(tmp_path: Path, schema: list[str]) -> None:
    database = tmp_path / "theirs.db"
    with sqlite3.connect(database) as connection:
        for statement in schema:
            connection.execute(statement)
    before = _digest(database)
    result = run_artparse(str(SEED), "-o", str(database))
    _no_traceback(result)
    assert result.returncode == 3
    assert f"cannot write output: {database}: not a database artparse made" in _stderr(result)
    assert _digest(database) == before


def test_an_artparse_database_from_0_1_is_still_written(tmp_path: Path) -> None:
    from artparse.database import _SCHEMA
    from artparse.record import SCHEMA_VERSION

    database = tmp_path / "old.db"
    with sqlite3.connect(database) as connection:
        for statement in _SCHEMA:
            connection.execute(statement.replace(", path BLOB)", ")"))  # 0.1's files table
        connection.execute("INSERT INTO metadata VALUES ('record_schema_version', ?)", (str(SCHEMA_VERSION),))
    assert run_artparse(str(SEED), "-o", str(database)).returncode == 0
    assert run_artparse(str(SEED), "-o", str(database), "--incremental").returncode == 0
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (1,)


# 13. File names that are not UTF-8 in database runs.


def test_names_that_are_not_utf8_survive_incremental_runs_and_prune(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (root / name).write_bytes(SEED.read_bytes())
    (root / "gone.txt").write_bytes(SEED.read_bytes())
    database = tmp_path / "out.db"
    first = run_artparse(str(root), "-o", str(database))
    assert first.returncode == 0, _stderr(first)
    (root / "gone.txt").unlink()
    again = run_artparse(str(root), "-o", str(database), "--incremental", "--prune")
    _no_traceback(again)
    assert again.returncode == 0, _stderr(again)
    assert "1 skipped (1 unchanged)" in _stderr(again)
    assert "pruned 1 record of vanished files" in _stderr(again)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT source FROM articles").fetchall() == [(f"{root}/caf\\xe9.txt",)]
        assert connection.execute("SELECT path FROM files").fetchall() == [(os.fsencode(root / name),)]


# 14. Smaller ones.


def test_a_file_swapped_for_a_directory_after_the_listing_is_a_skip(tmp_path: Path) -> None:
    swapped = tmp_path / "a.txt"
    swapped.mkdir()
    with pytest.raises(SkippedInWalk):
        read_bytes(Input(str(swapped), explicit=False, may_be_link=False), stdin=None)  # type: ignore[arg-type]


def test_a_field_given_twice_is_a_usage_error() -> None:
    result = run_artparse(str(SEED), "-f", "csv", "--fields", "source,author,source")
    assert result.returncode == 2
    assert "Invalid value for --fields: field 'source' is given twice" in _stderr(result)


def test_an_output_name_of_255_bytes_can_be_written(tmp_path: Path) -> None:
    output = tmp_path / ("é" * 124 + "a.jsonl")
    assert len(os.fsencode(output.name)) == 255
    result = run_artparse(str(SEED), "-o", str(output))
    assert result.returncode == 0, _stderr(result)
    assert json.loads(output.read_bytes())["source"] == str(SEED)
    assert [path.name for path in tmp_path.iterdir()] == [output.name]


def test_the_chart_never_has_more_than_its_bars_over_any_span() -> None:
    for last in ("2030-06", "2190-01", "9999-12"):
        bars = chart_bars(Counter({"0001-01": 1, last: 2}))
        assert len(bars) <= MAX_MONTHS
        assert sum(count for _, count in bars) == 3
        assert bars[0][0].startswith("0001")


# The fuzz target's seeds: every hostile input above, as whole files, parsed and rendered.


def _fuzz_check() -> object:
    spec = importlib.util.spec_from_file_location("fuzz_parse", ROOT / "fuzz" / "fuzz_parse.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.check


@pytest.mark.timeout(30)
@pytest.mark.parametrize("seed", FUZZ_SEEDS, ids=[seed.name for seed in FUZZ_SEEDS])
def test_each_fuzz_seed_is_parsed_and_written_by_every_writer(seed: Path) -> None:
    check = _fuzz_check()
    check(seed.read_bytes())  # type: ignore[operator]
