"""Inputs named by URL (`s3://bucket/prefix/`, `gs://…`, `file://…`, `memory://…`), through
fsspec (the `remote` extra), and `--files-from` listings.

A URL naming a prefix is listed recursively and the names are filtered as a directory walk
filters them; the order is a local walk's (sorted by path component), so a URL and a local
copy of the same tree give the same records in the same order (a prefix's listing is held
while it is sorted: object stores list keys, not folders). `source` is the URL as given,
extended by the path found under it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime
from typing import Any, BinaryIO

from artparse.errors import ArtparseError, InputError, SkippedInWalk
from artparse.extras import require
from artparse.ingest import too_large
from artparse.sources import (
    HIDDEN,
    OTHER_FILE,
    STDIN,
    VANISHED,
    Input,
    Problem,
    WalkOptions,
    is_article_name,
    is_url,
    iter_inputs,
    more_than,
)

PURPOSE = "reading URLs"


def iter_all_inputs(paths: Iterable[str], options: WalkOptions | None = None) -> Iterator[Input | Problem]:
    """Like sources.iter_inputs, with URLs among the paths listed through fsspec."""
    options = options or WalkOptions()
    for path in paths:
        if is_url(path):
            yield from iter_url_inputs(path, options)
        else:
            yield from iter_inputs((path,), options)


def iter_url_inputs(url: str, options: WalkOptions | None = None) -> Iterator[Input | Problem]:
    """The object at `url`, or every object under it that a walk would read; hidden names
    (a folder's once, its objects not listed) and other names are skips, as in a walk."""
    options = options or WalkOptions()
    try:
        fs, root = _filesystem(url)
        if fs.info(root)["type"] != "directory":
            yield Input(url, explicit=True)
            return
        found = fs.find(root)
    except Exception as error:  # missing, or the storage's own errors (credentials, network)
        yield Problem(url, _reason(error))
        return
    prefix = url.rstrip("/") + "/"
    hidden_folders: set[str] = set()
    for parts in sorted(path[len(root) :].strip("/").split("/") for path in found):
        hidden = next((i for i, part in enumerate(parts) if part.startswith(".")), None)
        if hidden is not None and not options.hidden:
            name = "/".join(parts[: hidden + 1])
            if name not in hidden_folders:
                hidden_folders.add(name)
                yield Problem(prefix + name, HIDDEN, skipped=True)
        elif is_article_name(parts[-1], options):
            yield Input(prefix + "/".join(parts), explicit=False)
        else:
            yield Problem(prefix + "/".join(parts), OTHER_FILE, skipped=True)


def read_url(item: Input, max_size: int) -> tuple[bytes, datetime | None]:
    """The object's bytes (at most `max_size`) and its modification time when the storage
    gives one with a zone; InputError (SkippedInWalk when it vanished since the listing)."""
    try:
        fs, path = _filesystem(item.path)
        with fs.open(path, "rb") as file:
            data = file.read(max_size + 1)
        modified = _modified(fs, path)
    except FileNotFoundError as error:
        if not item.explicit:
            raise SkippedInWalk(VANISHED) from error
        raise InputError(_reason(error)) from error
    except InputError:
        raise
    except Exception as error:
        raise InputError(_reason(error)) from error
    if len(data) > max_size:
        raise InputError(_too_large(fs, path, max_size))
    return data, modified


def _too_large(fs: Any, path: str, max_size: int) -> str:
    try:
        return too_large(int(fs.size(path)), max_size)
    except Exception:  # the storage cannot say: what we know
        return more_than(max_size)


def _filesystem(url: str) -> tuple[Any, str]:
    core = require("fsspec.core", PURPOSE)
    try:
        fs, path = core.url_to_fs(url)
    except (ImportError, ValueError) as error:  # "Install s3fs to access S3", an unknown protocol
        raise InputError(str(error).splitlines()[0]) from error
    return fs, path


def _modified(fs: Any, path: str) -> datetime | None:
    try:
        moment = fs.modified(path)
    except Exception:  # not every storage keeps one (NotImplementedError, KeyError ...)
        return None
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return None  # a time without a zone names no moment: relative dates stay unread
    return moment.replace(microsecond=0)


def _reason(error: BaseException) -> str:
    if isinstance(error, FileNotFoundError):
        return "No such file or directory"
    if isinstance(error, PermissionError):
        return "Permission denied"
    if isinstance(error, ArtparseError):  # InputError, MissingExtra: already one line
        return str(error)
    detail = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def iter_listed_inputs(
    listing: str, stdin: BinaryIO, options: WalkOptions | None = None
) -> Iterator[Input | Problem]:
    """The inputs a `--files-from` listing names, as if each line were a PATH; a listing that
    cannot be read (any more) is a failure of its own."""
    try:
        with _open_listing(listing, stdin) as lines:
            yield from iter_all_inputs(listed_paths(lines), options)
    except OSError as error:
        yield Problem(listing, error.strerror or str(error))


def listed_paths(listing: Iterable[bytes]) -> Iterator[str]:
    """`--files-from`: one path or URL a line (LF or CRLF), blank lines ignored; names that are
    not UTF-8 kept as the file system spells them. Read as it goes: a listing is never held whole."""
    for line in listing:
        name = line.rstrip(b"\n").removesuffix(b"\r")
        if name:
            yield os.fsdecode(name)


def _open_listing(path: str, stdin: BinaryIO) -> AbstractContextManager[Iterable[bytes]]:
    """The listing (`-`: standard input, left open)."""
    return nullcontext(stdin) if path == STDIN else open(path, "rb")
