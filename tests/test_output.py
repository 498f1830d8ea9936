"""-o FILE: replaced atomically, never torn, never written through a link, never read back."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from artparse.cli import command
from tests.conftest import SEED

OLD = '{"old": true}\n'


def invoke(*args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_the_output_replaces_the_old_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(OLD)
    assert invoke(str(SEED), str(SEED), "-o", str(out)).exit_code == 0
    assert [json.loads(line)["author"] for line in out.read_text().splitlines()] == ["AI", "AI"]
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_a_planted_symlink_at_the_output_path_is_replaced_not_written_through(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    out = tmp_path / "out.jsonl"
    out.symlink_to(precious)
    assert invoke(str(SEED), "-o", str(out)).exit_code == 0
    assert not out.is_symlink()
    assert json.loads(out.read_text())["author"] == "AI"
    assert precious.read_text() == "keep me"


def test_the_output_gets_the_permissions_of_a_new_file_not_mkstemps_0600(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    previous = os.umask(0o022)
    try:
        invoke(str(SEED), "-o", str(out))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    ("call", "code", "reason"),
    [
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("replace", errno.EXDEV, "Invalid cross-device link"),
        ("fchmod", errno.EPERM, "Operation not permitted"),
    ],
)
def test_a_failed_commit_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, reason: str
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(OLD)

    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, call, fail)
    result = invoke(str(SEED), "-o", str(out))
    assert result.exit_code == 3
    assert result.stderr == f"artparse: cannot write output: {out}: {reason}\n"
    assert out.read_text() == OLD
    assert os.listdir(tmp_path) == ["out.jsonl"]


@pytest.mark.parametrize("where", ["a directory", "a missing folder"])
def test_an_output_that_cannot_be_created_fails_before_anything_is_read(tmp_path: Path, where: str) -> None:
    target = tmp_path if where == "a directory" else tmp_path / "missing" / "out.jsonl"
    result = invoke(str(tmp_path / "never-read.txt"), "-o", str(target), "-f", "jsonl")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"artparse: cannot write output: {target}: ")
    assert len(result.stderr.splitlines()) == 1  # not even the missing input was looked at


def test_abandoned_temporaries_are_removed_and_nothing_else(tmp_path: Path) -> None:
    names = {
        "abandoned": ".out.jsonl.abcd1234.tmp",
        "recent": ".out.jsonl.efgh5678.tmp",  # may be a run that has only just started
        "in use": ".out.jsonl.ijkl9012.tmp",
        "a link": ".out.jsonl.mnop3456.tmp",
        "not ours": ".other.jsonl.qrst7890.tmp",
        "not our pattern": ".out.jsonl.tmp",
    }
    for kind, name in names.items():
        if kind == "a link":
            (tmp_path / name).symlink_to(tmp_path / names["not ours"])
        else:
            (tmp_path / name).write_text("partial")
    an_hour_ago = time.time() - 3600
    for kind, name in names.items():
        if kind != "recent":
            os.utime(tmp_path / name, (an_hour_ago, an_hour_ago), follow_symlinks=False)
    with open(tmp_path / names["in use"]) as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert invoke(str(SEED), "-o", str(tmp_path / "out.jsonl")).exit_code == 0
    left = set(os.listdir(tmp_path))
    assert left == {"out.jsonl", *names.values()} - {names["abandoned"]}


def test_a_run_into_the_walked_tree_never_reads_its_own_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        result = invoke(str(tmp_path), "-o", str(out))
        assert result.exit_code == 0
        assert [json.loads(line)["source"] for line in out.read_text().splitlines()] == [
            str(tmp_path / "a.txt")
        ]
    own = [line for line in result.stderr.splitlines() if "skipped: artparse's own output" in line]
    assert own[0].startswith(f"artparse: {tmp_path}/.out.jsonl.")  # the temporary file of this run
    assert own[1] == f"artparse: {out}: skipped: artparse's own output"


def test_an_input_named_as_the_output_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes())
    result = invoke(str(article), "-o", str(article), "-f", "jsonl")
    assert result.exit_code == 2
    assert "is also an input: refusing to overwrite it" in result.stderr
    assert article.read_bytes() == SEED.read_bytes()


def test_a_signal_arriving_as_the_temporary_file_is_made_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal
    import tempfile
    import threading

    from artparse.output import open_destination

    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_interrupted(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)
        # Ctrl-C right after the file exists, sent to this thread: sent to the process, it may
        # be taken by a thread an earlier test left running, which does not hold it.
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_interrupted)
    with pytest.raises(KeyboardInterrupt), open_destination(str(tmp_path / "out.jsonl")):
        pass
    assert list(tmp_path.iterdir()) == []
