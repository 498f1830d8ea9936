"""The output formats, as one table: each format's name, file suffixes, kind and writer.

The command line's `-f` choices and their help, the format inferred from an `-o` suffix, and
the checks of which options go with which output are all derived from FORMATS; adding a format
is adding an entry (and, for a new kind, its sink in sinks.py).

Kinds: RECORDS are text streams of records (a Writer in writers.py renders and writes them);
DATABASE is the SQLite database (database.py); REPORT is the summary for people (report.py);
COLUMNS is a columnar file, Parquet (parquet.py, with pyarrow from the `parquet` extra).
A `.gz` after a records suffix (`out.jsonl.gz`) means the same format, gzip-compressed.
"""

from __future__ import annotations

import os

from artparse.writers import (
    DelimitedWriter,
    JsonArrayWriter,
    JsonLinesWriter,
    PrettyWriter,
    TsvWriter,
    Writer,
)

RECORDS, DATABASE, REPORT, COLUMNS = "records", "database", "report", "columns"
COMPRESSED = ".gz"


class Format:
    """One format: `delimited` takes --bom and --csv-raw; `choice`: offered by -f (pretty JSON
    is only the terminal's default); `whole_records` takes whole records only (no --fields);
    `writer` is how a records format is rendered and written; `needs` the optional module it is
    written with (extras.py names the extra that installs it). (A plain class: a NamedTuple
    costs ten times more to define, at start-up.)"""

    __slots__ = (
        "choice",
        "delimited",
        "help",
        "kind",
        "name",
        "needs",
        "suffixes",
        "whole_records",
        "writer",
    )

    def __init__(
        self,
        name: str,
        kind: str,
        help: str,
        suffixes: tuple[str, ...] = (),
        delimited: bool = False,
        choice: bool = True,
        whole_records: bool = False,
        writer: type[Writer] | None = None,
        needs: str | None = None,
    ) -> None:
        self.name, self.kind, self.help, self.suffixes = name, kind, help, suffixes
        self.delimited, self.choice, self.whole_records = delimited, choice, whole_records
        self.writer, self.needs = writer, needs


FORMATS: tuple[Format, ...] = (
    Format("jsonl", RECORDS, "one JSON object per line", (".jsonl", ".ndjson"), writer=JsonLinesWriter),
    Format("json", RECORDS, "one JSON array", (".json",), writer=JsonArrayWriter),
    Format("csv", RECORDS, "RFC 4180 CSV", (".csv",), delimited=True, writer=DelimitedWriter),
    Format("tsv", RECORDS, "tab-separated values", (".tsv",), delimited=True, writer=TsvWriter),
    Format(
        "sqlite",
        DATABASE,
        "an SQLite database (needs -o)",
        (".db", ".sqlite", ".sqlite3"),
        whole_records=True,
    ),
    Format(
        "parquet", COLUMNS, "Apache Parquet (needs -o and artparse[parquet])", (".parquet",), needs="pyarrow"
    ),
    Format("summary", REPORT, "a report for people instead of records", whole_records=True),
    Format("pretty", RECORDS, "indented, coloured JSON for a terminal", choice=False, writer=PrettyWriter),
)
BY_NAME = {entry.name: entry for entry in FORMATS}
CHOICES = tuple(entry.name for entry in FORMATS if entry.choice)
BY_SUFFIX = {suffix: entry for entry in FORMATS for suffix in entry.suffixes}


def of_kind(kind: str) -> Format:
    """The format of a kind that has one (DATABASE, REPORT)."""
    (found,) = (entry for entry in FORMATS if entry.kind == kind)
    return found


def choices_help() -> str:
    """The -f choices with a few words each, for --help."""
    return "; ".join(f"{entry.name}: {entry.help}" for entry in FORMATS if entry.choice)


def from_suffix(path: str) -> tuple[Format | None, bool]:
    """The format an output file name asks for (None: no known suffix), and whether it asks
    for gzip (`.jsonl.gz`, for the formats that are text streams)."""
    root, suffix = os.path.splitext(path)
    suffix = suffix.lower()
    if suffix == COMPRESSED:
        inner = BY_SUFFIX.get(os.path.splitext(root)[1].lower())
        if inner is not None and inner.kind == RECORDS:
            return inner, True
        return None, False
    return BY_SUFFIX.get(suffix), False


def known_suffixes() -> str:
    """Every suffix FORMATS know, for a message."""
    records = [suffix for entry in FORMATS if entry.kind == RECORDS for suffix in entry.suffixes]
    return ", ".join([*BY_SUFFIX, *(s + COMPRESSED for s in records)])
