"""The tally of a run's outcomes: counts that always add up, the summary line, the exit code."""

from __future__ import annotations

from collections import Counter

from artparse.outcomes import ContainerEnd, ContainerStart, Outcome, Problem, Records, Unchanged
from artparse.sources import VANISHED

UNCHANGED = "unchanged"
"""How the summary names the files that an incremental run did not parse again."""


class Tally:
    """Counts that always add up: inputs = records + failed + skipped.

    Under --strict, records with warnings, vanished files and a run without any record fail.
    """

    def __init__(self) -> None:
        self.records = 0
        self.with_warnings = 0
        self.failed = 0
        self.skip_reasons: Counter[str] = Counter()
        self.failure_reasons: Counter[str] = Counter()
        """Failures by the reason without its detail: 'not valid UTF-8', 'Permission denied', ..."""

    @property
    def skipped(self) -> int:
        return sum(self.skip_reasons.values())

    @property
    def inputs(self) -> int:
        return self.records + self.failed + self.skipped

    def count(self, outcome: Outcome) -> None:
        if isinstance(outcome, ContainerStart | ContainerEnd):
            return  # a container counts by its articles' outcomes
        if isinstance(outcome, Records):
            self.records += outcome.count  # (none has warnings)
        elif isinstance(outcome, Unchanged):
            self.skip_reasons[UNCHANGED] += 1
        elif not isinstance(outcome, Problem):
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
