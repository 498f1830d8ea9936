"""The relative-date patterns of ASCII words alone read ASCII text as the patterns of all words do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import relative
from artparse.languages.tables import am_pm_words, relative_words

settings.register_profile("relative-patterns", deadline=None, max_examples=600)
settings.load_profile("relative-patterns")

_WORDS = relative_words()
_PIECES = sorted(
    {
        *_WORDS.units,
        *_WORDS.numbers,
        *_WORDS.days,
        *_WORDS.now,
        *_WORDS.before,
        *_WORDS.after,
        *_WORDS.about,
        *_WORDS.at,
        *_WORDS.date_labels,
        *(word for half in am_pm_words() for word in half),
        *("3", "24", "9:27", "9:27:05", "9h30", "am", "p.m.", ":", ".", ",", "", "x", "ص", "م"),
    }
)
_ASCII_TEXTS = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "", "  "])).map("".join), max_size=7
).map(lambda pieces: "".join(pieces).strip())


def _read(patterns: relative._Patterns, text: str) -> list[tuple[int, int, dict[str, str | None]] | None]:
    found = [*(ago.fullmatch(text) for ago in patterns.ago), patterns.day.fullmatch(text)]
    found.append(patterns.now.fullmatch(text))
    return [None if match is None else (*match.span(), match.groupdict()) for match in found]


@given(_ASCII_TEXTS)
def test_ascii_text_is_matched_as_by_the_patterns_of_all_words(text: str) -> None:
    if text.isascii():
        assert _read(relative._ascii_patterns(), text) == _read(relative._patterns(), text), text


def test_each_ascii_relative_date_of_the_words_is_read() -> None:
    """Every ASCII unit, day and now word read as the patterns of all words read it (not None
    for the usual shapes), so that the test above meets matches, not only refusals."""
    for unit in sorted(_WORDS.units):
        for before in sorted(_WORDS.before | {""}):
            for after in sorted(_WORDS.after | {""}):
                text = " ".join(part for part in (before, "3", unit, after) if part)
                if text.isascii():
                    assert _read(relative._ascii_patterns(), text) == _read(relative._patterns(), text), text
    assert relative.read_relative("3 hours ago") == relative.Relative(3, "hour")
    assert relative.read_relative("yesterday at 9:27 am") is not None


def test_an_emptied_alternation_never_matches() -> None:
    assert relative._ascii_alternatives(["ص", "م"]) == "(?!)"
    assert re.fullmatch(f"a(?:{relative._ascii_alternatives(['ص'])})?", "a")
    assert relative._ascii_alternatives([]) == ""
