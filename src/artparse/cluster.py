"""`--cluster`: the pipeline's step run on a Dask cluster, each partition's records written
there, as Parquet.

The output is a directory (a local path every worker sees, or a URL), laid out as Dask's
`to_parquet` and Hadoop's output committer lay theirs: `part.00000.parquet`, `part.00001.parquet`
... in input order, one per partition, and an empty `_SUCCESS` once every part is written.
A task that Dask redoes (its worker died, or it raised) rewrites its own part whole: locally
a temporary file renamed over it, on object storage an upload that appears only complete.
So every record is in exactly one part, and readers see no part half-written.

The inputs are listed here; ClusterEngine sends them out a partition at a time, a few
partitions ahead of the oldest unfinished one, so memory stays flat in the listing. Each
partition sends back what the run's tally and messages need (every Problem, and each record's
source and warnings, without the record), in order: the summary adds up across the cluster.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO
from uuid import uuid4

from artparse.dask import FILES_PER_PARTITION, Work, parse_partition, partitions
from artparse.errors import ArtparseError, ClusterError
from artparse.extras import require
from artparse.outcomes import Outcome, Rendered
from artparse.output import open_destination
from artparse.parquet import write_parquet
from artparse.record import JSONValue
from artparse.sinks import RecordRender
from artparse.sources import OwnOutput, is_url

if TYPE_CHECKING:
    from artparse.pool import Task
    from artparse.step import Step, StepSettings
    from artparse.tally import Tally

LOCAL = "local"
"""`--cluster local`: a LocalCluster of -j worker processes on this machine."""
SUCCESS = "_SUCCESS"
RETRIES = 2
"""Retries of a partition that raised (a storage hiccup); a lost worker's tasks are redone
anyway, up to the scheduler's `distributed.scheduler.allowed-failures`."""
PURPOSE = "--cluster"


def part_name(index: int) -> str:
    return f"part.{index:05d}.parquet"


@dataclass(frozen=True)
class Cluster:
    """Where and how a run's step runs on Dask: the pipeline's engine factory (run_batch)."""

    address: str
    output: str
    workers: int = 1
    """The LocalCluster's worker processes (LOCAL only)."""
    partition_size: int = FILES_PER_PARTITION

    def __call__(self, settings: StepSettings) -> ClusterEngine:
        return ClusterEngine(self, settings)


class ClusterEngine:
    """Outcomes computed on a Dask cluster, in the order of the tasks; the client (and a
    LocalCluster) live until close()."""

    def __init__(self, cluster: Cluster, settings: StepSettings) -> None:
        distributed = require("distributed", PURPOSE)
        # stderr carries artparse's own lines: Dask's notes (a slow event loop, long garbage
        # collections, a worker restarted) stay out of it unless they are errors.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        self._plan = cluster
        self._settings = settings
        self._local: Any = None
        if cluster.address == LOCAL:
            self._local = distributed.LocalCluster(
                n_workers=cluster.workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=":0",  # no fixed port to collide with
                silence_logs=logging.ERROR,
            )
            self._client = distributed.Client(self._local)
            return
        try:  # how long to try is Dask's setting: distributed.comm.timeouts.connect
            self._client = distributed.Client(cluster.address)
        except (OSError, TimeoutError, ValueError) as error:
            raise ClusterError(f"cannot reach the scheduler at {cluster.address}: {error}") from error

    def outcomes(self, tasks: Iterator[Task], local: Step) -> Iterator[Outcome]:
        """Every task's outcomes in order; each partition's records go into its part. (`local`,
        for standard input, is never needed: a cluster run reads none.)"""
        output = self._plan.output
        _make_directory(output)
        window = 2 * max(1, sum(self._client.nthreads().values()))  # partitions in flight
        token = uuid4().hex
        pending: deque[Any] = deque()
        items = (item for item, _known in tasks)
        for index, chunk in enumerate(partitions(items, self._plan.partition_size)):
            key = f"artparse-part-{index}-{token}"
            arguments = (chunk, index, output, self._settings)
            pending.append(
                self._client.submit(write_partition, *arguments, key=key, retries=RETRIES, pure=False)
            )
            while len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())

    def close(self, *, abort: bool) -> None:
        self._client.close()
        if self._local is not None:
            self._local.close()


class PartsSink:
    """The run's side of the parts: the workers write them; it marks the output complete."""

    records_stamps = False

    def __init__(self, output: str, fields: tuple[str, ...]) -> None:
        self.render = RecordRender(fields)
        self.own_output = OwnOutput()
        self._output = output

    def known(self, path: str) -> None:
        return None

    def take(self, outcome: Outcome) -> None:
        """The records are in their parts already."""

    def finish(self, tally: Tally) -> None:
        _write(self._output, SUCCESS, lambda stream: None)  # empty, as Hadoop's committer writes it


def write_partition(items: list[Work], index: int, output: str, settings: StepSettings) -> list[Outcome]:
    """One task: parse the partition, write its part, return the outcomes without the records."""
    outcomes = parse_partition(items, settings)
    records = [_record(outcome.payload) for outcome in outcomes if isinstance(outcome, Rendered)]
    assert isinstance(settings.render, RecordRender)
    fields = settings.render.fields
    _write(output, part_name(index), lambda stream: write_parquet(stream, records, fields))
    return [
        Rendered(outcome.source, outcome.warnings, None) if isinstance(outcome, Rendered) else outcome
        for outcome in outcomes
    ]


def _record(payload: object) -> dict[str, JSONValue]:
    assert isinstance(payload, dict)  # what RecordRender makes
    return payload


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


def refusal(output: str, paths: Iterable[str]) -> str | None:
    """Why `output` cannot take a cluster run's parts: a file; a directory that already holds
    something (another run's parts would mix with these); a folder inside one being read.
    None when it can."""
    used = "is not empty: a cluster run writes into a new or empty directory"
    if is_url(output):
        fs, path = _filesystem(output)
        if not fs.exists(path):
            return None
        if not fs.isdir(path):
            return "is a file; a cluster run writes a directory of parts"
        return used if fs.ls(path) else None
    for path in paths:
        if not is_url(path) and os.path.isdir(path) and _inside(output, path):
            return f"is inside {path}, which is being read"
    if not os.path.lexists(output):
        return None
    if not os.path.isdir(output):
        return "is a file; a cluster run writes a directory of parts"
    return used if os.listdir(output) else None


def _inside(path: str, folder: str) -> bool:
    inner, outer = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([inner, outer]) == outer


def _result(future: Any) -> list[Outcome]:
    try:
        result: list[Outcome] = future.result()
    except ArtparseError as error:
        raise ClusterError(str(error)) from error
    except Exception as error:  # KilledWorker, a lost scheduler ...: the run cannot finish
        raise ClusterError(f"a partition failed: {type(error).__name__}: {error}") from error
    return result
