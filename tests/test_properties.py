"""Properties over generated input: the parser and the date layer are total, headers round-trip."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from artparse import Article, parse_text
from artparse.dates import normalize_date
from artparse.dialects.header import header_view
from artparse.dialects.vocabulary import is_header_line, read_line
from artparse.extract import count_words
from artparse.record import FIELDS
from artparse.writers import make_writer

settings.register_profile("artparse", deadline=None, max_examples=200)
settings.load_profile("artparse")

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{6})?([+-]\d{2}:\d{2})?)?)?)?")

names = (
    st.text(  # no Cf: header values drop invisible marks (BOM, bidi controls) by design
        st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"), exclude_characters="|·•"),
        min_size=1,
        max_size=30,
    )
    .map(lambda name: " ".join(name.split()))
    .filter(
        lambda name: name and not re.search(r"(?i)\b(updated|visits|views|reads|share)\b|^on |^by ", name)
    )
)
moments = st.datetimes(datetime(1990, 1, 1), datetime(2099, 12, 31)).map(lambda m: m.replace(microsecond=0))


@given(st.text())
def test_any_text_gives_a_record(text: str) -> None:
    record = parse_text(text)
    assert isinstance(record, Article)
    assert list(record.to_dict()) == list(FIELDS)
    json.dumps(record.to_dict())


@given(
    st.sampled_from(["---\n", "+++\n", "{", "From: a@b.org\nSubject: ", "By Jane Smith\nPublished: "]),
    st.text(),
    st.sampled_from(["", "\n---\n", "\n+++\n", "}\n", "\n\n"]),
    st.text(max_size=20),
)
def test_any_text_behind_a_dialect_opening_gives_a_json_record(
    opening: str, inside: str, close: str, body: str
) -> None:
    record = parse_text(opening + inside + close + body)
    json.dumps(record.to_dict(), allow_nan=False)


header_keys = st.sampled_from(
    ["title", "date", "Author", "authors", "tags", "category", "path", "lastmod", "x"]
)


@given(
    st.lists(
        st.tuples(header_keys, st.text(st.characters(exclude_categories=("Cs",)), max_size=30)), max_size=6
    ),
    st.sampled_from([("---", "{key}: {value}"), ("+++", "{key} = {value}"), ("", "{key}: {value}")]),
)
def test_any_key_value_header_gives_a_json_record(
    pairs: list[tuple[str, str]], form: tuple[str, str]
) -> None:
    fence, line = form
    lines = [line.format(key=key, value=value.replace("\n", " ")) for key, value in pairs]
    text = "\n".join([fence, *lines, fence, "Body."]) if fence else "\n".join([*lines, "", "Body."])
    record = parse_text(text, source="2021-03-04-post.md")
    json.dumps(record.to_dict(), allow_nan=False)
    assert record.published is None or ISO.fullmatch(record.published), record.published


@given(st.text(max_size=80))
def test_any_date_text_gives_iso_or_null_with_a_warning(raw: str) -> None:
    parsed = normalize_date(raw)
    if parsed.iso is None:
        assert parsed.warnings and parsed.warnings[0].startswith("unparsed-date: ")
    else:
        assert ISO.fullmatch(parsed.iso), parsed.iso


@given(
    moments,
    st.sampled_from(["%Y-%m-%d %H:%M:%S", "%d %B %Y %H:%M:%S", "%b %d, %Y %I:%M:%S %p", "%Y-%m-%dT%H:%M:%S"]),
)
def test_written_moments_read_back(moment: datetime, form: str) -> None:
    assert normalize_date(moment.strftime(form)).iso == moment.isoformat()


@given(
    st.dates(date(1990, 1, 1), date(2099, 12, 31)),
    st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y"]),
)
def test_written_dates_stay_dates(day: date, form: str) -> None:
    assert normalize_date(day.strftime(form)).iso == day.isoformat()


def _labelled(line: str) -> bool:
    """A line the vocabulary reads as a header line ("Deja un comentario" is a comments link):
    above a Posted line, the byline reader takes both, by design."""
    return is_header_line(read_line(header_view(line)))


@given(
    author=names,
    updater=names,
    published=moments,
    updated=moments,
    visits=st.integers(0, 10**9),
    gap=st.sampled_from([" ", "  ", "\u00a0", " \u00a0"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    title=st.none() | names.filter(lambda t: not t.lower().startswith("posted by") and not _labelled(t)),
)
def test_posted_by_header_round_trip(
    author: str,
    updater: str,
    published: datetime,
    updated: datetime,
    visits: int,
    gap: str,
    newline: str,
    title: str | None,
) -> None:
    header = (
        f"Posted{gap}by {author} on {published:%Y-%m-%d %H:%M:%S}{gap}|{gap}"
        f"Last Updated by {updater} on {updated:%d %B %Y %H:%M}{newline}"
        f"Share: Facebook | Twitter{gap}Visits: {visits:,}{newline}"
    )
    text = (f"{title}{newline}" if title else "") + header + "The body."
    record = parse_text(text).to_dict()
    assert record["dialect"] == "posted-by"
    assert (record["title"], record["author"], record["updated_by"]) == (title, author, updater)
    assert record["published"] == published.isoformat()
    assert record["updated"] == updated.replace(second=0).isoformat()
    assert (record["share"], record["visits"], record["body"]) == (
        ["Facebook", "Twitter"],
        visits,
        "The body.",
    )


json_values = st.recursive(
    st.none() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
articles = st.builds(
    Article,
    source=st.text(),
    title=st.none() | st.text(),
    visits=st.none() | st.integers(0, 2**53 - 1),
    share=st.lists(st.text(), max_size=3).map(tuple),
    extra=st.dictionaries(st.text(max_size=8), json_values, max_size=3),
    body=st.text(),
)


@given(st.lists(articles, max_size=4))
def test_jsonl_reads_back_record_for_record(records: list[Article]) -> None:
    out = io.StringIO(newline="")
    writer = make_writer("jsonl", out, FIELDS)
    for record in records:
        writer.write(record.to_dict())
    writer.close()
    lines = out.getvalue().split("\n")
    assert lines.pop() == ""
    assert [json.loads(line) for line in lines] == [record.to_dict() for record in records]


@given(st.lists(articles, max_size=4))
def test_raw_csv_reads_back_cell_for_cell(records: list[Article]) -> None:
    out = io.StringIO(newline="")
    writer = make_writer("csv", out, ("source", "title", "visits", "extra", "body"), neutralise=False)
    for record in records:
        full = record.to_dict()
        writer.write({name: full[name] for name in ("source", "title", "visits", "extra", "body")})
    writer.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert (row["source"], row["title"], row["body"]) == (record.source, record.title or "", record.body)
        assert row["visits"] == ("" if record.visits is None else str(record.visits))
        assert json.loads(row["extra"]) == record.extra


formula_prone = st.text(st.sampled_from("=+-@ \t\r\n\u00a0\ufeff\u200bab1'"), max_size=6)


@given(st.lists(st.tuples(formula_prone, formula_prone), max_size=4))
def test_neutralised_csv_never_starts_a_text_cell_with_a_formula(rows: list[tuple[str, str]]) -> None:
    out = io.StringIO(newline="")
    writer = make_writer("csv", out, ("title", "visits", "body"))
    for title, body in rows:
        writer.write({"title": title, "visits": -len(body), "body": body})
    read_back = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    for row, (title, body) in zip(read_back, rows, strict=True):
        for cell, value in ((row["title"], title), (row["body"], body)):
            assert not cell.lstrip(" \u00a0\ufeff\u200b").startswith(("=", "+", "-", "@"))
            assert not cell.startswith(("\t", "\r", "\n"))
            assert cell in (value, "'" + value)  # nothing else is changed
        assert row["visits"] == str(-len(body))  # numbers stay numbers


named_month_forms = st.sampled_from(
    [
        "{d} %B %Y %H:%M",
        "%b {d}, %Y %I:%M %p",
        "%a, %d %b %Y %H:%M:%S",
        "%B {d}, %Y",
        "{d} %b %Y",
        "%A, %B {d}, %Y %I:%M:%S %p",
        "%b. {d}, %Y, %I:%M %p",
        "%d %B, %Y",
    ]
)


@given(moments, named_month_forms)
def test_the_month_name_fast_path_agrees_with_dateutil(moment: datetime, form: str) -> None:
    from artparse import dates

    text = moment.strftime(form.format(d=moment.day))
    match = dates._named_month().fullmatch(text)
    assert match is not None, text
    assert dates._from_named_month(match.groups()) == dates._from_dateutil(
        text, dates.DEFAULT_OPTIONS, "date", text, []
    )


@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000ab.é")))
def test_words_are_what_str_split_counts(text: str) -> None:
    assert count_words(text) == len(text.split())
    assert count_words(text * 9000) == len((text * 9000).split())  # past one piece


_SEGMENT_TOKENS = st.sampled_from(
    [" ", "  ", "\t", "|", " | ", "·", "x", "Last", "last ", "updated", "Updated"]
)


@given(
    st.lists(_SEGMENT_TOKENS | st.sampled_from([" by ", " on ", "By", "ON", "é"]), max_size=12).map("".join)
)
def test_posted_segments_are_the_regex_split(text: str) -> None:
    from artparse.dialects.posted_by import _segment_break, _segments

    assert _segments(text) == _segment_break().split(text)


@given(
    st.lists(
        st.sampled_from([" ", "on", "ON", " on ", " On ", "x", "2020", "\t", "\n", "é", "by "]), max_size=9
    )
)
def test_posted_name_and_date_split_at_the_last_on(tokens: list[str]) -> None:
    from artparse.dialects.posted_by import _who_and_when

    text = "".join(tokens).strip()
    match = re.match(r"^(?P<who>.*) on (?P<when>.+)$", text, re.IGNORECASE)
    if text.lower().startswith("on "):
        expected = (None, text[3:].strip() or None)
    elif match is None:
        expected = (text or None, None)
    else:
        expected = (match["who"].strip() or None, match["when"].strip() or None)
    assert _who_and_when(text) == expected


@given(
    st.lists(st.sampled_from([" ", "  ", "|", " | ", ",", ", ", "x", "Email", "\t", "·", "é"]), max_size=10)
)
def test_share_channels_are_the_regex_split(tokens: list[str]) -> None:
    from artparse.dialects.posted_by import _channel_break, _channels

    text = "".join(tokens).strip()
    assert _channels(text) == _channel_break().split(text)


@given(
    st.text(st.sampled_from("0123456789,.' x\t-"), max_size=14)
    | st.builds(
        str.join,
        st.sampled_from([",", ".", "'", " ", ",,", "x", ""]),
        st.lists(st.sampled_from([3, 3, 3, 1, 2, 4, 0]).map(lambda size: "1234"[:size]), max_size=5),
    )
)
@example("1,2345,67")
def test_an_ascii_count_is_what_the_count_pattern_matches(text: str) -> None:
    from artparse.dialects.header import _ascii_count_digits, _count

    digits = "".join(filter(str.isdecimal, text)) if _count().fullmatch(text) else None
    assert _ascii_count_digits(text) == digits
