"""The rfc822 dialect: mail, Usenet and PEP headers (DESIGN section 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
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


@pytest.mark.parametrize(
    ("from_", "author"),
    [
        ("uunet!host!jdoe (John Doe)", "John Doe"),
        ("host!jdoe", "host!jdoe"),
        ("jdoe@x.edu (John (Jack) Doe)", "John (Jack) Doe"),
        ("jdoe@x.edu ()", "jdoe@x.edu"),
        ('"Jo \\"JJ\\" Doe" <jo@x.edu>', 'Jo "JJ" Doe'),
        ("unclosed (comment jdoe@x.edu", "unclosed (comment jdoe@x.edu"),
    ],
)
def test_from_as_real_archives_write_it(from_: str, author: str) -> None:
    assert news(from_)["author"] == author


def test_field_names_are_any_printable_characters_but_the_colon() -> None:
    record = parse(
        "From: jdoe@x.edu\nSubject: Tabs\nArticle-I.D.: cs.1993Apr5\nNntp-Posting-Host-[nntpd-8755]: x.edu\n"
    )
    assert record["dialect"] == "rfc822"
    assert record["extra"]["Article-I.D."] == "cs.1993Apr5"
    assert record["extra"]["Nntp-Posting-Host-[nntpd-8755]"] == "x.edu"


def test_a_block_that_opens_with_a_continuation_is_still_a_header() -> None:
    record = parse("\tby mail.x.edu (5.65/1.2)\nFrom: jdoe@x.edu\nSubject: Tabs\n")
    assert (record["dialect"], record["title"], record["body"]) == ("rfc822", "Tabs", BODY)
    assert record["extra"]["continuation"] == "by mail.x.edu (5.65/1.2)"
    assert record["warnings"][0].startswith("malformed-header: ")


@pytest.mark.parametrize(
    ("date", "published"),
    [
        ("Mon, 5 Apr 93 14:02:11 CST", "1993-04-05T14:02:11-06:00"),
        ("Mon, 5 Apr 93 14:02:11 UT", "1993-04-05T14:02:11+00:00"),
        ("Mon, 5 Apr 93 14:02:11 EDT(-0400)", "1993-04-05T14:02:11-04:00"),
    ],
)
def test_mail_dates_read_zone_names_as_rfc_822_defines_them(date: str, published: str) -> None:
    record = parse(f"From: jdoe@x.edu\nNewsgroups: comp.lang.c\nSubject: Tabs\nDate: {date}\n")
    assert (record["published"], record["warnings"]) == (published, [])


def test_outside_mail_cst_stays_ambiguous() -> None:
    record = parse_text("By Jane Smith\nPublished: 5 Apr 1993 14:02 CST\n\nbody").to_dict()
    assert record["published"] == "1993-04-05T14:02:00"
    assert record["warnings"][0].startswith("ambiguous-zone: ")


def test_pelican_metadata() -> None:
    record = parse(
        "Title: Tabs\nDate: 2010-12-03 10:20\nModified: 2010-12-05 19:30\nAuthors: Ann Lee, Bo Chen\n"
    )
    assert (record["author"], record["updated"]) == ("Ann Lee, Bo Chen", "2010-12-05T19:30:00")


def test_a_long_encoded_value_is_kept_as_written() -> None:
    subject = "=?utf-8?q?Zo=C3=A9?= " * 300
    record = parse(f"From: jdoe@x.edu\nSubject: {subject}\n")
    assert record["title"] == subject.strip()


HOSTILE = {
    "address regex": "From: " + "a@" * 2500 + "\nSubject: x\n\nbody",
    "quoted name": 'From: "' + '\\"' * 50_000 + "\nSubject: x\n\nbody",
    "continuation folding": "From: a@b.org\nSubject: x\n" + " x\n" * 5_000_000 + "\nbody",
    "encoded words": "From: a@b.org\nSubject: " + "=?utf-8?q?a?= " * 200_000 + "\n\nbody",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_headers_are_read_in_bounded_time(text: str, tmp_path: Path) -> None:
    """Each of these took from 45 s to hours in 0.1; in a child process so that a hang fails."""
    sample = tmp_path / "hostile.txt"
    sample.write_text(text, encoding="utf-8")
    script = (
        "import sys; from artparse import parse_text; print(parse_text(open(sys.argv[1]).read()).dialect)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(sample)], capture_output=True, timeout=40, check=True
    )
    assert done.stdout.strip() in (b"rfc822", b"None")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "Author: Helen Carter on 1 jan 2000\nVisits: 0\nKeywords: ports\n",
            {"author": "Helen Carter", "published": "2000-01-01", "visits": 0, "tags": ["ports"]},
        ),
        (
            "Title: Port news\nAuthor: Sam Lee on 3 March 2021\nViews: 1,204\nComments: 3\n",
            {"author": "Sam Lee", "published": "2021-03-03", "visits": 1204},
        ),
        (
            "Author: Omar K. Benali\nKeywords: trade\nShare: Facebook, Twitter\nComments: 12\n",
            {"author": "Omar K. Benali", "share": ["Facebook", "Twitter"], "tags": ["trade"]},
        ),
    ],
)
def test_a_site_block_reads_its_fields_as_the_vocabulary_does(lines: str, expected: dict[str, Any]) -> None:
    record = parse(lines)
    assert record["dialect"] == "rfc822"
    assert {key: record[key] for key in expected} == expected
    assert record["warnings"] == []
    assert not {"Visits", "Views", "Share"} & set(record["extra"])


def test_a_date_in_the_author_field_beside_a_date_field_is_no_second_published() -> None:
    record = parse("Author: Helen Carter on 1 jan 2000\nDate: 2 Jan 2000\nKeywords: ports\n")
    assert (record["author"], record["published"]) == ("Helen Carter", "2000-01-02")
    assert record["warnings"] == ["unrecognised-header: '1 jan 2000'"]


def test_mail_and_pep_blocks_keep_site_labels_in_extra() -> None:
    mail = parse("From: Sam Lee <sam@x.org>\nSubject: Tabs\nViews: 3\n")
    assert (mail["author"], mail["visits"], mail["extra"]["Views"]) == ("Sam Lee", None, "3")
    pep = parse("PEP: 9\nTitle: Tabs\nAuthor: Sam Lee\nViews: 3\n")
    assert (pep["visits"], pep["extra"]["Views"]) == (None, "3")
