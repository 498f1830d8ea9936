"""Shell completion: file names for PATH and -o, dialects for --dialect, IANA names for --tz."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from artparse.dialects import DIALECTS
from tests.conftest import RULES_FILE, artparse_command, run_artparse


def complete(words: str, shell: str = "bash") -> list[str]:
    """What artparse answers the completion script of `shell` for the command line `words`
    (the word being completed is the last one, empty after a trailing space)."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    if shell == "fish":  # fish's script sends the word itself
        cword = "" if words.endswith(" ") else words.split()[-1]
    result = run_artparse(
        env={"_ARTPARSE_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.decode().splitlines()


def test_paths_and_the_output_complete_as_file_and_folder_names() -> None:
    assert complete("artparse ") == ["file,"]
    assert complete("artparse samples/0") == ["file,samples/0"]
    assert complete("artparse corpus/ -o ") == ["file,"]
    assert complete("artparse corpus/ --output out") == ["file,out"]


def test_dialect_completes_the_dialects_and_the_rules_given_before_it() -> None:
    assert complete("artparse --dialect ") == [f"plain,{name}" for name in DIALECTS]
    assert complete("artparse --dialect r") == ["plain,rfc822"]
    assert complete(f"artparse --rules {RULES_FILE} --dialect tr") == ["plain,tripoli-times"]


def test_tz_completes_iana_names_in_any_letter_case() -> None:
    assert complete("artparse --tz africa/trip") == ["plain,Africa/Tripoli"]
    europe = complete("artparse --tz Europe/")
    assert "plain,Europe/Berlin" in europe and len(europe) > 30
    assert all(line.startswith("plain,Europe/") for line in europe)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_get_the_same_answers(shell: str) -> None:
    answer = "\n".join(complete("artparse --tz africa/trip", shell))
    assert "Africa/Tripoli" in answer
    assert "file" in "\n".join(complete("artparse -o ", shell))


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_that_calls_artparse_back(shell: str) -> None:
    result = run_artparse(env={"_ARTPARSE_COMPLETE": f"{shell}_source"})
    assert result.returncode == 0
    assert f"_ARTPARSE_COMPLETE={shell}_complete" in result.stdout.decode()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_a_dialect_with_the_script_the_readme_shows() -> None:
    script = run_artparse(env={"_ARTPARSE_COMPLETE": "bash_source"}).stdout.decode()
    command = artparse_command()[0]
    program = (
        f"{script}\n"
        f"COMP_WORDS=(artparse --dialect po); COMP_CWORD=2\n"
        f"_artparse_completion {command}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, timeout=60, check=True)
    assert result.stdout.decode().splitlines() == ["posted-by"]
