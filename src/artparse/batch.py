"""One input to one outcome, and the tally of a run's outcomes."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, BinaryIO, Protocol

from artparse.dates import MIN_DATE
from artparse.decoding import decode_bytes
from artparse.errors import InputError, SkippedInWalk
from artparse.extract import parse_text
from artparse.record import Article
from artparse.sources import STDIN, VANISHED, Input, Problem, ReadOptions, display_path, read_bytes

if TYPE_CHECKING:
    from artparse.rules import Rule


@dataclass(frozen=True)
class ParseOptions:
    """What the command line lets a user decide about parsing."""

    dialect: str | None = None
    dayfirst: bool = False
    rules: tuple[Rule, ...] = ()
    tz: str | None = None
    utc: bool = False
    now: datetime | None = None  # None: each input's modification time (the current time for stdin)
    min_date: date = MIN_DATE


def process(
    item: Input, options: ParseOptions, stdin: BinaryIO, reading: ReadOptions | None = None
) -> Article | Problem:
    """Read, decode and parse one input; every failure becomes a Problem, never an exception."""
    reading = reading or ReadOptions()
    try:
        data = read_bytes(item, stdin, reading.max_size)
    except InputError as error:
        return input_problem(item, error)
    return process_bytes(item, data, options, reading)


def process_all(
    item: Input, options: ParseOptions, stdin: BinaryIO, reading: ReadOptions | None = None
) -> list[Article | Problem]:
    """Like process, for an input that may be a container (known by its content) or a member of
    one (a Part): the outcome of each of its articles."""
    from artparse.members import Part, expand_read, found_kind, member_outcome

    reading = reading or ReadOptions()
    if isinstance(item, Part):
        return [member_outcome(item, options, reading.encoding)]
    try:
        data = read_bytes(item, stdin, reading.max_size)
    except InputError as error:
        return [input_problem(item, error)]
    kind = found_kind(data, reading.container)
    if kind is None:
        return [process_bytes(item, data, options, reading)]
    parts = expand_read(item, kind, data, reading.max_size, _modified(item))
    return [member_outcome(part, options, reading.encoding) for part in parts]


def process_bytes(
    item: Input, data: bytes, options: ParseOptions, reading: ReadOptions | None = None
) -> Article | Problem:
    """Decode and parse the bytes already read from `item`; failures become Problems.

    The record's warnings start with the decoding's (a fallback encoding, replaced bytes).
    """
    try:
        decoded = decode_bytes(data, (reading or ReadOptions()).encoding)
        article = parse_text(
            decoded.text,
            source=display_path(item.path),
            dialect=options.dialect,
            dayfirst=options.dayfirst,
            rules=options.rules,
            tz=options.tz,
            utc=options.utc,
            now=options.now if options.now is not None else _modified(item),
            min_date=options.min_date,
        )
    except InputError as error:
        return input_problem(item, error)
    except Exception as error:  # a bug on one input must not stop the batch
        return Problem(item.path, f"internal error, please report it: {type(error).__name__}: {error}")
    if decoded.warnings:
        article = replace(article, warnings=decoded.warnings + article.warnings)
    return article


def input_problem(item: Input, error: InputError) -> Problem:
    """What a walk skips (binary, vanished ...) is a skip there, and a failure when named."""
    return Problem(item.path, str(error), skipped=isinstance(error, SkippedInWalk) and not item.explicit)


def _modified(item: Input) -> datetime | None:
    """When `item` was last modified (now, for stdin), to the second; None when unknowable."""
    try:
        if item.path == STDIN:
            moment = datetime.now(UTC)
        else:
            moment = datetime.fromtimestamp(os.stat(item.path).st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None  # relative dates then stay unread, with a warning
    return moment.replace(microsecond=0)


class Recorded(Protocol):
    """A record, whole (Article) or already written out as text: what the tally needs of it."""

    @property
    def source(self) -> str | None: ...

    @property
    def warnings(self) -> tuple[str, ...]: ...


@dataclass
class Tally:
    """Counts that always add up: inputs = records + failed + skipped.

    Under --strict, records with warnings, vanished files and a run without any record fail.
    """

    records: int = 0
    with_warnings: int = 0
    failed: int = 0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    failure_reasons: Counter[str] = field(default_factory=Counter)
    """Failures by the reason without its detail: 'not valid UTF-8', 'Permission denied', ..."""

    @property
    def skipped(self) -> int:
        return sum(self.skip_reasons.values())

    @property
    def inputs(self) -> int:
        return self.records + self.failed + self.skipped

    def count(self, outcome: Recorded | Problem) -> None:
        if not isinstance(outcome, Problem):
            self.records += 1
            self.with_warnings += bool(outcome.warnings)
        elif outcome.skipped:
            self.skip_reasons[outcome.reason.split(" (")[0]] += 1
        else:
            self.failed += 1
            self.failure_reasons[reason_kind(outcome.reason)] += 1

    def summary(self, strict: bool) -> str:
        warned = f"{self.with_warnings} with warnings"
        if strict and self.with_warnings:
            warned += ", failures under --strict"
        records = _plural(self.records, "record")
        line = f"{_plural(self.inputs, 'input')}: {records} ({warned}), {self.failed} failed"
        if self.skipped:
            reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skip_reasons.items()))
            line += f", {self.skipped} skipped ({reasons})"
        return line

    def exit_code(self, strict: bool) -> int:
        doubtful = self.with_warnings or self.skip_reasons[_VANISHED] or not self.records
        return 1 if self.failed or (strict and doubtful) else 0


_VANISHED = VANISHED.split(" (")[0]


def reason_kind(reason: str) -> str:
    """A failure reason without its detail: 'not valid UTF-8 (byte 17)' -> 'not valid UTF-8'."""
    return reason.split(" (")[0].split(": ")[0]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
