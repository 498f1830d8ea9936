"""Properties of the page mode on pages built from random pieces: it never raises, every value it
fills is on the line its warning names, the body is the whole text, and decoys never give a date."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import parse_text

NOW = datetime(2026, 6, 1)
MENU = st.sampled_from(
    [
        *(
            "Skip to content",
            "  • Home",
            "  • News",
            "Menu",
            "Home > World > Africa",
            "Subscribe  Log in",
            "",
        ),
        *("We use cookies to improve your experience. Accept", "[12]About", "Accueil \u203a Monde"),
        *("Advertisement", "[7]", "  * ", "1."),
    ]
)
HEADLINE = st.sampled_from(
    [
        *("Port authority approves a second terminal", "La Tunisie lance un programme de dessalement"),
        *("Windpark vor Rügen geht ans Netz", "ليبيا توقع اتفاقا لتطوير ميناء مصراتة"),
        "Chiude la storica pasticceria",
    ]
)
NAME = st.sampled_from(["Jane Smith", "Claire Dubois", "Anna Schmidt", "أحمد علي", "Marco Rossi"])
DAY = st.sampled_from(["3 March 2021", "March 3, 2021", "12 janvier 2022", "5. Juni 2019", "12 مارس 2023"])
BYLINE = st.one_of(
    st.builds("By {}".format, NAME),
    st.builds("Par {}".format, NAME),
    st.builds("Von {}".format, NAME),
    st.builds("Published {}".format, DAY),
    st.builds("Publié le {}".format, DAY),
    st.builds("Posted on {} by {}".format, DAY, NAME),
    DAY,
)
DECOY = st.one_of(
    st.builds("© {} The Daily Post".format, DAY),
    st.builds("Joined: {}".format, DAY),
    st.sampled_from(["14 June 2031", "Event: 3 March 2030", "https://example.com/2021/03/03/story.html"]),
)
PROSE = st.sampled_from(
    [
        "The council voted on Tuesday to approve the plan, after a long debate about the cost of the",
        "works and the parking spaces that the new lanes would take from the shops in the centre.",
        "Les associations de pêcheurs dénoncent une décision prise sans la moindre concertation.",
        "Der Stadtrat hat am Dienstagabend mit großer Mehrheit beschlossen, neue Radwege anzulegen.",
    ]
)
BELOW = st.one_of(
    st.builds("Comments (3)\n{} {}\nGreat article!".format, NAME, DAY),
    st.builds("Related stories\n  • Ferry fares rise\n    {}".format, DAY),
    st.builds("© 2024 The Daily Post {}".format, DAY),
)


@st.composite
def pages(draw: st.DrawFn, byline: st.SearchStrategy[str] = BYLINE) -> str:
    lines = draw(st.lists(MENU, min_size=3, max_size=12))
    lines += [draw(HEADLINE), *draw(st.lists(byline, max_size=3)), ""]
    lines += draw(st.lists(PROSE, min_size=1, max_size=8))
    lines += ["", *draw(st.lists(BELOW, max_size=3))]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(pages())
def test_every_value_is_on_the_line_its_warning_names(text: str) -> None:
    record = parse_text(text, now=NOW, dialect="page")
    lines = text.split("\n")
    assert record.body == text.strip("\n")
    if record.dialect != "page":
        return
    named = {}
    for warning in record.warnings:
        found = re.fullmatch(r"page: (\w+) from line (\d+).*", warning)
        if found:
            named[found[1]] = lines[int(found[2]) - 1]
    for field, value in (
        ("title", record.title),
        ("author", record.author),
        ("published", record.published_raw),
    ):
        assert (value is None) == (field not in named)
        if value is not None:
            assert value in " ".join(named[field].split())


@settings(max_examples=300, deadline=None)
@given(pages(byline=st.one_of(st.builds("By {}".format, NAME), DECOY)))
def test_decoys_never_give_a_date(text: str) -> None:
    assert parse_text(text, now=NOW, dialect="page").published is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), MENU, BYLINE, DECOY, PROSE), max_size=40))
def test_any_lines_give_a_record(lines: list[str]) -> None:
    record = parse_text("\n".join(lines), now=NOW, dialect="page")
    assert record.dialect in ("page", None)
    assert (record.dialect == "page") == any(
        warning.startswith("page: title from") for warning in record.warnings
    )
