"""artparse on Dask: the records of many files as a `dask.bag`, parsed where Dask runs them.

    import artparse.dask
    articles = artparse.dask.read_articles("s3://bucket/corpus/", tz="Africa/Tripoli")
    frame = articles.to_dataframe()        # the Parquet schema's dtypes (pandas ArrowDtype)

Files are listed here (in the client) and parsed on the workers, FILES_PER_PARTITION to a
partition (one task per file would cost Dask more than parsing it). Each file goes through the
command line's own step, so a cluster gives the records a local run gives, in the same order.
Needs the `dask` extra; the workers need artparse installed and the inputs reachable.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any, Literal

from artparse.errors import ArtparseError, InputError
from artparse.extract import ParseOptions
from artparse.extras import MissingExtra, missing_message, require
from artparse.outcomes import Outcome, Passed, Rendered
from artparse.record import JSONValue
from artparse.remote import iter_all_inputs
from artparse.sinks import RecordRender
from artparse.sources import STDIN, Input, Problem, ReadOptions, WalkOptions, display_path
from artparse.step import Step, StepSettings

FILES_PER_PARTITION = 2048
"""About a second of parsing per task on one core: large enough that Dask's per-task cost
(a millisecond or so) is noise, small enough that a lost worker costs little to redo."""
PURPOSE = "artparse.dask"

Work = Input | Passed  # a container's articles are Inputs between a ContainerStart and End
try:
    import dask.bag as _bag
except ImportError as error:
    raise MissingExtra(missing_message("dask", PURPOSE)) from error


def parse_partition(items: Iterable[Work], settings: StepSettings) -> list[Outcome]:
    """Every item's outcomes, in order: what a local run's step gives for it."""
    step = Step(settings, io.BytesIO())  # a partition never holds standard input
    outcomes: list[Outcome] = []
    for item in items:
        if isinstance(item, Input):
            outcomes.extend(step(item))
        else:
            outcomes.append(item)
    return outcomes


def partitions(items: Iterable[Work], size: int = FILES_PER_PARTITION) -> Iterator[list[Work]]:
    """`items` in lists of `size`, in order, without holding more than one list."""
    chunk: list[Work] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class ArticleBag(_bag.Bag):
    """A dask.bag of records whose to_dataframe() has the Parquet schema's columns and dtypes."""

    def to_dataframe(self, meta: Any = None, columns: Any = None, optimize_graph: bool = True) -> Any:
        if meta is not None or columns is not None:
            return super().to_dataframe(meta=meta, columns=columns, optimize_graph=optimize_graph)
        from artparse.arrow import pandas_meta

        dataframe = require("dask.dataframe", PURPOSE)
        frames = self.map_partitions(_frame).to_delayed(optimize_graph=optimize_graph)
        return dataframe.from_delayed(frames, meta=pandas_meta(), verify_meta=False)


def read_articles(
    paths_or_url: str | Sequence[str],
    *,
    files_per_partition: int = FILES_PER_PARTITION,
    on_error: Literal["raise", "skip"] = "raise",
    patterns: Sequence[str] = (),
    follow: bool = False,
    hidden: bool = False,
    max_size: int = ReadOptions.max_size,
    encoding: str | None = None,
    **parse_options: Any,
) -> ArticleBag:
    """The record (a dict, as JSON Lines has it) of every article file under the paths or URLs.

    `parse_options` are those of artparse.parse_text (dialect, dayfirst, rules, tz, utc, now,
    min_date). A file that cannot be read raises ArtparseError naming it when the bag is
    computed (`on_error="raise"`, as Dask's own readers do), or is left out (`"skip"`).
    Directories and prefixes are read as the command line reads them (`patterns` is --glob,
    `follow` --follow, `hidden` --hidden).
    """
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    if files_per_partition < 1:
        raise ValueError(f"files_per_partition must be at least 1, not {files_per_partition!r}")
    paths = (paths_or_url,) if isinstance(paths_or_url, str) else tuple(paths_or_url)
    if STDIN in paths:
        raise ValueError("standard input ('-') cannot be read on a cluster")
    reading = ReadOptions(max_size=max_size, encoding=encoding)
    settings = StepSettings(_parse_options(parse_options), reading, RecordRender())
    walk = WalkOptions(patterns, follow, hidden=hidden)
    items = [item for item in iter_all_inputs(paths, walk) if _kept(item, on_error)]
    bag = _bag.from_sequence(items, partition_size=files_per_partition)
    records = bag.map_partitions(_records, settings, on_error)
    return ArticleBag(records.dask, records.name, records.npartitions)


def _parse_options(given: dict[str, Any]) -> ParseOptions:
    known = {option.name for option in fields(ParseOptions)}
    unknown = sorted(set(given) - known)
    if unknown:
        raise TypeError(f"read_articles() got unknown parse options: {', '.join(unknown)}")
    options = ParseOptions(**given)
    options.zone, options.parsers  # noqa: B018  # an unknown zone or dialect raises here, not per file
    return options


def _kept(item: Input | Problem, on_error: str) -> bool:
    """Listing problems: a skip by design is left out; a failure raises now, or is left out."""
    if isinstance(item, Input):
        return True
    if not item.skipped and on_error == "raise":
        raise InputError(f"{display_path(item.path)}: {item.reason}")
    return False


def _records(items: Iterable[Work], settings: StepSettings, on_error: str) -> list[dict[str, JSONValue]]:
    records = []
    for outcome in parse_partition(items, settings):
        if isinstance(outcome, Rendered):
            assert isinstance(outcome.payload, dict)
            records.append(outcome.payload)
        elif isinstance(outcome, Problem) and on_error == "raise" and not outcome.skipped:
            raise InputError(f"{display_path(outcome.path)}: {outcome.reason}")
    return records


def _frame(records: Iterable[dict[str, JSONValue]]) -> Any:
    from artparse.arrow import arrow_schema, to_table

    pandas = require("pandas", PURPOSE)
    return to_table(list(records), arrow_schema()).to_pandas(types_mapper=pandas.ArrowDtype)


__all__ = ["FILES_PER_PARTITION", "ArticleBag", "ArtparseError", "read_articles"]
