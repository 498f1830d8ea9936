"""One batch loop for every output: inputs -> per-input step -> outcomes, in order -> a sink.

    sources.iter_inputs  ->  step.Step               ->  outcomes.Outcome  ->  Sink.take
    (walk, in order)         (read, decode, parse,       (Rendered,            (sinks.py: text
                              render; in -j workers)      Unchanged, Problem)   stream, database,
                                                                                report, tee)

run_batch() does, once for every output: the worker pool (-j, pool.py), own-output exclusion
(the walk never reads what the sink writes), the stored stamps of incremental runs, the progress
bar, the tally and the per-input messages.

The Sink interface (stable; new outputs implement it):

    class Sink(Protocol):
        render: Render            # plain and picklable: the workers build from it the function
                                  # that turns each Article into this sink's payload; its
                                  # joiner() (None: never) makes one of a run of plain records
        own_output: OwnOutput     # what the sink writes, so the walk skips it
        records_stamps: bool      # wants each file's stamp (Rendered.stamp; a database)
        def known(self, path: str) -> FileStamp | None: ...
                                  # the stamp recorded for `path` (asked in incremental runs)
        def take(self, outcome: Outcome) -> None: ...
                                  # every outcome, in input order: Rendered (with the payload
                                  # `render` made), Records (one payload for a run of them,
                                  # made by the render's joiner), Unchanged,
                                  # Problem (failures and skips)
        def finish(self, tally: Tally) -> None: ...
                                  # after the last outcome, only when the run was not stopped

Opening and closing what a sink writes to is its creator's (a `with` around run_batch): when the
run stops early (an error, a signal, a closed pipe) the sink is not finished and its context
discards the partial output.

Payloads are the sink's business: the loop never looks inside them. Each input may give several
outcomes (a container of many articles gives one Rendered each). To spread one large container
over the workers, expand it before the step into several Inputs, one per part, so that the parts
become tasks like any file (the pool keeps their order).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from itertools import chain, repeat
from typing import TYPE_CHECKING, BinaryIO

from artparse.members import expand_tasks
from artparse.messages import message, report
from artparse.outcomes import ContainerEnd, ContainerStart, Outcome, Problem, Records, Unchanged
from artparse.sources import STDIN, Input, OwnOutput, WalkOptions, display_path, is_url, iter_inputs
from artparse.step import Step, StepSettings, is_unchanged
from artparse.tally import Tally

if TYPE_CHECKING:
    from typing import Protocol

    from artparse.extract import ParseOptions
    from artparse.outcomes import Render
    from artparse.pool import Task
    from artparse.progress import Counter
    from artparse.sources import ReadOptions
    from artparse.stamps import FileStamp

    # Types only (a Protocol class made at import costs start-up time).
    class Engine(Protocol):
        """What maps the step over the tasks elsewhere (pool.Workers: local processes); outcomes
        come back in the tasks' order. `local` is the step in this process, for standard input."""

        def outcomes(self, tasks: Iterator[Task], local: Step) -> Iterator[Outcome]: ...

        def close(self, *, abort: bool) -> None: ...

    class Sink(Protocol):
        """What consumes a run's outcomes; see the module's docstring."""

        @property
        def render(self) -> Render: ...

        @property
        def own_output(self) -> OwnOutput: ...

        @property
        def records_stamps(self) -> bool: ...

        def known(self, path: str) -> FileStamp | None: ...

        def take(self, outcome: Outcome) -> None: ...

        def finish(self, tally: Tally) -> None: ...


SMALL_BATCH = 64
"""Fewer inputs to step than this are parsed in this process: starting workers would cost more.
(What needs no step, a skip or an unchanged file, does not count.)"""
LOOK_AHEAD = 2048
"""Tasks read before the progress bar starts when workers may start, to see whether SMALL_BATCH of
them need the step: the workers then start at once, while no thread runs (fork is safe). Without
workers to start, SMALL_BATCH tasks are read ahead, as always."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Batch:
    """What to read and how: everything about a run but where its records go. `start_method`
    is how worker processes start (fork, forkserver, spawn; None: pool.default_start_method());
    `settings_key` the fingerprint of the parse settings, for a sink that records stamps;
    `files_from` a listing of more paths or URLs, one a line, read after `paths` (`-`: standard
    input). (A plain class: a NamedTuple of this size costs ten times more to define.)"""

    def __init__(
        self,
        paths: tuple[str, ...],
        walk: WalkOptions,
        parse: ParseOptions,
        reading: ReadOptions,
        jobs: int = 1,
        start_method: str | None = None,
        incremental: bool = False,
        quiet: int = 0,
        settings_key: str | None = None,
        hangup_ignored: bool = False,
        files_from: str | None = None,
    ) -> None:
        self.paths = paths
        self.walk = walk
        self.parse = parse
        self.reading = reading
        self.jobs = jobs
        self.start_method = start_method
        self.incremental = incremental
        self.quiet = quiet
        self.settings_key = settings_key
        self.hangup_ignored = hangup_ignored
        self.files_from = files_from


def run_batch(
    batch: Batch,
    sink: Sink,
    stdin: BinaryIO | None = None,
    engine: Callable[[StepSettings], Engine] | None = None,
) -> Tally:
    """Every input's outcomes into `sink`, in order; the tally of them. Finishes the sink when
    every input is done; exceptions (a signal, a closed pipe, a full disk) go through unfinished.

    The step runs in worker processes (pool.Workers) when `batch.jobs` > 1 and at least
    SMALL_BATCH inputs need it, or in the `engine` made from the step's settings when one is given.
    """
    tally = Tally()
    walk = batch.walk._replace(own_output=sink.own_output)
    stdin = stdin if stdin is not None else _stdin()
    settings = StepSettings(
        batch.parse, batch.reading, sink.render, batch.settings_key if sink.records_stamps else None
    )
    tasks = _tasks(_inputs(batch, walk, stdin), sink if batch.incremental else None, settings.stamps)
    tasks = expand_tasks(tasks, stdin, batch.reading, settings.stamps)  # containers' articles
    local = Step(settings, stdin)
    pooled = engine is None and batch.jobs > 1
    first = _look_ahead(tasks, LOOK_AHEAD if pooled else SMALL_BATCH)
    workers: Engine
    if engine is not None:
        workers = engine(settings)
    else:
        workers = _OnDemand(settings, batch)
        if pooled and sum(isinstance(item, Input) for item, _ in first) == SMALL_BATCH:
            workers.start()
    try:
        # The bar's threads start after the workers: forking beside a thread is unsafe.
        shown = _is_batch(batch.paths) and not batch.quiet
        with _progress_bar(batch, shown) as advance:
            everything = chain(first, tasks)
            found = workers.outcomes(everything, local)
            inside = False  # a container's articles: the bar counts the container as one file
            for outcome in found:
                tally.count(outcome)
                report(outcome, batch.quiet)
                if isinstance(outcome, ContainerStart | ContainerEnd):
                    inside = isinstance(outcome, ContainerStart)
                if not inside:
                    advance(outcome.count if isinstance(outcome, Records) else 1)
                sink.take(outcome)
    except BaseException:
        workers.close(abort=True)
        raise
    workers.close(abort=False)
    sink.finish(tally)
    return tally


def _inputs(batch: Batch, walk: WalkOptions, stdin: BinaryIO) -> Iterator[Input | Problem]:
    """Every PATH's inputs, then those the --files-from listing names (URLs go through remote.py)."""
    if not batch.paths and batch.files_from is None:  # standard input, for want of a PATH
        yield from iter_inputs(batch.paths, walk)
    for path in batch.paths:
        yield from _path_inputs(path, walk, batch.quiet)
    if batch.files_from is not None:
        from artparse.remote import iter_listed_inputs

        yield from iter_listed_inputs(batch.files_from, stdin, walk)


def _path_inputs(path: str, walk: WalkOptions, quiet: int) -> Iterator[Input | Problem]:
    """One path's inputs, and a message for a directory that holds no article file."""
    if is_url(path):
        from artparse.remote import iter_url_inputs

        yield from iter_url_inputs(path, walk)
        return
    items = iter_inputs((path,), walk)
    for item in items:
        yield item
        if isinstance(item, Input):
            yield from items  # the rest, without a look at each
            return
    if path != STDIN and os.path.isdir(path):
        message(f"no article files found under {display_path(path)}", show=quiet < 1)


def _tasks(inputs: Iterable[Input | Problem], stamps: Sink | None, settings: str | None) -> Iterator[Task]:
    """Each input with the stamp `stamps` recorded for it (in incremental runs); a file found as
    recorded (by size and time) is its Unchanged outcome already, and needs no step."""
    if stamps is None:
        yield from zip(inputs, repeat(None))
        return
    for item in inputs:
        if not isinstance(item, Input):
            yield item, None
            continue
        known = stamps.known(item.path)
        if known is not None and settings is not None and is_unchanged(item, known, settings):
            yield Unchanged(item.path), None
        else:
            yield item, known


def _look_ahead(tasks: Iterator[Task], most: int) -> list[Task]:
    """The first tasks: up to the SMALL_BATCH-th that needs the step, at most `most`."""
    first: list[Task] = []
    stepped = 0
    while stepped < SMALL_BATCH and len(first) < most:
        task = next(tasks, None)
        if task is None:
            break
        first.append(task)
        stepped += isinstance(task[0], Input)
    return first


class _OnDemand:
    """The step here, until SMALL_BATCH inputs have needed it and the run has more than one job:
    then worker processes (pool.Workers) take the rest. Started before the first task instead
    when the look-ahead found as many (start())."""

    def __init__(self, settings: StepSettings, batch: Batch) -> None:
        self._settings = settings
        self._batch = batch
        self.workers: Engine | None = None

    def start(self) -> None:
        from artparse.pool import Workers, WorkerSettings  # only now: it imports socket & co.

        settings, batch = WorkerSettings(self._settings, self._batch.hangup_ignored), self._batch
        self.workers = Workers(settings, batch.jobs, batch.start_method)

    def outcomes(self, tasks: Iterator[Task], local: Step) -> Iterator[Outcome]:
        stepped = 0
        while self.workers is None:
            task = next(tasks, None)
            if task is None:
                return
            item, known = task
            if not isinstance(item, Input):
                yield item
                continue
            stepped += 1
            if stepped < SMALL_BATCH or self._batch.jobs == 1:
                yield from local(item, known)
            else:
                self.start()
                tasks = chain((task,), tasks)
        yield from self.workers.outcomes(tasks, local)

    def close(self, *, abort: bool) -> None:
        if self.workers is not None:
            self.workers.close(abort=abort)


def _progress_bar(batch: Batch, shown: bool) -> AbstractContextManager[Counter]:
    """The bar when it may be shown (progress.py is imported for a batch, not for a file)."""
    if not shown:
        return nullcontext(_no_bar)
    from artparse.progress import progress_bar

    return progress_bar(batch.paths, shown=True, hidden=batch.walk.hidden)


def _no_bar(count: int = 1) -> None:
    """The progress bar's counter when there is no bar."""


def _is_batch(paths: tuple[str, ...]) -> bool:
    return any(path != STDIN and os.path.isdir(path) for path in paths)


class _ClosedStdin:
    """Standard input when there is none (`<&-`): reading it is that input's failure."""

    def read(self, size: int = -1) -> bytes:
        raise OSError(9, "standard input is closed")


def _stdin() -> BinaryIO:
    stream = sys.stdin
    if stream is None:
        return _ClosedStdin()  # type: ignore[return-value]
    return stream.buffer
