"""The SQLite output: table `articles` (one column per record field), `files` and `metadata`.

`articles` holds the records, lists and `extra` as JSON text, `source` as the primary key.
`files` holds each file's stamp from the run that parsed it (see stamps.py) and its path as the
file system's bytes (`source` shows a name that is not UTF-8 with `\\xNN` escapes, which cannot be
opened); `metadata` holds the artparse version that last wrote the database and the record
schema version.

artparse writes only to a new (or empty) database or one it made: the whole schema is checked
before the first write, and a database with any other table, view, index or trigger, or with
tables of another layout, is refused without a change (DatabaseError).

Writes go in transactions of BATCH_SIZE records, so a killed run leaves the database as it was
plus whole batches of whole records; an exception rolls the open batch back. A run's records are
gathered (add()) and written together (executemany) when their batch is complete, or before
anything else reads or writes the database, inside the batch's transaction: what a kill or an
exception loses is still the open batch, no more.

The stored stamps are read a window at a time: the stamps from a file's source on, in key order,
twice as many each time while nothing is written, up to WINDOW (a walk meets them nearly in key
order); any write or commit forgets the window. One query a file cost more than the rest of an
unchanged file's check (outside a transaction, SQLite takes and drops its lock and looks for a hot
journal on every query), and a read transaction held across the lookups would keep other
processes from writing to the database for the whole run.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from artparse.containers import container_of
from artparse.errors import DatabaseError
from artparse.record import FIELDS, SCHEMA_VERSION, json_schema
from artparse.sources import STDIN, FileKey, display_path, has_vanished
from artparse.stamps import FileStamp

BATCH_SIZE = 500
"""Records per transaction: one commit (and its fsync) per record would be slow, one for the
whole run would lose all of it to an interruption."""
WINDOW = 512
"""Stamps read in one query at most."""

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
    " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, settings TEXT NOT NULL, path BLOB)",
    "CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)",
]
TABLES = {
    "articles": FIELDS,
    "files": ("source", "size", "mtime_ns", "sha256", "settings", "path"),
    "metadata": ("key", "value"),
}
"""Our tables and their columns; `files.path` is new in 0.2 and added to older databases."""
_INDEXES = {f"articles_{name}" for name in INDEXED}
_NOT_OURS = "not a database artparse made"
_OURS_ONLY = "artparse writes only to a new file or to a database it made"
_UPSERT_ARTICLE = (
    f"INSERT INTO articles ({_quoted(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"
    " ON CONFLICT (source) DO UPDATE SET "
    + ", ".join(f'"{name}" = excluded."{name}"' for name in FIELDS if name != "source")
)
_UPSERT_STAMP = (
    "INSERT INTO files (source, size, mtime_ns, sha256, settings, path) VALUES (?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (source) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
    " sha256 = excluded.sha256, settings = excluded.settings, path = excluded.path"
)
_PATH_BYTES = "COALESCE(f.path, CAST(f.source AS BLOB))"  # stamps of 0.1 have no path: source was UTF-8
# A stamp without a row in `articles` (someone deleted it) is ignored: that file is parsed again.
# A container's articles are `source#N`: a range of the primary key ('$' follows '#').
_KNOWN_STAMPS = (
    f"SELECT f.source, {_PATH_BYTES}, f.size, f.mtime_ns, f.sha256, f.settings FROM files AS f"
    " WHERE f.source >= ?1"
    " AND (EXISTS (SELECT 1 FROM articles WHERE source = f.source)"
    " OR EXISTS (SELECT 1 FROM articles WHERE source > f.source || '#' AND source < f.source || '$'))"
    " ORDER BY f.source LIMIT ?2"
)
_CONTAINER_ARTICLES = "SELECT source FROM articles WHERE source > ?1 || '#' AND source < ?1 || '$'"


class Database:
    """An open artparse database being written; use open_database()."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._pending = 0
        """Saves written in the open transaction."""
        self._rows: list[Sequence[Any]] = []
        self._stamps: list[tuple[Any, ...]] = []
        """Records added (and their stamps) not yet written: they belong to the open batch."""
        self._window: dict[str, tuple[bytes, FileStamp]] = {}
        """The known stamps of the sources from _first to _last, by source (with the path's bytes)."""
        self._first: str | None = None  # None: no window
        self._last: str | None = None  # None: to the end
        self._size = 1

    def known(self, path: str) -> FileStamp | None:
        """The stamp recorded for the file at `path`, if it has a record."""
        if self._rows:
            self._write_added()
        source = display_path(path)
        first, last = self._first, self._last
        if first is None or source < first or (last is not None and source > last):
            self._read_window(source)
        found = self._window.get(source)
        return found[1] if found is not None and found[0] == os.fsencode(path) else None

    def _read_window(self, source: str) -> None:
        rows = self._connection.execute(_KNOWN_STAMPS, (source, self._size)).fetchall()
        self._window = {row[0]: (row[1], FileStamp(*row[2:])) for row in rows}
        self._first, self._last = source, rows[-1][0] if len(rows) == self._size else None
        self._size = min(2 * self._size, WINDOW)

    def _forget_window(self) -> None:
        self._window, self._first, self._size = {}, None, 1

    def save(self, path: str, row: Sequence[Any] | None, stamp: FileStamp | None) -> None:
        """Upsert a record (`row`: row_values of it) and the stamp of its file at `path`; or, with
        no row, the new stamp of a touched but unchanged file."""
        if self._rows:
            self._write_added()
        if row is not None:
            self._write(_UPSERT_ARTICLE, row)
        if stamp is not None:
            self._write(_UPSERT_STAMP, _stamp_row(path, stamp))
        self._pending += 1
        if self._pending >= BATCH_SIZE:
            self.commit()

    def add(self, path: str, row: Sequence[Any], stamp: FileStamp | None) -> None:
        """save() a record, written with the others of its batch: when the batch is complete, or
        before anything else reads or writes the database."""
        self._add(*added(path, row, stamp))

    def add_all(self, rows: Iterable[Added]) -> None:
        """add() each record, given as added() makes it (in a worker: see sinks.RowRender)."""
        for row, stamp in rows:
            self._add(row, stamp)

    def _add(self, row: Sequence[Any], stamp: tuple[Any, ...] | None) -> None:
        self._rows.append(row)
        if stamp is not None:
            self._stamps.append(stamp)
        if self._pending + len(self._rows) >= BATCH_SIZE:
            self.commit()

    def _write_added(self) -> None:
        """Upsert the records added and their stamps, in the open transaction."""
        rows, stamps = self._rows, self._stamps
        self._rows, self._stamps = [], []  # gone with the batch if a write fails
        self._pending += len(rows)
        self._forget_window()
        if not self._connection.in_transaction:
            self._connection.execute("BEGIN IMMEDIATE")
        self._connection.executemany(_UPSERT_ARTICLE, rows)
        if stamps:
            self._connection.executemany(_UPSERT_STAMP, stamps)

    def container_read(self, path: str, places: int | None, stamp: FileStamp | None) -> None:
        """A container was read: with `places` (it was read to its end), the records of its
        places beyond them are deleted (the file has shrunk); then its stamp is recorded."""
        if self._rows:
            self._write_added()
        if places is not None:
            source = display_path(path)
            stale = [
                (article,)
                for (article,) in self._connection.execute(_CONTAINER_ARTICLES, (source,))
                if _place(article, source) > places
            ]
            for values in stale:
                self._write("DELETE FROM articles WHERE source = ?", values)
        if stamp is not None:
            self.save(path, None, stamp)
        self.commit()

    def _container_vanished(self, source: str) -> bool:
        """Whether the file of the record `source` has vanished, for an article of a container:
        its container's file (a record of a file of its own: True, as asked)."""
        container = container_of(source)
        if container == source:
            return True
        row = self._connection.execute(
            f"SELECT {_PATH_BYTES} FROM files AS f WHERE f.source = ?", (container,)
        ).fetchone()
        return has_vanished(os.fsdecode(row[0]) if row else container)

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
        if self._rows:
            self._write_added()
        vanished = [
            source
            for path in paths
            if path != STDIN and not has_vanished(path)
            for source, real_path in self._sources_under(display_path(path))
            if has_vanished(real_path) and self._container_vanished(source)
        ]
        for source in vanished:
            self._write("DELETE FROM articles WHERE source = ?", (source,))
            self._write("DELETE FROM files WHERE source = ?", (source,))
        self.commit()
        return len(vanished)

    def commit(self) -> None:
        if self._rows:
            self._write_added()
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")
        self._pending = 0
        self._forget_window()

    def _write(self, statement: str, values: Sequence[Any]) -> None:
        self._forget_window()
        if not self._connection.in_transaction:
            self._connection.execute("BEGIN IMMEDIATE")
        self._connection.execute(statement, values)

    def _sources_under(self, path: str) -> list[tuple[str, str]]:
        """(source, real path) of `path` itself and every source below it, as the directory walk
        spells them."""
        prefix = path if path.endswith(os.sep) else path + os.sep
        after_prefix = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # a range scan on the primary key
        rows = self._connection.execute(
            f"SELECT a.source, {_PATH_BYTES} FROM articles AS a LEFT JOIN files AS f ON f.source = a.source"
            " WHERE a.source = ? OR (a.source >= ? AND a.source < ?)",
            (path, prefix, after_prefix),
        )
        return [(source, source if real is None else os.fsdecode(real)) for source, real in rows]


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


Added = tuple[Sequence[Any], tuple[Any, ...] | None]
"""A record's `articles` row and its file's `files` row (None: no stamp)."""


def added(path: str, row: Sequence[Any], stamp: FileStamp | None) -> Added:
    """The record `row` of the file at `path`, with its `stamp`, as add_all() takes it."""
    return row, None if stamp is None else _stamp_row(path, stamp)


def _stamp_row(path: str, stamp: FileStamp) -> tuple[Any, ...]:
    """The `files` row of the file at `path`: its source, its stamp, its path's bytes."""
    return (display_path(path), *stamp, os.fsencode(path))


@contextmanager
def open_database(path: str, version: str) -> Iterator[Database]:
    """The database at `path`, created or checked; committed at the end, the open batch rolled
    back when an exception (an interruption included) leaves early."""
    if not has_vanished(path) and not os.path.isfile(path):
        raise DatabaseError(f"{path}: not a regular file: a database is written to a file")
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
    """Check the whole schema (nothing is written to a database that is not ours), then create
    what is missing and record the version."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            missing_path = _check_schema(connection, path)
        except DatabaseError:
            connection.execute("ROLLBACK")
            raise
        if missing_path:
            connection.execute("ALTER TABLE files ADD COLUMN path BLOB")
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.executemany(  # only when it differs: a run that changes nothing writes nothing
            "INSERT INTO metadata (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value",
            [("artparse_version", version), ("record_schema_version", str(SCHEMA_VERSION))],
        )
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: {error}") from error


def _check_schema(connection: sqlite3.Connection, path: str) -> bool:
    """DatabaseError unless the database is empty or artparse's, with this record schema; True
    when its `files` table is 0.1's, without `path`."""
    objects = connection.execute(
        r"SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'"
    ).fetchall()
    if not objects:
        return False
    foreign = sorted(name for kind, name in objects if name not in (TABLES if kind == "table" else _INDEXES))
    if not foreign and "articles" not in {name for _, name in objects}:
        foreign = sorted(name for _, name in objects)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise DatabaseError(f"{path}: {_NOT_OURS} (it holds {shown}); {_OURS_ONLY}")
    tables = {name for kind, name in objects if kind == "table"}
    for table in sorted(tables):
        found, columns = _columns(connection, table), TABLES[table]
        if found != columns and not (table == "files" and found == columns[:-1]):
            raise DatabaseError(
                f"{path}: its {table} table does not have the columns of this artparse's records"
                f" (record schema version {SCHEMA_VERSION}); write to a new database"
            )
    if tables != set(TABLES):
        lacking = ", ".join(sorted(set(TABLES) - tables))
        raise DatabaseError(f"{path}: {_NOT_OURS} (it has no {lacking} table); {_OURS_ONLY}")
    stored = connection.execute("SELECT value FROM metadata WHERE key = 'record_schema_version'").fetchone()
    if stored != (str(SCHEMA_VERSION),):
        raise DatabaseError(
            f"{path}: it holds records of another schema version ({stored[0] if stored else 'none'},"
            f" not {SCHEMA_VERSION}); write to a new database"
        )
    return "path" not in _columns(connection, "files")


def _columns(connection: sqlite3.Connection, table: str) -> tuple[str, ...]:
    return tuple(row[1] for row in connection.execute(f"PRAGMA table_info({table})"))


def read_records(path: str, fields: Sequence[str]) -> Iterator[Record]:
    """The records stored at `path`, cut to `fields`, in source order (lists and `extra` decoded)."""
    with _connect(path) as connection:
        try:
            missing = set(fields) - set(_columns(connection, "articles"))
            if missing:
                raise DatabaseError(f"{path}: no articles table with the columns of artparse records")
            query = f"SELECT {_quoted(fields)} FROM articles ORDER BY source"
            for number, row in enumerate(connection.execute(query), start=1):
                yield {
                    name: _decode(name, value, path, number) for name, value in zip(fields, row, strict=True)
                }
        except sqlite3.Error as error:
            raise DatabaseError(f"{path}: {error}") from error


def _decode(name: str, value: Any, path: str, row: int) -> Any:
    """A stored value as the record holds it; DatabaseError when it is not what the record's
    JSON Schema allows (the columns are artparse's, the content someone else's)."""
    try:
        decoded = json.loads(value) if name in JSON_COLUMNS and isinstance(value, str) else value
    except ValueError:
        decoded = _INVALID
    if not _fits(decoded, _FIELD_SCHEMAS[name]):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise DatabaseError(f"{path}: row {row}: {name} holds {shown}, which no artparse record has")
    return decoded


_INVALID = object()
_FIELD_SCHEMAS = json_schema()["properties"]
_JSON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "null": type(None),
    "array": list,
    "object": dict,
}


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    """Whether `value` has a type the schema allows, and its pattern, minimum and item types."""
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    if isinstance(value, bool) or not isinstance(value, tuple(_JSON_TYPES[kind] for kind in kinds)):
        return False
    if isinstance(value, str) and "pattern" in schema:
        return re.search(schema["pattern"], value) is not None
    if isinstance(value, int) and "minimum" in schema:
        return bool(value >= schema["minimum"])
    if isinstance(value, list) and "items" in schema:
        return all(_fits(item, schema["items"]) for item in value)
    return True
