"""Which dialect reads a file (the documented order), and dates taken from file names."""

from __future__ import annotations

import pytest

from artparse import parse_text
from artparse.dialects import DIALECTS


def test_detection_order_is_the_documented_one() -> None:
    assert list(DIALECTS) == ["front-matter", "posted-by", "rfc822", "byline", "page"]


def test_each_dialect_is_registered_under_its_modules_name() -> None:
    from artparse.dialects import byline, front_matter, page, posted_by, rfc822

    assert list(DIALECTS) == [front_matter.NAME, posted_by.NAME, rfc822.NAME, byline.NAME, page.NAME]


@pytest.mark.parametrize(
    ("text", "dialect"),
    [
        ("---\ntitle: Docs\n---\nPosted by AI on 2025-11-01\nBy Jane Smith\n", "front-matter"),
        ("+++\ntitle = 'Docs'\n+++\nFrom: a@b.org\nSubject: x\n\nbody", "front-matter"),
        ("Libya: talks resume\nPosted by AI on 2025-11-01\nbody", "posted-by"),
        ("From: a@b.org\nSubject: Tabs\n\nBy Jane Smith\nPublished: 3 March 2021\n", "rfc822"),
        ("Headline: with a colon\nBy Jane Smith\nPublished: 3 March 2021\n\nbody", "byline"),
        ("Published: 3 March 2021\nUpdated: 4 March 2021\n\nbody", "byline"),
        ("Just a story.\nWith two lines.\n", None),
        ("", None),
    ],
)
def test_the_first_dialect_in_order_that_recognises_the_top_wins(text: str, dialect: str | None) -> None:
    assert parse_text(text).dialect == dialect


def test_a_generic_key_value_header_maps_its_published_field() -> None:
    record = parse_text("Title: Docs\nAuthor: Jane\nPublished: 3 March 2021\n\nbody").to_dict()
    assert (record["dialect"], record["title"], record["author"]) == ("rfc822", "Docs", "Jane")
    assert (record["published"], record["extra"]) == ("2021-03-03", {"Author": "Jane"})


def test_forcing_a_dialect_that_does_not_match_gives_a_headerless_record() -> None:
    record = parse_text("---\ntitle: Docs\n---\nbody", dialect="byline").to_dict()
    assert (record["dialect"], record["body"]) == (None, "---\ntitle: Docs\n---\nbody")
    assert record["warnings"] == ["no-header: a byline header was not found; the whole text is the body"]


@pytest.mark.parametrize(
    ("source", "published"),
    [
        ("posts/2013-05-06-welcome.md", "2013-05-06"),
        ("notes/2021-03-04.md", "2021-03-04"),
        ("2021-03-04_meeting", "2021-03-04"),
        ("C:\\posts\\2013-05-06-welcome.md", "2013-05-06"),
    ],
)
def test_a_date_at_the_start_of_the_file_name_is_the_fallback(source: str, published: str) -> None:
    record = parse_text("---\ntitle: Welcome\n---\nbody", source=source).to_dict()
    assert (record["published"], record["published_raw"]) == (published, published)
    file_name = source.replace("\\", "/").rsplit("/", 1)[-1]
    assert record["warnings"] == [f"fallback-date: published taken from the file name {file_name!r}"]


@pytest.mark.parametrize(
    "source", ["posts/welcome-2013-05-06.md", "2013-05-06/index.md", "20130506-welcome.md", "-", ""]
)
def test_other_names_give_no_date(source: str) -> None:
    record = parse_text("---\ntitle: Welcome\n---\nbody", source=source).to_dict()
    assert (record["published"], record["warnings"]) == (None, [])


def test_the_header_date_wins_over_the_file_name() -> None:
    record = parse_text("Posted by AI on 2025-11-01\nbody", source="2013-05-06-welcome.txt").to_dict()
    assert (record["published"], record["warnings"]) == ("2025-11-01", [])


def test_an_impossible_date_in_the_file_name_is_null_with_a_warning() -> None:
    record = parse_text("---\ntitle: Welcome\n---\nbody", source="2013-02-30-welcome.md").to_dict()
    assert (record["published"], record["published_raw"]) == (None, "2013-02-30")
    assert record["warnings"] == [
        "fallback-date: published taken from the file name '2013-02-30-welcome.md'",
        "unparsed-date: published '2013-02-30' could not be read: day is out of range for month",
    ]
