"""The artparse command: options in, records to stdout or a file, messages to stderr."""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import TextIOWrapper
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from artparse.batch import ParseOptions, Tally, process
from artparse.dialects import DIALECTS
from artparse.record import FIELDS, Article, json_schema
from artparse.sources import OTHER_FILE, STDIN, Problem, is_sqlite_database, iter_inputs
from artparse.writers import FORMATS, SUFFIXES, make_writer

if TYPE_CHECKING:
    from artparse.database import Database
    from artparse.report import Figures

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
DATABASE, REPORT = "sqlite", "summary"
"""Formats that are not record streams: an SQLite database (database.py), a report (report.py)."""
OUTPUT_SUFFIXES = {**SUFFIXES, ".db": DATABASE, ".sqlite": DATABASE, ".sqlite3": DATABASE}

EPILOG = """\b
Examples:
  artparse article.txt                  pretty JSON on a terminal, JSON Lines in a pipe
  artparse article.txt | jq -r .published
  artparse corpus/ -o articles.csv      a whole tree, format from the suffix
  cat article.txt | artparse -          standard input
  artparse corpus/ -o articles.db --incremental
                                        an SQLite database; only changed files parsed again
  artparse corpus/ --summary            a report for people instead of records

\b
Exit codes:
  0    every input gave a record (warnings allowed, unless --strict)
  1    some inputs failed; the good records were still written
  2    usage error
  3    the output could not be written
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM)
"""


class OutputError(Exception):
    """The records could not be written where the user asked."""


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    patterns: tuple[str, ...]
    fmt: str
    output: str | None
    fields: tuple[str, ...]
    parse: ParseOptions
    strict: bool
    quiet: bool
    summary: bool = False
    """Print the report on stdout after writing the records to `output` (of all of it, for a database)."""
    incremental: bool = False
    prune: bool = False


@click.command("artparse", context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, DATABASE, REPORT]),
    help="Output format [default: pretty JSON on a terminal, else jsonl, or from the -o suffix]; "
    "sqlite writes a database (needs -o), summary a report instead of records.",
)
@click.option(
    "-o", "--output", metavar="FILE", help="Write the records to FILE (atomically) instead of stdout."
)
@click.option("--fields", metavar="A,B,...", help="Only these record fields, in this order.")
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    metavar="PATTERN",
    help="In directories, read only file names matching PATTERN (repeatable) "
    "[default: *.txt *.text *.md *.markdown *.mdx *.rst *.eml and names without a suffix].",
)
@click.option(
    "--dialect",
    type=click.Choice(list(DIALECTS)),
    help="Read every file as this header dialect instead of detecting it.",
)
@click.option("--dayfirst", is_flag=True, help="Read 03/04/2021 as 3 April, not March 4.")
@click.option("--strict", is_flag=True, help="Count records with warnings as failures (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="No warnings and no summary on stderr (errors still show).")
@click.option(
    "--summary",
    is_flag=True,
    help="Print a report on stdout: instead of records, or after writing them to -o FILE "
    "(on the whole database, for a database).",
)
@click.option(
    "--incremental",
    is_flag=True,
    help="With a database output: skip files unchanged since the database recorded them.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="With a database output: delete the records of vanished files under the PATHs given.",
)
@click.option("--schema", is_flag=True, help="Print the record's JSON Schema and exit.")
@click.version_option(package_name="artparse", message="%(prog)s %(version)s")
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    fields: str | None,
    patterns: tuple[str, ...],
    dialect: str | None,
    dayfirst: bool,
    strict: bool,
    quiet: bool,
    summary: bool,
    incremental: bool,
    prune: bool,
    schema: bool,
) -> None:
    """Extract metadata from article files as JSON Lines, JSON, CSV or TSV.

    PATH is a file, a directory (read recursively, in sorted order) or - for standard input.
    With no PATH, standard input is read when it is a pipe.
    """
    if schema:
        click.echo(json.dumps(json_schema(), indent=2))
        ctx.exit(EXIT_OK)
    if not paths:
        if _stdin_is_terminal():
            click.echo(ctx.get_usage(), err=True)
            click.echo("Try 'artparse -h' for help.", err=True)
            ctx.exit(EXIT_USAGE)
        paths = (STDIN,)
    if summary and output is None and fmt is None:
        fmt = REPORT
    options = RunOptions(
        paths=paths,
        patterns=patterns,
        fmt=_choose_format(fmt, output),
        output=output,
        fields=_choose_fields(fields),
        parse=ParseOptions(dialect=dialect, dayfirst=dayfirst),
        strict=strict,
        quiet=quiet,
        summary=summary,
        incremental=incremental,
        prune=prune,
    )
    _check_combination(options, fields, explicit_format=fmt)
    ctx.exit(run(options))


def _choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in OUTPUT_SUFFIXES:
            known = ", ".join(OUTPUT_SUFFIXES)
            raise click.UsageError(f"cannot tell the format of {output!r} ({known}); give -f FORMAT")
        return OUTPUT_SUFFIXES[suffix]
    return "pretty" if sys.stdout.isatty() else "jsonl"


def _check_combination(options: RunOptions, fields: str | None, explicit_format: str | None) -> None:
    if options.summary and options.output is None and explicit_format not in (None, REPORT):
        raise click.UsageError(
            f"--summary prints the report on stdout: give -o FILE for -f {explicit_format}"
        )
    if options.fmt == DATABASE and options.output is None:
        raise click.UsageError("-f sqlite writes a database file: give it with -o FILE")
    if (options.incremental or options.prune) and options.fmt != DATABASE:
        raise click.UsageError("--incremental and --prune need a database output (-o FILE.db)")
    if fields is not None and options.fmt in (DATABASE, REPORT):
        raise click.BadParameter(f"-f {options.fmt} takes whole records", param_hint="--fields")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _choose_fields(fields: str | None) -> tuple[str, ...]:
    if fields is None:
        return FIELDS
    chosen = tuple(name.strip() for name in fields.split(",") if name.strip())
    unknown = [name for name in chosen if name not in FIELDS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown field {', '.join(map(repr, unknown)) or 'list (empty)'}; known: {', '.join(FIELDS)}",
            param_hint="--fields",
        )
    return chosen


def run(options: RunOptions) -> int:
    """Parse every input and write the records; the exit code says how it went."""
    if options.fmt == REPORT and any(path != STDIN and is_sqlite_database(path) for path in options.paths):
        return _report_on_database(options)
    if options.fmt in (DATABASE, REPORT) or options.summary:
        return _run_with_report_or_database(options)
    tally = Tally()
    stdin = sys.stdin.buffer
    try:
        with _open_output(options.output) as out:
            writer = make_writer(options.fmt, out, options.fields)
            for item in iter_inputs(options.paths, options.patterns):
                outcome = item if isinstance(item, Problem) else process(item, options.parse, stdin)
                tally.count(outcome)
                if isinstance(outcome, Article):
                    record = outcome.to_dict()
                    writer.write({name: record[name] for name in options.fields})
                _report(outcome, options)
            writer.close()
    except BrokenPipeError:
        return EXIT_OK  # the reader has all it wanted (`| head`): stop at once, quietly
    except OutputError as error:
        _message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    if not options.quiet:
        _message(tally.summary(options.strict))
    return tally.exit_code(options.strict)


def _run_with_report_or_database(options: RunOptions) -> int:
    """run() for a database, a report, or records to a file and then a report."""
    from artparse.database import DatabaseError
    from artparse.report import collect

    tally = Tally()
    try:
        if options.fmt == DATABASE:
            _write_database(options, tally)
        elif options.fmt == REPORT:
            with _open_output(options.output) as out:
                _show_report(collect(_records(options, tally)), tally, options, out)
        else:
            _write_records_then_report(options, tally)
    except BrokenPipeError:
        return EXIT_OK
    except (OutputError, DatabaseError) as error:
        _message(f"cannot write output: {error}")
        return EXIT_OUTPUT
    if not options.quiet:
        _message(tally.summary(options.strict))
    return tally.exit_code(options.strict)


def _records(options: RunOptions, tally: Tally) -> Iterator[dict[str, Any]]:
    """The record of every input, counted and reported as in run()."""
    stdin = sys.stdin.buffer
    for item in iter_inputs(options.paths, options.patterns):
        outcome = item if isinstance(item, Problem) else process(item, options.parse, stdin)
        tally.count(outcome)
        _report(outcome, options)
        if isinstance(outcome, Article):
            yield outcome.to_dict()


def _write_records_then_report(options: RunOptions, tally: Tally) -> None:
    from artparse.report import Figures

    figures = Figures()
    with _open_output(options.output) as out:
        writer = make_writer(options.fmt, out, options.fields)
        for record in _records(options, tally):
            writer.write({name: record[name] for name in options.fields})
            figures.add(record)
        writer.close()
    with _open_output(None) as out:
        _show_report(figures, tally, options, out)


def _write_database(options: RunOptions, tally: Tally) -> None:
    """Store every input's record (or skip it as unchanged), prune, then report when asked."""
    from artparse.database import open_database, read_records
    from artparse.report import USED_FIELDS, collect

    assert options.output is not None
    version = _version()
    with open_database(options.output, version) as database:
        _store_inputs(database, options, tally, version)
        pruned = database.prune(options.paths) if options.prune else 0
    if options.prune and not options.quiet:
        _message(f"pruned {pruned} record{'' if pruned == 1 else 's'} of vanished files")
    if options.summary:
        with _open_output(None) as out:
            _show_report(collect(read_records(options.output, USED_FIELDS)), tally, options, out)


def _store_inputs(database: Database, options: RunOptions, tally: Tally, version: str) -> None:
    from artparse.stamps import UNCHANGED, Stamped, process_stamped, settings_key

    settings = settings_key(version, options.parse)
    stdin = sys.stdin.buffer
    for item in iter_inputs(options.paths, options.patterns):
        if isinstance(item, Problem):
            stamped = Stamped(item)
        else:
            known = database.known(item.path) if options.incremental else None
            stamped = process_stamped(item, options.parse, stdin, settings, known)
        database.save(stamped)
        tally.count(stamped.outcome)
        if not (isinstance(stamped.outcome, Problem) and stamped.outcome.reason == UNCHANGED):
            _report(stamped.outcome, options)  # a line per unchanged file would drown the rest


def _report_on_database(options: RunOptions) -> int:
    """The report of an existing database, given as the only PATH."""
    from artparse.database import DatabaseError, read_records
    from artparse.report import USED_FIELDS, collect

    if len(options.paths) > 1:
        raise click.UsageError("a database PATH must be the only PATH of a report")
    try:
        with _open_output(options.output) as out:
            _show_report(collect(read_records(options.paths[0], USED_FIELDS)), None, options, out)
    except BrokenPipeError:
        return EXIT_OK
    except DatabaseError as error:
        _message(f"cannot read the database: {error}")
        return EXIT_FAILED
    except OutputError as error:
        _message(f"cannot write output: {error}")
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


def _report(outcome: Article | Problem, options: RunOptions) -> None:
    if isinstance(outcome, Problem):
        if outcome.reason != OTHER_FILE and not (outcome.skipped and options.quiet):
            prefix = "skipped: " if outcome.skipped else ""
            _message(f"{outcome.path}: {prefix}{outcome.reason}")
    elif not options.quiet:
        for warning in outcome.warnings:
            _message(f"{outcome.source}: warning: {warning}")


def _message(text: str) -> None:
    click.echo(f"artparse: {text}", err=True)


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside `path` that replaces it only when complete."""
    if path is not None:
        with _atomic_file(path) as file:
            yield file
        return
    stream = TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except OSError as error:
        _silence_stdout()  # what is still buffered must not fail again at exit
        if isinstance(error, BrokenPipeError):
            raise
        raise OutputError(error.strerror or str(error)) from error
    finally:
        stream.detach()


@contextmanager
def _atomic_file(path: str) -> Iterator[TextIO]:
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from error
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"{path}: {error.strerror or error}") from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def main() -> NoReturn:
    """Console-script entry point: click's exit codes, plus 0 on a closed pipe and 130/143 on signals."""
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        code = command.main(prog_name="artparse", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (KeyboardInterrupt, click.Abort):
        code = EXIT_SIGINT
    _exit(code if isinstance(code, int) else EXIT_OK)


def _exit_on_sigterm(signum: int, frame: object) -> NoReturn:
    raise SystemExit(EXIT_SIGTERM)


def _exit(code: int) -> NoReturn:
    """Exit without a failing final flush of stdout turning `code` into 120."""
    try:
        sys.stdout.flush()
    except OSError:
        _silence_stdout()
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null (the Python docs' recipe for a closed or failed pipe)."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):
        return  # not a real file (a test runner's buffer): nothing can fail at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
