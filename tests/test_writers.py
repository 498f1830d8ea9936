"""Writers: exact bytes for each format, and CSV that reads back."""

from __future__ import annotations

import csv
import io
import json

from artparse.record import FIELDS, Article
from artparse.writers import make_writer

FIRST = Article(
    source="a.txt",
    dialect="posted-by",
    title='Say "hi", then\nleave',
    author="AI",
    share=("Facebook", "X"),
    visits=1234,
    words=2,
    extra={"Category": "Politics"},
    body="Hello there",
)
SECOND = Article(source="b.txt", body="", warnings=("no-header: none",))


def write(fmt: str, records: list[Article], fields: tuple[str, ...] = FIELDS) -> str:
    out = io.StringIO(newline="")
    writer = make_writer(fmt, out, fields)
    for record in records:
        full = record.to_dict()
        writer.write({name: full[name] for name in fields})
    writer.close()
    return out.getvalue()


def test_jsonl_is_one_compact_object_per_line() -> None:
    text = write("jsonl", [FIRST, SECOND])
    lines = text.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [FIRST.to_dict(), SECOND.to_dict()]
    assert lines[0].startswith('{"source":"a.txt","dialect":"posted-by","title":"Say \\"hi\\", then\\nleave"')


def test_json_is_one_array_even_for_zero_or_one_record() -> None:
    assert write("json", []) == "[]\n"
    assert json.loads(write("json", [FIRST])) == [FIRST.to_dict()]
    assert json.loads(write("json", [FIRST, SECOND])) == [FIRST.to_dict(), SECOND.to_dict()]


def test_json_keeps_non_ascii_text_readable() -> None:
    arabic = Article(title="طرابلس", body="")
    assert '"title": "طرابلس"' in write("json", [arabic])


def test_csv_has_a_header_row_and_reads_back() -> None:
    text = write("csv", [FIRST, SECOND])
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(FIELDS)
    assert rows[0]["title"] == 'Say "hi", then\nleave'
    assert rows[0]["share"] == "Facebook; X"
    assert rows[0]["visits"] == "1234"
    assert json.loads(rows[0]["extra"]) == {"Category": "Politics"}
    assert (rows[1]["title"], rows[1]["visits"], rows[1]["warnings"]) == ("", "", "no-header: none")


def test_csv_of_no_records_is_the_header_row() -> None:
    assert write("csv", [], ("source", "title")) == "source,title\r\n"


def test_tsv_uses_tabs_and_the_chosen_fields() -> None:
    assert write("tsv", [FIRST], ("visits", "source")) == "visits\tsource\r\n1234\ta.txt\r\n"
