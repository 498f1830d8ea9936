"""Containers in a run: an input that is a container becomes its articles, each a task of its own.

The main process expands a container that its name or --container makes known (expand_tasks):
it reads the file as a stream and sends each article on as an Input of its own (with its
`member`), so the workers parse a large
container's articles like files, and the outcomes come out in order, between a ContainerStart
and a ContainerEnd. A container found only by its content (an mbox saved as `.txt`) is known
once its bytes are read, in the step: its articles are parsed there (container_outcomes), so
such a file is capped by --max-size as a whole.

Incremental runs stamp the container file: one that is unchanged since the database recorded
it is one Unchanged outcome, and is not read; a changed one is read whole (its stamp made on the
way) and its ContainerEnd carries the new stamp.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Generator, Iterable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

from artparse import containers
from artparse.containers import NONE
from artparse.errors import InputError, SkippedInWalk
from artparse.extract import parse_article, parse_fields
from artparse.frozen import replace
from artparse.ingest import too_large
from artparse.outcomes import ContainerEnd, ContainerStart, Outcome, Passed, Problem, Unchanged
from artparse.sources import ARTICLE_SUFFIXES, STDIN, Input, ReadOptions, display_path, open_stream

if TYPE_CHECKING:
    import hashlib

    from artparse.containers.reading import Member
    from artparse.extract import ParseOptions
    from artparse.pool import Task
    from artparse.record import Article
    from artparse.stamps import FileStamp

EMPTY = "empty container (no articles in it)"
DATA_SHARE = 32


def named_kind(item: Input, forced: str | None) -> str | None:
    """The kind of container `item` is by --container (`forced`) or by its name; None when
    neither says (its content may still show one: see found_kind)."""
    if item.member is not None:
        return None
    if forced is not None:
        return None if forced == NONE else forced
    return None if item.path == STDIN else containers.by_name(item.path)


def found_kind(data: bytes, forced: str | None) -> str | None:
    """The kind of container the whole content of a file shows, unless --container decides."""
    return containers.by_content(data, whole=True) if forced is None else None


def expand_tasks(
    tasks: Iterable[Task], stdin: BinaryIO, reading: ReadOptions, settings: str | None
) -> Iterator[Task]:
    """The tasks, each container known by its name (or --container) replaced by its articles
    (Inputs with their `member`) between a ContainerStart and a ContainerEnd; `settings` is the
    settings fingerprint when the sink records stamps (else None: no stamp is made)."""
    plain = _plain_suffixes() if reading.container is None else ()
    for task in tasks:
        item = task[0]
        if plain and item.path.endswith(plain):
            yield task  # nearly every task, told in one call: no container is named so
            continue
        kind = named_kind(item, reading.container) if isinstance(item, Input) else None
        if kind is None or not isinstance(item, Input):
            yield task  # as it came: nearly every task
        else:
            for part in _container(item, kind, task[1], stdin, reading.max_size, settings):
                yield part, None


def _plain_suffixes() -> tuple[str, ...]:
    """Article name endings that by_name never takes for a container's: a path ending in one
    (as written, so also lower-cased) ends in no container suffix, gzipped or not."""
    named = tuple(suffix for suffixes in containers.KINDS.values() for suffix in suffixes)
    return tuple(
        article
        for article in ARTICLE_SUFFIXES
        if not article.endswith(".gz") and not any(s.endswith(article) or article.endswith(s) for s in named)
    )


def _container(
    item: Input, kind: str, known: FileStamp | None, stdin: BinaryIO, max_size: int, settings: str | None
) -> Iterator[Input | Passed]:
    started = False
    try:
        with open_stream(item, stdin) as (raw, info):
            stamps = settings is not None and info is not None and stat.S_ISREG(info.st_mode)
            if stamps and known is not None:
                assert info is not None and settings is not None
                unchanged = _unchanged(item.path, raw, info, known, settings)
                if unchanged is not None:
                    yield unchanged
                    return
                raw.seek(0)
            digest = _sha256() if stamps else None
            stream = _buffered(raw, digest)
            yield ContainerStart(item.path)
            started = True
            places = yield from _parts(item, kind, stream, max_size, _modified(item, info))
            stamp = None
            if digest is not None and places is not None and info is not None and settings is not None:
                from artparse.stamps import FileStamp

                stamp = FileStamp(info.st_size, info.st_mtime_ns, digest.hexdigest(), settings)
            yield ContainerEnd(item.path, places, stamp)
    except InputError as error:
        yield Problem(item.path, str(error), skipped=isinstance(error, SkippedInWalk) and not item.explicit)
        if started:
            yield ContainerEnd(item.path)


def _unchanged(
    path: str, raw: BinaryIO, info: os.stat_result, known: FileStamp, settings: str
) -> Unchanged | None:
    """Unchanged when the file is as recorded: the same size and time, or else the same content
    (read through once for its hash; the new stamp is then recorded)."""
    if known.same_file(info.st_size, info.st_mtime_ns, settings):
        return Unchanged(path)
    from artparse.stamps import FileStamp

    digest = _sha256()
    while chunk := raw.read(1 << 20):
        digest.update(chunk)
    stamp = FileStamp(info.st_size, info.st_mtime_ns, digest.hexdigest(), settings)
    return Unchanged(path, stamp) if known.same_content(stamp) else None


def _sha256() -> hashlib._Hash:
    import hashlib

    return hashlib.sha256()


def _buffered(raw: BinaryIO, digest: hashlib._Hash | None) -> BinaryIO:
    if isinstance(raw, io.BufferedReader):
        return raw  # standard input: never stamped
    source: io.RawIOBase = _Hashing(raw, digest) if digest is not None else raw  # type: ignore[assignment]
    return io.BufferedReader(source, 1 << 16)


class _Hashing(io.RawIOBase):
    """A raw file whose bytes also go into a hash as they are read: the stamp costs no second read."""

    def __init__(self, raw: BinaryIO, digest: hashlib._Hash) -> None:
        super().__init__()
        self._raw = raw
        self._digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count: int = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        if count:
            self._digest.update(memoryview(buffer)[:count])
        return count


def container_outcomes(
    item: Input,
    kind: str,
    data: bytes,
    now: datetime | None,
    max_size: int,
    outcome: Callable[[Input], Outcome],
    stamp: FileStamp | None,
) -> list[Outcome]:
    """The outcomes of a container already read into memory (found by its content), each
    article's Input made an outcome by `outcome`; `stamp` is its file's, for ContainerEnd."""
    found: list[Outcome] = [ContainerStart(item.path)]
    parts = _parts(item, kind, io.BufferedReader(io.BytesIO(data)), max_size, now)
    while True:
        try:
            part = next(parts)
        except StopIteration as end:
            places: int | None = end.value
            break
        found.append(outcome(part) if isinstance(part, Input) else part)
    found.append(ContainerEnd(item.path, places, stamp if places is not None else None))
    return found


def _parts(
    item: Input, kind: str, stream: BinaryIO, max_size: int, now: datetime | None
) -> Generator[Input | Problem, None, int | None]:
    """Each article as an Input with its `member`, in order; one over `max_size` is a failure of
    its own (the others are read on); then a Problem when the container breaks off, or when it
    has no article.
    Returns the number of parts the container has, None when it broke off before its end."""
    from artparse.containers.pieces import ContainerError
    from artparse.containers.reading import Oversized, members

    count = 0
    read = members(kind, stream, display_path(item.path), max_size, now)
    try:
        while True:
            try:
                member = next(read)
            except StopIteration as end:
                places: int = end.value
                break
            count += 1
            if isinstance(member, Oversized):
                yield Problem(member.source, too_large(member.size or max_size + 1, max_size))
            else:
                yield Input(member.source, item.explicit, member=member)
    except ContainerError as error:
        yield Problem(item.path, str(error), skipped=error.in_walk_only and not item.explicit)
        return None
    if not count:
        yield Problem(item.path, EMPTY, skipped=True)
    return places


def _modified(item: Input, info: os.stat_result | None) -> datetime | None:
    """The container's modification time (now, for stdin), to the second: the time its
    articles' relative dates count from when the container gives none of its own."""
    try:
        if item.path == STDIN or info is None:
            return datetime.now(UTC).replace(microsecond=0)
        return datetime.fromtimestamp(info.st_mtime, UTC).replace(microsecond=0)
    except (OverflowError, ValueError, OSError):
        return None


def member_article(member: Member, options: ParseOptions, encoding: str | None) -> Article:
    """The record of one article of a container: InputError when its bytes cannot be decoded.

    Relative dates count from --now, else from the article's own time (its WARC-Date), else the
    container's. What the container says of it (the WARC-Target-URI ...) is added to `extra`.
    """
    from artparse.containers.reading import member_text

    read = member_text(member, encoding)
    if read.header is not None:
        article = parse_fields(member.kind, read.header, read.text, options, now=member.now)
    else:
        article = parse_article(read.text, options, now=member.now)
    extra = dict(article.extra)
    for name, value in member.extra:
        extra.setdefault(name, value)
    warnings = read.warnings + member.warnings + article.warnings
    return replace(article, source=member.source, extra=extra, warnings=warnings)
