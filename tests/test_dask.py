"""The same records from a real Dask cluster: two worker processes on this machine, offline.

Each cluster and its client live in a child process that the test starts (spawn): a Dask
client leaves a thread behind in its process (`Dask-Offload`), and other tests rightly check
that no thread runs beside the local worker pool. The child returns plain results; the
assertions are here.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_artparse
from tests.scaling import MAX_SIZE, jsonl_records, write_tree

distributed = pytest.importorskip("distributed", reason="cluster runs need artparse[dask]")
pq = pytest.importorskip("pyarrow.parquet", reason="cluster runs need artparse[dask]")
fsspec = pytest.importorskip("fsspec", reason="cluster runs need artparse[dask]")

import artparse.dask  # noqa: E402
from artparse.arrow import pandas_meta  # noqa: E402
from artparse.cluster import SUCCESS, Cluster, PartsSink, part_name  # noqa: E402
from artparse.errors import ArtparseError  # noqa: E402
from artparse.extract import ParseOptions  # noqa: E402
from artparse.pipeline import Batch, run_batch  # noqa: E402
from artparse.record import FIELDS  # noqa: E402
from artparse.sources import ReadOptions, WalkOptions  # noqa: E402
from artparse.tally import Tally  # noqa: E402

FILES = 300
PARTITION = 25
OTHERS = 5
"""The tree's entries that give no record: a large file (fails), a binary one, another name,
a hidden folder and a hidden file."""
NOW = "2026-01-01T12:00:00+00:00"
OPTIONS: dict[str, Any] = {"tz": "Africa/Tripoli", "now": datetime.fromisoformat(NOW)}
MAX_BYTES = 20 * 1024
Records = list[dict[str, Any]]

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cluster") / "tree"
    write_tree(root, FILES)
    return root


@pytest.fixture(scope="module")
def local_records(tree: Path) -> list[dict[str, Any]]:
    """What the local command line gives for the tree: the reference every cluster run must equal."""
    result = run_artparse(
        str(tree), "--max-size", MAX_SIZE, "--tz", "Africa/Tripoli", "--now", NOW, "-f", "jsonl"
    )
    assert result.returncode == 1, result.stderr  # the one large file fails
    records = jsonl_records(result.stdout.decode())
    assert len(records) == FILES
    return records


def _in_child(scenario: Callable[..., Any], *args: Any) -> Any:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as child:
        return child.submit(scenario, *args).result(timeout=240)


def _new_cluster() -> Any:
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1"
    )


class _MemoryStore(distributed.WorkerPlugin):  # type: ignore[misc]
    """Object storage that every worker reaches: the same files in each worker's memory://."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def setup(self, worker: Any) -> None:
        memory = fsspec.filesystem("memory")
        for path, data in self.files.items():
            memory.pipe(path, data)


def _memory_files(tree: Path, prefix: str) -> dict[str, bytes]:
    files = sorted(path for path in tree.rglob("*") if path.is_file())
    return {f"/{prefix}/{path.relative_to(tree).as_posix()}": path.read_bytes() for path in files}


def _cluster_run(address: str, path: str, output: Path) -> Tally:
    """The command line's cluster run (the pipeline with the cluster engine) on that scheduler."""
    batch = Batch((path,), WalkOptions(), ParseOptions(**OPTIONS), ReadOptions(max_size=MAX_BYTES))
    plan = Cluster(address, str(output), partition_size=PARTITION)
    return run_batch(batch, PartsSink(str(output), FIELDS), engine=plan)


def _scenarios(tree: Path, out: Path) -> dict[str, Any]:
    """Everything one two-worker cluster is asked in this module, each answer kept as data."""
    found: dict[str, Any] = {}
    with _new_cluster() as cluster, distributed.Client(cluster) as client:
        bag = artparse.dask.read_articles(
            str(tree), files_per_partition=PARTITION, on_error="skip", max_size=MAX_BYTES, **OPTIONS
        )
        found["partitions"], found["bag"] = bag.npartitions, bag.compute()
        frame = bag.to_dataframe()
        found["dtypes"], found["frame"] = dict(frame.dtypes), frame.compute()
        try:
            artparse.dask.read_articles(
                str(tree), files_per_partition=PARTITION, max_size=MAX_BYTES
            ).compute()
        except ArtparseError as error:
            found["raised"] = str(error)
        found["memory"] = _from_shared_memory(client, tree)
        found["client only"] = _from_client_memory(cluster.scheduler_address, tree, out / "client-only")
        found["parts"] = _cluster_run(cluster.scheduler_address, str(tree), out / "parts")
        found["parts directory"] = out / "parts"
    return found


def _from_shared_memory(client: Any, tree: Path) -> list[dict[str, Any]]:
    """memory:// standing for object storage: reached by this process (which lists) and by
    every worker (which reads), through a worker plugin."""
    store = _MemoryStore(_memory_files(tree, "shared-corpus"))
    store.setup(worker=None)
    client.register_plugin(store, name="memory-store")
    bag = artparse.dask.read_articles(
        "memory://shared-corpus/",
        files_per_partition=PARTITION,
        on_error="skip",
        max_size=MAX_BYTES,
        **OPTIONS,
    )
    records: list[dict[str, Any]] = bag.compute()
    client.unregister_worker_plugin("memory-store")
    return records


def _from_client_memory(address: str, tree: Path, out: Path) -> Tally:
    """memory:// held by this process only: what the workers see of it."""
    memory = fsspec.filesystem("memory")
    for path, data in _memory_files(tree, "client-only").items():
        memory.pipe(path, data)
    return _cluster_run(address, "memory://client-only/", out)


@pytest.fixture(scope="module")
def answers(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return dict(_in_child(_scenarios, tree, tmp_path_factory.mktemp("answers")))


def test_a_bag_of_the_local_records_row_for_row(
    answers: dict[str, Any], local_records: list[dict[str, Any]]
) -> None:
    assert answers["partitions"] == -(-(FILES + 2) // PARTITION)  # the binary and the large file are read too
    assert answers["bag"] == local_records


def test_its_dataframe_has_the_parquet_schema_dtypes(
    answers: dict[str, Any], local_records: list[dict[str, Any]]
) -> None:
    assert answers["dtypes"] == dict(pandas_meta().dtypes)
    frame = answers["frame"]
    assert list(frame["source"]) == [record["source"] for record in local_records]
    visits = frame["visits"].astype(object).where(frame["visits"].notna(), None)
    assert list(visits) == [record["visits"] for record in local_records]


def test_a_failed_file_raises_naming_it_by_default(answers: dict[str, Any]) -> None:
    assert answers["raised"].endswith(
        "huge.txt: too large: 29.3 KiB (30,026 bytes), the limit is 20 KiB (see --max-size)"
    )


def test_unknown_parse_options_are_refused() -> None:
    with pytest.raises(TypeError, match="timezone"):
        artparse.dask.read_articles("x", timezone="UTC")


@pytest.mark.parametrize(("option", "value"), [("tz", "Nowhere/Land"), ("dialect", "no-such-dialect")])
def test_unusable_parse_options_raise_when_called_not_per_file(option: str, value: str) -> None:
    with pytest.raises(ValueError, match=value):
        artparse.dask.read_articles("x", **{option: value})


def test_memory_urls_give_the_local_records(
    answers: dict[str, Any], tree: Path, local_records: list[dict[str, Any]]
) -> None:
    local = [{**record, "source": record["source"].removeprefix(f"{tree}/")} for record in local_records]
    remote = [{**r, "source": r["source"].removeprefix("memory://shared-corpus/")} for r in answers["memory"]]
    assert remote == local


def test_memory_urls_are_per_process(answers: dict[str, Any]) -> None:
    """What the client lists, worker processes cannot read: each such file is counted (as
    vanished since the listing), none is lost silently."""
    tally = answers["client only"]
    assert (tally.records, tally.failed) == (0, 0)
    assert tally.skip_reasons["vanished"] == FILES + 2  # every article file, the large and the binary one
    assert tally.inputs == FILES + OTHERS


def _part_records(output: Path) -> list[dict[str, Any]]:
    rows = pq.read_table(output).to_pylist()
    return [
        {**{k: v for k, v in row.items() if not k.endswith("_utc")}, "extra": json.loads(row["extra"])}
        for row in rows
    ]


def test_a_cluster_run_writes_the_local_records_in_parts(
    answers: dict[str, Any], local_records: Records
) -> None:
    tally, out = answers["parts"], answers["parts directory"]
    count = -(-(FILES + OTHERS) // PARTITION)  # the listing's every entry is in a partition
    assert sorted(path.name for path in out.iterdir()) == sorted([SUCCESS, *map(part_name, range(count))])
    assert (out / SUCCESS).read_bytes() == b""
    assert _part_records(out) == local_records
    assert (tally.records, tally.failed, tally.inputs) == (FILES, 1, FILES + OTHERS)
    assert list(tally.failure_reasons) == ["too large"]


class _KillOnce(distributed.WorkerPlugin):  # type: ignore[misc]
    """Kills the worker process that starts partition 3, once in the whole run."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and str(key).startswith("artparse-part-3-"):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                return
            os.kill(os.getpid(), signal.SIGKILL)


def _run_with_a_killed_worker(tree: Path, out: Path, marker: Path) -> Tally:
    with _new_cluster() as cluster, distributed.Client(cluster) as client:
        client.register_plugin(_KillOnce(str(marker)))
        return _cluster_run(cluster.scheduler_address, str(tree), out)


def test_a_worker_killed_mid_run_still_gives_every_record_once(
    tree: Path, tmp_path: Path, local_records: list[dict[str, Any]]
) -> None:
    marker = tmp_path / "killed"
    tally = _in_child(_run_with_a_killed_worker, tree, tmp_path / "out", marker)
    assert marker.exists()  # a worker did die mid-run
    assert _part_records(tmp_path / "out") == local_records
    assert (tally.records, tally.inputs) == (FILES, FILES + OTHERS)
