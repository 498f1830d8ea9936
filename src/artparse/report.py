"""The report for people (`-f summary`): what a set of records holds, in tables and a bar chart.

collect() turns records into Figures (plain counting, no terminal); render() draws them with rich,
imported only then: coloured on a terminal, plain text (no colours, no box lines, '#' bars, a
fixed width) anywhere else.
"""

from __future__ import annotations

import io
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from artparse.terminal import for_terminal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

USED_FIELDS = ("dialect", "author", "published", "visits", "warnings")
"""The record fields the report reads (a database run reads only these columns)."""
TOP_AUTHORS = 10
MAX_MONTHS = 60
"""A longer span of dates is charted per year (or longer): 60 bars is already a long chart."""
BAR_WIDTH = 40
NAME_WIDTH = 40
PLAIN_WIDTH = 160
"""Off a terminal, lines are not wrapped (none is this long): the same text whatever COLUMNS says."""
NO_DIALECT = "(none)"
FIRST_LABEL = "records"
"""The first word of a report (output.py tells an earlier report by it)."""


@dataclass
class Figures:
    """Counts over records; `failures` and `run` come from the run, when there was one."""

    records: int = 0
    with_warnings: int = 0
    dialects: Counter[str] = field(default_factory=Counter)
    warning_kinds: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    undated: int = 0
    without_month: int = 0
    earliest: str | None = None
    latest: str | None = None
    authors: Counter[str] = field(default_factory=Counter)
    without_author: int = 0
    visits: list[int] = field(default_factory=list)
    failures: Counter[str] | None = None
    run: str | None = None

    def add(self, record: dict[str, Any]) -> None:
        self.records += 1
        self.with_warnings += bool(record["warnings"])
        self.dialects[record["dialect"] or NO_DIALECT] += 1
        self.warning_kinds.update(warning.split(":")[0] for warning in record["warnings"])
        self._add_date(record["published"])
        if record["author"] is None:
            self.without_author += 1
        else:
            self.authors[record["author"]] += 1
        if record["visits"] is not None:
            self.visits.append(record["visits"])

    def _add_date(self, published: str | None) -> None:
        if published is None:
            self.undated += 1
            return
        self.earliest = min(self.earliest or published, published)
        self.latest = max(self.latest or published, published)
        if len(published) >= len("YYYY-MM"):
            self.months[published[:7]] += 1
        else:
            self.without_month += 1


def collect(records: Iterable[dict[str, Any]]) -> Figures:
    figures = Figures()
    for record in records:
        figures.add(record)
    return figures


def chart_bars(months: Counter[str]) -> list[tuple[str, int]]:
    """(label, count) for every month from the first to the last (empty ones too); for every
    year when that is more than MAX_MONTHS bars; for every decade, century or millennium
    ("1990-1999") when even the years are more: the chart never has more than MAX_MONTHS bars."""
    if not months:
        return []
    first, last = min(months), max(months)
    if _index(last) - _index(first) < MAX_MONTHS:
        return [(_month(index), months[_month(index)]) for index in range(_index(first), _index(last) + 1)]
    years: Counter[int] = Counter()
    for month, count in months.items():
        years[int(month[:4])] += count
    span = next(
        span for span in (1, 10, 100, 1000, 10000) if (max(years) // span - min(years) // span) < MAX_MONTHS
    )
    buckets: Counter[int] = Counter()
    for year, count in years.items():
        buckets[year // span] += count
    starts = range(min(years) // span, max(years) // span + 1)
    return [(_years(start * span, span), buckets[start]) for start in starts]


def _years(start: int, span: int) -> str:
    return f"{start:04d}" if span == 1 else f"{max(start, 1):04d}-{start + span - 1:04d}"  # no year 0


def _index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def render(figures: Figures, out: TextIO, terminal: bool) -> None:
    """Print the report to `out`: with colours and box lines when `terminal`, else plain text."""
    from rich.console import Console

    console = Console(
        file=out if terminal else io.StringIO(),
        force_terminal=terminal,
        no_color=not terminal,
        width=None if terminal else PLAIN_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for part in _parts(figures, terminal):
        console.print(part)
        console.print()
    if not terminal:
        assert isinstance(console.file, io.StringIO)
        out.writelines(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())


def _parts(figures: Figures, terminal: bool) -> list[RenderableType]:
    parts: list[RenderableType] = [
        _overview(figures),
        _counts(("dialect", "records"), figures.dialects, terminal),
        _counts(("warning kind", "warnings"), figures.warning_kinds, terminal),
    ]
    if figures.failures is not None:
        parts.append(_counts(("failure", "files"), figures.failures, terminal))
    return [*parts, _chart(figures, terminal), _top_authors(figures, terminal)]


def _overview(figures: Figures) -> Table:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(FIRST_LABEL, f"{figures.records:,} ({figures.with_warnings:,} with warnings)")
    if figures.run is not None:
        grid.add_row("run", figures.run)
    grid.add_row("published", _span(figures))
    grid.add_row("visits", _visit_statistics(figures.visits, figures.records))
    return grid


def _span(figures: Figures) -> str:
    if figures.earliest is None or figures.latest is None:
        span = "no dates"
    else:
        span = f"{for_terminal(figures.earliest)} to {for_terminal(figures.latest)}"
    return f"{span} ({figures.undated:,} undated)" if figures.undated else span


def _visit_statistics(visits: list[int], records: int) -> str:
    if not visits:
        return f"no counts in {records:,} records"
    median = statistics.median(visits)
    return (
        f"{len(visits):,} of {records:,} records: total {sum(visits):,}, "
        f"median {_number(median)}, mean {_number(statistics.fmean(visits))}, max {max(visits):,}"
    )


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


def _counts(headers: tuple[str, str], counts: Counter[str], terminal: bool) -> Table:
    table = _table(terminal, *headers)
    for name, count in _ranked(counts):
        table.add_row(for_terminal(name), f"{count:,}")
    if not counts:
        table.add_row("(none)", "0")
    return table


def _top_authors(figures: Figures, terminal: bool) -> Table:
    table = _table(terminal, f"top {TOP_AUTHORS} authors", "records")
    for name, count in _ranked(figures.authors)[:TOP_AUTHORS]:
        table.add_row(for_terminal(name), f"{count:,}")
    if figures.without_author:
        table.add_row("(no author)", f"{figures.without_author:,}")
    return table


def _chart(figures: Figures, terminal: bool) -> Table:
    from rich.text import Text

    bars = chart_bars(figures.months)
    unit = {len("YYYY"): "year", len("YYYY-YYYY"): "years"}.get(len(bars[0][0]) if bars else 0, "month")
    table = _table(terminal, unit, "articles", "")
    tallest = max((count for _, count in bars), default=0)
    for label, count in bars:
        length = max(1, round(count * BAR_WIDTH / tallest)) if count else 0
        table.add_row(label, f"{count:,}", Text(("█" if terminal else "#") * length, style="cyan"))
    if figures.undated or figures.without_month:
        table.caption = (
            f"not charted: {figures.undated:,} undated, {figures.without_month:,} with a year only"
        )
    return table


def _table(terminal: bool, *headers: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD if terminal else None, show_edge=False, pad_edge=False)
    table.add_column(headers[0], no_wrap=True, overflow="ellipsis", max_width=NAME_WIDTH)
    for header in headers[1:]:
        table.add_column(header, justify="right" if header else "left", no_wrap=True)
    return table


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first; ties in name order, so the report is the same on every run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
