"""Running a batch: every input to a record, then records to a file, a report or a database.

The command line (cli.py) turns options into RunOptions and calls run(); run() reports each
input's problems and warnings on stderr, one line each, and returns the exit code.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TextIO

from artparse.batch import ParseOptions, Recorded, Tally
from artparse.errors import DatabaseError
from artparse.output import OutputError, open_destination
from artparse.parallel import Render, Rendered, outcomes
from artparse.progress import progress_bar
from artparse.record import Article
from artparse.sources import (
    OTHER_FILE,
    STDIN,
    OwnOutput,
    Problem,
    ReadOptions,
    WalkOptions,
    display_path,
    is_sqlite_database,
    iter_inputs,
)
from artparse.terminal import for_terminal
from artparse.writers import SUFFIXES, Writer, make_writer

if TYPE_CHECKING:
    from artparse.database import Database
    from artparse.report import Figures

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_SIGINT = 130  # 128 + SIGINT, like every signal: SIGTERM 143, SIGHUP 129
DATABASE, REPORT = "sqlite", "summary"
"""Formats that are not record streams: an SQLite database (database.py), a report (report.py)."""
OUTPUT_SUFFIXES = {**SUFFIXES, ".db": DATABASE, ".sqlite": DATABASE, ".sqlite3": DATABASE}


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing the temporary output file) and exit 128 + N.

    A BaseException, so that no `except Exception` on the way can swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    fmt: str
    output: str | None
    fields: tuple[str, ...]
    walk: WalkOptions
    parse: ParseOptions
    reading: ReadOptions
    neutralise: bool
    bom: bool
    strict: bool
    quiet: int
    jobs: int = 1
    summary: bool = False
    """Print the report on stdout after writing the records to `output` (of all of it, for a database)."""
    incremental: bool = False
    prune: bool = False


def run(options: RunOptions) -> int:
    """Parse every input and write the records (or the report); the exit code says how it went."""
    if options.fmt == REPORT and any(path != STDIN and is_sqlite_database(path) for path in options.paths):
        return _report_on_database(options)
    tally = Tally()
    try:
        if options.fmt == DATABASE:
            _write_database(options, tally)
        elif options.fmt == REPORT:
            _write_report(options, tally)
        else:
            _write_records(options, tally)
    except BrokenPipeError:
        return EXIT_OK  # the reader has all it wanted (`| head`): stop at once, quietly
    except (OutputError, DatabaseError) as error:
        message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        message("interrupted", show=options.quiet < 2)
        return EXIT_SIGINT
    except Terminated as terminated:
        message(f"stopped by {signal.Signals(terminated.signum).name}", show=options.quiet < 2)
        return 128 + terminated.signum
    message(tally.summary(options.strict), show=not options.quiet)
    return tally.exit_code(options.strict)


def _outcomes(
    options: RunOptions, tally: Tally, own_output: OwnOutput | None = None, render: Render | None = None
) -> Iterator[Article | Rendered]:
    """The record of every input, in order; every outcome is counted and reported on the way."""
    walk = replace(options.walk, own_output=own_output or OwnOutput())
    inputs = iter_inputs(options.paths, walk)
    stdin = sys.stdin.buffer
    batch = any(path != STDIN and os.path.isdir(path) for path in options.paths)
    with progress_bar(options.paths, shown=batch and not options.quiet) as advance:
        for outcome in outcomes(
            inputs, options.parse, options.reading, stdin, jobs=options.jobs, render=render
        ):
            tally.count(outcome)
            _report(outcome, options.quiet)
            advance()
            if not isinstance(outcome, Problem):
                yield outcome


def _articles(options: RunOptions, tally: Tally, own_output: OwnOutput | None = None) -> Iterator[Article]:
    for outcome in _outcomes(options, tally, own_output):
        assert isinstance(outcome, Article)  # no render function: records come whole
        yield outcome


def _write_records(options: RunOptions, tally: Tally) -> None:
    """Records in a text format to stdout or -o FILE; then the report, with --summary."""
    if options.summary:
        _write_records_then_report(options, tally)
        return
    with open_destination(options.output) as destination:
        writer = _writer(options, destination.stream)
        fields = options.fields

        def render(article: Article) -> str:
            record = article.to_dict()
            return writer.render({name: record[name] for name in fields})

        for outcome in _outcomes(options, tally, destination.own_output, render):
            assert isinstance(outcome, Rendered)
            writer.write_rendered(outcome.text)
        writer.close()


def _write_records_then_report(options: RunOptions, tally: Tally) -> None:
    figures = _new_figures()
    with open_destination(options.output) as destination:
        writer = _writer(options, destination.stream)
        for article in _articles(options, tally, destination.own_output):
            record = article.to_dict()
            writer.write({name: record[name] for name in options.fields})
            figures.add(record)
        writer.close()
    with open_destination(None) as destination:
        _show_report(figures, tally, options, destination.stream)


def _writer(options: RunOptions, stream: TextIO) -> Writer:
    return make_writer(options.fmt, stream, options.fields, neutralise=options.neutralise, bom=options.bom)


def _write_report(options: RunOptions, tally: Tally) -> None:
    from artparse.report import collect

    with open_destination(options.output) as destination:
        records = (article.to_dict() for article in _articles(options, tally, destination.own_output))
        _show_report(collect(records), tally, options, destination.stream)


def _new_figures() -> Figures:
    from artparse.report import Figures

    return Figures()


def _write_database(options: RunOptions, tally: Tally) -> None:
    """Store every input's record (or skip it as unchanged), prune, then report when asked."""
    from artparse.database import open_database, read_records
    from artparse.report import USED_FIELDS, collect

    assert options.output is not None
    version = _version()
    with open_database(options.output, version) as database:
        _store_inputs(database, options, tally, version)
        pruned = database.prune(options.paths) if options.prune else 0
    if options.prune:
        message(
            f"pruned {pruned} record{'' if pruned == 1 else 's'} of vanished files", show=not options.quiet
        )
    if options.summary:
        with open_destination(None) as destination:
            _show_report(
                collect(read_records(options.output, USED_FIELDS)), tally, options, destination.stream
            )


def _store_inputs(database: Database, options: RunOptions, tally: Tally, version: str) -> None:
    from artparse.members import Part, member_outcome, named_parts
    from artparse.stamps import UNCHANGED, Stamped, process_stamped, settings_key

    settings = settings_key(version, options.parse, options.reading)
    stdin = sys.stdin.buffer
    for item in named_parts(iter_inputs(options.paths, options.walk), stdin, options.reading):
        if isinstance(item, Problem):
            stamped = Stamped(item)
        elif isinstance(item, Part):
            stamped = Stamped(member_outcome(item, options.parse, options.reading.encoding))
        else:
            known = database.known(item.path) if options.incremental else None
            stamped = process_stamped(item, options.parse, options.reading, stdin, settings, known)
        database.save(stamped)
        tally.count(stamped.outcome)
        if not (isinstance(stamped.outcome, Problem) and stamped.outcome.reason == UNCHANGED):
            _report(stamped.outcome, options.quiet)  # a line per unchanged file would drown the rest


def _report_on_database(options: RunOptions) -> int:
    """The report of an existing database, given as the only PATH."""
    from artparse.database import read_records
    from artparse.report import USED_FIELDS, collect

    try:
        with open_destination(options.output) as destination:
            _show_report(
                collect(read_records(options.paths[0], USED_FIELDS)), None, options, destination.stream
            )
    except BrokenPipeError:
        return EXIT_OK
    except DatabaseError as error:
        message(f"cannot read the database: {error}")
        return EXIT_FAILED
    except OutputError as error:
        message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    return EXIT_OK


def _show_report(figures: Figures, tally: Tally | None, options: RunOptions, out: TextIO) -> None:
    """The report on `figures`, and on the run's failures when there was a run."""
    from artparse.report import render

    if tally is not None:
        figures.failures = tally.failure_reasons
        figures.run = tally.summary(options.strict)
    render(figures, out, terminal=out.isatty())


def _version() -> str:
    from importlib.metadata import version

    return version("artparse")


def _report(outcome: Recorded | Problem, quiet: int) -> None:
    if isinstance(outcome, Problem):
        if outcome.reason != OTHER_FILE:
            prefix = "skipped: " if outcome.skipped else ""
            shown = quiet < 1 if outcome.skipped else quiet < 2
            message(f"{display_path(outcome.path)}: {prefix}{outcome.reason}", show=shown)
    elif not quiet:
        for warning in outcome.warnings:
            message(f"{outcome.source}: warning: {warning}")


def message(text: str, *, show: bool = True) -> None:
    """One line on stderr, with anything a terminal would obey escaped; a closed stderr is
    not worth dying for."""
    if not show:
        return
    try:
        sys.stderr.write(f"artparse: {for_terminal(text)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
