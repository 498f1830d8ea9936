"""artparse as a user runs it: a real process, real pipes, jq, time zones and locales."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import SAMPLE_RECORDS, SAMPLES, SEED, artparse_command, run_artparse, run_on_terminal

needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")


def jq(args: list[str], filter_: str, *jq_args: str) -> str:
    producer = subprocess.Popen(
        [*artparse_command(), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    with (
        producer,
        subprocess.Popen(["jq", *jq_args, filter_], stdin=producer.stdout, stdout=subprocess.PIPE) as reader,
    ):
        assert producer.stdout is not None
        producer.stdout.close()  # jq holds the only read end now
        output, _ = reader.communicate(timeout=60)
    assert (producer.returncode, reader.returncode) == (0, 0)
    return output.decode("utf-8")


@needs_jq
@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        (".author", "AI\n"),
        (".published", "2025-11-01T04:23:00\n"),
        (".updated", "2025-12-15T05:28:33\n"),
        (".visits", "5\n"),
        ('.share | join(",")', "Facebook,Twitter,Whatsapp,Linkedin\n"),
        ('.body | startswith("In a significant development")', "true\n"),
    ],
)
def test_seed_through_jq(filter_: str, expected: str) -> None:
    assert jq([str(SEED)], filter_, "-r") == expected


@needs_jq
def test_a_directory_through_jq_slurp_counts_the_samples() -> None:
    assert jq([str(SAMPLES)], "length", "-s") == f"{SAMPLE_RECORDS}\n"


def test_output_is_the_same_bytes_under_any_time_zone_and_locale() -> None:
    outputs = {
        run_artparse(str(SAMPLES), "-f", fmt, env={"TZ": tz, "LC_ALL": locale, "LANG": locale}).stdout
        for tz, locale in [("UTC", "C"), ("Pacific/Kiritimati", "C.UTF-8"), ("America/New_York", "POSIX")]
        for fmt in ["jsonl"]
    }
    assert len(outputs) == 1
    assert outputs.pop().count(b"\n") == SAMPLE_RECORDS


def test_records_are_utf8_even_when_the_terminal_encoding_is_ascii(tmp_path: object) -> None:
    result = run_artparse(
        "-", input="Posted by طرابلس on 2025-11-01\nنص\n".encode(), env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0
    assert '"author":"طرابلس"'.encode() in result.stdout


def test_a_reader_closing_the_pipe_early_is_not_an_error() -> None:
    args = [str(SAMPLES)] * 200
    command = [*artparse_command(), "-q", *args]  # -q hides the samples' warnings, not errors
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env_without_unbuffered()
    ) as producer:
        assert producer.stdout is not None and producer.stderr is not None
        producer.stdout.readline()
        producer.stdout.close()
        stderr = producer.stderr.read()
    assert producer.returncode == 0
    assert stderr == b""


def test_a_full_disk_on_stdout_exits_3_with_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*artparse_command(), "-q", str(SAMPLES)],  # -q hides the samples' warnings, not errors
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env_without_unbuffered(),
            timeout=60,
        )
    assert result.returncode == 3
    assert result.stderr == b"artparse: cannot write output: No space left on device\n"


def test_no_traceback_for_a_usage_error() -> None:
    result = run_artparse("--format", "xml", str(SEED))
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"Invalid value for '-f' / '--format'" in result.stderr


def _env_without_unbuffered() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def test_a_terminal_gets_pretty_coloured_json() -> None:
    import re

    env: dict[str, str | None] = {"TERM": "xterm-256color", "COLUMNS": "100", "NO_COLOR": None}
    code, shown = run_on_terminal([*artparse_command(), "-q", str(SEED)], env=env)
    assert code == 0
    assert "\x1b[" in shown  # coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown).replace("\r\n", "\n")
    assert plain.startswith('{\n  "source": ')  # indented
    assert json.loads(plain)["visits"] == 5
