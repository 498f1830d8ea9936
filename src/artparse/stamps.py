"""File stamps: what a database run records of each file, to tell on the next run whether it changed.

A file is unchanged when its size and modification time are those recorded, or, when they are not,
its content hash is; and in both cases the parse settings (artparse's version and options) are
the same as when the record was made.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import BinaryIO

from artparse.batch import ParseOptions, input_problem, process, process_bytes
from artparse.errors import InputError
from artparse.record import Article
from artparse.sources import STDIN, Input, Problem, ReadOptions, read_bytes, size_and_mtime

UNCHANGED = "unchanged"
"""The skip reason of a file that an incremental run did not parse again."""


@dataclass(frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str
    settings: str


@dataclass(frozen=True)
class Stamped:
    """An outcome, and the stamp to record for it (None: nothing to record)."""

    outcome: Article | Problem
    stamp: FileStamp | None = None


def settings_key(version: str, options: ParseOptions, reading: ReadOptions) -> str:
    """A short fingerprint of what, besides the file, decides its record."""
    return hashlib.sha256(f"{version}\n{options!r}\n{reading!r}".encode()).hexdigest()[:16]


def process_stamped(
    item: Input,
    options: ParseOptions,
    reading: ReadOptions,
    stdin: BinaryIO,
    settings: str,
    known: FileStamp | None,
) -> Stamped:
    """Like batch.process, and also the file's stamp; with `known` (the recorded stamp), a file
    that has not changed is skipped as UNCHANGED instead of parsed."""
    if item.path == STDIN:
        return Stamped(process(item, options, stdin, reading))
    try:
        size, mtime_ns = size_and_mtime(item.path)  # before reading: a later change must show next time
        if known and (size, mtime_ns, settings) == (known.size, known.mtime_ns, known.settings):
            return Stamped(Problem(item.path, UNCHANGED, skipped=True))
        data = read_bytes(item, stdin, reading.max_size)
    except InputError as error:
        return Stamped(input_problem(item, error))
    stamp = FileStamp(size, mtime_ns, hashlib.sha256(data).hexdigest(), settings)
    if known and (stamp.sha256, stamp.settings) == (known.sha256, known.settings):
        return Stamped(Problem(item.path, UNCHANGED, skipped=True), stamp)  # touched, not edited
    outcome = process_bytes(item, data, options, reading)
    return Stamped(outcome, stamp if isinstance(outcome, Article) else None)
