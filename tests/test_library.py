"""The library for bytes and files: parse_bytes and parse_file read as the command line does."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import artparse
from artparse import ArtparseError, RulesError, json_schema, load_rules, parse_bytes, parse_file, parse_text
from artparse.cli import command
from artparse.extract import ParseOptions, parse_article
from tests.conftest import RULES_FILE, SEED

ARABIC = "Posted by سالم on 2025-11-01 04:23\nطرابلس الجديدة والعاصمة في يوم مشمس جميل\n"  # noqa: RUF001
RELATIVE = b"Posted by AI on 2025-11-01 | Last Updated by AI on 24 minutes ago\nText.\n"


def cli_record(path: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(command, [str(path), "-f", "jsonl", "-q", *args], catch_exceptions=False)
    record: dict[str, object] = json.loads(result.stdout)
    return record


def test_parse_bytes_gives_the_record_parse_text_gives_for_the_decoded_text(seed_text: str) -> None:
    assert parse_bytes(SEED.read_bytes(), source="a.txt") == parse_text(seed_text, source="a.txt")
    assert parse_bytes(bytearray(SEED.read_bytes())).body == parse_text(seed_text).body


@pytest.mark.parametrize(
    "data",
    [
        ARABIC.encode("cp1256"),  # detected, with an encoding warning
        b"\xef\xbb\xbf" + SEED.read_bytes(),  # a byte-order mark
        ARABIC.encode("utf-16"),
        RELATIVE,  # "24 minutes ago" counts back from the file's time
    ],
)
def test_parse_file_gives_the_record_the_command_line_writes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    record = parse_file(path).to_dict()
    assert record == cli_record(path)
    assert parse_file(str(path), dayfirst=True).to_dict() == cli_record(path, "--dayfirst")


def test_the_file_time_is_now_unless_now_is_given(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(RELATIVE)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert parse_file(path).updated == "2023-11-14T21:49:20+00:00"  # 1,700,000,000 s is 22:13:20 UTC
    assert parse_file(path, now=datetime(2025, 12, 1, 12, tzinfo=UTC)).updated == "2025-12-01T11:36:00+00:00"
    assert parse_bytes(RELATIVE).updated is None  # bytes have no time of their own


def test_options_made_once_give_each_input_its_own_now_unless_they_fix_one() -> None:
    text = "Posted by AI on Oct 14, 2022 9:27 AM | Last Updated by AI on 24 minutes ago\nBody.\n"
    first, second = datetime(2022, 10, 14, 12, 0), datetime(2022, 10, 15, 12, 0)
    own = ParseOptions()
    updated = [parse_article(text, own, now=now).updated for now in (first, None, second, None)]
    assert updated == ["2022-10-14T11:36:00", None, "2022-10-15T11:36:00", None]
    fixed = ParseOptions(now=first)
    updated = [parse_article(text, fixed, now=now).updated for now in (None, second)]
    assert updated == ["2022-10-14T11:36:00", "2022-10-14T11:36:00"]


def test_the_cli_encoding_options_and_warnings_apply() -> None:
    data = ARABIC.encode("cp1256")
    assert parse_bytes(data, encoding="cp1256").warnings == ()
    assert (
        parse_bytes(data).warnings[0].startswith("encoding: not valid UTF-8 (byte 10); read as Windows-1256")
    )
    assert parse_bytes(data, encoding="cp1256").author == "سالم"


@pytest.mark.parametrize(
    ("data", "options", "reason"),
    [
        (b"x" * 101, {"max_size": 100}, "too large: 101 bytes, the limit is 100 bytes (see max_size)"),
        (b"Posted by AI\x00\x01\x02 on", {}, "binary file"),
        ("é".encode("latin-1"), {"encoding": "utf-8"}, "not valid utf-8 (byte 0)"),
    ],
)
def test_what_the_command_line_fails_on_raises_an_artparse_error(
    data: bytes, options: dict[str, object], reason: str
) -> None:
    with pytest.raises(ArtparseError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_bytes(data, **options)  # type: ignore[arg-type]


def test_a_file_is_checked_against_the_cap_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(8 << 30)  # sparse: reading it would take long and all the memory
    with pytest.raises(ArtparseError, match=r"too large: 8 GiB"):
        parse_file(big)
    with pytest.raises(ArtparseError, match="No such file or directory"):
        parse_file(tmp_path / "missing.txt")


def test_a_file_named_dash_is_a_file_not_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-").write_bytes(SEED.read_bytes())
    assert parse_file("-").author == "AI"


@pytest.mark.parametrize(
    ("call", "kind", "message"),
    [
        (
            lambda: parse_bytes(b"", now="2025-11-01T00:00:00"),
            TypeError,
            "now must be a datetime or None, not str",
        ),
        (
            lambda: parse_text("", now=date(2025, 11, 1)),
            TypeError,
            "now must be a datetime or None, not date",
        ),
        (lambda: parse_text("", min_date=datetime(2025, 1, 1)), TypeError, "min_date must be a date"),
        (lambda: parse_bytes("text"), TypeError, "data must be bytes, not str"),
        (lambda: parse_text(b"text"), TypeError, "text must be a str"),
        (lambda: parse_text("", rules="[[rule]]"), TypeError, "rules must be a sequence of rules"),
        (lambda: parse_file(3), TypeError, "path must be a str or a path"),
        (lambda: parse_text("", tz=3), TypeError, "tz must be a zone name"),
        (lambda: parse_bytes(b"", max_size="1M"), TypeError, "max_size must be an int"),
        (lambda: parse_text("", tz="Mars/Olympus"), ValueError, "unknown time zone 'Mars/Olympus'"),
        (lambda: parse_text("", dialect="posted_by"), ValueError, "unknown dialect 'posted_by'"),
        (lambda: parse_bytes(b"", encoding="klingon"), ValueError, "unknown text encoding 'klingon'"),
        (lambda: parse_bytes(b"", encoding="base64"), ValueError, "unknown text encoding 'base64'"),
        (lambda: parse_bytes(b"", max_size=0), ValueError, "max_size must be a positive number"),
        (lambda: load_rules("[[rule]]\nname = 'x'\n"), ValueError, "'lines' must be a non-empty list"),
    ],
)
def test_bad_arguments_raise_artparse_errors_of_the_right_kind(
    call: object, kind: type[Exception], message: str
) -> None:
    with pytest.raises(ArtparseError, match=message.replace("(", r"\(")) as raised:
        call()  # type: ignore[operator]
    assert isinstance(raised.value, kind)


def test_the_rule_file_reader_and_the_schema_come_from_the_package() -> None:
    rules = load_rules(RULES_FILE.read_text(encoding="utf-8"))
    record = parse_file(RULES_FILE.parent / "tripoli-times.txt", rules=rules)
    assert (record.dialect, record.author) == ("tripoli-times", "Hana Mansour")
    assert issubclass(RulesError, ArtparseError) and issubclass(RulesError, ValueError)
    assert list(json_schema()["properties"]) == list(artparse.FIELDS)
    assert {"parse_bytes", "parse_file", "load_rules", "RulesError", "json_schema"} <= set(artparse.__all__)
