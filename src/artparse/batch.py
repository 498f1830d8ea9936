"""One input to one outcome, and the tally of a run's outcomes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from artparse.errors import BinaryInput, InputError
from artparse.extract import parse_text
from artparse.record import Article
from artparse.sources import Input, Problem, decode, read_bytes


@dataclass(frozen=True)
class ParseOptions:
    """What the command line lets a user decide about parsing."""

    dialect: str | None = None
    dayfirst: bool = False


def process(item: Input, options: ParseOptions, stdin: BinaryIO) -> Article | Problem:
    """Read, decode and parse one input; every failure becomes a Problem, never an exception."""
    try:
        data = read_bytes(item, stdin)
    except InputError as error:
        return Problem(item.path, str(error))
    return process_bytes(item, data, options)


def process_bytes(item: Input, data: bytes, options: ParseOptions) -> Article | Problem:
    """Decode and parse the bytes already read from `item`; failures become Problems."""
    try:
        text = decode(data)
        article = parse_text(text, dialect=options.dialect, dayfirst=options.dayfirst)
    except BinaryInput as error:
        return Problem(item.path, str(error), skipped=not item.explicit)
    except InputError as error:
        return Problem(item.path, str(error))
    except Exception as error:  # a bug on one input must not stop the batch
        return Problem(item.path, f"internal error, please report it: {type(error).__name__}: {error}")
    return replace(article, source=item.path)


@dataclass
class Tally:
    """Counts that always add up: inputs = records + failed + skipped."""

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

    def count(self, outcome: Article | Problem) -> None:
        if isinstance(outcome, Article):
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
        return 1 if self.failed or (strict and self.with_warnings) else 0


def reason_kind(reason: str) -> str:
    """A failure reason without its detail: 'not valid UTF-8 (byte 17)' -> 'not valid UTF-8'."""
    return reason.split(" (")[0].split(": ")[0]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
