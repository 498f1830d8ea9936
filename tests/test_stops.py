"""Every way a run can stop early ends it at once, with the promised exit code and no traceback:
closed standard streams, Ctrl-C while starting, a reader that closes the pipe, signals, a full
disk; also with worker processes, whose results may be blocked in flight."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, artparse_command

TIMEOUT = 20  # seconds for any one run to end: generous; a hang is forever
RUNS = int(os.environ.get("ARTPARSE_STOP_RUNS", "12"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough records for every worker to be blocked writing when the reader stops."""
    root = tmp_path_factory.mktemp("stops")
    body = "word " * 400
    for folder in range(4):
        (root / f"{folder}").mkdir()
        for index in range(500):
            text = f"Posted by Author {index} on 2025-11-01 04:23\nShare: X Visits: {index}\n{body}\n"
            (root / f"{folder}" / f"{index:04d}.txt").write_text(text, encoding="utf-8")
    return root


def _run(
    args: list[str], closed: tuple[int, ...] = (), **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    def close() -> None:
        for descriptor in closed:
            os.close(descriptor)

    return subprocess.run(
        [*artparse_command(), *args], capture_output=True, timeout=TIMEOUT, preexec_fn=close, **kwargs
    )


def test_closed_stdout_is_an_output_error() -> None:
    result = _run([str(SEED)], closed=(1,))
    assert result.returncode == 3
    assert result.stderr == b"artparse: cannot write output: standard output is closed\n"


def test_closed_stdout_does_not_matter_with_an_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _run([str(SEED), "-o", str(out)], closed=(1,))
    assert result.returncode == 0
    assert out.read_bytes().count(b"\n") == 1
    assert b"Traceback" not in result.stderr


def test_closed_stderr_leaves_the_run_and_its_exit_code_alone(tree: Path) -> None:
    for args in ([str(SEED)], [str(tree), "-j", "2"], ["--no-such-option"]):
        result = subprocess.run(
            [*artparse_command(), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: os.close(2),
            timeout=TIMEOUT,
        )
        expected = 2 if args == ["--no-such-option"] else 0
        assert result.returncode == expected, args
        assert b"Usage" not in result.stdout


def test_closed_stdin_is_that_inputs_failure() -> None:
    for args in (["-"], []):
        result = _run(args, closed=(0,))
        assert result.returncode == 1
        assert b"artparse: -: standard input is closed\n" in result.stderr
        assert b"Traceback" not in result.stderr


def _stop_with_signal(signum: int, earliest: float, latest: float) -> Callable[[Path, random.Random], None]:
    def stop(tree: Path, moments: random.Random) -> None:
        child = subprocess.Popen(
            [*artparse_command(), "-j", "2", str(tree)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(moments.uniform(earliest, latest))
        child.send_signal(signum)
        _, errors = child.communicate(timeout=TIMEOUT)
        assert child.returncode in (0, -signum, 128 + signum), errors
        assert b"Traceback" not in errors, errors

    return stop


def _stop_reading(tree: Path, moments: random.Random) -> None:
    child = subprocess.Popen(
        [*artparse_command(), "-j", "2", str(tree)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(moments.randrange(1, 400_000))
        child.stdout.close()  # `| head -c N`
        errors = child.stderr.read()
        assert child.wait(timeout=TIMEOUT) == 0, errors
    assert b"Traceback" not in errors


def _full_disk(tree: Path, moments: random.Random) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*artparse_command(), "-j", "2", str(tree)], stdout=full, stderr=subprocess.PIPE, timeout=TIMEOUT
        )
    assert result.returncode == 3
    assert result.stderr.endswith(b"artparse: cannot write output: No space left on device\n")


@pytest.mark.timeout(RUNS * TIMEOUT)
@pytest.mark.parametrize(
    "stop",
    [
        _stop_reading,
        _full_disk,
        _stop_with_signal(signal.SIGTERM, 0.1, 1.0),
        _stop_with_signal(signal.SIGINT, 0.1, 1.0),
    ],
    ids=["closed-pipe", "full-disk", "sigterm", "sigint"],
)
def test_parallel_runs_that_stop_early_end_at_once(tree: Path, stop: Callable[..., None]) -> None:
    moments = random.Random()
    for _ in range(RUNS):
        stop(tree, moments)


@pytest.mark.timeout(RUNS * TIMEOUT)
def test_ctrl_c_while_starting_prints_no_traceback() -> None:
    moments = random.Random()
    for _ in range(2 * RUNS):
        child = subprocess.Popen(
            [*artparse_command(), str(SEED)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _wait_until_loading(child.pid)
        time.sleep(moments.uniform(0, 0.06))
        child.send_signal(signal.SIGINT)
        _, errors = child.communicate(timeout=TIMEOUT)
        assert b"Traceback" not in errors, errors
        assert child.returncode in (0, 130, -signal.SIGINT)


def _wait_until_loading(pid: int) -> None:
    """Until the child loads its modules (the `_typing` extension click needs is mapped): the
    interpreter's own start before that, which no program can guard, is not under test."""
    maps = Path(f"/proc/{pid}/maps")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            if "_typing" in maps.read_text():
                return
        except OSError:  # it has ended already
            return
        time.sleep(0.001)


def test_workers_keep_ignoring_hangups_under_nohup(tree: Path) -> None:
    child = subprocess.Popen(
        [*artparse_command(), "-j", "2", str(tree)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
        start_new_session=True,
    )
    time.sleep(0.5)
    os.killpg(child.pid, signal.SIGHUP)  # the terminal went away: the whole session hears it
    records, errors = child.communicate(timeout=TIMEOUT)
    assert child.returncode == 0, errors
    assert records.count(b"\n") == 2000


def test_workers_never_outlive_a_killed_run(tree: Path, tmp_path: Path) -> None:
    """kill -9 of the main process leaves no worker behind, even one blocked opening a FIFO."""
    fifo = tmp_path / "never-written"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [*artparse_command(), "-j", "2", str(tree), str(fifo)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + TIMEOUT
    workers: list[str] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = children.read_text().split()
        time.sleep(0.01)
    assert len(workers) >= 2
    time.sleep(1)  # one worker waits on the FIFO by now, or soon
    child.kill()
    child.wait(timeout=TIMEOUT)
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}/status").exists() for pid in workers)
