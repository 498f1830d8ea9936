"""--incremental parses a file again whenever anything that decides its record differs."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from artparse.cli import command
from artparse.extract import ParseOptions
from artparse.rules import load_rules
from artparse.sources import ReadOptions
from artparse.stamps import settings_key, spelled

PADDING = "z" * 250
"""Longer than the 200 characters at which repr() cuts a compiled pattern."""


def rules_text(label: str) -> str:
    return f"""
[[rule]]
name = "site"
lines = ['(?:{PADDING}|{label}) by (?P<author>.+?) on (?P<published>.+)']
"""


def test_rules_that_differ_after_two_hundred_characters_parse_the_file_again(tmp_path: Path) -> None:
    article, database = tmp_path / "a.txt", tmp_path / "a.db"
    article.write_text("Authored by Hana Mansour on 2025-11-12\nBody.\n", encoding="utf-8")
    authors = []
    for label in ("Written", "Authored"):
        rules = tmp_path / f"{label}.toml"
        rules.write_text(rules_text(label), encoding="utf-8")
        result = CliRunner().invoke(
            command, [str(article), "--rules", str(rules), "-o", str(database), "--incremental"]
        )
        assert result.exit_code == 0, result.output
        with sqlite3.connect(database) as connection:
            authors.append(connection.execute("SELECT author FROM articles").fetchone()[0])
        connection.close()
    assert authors == [None, "Hana Mansour"]


def key(**changes: object) -> str:
    return settings_key("1.0", ParseOptions(**changes), ReadOptions())  # type: ignore[arg-type]


def test_every_parse_setting_is_in_the_fingerprint() -> None:
    variants = [
        {},
        {"rules": load_rules(rules_text("Written"))},
        {"rules": load_rules(rules_text("Authored"))},
        {"rules": load_rules(rules_text("Written").replace("'(?:", "'(?i)(?:"))},
        {"dialect": "rfc822"},
        {"dayfirst": True},
        {"tz": "Africa/Tripoli"},
        {"utc": True},
        {"now": datetime(2025, 1, 1, tzinfo=UTC)},
        {"now": datetime(2025, 1, 1)},  # the same wall time, no offset: another reading
        {"min_date": date(2000, 1, 1)},
    ]
    keys = [key(**variant) for variant in variants]
    assert len(set(keys)) == len(keys)
    assert key(rules=load_rules(rules_text("Written"))) == keys[1]  # and it is stable
    reading = {settings_key("1.0", ParseOptions(), ReadOptions(max_size=n)) for n in (10, 11)}
    assert len(reading) == 2
    encodings = {settings_key("1.0", ParseOptions(), ReadOptions(encoding=e)) for e in (None, "cp1256")}
    assert len(encodings) == 2
    assert settings_key("1.1", ParseOptions(), ReadOptions()) != keys[0]


def test_a_setting_the_fingerprint_cannot_spell_is_an_error_not_a_guess() -> None:
    with pytest.raises(TypeError):
        settings_key("1.0", ParseOptions(dialect=object()), ReadOptions())  # type: ignore[arg-type]


def test_collections_are_spelled_whole_and_in_a_fixed_order() -> None:
    assert spelled(frozenset({"b", "a"})) == spelled({"a", "b"}) == ["a", "b"]
    assert spelled({"x": (1, None)}) == [["x", [1, None]]]
