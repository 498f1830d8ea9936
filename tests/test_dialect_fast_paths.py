"""Fast paths of the front-matter, rfc822 and byline dialects hold to the slow readings they stand
in for, on generated text; and they do serve the usual shapes (so that the holding means something).

The texts are made of pieces that a quick reader has to tell apart from what it may take: YAML's
indicators, quotes and escapes, comments, tags, anchors, every kind of space and line break YAML or
Python knows, words YAML types (true, null, 0x1F), and keys of every shape.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from artparse.dialects import front_matter, rfc822
from tests.conftest import typed

settings.register_profile("dialect-fast-paths", deadline=None, max_examples=400)
settings.load_profile("dialect-fast-paths")


def _slowly(lines: list[str]) -> object:
    """What the YAML loader and _native make of the block, or the error they raise."""
    try:
        return typed(front_matter._native(front_matter._load_yaml("\n".join(lines)), [10_000], 0))
    except Exception as error:
        return (type(error), str(error))


_YAML_PIECES = [
    *("title", "Title", "date", "author", "tags", "a b", "x_1", "k.v", "a-b", "2021", "1", "01"),
    *("true", "False", "yes", "NO", "on", "null", "Null", "~", "<<", "=", "0x1F", "1_000", "0755"),
    *("+4", "-3", "-0", "3.10", ".nan", "1e3", "12345678901234567890", "2013-05-06 02:12:52 +0200"),
    *(":", ": ", " :", "::", " #", "#", "# c", "-", "- ", "?", "? ", ",", "[", "]", "{", "}"),
    *("&a", "*a", "!", "!!str", "!!int", "|", ">", "%", "@", "`", "'", "''", '"', '""', "\\", "\\n"),
    *(" ", "  ", "\t", "\u00a0", "\u2028", "\u2029", "\x85", "\ufeff", "\r", "\x00", "\x07", "\x7f"),
    *("Été", "café…", "أحمد", "\ue000", "\U0001f600", "\ufffe", "---", "...", "=?utf-8?q?x?="),
]
_YAML_TEXT = st.lists(st.sampled_from(_YAML_PIECES), max_size=6).map("".join)
_YAML_KEYS = st.sampled_from(_YAML_PIECES[:25]) | _YAML_TEXT
_YAML_VALUES = (
    _YAML_TEXT
    | st.builds("'{}'".format, _YAML_TEXT)
    | st.builds('"{}"'.format, _YAML_TEXT)
    | st.text(max_size=12)
)
_WORDS = st.sampled_from(["news", "Sara Ali", "3", "a", "x.y", "http://x.org/a", "C#", "it's", "(b)"])
_NEAR_PLAIN = st.lists(st.one_of(_WORDS, _WORDS, st.sampled_from(_YAML_PIECES)), min_size=1, max_size=4).map(
    " ".join
)
_NEAR_LINES = st.tuples(
    st.sampled_from(_YAML_PIECES[:25]),
    st.sampled_from([": ", ":", ": "]),
    _NEAR_PLAIN | st.builds("'{}'".format, _NEAR_PLAIN) | st.builds('"{}"'.format, _NEAR_PLAIN),
).map("".join)
_ANY_LINES = (
    st.tuples(_YAML_KEYS, st.sampled_from([": ", ":", ":  ", " : ", ":\t", ": \t"]), _YAML_VALUES).map(
        "".join
    )
    | st.sampled_from(["", " ", "# comment", "  indented: x", "- item", "---", "...", "%YAML 1.2", "? k"])
    | _YAML_TEXT
)
_YAML_LINES = st.one_of(_NEAR_LINES, _NEAR_LINES, _NEAR_LINES, _ANY_LINES)
"""Lines most of which a quick reader may take, and some of every other kind."""


@given(st.lists(_YAML_LINES, max_size=6))
@example(['title: "Jekyll 1.0.0 Released"', "date: 2013-05-06 02:12:52 +0200", "author: parkr"])
@example(["true: 1", "1: yes", "~: ''", "True: x"])
@example(["a: x", "a: y", "b:", "c: 123456789012345678"])
def test_flat_yaml_gives_what_the_loader_gives_or_hands_over(lines: list[str]) -> None:
    quickly = front_matter._flat_yaml(lines)
    if quickly is not None:
        assert typed(quickly) == _slowly(lines), lines


def test_flat_yaml_reads_the_usual_front_matter() -> None:
    usual = [
        ['title: "Jekyll 3.7.0 Released"', "date: 2018-01-02 11:21:40 +0100", "author: DirtyF"],
        ["date: '2017-01-20T09:00:00.000Z'", "category: community", "title: A, B and C's plan"],
        ["layout: post", "", "draft: false", "weight: 10", "summary:", "description: Café … 3.10"],
    ]
    for lines in usual:
        quickly = front_matter._flat_yaml(lines)
        assert quickly is not None, lines
        assert typed(quickly) == _slowly(lines)


def _tag_by_the_loader(text: str) -> str:
    """The tag the loader's implicit resolvers give the plain scalar `text`, as its resolve() tries
    them: those for its first character ("" for the empty scalar), then those for any."""
    implicit = front_matter._yaml_loader().yaml_implicit_resolvers
    for tag, regexp in (*implicit.get(text[:1], ()), *implicit.get(None, ())):
        if regexp.match(text):
            return str(tag)
    return front_matter._YAML_STR


_SCALARS = (
    st.lists(st.sampled_from(_YAML_PIECES), max_size=4).map("".join)
    | st.sampled_from(["", "~", "null", "Null", "NULL", "nULL", "<<", "=", "!", "&", "*", "true", "tRUE"])
    | st.sampled_from(["yes", "No", "on", "OFF", "y"])
    | st.sampled_from(["0", "-0", "+12", "012", "1_000", "0x1F", "0o7", "1.5", ".inf", "+", "-", "12a", "٣"])
    | st.text(max_size=8)
).filter(str.isprintable)


@given(_SCALARS)
def test_plain_scalars_are_tagged_as_the_loader_tags_them(text: str) -> None:
    tag = front_matter._plain_tag(text)
    by_loader = _tag_by_the_loader(text)
    if tag == front_matter._YAML_OTHER:
        assert by_loader not in front_matter._PLAIN_TAGS, text
    else:
        assert tag == by_loader, text
    if tag == front_matter._YAML_BOOL:
        assert front_matter._plain_typed(tag, text) is front_matter._yaml_loader().bool_values[text.lower()]


def test_the_usual_front_matter_is_read_without_importing_yaml() -> None:
    """The flat reader needs no loader: a run whose front matter is all flat never imports PyYAML."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from artparse import parse_text\n"
        "record = parse_text('---\\ntitle: A day\\ndate: 2021-03-03\\ndraft: false\\nweight: 3\\n"
        "summary:\\nnote: ~\\n---\\nBody.\\n')\n"
        "assert record.title == 'A day', record\n"
        "print('yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False", done.stdout + done.stderr


_MAIL_PIECES = [
    *("jdoe@x.edu", "host!jdoe", "jdoe", "John Doe", "Zoé", "O'Brien", "Jr.", "=?utf-8?q?Zo=C3=A9?="),
    *(" ", "  ", "\t", "\u00a0", ",", ", ", "(", ")", "()", "( )", "<", ">", "<>", '"', '\\"', "\\"),
    *("@", "!", "(John Doe)", "<jdoe@x.edu>", "(a (b) c)", '"Doe, John"', ";", ":", "\u200b"),
]
_MAIL_VALUES = st.lists(st.sampled_from(_MAIL_PIECES), max_size=7).map("".join) | st.text(max_size=12)


@given(_MAIL_VALUES)
@example("jdoe@example.edu (John Doe)")
@example("John Doe <jdoe@example.edu>")
@example("jdoe@x.edu ( )")
@example("<jdoe@x.edu>")
@example("jdoe@x.edu><> >")
def test_usual_display_names_are_the_token_readers_or_hand_over(value: str) -> None:
    quickly = rfc822._usual_display_names(value)
    if quickly is not None:
        assert quickly == rfc822._any_display_names(value), value


def test_usual_display_names_read_the_usual_shapes() -> None:
    for value in ["jdoe@x.edu (John Doe)", "John Doe <jdoe@x.edu>", "John Doe", "host!jdoe (John Doe)"]:
        assert rfc822._usual_display_names(value) == rfc822._any_display_names(value) == "John Doe"
