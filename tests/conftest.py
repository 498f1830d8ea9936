from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "000_1e1733cdb2f83fb7.txt"
RULE_SAMPLES = SAMPLES / "rules"
RULES_FILE = RULE_SAMPLES / "sites.toml"
SAMPLE_TEXTS = sorted(SAMPLES.rglob("*.txt"))
"""Every sample article, those read with RULES_FILE included."""
CONTAINER_SAMPLES = sorted(path for path in (SAMPLES / "containers").iterdir() if path.suffix != ".json")
"""Every sample container (mbox, WARC/WET, SGML): what `artparse samples/` also reads."""


def container_golden(container: Path) -> Path:
    """The expected records of a sample container: its name up to the first dot, then .json."""
    return container.with_name(container.name.split(".")[0] + ".json")


def container_records(container: Path) -> list[dict[str, object]]:
    records: list[dict[str, object]] = json.loads(container_golden(container).read_text(encoding="utf-8"))
    return records


SAMPLE_RECORDS = len(SAMPLE_TEXTS) + sum(len(container_records(path)) for path in CONTAINER_SAMPLES)
"""How many records `artparse samples/` gives."""


def artparse_command() -> list[str]:
    """The installed console script, as a user runs it."""
    script = shutil.which("artparse", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "artparse"]


def run_artparse(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """artparse in a child process with real pipes; PYTHONUNBUFFERED unset, as on users' machines."""
    child_env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    child_env.update(env or {})
    return subprocess.run(
        [*artparse_command(), *args], capture_output=True, env=child_env, cwd=cwd, timeout=60, **kwargs
    )


def run_on_terminal(
    command: list[str], *, on: str = "stdout", env: dict[str, str | None] | None = None
) -> tuple[int, str]:
    """Run `command` with its stdout or stderr (`on`), or both (`on="both"`), on a
    pseudo-terminal, the other to /dev/null: its exit code and everything the terminal was
    sent. In `env`, None unsets."""
    leader, follower = pty.openpty()
    child_env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for name, value in (env or {}).items():
        if value is None:
            child_env.pop(name, None)
        else:
            child_env[name] = value
    streams = {
        name: follower if on in (name, "both") else subprocess.DEVNULL for name in ("stdout", "stderr")
    }
    with subprocess.Popen(command, **streams, env=child_env) as child:  # type: ignore[call-overload]
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    os.close(leader)
    return child.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def typed(data: object) -> object:
    """`data` with the type of every value and key, and the order of keys (True is not 1)."""
    if isinstance(data, dict):
        return [(typed(key), typed(value)) for key, value in data.items()]
    if isinstance(data, list):
        return [typed(item) for item in data]
    return (type(data), data)
