"""What the per-input step gives back: a record (rendered for the sinks), a skip as unchanged,
or a Problem (a failure, or a skip by design). Plain, picklable values: they cross from worker
processes to the main process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from artparse.frozen import NamedTuple
from artparse.sources import Problem

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Protocol

    from artparse.record import Article
    from artparse.stamps import FileStamp

    Joiner = Callable[[list["Rendered"]], object]
    """A run of records (without warnings) to the payload of their Records."""

    # A type only (a Protocol class made at import costs start-up time); sinks.py has the Renders.
    class Render(Protocol):
        """How a worker turns each Article into a sink's payload: a plain, picklable value (sent to
        every worker once) whose build() makes the function in the worker itself."""

        def build(self) -> Callable[[Article], object]: ...

        def joiner(self) -> Joiner | None:
            """How a worker makes one payload (a Records') of a run of records without warnings
            (made once in each worker, as build() is); None: never joined."""


class Unjoined:
    """A Render whose records always cross one by one (its joiner)."""

    __slots__ = ()

    def joiner(self) -> None:
        return None


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

    def __reduce__(self) -> tuple[object, ...]:
        return tuple.__new__, (Rendered, tuple(self))  # see sources.Input.__reduce__


class Unchanged(NamedTuple):
    """An incremental run found the input as recorded; `stamp` is its new stamp when only its
    modification time changed (touched, not edited), else None."""

    path: str
    stamp: FileStamp | None = None


class Records:
    """`count` records in a row that need no message (no warnings), made one payload by their
    Render's joiner: how a worker sends a run of plain records, so that the main process takes
    them in one piece instead of one by one."""

    __slots__ = ("count", "payload")

    def __init__(self, count: int, payload: object) -> None:
        self.count, self.payload = count, payload

    def __reduce__(self) -> tuple[object, ...]:
        return Records, (self.count, self.payload)


# The container outcomes are plain classes: a NamedTuple costs ten times more to define, at
# start-up, and these are made once per container.


class ContainerStart:
    """The outcomes of a container's articles follow (each named `path#N`), up to ContainerEnd."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path


class ContainerEnd:
    """The container `path` has been read: `places` is how many parts it has (None: it broke off
    before its end), `stamp` its file's stamp, in runs whose sink records stamps and when it was
    read to its end."""

    __slots__ = ("path", "places", "stamp")

    def __init__(self, path: str, places: int | None = None, stamp: FileStamp | None = None) -> None:
        self.path, self.places, self.stamp = path, places, stamp


Outcome = Rendered | Records | Unchanged | Problem | ContainerStart | ContainerEnd
Passed = Problem | Unchanged | ContainerStart | ContainerEnd
"""Outcomes that the main process knows before any step runs: they go through in their place."""


__all__ = [
    "ContainerEnd",
    "ContainerStart",
    "Outcome",
    "Passed",
    "Problem",
    "Records",
    "Render",
    "Rendered",
    "Unchanged",
    "Unjoined",
]
