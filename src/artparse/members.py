"""Containers in a run: an input that is a container becomes its members, each an input of its own.

The main process expands a container that its name or --container makes known (expand), so its
members are spread over the workers like files and come out in order. A container found only by
its content (an mbox saved as `.txt`) is known once its bytes are read, and its members are read
from them where that happened (expand_read); such a file is capped by --max-size as a whole.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

from artparse import containers
from artparse.containers import NONE
from artparse.containers.pieces import ContainerError
from artparse.containers.reading import Member, Oversized, member_text, members
from artparse.errors import InputError, SkippedInWalk
from artparse.extract import parse_fields, parse_text
from artparse.sources import STDIN, Input, Problem, ReadOptions, display_path, open_stream, too_large

if TYPE_CHECKING:
    from artparse.batch import ParseOptions
    from artparse.record import Article

EMPTY = "empty container (no articles in it)"


@dataclass(frozen=True)
class Part(Input):
    """One member of a container, read and ready to parse: `path` is its source (`a.mbox#3`)."""

    member: Member | None = None


def named_kind(item: Input, forced: str | None) -> str | None:
    """The kind of container `item` is by --container (`forced`) or by its name; None when
    neither says (its content may still show one: see found_kind)."""
    if forced is not None:
        return None if forced == NONE else forced
    if item.path == STDIN or isinstance(item, Part):
        return None
    return containers.by_name(os.path.basename(item.path))


def found_kind(data: bytes, forced: str | None) -> str | None:
    """The kind of container the whole content of a file shows, unless --container decides."""
    return containers.by_content(data, whole=True) if forced is None else None


def expand(item: Input, kind: str, stdin: BinaryIO, max_size: int) -> Iterator[Part | Problem]:
    """The members of the container `item`, streamed from the file; see _members."""
    try:
        with open_stream(item, stdin) as stream:
            yield from _members(item, kind, stream, max_size, _modified(item))
    except InputError as error:
        yield Problem(item.path, str(error), skipped=isinstance(error, SkippedInWalk) and not item.explicit)


def expand_read(
    item: Input, kind: str, data: bytes, max_size: int, now: datetime | None
) -> Iterator[Part | Problem]:
    """The members of a container already read into memory (found by its content)."""
    yield from _members(item, kind, io.BufferedReader(io.BytesIO(data)), max_size, now)


def _members(
    item: Input, kind: str, stream: BinaryIO, max_size: int, now: datetime | None
) -> Iterator[Part | Problem]:
    """Each member as a Part, in order; one over `max_size` is a failure of its own (the others
    are read on); then a Problem when the container breaks off, or when it has no member."""
    count = 0
    try:
        for member in members(kind, stream, display_path(item.path), max_size, now):
            count += 1
            if isinstance(member, Oversized):
                yield Problem(member.source, too_large(member.size or max_size + 1, max_size))
            else:
                yield Part(member.source, item.explicit, member=member)
    except ContainerError as error:
        yield Problem(item.path, str(error), skipped=error.in_walk_only and not item.explicit)
        return
    if not count:
        yield Problem(item.path, EMPTY, skipped=True)


def _modified(item: Input) -> datetime | None:
    """The container's modification time (now, for stdin), to the second: the time its members'
    relative dates count from when the container gives none of its own."""
    try:
        if item.path == STDIN:
            return datetime.now(UTC).replace(microsecond=0)
        return datetime.fromtimestamp(os.stat(item.path).st_mtime, UTC).replace(microsecond=0)
    except (OSError, OverflowError, ValueError):
        return None


def member_outcome(part: Part | Problem, options: ParseOptions, encoding: str | None) -> Article | Problem:
    """The record of a Part (or its Problem); a Problem stays as it is."""
    if isinstance(part, Problem):
        return part
    assert part.member is not None
    try:
        return member_article(part.member, options, encoding)
    except InputError as error:
        return Problem(part.path, str(error))
    except Exception as error:  # a bug on one member must not stop the batch
        return Problem(part.path, f"internal error, please report it: {type(error).__name__}: {error}")


def named_parts(
    items: Iterable[Input | Problem], stdin: BinaryIO, reading: ReadOptions
) -> Iterator[Input | Problem]:
    """The inputs, with each container known by its name (or --container) replaced by its Parts."""
    for item in items:
        kind = named_kind(item, reading.container) if isinstance(item, Input) else None
        if kind is None or not isinstance(item, Input):
            yield item
        else:
            yield from expand(item, kind, stdin, reading.max_size)


def member_article(member: Member, options: ParseOptions, encoding: str | None) -> Article:
    """The record of one member: InputError when its bytes cannot be decoded.

    Relative dates count from --now, else from the member's own time (its WARC-Date), else the
    container's. What the container says of it (the WARC-Target-URI ...) is added to `extra`.
    """
    now = options.now if options.now is not None else member.now
    read = member_text(member, encoding)
    if read.header is not None:
        article = parse_fields(
            member.kind,
            read.header,
            read.text,
            dayfirst=options.dayfirst,
            tz=options.tz,
            utc=options.utc,
            now=now,
            min_date=options.min_date,
        )
    else:
        article = parse_text(
            read.text,
            dialect=options.dialect,
            dayfirst=options.dayfirst,
            rules=options.rules,
            tz=options.tz,
            utc=options.utc,
            now=now,
            min_date=options.min_date,
        )
    extra = dict(article.extra)
    for name, value in member.extra:
        extra.setdefault(name, value)
    warnings = read.warnings + member.warnings + article.warnings
    return replace(article, source=member.source, extra=extra, warnings=warnings)
