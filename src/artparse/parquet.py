"""Parquet output: records streamed into row groups, so memory stays flat in the number of files.

A row group is written when it holds ROW_GROUP_ROWS records or about ROW_GROUP_BYTES of text,
whichever comes first (DuckDB's and Spark's readers parallelise by row group; pyarrow's own
default of a million rows would hold gigabytes of article bodies in memory). Compression is
pyarrow's default (snappy), which every Parquet reader reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO

from artparse.arrow import PURPOSE, arrow_schema, to_table
from artparse.extras import require
from artparse.record import FIELDS, JSONValue

ROW_GROUP_ROWS = 10_000
ROW_GROUP_BYTES = 16 * 1024 * 1024
SUFFIXES = (".parquet", ".pq")


class ParquetWriter:
    """Writes records (dicts cut to `fields`) to a binary stream that it does not close."""

    def __init__(
        self,
        out: BinaryIO,
        fields: Sequence[str] = FIELDS,
        *,
        rows: int = ROW_GROUP_ROWS,
        size: int = ROW_GROUP_BYTES,
    ) -> None:
        parquet = require("pyarrow.parquet", PURPOSE)
        self._schema = arrow_schema(fields)
        self._writer: Any = parquet.ParquetWriter(out, self._schema)
        self._pending: list[Mapping[str, JSONValue]] = []
        self._pending_size = 0
        self._limits = (rows, size)

    def write(self, record: Mapping[str, JSONValue]) -> None:
        self._pending.append(record)
        self._pending_size += _text_size(record)
        if len(self._pending) >= self._limits[0] or self._pending_size >= self._limits[1]:
            self._flush()

    def close(self) -> None:
        """Write the last row group and the footer (the file has none until then)."""
        self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(to_table(self._pending, self._schema))
            self._pending = []
            self._pending_size = 0


def _text_size(record: Mapping[str, JSONValue]) -> int:
    """About how many bytes the record holds: its body dominates; the rest is a few hundred."""
    body = record.get("body")
    return (len(body) if isinstance(body, str) else 0) + 512


def write_parquet(out: BinaryIO, records: Sequence[Mapping[str, JSONValue]], fields: Sequence[str]) -> None:
    """All of `records` as one Parquet file (a cluster partition's part file)."""
    writer = ParquetWriter(out, fields)
    for record in records:
        writer.write(record)
    writer.close()
