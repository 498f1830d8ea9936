"""Walking and reading: what a walk reads, skips and reports; caps; FIFOs; vanished files."""

from __future__ import annotations

import inspect
import os
import re
import socket
import sys
from io import BytesIO
from pathlib import Path

import pytest

from artparse.errors import InputError, SkippedInWalk
from artparse.extract import ParseOptions
from artparse.sources import (
    ALREADY_WALKED,
    BROKEN_SYMLINK,
    LOOP,
    NOT_REGULAR,
    OTHER_FILE,
    OWN_OUTPUT,
    SYMLINK,
    VANISHED,
    Input,
    OwnOutput,
    Problem,
    ReadOptions,
    WalkOptions,
    display_path,
    iter_inputs,
    read_bytes,
)
from artparse.step import process

GOOD = b"Posted by AI on 2025-11-01\nBody.\n"
NO_STDIN = BytesIO()


def make(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(GOOD)


def walk(root: Path, **options: object) -> list[tuple[str, str]]:
    """(relative path, what happened) for every path the walk gives, in order."""
    found = []
    for item in iter_inputs([str(root)], WalkOptions(**options)):  # type: ignore[arg-type]
        relative = os.path.relpath(item.path, root)
        found.append((relative, "read" if isinstance(item, Input) else item.reason))
    return found


def test_a_walk_is_sorted_and_reads_regular_files_only(tmp_path: Path) -> None:
    make(tmp_path, "b.txt", "a/z.txt", "a/b/c.txt", "A.txt", "data.json")
    os.mkfifo(tmp_path / "fifo.txt")
    os.symlink("b.txt", tmp_path / "link.txt")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "socket.txt"))
        assert walk(tmp_path) == [
            ("A.txt", "read"),
            ("a/b/c.txt", "read"),
            ("a/z.txt", "read"),
            ("b.txt", "read"),
            ("data.json", OTHER_FILE),
            ("fifo.txt", NOT_REGULAR),
            ("link.txt", SYMLINK),
            ("socket.txt", NOT_REGULAR),
        ]


def test_follow_reads_through_links_and_stops_at_loops(tmp_path: Path) -> None:
    make(tmp_path, "a/b/c.txt", "x.txt")
    os.symlink("../..", tmp_path / "a/b/loop")
    os.symlink("self", tmp_path / "a/self")  # resolves to itself: ELOOP
    os.symlink("x.txt", tmp_path / "y.txt")
    os.symlink("missing.txt", tmp_path / "z.txt")
    assert walk(tmp_path, follow=True) == [
        ("a/b/c.txt", "read"),
        ("a/b/loop", f"{LOOP} (leads back to {tmp_path})"),
        ("a/self", f"{LOOP} (the link resolves to itself)"),
        ("x.txt", "read"),
        ("y.txt", "read"),
        ("z.txt", BROKEN_SYMLINK),
    ]


def test_follow_walks_each_directory_once_however_many_links_lead_to_it(tmp_path: Path) -> None:
    # ripgrep #1353: N directories each linking to all the others blow up without a visited set.
    names = [f"d{i}" for i in range(5)]
    make(tmp_path, *(f"{name}/file.txt" for name in names))
    for name in names:
        for other in names:
            if other != name:
                os.symlink(f"../{other}", tmp_path / name / f"to-{other}")
    found = walk(tmp_path, follow=True)
    read = [os.path.realpath(tmp_path / path) for path, what in found if what == "read"]
    assert sorted(read) == [os.path.realpath(tmp_path / name / "file.txt") for name in names]
    assert {what.split(" (")[0] for _, what in found if what != "read"} == {ALREADY_WALKED, LOOP}
    assert len(found) == 5 + 5 * 4  # each directory listed once, so each link met once


def test_follow_never_climbs_above_the_root(tmp_path: Path) -> None:
    make(tmp_path, "tree/a.txt")
    os.symlink("/", tmp_path / "tree/root")
    os.symlink("..", tmp_path / "tree/parent")
    assert walk(tmp_path / "tree", follow=True) == [
        ("a.txt", "read"),
        ("parent", f"{LOOP} (leads back to {tmp_path})"),
        ("root", f"{LOOP} (leads back to /)"),
    ]


def test_a_tree_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    # CPython's test of its iterative os.walk does the same: a low limit, not a huge tree
    # (pytest's own clean-up, shutil.rmtree, recurses on Python 3.11 and fails on one).
    deepest = tmp_path.joinpath(*["d"] * 100)
    deepest.mkdir(parents=True)
    (deepest / "a.txt").write_bytes(GOOD)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 40)
    try:
        found = walk(tmp_path)
    finally:
        sys.setrecursionlimit(old_limit)
    assert found == [("/".join(["d"] * 100 + ["a.txt"]), "read")]


def test_files_and_directories_that_vanish_during_a_walk_are_skipped_and_said(tmp_path: Path) -> None:
    make(tmp_path, "a/1.txt", "a/2.txt", "b/3.txt")
    walking = iter_inputs([str(tmp_path)])
    first = next(walking)
    assert isinstance(first, Input)
    (tmp_path / "a/2.txt").unlink()  # after the listing of a/, before its turn
    for name in ("b/3.txt", "b"):
        (tmp_path / name).unlink() if name.endswith(".txt") else (tmp_path / name).rmdir()
    rest = list(walking)
    outcomes = [process(item, ParseOptions(), NO_STDIN) if isinstance(item, Input) else item for item in rest]
    assert [(os.path.relpath(o.path, tmp_path), o.reason, o.skipped) for o in outcomes] == [  # type: ignore[union-attr]
        ("a/2.txt", VANISHED, True),
        ("b", VANISHED, True),
    ]


def test_a_named_file_that_is_missing_is_a_failure_not_a_skip(tmp_path: Path) -> None:
    [problem] = iter_inputs([str(tmp_path / "missing.txt")])
    assert problem == Problem(str(tmp_path / "missing.txt"), "No such file or directory")


@pytest.mark.timeout(10)
def test_a_fifo_swapped_in_after_the_listing_is_not_opened_for_reading(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "article.txt")  # no writer: a plain open() would wait forever
    with pytest.raises(SkippedInWalk, match=f"^{NOT_REGULAR}$"):
        read_bytes(Input(str(tmp_path / "article.txt"), explicit=False), NO_STDIN)


def test_a_file_swapped_for_a_link_after_the_listing_is_not_read_through_it(tmp_path: Path) -> None:
    (tmp_path / "secret").write_bytes(GOOD)
    os.symlink("secret", tmp_path / "article.txt")
    with pytest.raises(SkippedInWalk, match=f"^{re.escape(SYMLINK)}$"):
        read_bytes(Input(str(tmp_path / "article.txt"), explicit=False, may_be_link=False), NO_STDIN)


def test_a_sparse_multi_gigabyte_file_is_rejected_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(5 * 1024**3)
    outcome = process(Input(str(huge), explicit=False), ParseOptions(), NO_STDIN)
    assert outcome == Problem(
        str(huge), "too large: 5 GiB (5,368,709,120 bytes), the limit is 32 MiB (see --max-size)"
    )


def test_the_size_limit_is_inclusive(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(GOOD)
    assert read_bytes(Input(str(article), explicit=True), NO_STDIN, max_size=len(GOOD)) == GOOD
    with pytest.raises(InputError, match=r"^too large: 33 bytes, the limit is 32 bytes \(see --max-size\)$"):
        read_bytes(Input(str(article), explicit=True), NO_STDIN, max_size=len(GOOD) - 1)


@pytest.mark.timeout(10)
def test_an_endless_device_or_stream_is_cut_at_the_limit() -> None:
    with pytest.raises(InputError, match=r"^too large: more than 1000 bytes \(see --max-size\)$"):
        read_bytes(Input("/dev/zero", explicit=True), NO_STDIN, max_size=1000)
    stdin = BytesIO(b"x" * 2000)
    with pytest.raises(InputError, match=r"more than 1.5 KiB"):
        read_bytes(Input("-", explicit=True), stdin, max_size=1536)


def test_read_options_reach_the_reader(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes("Posted by Zoé on 2025-11-01\nBody\n".encode("cp1252"))
    strict = process(
        Input(str(article), explicit=True), ParseOptions(), NO_STDIN, ReadOptions(encoding="utf-8")
    )
    assert strict == Problem(str(article), "not valid utf-8 (byte 12)")
    small = process(Input(str(article), explicit=True), ParseOptions(), NO_STDIN, ReadOptions(max_size=10))
    assert isinstance(small, Problem) and small.reason.startswith("too large")


def test_a_walk_never_reads_our_own_output(tmp_path: Path) -> None:
    make(tmp_path, "a.txt", "out", ".out.jsonl.abcd1234.tmp", ".out.jsonl.notours.tmp")
    info = (tmp_path / "out").stat()
    own = OwnOutput(
        files=frozenset({(info.st_dev, info.st_ino)}),
        temporary_name=re.compile(r"\.out\.jsonl\.[a-z0-9_]{8}\.tmp"),
    )
    assert walk(tmp_path, own_output=own, patterns=["*"], hidden=True) == [
        (".out.jsonl.abcd1234.tmp", OWN_OUTPUT),
        (".out.jsonl.notours.tmp", "read"),
        ("a.txt", "read"),
        ("out", OWN_OUTPUT),
    ]


def test_undecodable_file_names_become_valid_text(tmp_path: Path) -> None:
    name = os.fsdecode(b"art\xff.txt")
    (tmp_path / name).write_bytes(GOOD)
    [item] = iter_inputs([str(tmp_path)])
    record = process(item, ParseOptions(), NO_STDIN)  # type: ignore[arg-type]
    assert getattr(record, "source", None) == f"{tmp_path}/art\\xff.txt"
    assert display_path("plain/ü.txt") == "plain/ü.txt"
