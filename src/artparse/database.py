"""The SQLite output: table `articles` (one column per record field), `files` and `metadata`.

`articles` holds the records, lists and `extra` as JSON text, `source` as the primary key.
`files` holds each file's stamp from the run that parsed it (see stamps.py); `metadata` holds
the artparse version that last wrote the database and the record schema version.

Writes go in transactions of BATCH_SIZE records, so a killed run leaves the database as it was
plus whole batches of whole records; an exception rolls the open batch back.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from artparse.containers import container_of
from artparse.errors import DatabaseError
from artparse.record import FIELDS, SCHEMA_VERSION, json_schema
from artparse.sources import STDIN, FileKey, has_vanished
from artparse.stamps import FileStamp

BATCH_SIZE = 500
"""Records per transaction: one commit (and its fsync) per record would be slow, one for the
whole run would lose all of it to an interruption."""

Record = dict[str, Any]


def _kinds(name: str) -> list[str]:
    """The JSON types a record field may have, from the record's JSON Schema."""
    kinds = json_schema()["properties"][name]["type"]
    return kinds if isinstance(kinds, list) else [kinds]


def _column(name: str) -> str:
    if name == "source":
        return "TEXT PRIMARY KEY NOT NULL"
    column = "INTEGER" if "integer" in _kinds(name) else "TEXT"
    return column if "null" in _kinds(name) else f"{column} NOT NULL"


JSON_COLUMNS = frozenset(name for name in FIELDS if {"array", "object"} & set(_kinds(name)))
INDEXED = ("published", "author", "dialect")


def _quoted(names: Iterable[str]) -> str:
    return ", ".join('"' + name + '"' for name in names)


_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS articles ("
    + ", ".join('"' + name + '" ' + _column(name) for name in FIELDS)
    + ")",
    *(f'CREATE INDEX IF NOT EXISTS "articles_{name}" ON articles ("{name}")' for name in INDEXED),
    "CREATE TABLE IF NOT EXISTS files (source TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, settings TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
]
_UPSERT_ARTICLE = (
    f"INSERT INTO articles ({_quoted(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"
    " ON CONFLICT (source) DO UPDATE SET "
    + ", ".join(f'"{name}" = excluded."{name}"' for name in FIELDS if name != "source")
)
_UPSERT_STAMP = (
    "INSERT INTO files (source, size, mtime_ns, sha256, settings) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT (source) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
    " sha256 = excluded.sha256, settings = excluded.settings"
)
# The join ignores the stamp of a row someone deleted from `articles`: that file is parsed again.
# A container's articles are `source#N`: a range of the primary key ('$' follows '#').
_KNOWN_STAMP = (
    "SELECT f.size, f.mtime_ns, f.sha256, f.settings FROM files AS f WHERE f.source = ?1"
    " AND (EXISTS (SELECT 1 FROM articles WHERE source = ?1)"
    " OR EXISTS (SELECT 1 FROM articles WHERE source > ?1 || '#' AND source < ?1 || '$'))"
)
_CONTAINER_ARTICLES = "SELECT source FROM articles WHERE source > ?1 || '#' AND source < ?1 || '$'"


class Database:
    """An open artparse database being written; use open_database()."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._pending = 0

    def known(self, source: str) -> FileStamp | None:
        """The stamp recorded for `source`, if it has a record."""
        row = self._connection.execute(_KNOWN_STAMP, (source,)).fetchone()
        return FileStamp(*row) if row else None

    def save(self, source: str, row: Sequence[Any] | None, stamp: FileStamp | None) -> None:
        """Upsert a record (`row`: row_values of it) and its file's stamp; or, with no row, the
        new stamp of a touched but unchanged file."""
        if row is not None:
            self._write(_UPSERT_ARTICLE, row)
        if stamp is not None:
            self._write(_UPSERT_STAMP, (source, *_stamp_values(stamp)))
        self._pending += 1
        if self._pending >= BATCH_SIZE:
            self.commit()

    def container_read(self, path: str, places: int | None, stamp: FileStamp | None) -> None:
        """A container was read: with `places` (it was read to its end), the records of its
        places beyond them are deleted (the file has shrunk); then its stamp is recorded."""
        if places is not None:
            stale = [
                (source,)
                for (source,) in self._connection.execute(_CONTAINER_ARTICLES, (path,))
                if _place(source, path) > places
            ]
            for values in stale:
                self._write("DELETE FROM articles WHERE source = ?", values)
        if stamp is not None:
            self._write(_UPSERT_STAMP, (path, *_stamp_values(stamp)))
        self.commit()

    def identity(self) -> FileKey | None:
        """The database file's (st_dev, st_ino)."""
        (path,) = (row[2] for row in self._connection.execute("PRAGMA database_list") if row[1] == "main")
        try:
            info = os.stat(path)
        except OSError:
            return None
        return (info.st_dev, info.st_ino)

    def prune(self, paths: Sequence[str]) -> int:
        """Delete the rows of vanished files under `paths`; how many. A PATH that is itself missing
        prunes nothing, so a mistyped or unmounted folder cannot empty the database."""
        vanished = [
            source
            for path in paths
            if path != STDIN and not has_vanished(path)
            for source in self._sources_under(path)
            if has_vanished(source) and has_vanished(container_of(source))
        ]
        for source in vanished:
            self._write("DELETE FROM articles WHERE source = ?", (source,))
            self._write("DELETE FROM files WHERE source = ?", (source,))
        self.commit()
        return len(vanished)

    def commit(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")
        self._pending = 0

    def _write(self, statement: str, values: Sequence[Any]) -> None:
        if not self._connection.in_transaction:
            self._connection.execute("BEGIN IMMEDIATE")
        self._connection.execute(statement, values)

    def _sources_under(self, path: str) -> list[str]:
        """`path` itself and every source below it, as the directory walk spells them."""
        prefix = path if path.endswith(os.sep) else path + os.sep
        after_prefix = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # a range scan on the primary key
        rows = self._connection.execute(
            "SELECT source FROM articles WHERE source = ? OR (source >= ? AND source < ?)",
            (path, prefix, after_prefix),
        )
        return [source for (source,) in rows]


def _place(source: str, container: str) -> int:
    """The place of an article in its container, from its source (`a.mbox#12` -> 12)."""
    place = source[len(container) + 1 :]
    return int(place) if place.isdigit() else 0


def row_values(record: Record) -> list[Any]:
    """A record as the `articles` row's values, in field order."""
    return [
        json.dumps(record[name], ensure_ascii=False, separators=(",", ":"))
        if name in JSON_COLUMNS
        else record[name]
        for name in FIELDS
    ]


def _stamp_values(stamp: FileStamp) -> tuple[int, int, str, str]:
    return stamp.size, stamp.mtime_ns, stamp.sha256, stamp.settings


@contextmanager
def open_database(path: str, version: str) -> Iterator[Database]:
    """The database at `path`, created or checked; committed at the end, the open batch rolled
    back when an exception (an interruption included) leaves early."""
    with _connect(path) as connection:
        _prepare(connection, path, version)
        database = Database(connection)
        try:
            yield database
            database.commit()
        except sqlite3.Error as error:
            raise DatabaseError(f"{path}: {error}") from error
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


@contextmanager
def _connect(path: str) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: {error}") from error
    try:
        yield connection
    finally:
        connection.close()


def _prepare(connection: sqlite3.Connection, path: str, version: str) -> None:
    """Create the tables, or check that the existing ones hold records of this shape."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        columns = _article_columns(connection)
        if columns and columns != list(FIELDS):
            raise DatabaseError(
                f"{path}: its articles table does not have the columns of this artparse's records"
                f" (record schema version {SCHEMA_VERSION}); write to a new database"
            )
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.executemany(
            "INSERT OR REPLACE INTO metadata (key, value) VALUES (?, ?)",
            [("artparse_version", version), ("record_schema_version", str(SCHEMA_VERSION))],
        )
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: {error}") from error


def _article_columns(connection: sqlite3.Connection) -> list[str]:
    return [row[1] for row in connection.execute("PRAGMA table_info(articles)")]


def read_records(path: str, fields: Sequence[str]) -> Iterator[Record]:
    """The records stored at `path`, cut to `fields`, in source order (lists and `extra` decoded)."""
    with _connect(path) as connection:
        try:
            missing = set(fields) - set(_article_columns(connection))
            if missing:
                raise DatabaseError(f"{path}: no articles table with the columns of artparse records")
            query = f"SELECT {_quoted(fields)} FROM articles ORDER BY source"
            for row in connection.execute(query):
                yield {name: _decode(name, value) for name, value in zip(fields, row, strict=True)}
        except sqlite3.Error as error:
            raise DatabaseError(f"{path}: {error}") from error


def _decode(name: str, value: Any) -> Any:
    return json.loads(value) if name in JSON_COLUMNS else value
