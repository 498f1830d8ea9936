"""SQLite output: round trip, upserts, prune, incremental re-runs, and kills during a write."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import artparse
from artparse.cli import command
from artparse.database import BATCH_SIZE
from artparse.sources import display_path
from tests.conftest import SAMPLES, artparse_command

Record = dict[str, Any]

ARABIC = (
    "طرابلس الجديدة\n"
    "Posted by سالم on 2025-11-01 04:23 | Desk: Politics\n"
    'Share: Facebook | X Visits: 1,234\nBody "quoted" text\n'
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def jsonl_records(*paths: Path) -> dict[str, Record]:
    result = invoke(*map(str, paths), "-f", "jsonl", "-q")
    return {str(record["source"]): record for record in map(json.loads, result.stdout.splitlines())}


def rows(database: Path, table: str = "articles") -> dict[str, Record]:
    """Every row of `table` as a dict, by source, read with nothing but sqlite3."""
    with sqlite3.connect(database) as connection:
        cursor = connection.execute(f"SELECT * FROM {table} ORDER BY source")
        names = [column[0] for column in cursor.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cursor}


def decoded(row: Record, like: Record) -> Record:
    """`row` with the JSON text of every list or object field of `like` decoded."""
    return {
        name: json.loads(str(value)) if isinstance(like[name], list | dict) else value
        for name, value in row.items()
    }


def stderr_tail(result: Result) -> str:
    return result.stderr.splitlines()[-1]


def write_article(path: Path, visits: int, author: str = "AI") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Posted by {author} on 2025-11-01 04:23:00\nShare: X Visits: {visits}\nText.\n", "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for sample in SAMPLES.glob("*.txt"):
        (root / sample.name).write_bytes(sample.read_bytes())
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / "nested" / "deeper" / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    (root / "nested" / "no-header.md").write_text("Just a note.\n", encoding="utf-8")
    return root


def test_every_row_reads_back_as_the_json_lines_record(corpus: Path, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    result = invoke(str(corpus), "-o", str(database))
    assert result.exit_code == 0 and result.stdout == ""
    expected = jsonl_records(corpus)
    stored = rows(database)
    assert sorted(stored) == sorted(expected) and len(expected) == len(list(SAMPLES.glob("*.txt"))) + 2
    for source, record in expected.items():
        assert list(stored[source]) == list(record)  # one column per field, in record order
        assert decoded(stored[source], record) == record
    arabic = str(corpus / "nested" / "deeper" / "arabic.txt")
    assert stored[arabic]["extra"] == '{"Desk":"Politics"}'
    assert stored[arabic]["share"] == '["Facebook","X"]'


def test_lists_and_extra_work_with_sqlite_json_functions(corpus: Path, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    invoke(str(corpus), "-o", str(database))
    with sqlite3.connect(database) as connection:
        [(category,)] = connection.execute(
            "SELECT json_extract(extra, '$.Desk') FROM articles WHERE visits = 1234"
        )
        channels = connection.execute(
            "SELECT value, count(*) FROM articles, json_each(share) GROUP BY value ORDER BY value"
        ).fetchall()
    expected = Counter(channel for record in jsonl_records(corpus).values() for channel in record["share"])
    assert category == "Politics"
    assert dict(channels) == expected and "X" in expected


def test_schema_has_the_indexes_and_the_metadata(tmp_path: Path) -> None:
    database = tmp_path / "a.sqlite3"
    invoke(str(SAMPLES / "posted-by-crlf.txt"), "-o", str(database))
    from importlib.metadata import version

    with sqlite3.connect(database) as connection:
        indexed = {
            row[2]
            for index in connection.execute("PRAGMA index_list(articles)").fetchall()
            for row in connection.execute(f"PRAGMA index_info('{index[1]}')").fetchall()
        }
        metadata = dict(connection.execute("SELECT key, value FROM metadata").fetchall())
        [(primary_key,)] = connection.execute("SELECT name FROM pragma_table_info('articles') WHERE pk = 1")
    assert {"published", "author", "dialect"} <= indexed
    assert metadata == {"artparse_version": version("artparse"), "record_schema_version": "1"}
    assert artparse.__version__ == version("artparse")  # the one the package says (src/artparse/_version.py)
    assert primary_key == "source"


@pytest.mark.parametrize(
    "args", [["-o", "{db}.db"], ["-o", "{db}.sqlite"], ["-o", "{db}.data", "-f", "sqlite"]]
)
def test_the_database_format_comes_from_the_suffix_or_from_f(tmp_path: Path, args: list[str]) -> None:
    args = [arg.format(db=tmp_path / "out") for arg in args]
    assert invoke(str(SAMPLES / "posted-by-crlf.txt"), *args).exit_code == 0
    assert len(rows(Path(args[1]))) == 1


def test_a_rerun_upserts_and_keeps_records_of_vanished_files(tmp_path: Path) -> None:
    root, database = tmp_path / "news", tmp_path / "a.db"
    write_article(root / "a.txt", visits=1)
    write_article(root / "b.txt", visits=2)
    invoke(str(root), "-o", str(database))
    write_article(root / "a.txt", visits=10)
    (root / "b.txt").unlink()
    write_article(root / "c.txt", visits=3)
    assert invoke(str(root), "-o", str(database)).exit_code == 0
    visits = {Path(source).name: row["visits"] for source, row in rows(database).items()}
    assert visits == {"a.txt": 10, "b.txt": 2, "c.txt": 3}


def test_prune_deletes_only_vanished_files_under_the_paths_given(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    for name in ["news/a.txt", "news/gone.txt", "news/sub/gone.txt", "news-old/x.txt", "blog/gone.txt"]:
        write_article(tmp_path / name, visits=1)
    invoke(str(tmp_path / "news"), str(tmp_path / "news-old"), str(tmp_path / "blog"), "-o", str(database))
    for name in ["news/gone.txt", "news/sub/gone.txt", "blog/gone.txt"]:
        (tmp_path / name).unlink()
    result = invoke(str(tmp_path / "news"), "-o", str(database), "--prune")
    assert result.exit_code == 0
    assert "artparse: pruned 2 records of vanished files" in result.stderr
    left = sorted(Path(source).relative_to(tmp_path).as_posix() for source in rows(database))
    assert left == ["blog/gone.txt", "news-old/x.txt", "news/a.txt"]  # news-old is not under news/
    assert sorted(rows(database, "files")) == sorted(rows(database))


def test_a_missing_path_prunes_nothing(tmp_path: Path) -> None:
    database, root = tmp_path / "a.db", tmp_path / "mnt" / "news"
    write_article(root / "a.txt", visits=1)
    invoke(str(root), "-o", str(database))
    (root / "a.txt").unlink()
    root.rmdir()  # as if the disk were not mounted
    result = invoke(str(root), "-o", str(database), "--prune")
    assert result.exit_code == 1
    assert "artparse: pruned 0 records of vanished files" in result.stderr
    assert len(rows(database)) == 1


def test_incremental_skips_unchanged_touched_and_deleted_files(tmp_path: Path) -> None:
    root, database = tmp_path / "news", tmp_path / "a.db"
    for name in "abcd":
        write_article(root / f"{name}.txt", visits=1)
    first = invoke(str(root), "-o", str(database), "--incremental")
    assert stderr_tail(first) == "artparse: 4 inputs: 4 records (0 with warnings), 0 failed"

    again = invoke(str(root), "-o", str(database), "--incremental")
    assert (
        again.stderr == "artparse: 4 inputs: 0 records (0 with warnings), 0 failed, 4 skipped (4 unchanged)\n"
    )

    touched = root / "a.txt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    write_article(root / "b.txt", visits=2)  # edited
    (root / "c.txt").unlink()
    result = invoke(str(root), "-o", str(database), "--incremental")
    assert (
        stderr_tail(result)
        == "artparse: 3 inputs: 1 record (0 with warnings), 0 failed, 2 skipped (2 unchanged)"
    )
    stored, stamps = rows(database), rows(database, "files")
    assert stored[str(root / "b.txt")]["visits"] == 2
    assert str(root / "c.txt") in stored  # kept: no --prune
    assert stamps[str(touched)]["mtime_ns"] == touched.stat().st_mtime_ns  # the new stamp is recorded
    assert stamps[str(root / "b.txt")]["sha256"] == hashlib.sha256((root / "b.txt").read_bytes()).hexdigest()

    after_touch = invoke(str(root), "-o", str(database), "--incremental", "--prune")
    assert after_touch.stderr.splitlines() == [
        "artparse: pruned 1 record of vanished files",
        "artparse: 3 inputs: 0 records (0 with warnings), 0 failed, 3 skipped (3 unchanged)",
    ]
    assert str(root / "c.txt") not in rows(database)


def test_incremental_parses_again_when_the_options_differ(tmp_path: Path) -> None:
    article, database = tmp_path / "a.txt", tmp_path / "a.db"
    article.write_text("Posted by AI on 03/04/2021\nBody.\n", encoding="utf-8")
    invoke(str(article), "-o", str(database), "--incremental")
    result = invoke(str(article), "-o", str(database), "--incremental", "--dayfirst")
    assert stderr_tail(result).startswith("artparse: 1 input: 1 record (1 with warnings)")
    assert rows(database)[str(article)]["published"] == "2021-04-03"


def test_incremental_parses_again_a_row_deleted_by_hand(tmp_path: Path) -> None:
    article, database = tmp_path / "a.txt", tmp_path / "a.db"
    write_article(article, visits=1)
    invoke(str(article), "-o", str(database))
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM articles")
    result = invoke(str(article), "-o", str(database), "--incremental")
    assert stderr_tail(result) == "artparse: 1 input: 1 record (0 with warnings), 0 failed"
    assert len(rows(database)) == 1


def test_stamp_lookups_leave_the_database_free_for_other_writers(tmp_path: Path) -> None:
    """The lookups of an incremental run hold no lock between their queries: another process
    writes at once (no wait) while a run is reading stamps; the run's own writes take the write
    lock up front (BEGIN IMMEDIATE)."""
    from artparse.database import open_database
    from artparse.stamps import FileStamp

    root, database = tmp_path / "news", tmp_path / "a.db"
    for name in "abc":
        write_article(root / f"{name}.txt", visits=1)
    invoke(str(root), "-o", str(database))
    statements: list[str] = []
    with open_database(str(database), "test") as stored:
        stored._connection.set_trace_callback(statements.append)
        assert stored.known(str(root / "a.txt")) is not None
        with sqlite3.connect(database, timeout=0) as other:
            other.execute("UPDATE files SET settings = 'other' WHERE source = ?", (str(root / "c.txt"),))
        other.close()
        assert all(stored.known(str(root / f"{name}.txt")) is not None for name in "ab")
        assert stored.known(str(root / "new.txt")) is None
        assert [s for s in statements if not s.startswith("SELECT")] == []
        stored.save(str(root / "a.txt"), None, FileStamp(1, 2, "0" * 64, "settings"))
        assert [s.split(" (")[0] for s in statements[-2:]] == ["BEGIN IMMEDIATE", "INSERT INTO files"]
    assert rows(database, "files")[str(root / "a.txt")]["sha256"] == "0" * 64
    assert rows(database, "files")[str(root / "c.txt")]["settings"] == "other"


# What known() answers, one query a file: the stamp of a source with its path's bytes, when the file
# or, for a container, one of its articles still has a row.
KNOWN_STAMP = (
    "SELECT f.size, f.mtime_ns, f.sha256, f.settings FROM files AS f"
    " WHERE f.source = ?1 AND COALESCE(f.path, CAST(f.source AS BLOB)) = ?2"
    " AND (EXISTS (SELECT 1 FROM articles WHERE source = ?1)"
    " OR EXISTS (SELECT 1 FROM articles WHERE source > ?1 || '#' AND source < ?1 || '$'))"
)


@pytest.mark.parametrize("window", [1, 3, 512])
def test_stamps_read_a_window_at_a_time_are_those_of_one_query_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """Names that sort apart in the walk and in the key ('a/b' and 'a-b', 'a#1'), a container's
    articles, a name that is not UTF-8 beside the name it is shown as, a stamp whose record was
    deleted, a stamp of 0.1 without a path; asked in walk order, in random order, twice, with
    writes in between."""
    from artparse import database as module
    from artparse.database import open_database
    from artparse.stamps import FileStamp

    monkeypatch.setattr(module, "WINDOW", window)
    root, database = tmp_path / "news", tmp_path / "a.db"
    for name in ("a.txt", "a#1.txt", "a-b.txt", "a/b.txt", "a/c/d.txt", "b.txt", "c.txt", "é.txt", "z.txt"):
        write_article(root / name, visits=1)
    (root / "list.mbox").write_bytes((SAMPLES / "containers" / "python-list.mbox").read_bytes())
    (root / "a" / "x\\xff.txt").write_text("Posted by AI on 2025-11-01\nText.\n", "utf-8")
    not_utf8 = os.fsdecode(os.fsencode(str(root / "a")) + b"/x\xff.txt")
    Path(not_utf8).write_text("Posted by AI on 2025-11-02\nText.\n", "utf-8")  # the same source, written last
    assert invoke(str(root), "-o", str(database), "-q").exit_code == 0
    with sqlite3.connect(database) as connection:
        connection.execute("DELETE FROM articles WHERE source = ?", (str(root / "b.txt"),))
        connection.execute("UPDATE files SET path = NULL WHERE source = ?", (str(root / "c.txt"),))
    walked = [os.fsdecode(path) for path in sorted(os.fsencode(p) for p in root.rglob("*") if p.is_file())]
    asked = [*walked, str(root / "new.txt"), str(root / "a"), str(root / "0.txt"), str(root / "zz.txt")]
    random.Random(7).shuffle(asked)
    with open_database(str(database), "test") as stored:

        def expected(path: str) -> FileStamp | None:
            source = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            row = stored._connection.execute(KNOWN_STAMP, (source, os.fsencode(path))).fetchone()
            return FileStamp(*row) if row else None

        for path in [*walked, *asked, *asked]:
            assert stored.known(path) == expected(path), path
        assert stored.known(str(root / "b.txt")) is None  # its record was deleted
        assert stored.known(str(root / "list.mbox")) is not None  # by its articles
        assert stored.known(not_utf8) is not None
        assert stored.known(str(root / "a" / "x\\xff.txt")) is None  # its source's stamp is the other's
        for number, path in enumerate(asked):
            if number % 3 == 0:
                stored.save(path, None, FileStamp(number, number, "0" * 64, "new"))
            assert stored.known(path) == expected(path), path
        assert stored.known(str(root / "z.txt")) == expected(str(root / "z.txt")) is not None


def test_an_unchanged_tree_reads_its_stamps_in_few_queries(tmp_path: Path) -> None:
    from artparse.database import WINDOW, open_database

    root, database = tmp_path / "news", tmp_path / "a.db"
    files = 3 * WINDOW
    for number in range(files):
        write_article(root / f"{number // 100}" / f"{number}.txt", visits=number)
    invoke(str(root), "-o", str(database))
    queries: list[str] = []
    with open_database(str(database), "test") as stored:
        stored._connection.set_trace_callback(queries.append)
        for path in sorted(root.rglob("*.txt")):
            assert stored.known(str(path)) is not None
    assert 3 <= len([query for query in queries if query.startswith("SELECT")]) < files / 20


def _added(root: Path, index: int, version: int) -> tuple[str, list[Any], Any]:
    """What a run adds for the file `index` of a corpus: its path, row and stamp."""
    from artparse.database import row_values
    from artparse.stamps import file_stamp

    path = root / f"{index:05d}.txt"
    article = artparse.parse_text(_article_text(index, version), source=str(path))
    data = _article_text(index, version).encode()
    return str(path), row_values(article.to_dict()), file_stamp(data, len(data), version, "settings")


def _committed(database: Path) -> dict[str, Record]:
    """The articles another connection sees (what a kill would leave)."""
    connection = sqlite3.connect(database)
    try:
        return rows_of(connection)
    finally:
        connection.close()


def rows_of(connection: sqlite3.Connection) -> dict[str, Record]:
    cursor = connection.execute("SELECT source, visits FROM articles ORDER BY source")
    return {source: {"visits": visits} for source, visits in cursor}


def test_added_records_are_committed_a_batch_at_a_time_and_an_exception_drops_the_open_one(
    tmp_path: Path,
) -> None:
    from artparse.database import open_database

    root, database = tmp_path / "news", tmp_path / "a.db"
    added = [_added(root, index, version=1) for index in range(BATCH_SIZE + 3)]
    with pytest.raises(RuntimeError), open_database(str(database), "test") as stored:
        for path, row, stamp in added[: BATCH_SIZE - 1]:
            stored.add(path, row, stamp)
        assert _committed(database) == {}
        stored.add(*added[BATCH_SIZE - 1])
        assert len(_committed(database)) == BATCH_SIZE  # the batch is complete: committed
        for path, row, stamp in added[BATCH_SIZE:]:
            stored.add(path, row, stamp)
        assert stored.known(added[-1][0]) == added[-1][2]  # written before the lookup, not committed
        assert len(_committed(database)) == BATCH_SIZE
        raise RuntimeError("stop")
    assert sorted(rows(database)) == sorted(path for path, _, _ in added[:BATCH_SIZE])
    assert sorted(rows(database, "files")) == sorted(rows(database))


def test_a_run_of_records_sent_as_one_is_written_and_committed_as_one_by_one(tmp_path: Path) -> None:
    """What a worker joins (RowRender's joiner) and add_all() writes: the same rows and stamps,
    committed at the same records, as add() of each."""
    from artparse.database import open_database
    from artparse.outcomes import Rendered
    from artparse.sinks import RowRender

    root = tmp_path / "news"
    added = [_added(root, index, version=1) for index in range(2 * BATCH_SIZE + 7)]
    for index in range(0, len(added), 97):  # a name that is not UTF-8; a container's article
        path, row, stamp = added[index]
        odd = os.fsdecode(os.fsencode(path)[:-4] + b"\xff.txt")
        added[index] = odd, [display_path(odd), *row[1:]], stamp
        path, row, _ = added[index + 1]
        added[index + 1] = f"{path}#1", [f"{path}#1", *row[1:]], None
    join = RowRender().joiner()
    one_by_one, joined = tmp_path / "one.db", tmp_path / "joined.db"
    with open_database(str(one_by_one), "test") as stored:
        for path, row, stamp in added:
            stored.add(path, row, stamp)
    with open_database(str(joined), "test") as stored:
        start = 0
        for size in (1, BATCH_SIZE - 2, 3, BATCH_SIZE + 4, 1):  # runs across the batches' ends
            run = [Rendered(row[0], (), row, stamp, path) for path, row, stamp in added[start : start + size]]
            stored.add_all(join(run))  # type: ignore[arg-type]
            start += size
            assert len(_committed(joined)) == start // BATCH_SIZE * BATCH_SIZE
        assert start == len(added)
    for table in ("articles", "files"):
        assert rows(joined, table) == rows(one_by_one, table)
    files = rows(joined, "files")
    assert len(files) == sum(stamp is not None for _, _, stamp in added)
    assert {bytes(row["path"]) for row in files.values()} == {
        os.fsencode(path) for path, _, stamp in added if stamp is not None
    }


def test_added_records_are_written_before_anything_else_reads_or_writes(tmp_path: Path) -> None:
    """A stamp saved after a record was added, a lookup, a prune and a container's end each come
    after the records added before them, as in the run."""
    from artparse.database import open_database
    from artparse.stamps import FileStamp

    root, database = tmp_path / "news", tmp_path / "a.db"
    path, row, stamp = _added(root, 0, version=1)
    touched = FileStamp(stamp.size, 99, stamp.sha256, stamp.settings)
    gone, gone_row, gone_stamp = _added(root, 1, version=1)
    _write_corpus(root, 1, version=1)  # the file of `gone` is never written
    container = str(root / "list.mbox")
    with open_database(str(database), "test") as stored:
        stored.add(path, row, stamp)
        stored.save(path, None, touched)
        assert stored.known(path) == touched
        stored.add(gone, gone_row, gone_stamp)
        assert stored.prune([str(root)]) == 1
        for place in (1, 2, 3):
            stored.add(f"{container}#{place}", [f"{container}#{place}", *row[1:]], None)
        stored.container_read(container, 2, None)  # it has shrunk to two parts
    assert list(rows(database)) == [path, f"{container}#1", f"{container}#2"]
    assert rows(database, "files")[path]["mtime_ns"] == touched.mtime_ns


def test_failures_are_reported_and_not_skipped_next_time(tmp_path: Path) -> None:
    root, database = tmp_path / "news", tmp_path / "a.db"
    write_article(root / "a.txt", visits=1)
    (root / "bad.txt").write_bytes(b"Posted by AI on 2025-11-01\n" + b"long " * 100)
    for _ in range(2):
        result = invoke(str(root), "-o", str(database), "--incremental", "--max-size", "200")
        assert result.exit_code == 1
        assert f"artparse: {root / 'bad.txt'}: too large: 527 bytes, the limit is 200 bytes" in result.stderr
    assert list(rows(database)) == [str(root / "a.txt")]


def test_stdin_is_stored_as_dash_and_never_skipped(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    for visits in (1, 2):
        text = f"Posted by AI on 2025-11-01\nVisits: {visits}\nBody.\n"
        result = CliRunner().invoke(command, ["-", "-o", str(database), "--incremental"], input=text)
        assert result.exit_code == 0
    assert {source: row["visits"] for source, row in rows(database).items()} == {"-": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--incremental"], "--incremental and --prune need a database output"),
        (["--prune", "-o", "x.jsonl"], "--incremental and --prune need a database output"),
        (["-f", "sqlite"], "-f sqlite writes a database file: give it with -o FILE"),
        (["-o", "x.db", "--fields", "source"], "-f sqlite takes whole records"),
        (["--summary", "-f", "csv"], "--summary prints the report on stdout: give -o FILE for -f csv"),
    ],
)
def test_database_options_that_do_not_fit_are_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(str(SAMPLES), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("my notes\n", encoding="utf-8")
    result = invoke(str(SAMPLES), "-o", str(target))
    assert result.exit_code == 3
    assert result.stderr == f"artparse: cannot write output: {target}: file is not a database\n"
    assert target.read_text(encoding="utf-8") == "my notes\n"


def test_a_database_with_other_columns_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE articles (source TEXT PRIMARY KEY, title TEXT)")
    result = invoke(str(SAMPLES), "-o", str(database))
    assert result.exit_code == 3
    assert "its articles table does not have the columns of this artparse's records" in result.stderr
    assert list(rows(database)) == []


# Kills: the child is stopped with SIGKILL, so no Python code of it runs after the signal.


def _article_text(index: int, version: int) -> str:
    words = " ".join(f"word{(index * 7 + n) % 101}" for n in range(120))
    return (
        f"Posted by Author {index % 13} on 2025-{index % 12 + 1:02d}-01 10:00\nVisits: {version}\n{words}\n"
    )


def _write_corpus(root: Path, count: int, version: int) -> None:
    root.mkdir(exist_ok=True)
    for index in range(count):
        (root / f"{index:05d}.txt").write_text(_article_text(index, version), encoding="utf-8")


def _committed_rows(database: Path, visits: int) -> int:
    """How many rows the child has committed in its run (its records have `visits`)."""
    try:
        with sqlite3.connect(database, timeout=0.05) as connection:
            query = "SELECT count(*) FROM articles WHERE visits = ?"
            return int(connection.execute(query, (visits,)).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet, or locked while the child commits


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*artparse_command(), *args, "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _assert_whole_records(database: Path, versions: list[dict[str, Record]], root: Path) -> None:
    """Every row is one of the versions' records, whole, with the stamp of that version's file."""
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored, stamps = rows(database), rows(database, "files")
    assert sorted(stamps) == sorted(stored)
    for source, row in stored.items():
        index = int(Path(source).stem)
        matching = [
            n for n, records in enumerate(versions) if decoded(row, records[source]) == records[source]
        ]
        assert len(matching) == 1, f"{source} is not a whole record of one version"
        content = _article_text(index, matching[0] + 1).encode()
        assert stamps[source]["sha256"] == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(("signum", "returncode"), [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 143)])
def test_a_kill_during_an_open_transaction_keeps_the_committed_batches(
    tmp_path: Path, signum: int, returncode: int
) -> None:
    root, database, fifo = tmp_path / "corpus", tmp_path / "a.db", tmp_path / "slow-input"
    _write_corpus(root, BATCH_SIZE + 100, version=1)
    os.mkfifo(fifo)
    # -j 1: the pipe is opened only after the records before it (a worker could open it sooner)
    child = _start("-j", "1", str(root), str(fifo), "-o", str(database))
    try:
        writer = _open_when_read(fifo, child)  # the child waits on the pipe, 100 records uncommitted
        child.send_signal(signum)
        assert child.wait(timeout=30) == returncode
        os.close(writer)
    finally:
        child.kill()
    assert len(rows(database)) == BATCH_SIZE
    _assert_whole_records(database, [jsonl_records(root)], root)


def _open_when_read(fifo: Path, child: subprocess.Popen[bytes]) -> int:
    """A write end of `fifo`, opened once the child has opened it for reading."""
    while child.poll() is None:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            time.sleep(0.01)
    raise AssertionError(f"artparse ended ({child.returncode}) before reading the pipe")


def test_kills_at_random_moments_leave_whole_records(tmp_path: Path) -> None:
    root, database = tmp_path / "corpus", tmp_path / "a.db"
    moments = random.Random(7)
    versions = []
    for version in (1, 2, 3):  # each run rewrites every file: a torn upsert would mix two versions
        _write_corpus(root, 2 * BATCH_SIZE, version)
        versions.append(jsonl_records(root))
        child = _start(str(root), "-o", str(database))
        while child.poll() is None and _committed_rows(database, version) == 0:
            time.sleep(0.01)
        time.sleep(moments.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        _assert_whole_records(database, versions, root)
