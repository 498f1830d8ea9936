"""Memory bounded per file and by bytes in flight: large files cost a few times their size, not
ten times, and worker processes never hold many large results at once.

Peak memory is the largest peak RSS of any one process of the run (the main process or a
worker), read from the kernel's own accounting in a fresh process, so other tests' children
do not count. The bounds are generous: they catch a whole order of magnitude, not noise.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from tests.conftest import artparse_command

MIB = 1 << 20
WORDS = ("the", "ministry", "said", "talks", "would", "resume", "next", "week", "in", "tripoli")


def _prose(path: Path, size: int, seed: int) -> None:
    rng = random.Random(seed)
    lines = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(size // 80)]
    path.write_text("Posted by A on 2025-11-01\n" + "\n".join(lines) + "\n", encoding="utf-8")


def _largest_process_mib(*args: str) -> float:
    """The peak RSS of the largest process of an artparse run, in MiB."""
    measure = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, *artparse_command(), *args],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return int(result.stdout) / 1024  # ru_maxrss is in KiB on Linux


def test_a_large_file_costs_a_few_times_its_size(tmp_path: Path) -> None:
    big = tmp_path / "prose.txt"
    _prose(big, 30 * MIB, seed=1)
    assert big.stat().st_size < 32 * MIB  # under the default --max-size
    assert _largest_process_mib("-j", "1", str(big)) < 10 * 30  # it was 17 times (a list of words)


def test_workers_hold_few_large_results_at_once(tmp_path: Path) -> None:
    for index in range(40):  # one chunk of 40 inputs, 160 MiB of text
        _prose(tmp_path / f"{index:02d}.txt", 4 * MIB, seed=index)
    for index in range(40, 100):
        (tmp_path / f"{index:02d}.txt").write_text("Posted by A on 2025-11-01\nBody.\n", encoding="utf-8")
    # A worker used to keep its whole chunk's records (and their pickle) until the chunk's end.
    assert _largest_process_mib("-j", "2", str(tmp_path)) < 160
