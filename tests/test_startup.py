"""What a plain one-file run imports: only what it needs (its time is measured in benchmarks/run.py).

Python's import profiler (PYTHONPROFILEIMPORTTIME) names every module the console script loads,
on the way to the record and after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED, run_artparse

HEAVY = (
    # optional work: only when a file, a format or an option needs it
    "charset_normalizer",  # a file that is not UTF-8
    "csv",  # -f csv, -f tsv
    "dataclasses",  # dataclasses.fields() of a record; orjson imports it
    "dateutil",  # a date the fast paths do not read
    "email",  # MIME encoded words in a mail header
    "fnmatch",  # --glob
    "gzip",  # .gz inputs and outputs
    "hashlib",  # the stamps of a database run
    "importlib.metadata",  # --version, a database's version
    "json",  # indented JSON, --schema, JSON front matter (the C encoder writes JSON Lines)
    "locale",  # gettext's first look-up (click's error messages and the help options of its own)
    "orjson",  # from a process's second record on
    "rich",  # pretty output on a terminal, the progress bar, the report
    "sqlite3",  # a database
    "tempfile",  # -o FILE, written atomically
    "tomllib",  # TOML front matter, --rules
    "unicodedata",  # the language tables
    "yaml",  # YAML front matter
    "zoneinfo",  # --tz, zone names in dates
    "signal",  # its IntEnums: artparse.signals has the same functions from _signal
    # processes and networks: not for one file
    "concurrent",
    "multiprocessing",
    "socket",
    "fsspec",
    "dask",
    "distributed",
    "pyarrow",
    # artparse's own modules off the one-file path
    "artparse.arrow",
    "artparse.cluster",
    "artparse.completion",
    "artparse.containers.html_text",
    "artparse.containers.mbox",
    "artparse.containers.reading",
    "artparse.containers.sgml",
    "artparse.containers.warc",
    "artparse.dask",
    "artparse.database",
    "artparse.dialects.byline",
    "artparse.dialects.page",
    "artparse.dialects.rfc822",
    "artparse.dialects.vocabulary",
    "artparse.extras",
    "artparse.languages",
    "artparse.parquet",
    "artparse.pool",
    "artparse.relative",
    "artparse.remote",
    "artparse.report",
    "artparse.rules",
    "artparse.shared_terminal",  # records on a terminal
    "artparse.stamps",
)


def imported_by_a_run(path: Path, *args: str) -> set[str]:
    """The modules a run of `artparse PATH` imports (stdout a pipe: JSON Lines), checking that
    the run gave the record."""
    result = run_artparse(str(path), *args, env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["source"] == str(path)
    profile = result.stderr.decode().splitlines()
    modules = {line.rsplit("|", 1)[1].strip() for line in profile if line.startswith("import time:")}
    assert "artparse.cli" in modules, profile[-3:]
    return modules


def heavy(modules: set[str]) -> list[str]:
    """The HEAVY modules and packages among `modules`."""
    return sorted(name for name in modules if any(name == h or name.startswith(f"{h}.") for h in HEAVY))


def test_a_plain_one_file_run_imports_no_module_it_does_not_need() -> None:
    assert heavy(imported_by_a_run(SEED)) == []


def test_the_second_record_of_a_run_loads_orjson(tmp_path: Path) -> None:
    """orjson is left out of a one-record run only: from the second record on it writes them."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    result = run_artparse(str(tmp_path), "-j", "1", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert "| orjson\n" in result.stderr.decode()


def test_a_month_name_date_loads_english_alone(tmp_path: Path) -> None:
    """The month-name fast path (no dateutil) reads the English record, not every language's."""
    article = tmp_path / "news.txt"
    article.write_text(
        "Posted by Staff on May 18, 2022 11:03 AM | Last Updated by Staff on Jun 16, 2022 01:27 AM\n"
        "Share: Whatsapp | Linkedin Visits: 95,558\nThe body.\n",
        encoding="utf-8",
    )
    modules = imported_by_a_run(article)
    assert "artparse.languages.en" in modules
    others = sorted(name for name in modules if name.startswith("artparse.languages.") and name[-3] == ".")
    assert others == ["artparse.languages.en"]
    assert "dateutil" not in modules and "artparse.languages.tables" not in modules
    assert "artparse.languages.spelling" not in modules and "unicodedata" not in modules  # clean dates


def test_the_profile_sees_a_module_that_a_file_needs(tmp_path: Path) -> None:
    """The probe can fail: front matter only the YAML loader reads (a flow list) and a date only
    dateutil reads bring their modules in."""
    article = tmp_path / "note.md"
    text = "---\ntitle: A note\ntags: [a, b]\ndate: 4th of March, 2021\n---\nThe body.\n"
    article.write_text(text, encoding="utf-8")
    found = heavy(imported_by_a_run(article))
    assert "yaml" in found and "dateutil" in found


PROBE = """
import json, sys
from artparse import parse_text
from artparse import dates
from artparse.dialects import posted_by
parse_text(sys.stdin.read())
getters = {**vars(dates), **{"posted_by." + k: v for k, v in vars(posted_by).items()}}
sizes = {name: got.cache_info().currsize for name, got in getters.items() if hasattr(got, "cache_info")}
print(json.dumps(sizes))
"""


def compiled_by_parsing(text: str) -> dict[str, int]:
    """Which patterns compiled on first use (patterns.on_first_use) one parse of `text` compiled."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], input=text, capture_output=True, text=True, check=True
    )
    compiled: dict[str, int] = json.loads(result.stdout)
    return compiled


def test_a_parse_compiles_only_the_patterns_its_text_needs() -> None:
    month_names = compiled_by_parsing(
        "Posted by Staff on May 18, 2022 11:03 AM | Last Updated by Staff on Jun 16, 2022 01:27 AM\n"
        "Share: Whatsapp | Linkedin Visits: 95,558\nThe body.\n"
    )
    assert month_names["_named_month"] == 0  # the usual month-name shapes: str methods
    assert month_names["_iso_like"] == month_names["_year_month"] == 0
    assert month_names["_spaces"] == month_names["_offset_comment"] == 0  # clean date text
    for name in (
        "_posted",
        "_share",
        "_share_inside",
        "_field",
        "_segment_break",
        "_channel_break",
        "_last_on",
    ):
        assert month_names[f"posted_by.{name}"] == 0, name  # ASCII header lines: str methods
    weekday = compiled_by_parsing("Posted by AI on Mon, 5 Apr 1993\nThe body.\n")
    assert weekday["_named_month"] == 1  # the probe can see a pattern compiled
    iso = compiled_by_parsing("Posted by AI on 2025-11-01 04:23:00\nThe body.\n")
    assert iso["_iso_like"] == iso["_named_month"] == iso["_year_month"] == 0  # told by its shape


def test_a_one_file_run_of_the_other_dialects_loads_neither_dataclasses_nor_yaml(tmp_path: Path) -> None:
    """A byline, flat YAML front matter, a mail header and a page (the vocabulary, the relative
    dates and the page mode are loaded): their classes are named tuples and plain classes, and
    flat front matter is read without the loader."""
    texts = {
        "byline.txt": "Libya and US sign drug pact\nBy Jane Smith\n"
        "Published: March 05, 2021 04:23 PM EST | Updated: 3 hours ago\n\nThe body of it.\n",
        "front.md": "---\ntitle: A note\ndate: 2021-03-04\ndraft: false\nweight: 3\n---\nThe body.\n",
        "mail.txt": "From: jdoe@example.edu (John Doe)\nSubject: Re: tabs\n"
        "Date: Mon, 05 Apr 1993 14:02:11 GMT\nNewsgroups: comp.lang.python\n\nThe body.\n",
        "page.txt": "Home\nWorld\nSport\n\nMinister resigns over the port deal\n\nSara Ali\n4 March 2021\n\n"
        "The minister of transport resigned on Tuesday after a week of protests in the capital.\n"
        "The government said so in a statement read on state television that evening, and more.\n",
    }
    loaded: set[str] = set()
    for name, text in texts.items():
        article = tmp_path / name
        article.write_text(text, encoding="utf-8")
        modules = imported_by_a_run(article)
        assert "dataclasses" not in modules and "yaml" not in modules, (name, heavy(modules))
        loaded |= modules
    for module in ("vocabulary", "byline", "rfc822", "front_matter", "page", "page.candidates"):
        assert f"artparse.dialects.{module}" in loaded, module
    assert "artparse.relative" in loaded
