"""Faults only a real process shows: signals, kill -9, permissions, FIFOs, file size limits.

Each test runs artparse as a child process, without PYTHONUNBUFFERED (see conftest), under a
timeout, so that a hang fails the test instead of stopping the run.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, artparse_command, run_artparse

GOOD = SEED.read_bytes()
DROP_ROOTS_OVERRIDE = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search",
    "--inh-caps=-dac_override,-dac_read_search",
]
"""As root, chmod 000 stops nothing: this drops the two capabilities that override it."""


def child_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def without_override(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: chmod 000 cannot be tested")
    prefix = DROP_ROOTS_OVERRIDE if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *artparse_command(), *args], capture_output=True, env=child_env(), cwd=cwd, timeout=60
    )


def wait_for(condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.01)


def temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def test_unreadable_files_and_folders_are_reported_counted_and_the_rest_written(tmp_path: Path) -> None:
    for name in ("a.txt", "locked/b.txt", "z.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(GOOD)
    (tmp_path / "secret.txt").write_bytes(GOOD)
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        result = without_override(".", cwd=tmp_path)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert result.returncode == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["./a.txt", "./z.txt"]
    assert result.stderr.decode().splitlines() == [
        "artparse: ./locked: Permission denied",
        "artparse: ./secret.txt: Permission denied",
        "artparse: 4 inputs: 2 records (0 with warnings), 2 failed",
    ]


def test_an_output_folder_that_cannot_be_written_exits_3_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / "out.jsonl").write_text("old\n")
    (tmp_path / "ro").chmod(0o555)
    try:
        result = without_override(str(SEED), "-o", "ro/out.jsonl", cwd=tmp_path)
    finally:
        (tmp_path / "ro").chmod(0o755)
    assert result.returncode == 3
    assert result.stderr == b"artparse: cannot write output: ro/out.jsonl: Permission denied\n"
    assert (tmp_path / "ro" / "out.jsonl").read_text() == "old\n"


def test_a_file_size_limit_while_writing_exits_3_and_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [*artparse_command(), *[str(SEED)] * 20, "-o", str(out)],
        capture_output=True,
        env=child_env(),
        timeout=60,
        preexec_fn=limit_file_size,
    )
    assert result.returncode == 3
    assert result.stderr == f"artparse: cannot write output: {out}: File too large\n".encode()
    assert out.read_text() == "old\n"
    assert temporaries(tmp_path) == []


def test_few_file_descriptors_are_enough_for_a_wide_tree(tmp_path: Path) -> None:
    for index in range(100):
        (tmp_path / f"d{index:03}" / "sub").mkdir(parents=True)
        (tmp_path / f"d{index:03}" / "sub" / "a.txt").write_bytes(GOOD)

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    result = subprocess.run(
        [*artparse_command(), str(tmp_path), "-q"],
        capture_output=True,
        env=child_env(),
        timeout=60,
        preexec_fn=few_descriptors,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert len(result.stdout.splitlines()) == 100


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "stopped by SIGTERM")],
)
def test_a_signal_exits_128_plus_n_after_removing_the_temporary_output(
    tmp_path: Path, signum: int, code: int, said: str
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    with subprocess.Popen(
        [*artparse_command(), "-", "-o", str(out)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    ) as child:
        wait_for(lambda: bool(temporaries(tmp_path)))  # the run is under way, reading stdin
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=20)
    assert child.returncode == code
    assert stderr == f"artparse: {said}\n".encode()
    assert out.read_text() == "old\n"
    assert temporaries(tmp_path) == []


def test_kill_9_never_leaves_a_torn_output(tmp_path: Path) -> None:
    """kill -9 at a random moment of the run: the output is the old file or the complete new
    one (L5 in the checklist; ARTPARSE_KILL_LOOPS=100 for the full run)."""
    corpus, out = tmp_path / "corpus", tmp_path / "out.jsonl"
    corpus.mkdir()
    body = "A sentence of the article body. " * 200
    for index in range(1, 60):
        (corpus / f"{index:03}.txt").write_text(f"Posted by AI on 2025-11-01\n{body}\n")
    previous = ['{"run": "before any"}']
    out.write_text(previous[0] + "\n")
    chooser = random.Random(5)
    for run in range(int(os.environ.get("ARTPARSE_KILL_LOOPS", "3"))):
        (corpus / "000.txt").write_text(f"Posted by AI on 2025-11-01\nShare: X Visits: {run}\n{body}\n")
        with subprocess.Popen(
            [*artparse_command(), str(corpus), "-q", "-o", str(out)], env=child_env()
        ) as child:
            wait_for(lambda: bool(temporaries(tmp_path)) or child.poll() is not None)
            time.sleep(chooser.uniform(0, 0.15))
            child.kill()
        lines = out.read_text().splitlines()
        if lines != previous:  # then it is this run's complete output
            assert len(lines) == 60, f"torn output: {len(lines)} lines"
            assert json.loads(lines[0])["visits"] == run
            assert all(json.loads(line)["words"] == 1200 for line in lines)
            previous = lines
    for name in temporaries(tmp_path):  # what killed runs left: old enough, the next run removes it
        os.utime(tmp_path / name, (time.time() - 3600, time.time() - 3600))
    assert run_artparse(str(corpus), "-q", "-o", str(out)).returncode == 0
    assert len(out.read_text().splitlines()) == 60
    assert temporaries(tmp_path) == []


@pytest.mark.timeout(30)
def test_fifos_in_a_walk_never_hang_and_a_named_fifo_is_read(tmp_path: Path) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").write_bytes(GOOD)
    os.mkfifo(tmp_path / "tree" / "nobody-writes.txt")
    os.mkfifo(tmp_path / "named")

    def write_named() -> None:
        with open(tmp_path / "named", "wb") as fifo:
            fifo.write(GOOD)

    writer = threading.Thread(target=write_named, daemon=True)
    writer.start()
    result = run_artparse("tree", "named", cwd=tmp_path)
    writer.join(timeout=10)
    assert result.returncode == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["tree/a.txt", "named"]
    assert result.stderr.decode().splitlines() == [
        "artparse: tree/nobody-writes.txt: skipped: not a regular file",
        "artparse: 3 inputs: 2 records (0 with warnings), 0 failed, 1 skipped (1 not a regular file)",
    ]


def test_stdout_redirected_into_the_walked_tree_is_never_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GOOD)
    for _ in range(2):
        with open(tmp_path / "out", "wb") as out:  # no suffix: an article name by default
            result = subprocess.run(
                [*artparse_command(), "."], stdout=out, stderr=subprocess.PIPE, cwd=tmp_path, timeout=60
            )
        assert result.returncode == 0
        assert len((tmp_path / "out").read_bytes().splitlines()) == 1
    assert b"artparse: ./out: skipped: artparse's own output\n" in result.stderr


def test_messages_survive_an_ascii_terminal_and_data_lines_are_never_wrapped(tmp_path: Path) -> None:
    title = "T" * 300
    (tmp_path / "long.txt").write_text(f"{title}\nPosted by AI on 2025-11-01\nBody.\n", encoding="utf-8")
    (tmp_path / "طرابلس.txt").write_bytes(b"\x00")
    result = run_artparse(str(tmp_path), env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "COLUMNS": "40"})
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert b"\\u0637\\u0631\\u0627\\u0628\\u0644\\u0633.txt: skipped: binary file" in result.stderr
    [line] = result.stdout.splitlines()
    assert json.loads(line)["title"] == title


@pytest.mark.parametrize("option", ["--schema", "--help"])
def test_help_and_schema_on_a_full_disk_exit_3_with_one_line(option: str) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*artparse_command(), option], stdout=full, stderr=subprocess.PIPE, env=child_env(), timeout=60
        )
    assert (result.returncode, result.stderr) == (
        3,
        b"artparse: cannot write output: No space left on device\n",
    )
