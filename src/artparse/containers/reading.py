"""Reading a container's members: streaming, one at a time, gzip undone on the way.

Memory stays flat in the container's size, and the --max-size cap applies to each member. A
member is named by its container and its place in it, counting from 1 (`archive.mbox#12`, see
member_source); the places count every part of the container, articles or not (a WARC file's
warcinfo record is its first), so a place names the same part whatever reads the file.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Generator
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from artparse.containers import GZIP_MAGIC
from artparse.containers import kind as kind_of
from artparse.containers.pieces import ContainerError, TooLarge
from artparse.decoding import decode_bytes

if TYPE_CHECKING:
    from artparse.dialects.header import Header


class Member(NamedTuple):
    """One article of a container, read but not parsed: plain data, so it can go to a worker.

    `kind` is the container's (it says how `data` becomes text); `now` is what its relative
    dates count from (the WARC-Date, else the container's time); `extra` holds what the
    container says about it (the WARC-Target-URI ...).
    """

    source: str
    kind: str
    data: bytes
    now: datetime | None = None
    extra: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    html: bool = False


class Oversized(NamedTuple):
    """A member larger than --max-size, skipped without being read whole; `size` None: unknown."""

    source: str
    size: int | None


def member_source(container: str, place: int) -> str:
    """The identity of a container's `place`-th part (from 1): `archive.mbox#12`."""
    return f"{container}#{place}"


def members(
    name: str, stream: BinaryIO, container: str, max_size: int, now: datetime | None
) -> Generator[Member | Oversized, None, int]:
    """The members of the container read from `stream` (buffered, gzipped or not), in order;
    `container` is its name in the members' sources, `now` its time. Returns how many parts the
    container has (its articles and the rest).

    ContainerError when the container is broken; the members before the break have come out.
    """
    kind = kind_of(name)
    if not kind.READS_GZIP and _peek(stream).startswith(GZIP_MAGIC):
        import gzip

        stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
    place = 0
    try:
        for piece in kind.split(stream, max_size):
            place += 1
            if piece is None:
                continue  # a part of the container that is not an article (a warcinfo record)
            source = member_source(container, place)
            if isinstance(piece, TooLarge):
                yield Oversized(source, piece.size)
            else:
                yield Member(
                    source, name, piece.data, piece.date or now, piece.extra, piece.warnings, piece.html
                )
    except (OSError, EOFError, zlib.error) as error:
        raise ContainerError(_broken(name, place, error)) from error
    return place


def _peek(stream: BinaryIO) -> bytes:
    if isinstance(stream, io.BufferedReader):
        return stream.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)]
    return b""


def _broken(name: str, place: int, error: BaseException) -> str:
    where = f"after part {place}" if place else "at its start"
    detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return f"broken {name} file {where} ({detail})"


class MemberText(NamedTuple):
    """A member as text: for the dialects, or, with `header`, the body below fields the
    container has read itself (an SGML element's parts)."""

    text: str
    warnings: tuple[str, ...] = ()
    header: Header | None = None


def member_text(member: Member, encoding: str | None) -> MemberText:
    """The member's text, decoded (by the ladder, or strictly in --encoding): an mbox message's
    escaping undone and its MIME text part taken; an SGML element's parts read; an HTML page's
    text taken from its markup."""
    if member.kind == "mbox":
        from artparse.containers.mbox import message_text

        decoded = message_text(member.data, encoding)
        return MemberText(decoded.text, decoded.warnings)
    decoded = decode_bytes(member.data, encoding)
    if member.kind == "sgml":
        from artparse.containers.sgml_fields import fields

        header, body = fields(decoded.text)
        return MemberText(body, decoded.warnings, header)
    if member.html:
        from artparse.containers.html_text import html_text

        return MemberText(html_text(decoded.text), decoded.warnings)
    return MemberText(decoded.text, decoded.warnings)
