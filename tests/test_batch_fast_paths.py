"""Fast paths of the per-file plumbing (record building, repairs, counts, names) hold to the
slow ways they stand in for, on generated input."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from artparse import extract
from artparse.dialects.header import Header
from artparse.frozen import build
from artparse.record import FIELDS, Article

settings.register_profile("artparse", deadline=None, max_examples=200)
settings.load_profile("artparse")

# Texts of every kind a header may hold: ASCII, other letters, lone and paired surrogates.
_CHARACTERS = ["a", " ", "é", "\u2028", "\ud800", "\udc00", "\U0001f600", "\ufffd"]
_TEXT = st.text(st.sampled_from(_CHARACTERS), max_size=6)
_OPTIONAL = st.none() | _TEXT
_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_FIELD_VALUES = st.fixed_dictionaries(
    {
        "source": _OPTIONAL,
        "dialect": _OPTIONAL,
        "title": _OPTIONAL,
        "author": _OPTIONAL,
        "published": _OPTIONAL,
        "published_raw": _OPTIONAL,
        "updated": _OPTIONAL,
        "updated_raw": _OPTIONAL,
        "updated_by": _OPTIONAL,
        "share": st.lists(_TEXT, max_size=3).map(tuple),
        "visits": st.none() | st.integers(min_value=0),
        "tags": st.lists(_TEXT, max_size=3).map(tuple),
        "words": st.integers(min_value=0),
        "extra": st.dictionaries(_TEXT, _JSON, max_size=3),
        "warnings": st.lists(_TEXT, max_size=3).map(tuple),
        "body": _TEXT,
    }
)


def _same_article(made: Article, expected: Article) -> None:
    assert made == expected
    assert repr(made) == repr(expected)
    assert list(vars(made)) == list(FIELDS)  # the order orjson writes the fields in
    assert made.to_dict() == expected.to_dict()
    try:
        assert orjson.dumps(made) == orjson.dumps(expected)
    except TypeError:  # a lone surrogate: refused by both
        with pytest.raises(TypeError):
            orjson.dumps(expected)


@given(_FIELD_VALUES)
def test_building_an_article_from_its_fields_in_order_is_constructing_it(fields: dict[str, Any]) -> None:
    expected = Article(**fields)
    _same_article(build(Article, dict(fields)), expected)


@given(_FIELD_VALUES, st.randoms(use_true_random=False), st.integers(min_value=0, max_value=16))
def test_fields_out_of_order_or_missing_go_through_the_constructor(
    fields: dict[str, Any], order: Any, kept: int
) -> None:
    names = list(fields)
    order.shuffle(names)
    some = {name: fields[name] for name in names[:kept]}
    _same_article(build(Article, dict(some)), Article(**some))


def test_building_refuses_what_the_constructor_refuses() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'author_name'"):
        build(Article, {"author_name": "x"})
    made = build(Article, {})
    assert made == Article() and made.extra == {} and made.extra is not Article().extra


_LIST = st.lists(_TEXT, max_size=3)
_HEADERS = st.builds(
    Header,
    body_start=st.integers(min_value=0, max_value=3),
    title=_OPTIONAL,
    author=_OPTIONAL,
    published_raw=_OPTIONAL,
    updated_raw=_OPTIONAL,
    updated_by=_OPTIONAL,
    share=_LIST,
    tags=_LIST,
    extra=st.dictionaries(_TEXT, _JSON, max_size=3),
    warnings=_LIST,
)


def _slots(header: Header) -> list[object]:
    return [getattr(header, name) for name in Header.__slots__]


@given(_HEADERS, st.sampled_from([0, 0, 1, 3]))
def test_a_header_of_plain_texts_is_repaired_as_text_by_text(header: Header, replaced: int) -> None:
    quick, slow = copy.deepcopy(header), copy.deepcopy(header)
    extract._repair_header(quick, replaced)
    extract._repair_each(slow, replaced)
    assert _slots(quick) == _slots(slow)


def test_a_header_of_other_values_is_looked_at_text_by_text() -> None:
    odd = Header(0, title=5, share=("é\ud800",), tags=[None])  # type: ignore[arg-type]  # no dialect's
    assert not extract._plain_texts(odd)
    assert not extract._plain_texts(Header(0, extra={"k": ["\ud800"]}))
    assert extract._plain_texts(Header(0, title="A", share=["x"], extra={"k": [1, "v"]}))


@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0ab"), max_size=40))
def test_words_are_counted_by_their_edges_as_str_split_counts_them(text: str) -> None:
    assert extract._words(text) == len(text.split())


def test_the_usual_decoding_and_outcome_are_the_named_tuples_their_constructors_make(tmp_path: Any) -> None:
    import io

    from artparse.decoding import Decoded, decode_bytes
    from artparse.extract import DEFAULT_PARSE
    from artparse.outcomes import Rendered
    from artparse.sinks import TextRender
    from artparse.sources import Input, ReadOptions
    from artparse.step import Step, StepSettings

    decoded = decode_bytes(b"Posted by A on 2021-03-04\nText.\n")
    assert type(decoded) is Decoded and decoded == Decoded("Posted by A on 2021-03-04\nText.\n", "utf-8")
    assert decoded.warnings == ()
    path = tmp_path / "a.txt"
    path.write_bytes(b"Posted by A on 2021-03-04\nText.\n")
    step = Step(StepSettings(DEFAULT_PARSE, ReadOptions(), TextRender("jsonl")), io.BytesIO())
    (outcome,) = step(Input(str(path), explicit=True))
    assert type(outcome) is Rendered
    assert outcome == Rendered(str(path), (), outcome.payload, None, str(path))
    assert (outcome.source, outcome.stamp, outcome.path) == (str(path), None, str(path))


# Names a walk may meet: suffixes read and not, in either case, hidden, gzipped, none at all.
_NAME = st.builds(
    "".join,
    st.lists(
        st.sampled_from(["a", "T", ".", ".txt", ".TXT", ".md", ".mbox", ".gz", ".tmp", "é", ".sgml", ".jpg"]),
        min_size=1,
        max_size=4,
    ),
)
_KIND = st.sampled_from(["file", "file", "directory", "link", "broken link", "fifo"])


def _make_tree(root: Any, entries: list[tuple[str, str]]) -> None:
    import os

    for number, (name, kind) in enumerate(entries):
        folder = root / ("d" if number % 2 else "e")  # two folders, so a name may repeat
        folder.mkdir(exist_ok=True)
        path = folder / name
        if os.path.lexists(path):
            continue
        if kind == "file":
            path.write_text("x")
        elif kind == "directory":
            path.mkdir()
            (path / "inner.txt").write_text("y")
        elif kind == "link":
            path.symlink_to(root / "e")
        elif kind == "broken link":
            path.symlink_to(root / "nowhere")
        else:
            os.mkfifo(path)


@settings(max_examples=60)
@given(
    st.lists(st.tuples(_NAME, _KIND), max_size=12),
    st.booleans(),
    st.booleans(),
    st.sampled_from([(), ("*.TXT",)]),
    st.booleans(),
    st.sampled_from([None, r"\.a\.tmp", r"a\.txt|T\.md(?:-journal)?", r"a.*"]),
)
@example([("a.txt", "file"), ("T.md", "file"), ("a.md", "file")], False, False, (), False, r"a\.txt|T\.md")
def test_the_walk_tells_the_usual_file_as_classify_does(
    entries: list[tuple[str, str]],
    hidden: bool,
    containers: bool,
    patterns: tuple[str, ...],
    own: bool,
    temporary: str | None,
) -> None:
    import os
    import re
    import tempfile
    from pathlib import Path

    from artparse import sources

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _make_tree(root, entries)
        files: frozenset[tuple[int, int]] = frozenset()
        for path in sorted(root.rglob("*")):  # the last file a walk reads: the run's own output
            if own and path.is_file() and not path.is_symlink() and path.name.endswith((".txt", ".md")):
                info = os.stat(path)
                files = frozenset({(info.st_dev, info.st_ino)})
        own_output = sources.OwnOutput(files, None if temporary is None else re.compile(temporary))
        for follow in (False, True):
            options = sources.WalkOptions(patterns, follow, own_output, hidden, containers)
            quick = list(sources.iter_inputs([folder], options))
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(sources, "_quick_suffixes", lambda options: ())
                slow = list(sources.iter_inputs([folder], options))
            assert quick == slow
            assert [type(item) for item in quick] == [type(item) for item in slow]


@given(
    st.builds(
        "".join, st.lists(st.sampled_from(["a", "/", ".", "txt", "TXT", "mbox", "wet", "gz", "md", "x"]))
    )
)
def test_a_path_with_a_plain_suffix_names_no_container(path: str) -> None:
    from artparse.members import _plain_suffixes, named_kind
    from artparse.sources import Input

    if path.endswith(_plain_suffixes()):
        assert named_kind(Input(path, False), None) is None


def test_the_plain_suffixes_are_the_article_suffixes_no_container_suffix_overlaps() -> None:
    from artparse.containers import by_name
    from artparse.members import _plain_suffixes
    from artparse.sources import ARTICLE_SUFFIXES

    assert ".txt" in _plain_suffixes()
    assert set(_plain_suffixes()) <= set(ARTICLE_SUFFIXES)
    for suffix in _plain_suffixes():
        assert by_name("x" + suffix) is None and by_name("x.mbox" + suffix) is None


@settings(max_examples=40)
@given(st.lists(st.binary(max_size=3000) | st.integers(0, 300_000).map(b"z".__mul__), min_size=1, max_size=5))
def test_messages_are_received_as_recv_bytes_receives_them(messages: list[bytes]) -> None:
    import socket
    import threading
    from multiprocessing.connection import Connection

    from artparse import pool

    ours, theirs = socket.socketpair()
    mine, child = Connection(ours.detach()), Connection(theirs.detach())
    writer = threading.Thread(target=lambda: [child.send_bytes(message) for message in messages])
    writer.start()
    workers = pool.Workers.__new__(pool.Workers)  # no processes: only its buffer
    workers._buffer = bytearray()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pool, "KEPT_BUFFER", 100_000)  # larger messages are read into a buffer of their own
        received = [bytes(workers._received(mine)) for _ in messages]
    writer.join()
    assert received == messages
    child.close()
    with pytest.raises(EOFError):
        workers._received(mine)
    mine.close()


def test_a_message_cut_short_is_an_os_error() -> None:
    import socket
    from multiprocessing.connection import Connection

    from artparse import pool

    ours, theirs = socket.socketpair()
    mine = Connection(ours.detach())
    theirs.sendall((10).to_bytes(4, "big") + b"abc")
    theirs.close()
    workers = pool.Workers.__new__(pool.Workers)
    workers._buffer = bytearray()
    with pytest.raises(OSError, match="end of file during message"):
        workers._received(mine)
    mine.close()


def test_building_runs_the_post_init_the_constructor_runs() -> None:
    from artparse.frozen import dataclass

    @dataclass(frozen=True)
    class Checked:
        low: int
        high: int

        def __post_init__(self) -> None:
            if self.low > self.high:
                raise ValueError("low above high")

    @dataclass(frozen=True)
    class Plain:
        low: int

    assert build(Checked, {"low": 1, "high": 2}) == Checked(low=1, high=2)
    for made in (lambda: build(Checked, {"low": 3, "high": 2}), lambda: Checked(low=3, high=2)):
        with pytest.raises(ValueError, match="low above high"):
            made()
    assert build(Plain, {"low": 1}) == Plain(low=1)
