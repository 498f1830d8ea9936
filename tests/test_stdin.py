"""Standard input and the terminal: an empty stdin, one Ctrl-D, a bare `artparse` on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import time

from tests.conftest import SEED, artparse_command, run_artparse


def test_an_empty_stdin_without_a_path_gives_no_record_and_says_so() -> None:
    result = run_artparse(stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr.decode().splitlines() == [
        "artparse: -: skipped: nothing on standard input (no PATH was given)",
        "artparse: 1 input: 0 records (0 with warnings), 0 failed, 1 skipped (1 nothing on standard input)",
    ]
    assert run_artparse("--strict", stdin=subprocess.DEVNULL).returncode == 1


def test_an_empty_stdin_named_with_a_dash_is_an_empty_article() -> None:
    result = run_artparse("-", "-f", "jsonl", stdin=subprocess.DEVNULL)
    assert result.returncode == 0
    assert b'"no-header: ' in result.stdout


def test_stdin_with_text_and_no_path_is_read() -> None:
    result = run_artparse("-f", "jsonl", input=SEED.read_bytes())
    assert result.returncode == 0 and b'"author":"AI"' in result.stdout


def with_terminal_stdin(*args: str) -> tuple[subprocess.Popen[bytes], int]:
    """artparse with its standard input on a pseudo-terminal (its leader is returned), its
    stdout and stderr to pipes."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    child = subprocess.Popen(
        [*artparse_command(), *args], stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    return child, leader


def test_dash_on_a_terminal_ends_at_the_first_ctrl_d() -> None:
    child, leader = with_terminal_stdin("-", "-f", "jsonl")
    try:
        time.sleep(0.5)  # let it start reading, as a person would
        for line in SEED.read_bytes().splitlines():
            os.write(leader, line + b"\n")
        os.write(leader, b"\x04")  # Ctrl-D at the start of a line: end of input, once
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
        child.wait()
        os.close(leader)
    assert child.returncode == 0, err
    assert b'"author":"AI"' in out and b'"visits":5' in out


def test_a_bare_artparse_on_a_terminal_says_what_it_wants_then_the_usage() -> None:
    child, leader = with_terminal_stdin()
    try:
        out, err = child.communicate(timeout=30)
    finally:
        os.close(leader)
    lines = err.decode().splitlines()
    assert child.returncode == 2 and out == b""
    assert lines[0].startswith("artparse: no PATH given, and standard input is a terminal: name the files")
    assert lines[1].startswith("Usage: artparse [OPTIONS] [PATH]...")
    assert lines[-1] == "Try 'artparse -h' for help."
