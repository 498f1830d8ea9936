"""Finding inputs and reading them as text: the only module that touches the file system."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from artparse.errors import BinaryInput, InputError

STDIN = "-"
ARTICLE_PATTERNS = ("*.txt", "*.text", "*.md", "*.markdown", "*.mdx", "*.rst", "*.eml")
"""File names read in a directory walk unless --glob says otherwise (plus names with no suffix)."""
OTHER_FILE = "other file name (see --glob)"


@dataclass(frozen=True)
class Input:
    """A file to read: named on the command line (`explicit`) or found in a directory walk."""

    path: str
    explicit: bool


@dataclass(frozen=True)
class Problem:
    """Something named or found that gives no record: a failure, or a skip by design."""

    path: str
    reason: str
    skipped: bool = False


def iter_inputs(paths: Iterable[str], patterns: Sequence[str] = ()) -> Iterator[Input | Problem]:
    """Each path as given; directories walked depth-first in sorted order, symlinks not followed.

    In a walk, only file names matching `patterns` are read (by default ARTICLE_PATTERNS and
    names without a suffix); the others are skipped, and counted.
    """
    for path in paths:
        if path == STDIN:
            yield Input(path, explicit=True)
            continue
        try:
            is_directory = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as error:
            yield Problem(path, describe_os_error(error))
            continue
        if is_directory:
            yield from _walk(path, patterns)
        else:
            yield Input(path, explicit=True)


def _walk(root: str, patterns: Sequence[str]) -> Iterator[Input | Problem]:
    # An explicit stack instead of recursion: deep trees cannot exhaust Python's recursion limit.
    pending: list[os.DirEntry[str] | str] = [root]
    while pending:
        entry = pending.pop()
        if isinstance(entry, str) or entry.is_dir(follow_symlinks=False):
            directory = entry if isinstance(entry, str) else entry.path
            try:
                with os.scandir(directory) as listing:
                    children = sorted(listing, key=lambda child: child.name)
            except OSError as error:
                yield Problem(directory, describe_os_error(error))
                continue
            pending.extend(reversed(children))
        elif not entry.is_file(follow_symlinks=False):
            reason = "symbolic link (not followed)" if entry.is_symlink() else "not a regular file"
            yield Problem(entry.path, reason, skipped=True)
        elif _is_article_name(entry.name, patterns):
            yield Input(entry.path, explicit=False)
        else:
            yield Problem(entry.path, OTHER_FILE, skipped=True)


def _is_article_name(name: str, patterns: Sequence[str]) -> bool:
    if patterns:
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)
    suffix = os.path.splitext(name)[1]
    return not suffix or any(fnmatch.fnmatchcase(name.lower(), p) for p in ARTICLE_PATTERNS)


def read_bytes(item: Input, stdin: BinaryIO) -> bytes:
    """The whole input; InputError with the reason when it cannot be read."""
    if item.path == STDIN:
        return stdin.read()
    try:
        with open(item.path, "rb") as file:
            return file.read()
    except OSError as error:
        raise InputError(describe_os_error(error)) from error


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); BinaryInput for NUL bytes, InputError for invalid UTF-8."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (byte {error.start})") from error


def describe_os_error(error: OSError) -> str:
    """'Permission denied' rather than '[Errno 13] Permission denied: path'."""
    return error.strerror or str(error)


SQLITE_MAGIC = b"SQLite format 3\x00"


def size_and_mtime(path: str) -> tuple[int, int]:
    """The file's size in bytes and modification time in nanoseconds; InputError when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise InputError(describe_os_error(error)) from error
    return status.st_size, status.st_mtime_ns


def has_vanished(path: str) -> bool:
    """True only when nothing is at `path` any more (an unreadable folder is not a vanished file)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def is_sqlite_database(path: str) -> bool:
    """Whether `path` is a file that starts like an SQLite database."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a pipe must not lose its first bytes to this check
        with open(path, "rb") as file:
            return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False
