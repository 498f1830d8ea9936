"""URL inputs through fsspec, --files-from listings, and the extras being optional."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from artparse.extract import ParseOptions
from artparse.remote import iter_all_inputs, listed_paths, read_url
from artparse.sources import Input, Problem, ReadOptions, iter_inputs
from artparse.step import process
from tests.scaling import copy_to_memory, write_tree

NOW = datetime.fromisoformat("2026-01-01T12:00:00+00:00")


def test_listing_reads_lines_as_names() -> None:
    listing = io.BytesIO(b"a.txt\r\nsub dir/b.md\n\n  spaced  \n\xff\xfe.txt\ns3://bucket/x.txt")
    assert list(listed_paths(listing)) == [
        "a.txt",
        "sub dir/b.md",
        "  spaced  ",
        "\udcff\udcfe.txt",
        "s3://bucket/x.txt",
    ]


_WITHOUT = {
    "parquet": (
        "pyarrow",
        "from artparse.parquet import ParquetWriter\nParquetWriter(open('/dev/null', 'wb'))",
        "Parquet output needs pyarrow: pip install 'artparse[parquet]'",
    ),
    "remote": (
        "fsspec",
        "from artparse.remote import iter_all_inputs\nprint(list(iter_all_inputs(['s3://b/x']))[0].reason)",
        "reading URLs needs fsspec: pip install 'artparse[remote]'",
    ),
    "dask": ("dask", "import artparse.dask", "artparse.dask needs dask: pip install 'artparse[dask]'"),
}


@pytest.mark.parametrize("extra", _WITHOUT)
def test_a_missing_extra_is_one_line_naming_it(extra: str) -> None:
    module, code, expected = _WITHOUT[extra]
    program = (
        f"import sys\nsys.modules[{module!r}] = None  # as if it were not installed\n"
        "from artparse.extras import MissingExtra\ntry:\n"
        + textwrap.indent(code, "    ")
        + "\nexcept MissingExtra as error:\n    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert result.stdout == expected + "\n"


def test_the_command_line_imports_no_extra() -> None:
    code = (
        "import sys\nfrom artparse.cli import main\nimport artparse.runner\n"
        "extras = {'pyarrow', 'fsspec', 'dask', 'distributed', 'pandas'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & extras))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


needs_fsspec = pytest.mark.skipif(
    importlib.util.find_spec("fsspec") is None,
    reason="URL inputs need fsspec: pip install 'artparse[remote]'",
)


def _memory_fs() -> Any:
    import fsspec

    return fsspec.filesystem("memory")


@pytest.fixture
def memory_tree(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "tree"
    write_tree(root, 60)
    url = f"memory://{tmp_path.name}/tree"
    copy_to_memory(root, url)
    yield root, url
    _memory_fs().rm(f"/{tmp_path.name}", recursive=True)


@needs_fsspec
def test_a_prefix_lists_as_a_local_walk_does(memory_tree: tuple[Path, str]) -> None:
    root, url = memory_tree
    local = [(type(item).__name__, item.path.removeprefix(str(root))) for item in iter_inputs([str(root)])]
    remote = [(type(item).__name__, item.path.removeprefix(url)) for item in iter_all_inputs([url])]
    assert remote == local
    assert ("Input", "/f000/deep/2020-01-01-00000.md") in remote


@needs_fsspec
def test_records_from_a_url_equal_local_ones(memory_tree: tuple[Path, str]) -> None:
    root, url = memory_tree
    options, reading = ParseOptions(now=NOW, tz="Africa/Tripoli"), ReadOptions(max_size=20 * 1024)
    stdin = io.BytesIO()

    def outcomes(path: str, prefix: str) -> list[object]:
        found = []
        for item in iter_all_inputs([path]):
            outcome = item if isinstance(item, Problem) else process(item, options, stdin, reading)
            found.append(outcome.to_dict() if hasattr(outcome, "to_dict") else outcome)
        return [_without_prefix(outcome, prefix) for outcome in found]

    assert outcomes(url, url) == outcomes(str(root), str(root))


def _without_prefix(outcome: object, prefix: str) -> object:
    if isinstance(outcome, Problem):
        return (outcome.path.removeprefix(prefix), outcome.reason, outcome.skipped)
    assert isinstance(outcome, dict)
    return {**outcome, "source": outcome["source"].removeprefix(prefix)}


@needs_fsspec
def test_the_object_time_is_now_for_relative_dates(tmp_path: Path) -> None:
    fs = _memory_fs()
    fs.pipe(
        f"/{tmp_path.name}/a.txt", b"Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago\nBody.\n"
    )
    modified = fs.modified(f"/{tmp_path.name}/a.txt").replace(microsecond=0)
    item = Input(f"memory://{tmp_path.name}/a.txt", explicit=True)
    article = process(item, ParseOptions(), io.BytesIO())
    assert not isinstance(article, Problem)
    assert article.updated is not None
    assert datetime.fromisoformat(article.updated).replace(tzinfo=modified.tzinfo) <= modified


@needs_fsspec
@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("memory://no/such/thing", "No such file or directory"),
        ("nosuchprotocol://bucket/a.txt", "Protocol not known: nosuchprotocol"),
    ],
)
def test_an_unreadable_url_is_a_problem_with_one_line(url: str, reason: str) -> None:
    assert list(iter_all_inputs([url])) == [Problem(url, reason)]


@needs_fsspec
def test_a_large_object_fails_without_being_read_whole(tmp_path: Path) -> None:
    _memory_fs().pipe(f"/{tmp_path.name}/big.txt", b"x" * 5000)
    outcome = process(
        Input(f"memory://{tmp_path.name}/big.txt", explicit=True),
        ParseOptions(),
        io.BytesIO(),
        ReadOptions(max_size=1000),
    )
    assert outcome == Problem(
        f"memory://{tmp_path.name}/big.txt",
        "too large: 4.9 KiB (5,000 bytes), the limit is 1000 bytes (see --max-size)",
    )


@needs_fsspec
def test_an_object_that_vanished_after_the_listing_is_a_skip(tmp_path: Path) -> None:
    url = f"memory://{tmp_path.name}/gone.txt"
    with pytest.raises(Exception, match="vanished"):
        read_url(Input(url, explicit=False), 1000)
