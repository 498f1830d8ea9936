"""Lines for people on stderr: each outcome's problem or warnings, and the run's own messages."""

from __future__ import annotations

import sys

from artparse.outcomes import ContainerEnd, ContainerStart, Outcome, Problem, Records, Unchanged
from artparse.sources import QUIET_SKIPS, display_path
from artparse.terminal import for_terminal


def report(outcome: Outcome, quiet: int) -> None:
    """The outcome's lines: a failure (unless -qq), a skip or the record's warnings (unless -q).
    Unchanged files and QUIET_SKIPS (other file names, hidden files) say nothing: a line each
    would drown the rest; Records have no warnings."""
    if isinstance(outcome, Problem):
        if outcome.reason not in QUIET_SKIPS:
            prefix = "skipped: " if outcome.skipped else ""
            shown = quiet < 1 if outcome.skipped else quiet < 2
            message(f"{display_path(outcome.path)}: {prefix}{outcome.reason}", show=shown)
    elif not quiet and not isinstance(outcome, Records | Unchanged | ContainerStart | ContainerEnd):
        for warning in outcome.warnings:
            message(f"{outcome.source}: warning: {warning}")


def message(text: str, *, show: bool = True) -> None:
    """One line on stderr, with anything a terminal would obey escaped; a closed or failing
    stderr is not worth dying for."""
    if not show:
        return
    try:
        sys.stderr.write(f"artparse: {for_terminal(text)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # AttributeError: no stderr at all (2>&-)
        pass
