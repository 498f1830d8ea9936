"""A progress bar on stderr for a person watching a batch: files done, rate, time left.

Only on a terminal: in a pipe or a log, stderr carries messages alone. The total comes from a
quick listing of the same paths in a background thread, so the bar starts at once and learns the
total as it goes. The bar is updated every STEP files, and the messages written to stderr in
between are printed above it together, so that neither costs a redraw per file.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    from rich.progress import Progress, TaskID

    class Counter(Protocol):  # a type only: a Protocol class made at import costs start-up time
        def __call__(self, count: int = 1) -> None:
            """`count` more inputs are done."""


STEP = 256  # files between two updates of the bar


@contextmanager
def progress_bar(paths: Iterable[str], *, shown: bool, hidden: bool = False) -> Iterator[Counter]:
    """A function to call as inputs are done (with how many), which moves a bar on stderr when `shown` and
    stderr is a terminal; otherwise it does nothing. `hidden`: the walk enters hidden folders."""
    if not (shown and sys.stderr is not None and sys.stderr.isatty()):
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("artparse"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    console = Console(file=sys.stderr)  # the real stderr, not the _HeldLines put in its place
    held = _HeldLines()
    with Progress(
        *columns, console=console, transient=True, redirect_stderr=False, refresh_per_second=2
    ) as bar:
        task = bar.add_task("files", total=None, rate="")
        threading.Thread(target=_count, args=(list(paths), bar, task, hidden), daemon=True).start()
        done = 0

        def advance(count: int = 1) -> None:
            nonlocal done
            before, done = done, done + count
            if done // STEP != before // STEP:
                _update(bar, task, done, held)

        real_stderr, sys.stderr = sys.stderr, held
        try:
            yield advance
        finally:
            sys.stderr = real_stderr
            _update(bar, task, done, held)


class _HeldLines(io.StringIO):
    """stderr while the bar is shown: what is written waits for the next update of the bar."""

    def isatty(self) -> bool:
        return True

    def take(self) -> str:
        text = self.getvalue()
        self.seek(0)
        self.truncate()
        return text


def _update(bar: Progress, task: TaskID, done: int, held: _HeldLines) -> None:
    if text := held.take():
        bar.console.out(text.removesuffix("\n"), highlight=False)  # no markup, no wrapping
    bar.update(task, completed=done)
    speed = bar.tasks[0].speed  # the only task
    bar.update(task, rate=f"{speed:,.0f} files/s" if speed else "")


def _count(paths: list[str], bar: Progress, task: TaskID, hidden: bool) -> None:
    """The bar's total: every entry that is not a directory (each gives one outcome, a record
    or a skip), counted by a bare listing that costs a fraction of the real walk."""
    total, pending = 0, paths
    while pending:
        path = pending.pop()
        try:
            with os.scandir(path) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False) and (hidden or not entry.name.startswith(".")):
                        pending.append(entry.path)
                    else:
                        total += 1
        except OSError:  # a file named on the command line, or a folder that cannot be read
            total += 1
    bar.update(task, total=total)


def _nothing(count: int = 1) -> None:
    """The counter when no bar is shown."""
