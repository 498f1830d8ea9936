"""Coverage-guided fuzzing of whole files: bytes in, a record out, rendered by every writer.

    .venv/bin/pip install -e '.[fuzz]'
    mkdir -p /tmp/corpus
    .venv/bin/python fuzz/fuzz_parse.py -timeout=5 -max_total_time=600 /tmp/corpus fuzz/files

An input is a whole file. It is decoded by the ladder, parsed with the built-in dialects and one
user rule, and the record is written as JSON Lines, JSON, CSV, TSV, pretty JSON and an SQLite
row, each encoded as UTF-8 as the real outputs are. Binary input may be refused (BinaryInput);
anything else raised is a crash, and so is an input that takes longer than -timeout seconds
(libFuzzer's per-input limit: .ci/run sets it). The seeds in fuzz/files are this project's
hostile inputs (surrogates, alias and merge-key bombs, huge headers ...); tests/test_hostile.py
replays them through check(), so a fixed crash stays fixed.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from datetime import UTC, datetime
from typing import Any

atheris: Any = None
if __name__ == "__main__":  # tests import check() without atheris's instrumentation
    try:
        import atheris
    except ImportError:
        pass
    else:
        with atheris.instrument_imports(include=["artparse"]):
            # imported here first, so that they are instrumented
            import artparse.database
            import artparse.dialects
            import artparse.extract
            import artparse.rules
            import artparse.writers  # noqa: F401

from artparse.database import _SCHEMA, _UPSERT_ARTICLE, FIELDS, row_values  # noqa: E402
from artparse.decoding import decode_bytes  # noqa: E402
from artparse.errors import BinaryInput  # noqa: E402
from artparse.extract import parse_text  # noqa: E402
from artparse.formats import FORMATS, RECORDS  # noqa: E402
from artparse.rules import load_rules  # noqa: E402
from artparse.writers import make_writer  # noqa: E402

RULES = load_rules(
    "[[rule]]\nname = 'fuzz-rule'\n"
    "lines = ['(?P<title>[^:]+)', 'Written by (?P<author>.+?) on (?P<published>.+)']\n"
)
NOW = datetime(2026, 1, 1, tzinfo=UTC)
_database = sqlite3.connect(":memory:", isolation_level=None)
for statement in _SCHEMA:
    _database.execute(statement)


def check(data: bytes) -> None:
    """Parse and render one file; raises (AssertionError or the bug's own) on a crash."""
    try:
        decoded = decode_bytes(data)
    except BinaryInput:
        return
    article = parse_text(decoded.text, source="fuzz.txt", rules=RULES, now=NOW)
    record = article.to_dict()
    for fmt in (entry.name for entry in FORMATS if entry.kind == RECORDS):
        out = io.StringIO()
        writer = make_writer(fmt, out, FIELDS)
        writer.write(record)
        writer.close()
        out.getvalue().encode("utf-8")  # what reaches a file or a pipe
    assert json.loads(make_writer("jsonl", io.StringIO(), FIELDS).render(record)) == record
    _database.execute(_UPSERT_ARTICLE, row_values(record))


def main() -> None:
    if atheris is None:
        print("fuzz_parse: skipped: atheris is not installed (pip install -e '.[fuzz]')", file=sys.stderr)
        sys.exit(0)
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
