"""File stamps: what a database run records of each file, to tell on the next run whether it changed.

A file is unchanged when its size and modification time are those recorded, or, when they are not,
its content hash is; and in both cases the parse settings (artparse's version and options) are
the same as when the record was made. The main process compares a file's size and time before
any step (step.is_unchanged, called by pipeline.py: an unchanged file is neither read nor sent to a
worker); the step (step.py) makes the stamps, and compares the content hash when the times differ.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from artparse.extract import ParseOptions
    from artparse.sources import ReadOptions


class FileStamp(NamedTuple):
    size: int
    mtime_ns: int
    sha256: str
    settings: str

    def same_file(self, size: int, mtime_ns: int, settings: str) -> bool:
        return (size, mtime_ns, settings) == (self.size, self.mtime_ns, self.settings)

    def same_content(self, other: FileStamp) -> bool:
        return (other.sha256, other.settings) == (self.sha256, self.settings)

    def __reduce__(self) -> tuple[object, ...]:
        # Remade without a call of the NamedTuple's __new__ (a Python function), in the main
        # process for every record a worker sends (see outcomes.Rendered.__reduce__)
        return tuple.__new__, (FileStamp, tuple(self))


def settings_key(version: str, options: ParseOptions, reading: ReadOptions) -> str:
    """A short fingerprint of what, besides the file, decides its record: every value spelled
    out in full (repr() cuts a compiled pattern at 200 characters, and hides nothing else)."""
    import hashlib

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
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a NamedTuple: as a dataclass
        return {type(value).__name__: {name: spelled(getattr(value, name)) for name in value._fields}}
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


def file_stamp(data: bytes, size: int, mtime_ns: int, settings: str) -> FileStamp:
    import hashlib

    return FileStamp(size, mtime_ns, hashlib.sha256(data).hexdigest(), settings)
