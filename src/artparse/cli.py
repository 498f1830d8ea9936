"""The artparse command: argv to RunOptions (usage errors exit 2), then runner.run, exit codes."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, NoReturn

import click

from artparse.containers import KINDS, NONE
from artparse.dates import MIN_DATE
from artparse.decoding import is_text_encoding
from artparse.dialects import DIALECTS
from artparse.errors import InputError
from artparse.extract import ParseOptions
from artparse.formats import (
    BY_NAME,
    CHOICES,
    COLUMNS,
    COMPRESSED,
    DATABASE,
    RECORDS,
    REPORT,
    choices_help,
    from_suffix,
    known_suffixes,
    of_kind,
)
from artparse.ingest import DEFAULT_MAX_SIZE
from artparse.messages import message
from artparse.output import RefusedTarget, check_database_kept, check_inputs_kept, silence_stdout
from artparse.patterns import on_first_use
from artparse.pipeline import default_jobs
from artparse.record import FIELDS, json_schema
from artparse.runner import EXIT_OK, EXIT_OUTPUT, EXIT_SIGINT, EXIT_USAGE, RunOptions, Terminated, run
from artparse.signals import signal
from artparse.sources import (
    ARTICLE_PATTERNS,
    STDIN,
    ReadOptions,
    WalkOptions,
    describe_os_error,
    is_sqlite_database,
    is_url,
    read_file_text,
    watch_signals,
)
from artparse.zones import site_zone

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from artparse.rules import Rule

EPILOG = """\b
Examples:
  artparse article.txt                  pretty JSON on a terminal, JSON Lines in a pipe
  artparse article.txt | jq -r .published
  artparse corpus/ -o articles.csv      a whole tree, format from the suffix
  cat article.txt | artparse -          standard input
  artparse corpus/ -o articles.db --incremental
                                        an SQLite database; only changed files parsed again
  artparse corpus/ --summary            a report for people instead of records
  artparse s3://bucket/corpus/ --cluster tcp://scheduler:8786 -o s3://bucket/articles/
                                        on a Dask cluster, into Parquet parts

\b
Exit codes:
  0    every input gave a record (warnings allowed, unless --strict)
  1    some inputs failed; the good records were still written
  2    usage error
  3    the output could not be written (the old -o file is kept)
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM); 129 hung up (SIGHUP)
"""


NOTHING_TO_READ = (
    "no PATH given, and standard input is a terminal: name the files or folders to read, "
    "or pipe articles in (artparse - reads what you type, until Ctrl-D)"
)


_size = on_first_use(r"(\d+)\s*(?:([KMGT])(?:I?B)?|B)?", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from 1000, 64K, 32M, 2G (powers of 1024; 64KiB, 64kb also read); ValueError else."""
    match = _size().fullmatch(text.strip())
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a size such as 1000, 64K, 32M or 2G")
    power = " KMGT".index((match.group(2) or " ").upper())
    return int(match.group(1)) << (10 * power)


def _size_option(ctx: click.Context, param: click.Parameter, value: str | None) -> int:
    if value is None:
        return DEFAULT_MAX_SIZE  # 32M, without compiling the pattern of parse_size
    try:
        return parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error), ctx, param) from error


def _completion(name: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """artparse.completion's function `name`, loaded when a shell asks for completions (not on
    every start)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from artparse import completion

        found: list[CompletionItem] = getattr(completion, name)(ctx, param, incomplete)
        return found

    return complete


complete_path = _completion("complete_path")
complete_dialect = _completion("complete_dialect")
complete_zone = _completion("complete_zone")


class _Command(click.Command):
    """click's Command with its help option's text given, as the --version option's is: click's
    own options look their text up in gettext's catalogues, and the first look-up imports locale
    (about 4 M instructions, a fourteenth of what a one-file run adds to click's import)."""

    _help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._help is None:  # one object: click orders the eager options' callbacks by identity
            self._help = click.Option(
                names,
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_show_help,
                help="Show this message and exit.",
            )
        return self._help


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from importlib.metadata import version

        click.echo(f"{ctx.find_root().info_name} {version('artparse')}", color=ctx.color)
        ctx.exit()


@click.command(
    "artparse", cls=_Command, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG
)
@click.argument("paths", nargs=-1, metavar="[PATH]...", shell_complete=complete_path)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(CHOICES, case_sensitive=False),
    help=f"Output format: {choices_help()} "
    "[default: from the -o suffix, else pretty JSON on a terminal, else jsonl].",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    shell_complete=complete_path,
    help="Write the records to FILE (atomically) instead of stdout; FILE.gz (out.jsonl.gz) is "
    "gzip-compressed. With --summary, a FILE whose suffix is no format's (report.txt) gets the report.",
)
@click.option("--fields", metavar="A,B,...", help="Only these record fields, in this order.")
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    metavar="PATTERN",
    help="In directories, read only file names matching PATTERN (repeatable) "
    f"[default: {' '.join(ARTICLE_PATTERNS)}, names without a suffix, and containers' names].",
)
@click.option(
    "--follow",
    is_flag=True,
    help="In directories, follow symbolic links (loops are detected and skipped).",
)
@click.option(
    "--hidden",
    is_flag=True,
    help="In directories, also read hidden files and folders (.git/, .DS_Store) [default: skip them].",
)
@click.option(
    "--max-size",
    callback=_size_option,
    metavar="SIZE",
    help="Fail on inputs larger than SIZE, e.g. 500K, 64M, 2G; in a container, on articles "
    "larger than SIZE [default: 32M].",
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=lambda ctx, param, value: _check_encoding(value),
    help="Read every input in this encoding, strictly [default: a byte-order mark, UTF-8, "
    "or detected among Windows-1256, Windows-1252 and ISO-8859-6, with a warning].",
)
@click.option(
    "--dialect",
    metavar="NAME",
    shell_complete=complete_dialect,
    help=f"Read every file as this header dialect instead of detecting it: {', '.join(DIALECTS)}, "
    "or the name of a --rules rule.",
)
@click.option(
    "--container",
    type=click.Choice([*KINDS, NONE]),
    help="Read every file as this kind of container, many articles in one file; none: every "
    "file is one article [default: by the file's name "
    f"({' '.join(suffix for suffixes in KINDS.values() for suffix in suffixes)}, also .gz) "
    "or its content].",
)
@click.option(
    "--rules",
    metavar="FILE",
    shell_complete=complete_path,
    callback=lambda ctx, param, path: _load_rules(path),
    help="Try the header rules in this TOML file before the built-in dialects (see the README).",
)
@click.option("--dayfirst", is_flag=True, help="Read 03/04/2021 as 3 April, not March 4.")
@click.option(
    "--tz",
    metavar="ZONE",
    shell_complete=complete_zone,
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
@click.option(
    "--csv-raw",
    is_flag=True,
    help="CSV/TSV: write cells starting with = + - @ as they are, without the ' that stops "
    "spreadsheets from running them as formulas.",
)
@click.option("--bom", is_flag=True, help="CSV/TSV: begin with a UTF-8 byte-order mark (for Excel).")
@click.option(
    "--strict",
    is_flag=True,
    help="Count records with warnings, vanished files and an empty run as failures (exit 1).",
)
@click.option(
    "-q",
    "--quiet",
    count=True,
    help="-q: no warnings, skips or summary on stderr; -qq: no per-file errors either. "
    "The exit code is the same.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Parse with N processes [default: the number of CPUs]; the output is the same for any N.",
)
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
@click.option(
    "--files-from",
    metavar="LIST",
    help="Also read the paths or URLs listed in LIST, one a line (- for standard input).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Parse on a Dask cluster (tcp://host:8786, or local for -j workers here) into Parquet "
    "parts under -o DIR, one per partition, then _SUCCESS (needs artparse[dask]).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=2048,
    show_default=True,
    metavar="N",
    help="With --cluster: files per partition (per task, and per part).",
)
@click.option("--schema", is_flag=True, help="Print the record's JSON Schema and exit.")
@click.option(
    "--start-method",
    type=click.Choice(["fork", "forkserver", "spawn"]),
    hidden=True,
    help="How -j worker processes start [default: fork when safe, else forkserver].",
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    fields: str | None,
    patterns: tuple[str, ...],
    follow: bool,
    hidden: bool,
    max_size: int,
    encoding: str | None,
    dialect: str | None,
    container: str | None,
    rules: tuple[Rule, ...],
    dayfirst: bool,
    tz: str | None,
    utc: bool,
    now: datetime | None,
    min_date: date,
    csv_raw: bool,
    bom: bool,
    strict: bool,
    quiet: int,
    jobs: int | None,
    summary: bool,
    incremental: bool,
    prune: bool,
    schema: bool,
    start_method: str | None,
    files_from: str | None,
    cluster: str | None,
    partition_size: int,
) -> None:
    """Extract metadata from article files as JSON Lines, JSON, CSV or TSV.

    PATH is a file, a directory (read recursively, in sorted order), - for standard input,
    or a URL such as s3://bucket/corpus/ (with artparse[remote]).
    With no PATH, standard input is read when it is a pipe.
    """
    if schema:
        import json

        click.echo(json.dumps(json_schema(), indent=2))
        ctx.exit(EXIT_OK)
    if not paths and files_from is None and _stdin_is_terminal():
        click.echo(f"artparse: {NOTHING_TO_READ}", err=True)
        click.echo(ctx.get_usage(), err=True)
        click.echo("Try 'artparse -h' for help.", err=True)
        ctx.exit(EXIT_USAGE)
    walk = WalkOptions(patterns=patterns, follow=follow, hidden=hidden, containers=container != NONE)
    if output is not None:  # first: that it is an input matters more than its format
        with _refused_as_usage_error():
            check_inputs_kept(output, paths, walk)
    if output is not None and cluster is None:  # a cluster run's -o is a folder
        _refuse_a_directory(ctx, output)
    if summary and fmt is None and cluster is None and (output is None or from_suffix(output)[0] is None):
        fmt = of_kind(REPORT).name  # the report, on stdout or to a file such as report.txt
    chosen_format = _cluster_format(fmt, output) if cluster is not None else _choose_format(fmt, output)
    _check_scaling(paths, chosen_format, output, cluster=cluster, files_from=files_from, summary=summary)
    compress = output is not None and output.lower().endswith(COMPRESSED)
    if compress and BY_NAME[chosen_format].kind != RECORDS:
        raise click.UsageError(f"-f {chosen_format} cannot be written gzip-compressed ({output!r})")
    if (csv_raw or bom) and not BY_NAME[chosen_format].delimited:
        raise click.UsageError(f"{'--bom' if bom else '--csv-raw'} is for csv and tsv output only")
    if output is not None and BY_NAME[chosen_format].kind != DATABASE:
        with _refused_as_usage_error():
            check_database_kept(output, chosen_format)
    options = RunOptions(
        paths=paths,
        fmt=chosen_format,
        output=output,
        fields=_choose_fields(fields),
        walk=walk,
        parse=ParseOptions(
            dialect=_check_dialect(dialect, rules),
            dayfirst=dayfirst,
            rules=rules,
            tz=tz,
            utc=utc,
            now=now,
            min_date=min_date,
        ),
        reading=ReadOptions(max_size=max_size, encoding=encoding, container=container),
        neutralise=not csv_raw,
        bom=bom,
        strict=strict,
        quiet=quiet,
        jobs=jobs or default_jobs(),
        summary=summary,
        incremental=incremental,
        prune=prune,
        start_method=start_method,
        hangup_ignored=_HANGUP_IGNORED[0],
        files_from=files_from,
        cluster=cluster,
        partition_size=partition_size,
        compress=compress,
    )
    _check_combination(options, fields, explicit_format=fmt)
    ctx.exit(run(options))


def _cluster_format(fmt: str | None, output: str | None) -> str:
    """A cluster run writes Parquet parts into the directory -o names."""
    parquet = of_kind(COLUMNS).name
    if fmt is not None and fmt.lower() != parquet:
        raise click.UsageError(f"--cluster writes {parquet} parts: -f {fmt} cannot go with it")
    if output is None:
        raise click.UsageError("--cluster writes Parquet parts into a directory: give it with -o DIR")
    return parquet


def _check_scaling(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    *,
    cluster: str | None,
    files_from: str | None,
    summary: bool,
) -> None:
    """What Parquet, URLs, --files-from and --cluster ask of the other options, then the
    optional extras the run needs, then whether a cluster run's -o can take its parts."""
    if BY_NAME[fmt].kind == COLUMNS and output is None:
        raise click.UsageError(f"-f {fmt} writes a binary file: give it with -o FILE")
    if files_from == STDIN and STDIN in paths:
        raise click.UsageError("--files-from - and the PATH - cannot both read standard input")
    if files_from not in (None, STDIN) and (os.path.isdir(files_from) or not os.access(files_from, os.R_OK)):
        raise click.BadParameter(f"{files_from}: not a readable file", param_hint="--files-from")
    if cluster is None and output is not None and is_url(output):
        raise click.UsageError(f"-o {output}: a URL output needs --cluster")
    if cluster is not None and STDIN in paths:
        raise click.UsageError("--cluster cannot read standard input: name files, folders or URLs")
    if cluster is not None and summary:
        raise click.UsageError("--summary cannot go with --cluster: the records stay in their parts")
    _check_extras(paths, fmt, output, cluster)
    if cluster is not None:
        from artparse.cluster import refusal

        assert output is not None
        reason = refusal(output, paths)
        if reason is not None:
            raise click.UsageError(f"{output!r} {reason}")


def _check_extras(paths: tuple[str, ...], fmt: str, output: str | None, cluster: str | None) -> None:
    needs: list[tuple[str | None, str]] = []
    if cluster is not None:
        needs += [("dask", "--cluster"), ("distributed", "--cluster")]
    needs.append((BY_NAME[fmt].needs, f"-f {fmt}"))
    if any(is_url(path) for path in (*paths, output or "")):
        needs.append(("fsspec", "reading URLs"))
    for module, purpose in needs:
        if module is not None:
            _require(module, purpose)


def _require(module: str, purpose: str) -> None:
    from artparse.extras import MissingExtra, require

    try:
        require(module, purpose)
    except MissingExtra as error:
        raise click.UsageError(str(error)) from None


@contextmanager
def _refused_as_usage_error() -> Iterator[None]:
    try:
        yield
    except RefusedTarget as error:
        raise click.UsageError(str(error)) from None


def _choose_format(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        found, _compressed = from_suffix(output)
        if found is None:
            raise click.UsageError(
                f"cannot tell the format of {output!r} ({known_suffixes()}); give -f FORMAT"
            )
        return found.name
    return "pretty" if sys.stdout is not None and sys.stdout.isatty() else "jsonl"


def _refuse_a_directory(ctx: click.Context, output: str) -> None:
    """-o naming a folder (`out/`, even one that does not exist yet) cannot be written (exit 3)."""
    if output.endswith(os.sep) or os.path.isdir(output):
        message(f"cannot write output: {output}: Is a directory (give a file name)")
        ctx.exit(EXIT_OUTPUT)


def _load_rules(path: str | None) -> tuple[Rule, ...]:
    if path is None:
        return ()
    from artparse.rules import RulesError, load_rules  # only when asked: it costs start-up time

    try:
        return load_rules(read_file_text(path))
    except (InputError, RulesError) as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--rules") from None


def _check_dialect(dialect: str | None, rules: tuple[Rule, ...]) -> str | None:
    known = [*(rule.name for rule in rules), *DIALECTS]
    if dialect is not None and dialect not in known:
        message = f"unknown dialect {dialect!r}; known: {', '.join(known)}"
        raise click.BadParameter(message, param_hint="--dialect")
    return dialect


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


def _check_combination(options: RunOptions, fields: str | None, explicit_format: str | None) -> None:
    chosen = BY_NAME[options.fmt]
    if options.summary and options.output is None and explicit_format not in (None, of_kind(REPORT).name):
        raise click.UsageError(
            f"--summary prints the report on stdout: give -o FILE for -f {explicit_format}"
        )
    if chosen.kind == DATABASE and options.output is None:
        raise click.UsageError(f"-f {chosen.name} writes a database file: give it with -o FILE")
    if (options.incremental or options.prune) and chosen.kind != DATABASE:
        raise click.UsageError("--incremental and --prune need a database output (-o FILE.db)")
    if fields is not None and chosen.whole_records:
        raise click.BadParameter(f"-f {chosen.name} takes whole records", param_hint="--fields")
    databases = chosen.kind == REPORT and any(
        path != STDIN and is_sqlite_database(path) for path in options.paths
    )
    if databases and len(options.paths) > 1:
        raise click.UsageError("a database PATH must be the only PATH of a report")


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _check_encoding(name: str | None) -> str | None:
    if name is not None and not is_text_encoding(name):
        raise click.BadParameter(f"unknown text encoding {name!r}", param_hint="--encoding")
    return name


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
    repeated = next((name for index, name in enumerate(chosen) if name in chosen[:index]), None)
    if repeated is not None:  # a record has each key once: a CSV header would not match its rows
        raise click.BadParameter(f"field {repeated!r} is given twice", param_hint="--fields")
    return chosen


_HANGUP_IGNORED = [False]
"""Whether the run started with SIGHUP ignored (nohup), set by main()."""


def main() -> NoReturn:
    """Console-script entry point: click's exit codes, plus 0 on a closed pipe and 128 + N on
    SIGINT (130), SIGTERM (143) and SIGHUP (129), each after removing the temporary output."""
    _HANGUP_IGNORED[0] = signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if not (signum == signal.SIGHUP and _HANGUP_IGNORED[0]):  # nohup: hang-ups stay ignored
            signal.signal(signum, _raise_terminated)
    watch_signals()
    try:
        code = command.main(prog_name="artparse", standalone_mode=False)
    except click.ClickException as error:
        if sys.stderr is not None:  # click would show it on stdout instead
            error.show()
        code = error.exit_code
    except (KeyboardInterrupt, click.Abort):
        code = EXIT_SIGINT
    except Terminated as terminated:
        code = 128 + terminated.signum
    except OSError as error:  # writing --help, --version or --schema (run() handles records)
        silence_stdout()
        message(f"cannot write output: {describe_os_error(error)}")
        code = EXIT_OUTPUT
    _exit(code if isinstance(code, int) else EXIT_OK)


def _raise_terminated(signum: int, frame: object) -> NoReturn:
    raise Terminated(signum)


def _exit(code: int) -> NoReturn:
    """Exit without a failing final flush of stdout turning `code` into 120."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        silence_stdout()
        sys.exit(code)
    os._exit(code)  # all is written: the interpreter's teardown would only cost time (~5 ms)
