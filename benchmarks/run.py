"""Measure artparse against its floors and targets, in one run on one machine, and print the ratios.

    .venv/bin/python benchmarks/run.py                  # 100,000 files (and 10,000 for memory)
    .venv/bin/python benchmarks/run.py --files 2000 --small 500 --repeat 1 --startup-runs 3

- start-up: `artparse one.txt` against `python -c pass` with the same interpreter (target 4.0x),
  `python -c "import click"` beside it;
- batch: `artparse corpus/ > out.jsonl` against `find corpus -type f -print0 | xargs -0 cat`
  (target 2.0x), against the naive script a user might write (benchmarks/naive.py, with as many
  workers), and all cores against `-j 1`;
- database: `-o corpus.db` with all cores against `-j 1` (target 1.6x faster), and an
  `--incremental` re-run of the unchanged tree against the floor (target 1.5x), on the smaller
  corpus;
- progress bar: the batch with stderr on a terminal (bar shown) against stderr in a file;
- memory: peak RSS of artparse and its workers at two corpus sizes (target: flat).

Contenders are timed in interleaved rounds (so a slow minute of a shared machine hits all of
them), after a warm-up read of the corpus; each figure is the median of its rounds.
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

Command = Sequence[str]
# As on a user's machine: bytecode is cached after the first run, and output is buffered.
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")}


def timed(command: Command, *, stdout: Path | None = None, shell: bool = False) -> float:
    """Seconds for one run; stdout to `stdout` (or /dev/null), stderr to /dev/null."""
    with open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, shell=shell, check=True, env=CHILD_ENV)
        return time.perf_counter() - start


def timed_on_terminal(command: Command, stdout: Path) -> float:
    """Seconds for one run with stderr on a pseudo-terminal, read as a terminal would."""
    leader, follower = pty.openpty()
    with open(stdout, "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=follower, env=CHILD_ENV)
        os.close(follower)
        while True:
            try:
                if not os.read(leader, 1 << 16):
                    break
            except OSError:  # the terminal's other end is gone
                break
        child.wait()
        elapsed = time.perf_counter() - start
    os.close(leader)
    return elapsed


def rounds(contenders: dict[str, Callable[[], float]], count: int) -> dict[str, float]:
    """The median time of each contender over `count` interleaved rounds."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(count):
        for name, run in contenders.items():
            times[name].append(run())
    return {name: statistics.median(values) for name, values in times.items()}


def peak_rss_kib(command: Command) -> int:
    """The highest sum of VmRSS over the process and its descendants, sampled every 10 ms."""
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV
    ) as child:
        peak = 0
        while child.poll() is None:
            peak = max(peak, _tree_rss_kib(child.pid))
            time.sleep(0.01)
    return peak


def _tree_rss_kib(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending.extend(int(child) for child in children)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=100_000, help="corpus size for the batch figures")
    parser.add_argument("--small", type=int, default=10_000, help="the smaller corpus, for memory")
    parser.add_argument("--repeat", type=int, default=5, help="rounds of batch timings")
    parser.add_argument("--startup-runs", type=int, default=40, help="rounds of start-up timings")
    parser.add_argument("--workdir", type=Path, help="keep the corpora here [default: a temporary folder]")
    args = parser.parse_args()
    script = shutil.which("artparse", path=str(Path(sys.executable).parent))
    if script is None:
        sys.exit("artparse is not installed beside this interpreter: run the README's set-up first")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="artparse-bench-"))
    try:
        for row in measure(script, workdir, args):
            print(row)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(script: str, workdir: Path, args: argparse.Namespace) -> list[str]:
    big, small, out = (
        workdir / f"corpus-{args.files}",
        workdir / f"corpus-{args.small}",
        workdir / "out.jsonl",
    )
    for root, files in ((big, args.files), (small, args.small)):
        if not root.exists():
            write_corpus(root, files)
    one = str(next((big / "0000").iterdir()))
    cat = f"find {big} -type f -print0 | xargs -0 cat > /dev/null"
    small_cat = f"find {small} -type f -print0 | xargs -0 cat > /dev/null"
    jobs = len(os.sched_getaffinity(0))
    naive = [sys.executable, str(Path(__file__).resolve().parent / "naive.py"), "-j", str(jobs), str(big)]
    database = workdir / "corpus.db"
    timed(cat, shell=True)  # warm the page cache for every contender alike
    timed([script, one])  # and write artparse's bytecode cache

    start = rounds(
        {
            "floor": lambda: timed([sys.executable, "-c", "pass"]),
            "click": lambda: timed([sys.executable, "-c", "import click"]),
            "one": lambda: timed([script, one]),
        },
        args.startup_runs,
    )
    batch = rounds(
        {
            "cat": lambda: timed(cat, shell=True),
            "all": lambda: timed([script, str(big)], stdout=out),
            "naive": lambda: timed(naive, stdout=out),
            "one": lambda: timed([script, "-j", "1", str(big)], stdout=out),
            "bar": lambda: timed_on_terminal([script, str(big)], out),
        },
        args.repeat,
    )

    def fresh_database(*options: str) -> float:
        database.unlink(missing_ok=True)
        return timed([script, "-q", *options, str(small), "-o", str(database)])

    stored = rounds(
        {
            "cat": lambda: timed(small_cat, shell=True),
            "one": lambda: fresh_database("-j", "1"),
            "all": lambda: fresh_database(),
        },
        args.repeat,
    )
    unchanged = rounds(
        {
            "cat": lambda: timed(small_cat, shell=True),
            "again": lambda: timed([script, "-q", str(small), "-o", str(database), "--incremental"]),
        },
        args.repeat,
    )
    rss_small = peak_rss_kib([script, "-q", str(small), "-o", str(workdir / "small.jsonl")])
    rss_big = peak_rss_kib([script, "-q", str(big), "-o", str(workdir / "big.jsonl")])
    ms = 1e3
    return [
        f"{'measure':40} {'artparse':>18} {'against':>28} {'ratio':>6} {'target':>8}",
        _row(
            "start-up: artparse one.txt",
            f"{start['one'] * ms:.1f} ms",
            f"python -c pass {start['floor'] * ms:.1f} ms",
            start["one"] / start["floor"],
            "<= 4.00",
        ),
        _row(
            "  beside it: python -c 'import click'",
            f"{start['click'] * ms:.1f} ms",
            f"python -c pass {start['floor'] * ms:.1f} ms",
            start["click"] / start["floor"],
        ),
        _row(
            f"batch: {args.files:,} files, -j {jobs}",
            f"{batch['all']:.2f} s",
            f"find | xargs cat {batch['cat']:.2f} s",
            batch["all"] / batch["cat"],
            "<= 2.00",
        ),
        _row(
            f"  against the naive script, -j {jobs}",
            f"{batch['all']:.2f} s",
            f"benchmarks/naive.py {batch['naive']:.2f} s",
            batch["all"] / batch["naive"],
            "< 1.00",
        ),
        _row(
            f"speed-up: -j 1 -> -j {jobs}",
            f"{batch['one']:.2f} s -> {batch['all']:.2f} s",
            "",
            batch["one"] / batch["all"],
        ),
        _row(
            f"database: {args.small:,} files, -j 1 -> -j {jobs}",
            f"{stored['one']:.2f} s -> {stored['all']:.2f} s",
            "",
            stored["one"] / stored["all"],
            ">= 1.60",
        ),
        _row(
            "  --incremental, nothing changed",
            f"{unchanged['again']:.2f} s",
            f"find | xargs cat {unchanged['cat']:.2f} s",
            unchanged["again"] / unchanged["cat"],
            "<= 1.50",
        ),
        _row(
            "progress bar on a terminal",
            f"{batch['bar']:.2f} s",
            f"stderr to a file {batch['all']:.2f} s",
            batch["bar"] / batch["all"],
        ),
        _row(f"peak RSS: {args.small:,} files", f"{rss_small / 1024:.1f} MiB", "", None),
        _row(
            f"peak RSS: {args.files:,} files",
            f"{rss_big / 1024:.1f} MiB",
            f"{args.small:,} files",
            rss_big / rss_small,
            "flat",
        ),
    ]


def _row(name: str, value: str, against: str, ratio: float | None, target: str = "") -> str:
    shown = "" if ratio is None else f"{ratio:.2f}"
    verdict = ""
    if ratio is not None and target[:2] in ("<=", ">=", "< "):
        bound = float(target.split()[-1])
        met = (
            ratio <= bound
            if target.startswith("<=")
            else ratio >= bound
            if target.startswith(">=")
            else ratio < bound
        )
        verdict = " met" if met else " MISSED"
    return f"{name:40} {value:>18} {against:>28} {shown:>6} {target:>8}{verdict}"


if __name__ == "__main__":
    main()
