"""Record writers: JSON Lines, JSON, CSV, TSV, and pretty JSON for a terminal.

A writer gets a text stream it did not open and records as dicts (already cut to the chosen
fields). It writes each record as it comes, so memory does not grow with the number of records.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, Protocol, TextIO

FORMATS = ("jsonl", "json", "csv", "tsv")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv"}
LIST_SEPARATOR = "; "

Record = dict[str, Any]


class Writer(Protocol):
    def write(self, record: Record) -> None: ...

    def close(self) -> None:
        """Finish the output (closing bracket, ...); the stream itself stays open."""


class JsonLinesWriter:
    """One compact JSON object per line."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, record: Record) -> None:
        self._out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def close(self) -> None:
        pass


class JsonArrayWriter:
    """One JSON array, indented, streamed element by element."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._separator = "[\n"

    def write(self, record: Record) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        self._out.write(self._separator + "  " + text.replace("\n", "\n  "))
        self._separator = ",\n"

    def close(self) -> None:
        self._out.write("[]\n" if self._separator == "[\n" else "\n]\n")


class DelimitedWriter:
    """RFC 4180 CSV (CRLF rows, so a lone CR in a cell is quoted) or TSV; lists joined with "; ",
    `extra` as JSON text, null as an empty cell."""

    def __init__(self, out: TextIO, fields: Sequence[str], delimiter: str = ",") -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        self._writer.writerow(fields)

    def write(self, record: Record) -> None:
        self._writer.writerow([cell_text(value) for value in record.values()])

    def close(self) -> None:
        pass


class PrettyWriter:
    """Indented, coloured JSON for a person at a terminal, one object per record (like jq)."""

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console

        self._console = Console(file=out, soft_wrap=True)

    def write(self, record: Record) -> None:
        self._console.print_json(json.dumps(record, ensure_ascii=False), indent=2)

    def close(self) -> None:
        pass


def cell_text(value: Any) -> str:
    """A record value as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return str(value)


def make_writer(fmt: str, out: TextIO, fields: Sequence[str]) -> Writer:
    """The writer for format `fmt` ('pretty' or one of FORMATS)."""
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt in ("csv", "tsv"):
        return DelimitedWriter(out, fields, delimiter="," if fmt == "csv" else "\t")
    if fmt == "pretty":
        return PrettyWriter(out)
    raise ValueError(f"unknown format {fmt!r}")
