"""Writers: exact bytes for each format, and CSV that reads back."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import writers
from artparse.record import FIELDS, Article
from artparse.sinks import TextRender
from artparse.writers import make_writer
from tests.conftest import SAMPLE_RECORDS, SAMPLES, run_artparse

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
    assert write("tsv", [FIRST], ("visits", "source")) == "visits\tsource\n1234\ta.txt\n"


def test_tsv_escapes_what_would_split_a_row_or_a_cell_and_never_quotes() -> None:
    record = Article(
        source="C:\\news\\a.txt",
        title='Say "hi",\tthen\r\nleave',
        author=None,
        share=("Face\tbook", "X"),
        body="one\ntwo\\n",  # a real backslash before an n stays two characters
    )
    text = write("tsv", [record], ("source", "title", "author", "share", "body"))
    assert text == (
        "source\ttitle\tauthor\tshare\tbody\n"
        'C:\\\\news\\\\a.txt\tSay "hi",\\tthen\\r\\nleave\t\tFace\\tbook; X\tone\\ntwo\\\\n\n'
    )
    header, row, end = text.split("\n")
    assert end == "" and len(row.split("\t")) == len(header.split("\t")) == 5
    assert [unescape_tsv(cell) for cell in row.split("\t")] == [
        "C:\\news\\a.txt",
        'Say "hi",\tthen\r\nleave',
        "",
        "Face\tbook; X",
        "one\ntwo\\n",
    ]


def unescape_tsv(cell: str) -> str:
    """What `mlr --tsv` and PostgreSQL COPY do to a cell: the four escapes back."""
    return re.sub(r"\\(.)", lambda match: {"t": "\t", "n": "\n", "r": "\r"}.get(match[1], match[1]), cell)


FORMULAS = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", " =1", '=HYPERLINK("http://x","y")', "\u00a0=1"]


def test_csv_text_cells_that_a_spreadsheet_would_run_get_a_quote() -> None:
    for formula in FORMULAS:
        record = Article(title=formula, author=formula, share=(formula, "X"), visits=-1, words=3, body="ok")
        text = write("csv", [record], ("title", "author", "share", "visits", "words", "body"))
        row = next(csv.DictReader(io.StringIO(text, newline="")))
        assert (row["title"], row["author"], row["share"]) == ("'" + formula,) * 2 + (f"'{formula}; X",)
        assert (row["visits"], row["words"], row["body"]) == ("-1", "3", "ok")  # numbers stay numbers


def test_ordinary_text_is_not_quoted() -> None:
    for text in ["Libya", "1,234", "a = b", "e-mail", "'quoted'", ""]:
        assert write("csv", [Article(title=text)], ("title",)).splitlines()[1].strip('"') == text


def test_raw_csv_and_json_keep_formulas_as_they_are() -> None:
    record = Article(title="=1+1", body="-x")
    out = io.StringIO(newline="")
    writer = make_writer("tsv", out, ("title", "body"), neutralise=False)
    writer.write({"title": "=1+1", "body": "-x"})
    assert out.getvalue() == "title\tbody\n=1+1\t-x\n"
    assert json.loads(write("jsonl", [record]))["title"] == "=1+1"
    assert json.loads(write("json", [record]))[0]["body"] == "-x"


def test_a_byte_order_mark_only_when_asked_and_only_for_csv() -> None:
    out = io.StringIO(newline="")
    make_writer("csv", out, ("title",), bom=True).close()
    assert out.getvalue() == "\ufefftitle\r\n"
    for fmt in ("jsonl", "json", "csv", "tsv"):
        assert not write(fmt, [FIRST]).startswith("\ufeff")


def test_json_escapes_characters_that_split_lines_for_other_readers() -> None:
    record = Article(title="a\u2028b\u2029c\x85d", body="")
    for fmt in ("jsonl", "json"):
        text = write(fmt, [record])
        assert not any(char in text for char in "\u2028\u2029\x85")
        loaded = json.loads(text) if fmt == "jsonl" else json.loads(text)[0]
        assert loaded["title"] == "a\u2028b\u2029c\x85d"


extra_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
any_article = st.builds(
    Article,
    source=st.text(),
    title=st.none() | st.text(),
    author=st.none() | st.text(),
    visits=st.none() | st.integers(0, 2**53 - 1),
    share=st.lists(st.text(), max_size=3).map(tuple),
    tags=st.lists(st.text(), max_size=2).map(tuple),
    extra=st.dictionaries(st.text(max_size=8), extra_values, max_size=3),
    warnings=st.lists(st.text(), max_size=2).map(tuple),
    body=st.text(),
)


def _reference(article: Article, **layout: object) -> str:
    """The JSON text the standard library writes, U+2028, U+2029 and U+0085 escaped."""
    text = json.dumps(article.to_dict(), ensure_ascii=False, allow_nan=False, **layout)  # type: ignore[arg-type]
    for breaker in "\x85\u2028\u2029":
        text = text.replace(breaker, f"\\u{ord(breaker):04x}")
    return text


def render_line(article: Article) -> str:
    return TextRender("jsonl").build()(article)  # type: ignore[no-any-return]


@settings(max_examples=300)
@given(st.lists(any_article, max_size=3))
def test_json_is_the_standard_librarys_text_byte_for_byte(records: list[Article]) -> None:
    """The fast encoder must never change a byte: floats, huge integers, odd keys and all."""
    try:
        lines = "".join(_reference(record, separators=(",", ":")) + "\n" for record in records)
        array = [_reference(record, indent=2) for record in records]
    except ValueError:  # NaN, or an integer too long for text: refused either way
        with pytest.raises(ValueError):
            write("jsonl", records)
        with pytest.raises(ValueError):
            [render_line(record) for record in records]
        return
    assert write("jsonl", records) == lines
    assert "".join(render_line(record) for record in records) == lines  # as workers render
    expected = (
        "[]\n" if not array else "[\n" + ",\n".join("  " + a.replace("\n", "\n  ") for a in array) + "\n]\n"
    )
    assert write("json", records) == expected


@settings(max_examples=300)
@given(any_article | st.builds(lambda extra: Article(extra={1: extra}), extra_values))
def test_the_c_encoder_writes_what_json_dumps_writes(article: Article) -> None:
    """A process's first record is written by CPython's C encoder without json's import: the
    text json.dumps writes, or nothing where json.dumps refuses (it then says why itself)."""
    record = article.to_dict()
    try:
        expected = json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:  # NaN, or an integer too long for text
        assert writers._compact_json_text(record) is None
        return
    assert writers._compact_json_text(record) == expected
    assert writers._json_text(record, indent=False) == expected


def test_the_c_encoder_refuses_what_json_dumps_refuses() -> None:
    for unwritable in ({"a": {1, 2}}, {"a": float("nan")}):
        assert writers._compact_json_text(unwritable) is None
        with pytest.raises((TypeError, ValueError)):
            writers._json_text(unwritable, indent=False)


def test_awk_reads_tsv_rows_and_their_last_cell_whole() -> None:
    result = run_artparse(str(SAMPLES), "-f", "tsv", "-q", "--fields", "source,body,author")
    assert result.returncode == 0
    awk = subprocess.run(
        ["awk", "-F", "\t", "NR > 1 { print NF, $3 }"], input=result.stdout, capture_output=True, check=True
    )
    lines = awk.stdout.decode().splitlines()
    assert len(lines) == SAMPLE_RECORDS
    assert all(line.startswith("3 ") for line in lines)  # a tab or newline in a body never splits it
    assert b"\r" not in awk.stdout
    assert "3 AI" in lines  # the seed's author, without a CR after it
