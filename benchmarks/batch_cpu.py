"""CPU time per file of batch runs, the main process apart from its workers, versions alternating.

    python benchmarks/batch_cpu.py CORPUS VENV [VENV ...] [--rounds 5] [--options "-q -j 2"]

    python benchmarks/batch_cpu.py /tmp/corpus /tmp/main-venv /tmp/branch-venv --options "-q -j 1"
    python benchmarks/batch_cpu.py /tmp/corpus /tmp/main-venv /tmp/branch-venv --database

With --database, each run writes a new SQLite database (`-o` a file in a scratch folder, removed
before every run) instead of JSON Lines to stdout.

Each round runs `VENV/bin/artparse OPTIONS CORPUS > out` once for every VENV, in turn, so that a
busy minute of a shared machine hits every version alike. CPU time does not count the time spent
waiting for a core, as wall time does. The main process's own CPU is its /proc/PID/stat times,
read every 5 ms until it exits (its last ~5 ms are missed); the whole tree's is what wait4 reports,
the workers being waited for by the main process. Figures are medians over the rounds, in µs a file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _own_cpu(pid: int) -> tuple[float, float]:
    """(user + system, system) seconds of the process itself, not of its children."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK, int(fields[12]) / _TICK


def run_once(command: list[str], out: Path) -> dict[str, float]:
    """Seconds of wall time and of CPU (main process, whole tree, system time) for one run."""
    with open(out, "wb") as stdout:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
        main = (0.0, 0.0)
        while True:
            with contextlib.suppress(OSError, IndexError, ValueError):  # gone already
                main = _own_cpu(child.pid)
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.005)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": time.perf_counter() - start,
        "main": main[0],
        "total": usage.ru_utime + usage.ru_stime,
        "main system": main[1],
        "all system": usage.ru_stime,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("venvs", nargs="+", type=Path, help="virtual environments with artparse installed")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--options", default="-q -j 2", help="artparse's options [%(default)s]")
    parser.add_argument("--database", action="store_true", help="write a new database in each run")
    args = parser.parse_args()
    options = shlex.split(args.options)
    files = sum(len(names) for _, _, names in os.walk(args.corpus))
    runs: dict[Path, list[dict[str, float]]] = {venv: [] for venv in args.venvs}
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.rounds):
            for venv in args.venvs:
                command = [str(venv / "bin" / "artparse"), *options, str(args.corpus)]
                if args.database:
                    database = Path(scratch) / "run.db"
                    database.unlink(missing_ok=True)
                    command += ["-o", str(database)]
                runs[venv].append(run_once(command, Path(scratch) / "out"))
    shown = " ".join([*options, *(["-o NEW.db"] if args.database else [])])
    print(f"{files:,} files, artparse {shown}; medians of {args.rounds} rounds, µs of CPU a file")
    columns = (("wall s", 7), ("main", 6), ("workers", 8), ("total", 6))
    columns += (("min total", 9), ("sys main", 8), ("sys all", 7))
    print(f"{'version':30}" + "".join(f" {name:>{width}}" for name, width in columns))
    for venv, measured in runs.items():

        def median(key: str, rounds: list[dict[str, float]] = measured) -> float:
            return statistics.median(run[key] for run in rounds)

        per_file = 1e6 / files
        main_cpu, total = median("main") * per_file, median("total") * per_file
        print(
            f"{venv!s:30} {median('wall'):7.2f} {main_cpu:6.1f} {total - main_cpu:8.1f} {total:6.1f}"
            f" {min(run['total'] for run in measured) * per_file:9.1f}"
            f" {median('main system') * per_file:8.1f} {median('all system') * per_file:7.1f}"
        )


if __name__ == "__main__":
    main()
