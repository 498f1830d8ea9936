"""The artparse command: options in, records to stdout or a file, messages to stderr."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from io import TextIOWrapper
from typing import NoReturn, TextIO

import click

from artparse.batch import ParseOptions, Tally, process
from artparse.dates import MIN_DATE
from artparse.dialects import DIALECTS
from artparse.record import FIELDS, Article, json_schema
from artparse.sources import OTHER_FILE, STDIN, Problem, iter_inputs
from artparse.writers import FORMATS, SUFFIXES, make_writer
from artparse.zones import site_zone

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 130, 143

EPILOG = """\b
Examples:
  artparse article.txt                  pretty JSON on a terminal, JSON Lines in a pipe
  artparse article.txt | jq -r .published
  artparse corpus/ -o articles.csv      a whole tree, format from the suffix
  cat article.txt | artparse -          standard input

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


@click.command("artparse", context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: pretty JSON on a terminal, else jsonl, or from the -o suffix].",
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
@click.option(
    "--tz",
    metavar="ZONE",
    callback=lambda _ctx, _param, value: _zone_option(value),
    help="The zone the site writes times in (an IANA name: Africa/Tripoli); "
    "times without an offset get that zone's offset for their date.",
)
@click.option("--utc", is_flag=True, help="Convert every date with an offset to UTC.")
@click.option(
    "--now",
    metavar="WHEN",
    callback=lambda _ctx, _param, value: _now_option(value),
    help="ISO 8601 moment that relative dates (24 minutes ago) count back from "
    "[default: each file's modification time; the current time for stdin].",
)
@click.option(
    "--min-date",
    metavar="DATE",
    default=MIN_DATE.isoformat(),
    callback=lambda _ctx, _param, value: _min_date_option(value),
    help="Warn about dates before DATE [default: 1990-01-01].",
)
@click.option("--strict", is_flag=True, help="Count records with warnings as failures (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="No warnings and no summary on stderr (errors still show).")
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
    tz: str | None,
    utc: bool,
    now: datetime | None,
    min_date: date,
    strict: bool,
    quiet: bool,
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
    options = RunOptions(
        paths=paths,
        patterns=patterns,
        fmt=_choose_format(fmt, output),
        output=output,
        fields=_choose_fields(fields),
        parse=ParseOptions(dialect=dialect, dayfirst=dayfirst, tz=tz, utc=utc, now=now, min_date=min_date),
        strict=strict,
        quiet=quiet,
    )
    ctx.exit(run(options))


def _choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        suffix = os.path.splitext(output)[1].lower()
        if suffix not in SUFFIXES:
            known = ", ".join(SUFFIXES)
            raise click.UsageError(f"cannot tell the format of {output!r} ({known}); give -f FORMAT")
        return SUFFIXES[suffix]
    return "pretty" if sys.stdout.isatty() else "jsonl"


def _zone_option(name: str | None) -> str | None:
    if name is not None:
        try:
            site_zone(name)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--tz") from None
    return name


def _now_option(text: str | None) -> datetime | None:
    if text is None:
        return None
    wanted = "an ISO 8601 date and time such as 2022-10-14T12:00:00-04:00"
    if re.fullmatch(r"\d{4}-?\d{2}-?\d{2}", text.strip()):
        raise click.BadParameter(f"{text!r} has no time; give {wanted}", param_hint="--now")
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not {wanted}", param_hint="--now") from None


def _min_date_option(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        message = f"{text!r} is not an ISO 8601 date such as 1990-01-01"
        raise click.BadParameter(message, param_hint="--min-date") from None


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
