"""What the per-input step gives back: a record (rendered for the sinks), a skip as unchanged,
or a Problem (a failure, or a skip by design). Plain, picklable values: they cross from worker
processes to the main process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

from artparse.sources import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from artparse.record import Article
    from artparse.stamps import FileStamp


class Rendered(NamedTuple):
    """One article's record: what the run's messages need of it, and the `payload` that the
    sinks' Render made of it (output text, database row values, report figures ...).

    `stamp` is the file's stamp, in runs whose sink records stamps (a database)."""

    source: str | None
    warnings: tuple[str, ...]
    payload: object
    stamp: FileStamp | None = None
    path: str | None = None
    """The input's path as the file system spells it (`source` escapes what is not UTF-8)."""


class Unchanged(NamedTuple):
    """An incremental run found the input as recorded; `stamp` is its new stamp when only its
    modification time changed (touched, not edited), else None."""

    path: str
    stamp: FileStamp | None = None


Outcome = Rendered | Unchanged | Problem


class Render(Protocol):
    """How a worker turns each Article into a sink's payload: a plain, picklable value (sent to
    every worker once) whose build() makes the function in the worker itself."""

    def build(self) -> Callable[[Article], object]: ...


__all__ = ["Outcome", "Problem", "Render", "Rendered", "Unchanged"]
