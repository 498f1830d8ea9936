"""What crosses between the main process and the workers: chunks of walked files as their paths,
runs of plain records as one Records, and what the main process makes of them is what it made of
each input and each record."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from artparse import pool
from artparse.formats import FORMATS, RECORDS
from artparse.outcomes import Outcome, Problem, Records, Rendered, Unchanged
from artparse.record import FIELDS
from artparse.sinks import TextRender
from artparse.sources import Input, iter_inputs
from artparse.stamps import FileStamp
from artparse.tally import Tally
from artparse.writers import make_writer
from tests.conftest import SAMPLE_TEXTS

JOINED = [
    entry.name for entry in FORMATS if entry.kind == RECORDS and TextRender(entry.name).joiner() is not None
]
"""The records formats whose runs of plain records a worker sends joined."""


def _rendered(fmt: str, count: int) -> list[str]:
    from artparse.extract import parse_text

    render = TextRender(fmt).build()
    texts = [render(parse_text(path.read_text(), source=path.name)) for path in SAMPLE_TEXTS[:count]]
    return [text for text in texts if isinstance(text, str)]


def test_every_records_format_but_pretty_joins() -> None:
    assert {"jsonl", "json", "csv", "tsv"} <= set(JOINED)
    assert TextRender("pretty").joiner() is None


@pytest.mark.parametrize("fmt", JOINED)
@pytest.mark.parametrize("count", [0, 1, 2, 5])
@pytest.mark.parametrize("split", [0, 1, 3])
def test_joined_records_write_what_each_record_writes(fmt: str, count: int, split: int) -> None:
    texts = _rendered(fmt, count)
    assert len(texts) == count
    one_by_one, joined = io.StringIO(), io.StringIO()
    writer = make_writer(fmt, one_by_one, FIELDS)
    for text in texts:
        writer.write_rendered(text)
    writer.close()
    writer = make_writer(fmt, joined, FIELDS)
    join = TextRender(fmt).joiner()
    assert join is not None
    for run in (texts[:split], texts[split:]):  # two runs in a row, as two parts would bring them
        if run:
            joined_text = join([Rendered(None, (), text) for text in run])
            assert isinstance(joined_text, str)
            writer.write_rendered(joined_text)
    writer.close()
    assert joined.getvalue() == one_by_one.getvalue()


def _plain(source: str) -> Rendered:
    return Rendered(source, (), f"{source}\n")


def _concatenated(run: list[Rendered]) -> str:
    return "".join(str(outcome.payload) for outcome in run)


def test_runs_of_plain_records_cross_as_one_records_and_the_rest_as_they_are() -> None:
    warned = Rendered("w.txt", ("date: odd",), "w.txt\n")
    stamped = Rendered("s.txt", (), "s.txt\n", FileStamp(1, 2, "ab", "key"))
    failed = Problem("bad.txt", "not valid UTF-8")
    part: list[Outcome] = [_plain("a"), _plain("b"), warned, failed, _plain("c"), stamped, _plain("d")]
    joined = pool._joined(part, _concatenated)
    kinds = [type(outcome).__name__ for outcome in joined]
    assert kinds == ["Records", "Rendered", "Problem", "Records"]
    records = [outcome for outcome in joined if isinstance(outcome, Records)]
    assert [(run.count, run.payload) for run in records] == [(2, "a\nb\n"), (3, "c\ns.txt\nd\n")]
    assert joined[1] is warned and joined[2] is failed
    assert pool._joined(part, None) is part


def test_the_tally_counts_a_records_as_its_records() -> None:
    one_by_one, joined = Tally(), Tally()
    part: list[Outcome] = [_plain("a"), _plain("b"), Rendered("w", ("x: y",), "w\n"), _plain("c")]
    for outcome in part:
        one_by_one.count(outcome)
    for outcome in pool._joined(part, _concatenated):
        joined.count(outcome)
    assert joined.summary(strict=True) == one_by_one.summary(strict=True)
    assert (joined.records, joined.with_warnings) == (4, 1)


def test_a_records_pickles_whole() -> None:
    import pickle

    run = pickle.loads(pickle.dumps(Records(3, "x\ny\nz\n")))
    assert (run.count, run.payload) == (3, "x\ny\nz\n")


def test_walked_files_cross_as_their_paths_and_come_back_as_the_same_inputs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Title\n\nBody\n")
    walked = [(item, None) for item in iter_inputs([str(tmp_path)]) if isinstance(item, Input)]
    linked = [(Input(item.path, False, True), None) for item, _ in walked]
    for tasks in (walked, linked):
        packed = pool._packed(tasks)
        assert isinstance(packed, tuple)  # paths alone
        back = pool._unpacked(packed)
        assert back == tasks
        assert all(type(item) is Input for item, _ in back)


@pytest.mark.parametrize(
    "odd",
    [
        (Input("named.txt", True), None),
        (Input("linked.txt", False, True), None),
        (Input("walked.txt", False, False), FileStamp(1, 2, "ab", "key")),
        (Problem("gone.txt", "vanished", skipped=True), None),
        (Unchanged("same.txt"), None),
    ],
)
def test_any_other_chunk_crosses_as_it_is(odd: pool.Task) -> None:
    tasks: list[pool.Task] = [(Input("walked.txt", False, False), None), odd]
    assert pool._packed(tasks) is tasks
    assert pool._unpacked(tasks) is tasks


_FAULTS = """
import resource, sys
from artparse import pool
if sys.argv[1] == "kept":
    pool.keep_large_buffers()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for n in range(100):
    parts = [bytes(1 << 20) for _ in range(4)]  # parts of results in flight, then written
    del parts
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_kept_buffers_take_no_fresh_pages_for_each_part() -> None:
    def faults(how: str) -> int:
        command = [sys.executable, "-c", _FAULTS, how]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return int(done.stdout)

    fresh, kept = faults("fresh"), faults("kept")
    assert fresh > 4_000  # pages handed back and faulted in again, round after round
    assert kept * 4 < fresh
