"""The rfc822 dialect: mail, Usenet and PEP headers (DESIGN section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from artparse import parse_text

BODY = "Tabs and spaces should not be mixed."


def parse(header: str, body: str = BODY) -> dict[str, Any]:
    return parse_text(f"{header}\n{body}").to_dict()


def news(from_: str) -> dict[str, Any]:
    return parse(f"From: {from_}\nNewsgroups: comp.lang.python\nSubject: Tabs\n")


@pytest.mark.parametrize(
    ("from_", "author"),
    [
        ("jdoe@x.edu (John Doe)", "John Doe"),
        ("John Doe <jdoe@x.edu>", "John Doe"),
        ('"Doe, John" <jdoe@x.edu>', "Doe, John"),
        ("<jdoe@x.edu>", "jdoe@x.edu"),
        ("jdoe@x.edu", "jdoe@x.edu"),
        ("=?utf-8?q?Zo=C3=A9_Martin?= <zoe@x.fr>", "Zoé Martin"),
        ("=?bogus-charset?q?Zo=C3=A9?= <zoe@x.fr>", "=?bogus-charset?q?Zo=C3=A9?="),
    ],
)
def test_from_gives_the_display_name_and_stays_in_extra(from_: str, author: str) -> None:
    record = news(from_)
    assert (record["dialect"], record["author"], record["title"]) == ("rfc822", author, "Tabs")
    assert record["extra"] == {"From": from_, "Newsgroups": "comp.lang.python"}


@pytest.mark.parametrize(
    ("date", "published"),
    [
        ("Mon, 5 Apr 1993 14:02:11 GMT", "1993-04-05T14:02:11+00:00"),
        ("Mon, 5 Apr 93 14:02:11 -0400 (EDT)", "1993-04-05T14:02:11-04:00"),
        ("Fri, 2 Apr 93 08:01:00 -0800 (Pacific Standard Time)", "1993-04-02T08:01:00-08:00"),
        ("5 Apr 21 09:00 EST", "2021-04-05T09:00:00-05:00"),
    ],
)
def test_mail_dates(date: str, published: str) -> None:
    record = parse(f"From: jdoe@x.edu\nSubject: Tabs\nDate: {date}\n")
    assert (record["published"], record["published_raw"], record["warnings"]) == (published, date, [])


def test_folded_lines_join_the_field_above_with_one_space() -> None:
    record = parse(
        "PEP: 8\nTitle: Style Guide\n  for Python Code\nAuthor: Guido van Rossum <guido@python.org>,\n"
        "        Barry Warsaw <barry at python.org>,\n\tAlyssa Coghlan\nCreated: 05-Jul-2001\n"
        "Post-History:\n"
    )
    assert record["title"] == "Style Guide for Python Code"
    assert record["author"] == "Guido van Rossum, Barry Warsaw, Alyssa Coghlan"
    assert (record["published"], record["published_raw"]) == ("2001-07-05", "05-Jul-2001")
    assert record["extra"] == {
        "PEP": "8",
        "Author": "Guido van Rossum <guido@python.org>, Barry Warsaw <barry at python.org>, Alyssa Coghlan",
        "Post-History": "",
    }
    assert record["body"] == BODY


def test_a_comma_inside_a_name_is_kept() -> None:
    record = parse("PEP: 160\nTitle: Release\nAuthor: Fred L. Drake, Jr. <fred@fdrake.net>\n")
    assert record["author"] == "Fred L. Drake, Jr."


def test_keywords_become_tags_and_repeated_fields_a_list() -> None:
    record = parse(
        "Received: from a by b\nReceived: from c by d\nFrom: x@y.org\nSubject: Tabs\n"
        "Keywords: tabs, style , \nDate: Mon, 5 Apr 1993 14:02:11 GMT\n"
    )
    assert record["tags"] == ["tabs", "style"]
    assert record["extra"] == {"Received": ["from a by b", "from c by d"], "From": "x@y.org"}


def test_the_first_title_field_wins_and_the_other_stays_in_extra() -> None:
    record = parse("Title: Style Guide\nSubject: Re: Style\nSubject: again\nAuthor: Guido\n")
    assert record["title"] == "Style Guide"
    assert record["extra"]["Subject"] == ["Re: Style", "again"]


def test_an_mbox_envelope_line_may_come_first() -> None:
    record = parse("From jdoe@x.edu Mon Apr  5 14:02:11 1993\nFrom: jdoe@x.edu\nSubject: Tabs\n")
    assert (record["dialect"], record["title"]) == ("rfc822", "Tabs")
    assert record["extra"]["envelope"] == "From jdoe@x.edu Mon Apr  5 14:02:11 1993"


def test_a_header_without_a_body() -> None:
    record = parse_text("From: jdoe@x.edu\nSubject: Tabs").to_dict()
    assert (record["dialect"], record["title"], record["body"], record["words"]) == ("rfc822", "Tabs", "", 0)


@pytest.mark.parametrize(
    "text",
    [
        "Subject: one known field only\n\nbody",
        "Breaking: Libya reopens crossing\nDate: not yet, officials said\n\nbody",
        "Published: 3 March 2021\nUpdated: 4 March 2021\n\nbody",
        "From: jdoe@x.edu\nSubject: Tabs\nthis line is not a field\n\nbody",
        " From: indented\nSubject: Tabs\n\nbody",
        "Warning: the figures below: provisional.\nThey were revised on Monday.\n",
    ],
)
def test_text_that_only_looks_like_fields_is_not_an_rfc822_header(text: str) -> None:
    assert parse_text(text).dialect != "rfc822"


def test_a_title_with_a_colon_above_a_posted_line_is_posted_by() -> None:
    record = parse("Libya: talks resume\nPosted by AI on 2025-11-01\n")
    assert (record["dialect"], record["title"]) == ("posted-by", "Libya: talks resume")
