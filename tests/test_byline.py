"""The byline dialect: news sites' headline, By line and Published/Updated labels (DESIGN section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from artparse import parse_text

BODY = "The crossing will open for passenger cars first."


def parse(header: str, body: str = BODY) -> dict[str, Any]:
    return parse_text(header + body).to_dict()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Crossing reopens\nBy JANE SMITH FOR DAILYMAIL.COM\n"
            "PUBLISHED: 10:23 EST, 3 March 2021 | UPDATED: 11:45 EST, 3 March 2021\n",
            {
                "title": "Crossing reopens",
                "author": "JANE SMITH",
                "published": "2021-03-03T10:23:00-05:00",
                "updated": "2021-03-03T11:45:00-05:00",
                "extra": {"outlet": "DAILYMAIL.COM"},
            },
        ),
        (
            "By Jane Smith • Published: 3 March 2021 10:23 GMT • Last Updated: 4 March 2021 09:00 BST\n",
            {
                "title": None,
                "author": "Jane Smith",
                "published": "2021-03-03T10:23:00+00:00",
                "updated": "2021-03-04T09:00:00+01:00",
            },
        ),
        (
            "By Jane Smith Published: 3 March 2021 Last updated: 4 March 2021\n",
            {"author": "Jane Smith", "published_raw": "3 March 2021", "updated_raw": "4 March 2021"},
        ),
        (
            "Crossing reopens\n\nBy Jean de la Fontaine and Ali bin Omar\n\n",
            {"author": "Jean de la Fontaine and Ali bin Omar", "published": None},
        ),
        (
            "posted: 2021-03-03 10:23\nupdated on: 2021-03-04\n",
            {"author": None, "published": "2021-03-03T10:23:00", "updated": "2021-03-04"},
        ),
        (
            "Crossing reopens\nTarek Oueslati · CBC News · Posted: Oct 14, 2022 9:27 AM EDT\n",
            {"author": "Tarek Oueslati", "extra": {"credit": ["CBC News"]}},
        ),
    ],
)
def test_byline_variants(header: str, expected: dict[str, Any]) -> None:
    record = parse(header)
    assert (record["dialect"], record["body"], record["warnings"]) == ("byline", BODY, [])
    assert {key: record[key] for key in expected} == expected


def test_zone_names_and_relative_dates_go_to_the_date_layer() -> None:
    """What ET and "24 minutes ago" become is the date layer's business; the header keeps them."""
    record = parse("Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago\n")
    assert (record["dialect"], record["published_raw"], record["updated_raw"]) == (
        "byline",
        "Oct 14, 2022 9:27 AM ET",
        "24 minutes ago",
    )


@pytest.mark.parametrize(
    "text",
    [
        "By default, docs.rs builds every target.\nPublished: the list is in the manifest.\n",
        "By now you've noticed the new layout.\n",
        "Docs\nBy the time the build ends, the cache is full.\n",
        "Updated: the government said it would respond.\n",
        "First line.\nSecond line.\nBy Jane Smith\nPublished: 3 March 2021\n",
        "By 2025 the line will reach Sirte.\n",
    ],
)
def test_ordinary_text_is_not_a_byline(text: str) -> None:
    assert parse_text(text).dialect is None


def test_the_header_ends_at_the_first_line_that_is_not_a_byline_line() -> None:
    body = "By the end of the week, trucks may cross too.\nPublished: 3 March 2021 is when it began."
    record = parse("Crossing reopens\nBy Jane Smith\n\n", body)
    assert (record["author"], record["published"], record["body"]) == ("Jane Smith", None, body)
