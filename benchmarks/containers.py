"""Containers: articles per second from one WET-like file, against reading it with FastWARC alone.

    .venv/bin/python benchmarks/containers.py                       # 10,000 records, 5 rounds
    .venv/bin/python benchmarks/containers.py --records 500 --repeat 1

The file is gzipped record by record, as Common Crawl writes WET files: a warcinfo record, then
one `conversion` record per page (a third with a posted-by header, a third with front matter, a
third plain text, 100 to 600 words each). The floor is a script that reads every record with
FastWARC and takes its URI, date and text, which is the least any WET reader does; artparse reads
the same records and writes every record as JSON Lines, with one process and with all of them.
Peak memory (the process and its workers) is shown at two file sizes: it stays flat in the size
of the container. Contenders run in interleaved rounds; each figure is the median of its rounds.
The processor time (CPU s, all processes of a run) stays meaningful on a machine others share.
"""

from __future__ import annotations

import argparse
import gzip
import random
import resource
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import peak_rss_kib, rounds, timed

FLOOR = """
import sys
from fastwarc.warc import ArchiveIterator, WarcRecordType
count = 0
with open(sys.argv[1], "rb") as stream:
    for record in ArchiveIterator(stream, record_types=WarcRecordType.conversion, parse_http=False):
        uri, date = record.headers.get("WARC-Target-URI"), record.headers.get("WARC-Date")
        text = record.reader.read().decode("utf-8")
        count += 1
print(count)
"""

WORDS = (
    *("the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "at"),
    *("from", "market", "port", "city", "council", "said"),
)
HEADERS = (
    "Posted by Desk {n} on 2024-02-{day:02d} 09:{minute:02d}:00 | Last Updated by Desk on 2 hours ago\n"
    "Share: Facebook | Twitter Visits: {n}\n",
    "---\ntitle: Page {n}\nauthor: Writer {n}\ndate: 2024-02-{day:02d}\ntags: [news]\n---\n",
    "",
)


def warc_record(headers: list[tuple[str, str]], body: bytes) -> bytes:
    lines = ["WARC/1.0", *(f"{name}: {value}" for name, value in headers), f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def write_wet(path: Path, records: int, seed: int = 14) -> None:
    """A WET-like file of `records` conversion records after a warcinfo record, gzipped per record."""
    rng = random.Random(seed)
    info = [
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2024-02-21T04:16:30Z"),
        ("Content-Type", "application/warc-fields"),
    ]
    with open(path, "wb") as out:
        out.write(gzip.compress(warc_record(info, b"software: benchmark\r\n"), compresslevel=6, mtime=0))
        for n in range(records):
            header = HEADERS[n % len(HEADERS)].format(n=n, day=1 + n % 28, minute=n % 60)
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(100, 600)))
            text = f"{header}{words}\n".encode()
            headers = [
                ("WARC-Type", "conversion"),
                ("WARC-Target-URI", f"https://example.org/page/{n}"),
                ("WARC-Date", "2024-02-20T20:46:25Z"),
                ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"),
                ("Content-Type", "text/plain"),
            ]
            out.write(gzip.compress(warc_record(headers, text), compresslevel=6, mtime=0))


def cpu_seconds() -> float:
    """User and system time of every child process that has ended so far (their workers too)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def with_cpu(run: Callable[[], float], spent: list[float]) -> Callable[[], float]:
    """`run`, also noting the processor time each run took (the same on a busy machine)."""

    def measured() -> float:
        before = cpu_seconds()
        seconds = run()
        spent.append(cpu_seconds() - before)
        return seconds

    return measured


def artparse(*args: str) -> list[str]:
    script = shutil.which("artparse", path=str(Path(sys.executable).parent))
    return [script, *args] if script else [sys.executable, "-m", "artparse", *args]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=10_000, help="records in the WET file")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="artparse-containers-") as folder:
        root = Path(folder)
        wet, small = root / "crawl.warc.wet.gz", root / "small.warc.wet.gz"
        write_wet(wet, arguments.records)
        write_wet(small, max(1, arguments.records // 4))
        output = root / "out.jsonl"
        floor = [sys.executable, "-c", FLOOR, str(wet)]
        runs = {
            "FastWARC alone": lambda: timed(floor),
            "artparse -j 1": lambda: timed(artparse("-q", "-j", "1", str(wet)), stdout=output),
            "artparse -j 2": lambda: timed(artparse("-q", "-j", "2", str(wet)), stdout=output),
        }
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        contenders = {name: with_cpu(run, cpu[name]) for name, run in runs.items()}
        timed(floor)  # warm the page cache and the bytecode
        medians = rounds(contenders, arguments.repeat)
        lines = output.read_bytes().count(b"\n")
        if lines != arguments.records:
            raise SystemExit(f"artparse wrote {lines} records of {arguments.records}")
        size = wet.stat().st_size / (1 << 20)
        print(f"WET-like file: {arguments.records:,} records, {size:.1f} MiB gzipped")
        print(f"{'contender':<16} {'seconds':>8} {'articles/s':>11} {'x floor':>8} {'CPU s':>7}")
        for name, seconds in medians.items():
            rate = arguments.records / seconds
            ratio = seconds / medians["FastWARC alone"]
            print(f"{name:<16} {seconds:8.3f} {rate:11,.0f} {ratio:8.2f} {statistics.median(cpu[name]):7.3f}")
        quarter = peak_rss_kib(artparse("-q", "-j", "2", str(small))) / 1024
        whole = peak_rss_kib(artparse("-q", "-j", "2", str(wet))) / 1024
        print(f"peak memory, -j 2: {quarter:.0f} MiB at {arguments.records // 4:,} records, ", end="")
        print(f"{whole:.0f} MiB at {arguments.records:,}")


if __name__ == "__main__":
    main()
