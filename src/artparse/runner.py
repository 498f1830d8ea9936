"""Running a batch: where the records go (a sink), then one pipeline run, then the exit code.

The command line (cli.py) turns options into RunOptions and calls run(); run() opens the
output the format's kind asks for (formats.py), makes its sink (sinks.py), runs the pipeline
(pipeline.py) and turns what happened into the exit code.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, TextIO

from artparse.errors import ClusterError, DatabaseError
from artparse.extract import ParseOptions
from artparse.formats import BY_NAME, COLUMNS, DATABASE, REPORT
from artparse.messages import message
from artparse.output import OutputError, open_destination
from artparse.pipeline import Batch, run_batch
from artparse.sinks import ParquetSink, ReportSink, Tee, TextSink, show_report
from artparse.sources import STDIN, OwnOutput, ReadOptions, WalkOptions, is_sqlite_database

if TYPE_CHECKING:
    from artparse.pipeline import Sink
    from artparse.sinks import DatabaseSink
    from artparse.tally import Tally

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_SIGINT = 130  # 128 + SIGINT, like every signal: SIGTERM 143, SIGHUP 129


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing the temporary output file) and exit 128 + N.

    A BaseException, so that no `except Exception` on the way can swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class RunOptions:
    """Everything the command line decided (cli.py makes it once). `summary`: print the report
    on stdout after writing the records to `output` (of all of it, for a database); `cluster`:
    a Dask scheduler's address, or "local" (cluster.py), the records going to Parquet parts
    there; `compress`: write `output` gzip-compressed. (A plain class: a NamedTuple of this
    size costs ten times more to define, at start-up.)"""

    def __init__(
        self,
        paths: tuple[str, ...],
        fmt: str,
        output: str | None,
        fields: tuple[str, ...],
        walk: WalkOptions,
        parse: ParseOptions,
        reading: ReadOptions,
        neutralise: bool,
        bom: bool,
        strict: bool,
        quiet: int,
        jobs: int = 1,
        summary: bool = False,
        incremental: bool = False,
        prune: bool = False,
        start_method: str | None = None,
        hangup_ignored: bool = False,
        files_from: str | None = None,
        cluster: str | None = None,
        partition_size: int = 2048,
        compress: bool = False,
    ) -> None:
        self.paths = paths
        self.fmt = fmt
        self.output = output
        self.fields = fields
        self.walk = walk
        self.parse = parse
        self.reading = reading
        self.neutralise = neutralise
        self.bom = bom
        self.strict = strict
        self.quiet = quiet
        self.jobs = jobs
        self.summary = summary
        self.incremental = incremental
        self.prune = prune
        self.start_method = start_method
        self.hangup_ignored = hangup_ignored
        self.files_from = files_from
        self.cluster = cluster
        self.partition_size = partition_size
        self.compress = compress


def run(options: RunOptions) -> int:
    """Parse every input and write the records (or the report); the exit code says how it went."""
    kind = BY_NAME[options.fmt].kind
    if kind == REPORT and any(path != STDIN and is_sqlite_database(path) for path in options.paths):
        return _report_on_database(options)
    try:
        if options.cluster is not None:
            tally = _write_on_cluster(options)
        elif kind == DATABASE:
            tally = _write_database(options)
        else:
            tally = _write_stream(options)
    except BrokenPipeError:
        return EXIT_OK  # the reader has all it wanted (`| head`): stop at once, quietly
    except (OutputError, DatabaseError, ClusterError) as error:
        message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    except KeyboardInterrupt:
        message("interrupted", show=options.quiet < 2)
        return EXIT_SIGINT
    except Terminated as terminated:
        import signal  # for the name alone (artparse.signals has the numbers)

        message(f"stopped by {signal.Signals(terminated.signum).name}", show=options.quiet < 2)
        return 128 + terminated.signum
    message(tally.summary(options.strict), show=not options.quiet)
    return tally.exit_code(options.strict)


def _batch(options: RunOptions, settings_key: str | None = None) -> Batch:
    return Batch(
        paths=options.paths,
        walk=options.walk,
        parse=options.parse,
        reading=options.reading,
        jobs=options.jobs,
        start_method=options.start_method,
        incremental=options.incremental,
        quiet=options.quiet,
        settings_key=settings_key,
        hangup_ignored=options.hangup_ignored,
        files_from=options.files_from,
    )


def _write_stream(options: RunOptions) -> Tally:
    """Records in a text format, or the report, to stdout or -o FILE; with --summary, records
    to -o FILE and the report to stdout."""
    with ExitStack() as stack:
        sink: Sink
        if BY_NAME[options.fmt].kind == REPORT:
            destination = stack.enter_context(open_destination(options.output, options.compress))
            sink = ReportSink(destination.stream, destination.own_output, options.strict)
        elif options.summary:
            report = stack.enter_context(open_destination(None))
            records = stack.enter_context(open_destination(options.output, options.compress))
            sink = Tee(
                _text_sink(options, records.stream, records.own_output),
                ReportSink(report.stream, report.own_output, options.strict),
            )
        else:
            destination = stack.enter_context(open_destination(options.output, options.compress))
            sink = _text_sink(options, destination.stream, destination.own_output)
        return run_batch(_batch(options), sink)
    raise AssertionError("unreachable")  # for mypy: ExitStack may swallow exceptions


def _text_sink(options: RunOptions, stream: TextIO, own_output: OwnOutput) -> Sink:
    """The sink of a records format: a text stream, or a Parquet file (binary, -o only)."""
    if BY_NAME[options.fmt].kind == COLUMNS:
        return ParquetSink(stream.buffer, own_output, options.fields)
    return TextSink(
        options.fmt, stream, own_output, options.fields, neutralise=options.neutralise, bom=options.bom
    )


def _write_on_cluster(options: RunOptions) -> Tally:
    """Records parsed on a Dask cluster into Parquet parts under -o (cluster.py)."""
    from artparse.cluster import Cluster, PartsSink

    assert options.output is not None
    plan = Cluster(options.cluster or "", options.output, options.jobs, options.partition_size)
    return run_batch(_batch(options), PartsSink(options.output, options.fields), engine=plan)


def _write_database(options: RunOptions) -> Tally:
    """Store every input's record (or skip it as unchanged), prune, then report when asked."""
    from artparse.database import read_records
    from artparse.stamps import settings_key

    assert options.output is not None
    version = _version()
    with _database_sink(options.output, version) as sink:
        tally = run_batch(_batch(options, settings_key(version, options.parse, options.reading)), sink)
        pruned = sink.prune(options.paths) if options.prune else 0
    if options.prune:
        message(
            f"pruned {pruned} record{'' if pruned == 1 else 's'} of vanished files", show=not options.quiet
        )
    if options.summary:
        from artparse.report import USED_FIELDS, collect  # only now: it imports statistics & co.

        with open_destination(None) as destination:
            records = collect(read_records(options.output, USED_FIELDS))
            show_report(records, tally, options.strict, destination.stream)
    return tally


@contextmanager
def _database_sink(path: str, version: str) -> Iterator[DatabaseSink]:
    from artparse.database import open_database
    from artparse.sinks import DatabaseSink

    with open_database(path, version) as database:
        yield DatabaseSink(database, path)


def _report_on_database(options: RunOptions) -> int:
    """The report of an existing database, given as the only PATH."""
    from artparse.database import read_records
    from artparse.report import USED_FIELDS, collect

    try:
        with open_destination(options.output) as destination:
            figures = collect(read_records(options.paths[0], USED_FIELDS))
            show_report(figures, None, options.strict, destination.stream)
    except BrokenPipeError:
        return EXIT_OK
    except DatabaseError as error:
        message(f"cannot read the database: {error}")
        return EXIT_FAILED
    except OutputError as error:
        message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    return EXIT_OK


def _version() -> str:
    from artparse._version import __version__

    return __version__
