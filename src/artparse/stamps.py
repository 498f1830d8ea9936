"""File stamps: what a database run records of each file, to tell on the next run whether it changed.

A file is unchanged when its size and modification time are those recorded, or, when they are not,
its content hash is; and in both cases the parse settings (artparse's version and options) are
the same as when the record was made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, BinaryIO

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
    """A short fingerprint of what, besides the file, decides its record: every value spelled
    out in full (repr() cuts a compiled pattern at 200 characters, and hides nothing else)."""
    settings = json.dumps([version, spelled(options), spelled(reading)], sort_keys=True)
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def spelled(value: Any) -> Any:
    """`value` as plain JSON data that holds all of it; TypeError for a kind it cannot spell,
    so that a new setting is never fingerprinted by a guess."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return [type(value).__name__, value.isoformat()]  # isoformat keeps the offset, or its absence
    if isinstance(value, re.Pattern) or _is_regex_pattern(value):
        return {"pattern": value.pattern, "flags": value.flags}
    if isinstance(value, tuple | list):
        return [spelled(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((spelled(item) for item in value), key=json.dumps)
    if isinstance(value, dict):
        return [[spelled(key), spelled(item)] for key, item in value.items()]
    if isinstance(value, Enum):
        return [type(value).__name__, spelled(value.value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: spelled(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return {type(value).__name__: fields}
    raise TypeError(f"cannot fingerprint a setting of type {type(value).__name__}")


def _is_regex_pattern(value: Any) -> bool:
    """A pattern of the `regex` module (--rules); none exists unless that module was imported."""
    module = sys.modules.get("regex")
    return module is not None and isinstance(value, module.Pattern)


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
