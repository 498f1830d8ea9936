"""Golden samples: every samples/NAME.txt gives exactly the record in samples/NAME.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artparse import parse_text
from artparse.sources import decode
from tests.conftest import ROOT, SAMPLES

CASES = sorted(SAMPLES.glob("*.txt"))


def test_there_are_samples() -> None:
    assert len(CASES) >= 13


@pytest.mark.parametrize("sample", CASES, ids=[case.stem for case in CASES])
def test_sample_gives_its_golden_record(sample: Path) -> None:
    expected_file = sample.with_suffix(".json")
    if not expected_file.exists():
        pytest.fail(f"{expected_file.name} is missing: every sample needs its expected record")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    source = sample.relative_to(ROOT).as_posix()
    text = decode(sample.read_bytes())
    assert parse_text(text, source=source).to_dict() == expected
