"""What every kind of container is (Kind), what its split() yields, and its errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO, NamedTuple, Protocol


class Piece(NamedTuple):
    """One member's bytes as the container holds them, and what the container says about it."""

    data: bytes
    extra: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    date: datetime | None = None
    html: bool = False  # an HTML page, whose text is taken from its markup


class TooLarge(NamedTuple):
    """A member over the size cap; `size` is None when only "more than the cap" is known."""

    size: int | None = None


class ContainerError(Exception):
    """The container cannot be read on (not of its kind, corrupt, truncated gzip ...)."""

    in_walk_only = False
    """True: a directory walk skips such a container (and counts it) rather than failing."""


class MissingReader(ContainerError):
    """The optional package that reads this kind of container is not installed."""

    in_walk_only = True


class Kind(Protocol):
    """A kind of container, as its module. `READS_GZIP`: its split() undoes gzip itself."""

    READS_GZIP: bool

    def looks_like(self, head: bytes, whole: bool) -> bool: ...

    def split(self, stream: BinaryIO, max_size: int) -> Iterator[Piece | TooLarge | None]: ...
