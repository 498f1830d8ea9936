"""The real corpora in ../shared/corpora (about 3,200 files): every file gives a record, the right
dialect for at least 99% of each corpus, and a published date for at least 99% of the files whose
header or file name carries one. Which files carry a date is decided here from the raw text, not by
artparse."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from artparse import parse_text
from artparse.sources import decode
from tests.conftest import ROOT

EXPECTED_DIALECT = {
    "jekyll_posts": "front-matter",
    "nodejs_blog": "front-matter",
    "python_peps": "rfc822",
    "rust_blog_toml": "front-matter",
    "rust_blog_yaml": "front-matter",
}
SHARE = 0.99

_DATE_LINE = re.compile(r'(?:date\s*[:=]\s*\S|Created:\s*\S|path\s*=\s*"(?:[^"]*/)?\d{4}/\d\d/\d\d/)')
_DATED_NAME = re.compile(r"\d{4}-\d\d-\d\d-")


def _corpora() -> Path | None:
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        if (shared / "corpora").is_dir():
            return shared / "corpora"
    return None


CORPORA = _corpora()
pytestmark = pytest.mark.skipif(
    CORPORA is None, reason="the real corpora are not here: no ../shared/corpora beside the repository"
)


@dataclass(frozen=True)
class Outcome:
    path: str
    carries_date: bool
    dialect: str | None
    title: str | None
    author: str | None
    published: str | None
    extra_path: object


def _header_lines(text: str) -> list[str]:
    """The front matter block (between the first two delimiter lines) or the lines before a blank one."""
    lines = text.split("\n")
    if lines[0] in ("---", "+++"):
        end = lines.index(lines[0], 1) if lines[0] in lines[1:] else 1
        return [line for line in lines[1:end] if not line.startswith((" ", "\t"))]
    return lines[: lines.index("")] if "" in lines else lines


def _carries_date(path: Path, text: str) -> bool:
    return bool(_DATED_NAME.match(path.name)) or any(_DATE_LINE.match(line) for line in _header_lines(text))


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[Outcome]]:
    assert CORPORA is not None
    found: dict[str, list[Outcome]] = {}
    for corpus in EXPECTED_DIALECT:
        folder = CORPORA / corpus
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "README.txt")
        found[corpus] = [_outcome(path, folder) for path in files]
    return found


def _outcome(path: Path, folder: Path) -> Outcome:
    text = decode(path.read_bytes())
    source = path.relative_to(folder).as_posix()
    record = parse_text(text, source=source)
    json.dumps(record.extra, allow_nan=False)  # the record must stay JSON, whatever the header held
    return Outcome(
        source,
        _carries_date(path, text),
        record.dialect,
        record.title,
        record.author,
        record.published,
        record.extra.get("path"),
    )


@pytest.mark.parametrize("corpus", list(EXPECTED_DIALECT))
def test_each_corpus_is_read_in_its_dialect_with_its_dates(
    corpus: str, outcomes: dict[str, list[Outcome]]
) -> None:
    records = outcomes[corpus]
    assert len(records) > 100, "a corpus folder is missing files"
    wrong_dialect = [r.path for r in records if r.dialect != EXPECTED_DIALECT[corpus]]
    dated = [r for r in records if r.carries_date]
    undated = [r.path for r in dated if r.published is None]
    assert len(wrong_dialect) <= (1 - SHARE) * len(records), wrong_dialect[:5]
    assert len(undated) <= (1 - SHARE) * len(dated), undated[:5]


def test_the_rust_blog_gives_the_same_records_from_yaml_and_from_toml(
    outcomes: dict[str, list[Outcome]],
) -> None:
    """The 584 posts of the YAML era, date in the file name, are in the TOML era with a dated path."""
    toml_by_path = {r.extra_path: r for r in outcomes["rust_blog_toml"]}
    pairs = 0
    for yaml_post in outcomes["rust_blog_yaml"]:
        found = re.fullmatch(r"posts/(inside-rust/)?(\d{4})-(\d\d)-(\d\d)-(.+)\.md", yaml_post.path)
        assert found, yaml_post.path
        toml_post = toml_by_path[f"{found[1] or ''}{found[2]}/{found[3]}/{found[4]}/{found[5]}"]
        assert (yaml_post.title, yaml_post.author, yaml_post.published) == (
            toml_post.title,
            toml_post.author,
            toml_post.published,
        )
        pairs += 1
    assert pairs == len(outcomes["rust_blog_yaml"])
