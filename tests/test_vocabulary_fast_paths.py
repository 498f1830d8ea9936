"""Fast paths of the vocabulary reader hold to the slow readings they stand in for, on generated text.

The texts are made of pieces that the fast paths have to tell apart: label words of every language
(with and without their colon), share channels, separators and dashes, runs of spaces of every
kind, Arabic letters and the marks that folding drops, letters IGNORECASE matches to ASCII ones,
a final sigma, mail addresses, roles and "for".
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from artparse.dialects import byline
from artparse.dialects import vocabulary as v
from artparse.languages.spelling import fold, plain
from artparse.languages.tables import labels, name_words

settings.register_profile("vocabulary-fast-paths", deadline=None, max_examples=400)
settings.load_profile("vocabulary-fast-paths")

_LABEL_WORDS = sorted({word for text in labels() for word in text.split()})
_PIECES = [
    *_LABEL_WORDS,
    *(word.capitalize() for word in _LABEL_WORDS[::3]),
    *sorted(name_words().share),
    *sorted(name_words().roles)[::2],
    *("|", "·", "•", "—", "\u2013", "-", "--", ":", "\uff1a", ",", ";", "."),
    *("(", ")", "[", "]", "@", "<", ">"),
    *(" ", " ", " ", "  ", "\t", "\u00a0", "\n", "\u2003"),
    *("at", "AT", "(at)", "[at]", "for", "FOR", "jdoe", "x.org", "Sara", "Ali", "von", "de", "on"),
    *("\u0640", "\u064b", "\u0670", "ب", "أحمد", "Σ", "ΑΣ", "İ", "\u0131", "\u017f", "\u212a", "ß", "é"),
    *("3", "2021", "04:23", "PM", "EST", "March", "1,234", "views"),
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)
_SPACED = st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join)
_ADDRESSES = st.tuples(
    st.sampled_from(["jdoe", "Sara Ali ", "<", "Sara Ali <j.doe", ""]),
    st.sampled_from(["@", " at ", " AT ", "(at)", "[At]", " (at) ", "\tat\u00a0", "a t", "@@"]),
    st.sampled_from(["x.org", "mail.example.com>", "x", "x.org)", ""]),
).map("".join)
_ROLES = st.tuples(
    st.sampled_from(["Sam Lee, ", "Sam Lee ", "", "Jane Smith for "]),
    st.sampled_from(sorted(name_words().roles)),
    st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
    st.sampled_from(["", " in Berlin", "s", " FOR DAILYMAIL.COM"]),
).map(lambda parts: parts[0] + parts[2](parts[1]) + parts[3])
_ANY = _TEXTS | _SPACED | _ADDRESSES | _ROLES | st.text(max_size=30)


@given(_ANY)
def test_the_separator_scan_finds_what_finditer_finds(text: str) -> None:
    expected = [cut for found in v._SEPARATOR.finditer(text) for cut in found.span()]
    assert v._separator_cuts(text) == expected, text


@given(_ANY, st.integers(0, 5), st.integers(0, 5))
def test_the_label_starts_of_spaced_words_are_the_scanned_ones(text: str, lead: int, trail: int) -> None:
    start, end = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    assert v._label_starts(text, start, end) == v._label_starts_scanned(text, start, end), text


@given(_ANY, st.integers(0, 5))
def test_a_segment_without_inner_labels_is_cut_as_the_loop_cuts_it(text: str, lead: int) -> None:
    start = min(lead, len(text))
    end = len(text)
    assert v._split_before_labels(text, start, end) == v._split_at_labels(text, start, end), text


@given(_ANY)
def test_a_line_without_label_or_channel_words_is_refused_as_the_loop_refuses_it(text: str) -> None:
    view = " ".join(text.split())
    addressed = "@" in view or " at " in view or "(at)" in view or "[at]" in view
    slowly = bool(v._DIGIT.search(view)) or addressed or v._has_label_or_channel(view)
    assert v.might_be_header_line(view) == slowly, view


@given(_ANY)
def test_a_text_refused_as_an_address_has_none(text: str) -> None:
    if not v._may_hold_address(text):
        assert v._ADDRESS.search(text) is None, text


@given(_ANY)
def test_a_text_refused_as_a_job_has_none(text: str) -> None:
    if not v._may_hold_job(text):
        assert v._job_pattern().search(text) is None, text


@given(_ANY)
def test_a_text_refused_as_name_for_outlet_is_none(text: str) -> None:
    if text.isascii() and "for" not in text.lower():
        assert v._FOR_OUTLET.fullmatch(text) is None, text


def test_the_job_test_looks_at_every_role() -> None:
    words = v._job_first_words()
    assert words is not None
    for role in name_words().roles:
        if role.isascii():
            assert v._may_hold_job(f"Sam Lee, {role.upper()}"), role


@given(_ANY)
def test_cased_letters_are_found_as_by_each_character(text: str) -> None:
    assert v._has_cased_letter(text) == any(char.isupper() or char.islower() for char in text), text


@given(_ANY)
def test_folding_a_text_folds_each_of_its_words(text: str) -> None:
    """What the fast paths build on: fold(text).split() is each word folded, less empty ones."""
    assert fold(text).split() == [fold(word) for word in text.split() if fold(word)], text


def test_no_empty_word_starts_a_label_or_names_a_channel() -> None:
    assert "" not in v._first_words()
    assert "" not in name_words().share
    assert not v._may_start_label("\u0640")  # a word folding drops entirely


@given(_ANY)
def test_read_line_reads_every_text_as_before_in_its_parts(text: str) -> None:
    """The separators and labels found by the fast paths give the parts the loops give."""
    view = " ".join(text.split())
    cuts = [0]
    for found in re.finditer(v._SEPARATOR, view):
        cuts.extend(found.span())
    cuts.append(len(view))
    slow = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        slow.extend(v._split_at_labels(view, start, end))
    assert v._segments(view) == [(start, end) for start, end in slow if end > start], view


def _label_opening_scanned(view: str, start: int, end: int) -> re.Match[str] | None:
    """The label opening view[start:end] as found token by token: the first token at `start`,
    that (then the next) may start a label, and the label pattern matched there."""
    tokens = v._TOKEN.finditer(view, start, end)
    first, following = next(tokens, None), next(tokens, None)
    if first is None or first.start() != start:
        return None
    if not v._may_start_label(first[0], following[0] if following else ""):
        return None
    return v._match_label(view, start, end)


@given(_ANY, st.integers(0, 5), st.integers(0, 5))
def test_the_label_opening_a_segment_is_the_scanned_one(text: str, lead: int, trail: int) -> None:
    start, end = min(lead, len(text)), max(min(lead, len(text)), len(text) - trail)
    quick, scanned = v._label_at(text, start, end), _label_opening_scanned(text, start, end)
    assert (quick and quick.span()) == (scanned and scanned.span()), text


def _is_date_with_the_shape_first(text: str) -> bool:
    text = plain(text)
    if not v._DIGIT.search(text):
        return v._is_relative(text)
    has_month = bool(v._DATE_SHAPE.search(text))
    for token in text.replace(",", " ").split():
        kind = v._date_token(token)
        if kind is None:
            return v._is_relative(text)
        has_month = has_month or kind
    return has_month or v._is_relative(text)


_DATES = st.lists(
    st.sampled_from(
        [
            *("3", "03/04/2021", "2021-03-04", "04:23", "4.23", "PM", "EST", "March", "mars", "le", "am"),
            *(
                ",",
                "x",
                "hours",
                "ago",
                "yesterday",
                "3.mar.2021",
                "10h30",
                "+02:00",
                "(UTC+1)",
                "١٢",
                "\u0660",
            ),
        ]
    ),
    max_size=8,
).map(" ".join)


@given(_DATES | _ANY)
def test_a_date_is_told_as_with_the_shape_searched_first(text: str) -> None:
    assert v.is_date(text) == _is_date_with_the_shape_first(text), text


_CRUMBS = st.lists(
    st.sampled_from(["Home", "World", " > ", ">", " / ", "/", " \u203a ", "\u203a", "»", " » ", "a b", " "]),
    max_size=8,
)


@given(_CRUMBS.map("".join) | _ANY)
def test_a_line_without_a_crumb_mark_is_no_breadcrumb_as_the_split_says(text: str) -> None:
    if not any(mark in text for mark in v._CRUMB_MARKS):
        assert v._CRUMB.split(text) == [text], text
    assert v.breadcrumb(text) == _breadcrumb_split(text), text


def _breadcrumb_split(view: str) -> list[str] | None:
    parts = v._CRUMB.split(view)
    if len(parts) < 2 or not all(0 < len(part.split()) <= 4 and part[0].isalnum() for part in parts):
        return None
    return parts if len(parts) >= 3 or "\u203a" in view or "»" in view else None


@given(_ANY)
def test_a_byline_line_is_separated_as_the_pattern_says(text: str) -> None:
    assert byline._is_separated(text) == bool(byline._SEPARATED.search(text)), text


_WORDS = st.lists(
    st.sampled_from([*_PIECES, "min.", "by.x", "a.m.", "By:", "by:,", "Tags;", ".", ":"]), max_size=10
)


@given(_WORDS.map(" ".join) | _WORDS.map("".join) | _ANY)
def test_a_text_refused_as_holding_a_label_word_holds_none(text: str) -> None:
    folded = fold(text)
    if not v._may_hold_label_word(folded):
        assert v._first_words().isdisjoint(word.rstrip(v._LABEL_END) for word in folded.split()), text


@given(_WORDS)
def test_a_word_that_may_start_a_label_is_a_first_word(words: list[str]) -> None:
    for word, following in zip(words, [*words[1:], ""], strict=False):
        if v._may_start_label(word, following):
            assert fold(word).rstrip(v._LABEL_END) in v._first_words(), word


# --- the patterns of ASCII words for ASCII text, the reading of a line kept ---

_COUNTED_LABELS = sorted(v._counted_labels())
_COUNTS = st.tuples(
    st.sampled_from(["1", "12", "1,234", "1.234", "1 234", "4", "\u0663", "١٢", "x", "", " 3"]),
    st.sampled_from(["", " ", "  ", "\t", "\u00a0"]),
    st.sampled_from(_COUNTED_LABELS),
    st.sampled_from([str.lower, str.upper, str.title, str.capitalize]),
    st.sampled_from(["", ".", "s", " ago", "\u212a", "\u017f"]),
).map(lambda parts: parts[0] + parts[1] + parts[3](parts[2]) + parts[4])


def _matched(found: re.Match[str] | None) -> tuple[tuple[int, int], dict[str, str | None]] | None:
    return None if found is None else (found.span(), found.groupdict())


@given(_COUNTS | _ANY)
def test_a_counted_value_is_matched_as_the_whole_pattern_matches_it(text: str) -> None:
    assert _matched(v._counted(text)) == _matched(v._counted_pattern().fullmatch(text)), text


def test_counted_values_of_every_label_are_matched() -> None:
    """The ASCII pattern holds every ASCII label: each is found after a count, in any case."""
    for label in _COUNTED_LABELS:
        for text in (f"1,234 {label}", f"12 {label.upper()}"):
            assert _matched(v._counted(text)) == _matched(v._counted_pattern().fullmatch(text)), text
            assert v._counted(text) is not None or not label.isascii(), text


def test_a_count_opens_with_what_str_isdecimal_takes_for_a_digit() -> None:
    """What _counted's refusal builds on: \\d matches the characters str.isdecimal() takes."""
    digit = re.compile(r"\d")
    for code in range(0x110000):
        char = chr(code)
        assert bool(digit.match(char)) == char.isdecimal(), hex(code)


@given(_ROLES | _ANY)
def test_a_job_is_found_as_the_whole_pattern_finds_it(text: str) -> None:
    found, whole = v._job_in(text), v._job_pattern().search(text)
    assert (found and found.span()) == (whole and whole.span()), text


def test_phrases_with_a_letter_ignorecase_takes_for_ascii_keep_the_whole_pattern() -> None:
    assert v._ascii_only(["views", "مشاهدة", "vues"]) == ["views", "vues"]
    for char, ascii_letter in (("\u212a", "k"), ("\u017f", "s"), ("\u0131", "i"), ("\u0130", "i")):
        assert v._ascii_only(["views", f"a{char}b"]) is None, char
        assert re.fullmatch(f"a{char}b", f"a{ascii_letter}b", re.IGNORECASE), char  # why they must stay


@given(_COUNTS | _DATES | _ANY)
def test_a_line_read_again_is_read_as_afresh(text: str) -> None:
    view = " ".join(text.split())
    assert v.read_line(view) == v._read_line(view), view
    assert v.read_line(view) == v._read_line(view), view  # the kept reading


_BYLINE_LINES = st.sampled_from(
    [
        "By Jane Smith",
        "Home > World > Africa",
        "Tripoli Times | Sport",
        "Libya and US sign drug pact",
        "PUBLISHED: 10:23 EST, 3 March 2021 | UPDATED: 11:45 EST, 3 March 2021",
        "Share: Facebook | Twitter",
        "2,345 views",
        "3 March 2021",
    ]
)


@given(_BYLINE_LINES | _COUNTS | _DATES | _ANY)
def test_a_byline_line_classed_again_is_classed_as_afresh(text: str) -> None:
    view = " ".join(text.split())
    afresh = byline._kind_of.__wrapped__(view)
    for _ in range(2):  # the second time from what is kept
        line = byline._classified(3, view)
        assert (line.index, line.view) == (3, view)
        if len(view) <= byline.MAX_LABELLED_LINE:
            assert (line.kind, line.parts) == afresh, view
