"""`--cluster`: inputs listed here, parsed and written to Parquet on a Dask cluster.

The output is a directory (a local path every worker sees, or a URL), laid out as Dask's
`to_parquet` and Hadoop's output committer lay theirs: `part.00000.parquet`, `part.00001.parquet`
... in input order, one per partition, and an empty `_SUCCESS` once every part is written.
A task that Dask retries (its worker died, or it raised) rewrites its own part whole: locally
a temporary file renamed over it, on object storage an upload that appears only complete.
So every record is in exactly one part, and readers see no part half-written.

Each partition sends back what the run's tally and messages need (every Problem, and the
source and warnings of every record), in order: the summary adds up across the cluster.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO
from uuid import uuid4

from artparse.dask import FILES_PER_PARTITION, Settings, Work, parse_partition, partitions
from artparse.errors import ArtparseError
from artparse.extras import require
from artparse.output import open_destination
from artparse.parquet import write_parquet
from artparse.record import Article
from artparse.sources import Problem, is_url

LOCAL = "local"
"""`--cluster local`: a LocalCluster of -j worker processes on this machine."""
SUCCESS = "_SUCCESS"
RETRIES = 2
"""Retries of a partition that raised (a storage hiccup); a lost worker's tasks are redone
anyway, up to the scheduler's `allowed-failures`."""
CONNECT_TIMEOUT = "30s"
PURPOSE = "--cluster"


class ClusterError(ArtparseError):
    """The cluster could not be reached, or a partition failed for good; the message says why."""


@dataclass(frozen=True)
class Noted:
    """A record as the run's tally and messages need it; the record itself stays in its part."""

    source: str | None
    warnings: tuple[str, ...]


def part_name(index: int) -> str:
    return f"part.{index:05d}.parquet"


def run_on_cluster(
    address: str,
    items: Iterable[Work],
    settings: Settings,
    output: str,
    *,
    workers: int,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Iterator[Problem | Noted]:
    """Every item's outcome in order, its record written into the part of its partition."""
    with _client(address, workers) as client:
        _make_directory(output)
        window = 2 * max(1, sum(client.nthreads().values()))  # memory stays flat in the listing
        token = uuid4().hex
        pending: deque[Any] = deque()
        for index, chunk in enumerate(partitions(items, files_per_partition)):
            key = f"artparse-part-{index}-{token}"
            future = client.submit(
                write_partition, chunk, index, output, settings, key=key, retries=RETRIES, pure=False
            )
            pending.append(future)
            while len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
        _write(output, SUCCESS, lambda stream: None)  # empty, as Hadoop's committer writes it


def write_partition(items: list[Work], index: int, output: str, settings: Settings) -> list[Problem | Noted]:
    """One task: parse the partition, write its part, return what the tally needs."""
    outcomes = parse_partition(items, settings)
    records = [_cut(outcome, settings.fields) for outcome in outcomes if isinstance(outcome, Article)]
    _write(output, part_name(index), lambda stream: write_parquet(stream, records, settings.fields))
    return [
        outcome if isinstance(outcome, Problem) else Noted(outcome.source, outcome.warnings)
        for outcome in outcomes
    ]


def _cut(article: Article, fields: tuple[str, ...]) -> dict[str, Any]:
    record = article.to_dict()
    return {name: record[name] for name in fields}


def _write(directory: str, name: str, fill: Callable[[BinaryIO], None]) -> None:
    if is_url(directory):
        with _filesystem(directory)[0].open(f"{directory.rstrip('/')}/{name}", "wb") as stream:
            fill(stream)
    else:
        with open_destination(os.path.join(directory, name)) as destination:
            fill(destination.stream.buffer)


def _filesystem(url: str) -> tuple[Any, str]:
    fs, path = require("fsspec.core", "writing to a URL").url_to_fs(url)
    return fs, path


def _make_directory(output: str) -> None:
    if is_url(output):
        fs, path = _filesystem(output)
        fs.makedirs(path, exist_ok=True)
    else:
        os.makedirs(output, exist_ok=True)


def refusal(output: str) -> str | None:
    """Why `output` cannot take a cluster run's parts: a file, or a directory that already
    holds something (parts of another run would mix with this one's). None when it can."""
    if is_url(output):
        fs, path = _filesystem(output)
        if not fs.exists(path):
            return None
        if not fs.isdir(path):
            return "is a file; a cluster run writes a directory of parts"
        return "is not empty: a cluster run writes into a new or empty directory" if fs.ls(path) else None
    if not os.path.lexists(output):
        return None
    if not os.path.isdir(output):
        return "is a file; a cluster run writes a directory of parts"
    return "is not empty: a cluster run writes into a new or empty directory" if os.listdir(output) else None


def _result(future: Any) -> list[Problem | Noted]:
    try:
        result: list[Problem | Noted] = future.result()
    except ArtparseError as error:
        raise ClusterError(str(error)) from error
    except Exception as error:  # KilledWorker, a lost scheduler ...: the run cannot finish
        raise ClusterError(f"a partition failed: {type(error).__name__}: {error}") from error
    return result


@contextmanager
def _client(address: str, workers: int) -> Iterator[Any]:
    distributed = require("distributed", PURPOSE)
    if address == LOCAL:
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the scheduler at {address}: {error}") from error
    with client:
        yield client
