"""Records per second on this machine: local `-j N` against an N-worker Dask LocalCluster.

    .venv/bin/python benchmarks/cluster.py                  # 20,000 files, 2 workers, 3 rounds
    .venv/bin/python benchmarks/cluster.py --files 2000 --repeat 1

Needs the extras (`pip install -e '.[parquet,remote,dask]'`). Each contender is a whole
command-line run, so the cluster's figure includes starting it (its start-up is also timed on
its own, on a 100-file corpus); rounds are interleaved and each figure is their median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus


def timed(command: list[str], before: Callable[[], None]) -> float:
    before()
    start = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=2, help="local -j, and the cluster's workers")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    script = shutil.which("artparse", path=str(Path(sys.executable).parent))
    if script is None:
        sys.exit("artparse is not installed beside this interpreter: run the README's set-up first")
    workdir = Path(tempfile.mkdtemp(prefix="artparse-cluster-bench-"))
    try:
        for row in measure(script, workdir, args):
            print(row)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure(script: str, workdir: Path, args: argparse.Namespace) -> list[str]:
    corpus, tiny, out = workdir / "corpus", workdir / "tiny", workdir / "out"
    write_corpus(corpus, args.files)
    write_corpus(tiny, 100)
    jobs = str(args.jobs)

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()

    contenders = {
        f"local -j {jobs}, JSON Lines": [script, str(corpus), "-j", jobs, "-o", str(out / "a.jsonl")],
        f"local -j {jobs}, Parquet": [script, str(corpus), "-j", jobs, "-o", str(out / "a.parquet")],
        f"LocalCluster, {jobs} workers, Parquet parts": [
            script, str(corpus), "--cluster", "local", "-j", jobs, "-o", str(out / "parts"),
        ],
        "LocalCluster start-up and stop (100 files)": [
            script, str(tiny), "--cluster", "local", "-j", jobs, "-o", str(out / "tiny"),
        ],
    }  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in contenders}
    timed(contenders[f"local -j {jobs}, JSON Lines"], clear)  # warm the page cache
    for _ in range(args.repeat):
        for name, command in contenders.items():
            times[name].append(timed(command, clear))
    rows = [
        f"{args.files:,} files, {args.repeat} rounds, median seconds",
        "| run | seconds | records per second |",
        "|---|---|---|",
    ]
    for name, seconds in times.items():
        median = statistics.median(seconds)
        count = 100 if "100 files" in name else args.files
        rows.append(f"| {name} | {median:.2f} | {count / median:,.0f} |")
    return rows


if __name__ == "__main__":
    main()
