"""What reaches a person's terminal: escaped control and bidi characters, no rich markup."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from artparse.cli import command
from artparse.record import Article
from artparse.terminal import for_terminal, json_for_terminal
from artparse.writers import PrettyWriter

PAYLOADS = {
    "OSC 52 clipboard write": ("\x1b]52;c;ZWNobyBoaQ==\x07", "\\x1b]52;c;ZWNobyBoaQ==\\x07"),
    "OSC 8 hyperlink": (
        "\x1b]8;;http://evil\x1b\\x\x1b]8;;\x1b\\",
        "\\x1b]8;;http://evil\\x1b\\x\\x1b]8;;\\x1b\\",
    ),
    "clear screen": ("\x1b[2J", "\\x1b[2J"),
    "reset terminal": ("\x1bc", "\\x1bc"),
    "C1 CSI": ("\x9b31m", "\\x9b31m"),
    "DEL": ("a\x7fb", "a\\x7fb"),
    "carriage return": ("fake\rreal", "fake\\x0dreal"),
    "newline": ("one\ntwo", "one\\x0atwo"),
    "bidi override": ("abc\u202edcba", "abc\\u202edcba"),
    "bidi isolate": ("\u2066x\u2069", "\\u2066x\\u2069"),
    "line separator": ("a\u2028b", "a\\u2028b"),
    "lone surrogate": ("art\udcff", "art\\udcff"),
}


@pytest.mark.parametrize(("text", "shown"), PAYLOADS.values(), ids=PAYLOADS.keys())
def test_what_a_terminal_would_obey_is_escaped(text: str, shown: str) -> None:
    assert for_terminal(text) == shown


def test_arabic_text_and_its_direction_marks_are_shown_as_they_are() -> None:
    text = "\u200fطرابلس\u200e \u061c١٢٣\ttab"  # noqa: RUF001
    assert for_terminal(text) == text


def test_json_for_terminal_is_still_the_same_json() -> None:
    record = {"title": "a\u202eb\x9bc\x7f\u2028", "body": "\u200fنص"}
    shown = json_for_terminal(json.dumps(record, ensure_ascii=False))
    assert not re.search("[\u202e\x9b\x7f\u2028]", shown)
    assert json.loads(shown) == record


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("title", ["[/Pattern]", "a [/b] c", "[link=http://x]y[/link]", "[WIP] x", "[bold]x"])
@pytest.mark.parametrize("out", [io.StringIO, Terminal])
def test_pretty_output_never_reads_titles_as_markup(title: str, out: type[io.StringIO]) -> None:
    stream = out()
    writer = PrettyWriter(stream)
    record = Article(title=f"{title}\x1b[2J\u202e", body="\u200fنص").to_dict()
    writer.write(record)
    text = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())  # the colours, when a terminal
    assert "\x1b[2J" not in text and "\u202e" not in text
    assert json.loads(text) == record


def test_error_messages_escape_file_names(tmp_path: Path) -> None:
    name = os.fsdecode(b"evil\x1b]0;pwned\x07\xff.txt")
    (tmp_path / name).write_bytes(b"\x00binary")
    (tmp_path / "ok\u202etxt.txt").write_bytes(b"No header.\n")
    result = CliRunner().invoke(command, [str(tmp_path)], catch_exceptions=False)
    assert result.stderr.splitlines()[:2] == [
        f"artparse: {tmp_path}/evil\\x1b]0;pwned\\x07\\xff.txt: skipped: binary file (NUL byte at offset 0)",
        f"artparse: {tmp_path}/ok\\u202etxt.txt: warning: no-header: a known header was not found; "
        "the whole text is the body",
    ]
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["source"] == f"{tmp_path}/ok\u202etxt.txt"  # data is never altered
