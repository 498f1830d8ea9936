"""The command line through Click's runner: options, formats, exit codes, stdout/stderr split."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from artparse.cli import command
from artparse.record import FIELDS
from tests.conftest import CONTAINER_SAMPLES, RULES_FILE, SAMPLE_RECORDS, SAMPLES, SEED, container_records

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
    samples, others = SAMPLE_RECORDS, len(list(SAMPLES.rglob("*.json"))) + 1  # + the rule file
    result = invoke(str(SAMPLES), "-f", "jsonl")
    assert len(records(result)) == samples
    # Warnings: the goldens that have some (every page sample: the page mode names the line of each
    # value), the container articles that have some, and the one rule sample that has no header a
    # person would recognise without --rules (the other two read as bylines).
    goldens = [*SAMPLES.glob("*.json"), *(SAMPLES / "pages").glob("*.json")]
    warned = sum(bool(json.loads(golden.read_text(encoding="utf-8"))["warnings"]) for golden in goldens)
    warned += sum(
        bool(record["warnings"]) for path in CONTAINER_SAMPLES for record in container_records(path)
    )
    assert result.stderr.splitlines()[-1] == (
        f"artparse: {samples + others} inputs: {samples} records ({warned + 1} with warnings), 0 failed, "
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


def test_a_latin1_file_is_read_with_a_warning_and_fixed_by_naming_its_encoding(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Posted by Zoé on 2025-11-01\n".encode("latin-1"))
    detected = invoke(str(latin1))
    assert detected.exit_code == 0
    [record] = records(detected)
    assert record["author"] == "Zoé"
    warning = "encoding: not valid UTF-8 (byte 12); read as Windows-1252 (detected)"
    assert record["warnings"][0] == warning
    assert f"artparse: {latin1}: warning: {warning}\n" in detected.stderr
    assert invoke("--strict", str(latin1)).exit_code == 1
    strict_utf8 = invoke("--encoding", "utf-8", str(latin1))
    assert strict_utf8.exit_code == 1
    assert f"artparse: {latin1}: not valid utf-8 (byte 12)\n" in strict_utf8.stderr
    named = invoke("--encoding", "latin-1", "--strict", str(latin1))
    assert named.exit_code == 0
    assert records(named)[0]["author"] == "Zoé"
    assert records(named)[0]["warnings"] == []


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
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    else:  # no quoting: every line is a row, split at tabs
        header, *lines = result.stdout.removesuffix("\n").split("\n")
        rows = [dict(zip(header.split("\t"), line.split("\t"), strict=True)) for line in lines]
    assert len(rows) == SAMPLE_RECORDS
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


def test_help_and_version_options_are_listed_last_as_click_lists_its_own() -> None:
    text = invoke("--help").stdout
    listed = text[text.index("Options:") : text.index("Examples:")].splitlines()
    options = [line.split() for line in listed if line.lstrip().startswith("-")]
    assert options[-2:] == [
        ["--version", "Show", "the", "version", "and", "exit."],
        ["-h,", "--help", "Show", "this", "message", "and", "exit."],
    ]


def test_a_usage_error_points_at_the_help_option() -> None:
    result = invoke("--no-such-option")
    assert result.exit_code == 2
    assert "Try 'artparse --help' for help.\n" in result.stderr


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


def summary(result: Result) -> str:
    return result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("given", "size", "message"),
    [
        ("1000", 1000, "1001 bytes, the limit is 1000 bytes"),
        ("64K", 65536, "64 KiB (65,537 bytes), the limit is 64 KiB"),
        ("32M", 32 << 20, "32 MiB (33,554,433 bytes), the limit is 32 MiB"),
        ("2g", 2 << 30, "2 GiB (2,147,483,649 bytes), the limit is 2 GiB"),
        ("5MiB", 5 << 20, "5 MiB (5,242,881 bytes), the limit is 5 MiB"),
        ("1500k", 1500 << 10, "1.5 MiB (1,536,001 bytes), the limit is 1.5 MiB"),
    ],
)
def test_max_size_takes_a_size_with_a_unit(tmp_path: Path, given: str, size: int, message: str) -> None:
    over = tmp_path / "over.txt"
    with over.open("wb") as file:
        file.truncate(size + 1)  # sparse: no disk space, and the size check comes before any read
    result = invoke("--max-size", given, str(over))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"artparse: {over}: too large: {message} (see --max-size)"


@pytest.mark.parametrize("given", ["abc", "0", "-5", "1.5M", "12 parsecs"])
def test_a_bad_max_size_is_a_usage_error(given: str) -> None:
    result = invoke("--max-size", given, str(SEED))
    assert result.exit_code == 2
    assert "--max-size" in result.stderr and result.stdout == ""


def test_the_default_size_limit_is_32_mib() -> None:
    from artparse.cli import parse_size
    from artparse.sources import DEFAULT_MAX_SIZE

    assert parse_size("32M") == DEFAULT_MAX_SIZE == 32 * 1024 * 1024


def test_an_unknown_encoding_is_a_usage_error() -> None:
    for name in ("klingon", "base64"):
        result = invoke("--encoding", name, str(SEED))
        assert result.exit_code == 2
        assert f"unknown text encoding '{name}'" in result.stderr


def test_windows_1256_arabic_is_readable_with_a_warning_and_exact_with_encoding(tmp_path: Path) -> None:
    arabic = "في تطور مهم، انضمت ليبيا والولايات المتحدة إلى جهود مشتركة لتعزيز التعاون الاقتصادي."
    article = tmp_path / "ar.txt"
    article.write_bytes(f"Posted by AI on 2025-11-01\n\u200f{arabic}\n".encode("cp1256"))
    [detected] = records(invoke(str(article)))
    assert detected["body"] == f"\u200f{arabic}"
    assert detected["warnings"] == ["encoding: not valid UTF-8 (byte 27); read as Windows-1256 (detected)"]
    [named] = records(invoke("--encoding", "cp1256", str(article)))
    assert (named["body"], named["warnings"]) == (detected["body"], [])


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"\xff\xfe", b" \t \n"])
def test_empty_and_blank_files_give_a_record_with_a_warning(tmp_path: Path, content: bytes) -> None:
    article = tmp_path / "empty.txt"
    article.write_bytes(content)
    result = invoke(str(article))
    assert result.exit_code == 0
    [record] = records(result)
    assert (record["body"], record["words"]) == ("", 0)
    assert record["warnings"][-1].startswith("no-header: ")


def test_an_empty_directory_is_said_and_fails_only_under_strict(tmp_path: Path) -> None:
    relaxed, strict = invoke(str(tmp_path)), invoke("--strict", str(tmp_path))
    assert (relaxed.exit_code, strict.exit_code) == (0, 1)
    assert relaxed.stderr == (
        f"artparse: no article files found under {tmp_path}\n"
        "artparse: 0 inputs: 0 records (0 with warnings), 0 failed\n"
    )


def test_a_vanished_file_is_a_skip_but_a_failure_under_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    real_open = os.open

    def open_after_delete(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("b.txt"):
            raise FileNotFoundError(2, "No such file or directory")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_after_delete)
    relaxed, strict = invoke(str(tmp_path)), invoke("--strict", str(tmp_path))
    assert (relaxed.exit_code, strict.exit_code) == (0, 1)
    assert f"artparse: {tmp_path}/b.txt: skipped: vanished (deleted after it was listed)" in relaxed.stderr
    assert summary(relaxed).endswith("0 failed, 1 skipped (1 vanished)")


def test_quiet_levels_hide_messages_and_never_change_the_exit_code(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("No header here.\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00")
    missing = str(tmp_path / "missing.txt")
    loud, quiet, quieter = (invoke(*flags, str(tmp_path), missing) for flags in ([], ["-q"], ["-qq"]))
    assert loud.exit_code == quiet.exit_code == quieter.exit_code == 1
    assert loud.stdout == quiet.stdout == quieter.stdout
    assert len(loud.stderr.splitlines()) == 4  # skip, warning, error, summary
    assert quiet.stderr == f"artparse: {missing}: No such file or directory\n"
    assert quieter.stderr == ""


def test_an_internal_error_on_one_file_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artparse import step

    real_parse = step.parse_article

    def parse_or_fail(text: str, *args: object, **options: object) -> object:
        if "BOOM" in text:
            raise RuntimeError("bug triggered")
        return real_parse(text, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(step, "parse_article", parse_or_fail)
    (tmp_path / "a.txt").write_text("BOOM\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert [r["source"] for r in records(result)] == [str(tmp_path / "b.txt")]
    assert (
        f"artparse: {tmp_path}/a.txt: internal error, please report it: RuntimeError: bug triggered"
        in result.stderr
    )


def test_csv_options_are_for_csv_only() -> None:
    for flag in ("--bom", "--csv-raw"):
        result = invoke(flag, "-f", "jsonl", str(SEED))
        assert result.exit_code == 2
        assert f"{flag} is for csv and tsv output only" in result.stderr


def test_csv_neutralises_formulas_unless_raw(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('=HYPERLINK("http://evil","click")\nPosted by @admin on 2025-11-01\nBody\n')
    safe = invoke(str(article), "-f", "csv", "--fields", "title,author")
    raw = invoke(str(article), "-f", "csv", "--fields", "title,author", "--csv-raw", "--bom")
    assert safe.stdout_bytes.splitlines()[1] == b'"\'=HYPERLINK(""http://evil"",""click"")",\'@admin'
    assert raw.stdout_bytes.startswith(b"\xef\xbb\xbftitle,author\r\n")
    assert raw.stdout_bytes.splitlines()[1] == b'"=HYPERLINK(""http://evil"",""click"")",@admin'
    assert records(invoke(str(article)))[0]["title"] == '=HYPERLINK("http://evil","click")'


KINDS = {  # what a file holds, and what it must count as in the summary
    "good": (b"Posted by AI on 2025-11-01\nBody\n", "record"),
    "headerless": (b"Just text.\n", "warned"),
    "cp1252": ("Posted by Zo\u00e9 on 2025-11-01\n".encode("cp1252"), "warned"),
    "binary": (b"\x89PNG\x00\x00", "binary file"),
    "huge": (b"x" * 2000, "failed"),
    "other": (b"{}", "other file name"),
}


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(sorted(KINDS)), max_size=8), st.booleans())
def test_the_summary_always_adds_up(kinds: list[str], nested: bool) -> None:
    counts = Counter(KINDS[kind][1] for kind in kinds)
    with tempfile.TemporaryDirectory() as folder:
        for index, kind in enumerate(kinds):
            name = Path(folder, "sub" if nested and index % 2 else "", f"{index}.{kind}.txt")
            name = name.with_suffix(".json") if kind == "other" else name
            name.parent.mkdir(exist_ok=True)
            name.write_bytes(KINDS[kind][0])
        result = invoke(folder, "--max-size", "1K")
    records_written = counts["record"] + counts["warned"]
    line = (
        f"artparse: {plural(len(kinds), 'input')}: {plural(records_written, 'record')} "
        f"({counts['warned']} with warnings), {counts['failed']} failed"
    )
    skips = [f"{counts[reason]} {reason}" for reason in ("binary file", "other file name") if counts[reason]]
    if skips:
        line += f", {counts['binary file'] + counts['other file name']} skipped ({', '.join(skips)})"
    assert summary(result) == line
    assert len(records(result)) == records_written
    assert result.exit_code == (1 if counts["failed"] else 0)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_on_stdin_give_a_record_or_a_clean_error(data: bytes) -> None:
    result = invoke("--container", "none", "-", input=data)  # containers: see test_containers.py
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if result.exit_code == 0:
        [record] = records(result)
        assert record["source"] == "-"
    else:
        assert result.stderr.startswith("artparse: -: binary file (NUL")


def test_a_byline_with_a_relative_update_resolves_against_now() -> None:
    header = "Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago"
    text = f"Libya talks resume\nBy Jane Smith\n{header}\n\nBody.\n"
    [record] = records(invoke("--now", "2022-10-14T12:00:00-04:00", "-", input=text))
    assert (record["dialect"], record["author"]) == ("byline", "Jane Smith")
    assert (record["published"], record["updated"]) == (
        "2022-10-14T09:27:00-04:00",
        "2022-10-14T11:36:00-04:00",
    )
