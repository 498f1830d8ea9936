"""The command line's Parquet output, URL and listed inputs, and --cluster, as a user runs them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from artparse.extras import EXTRAS
from tests.conftest import run_artparse
from tests.scaling import MAX_SIZE, jsonl_records, write_tree

FILES = 240
NOW = "2026-01-01T12:00:00+00:00"
COMMON = ("--max-size", MAX_SIZE, "--tz", "Africa/Tripoli", "--now", NOW)


def _needs(module: str) -> pytest.MarkDecorator:
    missing = importlib.util.find_spec(module) is None
    return pytest.mark.skipif(missing, reason=f"needs {module}: pip install 'artparse[{EXTRAS[module]}]'")


needs_parquet, needs_remote, needs_dask = _needs("pyarrow"), _needs("fsspec"), _needs("distributed")


def _blocked(tmp_path: Path, module: str) -> dict[str, str]:
    """An environment in which importing `module` fails, as when its extra is not installed."""
    shim = tmp_path / "blocked" / module
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(f"raise ImportError('{module} is blocked for this test')\n")
    return {"PYTHONPATH": str(shim.parent)}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli") / "tree"
    write_tree(root, FILES)
    return root


@pytest.fixture(scope="module")
def local_run(tree: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The local run's records and stderr lines: what every other way must give."""
    result = run_artparse(str(tree), *COMMON, "-f", "jsonl", "-j", "1")
    assert result.returncode == 1, result.stderr  # the one large file fails
    return jsonl_records(result.stdout.decode()), result.stderr.decode().splitlines()


@pytest.mark.parametrize(
    ("extra", "module", "args"),
    [("parquet", "pyarrow", ("-o", "out.parquet")), ("dask", "dask", ("--cluster", "local", "-o", "out"))],
)
def test_a_missing_extra_is_a_usage_error_naming_it(
    tmp_path: Path, extra: str, module: str, args: tuple[str, ...]
) -> None:
    (tmp_path / "in").mkdir()
    result = run_artparse("in", *args, env=_blocked(tmp_path, module), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip().endswith(f"pip install 'artparse[{extra}]'")
    assert sorted(os.listdir(tmp_path)) == ["blocked", "in"]


def test_parquet_needs_a_file(tmp_path: Path) -> None:
    result = run_artparse(str(tmp_path), "-f", "parquet")
    assert result.returncode == 2
    assert b"-o" in result.stderr


def _records_of(path: Path) -> list[dict[str, Any]]:
    """The rows of a Parquet file or folder as records: no `_utc` columns, `extra` parsed."""
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    return [
        {**{k: v for k, v in row.items() if not k.endswith("_utc")}, "extra": json.loads(row["extra"])}
        for row in rows
    ]


@needs_parquet
def test_parquet_rows_equal_the_json_lines_records(
    tree: Path, tmp_path: Path, local_run: tuple[list[dict[str, Any]], list[str]]
) -> None:
    records, messages = local_run
    out = tmp_path / "articles.parquet"
    result = run_artparse(str(tree), *COMMON, "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == messages
    assert _records_of(out) == records
    assert sorted(os.listdir(tmp_path)) == ["articles.parquet"]  # no temporary file left


@needs_parquet
def test_pandas_reads_the_file(
    tree: Path, tmp_path: Path, local_run: tuple[list[dict[str, Any]], list[str]]
) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas comes with artparse[dask]")
    out = tmp_path / "articles.parquet"
    run_artparse(str(tree), *COMMON, "-o", str(out))
    frame = pandas.read_parquet(out)
    assert list(frame["source"]) == [record["source"] for record in local_run[0]]
    assert str(frame["published_utc"].dtype) == "datetime64[us, UTC]"


@needs_parquet
def test_parquet_bytes_are_the_same_for_any_jobs(tree: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    run_artparse(str(tree), *COMMON, "-j", "1", "-o", str(one))
    run_artparse(str(tree), *COMMON, "-j", "2", "-o", str(two), env={"TZ": "Asia/Tokyo", "LC_ALL": "C"})
    assert one.read_bytes() == two.read_bytes()


@needs_parquet
def test_a_parquet_output_in_the_folder_read_is_skipped_and_replaced(tree: Path, tmp_path: Path) -> None:
    """A re-run into its own earlier Parquet file: the walk skips it, -o may replace it; a
    Parquet file that artparse did not write is refused."""
    root = tmp_path / "tree"
    write_tree(root, 70)
    out = root / "articles.parquet"
    first = run_artparse(str(root), *COMMON, "-o", str(out))
    again = run_artparse(str(root), *COMMON, "-o", str(out))
    assert (first.returncode, again.returncode) == (1, 1), again.stderr
    assert len(_records_of(out)) == 70
    import pyarrow as pa
    import pyarrow.parquet as pq

    foreign = root / "other.parquet"
    pq.write_table(pa.table({"a": [1]}), foreign)
    refused = run_artparse(str(root), "-o", str(foreign))
    assert refused.returncode == 2
    assert pq.read_table(foreign).to_pylist() == [{"a": 1}]


@needs_parquet
def test_chosen_fields(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "few.parquet"
    run_artparse(str(tree), *COMMON, "--fields", "source,updated", "-o", str(out))
    import pyarrow.parquet as pq

    assert pq.read_table(out).column_names == ["source", "updated", "updated_utc"]


@needs_remote
def test_a_file_url_gives_the_local_records(
    tree: Path, local_run: tuple[list[dict[str, Any]], list[str]]
) -> None:
    url = f"file://{tree}"
    result = run_artparse(url, *COMMON, "-f", "jsonl")
    assert result.returncode == 1
    assert [
        {**r, "source": r["source"].removeprefix(url)} for r in jsonl_records(result.stdout.decode())
    ] == [{**r, "source": r["source"].removeprefix(str(tree))} for r in local_run[0]]


@needs_remote
def test_files_from_a_listing_in_its_order(tree: Path, tmp_path: Path) -> None:
    chosen = sorted(tree.rglob("*.txt"))[:5]
    lines = [str(chosen[3]), f"file://{chosen[0]}", str(tmp_path / "missing.txt"), "", str(chosen[1])]
    listing = tmp_path / "list"
    listing.write_text("\n".join(lines) + "\n")
    for args, stdin in (("--files-from", str(listing)), ("--files-from", "-")):
        result = run_artparse(*COMMON, args, stdin, input=listing.read_bytes() if stdin == "-" else None)
        assert result.returncode == 1  # the missing file
        sources = [record["source"] for record in jsonl_records(result.stdout.decode())]
        assert sources == [str(chosen[3]), f"file://{chosen[0]}", str(chosen[1])]
        assert f"{tmp_path / 'missing.txt'}: No such file or directory" in result.stderr.decode()


def test_files_from_an_unreadable_listing(tmp_path: Path) -> None:
    result = run_artparse("--files-from", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert b"nope" in result.stderr


def test_files_from_a_pipe(tree: Path) -> None:
    """`--files-from <(find ...)`: the listing is a pipe, not a regular file."""
    chosen = sorted(tree.rglob("*.txt"))[:3]
    reader, writer = os.pipe()
    os.write(writer, "".join(f"{path}\n" for path in chosen).encode())
    os.close(writer)
    try:
        result = run_artparse("--files-from", f"/dev/fd/{reader}", "-f", "jsonl", pass_fds=(reader,))
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert [record["source"] for record in jsonl_records(result.stdout.decode())] == list(map(str, chosen))


@needs_dask
def test_a_local_cluster_writes_the_local_records_in_parts(
    tree: Path, tmp_path: Path, local_run: tuple[list[dict[str, Any]], list[str]]
) -> None:
    records, messages = local_run
    out = tmp_path / "parts"
    result = run_artparse(
        str(tree), *COMMON, "--cluster", "local", "-j", "2", "--partition-size", "50", "-o", str(out)
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode().splitlines() == messages  # the failure and the summary, adding up
    names = sorted(os.listdir(out))
    assert names == ["_SUCCESS", *(f"part.{i:05d}.parquet" for i in range(5))]
    assert _records_of(out) == records


@needs_dask
def test_any_scheduler_address(
    tree: Path, tmp_path: Path, local_run: tuple[list[dict[str, Any]], list[str]]
) -> None:
    # The scheduler in a process of its own, as on a real cluster (and no Dask thread left here).
    code = (
        "import sys, distributed\n"
        "with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,"
        " dashboard_address=':0', host='127.0.0.1') as cluster:\n"
        "    print(cluster.scheduler_address, flush=True)\n"
        "    sys.stdin.read()\n"
    )
    out = tmp_path / "parts"
    with subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    ) as server:
        assert server.stdout is not None and server.stdin is not None
        address = server.stdout.readline().decode().strip()
        assert address.startswith("tcp://127.0.0.1:"), address
        result = run_artparse(str(tree), *COMMON, "--cluster", address, "-o", str(out))
        server.stdin.close()
        server.wait(timeout=60)
    assert result.returncode == 1, result.stderr
    assert _records_of(out) == local_run[0]
    assert (out / "_SUCCESS").exists()


@needs_dask
def test_a_cluster_run_into_a_used_directory_is_refused(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "part.00000.parquet").write_bytes(b"an earlier run")
    result = run_artparse(str(tree), "--cluster", "local", "-o", str(tmp_path / "parts"))
    assert result.returncode == 2
    assert b"not empty" in result.stderr
    assert (tmp_path / "parts" / "part.00000.parquet").read_bytes() == b"an earlier run"


@needs_dask
def test_an_unreachable_scheduler_is_one_line(tree: Path, tmp_path: Path) -> None:
    result = run_artparse(
        str(tree),
        "--cluster",
        "tcp://127.0.0.1:9",
        "-o",
        str(tmp_path / "parts"),
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert result.returncode == 3
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "tcp://127.0.0.1:9" in lines[0], lines
    assert not (tmp_path / "parts" / "_SUCCESS").exists()
