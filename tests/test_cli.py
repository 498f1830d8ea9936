"""The command line through Click's runner: options, formats, exit codes, stdout/stderr split."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from artparse.cli import command
from artparse.record import FIELDS
from tests.conftest import RULES_FILE, SAMPLE_TEXTS, SAMPLES, SEED

GOOD = "Posted by AI on 2025-11-01 04:23:00\nShare: Facebook Visits: 5\nBody text here.\n"


def invoke(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(command, list(args), input=input, catch_exceptions=False)


def records(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_seed_in_a_pipe_is_one_json_line() -> None:
    result = invoke(str(SEED))
    assert result.exit_code == 0
    [record] = records(result)
    assert record["author"] == "AI"
    assert record["published"] == "2025-11-01T04:23:00"
    assert record["source"] == str(SEED)
    assert result.stderr == "artparse: 1 input: 1 record (0 with warnings), 0 failed\n"


def test_a_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.txt", "A.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = invoke(str(tmp_path))
    sources = [Path(str(r["source"])).relative_to(tmp_path).as_posix() for r in records(result)]
    assert sources == ["A.txt", "a/b/c.txt", "a/z.txt", "b.txt"]


def test_the_samples_directory_gives_one_record_per_sample() -> None:
    samples, others = len(SAMPLE_TEXTS), len(list(SAMPLES.rglob("*.json"))) + 1  # + the rule file
    result = invoke(str(SAMPLES), "-f", "jsonl")
    assert len(records(result)) == samples
    # Warnings: 3 posted-by samples, 6 samples of other dialects (see their goldens), and the 3 rule
    # samples, which have no known header when read without --rules.
    assert result.stderr.splitlines()[-1] == (
        f"artparse: {samples + others} inputs: {samples} records (12 with warnings), 0 failed, "
        f"{others} skipped ({others} other file name)"
    )


def test_glob_chooses_the_file_names_read_in_a_walk(tmp_path: Path) -> None:
    for name in ["a.txt", "b.html", "c.md", "README"]:
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    default = [Path(str(r["source"])).name for r in records(invoke(str(tmp_path)))]
    chosen = [
        Path(str(r["source"])).name
        for r in records(invoke(str(tmp_path), "--glob", "*.html", "--glob", "a*"))
    ]
    assert (default, chosen) == (["README", "a.txt", "c.md"], ["a.txt", "b.html"])


def test_a_named_file_is_read_whatever_its_name(tmp_path: Path) -> None:
    article = tmp_path / "article.html"
    article.write_text(GOOD, encoding="utf-8")
    assert records(invoke(str(article), "--glob", "*.txt"))[0]["visits"] == 5


def test_stdin_by_dash_and_by_pipe() -> None:
    for args in (["-"], []):
        [record] = records(invoke(*args, input=GOOD))
        assert (record["source"], record["visits"]) == ("-", 5)


def test_no_path_on_a_terminal_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("artparse.cli._stdin_is_terminal", lambda: True)
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage: " in result.stderr


def test_bad_inputs_are_reported_and_the_good_record_still_written(tmp_path: Path) -> None:
    good, binary = tmp_path / "good.txt", tmp_path / "random.bin"
    good.write_text(GOOD, encoding="utf-8")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    result = invoke(str(good), str(missing), str(binary))
    assert result.exit_code == 1
    assert [r["source"] for r in records(result)] == [str(good)]
    assert result.stderr.splitlines() == [
        f"artparse: {missing}: No such file or directory",
        f"artparse: {binary}: binary file (NUL byte at offset 8)",
        "artparse: 3 inputs: 1 record (0 with warnings), 2 failed",
    ]


def test_binary_files_found_in_a_walk_are_skipped_not_failed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "saved.txt").write_bytes(b"\x00\x01")
    result = invoke(str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "artparse: 2 inputs: 1 record (0 with warnings), 0 failed, 1 skipped (1 binary file)"
    )


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Posted by Zoé on 2025-11-01\n".encode("latin-1"))
    result = invoke(str(bad))
    assert result.exit_code == 1
    assert f"artparse: {bad}: not valid UTF-8 (byte 12)" in result.stderr


def test_warnings_go_to_stderr_and_strict_makes_them_failures(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("No header here.\n", encoding="utf-8")
    relaxed, strict = invoke(str(plain)), invoke("--strict", str(plain))
    assert relaxed.exit_code == 0 and strict.exit_code == 1
    assert records(relaxed) == records(strict)  # the record is still written
    assert f"artparse: {plain}: warning: no-header:" in relaxed.stderr
    assert strict.stderr.endswith("1 record (1 with warnings, failures under --strict), 0 failed\n")


def test_quiet_hides_warnings_and_summary_but_not_errors_or_the_exit_code(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("No header here.\n", encoding="utf-8")
    result = invoke("-q", str(plain), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stderr == f"artparse: {tmp_path / 'missing.txt'}: No such file or directory\n"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_delimited_output_reads_back(fmt: str) -> None:
    result = invoke(str(SAMPLES), "-f", fmt, "-q")
    rows = list(
        csv.DictReader(io.StringIO(result.stdout, newline=""), delimiter="," if fmt == "csv" else "\t")
    )
    assert len(rows) == len(SAMPLE_TEXTS)
    seed = next(row for row in rows if row["source"] == str(SEED))
    assert (seed["share"], seed["visits"], seed["tags"]) == ("Facebook; Twitter; Whatsapp; Linkedin", "5", "")


def test_json_format_is_one_array() -> None:
    result = invoke(str(SEED), str(SEED), "-f", "json")
    assert [r["author"] for r in json.loads(result.stdout)] == ["AI", "AI"]


@pytest.mark.parametrize(
    ("suffix", "first_char"),
    [(".jsonl", "{"), (".ndjson", "{"), (".json", "["), (".csv", "s"), (".TSV", "s")],
)
def test_output_file_format_comes_from_its_suffix(tmp_path: Path, suffix: str, first_char: str) -> None:
    target = tmp_path / f"out{suffix}"
    result = invoke(str(SEED), "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8")[0] == first_char
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_explicit_format_wins_over_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert invoke(str(SEED), "-o", str(target), "-f", "csv").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("source,dialect,")


def test_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(SEED), "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2
    assert "cannot tell the format of" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_directory_exits_3(tmp_path: Path) -> None:
    result = invoke(str(SEED), "-o", str(tmp_path / "no" / "out.jsonl"))
    assert result.exit_code == 3
    assert result.stderr.startswith("artparse: cannot write output: ")
    assert len(result.stderr.splitlines()) == 1


def test_fields_choose_and_order_the_columns() -> None:
    result = invoke(str(SEED), "--fields", "visits, author")
    assert result.stdout == '{"visits":5,"author":"AI"}\n'
    result = invoke(str(SEED), "--fields", "visits,author", "-f", "csv")
    assert result.stdout_bytes == b"visits,author\r\n5,AI\r\n"


@pytest.mark.parametrize("fields", ["nope", "author,nope", ","])
def test_unknown_fields_are_a_usage_error(fields: str) -> None:
    result = invoke(str(SEED), "--fields", fields)
    assert result.exit_code == 2
    assert "--fields" in result.stderr
    assert result.stdout == ""


def test_schema_describes_every_field_in_order() -> None:
    result = invoke("--schema")
    schema = json.loads(result.stdout)
    assert result.exit_code == 0
    assert list(schema["properties"]) == list(FIELDS) == schema["required"]


@pytest.mark.parametrize("rules", [[], ["--rules", str(RULES_FILE)]], ids=["built-in", "rules"])
def test_every_record_matches_the_schema(rules: list[str]) -> None:
    schema = json.loads(invoke("--schema").stdout)
    kinds = {"string": str, "integer": int, "null": type(None), "array": list, "object": dict}
    for record in records(invoke(*rules, str(SAMPLES), "-q")):
        for name, value in record.items():
            allowed = schema["properties"][name]["type"]
            allowed = allowed if isinstance(allowed, list) else [allowed]
            assert any(isinstance(value, kinds[kind]) for kind in allowed), (name, value)
            pattern = schema["properties"][name].get("pattern")
            assert value is None or pattern is None or re.fullmatch(pattern, value), (name, value)


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    assert invoke("--version").stdout == f"artparse {version('artparse')}\n"


def test_help_has_examples_and_exit_codes() -> None:
    for flag in ("-h", "--help"):
        result = invoke(flag)
        assert result.exit_code == 0
        assert "artparse article.txt | jq -r .published" in result.stdout
        assert "3    the output could not be written" in result.stdout


@pytest.mark.parametrize(
    "option", [p for p in command.params if p.name != "paths"], ids=lambda p: str(p.name)
)
def test_every_option_has_help(option: object) -> None:
    assert getattr(option, "help", None)


def test_dialect_option_forces_a_dialect(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("No header here.\n", encoding="utf-8")
    [record] = records(invoke("--dialect", "posted-by", str(plain)))
    assert record["warnings"] == ["no-header: a posted-by header was not found; the whole text is the body"]


def test_dayfirst_option(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Posted by AI on 03/04/2021\nBody.\n", encoding="utf-8")
    assert records(invoke(str(article)))[0]["published"] == "2021-03-04"
    assert records(invoke("--dayfirst", str(article)))[0]["published"] == "2021-04-03"
