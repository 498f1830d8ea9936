"""The page mode: whole web pages saved as text (samples/pages), its decoys, and its limits."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from artparse import parse_text
from artparse.dialects.page.lines import MAX_PAGE_LINES
from artparse.sources import decode
from tests.conftest import ROOT, SAMPLES

PAGES = sorted((SAMPLES / "pages").glob("*.txt"))
NOW = datetime(2026, 6, 1)  # the day the sample pages were saved: later dates are in the future

PROSE = (
    "The council voted on Tuesday to approve the plan, after a long debate about the cost of the\n"
    "works and the parking spaces that the new lanes would take from the shops in the centre.\n"
)


MENUS = ["Skip to content", "", "  • Home", "  • News", "  • Sport", "  • Weather", ""]
MENUS += ["We use cookies to measure how the site is used. Accept", "", "Home > News > Local", ""]


def page(*top: str, below: str = "") -> str:
    """A page: menus, the lines given, the article's prose, and what comes below it."""
    return "\n".join([*MENUS, *top, "", PROSE, below])


def test_there_are_page_samples_in_three_languages_or_more() -> None:
    languages = {case.stem.split("-")[0] for case in PAGES}
    assert len(PAGES) >= 10
    assert len(languages - {"en"}) >= 2


@pytest.mark.parametrize("sample", PAGES, ids=[case.stem for case in PAGES])
def test_page_sample_gives_its_golden_record(sample: Path) -> None:
    expected = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))
    source = sample.relative_to(ROOT).as_posix()
    assert parse_text(decode(sample.read_bytes()), source=source, now=NOW).to_dict() == expected


def test_a_byline_below_the_menus_is_found_and_its_lines_named() -> None:
    text = page("Bridge reopens after repairs", "By Jane Smith", "Published 3 March 2021")
    record = parse_text(text).to_dict()
    assert (record["dialect"], record["title"], record["author"], record["published"]) == (
        "page",
        "Bridge reopens after repairs",
        "Jane Smith",
        "2021-03-03",
    )
    assert record["warnings"] == [
        "page: title from line 12",
        "page: author from line 13",
        "page: published from line 14 (label 'Published')",
    ]
    assert record["body"] == text.strip("\n")


@pytest.mark.parametrize(
    ("decoy", "reason"),
    [
        ("© 3 March 2021 The Daily Post", "a copyright line"),
        ("Copyright 3 March 2021, all rights reserved", "a copyright line"),
        ("Joined: 3 March 2021", "a member's joining date"),
        ("Member since 3 March 2021", "a member's joining date"),
        ("3 March 2031", "after now"),
    ],
)
def test_a_decoy_beside_the_headline_does_not_win(decoy: str, reason: str) -> None:
    record = parse_text(page("Bridge reopens after repairs", decoy, "By Jane Smith"), now=NOW).to_dict()
    assert (record["author"], record["published"]) == ("Jane Smith", None)
    assert f"({reason})" in record["warnings"][-1]


def test_a_date_only_inside_a_url_is_no_date() -> None:
    text = page("Bridge reopens after repairs", "By Jane Smith", "https://example.com/2021/03/03/bridge.html")
    assert parse_text(text).published is None
    text = page("Bridge reopens after repairs", "By Jane Smith", "Source: www.example.com/news/03-03-2021/x")
    assert parse_text(text).published is None


def test_comment_and_related_dates_below_the_article_do_not_win() -> None:
    below = "\n".join(
        [
            *("Related stories", "", "  • Ferry fares rise", "    2 April 2021", ""),
            *("Comments (1)", "", "Posted by Ann on 5 April 2021"),
        ]
    )
    record = parse_text(page("Bridge reopens after repairs", "By Jane Smith", below=below)).to_dict()
    assert (record["author"], record["published"]) == ("Jane Smith", None)
    assert "'2 April 2021' (in a list of other stories)" in record["warnings"][-1]
    assert "'5 April 2021' (in the comments)" in record["warnings"][-1]


def test_the_article_date_wins_over_a_related_list_above_it() -> None:
    related = ["Most read", "", "  1. Ferry fares rise", "     2 April 2021", ""]
    record = parse_text(page(*related, "Bridge reopens after repairs", "By Jane Smith", "5 April 2021"))
    assert (record.published, record.author) == ("2021-04-05", "Jane Smith")


def test_a_date_line_between_the_headline_and_the_prose_is_the_date() -> None:
    record = parse_text(page("Bridge reopens after repairs", "Tuesday 3 March 2021"))
    assert (record.title, record.published, record.published_raw) == (
        "Bridge reopens after repairs",
        "2021-03-03",
        "3 March 2021",
    )


def test_the_headline_repeated_from_the_title_line_is_the_title() -> None:
    text = "\n".join(
        [
            "Bridge reopens after repairs | The Daily Post",
            "News Sport Opinion",
            "Bridge reopens after repairs",
            "Jane Smith",
            "3 March 2021",
            PROSE,
        ]
    )
    record = parse_text(text)
    assert (record.title, record.published) == ("Bridge reopens after repairs", "2021-03-03")
    assert record.author is None


@pytest.mark.parametrize(
    "text",
    [
        page("The bridge reopens after repairs.", "By Jane Smith", "Published 3 March 2021"),  # a sentence
        page("Home News Sport Weather", "By Jane Smith", "Published 3 March 2021"),  # a menu, no headline
        "\n".join(
            [*MENUS, "Bridge reopens after repairs", "By Jane Smith", "Published 3 March 2021"]
        ),  # no prose
        page("Bridge reopens after repairs", below="3 March 2021"),  # below the article
        page("Bridge reopens after repairs", "By default, the bridge stays open", "Published: the notice"),
        page("Bridge reopens after repairs", "In 2021, the bridge"),
    ],
)
def test_weak_evidence_fills_nothing(text: str) -> None:
    record = parse_text(text)
    assert record.dialect != "page"
    assert (record.author, record.published) == (None, None)


def test_page_mode_is_tried_after_every_other_dialect() -> None:
    byline = "Bridge reopens after repairs\nBy Jane Smith\nPublished: 3 March 2021\n\n" + PROSE
    assert parse_text(byline).dialect == "byline"
    assert parse_text(byline, dialect="page").dialect == "page"


def test_forced_page_mode_on_a_text_without_a_page_says_so() -> None:
    record = parse_text("Just a line.\n", dialect="page")
    assert (record.dialect, record.warnings) == (
        None,
        ("no-header: a page header was not found; the whole text is the body",),
    )


def test_the_future_is_the_callers_now() -> None:
    text = page("Festival returns next summer", "By Jane Smith", "Posted 3 March 2031")
    assert parse_text(text).published == "2031-03-03"  # no now: no date is in the future
    assert parse_text(text, now=NOW).published is None


@pytest.mark.timeout(30)
def test_a_long_page_is_read_in_bounded_time() -> None:
    lines = ["Home News", "Bridge reopens after repairs", "By Jane Smith", "3 March 2021", PROSE]
    comments = ["Comments", *[f"reader{n} 4 March 2021\n{PROSE}" for n in range(20_000)]]
    record = parse_text("\n".join(lines + comments))
    assert (record.author, record.published) == ("Jane Smith", "2021-03-03")
    assert record.body.count("\n") > MAX_PAGE_LINES


@pytest.mark.timeout(30)
def test_a_page_full_of_dates_is_read_in_bounded_time() -> None:
    record = parse_text("\n".join([*MENUS, *["3 March 2021"] * 200_000]))
    assert (record.dialect, record.published) == ("byline", None)  # the first line reads as a title


def test_a_numeric_date_under_a_day_first_label_is_read_day_first() -> None:
    record = parse_text(
        page("La Loire sous surveillance à Tours", "Par Martin Leclerc", "Publié le 08/04/2023 à 14:20")
    )
    assert (record.published, record.author) == ("2023-04-08T14:20:00", "Martin Leclerc")
    english = parse_text(page("Bridge reopens after repairs", "By Jane Smith", "Published 08/04/2023"))
    assert english.published == "2023-08-04"  # an English label leaves it to --dayfirst


def test_the_value_of_a_field_line_and_a_reading_time_are_no_headline() -> None:
    top = ["New rules for rental e-scooter trials", "", "From:", "Department for Transport", "Published"]
    record = parse_text(page(*top, "12 October 2022"))
    assert (record.title, record.published) == ("New rules for rental e-scooter trials", "2022-10-12")
    record = parse_text(page("Lessons from running a tiny company", "Alex Chen", "6 min read", "Jan 3, 2022"))
    assert (record.title, record.published) == ("Lessons from running a tiny company", "2022-01-03")


def test_a_date_and_its_update_on_one_line() -> None:
    record = parse_text(page("City council approves the budget", "Nov 15, 2023 Updated Nov 16, 2023"))
    assert (record.published, record.updated) == ("2023-11-15", "2023-11-16")


def test_a_name_after_a_labelled_date_and_a_desk_after_a_name() -> None:
    line = "Publicado el 4 de marzo de 2020 a las 09:15 por Marta Gil"
    record = parse_text(page("Tres días en Oporto sin coche", line))
    assert (record.published, record.author) == ("2020-03-04T09:15:00", "Marta Gil")
    record = parse_text(page("Bahn kündigt neue Verbindungen an", "Von Lena Hoffmann, ARD-Hauptstadtstudio"))
    assert (record.author, record.extra) == ("Lena Hoffmann", {"credit": ["ARD-Hauptstadtstudio"]})


def test_a_standfirst_wrapped_over_lines_lies_between_the_headline_and_the_byline() -> None:
    standfirst = [
        "Trials of rental e-scooters will be extended to the end of the year, with new safety",
        "rules for the operators and training for new riders.",
    ]
    record = parse_text(
        page("New rules for rental e-scooter trials", "", *standfirst, "", "Published 12 October 2022")
    )
    assert (record.title, record.published) == ("New rules for rental e-scooter trials", "2022-10-12")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Written by netadmin42", "netadmin42"),
        ("Author: str", None),
        ("Posted on 3 March 2021 by kate", "kate"),
    ],
)
def test_a_user_name_needs_a_label_that_says_a_name_follows(line: str, author: str | None) -> None:
    assert parse_text(page("Setting up VLANs on a budget switch", line, "4 March 2021")).author == author


def test_markup_is_not_a_page() -> None:
    text = page("For more context on the regression, see", "<!-- 2024-08-27 -->")
    assert parse_text(text).published is None


def test_the_page_words_do_not_repeat_the_header_labels() -> None:
    from artparse.languages import LANGUAGES, fold
    from artparse.languages.tables import labels

    known = set(labels())
    repeated = [
        (language.code, word)
        for language in LANGUAGES
        for word in language.page.comments
        if fold(word) in known
    ]
    assert repeated == []
