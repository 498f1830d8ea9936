from __future__ import annotations

import os
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
"""Every sample input, those read with RULES_FILE included: what `artparse samples/` reads."""


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


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
