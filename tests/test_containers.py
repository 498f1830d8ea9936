"""Containers: detection, the members of mbox, WARC/WET and SGML files, their identity and caps."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from artparse.cli import command
from artparse.containers import KINDS, by_content, by_name, walk_patterns
from artparse.containers.mbox import unescape
from artparse.extract import ParseOptions
from artparse.members import EMPTY, expand_tasks, member_article, named_kind
from artparse.outcomes import ContainerEnd, ContainerStart
from artparse.sources import Input, Problem, ReadOptions
from tests.conftest import CONTAINER_SAMPLES, ROOT, SAMPLES, container_records, run_artparse

MIB = 1 << 20


def outcomes(path: Path, *, max_size: int = MIB, kind: str | None = None) -> list[dict[str, Any] | Problem]:
    """What each member of the container at `path` gives: its record, or its Problem."""
    return outcomes_of(Input(str(path), explicit=True), max_size=max_size, kind=kind)


def outcomes_of(
    item: Input, *, max_size: int = MIB, kind: str | None = None
) -> list[dict[str, Any] | Problem]:
    assert kind or named_kind(item, None), f"{item.path} is not a container by its name"
    found: list[dict[str, Any] | Problem] = []
    reading = ReadOptions(max_size=max_size, container=kind)
    for part, _ in expand_tasks([(item, None)], io.BytesIO(), reading, None):
        if isinstance(part, Input) and part.member is not None:
            found.append(member_article(part.member, ParseOptions(), None).to_dict())
        elif isinstance(part, Problem):
            found.append(part)
        else:
            assert isinstance(part, ContainerStart | ContainerEnd)
    return found


def records(path: Path, **options: Any) -> list[dict[str, Any]]:
    found = outcomes(path, **options)
    problems = [item for item in found if isinstance(item, Problem)]
    assert not problems, problems
    return [item for item in found if not isinstance(item, Problem)]


def envelope(n: int) -> bytes:
    return f"From user{n}@example.org Mon Apr 12 10:{n % 60:02d}:00 1993\n".encode()


def message(n: int, body: bytes = b"Hello.\n") -> bytes:
    head = (
        f"From: User {n} <user{n}@example.org>\nSubject: Message {n}\nDate: Mon, 12 Apr 1993 10:00:00 +0200\n"
    )
    return envelope(n) + head.encode() + b"\n" + body


def wet_record(headers: dict[str, str], body: bytes) -> bytes:
    lines = ["WARC/1.0", *(f"{name}: {value}" for name, value in headers.items())]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def page(n: int, text: bytes = b"Some page text.\n", kind: str = "conversion") -> bytes:
    headers = {
        "WARC-Type": kind,
        "WARC-Target-URI": f"https://example.org/{n}",
        "WARC-Date": "2024-02-20T20:46:25Z",
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
        "Content-Type": "text/plain",
    }
    return wet_record(headers, text)


WARCINFO = wet_record(
    {"WARC-Type": "warcinfo", "Content-Type": "application/warc-fields"}, b"software: x\r\n"
)


# Detection


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("list.mbox", "mbox"),
        ("LIST.MBOX", "mbox"),
        ("list.mbox.gz", "mbox"),
        ("crawl.warc.gz", "warc"),
        ("crawl.warc", "warc"),
        ("CC-MAIN-1.warc.wet.gz", "warc"),
        ("crawl.wet", "warc"),
        ("reut2-000.sgm", "sgml"),
        ("collection.sgml", "sgml"),
        ("article.txt", None),
        ("article.txt.gz", None),
        ("mbox", None),
    ],
)
def test_a_container_is_known_by_its_name(name: str, kind: str | None) -> None:
    assert by_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (message(1) + b"\n" + message(2), "mbox"),
        (b"\n\n" + message(1) + b"\n" + message(2), "mbox"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="NO" NEWID="1">', "sgml"),
        (b"<DOC>\n<DOCNO> FT911-1 </DOCNO>", "sgml"),
        (b'<doc id="12" url="https://en.wikipedia.org/wiki?curid=12" title="Anarchism">', "sgml"),
        (gzip.compress(WARCINFO), "warc"),
        (gzip.compress(message(1) + b"\n" + message(2)), "mbox"),
        (message(1), None),  # one mail with its envelope: the single article it always was
        (b"From here on, the plan changed.\n\nText.", None),
        (b"From: jane@example.org\nSubject: hi\n\nText.", None),
        (b"<!DOCTYPE html>\n<html><body>A page</body></html>", None),
        (b"<DOCUMENT>not a collection</DOCUMENT>", None),
        (b"Posted by AI on 2025-11-01 04:23:00\nText.", None),
        (b"WARC is a format.", None),
        (gzip.compress(b"just text"), None),
        (b"\x1f\x8b broken gzip", None),
    ],
)
def test_a_container_is_known_by_its_content(head: bytes, kind: str | None) -> None:
    assert by_content(head, whole=True) == kind


def test_the_start_of_a_large_file_is_enough_for_an_mbox() -> None:
    assert by_content(message(1), whole=False) == "mbox"


def test_the_walk_reads_every_container_suffix_also_gzipped() -> None:
    patterns = walk_patterns()
    assert {"*.mbox", "*.mbox.gz", "*.wet.gz", "*.warc.gz", "*.sgm", "*.sgml.gz"} <= set(patterns)


def test_forcing_a_kind_or_none_wins_over_the_name() -> None:
    item = Input("list.mbox", explicit=True)
    assert named_kind(item, "none") is None
    assert named_kind(item, "sgml") == "sgml"
    assert named_kind(Input("notes.txt", explicit=True), "mbox") == "mbox"


# mbox


def test_each_message_of_an_mbox_is_a_record_named_by_its_place(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    path.write_bytes(message(1) + b"\n" + message(2) + b"\n" + message(3))
    found = records(path)
    assert [r["source"] for r in found] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [r["title"] for r in found] == ["Message 1", "Message 2", "Message 3"]
    assert {r["dialect"] for r in found} == {"rfc822"}
    assert found[1]["author"] == "User 2"
    assert found[1]["extra"]["envelope"] == envelope(2).decode().strip()
    assert found[0]["body"] == "Hello."


def test_escaped_from_lines_are_undone_in_bodies_and_do_not_split(tmp_path: Path) -> None:
    body = b"Dear all,\n\n>From the minutes:\n>>From a quote.\nFrom the top, unescaped but no envelope.\n"
    path = tmp_path / "list.mbox"
    path.write_bytes(message(1, body) + b"\n" + message(2))
    first, second = records(path)
    assert first["body"] == (
        "Dear all,\n\nFrom the minutes:\n>From a quote.\nFrom the top, unescaped but no envelope."
    )
    assert second["title"] == "Message 2"


def test_unescape_takes_one_quote_off_from_lines_only() -> None:
    assert unescape(b">From a\n>>From b\n> From c\nx >From d\n") == b"From a\n>From b\n> From c\nx >From d\n"


def test_a_from_line_without_a_blank_line_before_it_is_body(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    path.write_bytes(message(1, b"Text.\n" + envelope(9)) + b"\n" + message(2))
    first, second = records(path)
    assert first["body"].endswith(envelope(9).decode().strip())
    assert second["title"] == "Message 2"


def test_a_mime_message_gives_its_decoded_text_part(tmp_path: Path) -> None:
    mime = (
        b"MIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        b"Caf=E9 cr=E8me.\n"
        b"--b\nContent-Type: text/html\n\n<p>Caf&eacute;</p>\n--b--\n"
    )
    lines = message(1).split(b"\n\n", 1)[0] + b"\n" + mime
    path = tmp_path / "list.mbox"
    path.write_bytes(lines + b"\n" + message(2))
    first, _ = records(path)
    assert first["body"] == "Café crème."
    assert first["title"] == "Message 1"
    assert any(w.startswith("mime: the body is the text/plain part") for w in first["warnings"])


def test_a_base64_body_is_decoded(tmp_path: Path) -> None:
    head = message(1).split(b"\n\n", 1)[0]
    mime = b"\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    path = tmp_path / "list.mbox"
    path.write_bytes(head + mime + b"w4lsw6h2ZQo=\n\n" + message(2))
    assert records(path)[0]["body"] == "Élève"


def test_text_before_the_first_envelope_means_it_is_not_an_mbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_bytes(b"Some notes.\n\n" + message(1))
    (problem,) = outcomes(path)
    assert isinstance(problem, Problem) and problem.path == str(path)
    assert "not an mbox" in problem.reason


def test_an_empty_container_is_a_skip_that_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    assert outcomes(path) == [Problem(str(path), EMPTY, skipped=True)]


def test_the_size_cap_is_per_message(tmp_path: Path) -> None:
    big = message(2, b"x" * 5000 + b"\n")
    path = tmp_path / "list.mbox"
    path.write_bytes(message(1) + b"\n" + big + b"\n" + message(3))
    first, second, third = outcomes(path, max_size=4000)
    assert isinstance(second, Problem) and second.path == f"{path}#2" and "too large" in second.reason
    assert not second.skipped
    assert isinstance(first, dict) and isinstance(third, dict)
    assert third["source"] == f"{path}#3"


def test_a_gzipped_mbox_is_read_as_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox.gz"
    path.write_bytes(gzip.compress(message(1) + b"\n" + message(2)))
    assert [r["title"] for r in records(path)] == ["Message 1", "Message 2"]


def test_a_truncated_gzip_keeps_the_members_before_the_break(tmp_path: Path) -> None:
    data = gzip.compress(b"\n".join(message(n, b"Body %d.\n" % n * 200) for n in range(1, 40)))
    path = tmp_path / "list.mbox.gz"
    path.write_bytes(data[: len(data) // 2])
    found = outcomes(path)
    *members, last = found
    assert members and all(isinstance(item, dict) for item in members)
    assert isinstance(last, Problem) and last.path == str(path) and "broken mbox file" in last.reason


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
_BODY_LINE = st.one_of(_TEXT, _TEXT.map(lambda text: "From " + text), _TEXT.map(lambda text: ">From " + text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(st.lists(_BODY_LINE, min_size=1, max_size=6), min_size=1, max_size=25))
def test_an_mbox_of_n_messages_gives_n_records(tmp_path: Path, bodies: list[list[str]]) -> None:
    """Whatever the bodies hold (From lines, quoted From lines, blank lines, any text), a
    writer's mbox of N messages reads back as N records, each with its own body."""
    chunks = []
    for n, lines in enumerate(bodies, start=1):
        escaped = [
            b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in _encoded(lines)
        ]
        chunks.append(message(n, b"\n".join(escaped) + b"\n"))
    path = tmp_path / "generated.mbox"
    path.write_bytes(b"\n".join(chunks))
    found = records(path)
    assert len(found) == len(bodies)
    assert [r["source"] for r in found] == [f"{path}#{n}" for n in range(1, len(bodies) + 1)]
    assert [r["title"] for r in found] == [f"Message {n}" for n in range(1, len(bodies) + 1)]
    for record, lines in zip(found, bodies, strict=True):
        assert record["body"] == _without_blank_edges(lines)


def _encoded(lines: list[str]) -> list[bytes]:
    return [line.encode() for line in lines]


def _without_blank_edges(lines: list[str]) -> str:
    """A body as every record has it: the lines, without blank lines at either end."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


# WARC and WET


def test_each_conversion_record_of_a_wet_file_is_a_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.wet.gz"
    path.write_bytes(b"".join(gzip.compress(record) for record in (WARCINFO, page(1), page(2))))
    first, second = records(path)
    assert [first["source"], second["source"]] == [f"{path}#2", f"{path}#3"]  # #1 is the warcinfo
    assert first["extra"]["WARC-Target-URI"] == "https://example.org/1"
    assert first["extra"]["WARC-Date"] == "2024-02-20T20:46:25Z"
    assert first["extra"]["WARC-Record-ID"] == "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    assert first["body"] == "Some page text."


def test_the_warc_date_is_what_relative_dates_count_from(tmp_path: Path) -> None:
    text = b"Posted by Desk on 2024-02-20 10:00:00 | Last Updated by Desk on 24 minutes ago\nText.\n"
    path = tmp_path / "crawl.wet"
    path.write_bytes(WARCINFO + page(1, text))
    (record,) = records(path)
    assert record["dialect"] == "posted-by"
    assert record["updated"] == "2024-02-20T20:22:25+00:00"


def test_records_that_are_not_text_articles_are_skipped_but_counted(tmp_path: Path) -> None:
    request = wet_record(
        {"WARC-Type": "request", "Content-Type": "application/http"}, b"GET / HTTP/1.1\r\n\r\n"
    )
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"
    text = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain page."
    response = {"WARC-Type": "response", "Content-Type": "application/http; msgtype=response"}
    path = tmp_path / "crawl.warc"
    path.write_bytes(WARCINFO + request + wet_record(response, image) + wet_record(response, text))
    (record,) = records(path)
    assert record["source"] == f"{path}#4"
    assert record["body"] == "Plain page."


def test_a_truncated_wet_record_says_so(tmp_path: Path) -> None:
    data = WARCINFO + page(1) + page(2, b"A long page. " * 50)
    path = tmp_path / "crawl.wet"
    path.write_bytes(data[:-300])
    first, second = records(path)
    assert not any(w.startswith("truncated") for w in first["warnings"])
    assert any(w.startswith("truncated: the WARC record ends after") for w in second["warnings"])


def test_a_broken_warc_file_fails_after_the_records_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "crawl.wet"
    path.write_bytes(WARCINFO + page(1) + b"JUNK BETWEEN RECORDS\r\n\r\n" + page(3))
    *found, problem = outcomes(path)
    assert [r["source"] for r in found if isinstance(r, dict)] == [f"{path}#2"]
    assert isinstance(problem, Problem) and problem.path == str(path) and "broken warc file" in problem.reason


def test_the_size_cap_is_per_wet_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.wet"
    path.write_bytes(WARCINFO + page(1, b"x" * 3000) + page(2))
    big, small = outcomes(path, max_size=2000)
    assert isinstance(big, Problem) and big.path == f"{path}#2" and "too large" in big.reason
    assert isinstance(small, dict) and small["source"] == f"{path}#3"


def test_without_fastwarc_a_warc_file_fails_with_the_install_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails as when it is absent
    path = tmp_path / "crawl.wet"
    path.write_bytes(WARCINFO + page(1))
    (problem,) = outcomes(path)
    assert isinstance(problem, Problem) and not problem.skipped
    assert problem.reason == "reading WARC needs FastWARC (pip install 'artparse[warc]')"
    walked = outcomes_of(Input(str(path), explicit=False))
    assert walked == [Problem(str(path), problem.reason, skipped=True)]


# SGML collections

REUTERS = b"""<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS><D>ico-cocoa</D></ORGS>
<UNKNOWN>&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<AUTHOR>    By Jane Doe, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in the Bahia cocoa zone,
said &lt;Comissaria Smith> &amp; others.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE> 2-MAR-1987 10:00:00.00</DATE>
<TOPICS></TOPICS>
<TEXT TYPE="UNPROC">&#2;
An unprocessed story
on two lines.
&#3;</TEXT>
</REUTERS>
"""


def test_each_reuters_element_is_a_record_with_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "reut2-000.sgm"
    path.write_bytes(REUTERS)
    first, second = records(path)
    assert first["source"] == f"{path}#1" and first["dialect"] == "sgml"
    assert first["title"] == "BAHIA COCOA REVIEW"
    assert first["author"] == "Jane Doe, Reuters"
    assert first["published_raw"] == "26-FEB-1987 15:01:01.79"
    assert first["published"] == "1987-02-26T15:01:01.790000"
    assert first["tags"] == ["cocoa", "el-salvador", "usa"]
    assert first["extra"]["DATELINE"] == "SALVADOR, Feb 26"
    assert first["extra"]["ORGS"] == ["ico-cocoa"]
    assert first["extra"]["attributes"]["NEWID"] == "1"
    assert "PEOPLE" not in first["extra"]
    assert (
        first["body"]
        == "Showers continued in the Bahia cocoa zone,\nsaid <Comissaria Smith> & others.\n Reuter"
    )
    assert second["title"] is None and second["body"] == "An unprocessed story\non two lines."
    assert second["published"] == "1987-03-02T10:00:00"


def test_trec_documents_are_records_too(tmp_path: Path) -> None:
    path = tmp_path / "ft911.sgml"
    path.write_bytes(
        b"<DOC>\n<DOCNO>FT911-1</DOCNO>\n<DATE>910514</DATE>\n<HEADLINE>FT 14 MAY 91 / Markets</HEADLINE>\n"
        b"<BYLINE>By PETER MARSH</BYLINE>\n"
        b"<TEXT>\n<P>First paragraph.</P>\n<P>Second &amp; last.</P>\n</TEXT>\n</DOC>\n"
    )
    (record,) = records(path)
    assert record["title"] == "FT 14 MAY 91 / Markets"
    assert record["author"] == "PETER MARSH"
    assert record["extra"]["DOCNO"] == "FT911-1"
    assert record["body"] == "First paragraph.\nSecond & last."


def test_an_sgml_element_cut_short_by_the_end_of_the_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "cut.sgm"
    path.write_bytes(REUTERS + b'<REUTERS NEWID="3"><TEXT><TITLE>CUT SHORT</TITLE><BODY>Half a')
    *_, last = records(path)
    assert last["source"] == f"{path}#3" and last["title"] == "CUT SHORT"
    assert "truncated: the file ends before the closing </REUTERS>" in last["warnings"]


def test_the_size_cap_is_per_sgml_element_even_across_chunks(tmp_path: Path) -> None:
    big = b'<REUTERS NEWID="9"><TEXT><BODY>' + b"word " * 600_000 + b"</BODY></TEXT></REUTERS>\n"
    path = tmp_path / "big.sgm"
    path.write_bytes(REUTERS + big + REUTERS.split(b"\n", 1)[1])
    found = outcomes(path, max_size=MIB)
    assert len(found) == 5
    assert isinstance(found[2], Problem) and found[2].path == f"{path}#3" and "too large" in found[2].reason
    assert [r["title"] for r in found if isinstance(r, dict)][2] == "BAHIA COCOA REVIEW"


# Through the command line: goldens, identity in every output, -j, walks, --container


def invoke(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(command, list(args), input=input, catch_exceptions=False)


def cli_records(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("container", CONTAINER_SAMPLES, ids=[path.name for path in CONTAINER_SAMPLES])
def test_sample_container_gives_its_golden_records(container: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = invoke("-q", "-f", "jsonl", container.relative_to(ROOT).as_posix())
    assert result.exit_code == 0
    assert cli_records(result) == container_records(container)


def test_every_container_kind_has_a_sample() -> None:
    kinds = {named_kind(Input(str(path), explicit=True), None) for path in CONTAINER_SAMPLES}
    assert kinds == set(KINDS)
    assert any(path.name.endswith(".wet.gz") for path in CONTAINER_SAMPLES)


def test_the_identity_is_the_same_in_json_lines_csv_and_the_database(tmp_path: Path) -> None:
    folder = str(SAMPLES / "containers")
    jsonl = [r["source"] for r in cli_records(invoke("-q", "-f", "jsonl", folder))]
    table = list(csv.DictReader(io.StringIO(invoke("-q", "-f", "csv", folder).stdout, newline="")))
    database = tmp_path / "a.db"
    assert invoke("-q", folder, "-o", str(database)).exit_code == 0
    with sqlite3.connect(database) as connection:
        stored = [source for (source,) in connection.execute("SELECT source FROM articles ORDER BY source")]
    assert [row["source"] for row in table] == jsonl
    assert stored == sorted(jsonl)
    assert len(set(jsonl)) == len(jsonl) == sum(len(container_records(path)) for path in CONTAINER_SAMPLES)
    assert all(re.fullmatch(r".+#\d+", source) for source in jsonl)


def test_the_same_container_gives_the_same_records_on_every_run() -> None:
    folder = str(SAMPLES / "containers")
    assert invoke("-q", folder).stdout == invoke("-q", folder).stdout


def test_a_large_container_is_spread_over_workers_with_the_same_output(tmp_path: Path) -> None:
    path = tmp_path / "crawl.wet.gz"
    pages = b"".join(
        gzip.compress(page(n, b"Posted by Desk on 2024-02-20\nPage %d.\n" % n)) for n in range(500)
    )
    path.write_bytes(gzip.compress(WARCINFO) + pages)
    one = run_artparse("-j", "1", str(path))
    two = run_artparse("-j", "2", str(path))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stderr == two.stderr
    sources = [json.loads(line)["source"] for line in two.stdout.splitlines()]
    assert sources == [f"{path}#{n}" for n in range(2, 502)]


def test_a_walk_reads_container_names_and_none_leaves_them_out(tmp_path: Path) -> None:
    (tmp_path / "list.mbox").write_bytes(message(1) + b"\n" + message(2))
    (tmp_path / "stories.sgm").write_bytes(REUTERS)
    (tmp_path / "note.txt").write_text("Just a note.\n", encoding="utf-8")
    walked = [Path(r["source"]).name for r in cli_records(invoke("-q", str(tmp_path)))]
    assert walked == ["list.mbox#1", "list.mbox#2", "note.txt", "stories.sgm#1", "stories.sgm#2"]
    plain = [Path(r["source"]).name for r in cli_records(invoke("-q", "--container", "none", str(tmp_path)))]
    assert plain == ["note.txt"]


def test_container_none_reads_a_named_container_as_one_article(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    path.write_bytes(message(1) + b"\n" + message(2))
    (record,) = cli_records(invoke("-q", "--container", "none", str(path)))
    assert record["source"] == str(path) and record["title"] == "Message 1"
    assert "Message 2" in record["body"]


def test_a_forced_container_reads_a_file_of_any_name(tmp_path: Path) -> None:
    path = tmp_path / "2023-January.txt"  # a mailing-list archive as pipermail names it
    path.write_bytes(message(1) + b"\n" + message(2))
    sources = [r["source"] for r in cli_records(invoke("-q", "--container", "mbox", str(path)))]
    assert sources == [f"{path}#1", f"{path}#2"]


def test_a_container_found_by_its_content_is_read_as_one(tmp_path: Path) -> None:
    path = tmp_path / "2023-January.txt"
    path.write_bytes(message(1) + b"\n" + message(2))
    assert [r["source"] for r in cli_records(invoke("-q", str(path)))] == [f"{path}#1", f"{path}#2"]
    single = tmp_path / "one-mail.txt"
    single.write_bytes(message(1))
    assert [r["source"] for r in cli_records(invoke("-q", str(single)))] == [str(single)]


def test_a_container_on_standard_input_is_named_by_dash(tmp_path: Path) -> None:
    result = invoke("-q", "-", input=message(1) + b"\n" + message(2))
    assert [r["source"] for r in cli_records(result)] == ["-#1", "-#2"]


def test_failures_inside_a_container_are_one_line_each_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "list.mbox"
    big = message(2, b"x" * 3000 + b"\n")
    path.write_bytes(message(1) + b"\n" + big + b"\n" + message(3))
    result = invoke("--max-size", "2K", str(path))
    assert result.exit_code == 1
    assert [r["source"] for r in cli_records(result)] == [f"{path}#1", f"{path}#3"]
    assert f"artparse: {path}#2: too large: 3.1 KiB ({len(big):,} bytes), the limit is 2 KiB" in result.stderr
    assert result.stderr.splitlines()[-1] == "artparse: 3 inputs: 2 records (0 with warnings), 1 failed"


def test_prune_keeps_the_records_of_a_container_and_drops_those_of_a_vanished_one(tmp_path: Path) -> None:
    corpus, database = tmp_path / "corpus", tmp_path / "a.db"
    corpus.mkdir()
    (corpus / "kept.mbox").write_bytes(message(1) + b"\n" + message(2))
    (corpus / "gone.mbox").write_bytes(message(3) + b"\n" + message(4))
    assert invoke("-q", str(corpus), "-o", str(database)).exit_code == 0
    (corpus / "gone.mbox").unlink()
    result = invoke(str(corpus), "-o", str(database), "--prune")
    assert "pruned 2 records of vanished files" in result.stderr
    with sqlite3.connect(database) as connection:
        stored = [
            Path(source).name for (source,) in connection.execute("SELECT source FROM articles ORDER BY 1")
        ]
    assert stored == ["kept.mbox#1", "kept.mbox#2"]


_CONTAINER_STARTS = st.sampled_from([b"", b"WARC/1.0\r\n", envelope(1), b"<REUTERS>", b"<DOC>", b"\x1f\x8b"])


@settings(max_examples=150, deadline=None)
@given(start=_CONTAINER_STARTS, data=st.binary(max_size=400), kind=st.sampled_from([None, *KINDS]))
def test_any_bytes_read_as_a_container_give_records_or_clean_lines(
    start: bytes, data: bytes, kind: str | None
) -> None:
    result = invoke(*(["--container", kind] if kind else []), "-", input=start + data)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert all(re.fullmatch(r"-(#\d+)?", str(r["source"])) for r in cli_records(result))
    assert all(line.startswith("artparse: -") for line in result.stderr.splitlines()[:-1])


def test_an_html_page_gives_the_text_a_browser_shows() -> None:
    from artparse.containers.html_text import html_text

    page_markup = (
        "<html><head><title>Window title</title><style>p { }</style><script>var a = '<p>x</p>';</script>"
        "</head><body><h1>Headline</h1><p>By Jane   Doe</p><p>One &amp; two<br>three</p>"
        "<ul><li>a</li><li>b</li></ul><pre>  kept  as is</pre></body></html>"
    )
    assert html_text(page_markup) == "Headline\n\nBy Jane Doe\n\nOne & two\nthree\n\na\nb\n\nkept  as is"


def test_an_html_response_is_read_as_its_text(tmp_path: Path) -> None:
    markup = b"<html><body><h1>Harbour reopens</h1><p>By Samira Haddad</p><p>Text.</p></body></html>"
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + markup
    response = {"WARC-Type": "response", "Content-Type": "application/http; msgtype=response"}
    path = tmp_path / "crawl.warc"
    path.write_bytes(WARCINFO + wet_record(response, payload))
    (record,) = records(path)
    assert (record["dialect"], record["title"], record["author"]) == (
        "byline",
        "Harbour reopens",
        "Samira Haddad",
    )
    assert record["body"] == "Text."


def _stored(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [Path(s).name for (s,) in connection.execute("SELECT source FROM articles ORDER BY source")]


@pytest.mark.parametrize("name", ["list.mbox", "2023-January.txt"], ids=["by-name", "by-content"])
def test_incremental_runs_stamp_the_container_file(tmp_path: Path, name: str) -> None:
    corpus, database = tmp_path / "corpus", tmp_path / "a.db"
    corpus.mkdir()
    path = corpus / name
    path.write_bytes(b"\n".join(message(n) for n in range(1, 5)))
    first = invoke(str(corpus), "-o", str(database), "--incremental")
    assert first.stderr.splitlines()[-1] == "artparse: 4 inputs: 4 records (0 with warnings), 0 failed"
    again = invoke(str(corpus), "-o", str(database), "--incremental")
    assert again.stderr.splitlines()[-1].endswith("1 skipped (1 unchanged)")
    path.write_bytes(b"\n".join(message(n) for n in range(1, 3)))  # two messages fewer
    shrunk = invoke(str(corpus), "-o", str(database), "--incremental")
    assert shrunk.stderr.splitlines()[-1] == "artparse: 2 inputs: 2 records (0 with warnings), 0 failed"
    assert _stored(database) == [f"{name}#1", f"{name}#2"]
    assert invoke(str(corpus), "-o", str(database), "--incremental").stderr.endswith("(1 unchanged)\n")


def test_a_container_that_breaks_off_keeps_its_earlier_records_and_no_stamp(tmp_path: Path) -> None:
    corpus, database = tmp_path / "corpus", tmp_path / "a.db"
    corpus.mkdir()
    path = corpus / "list.mbox.gz"
    whole = gzip.compress(b"\n".join(message(n, b"Body %d.\n" % n * 300) for n in range(1, 30)))
    path.write_bytes(whole)
    assert invoke("-q", str(corpus), "-o", str(database), "--incremental").exit_code == 0
    path.write_bytes(whole[: len(whole) // 2])
    broken = invoke("-q", str(corpus), "-o", str(database), "--incremental")
    assert broken.exit_code == 1
    assert len(_stored(database)) == 29  # the records after the break are those of the last run
    assert invoke("-q", str(corpus), "-o", str(database), "--incremental").exit_code == 1  # read again


def test_a_panic_in_fastwarc_is_that_files_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fastwarc.warc

    panic = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})

    def panicking(*args: object, **kwargs: object) -> Any:
        raise panic("called `Result::unwrap()` on an `Err` value")

    monkeypatch.setattr(fastwarc.warc, "ArchiveIterator", panicking)
    path = tmp_path / "crawl.wet"
    path.write_bytes(WARCINFO + page(1))
    (problem,) = outcomes(path)
    assert isinstance(problem, Problem) and problem.path == str(path)
    assert problem.reason.startswith("broken warc file at its start (FastWARC failed: called")


def test_sgml_markup_that_breaks_keeps_what_was_read_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "odd.sgm"
    path.write_bytes(
        b"<REUTERS><TEXT><TITLE>ODD</TITLE><BODY>Read so far <![\x01 and not this</BODY></TEXT></REUTERS>"
    )
    (record,) = records(path)
    assert (record["title"], record["body"]) == ("ODD", "Read so far ")
    assert any(
        w.startswith("malformed-markup: the element was read up to where it breaks")
        for w in record["warnings"]
    )
