"""Many inputs on every core: worker processes parse, the output keeps the input order.

The inputs are sent to the workers in chunks, with only a few chunks in flight per worker, so
memory does not grow with the number of files. Workers are forked: they inherit the settings
(and the render function) instead of receiving them pickled. With a render function, a worker
also turns each record into its output text, so this process only writes. Small batches and
standard input are parsed in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import io
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, BinaryIO

from artparse.batch import ParseOptions, process_all
from artparse.members import named_parts
from artparse.record import Article
from artparse.sources import STDIN, Input, Problem, ReadOptions

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

SMALL_BATCH = 64  # fewer inputs than this are parsed here
CHUNK = 128  # inputs per task
AHEAD = 4  # tasks in flight per worker


@dataclass(frozen=True)
class Rendered:
    """A record already turned into output text, and what the run's messages need of it."""

    source: str | None
    warnings: tuple[str, ...]
    text: str


Work = Input | Problem
Outcome = Article | Rendered | Problem
Render = Callable[[Article], str]


@dataclass(frozen=True)
class _Settings:
    options: ParseOptions
    reading: ReadOptions
    render: Render | None
    stdin: BinaryIO


_worker_settings: _Settings | None = None


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def outcomes(
    items: Iterable[Work],
    options: ParseOptions,
    reading: ReadOptions,
    stdin: BinaryIO,
    *,
    jobs: int = 1,
    render: Render | None = None,
) -> Iterator[Outcome]:
    """The outcome of every item, in the items' order, parsed by `jobs` processes; records come
    as Rendered text when there is a `render` function, else as Articles."""
    settings = _Settings(options, reading, render, stdin)
    items = named_parts(items, stdin, reading)  # a container's articles are spread like files
    first = list(islice(items, SMALL_BATCH))
    if jobs > 1 and len(first) == SMALL_BATCH:
        yield from _in_pool(chain(first, items), settings, jobs)
    else:
        for item in chain(first, items):
            yield from _outcomes(item, settings)


def _outcomes(item: Work, settings: _Settings) -> list[Outcome]:
    if isinstance(item, Problem):
        return [item]
    found = process_all(item, settings.options, settings.stdin, settings.reading)
    if settings.render is None:
        return list(found)
    render = settings.render
    return [
        outcome
        if isinstance(outcome, Problem)
        else Rendered(outcome.source, outcome.warnings, render(outcome))
        for outcome in found
    ]


def _rendered(outcome: Article | Problem, render: Render) -> Outcome:
    return (
        outcome
        if isinstance(outcome, Problem)
        else Rendered(outcome.source, outcome.warnings, render(outcome))
    )


def _in_pool(items: Iterator[Work], settings: _Settings, jobs: int) -> Iterator[Outcome]:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    pending: deque[AsyncResult[list[Outcome]] | list[Outcome]] = deque()
    with context.Pool(jobs, initializer=_start_worker, initargs=(settings,)) as pool:
        for task in _tasks(items):
            if isinstance(task, Input):  # standard input: only this process can read it
                pending.append(_outcomes(task, settings))
            else:
                pending.append(_submit(pool, task))
            while len(pending) >= jobs * AHEAD:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())


def _tasks(items: Iterator[Work]) -> Iterator[list[Work] | Input]:
    """Chunks of work for the pool, and each standard-input item on its own, in order."""
    chunk: list[Work] = []
    for item in items:
        if isinstance(item, Input) and item.path == STDIN:
            if chunk:
                yield chunk
                chunk = []
            yield item
            continue
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _submit(pool: Pool, chunk: list[Work]) -> AsyncResult[list[Outcome]]:
    return pool.apply_async(_work, (chunk,))


def _result(task: AsyncResult[list[Outcome]] | list[Outcome]) -> list[Outcome]:
    return task if isinstance(task, list) else task.get()


def _start_worker(settings: _Settings) -> None:
    global _worker_settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_settings = replace(settings, stdin=io.BytesIO())  # chunks hold no standard-input item


def _work(chunk: list[Work]) -> list[Outcome]:
    assert _worker_settings is not None
    return [outcome for item in chunk for outcome in _outcomes(item, _worker_settings)]
