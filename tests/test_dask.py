"""The same records from a real Dask cluster: two worker processes on this machine, offline."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
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
from artparse.batch import ParseOptions  # noqa: E402
from artparse.cluster import SUCCESS, part_name, run_on_cluster  # noqa: E402
from artparse.dask import Settings  # noqa: E402
from artparse.errors import ArtparseError  # noqa: E402
from artparse.remote import iter_all_inputs  # noqa: E402
from artparse.sources import Problem, ReadOptions  # noqa: E402

FILES = 300
PARTITION = 25
NOW = "2026-01-01T12:00:00+00:00"
OPTIONS = {"tz": "Africa/Tripoli", "now": __import__("datetime").datetime.fromisoformat(NOW)}
MAX_BYTES = 20 * 1024

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


def _new_cluster() -> Any:
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", host="127.0.0.1"
    )


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with _new_cluster() as cluster, distributed.Client(cluster) as client:
        yield client


def test_a_bag_of_the_local_records_row_for_row(
    client: Any, tree: Path, local_records: list[dict[str, Any]]
) -> None:
    bag = artparse.dask.read_articles(
        str(tree), files_per_partition=PARTITION, on_error="skip", max_size=MAX_BYTES, **OPTIONS
    )
    assert bag.npartitions == -(-(FILES + 1) // PARTITION)  # the binary file is read, then skipped
    assert bag.compute() == local_records


def test_its_dataframe_has_the_parquet_schema_dtypes(
    client: Any, tree: Path, local_records: list[dict[str, Any]]
) -> None:
    frame = artparse.dask.read_articles(
        str(tree), files_per_partition=PARTITION, on_error="skip", max_size=MAX_BYTES, **OPTIONS
    ).to_dataframe()
    assert dict(frame.dtypes) == dict(pandas_meta().dtypes)
    computed = frame.compute()
    assert list(computed["source"]) == [record["source"] for record in local_records]
    assert list(computed["visits"].astype(object).where(computed["visits"].notna(), None)) == [
        record["visits"] for record in local_records
    ]


def test_a_failed_file_raises_naming_it_by_default(client: Any, tree: Path) -> None:
    bag = artparse.dask.read_articles(str(tree), files_per_partition=PARTITION, max_size=MAX_BYTES)
    with pytest.raises(ArtparseError, match=r"huge\.txt: too large"):
        bag.compute()


def test_unknown_parse_options_are_refused() -> None:
    with pytest.raises(TypeError, match="timezone"):
        artparse.dask.read_articles("x", timezone="UTC")


class _MemoryStore(distributed.WorkerPlugin):  # type: ignore[misc]
    """Object storage that every worker reaches: the same files in each worker's memory://."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def setup(self, worker: Any) -> None:
        memory = fsspec.filesystem("memory")
        for path, data in self.files.items():
            memory.pipe(path, data)


def _memory_files(tree: Path, prefix: str) -> dict[str, bytes]:
    return {
        f"/{prefix}/{p.relative_to(tree).as_posix()}": p.read_bytes()
        for p in sorted(tree.rglob("*"))
        if p.is_file()
    }


def test_memory_urls_give_the_local_records(
    client: Any, tree: Path, local_records: list[dict[str, Any]]
) -> None:
    """Object storage reached by the client (which lists) and by every worker (which reads)."""
    store = _MemoryStore(_memory_files(tree, "shared-corpus"))
    store.setup(worker=None)
    client.register_plugin(store, name="memory-store")
    try:
        records = artparse.dask.read_articles(
            "memory://shared-corpus/",
            files_per_partition=PARTITION,
            on_error="skip",
            max_size=MAX_BYTES,
            **OPTIONS,
        ).compute()
    finally:
        client.unregister_worker_plugin("memory-store")
        fsspec.filesystem("memory").rm("/shared-corpus", recursive=True)
    local = [{**record, "source": record["source"].removeprefix(str(tree) + "/")} for record in local_records]
    remote = [
        {**record, "source": record["source"].removeprefix("memory://shared-corpus/")} for record in records
    ]
    assert remote == local


def test_memory_urls_are_per_process(client: Any, tree: Path, tmp_path: Path) -> None:
    """memory:// lives in one process: what the client lists, worker processes cannot read;
    each such file is counted (as vanished since the listing), none is lost silently."""
    memory = fsspec.filesystem("memory")
    for path, data in _memory_files(tree, "client-only").items():
        memory.pipe(path, data)
    try:
        outcomes = _cluster_run(client, "memory://client-only/", tmp_path / "out")
    finally:
        memory.rm("/client-only", recursive=True)
    assert len(outcomes) == FILES + 3
    vanished = [o for o in outcomes if isinstance(o, Problem) and o.reason.startswith("vanished")]
    assert len(vanished) == FILES + 2  # every article file, the large one and the binary one
    assert pq.read_table(tmp_path / "out").num_rows == 0


def _cluster_run(client: Any, path: str, output: Path) -> list[Any]:
    settings = Settings(ParseOptions(**OPTIONS), ReadOptions(max_size=MAX_BYTES))
    address = client.scheduler.address
    items = iter_all_inputs([path])
    return list(
        run_on_cluster(address, items, settings, str(output), workers=2, files_per_partition=PARTITION)
    )


def _part_records(output: Path) -> list[dict[str, Any]]:
    rows = pq.read_table(output).to_pylist()
    return [{name: value for name, value in row.items() if not name.endswith("_utc")} for row in rows]


def _as_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "extra": json.loads(row["extra"])} for row in rows]


def test_a_cluster_run_writes_the_local_records_in_parts(
    client: Any, tree: Path, tmp_path: Path, local_records: list[dict[str, Any]]
) -> None:
    outcomes = _cluster_run(client, str(tree), tmp_path / "out")
    parts = sorted(path.name for path in (tmp_path / "out").iterdir())
    count = -(-(FILES + 3) // PARTITION)  # records, and the three files that give none
    assert parts == sorted([SUCCESS, *(part_name(index) for index in range(count))])
    assert (tmp_path / "out" / SUCCESS).read_bytes() == b""
    assert _as_records(_part_records(tmp_path / "out")) == local_records
    failed = [o for o in outcomes if isinstance(o, Problem) and not o.skipped]
    assert [(Path(o.path).name, o.reason.split(":")[0]) for o in failed] == [("huge.txt", "too large")]
    assert len(outcomes) == FILES + 3


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


def test_a_worker_killed_mid_run_still_gives_every_record_once(
    tree: Path, tmp_path: Path, local_records: list[dict[str, Any]]
) -> None:
    marker = tmp_path / "killed"
    with _new_cluster() as cluster, distributed.Client(cluster) as client:
        client.register_plugin(_KillOnce(str(marker)))
        outcomes = _cluster_run(client, str(tree), tmp_path / "out")
    assert marker.exists()  # a worker did die mid-run
    assert _as_records(_part_records(tmp_path / "out")) == local_records
    assert len(outcomes) == FILES + 3
