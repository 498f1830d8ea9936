"""The posted-by dialect, variant by variant (DESIGN section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from artparse import parse_text

BODY = "The ministry said the talks would resume next week."


def parse(header: str, body: str = BODY) -> dict[str, Any]:
    return parse_text(header + body).to_dict()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Posted by AI on 2025-11-01 04:23:00 | Last Updated by AI on 2025-12-15 05:28:33\n",
            {
                "author": "AI",
                "published": "2025-11-01T04:23:00",
                "updated": "2025-12-15T05:28:33",
                "updated_by": "AI",
            },
        ),
        (
            "Posted by Sara Ali on 2025-11-01 04:23 | Last Updated by Omar Ben Ali on 2025-11-02\n",
            {
                "author": "Sara Ali",
                "published": "2025-11-01T04:23:00",
                "updated": "2025-11-02",
                "updated_by": "Omar Ben Ali",
            },
        ),
        (
            "Posted by AI on 1 November 2025 04:23 | Last Updated by AI on Dec 15, 2025 5:28 PM\n",
            {
                "published": "2025-11-01T04:23:00",
                "published_raw": "1 November 2025 04:23",
                "updated": "2025-12-15T17:28:00",
                "updated_raw": "Dec 15, 2025 5:28 PM",
            },
        ),
        (
            "POSTED BY AI ON 2025-11-01 | LAST UPDATED BY AI ON 2025-11-02\n",
            {"author": "AI", "published": "2025-11-01", "updated": "2025-11-02"},
        ),
        (
            "Posted\u00a0by\u00a0Ali\u00a0 Zway on\u00a02025-10-19 13:30:00\n",
            {
                "author": "Ali Zway",
                "published": "2025-10-19T13:30:00",
                "published_raw": "2025-10-19 13:30:00",
            },
        ),
        (
            "\u200fPosted by AI on 2025-11-01 Last Updated by Desk on 2025-11-02\n",
            {"author": "AI", "published": "2025-11-01", "updated_by": "Desk", "updated": "2025-11-02"},
        ),
        (
            "Posted by Ahmed on Behalf of LANA on 2025-03-02 10:00:00\n",
            {"author": "Ahmed on Behalf of LANA", "published": "2025-03-02T10:00:00"},
        ),
        (
            "Posted by AI on 2025-11-01 | Last Updated on 2025-11-03\n",
            {"author": "AI", "updated": "2025-11-03", "updated_by": None},
        ),
        (
            "Posted by AI\n",
            {"author": "AI", "published": None, "published_raw": None, "warnings": []},
        ),
    ],
)
def test_posted_line_variants(header: str, expected: dict[str, Any]) -> None:
    record = parse(header)
    assert record["dialect"] == "posted-by"
    assert record["body"] == BODY
    assert {key: record[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("share_lines", "share", "visits"),
    [
        (
            "Share: Facebook | Twitter | Whatsapp | Linkedin Visits: 5\n",
            ["Facebook", "Twitter", "Whatsapp", "Linkedin"],
            5,
        ),
        ("Share: Telegram | Email\nVisits: 12,345\n", ["Telegram", "Email"], 12345),
        ("\nShare: Reddit\n\nVisits: 1.234.567\n\n", ["Reddit"], 1234567),
        ("Visits: 7\n", [], 7),
        ("share this: facebook, x   visits 1 234\n", ["facebook", "x"], 1234),
        ("", [], None),
    ],
)
def test_share_and_visits_lines(share_lines: str, share: list[str], visits: int | None) -> None:
    record = parse("Posted by AI on 2025-11-01\n" + share_lines)
    assert (record["share"], record["visits"], record["body"]) == (share, visits, BODY)


def test_title_line_and_blank_lines_before_the_header() -> None:
    record = parse("\n  Libya and US sign   drug pact \n\n\nPosted by AI on 2025-11-01\n\n")
    assert record["title"] == "Libya and US sign drug pact"
    assert record["body"] == BODY


def test_two_lines_before_the_posted_line_are_not_a_header() -> None:
    text = "First line of a story.\nSecond line.\nPosted by AI on 2025-11-01\n" + BODY
    record = parse_text(text).to_dict()
    assert record["dialect"] is None
    assert record["body"] == text
    assert record["warnings"] == ["no-header: a known header was not found; the whole text is the body"]


def test_a_posted_by_sentence_inside_the_body_stays_in_the_body() -> None:
    body = f"{BODY}\nPosted by Ministry Media on 2025-06-10 21:15:00, the notice was fake."
    record = parse("Posted by AI on 2025-11-01\nShare: Facebook\n", body)
    assert (record["author"], record["body"]) == ("AI", body)


def test_crlf_and_bom_give_the_same_record_as_plain_text() -> None:
    plain = "Title\nPosted by AI on 2025-11-01 04:23:00\nShare: Facebook Visits: 5\n" + BODY + "\n"
    windows = "\ufeff" + plain.replace("\n", "\r\n")
    assert parse_text(windows).to_dict() == parse_text(plain).to_dict()


def test_unreadable_date_keeps_the_raw_text_and_warns() -> None:
    record = parse("Posted by AI on 2025-13-45 10:00:00\n")
    assert (record["published"], record["published_raw"]) == (None, "2025-13-45 10:00:00")
    assert record["warnings"] == [
        "unparsed-date: published '2025-13-45 10:00:00' could not be read: month must be in 1..12"
    ]


def test_update_before_publication_warns_and_keeps_both_dates() -> None:
    record = parse("Posted by AI on 2025-07-03 09:00 | Last Updated by AI on 2025-07-01 18:22\n")
    assert (record["published"], record["updated"]) == ("2025-07-03T09:00:00", "2025-07-01T18:22:00")
    assert record["warnings"] == [
        "updated-before-published: updated 2025-07-01T18:22:00 is before published 2025-07-03T09:00:00"
    ]


@pytest.mark.parametrize("count", ["lots", "12,34", "99999999999999999999"])
def test_unreadable_visits_are_null_with_a_warning(count: str) -> None:
    record = parse(f"Posted by AI on 2025-11-01\nShare: Facebook Visits: {count}\n")
    assert record["visits"] is None
    assert record["warnings"][0].startswith("unparsed-visits: ")


def test_unknown_header_parts_are_kept_in_extra() -> None:
    record = parse("Posted by AI on 2025-11-01 | Source: LANA | exclusive\n")
    assert record["extra"] == {"Source": "LANA", "unrecognised": ["exclusive"]}
    assert record["warnings"] == ["unrecognised-header: 'exclusive'"]


def test_vocabulary_parts_and_lines_fill_their_fields() -> None:
    record = parse("Posted by AI on 2025-11-01 | Category: Politics | 2 comments\nTags: ports, Tripoli\n")
    assert (record["tags"], record["extra"], record["body"]) == (
        ["Politics", "ports", "Tripoli"],
        {"comments": 2},
        BODY,
    )


@pytest.mark.parametrize("separator", [" — ", " \u2013 ", " - ", " -- ", " · ", " • "])
@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("1,234 views", {"visits": 1234, "extra": {}}),
        ("Tags: ports, trade", {"tags": ["ports", "trade"], "extra": {}}),
        ("4 min read", {"extra": {"reading_time": "4 min read"}}),
        ("1.234 visitas", {"visits": 1234, "extra": {}}),
    ],
)
def test_parts_after_the_date_cut_off_by_a_dash_or_dot_fill_their_fields(
    separator: str, tail: str, expected: dict[str, Any]
) -> None:
    for updated in ("", " | Last Updated by AI on 2 May 2022" + separator + "7 comments"):
        record = parse(f"Posted by Helen Carter on 1 May 2022{separator}{tail}{updated}\n")
        assert record["author"] == "Helen Carter"
        assert record["published"] == "2022-05-01"
        comments = {"comments": 7} if updated else {}
        assert {key: record[key] for key in expected} == expected | {
            "extra": expected.get("extra", {}) | comments
        }
        assert record["warnings"] == []
        assert record["updated"] == ("2022-05-02" if updated else None)


@pytest.mark.parametrize(
    ("when", "published"),
    [
        ("1 May 2022 - 10:23", "2022-05-01T10:23:00"),  # a time cut off from its date stays with it
        ("Sunday - 1 May 2022", "2022-05-01"),  # so does a weekday before it
    ],
)
def test_a_dash_inside_the_date_keeps_the_date_whole(when: str, published: str) -> None:
    record = parse(f"Posted by Helen Carter on {when}\n")
    assert (record["published"], record["warnings"], record["extra"]) == (published, [], {})


def test_a_second_date_after_a_dash_is_no_value() -> None:
    record = parse("Posted by Helen Carter on 1 May 2022 — 2 June 2022\n")
    assert record["published"] is None
    assert record["published_raw"] == "1 May 2022 — 2 June 2022"
    assert [warning.split(":")[0] for warning in record["warnings"]] == ["unparsed-date"]


def test_an_unknown_part_after_a_dash_goes_to_extra_with_a_warning() -> None:
    record = parse("Posted by Helen Carter on 1 May 2022 — Tripoli desk news\n")
    assert record["published"] == "2022-05-01"
    assert record["extra"] == {"unrecognised": ["Tripoli desk news"]}
    assert record["warnings"] == ["unrecognised-header: 'Tripoli desk news'"]


def test_words_count_the_body() -> None:
    assert parse("Posted by AI on 2025-11-01\n", "one two\nthree  four\n\n")["words"] == 4


def test_text_without_a_header_is_all_body_with_a_warning() -> None:
    record = parse_text("\n\nJust a story.\n\n").to_dict()
    assert (record["dialect"], record["body"], record["words"]) == (None, "Just a story.", 3)
    assert len(record["warnings"]) == 1


def test_forcing_an_unknown_dialect_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown dialect"):
        parse_text("x", dialect="nope")
