"""User rules (--rules FILE): line patterns for sites artparse does not know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from artparse import parse_text
from artparse.cli import command
from artparse.rules import RulesError, load_rules
from artparse.sources import decode
from tests.conftest import ROOT, RULE_SAMPLES, RULES_FILE

RULE = """
[[rule]]
name = "site"
lines = [
    '(?P<title>.+)',
    'Written by (?P<author>.+?) on (?P<published>.+)',
    { pattern = 'Edited by (?P<updated_by>.+?) on (?P<updated>.+)', optional = true },
    { pattern = '(?P<visits>[\\d,]+) readers', optional = true },
]
"""
RULES = load_rules(RULE)
CASES = sorted(RULE_SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("sample", CASES, ids=[case.stem for case in CASES])
def test_rule_sample_gives_its_golden_record(sample: Path) -> None:
    expected = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))
    rules = load_rules(RULES_FILE.read_text(encoding="utf-8"))
    text = decode(sample.read_bytes())
    assert parse_text(text, source=sample.relative_to(ROOT).as_posix(), rules=rules).to_dict() == expected


def test_a_rule_fills_the_record_and_the_body_starts_after_its_last_line() -> None:
    text = (
        "Dinar unchanged\n\nWritten by Hana on 12 Nov 2025\nEdited by Desk on 13 Nov 2025\n"
        "1,204 readers\nBody."
    )
    record = parse_text(text, rules=RULES).to_dict()
    assert record["dialect"] == "site"
    assert (record["title"], record["author"], record["updated_by"]) == ("Dinar unchanged", "Hana", "Desk")
    assert (record["published"], record["updated"], record["visits"]) == ("2025-11-12", "2025-11-13", 1204)
    assert record["body"] == "Body."


def test_optional_lines_may_be_missing() -> None:
    record = parse_text("Dinar unchanged\nWritten by Hana on 12 Nov 2025\nBody.", rules=RULES).to_dict()
    assert (record["author"], record["updated"], record["visits"], record["body"]) == (
        "Hana",
        None,
        None,
        "Body.",
    )


def test_rules_come_before_the_built_in_dialects_and_fall_through_to_them() -> None:
    text = "Posted by AI on 2025-11-01\nWritten by Hana on 12 Nov 2025\nBody."
    assert parse_text(text, rules=RULES).dialect == "site"
    assert parse_text("Posted by AI on 2025-11-01\nBody.", rules=RULES).dialect == "posted-by"


def test_a_rule_can_be_forced_by_name() -> None:
    record = parse_text("Just text.", dialect="site", rules=RULES).to_dict()
    assert record["warnings"] == ["no-header: a site header was not found; the whole text is the body"]


def test_an_unreadable_visit_count_is_a_warning() -> None:
    rules = load_rules("[[rule]]\nname = \"v\"\nlines = ['Views: (?P<visits>.+)']\n")
    record = parse_text("Views: many\nBody.", rules=rules).to_dict()
    assert (record["visits"], record["warnings"]) == (None, ["unparsed-visits: 'many' is not a count"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[rule]\n", "not valid TOML: "),
        ("", "no rule: write each one as a [[rule]] table with a name and lines"),
        ('rules = 1\n[[rule]]\nname = "a"\nlines = ["x"]\n', "the file: unknown key 'rules'; known: rule"),
        ('rule = ["a"]\n', "rule 1: write it as a [[rule]] table"),
        ('[[rule]]\nlines = ["x"]\n', "rule 1: 'name' must be a non-empty text"),
        ('[[rule]]\nname = "a"\n', "rule 'a': 'lines' must be a non-empty list of patterns"),
        ('[[rule]]\nname = "a"\nline = ["x"]\n', "rule 'a': unknown key 'line'; known: lines, name"),
        ('[[rule]]\nname = "a"\nlines = ["x", 3]\n', "rule 'a', line 2: a pattern must be a non-empty text"),
        (
            '[[rule]]\nname = "a"\nlines = ["(?P<title>.+"]\n',
            "rule 'a', line 1: not a valid regular expression: missing ) at position 12",
        ),
        (
            '[[rule]]\nname = "a"\nlines = ["(?P<publised>.+)"]\n',
            "rule 'a', line 1: unknown group 'publised'; known: title, author, published, updated, "
            "updated_by, visits",
        ),
        (
            '[[rule]]\nname = "a"\nlines = [{pattern = "x", optional = "yes"}]\n',
            "rule 'a', line 1: 'optional' must be true or false",
        ),
        (
            '[[rule]]\nname = "a"\nlines = [{regex = "x"}]\n',
            "rule 'a', line 1: unknown key 'regex'; known: optional, pattern",
        ),
        ('[[rule]]\nname = "rfc822"\nlines = ["x"]\n', "rule 'rfc822': the name is already used"),
        ('[[rule]]\nname = "a"\nlines = ["x"]\n[[rule]]\nname = "a"\nlines = ["y"]\n', "rule 'a': the name"),
    ],
)
def test_a_bad_rule_file_names_the_rule_and_the_problem(text: str, message: str) -> None:
    with pytest.raises(RulesError) as error:
        load_rules(text)
    assert str(error.value).startswith(message)


def test_cli_rules_option_reads_the_sample_sites() -> None:
    result = CliRunner().invoke(command, ["--rules", str(RULES_FILE), str(RULE_SAMPLES)])
    dialects = [json.loads(line)["dialect"] for line in result.stdout.splitlines()]
    assert (result.exit_code, dialects) == (0, ["sahara-wire", "tripoli-times", "tripoli-times"])


def test_cli_bad_rule_file_is_a_usage_error_naming_the_file_and_rule(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "site"\nlines = ["(unclosed"]\n', encoding="utf-8")
    result = CliRunner().invoke(command, ["--rules", str(rules), str(RULE_SAMPLES)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        f"Invalid value for --rules: {rules}: rule 'site', line 1: not a valid regular expression: "
        "missing ) at position 9" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_cli_missing_rule_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--rules", str(tmp_path / "none.toml"), str(RULE_SAMPLES)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'none.toml'}: No such file or directory" in result.stderr


def test_cli_dialect_may_name_a_rule_and_an_unknown_name_is_a_usage_error() -> None:
    sample = str(RULE_SAMPLES / "sahara-wire.txt")
    forced = CliRunner().invoke(command, ["--rules", str(RULES_FILE), "--dialect", "tripoli-times", sample])
    assert json.loads(forced.stdout)["dialect"] is None
    unknown = CliRunner().invoke(command, ["--dialect", "tripoli-times", sample])
    assert unknown.exit_code == 2
    assert "unknown dialect 'tripoli-times'; known: front-matter, posted-by, rfc822, byline" in unknown.stderr


def test_the_readme_example_is_the_sample_rule_and_gives_what_the_readme_shows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### User rules", 1)[1]
    rule_text = example.split("```toml\n", 1)[1].split("```", 1)[0]
    assert rule_text in RULES_FILE.read_text(encoding="utf-8")
    shown = example.split("| jq -c '{dialect, author, published, updated_by, visits}'\n", 1)[1]
    sample = RULE_SAMPLES / "tripoli-times.txt"
    record = parse_text(sample.read_text(encoding="utf-8"), rules=load_rules(rule_text)).to_dict()
    fields = ("dialect", "author", "published", "updated_by", "visits")
    assert json.loads(shown.split("\n", 1)[0]) == {name: record[name] for name in fields}
