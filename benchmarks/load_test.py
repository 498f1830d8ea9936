"""Load test: artparse over a large tree of mixed files; the summary must add up exactly and
memory must stay flat. Not part of the test run (it takes minutes at 1,000,000 files).

    python benchmarks/load_test.py --files 1000000

The tree (under --root, deleted afterwards unless --keep) has, per 1,000 files: 5 binary,
3 unreadable (chmod 000; as root, artparse runs under setpriv without the capabilities that
override it), 1 larger than the 32 MiB limit (sparse), 10 Windows-1256, 10 UTF-16 with a
byte-order mark, the rest UTF-8 (English and Arabic); plus FIFOs and symbolic link loops.
Nine tenths are spread over 1,000 folders, one tenth sits in a single flat folder. artparse
runs with --follow (so the loops are met and must be detected) and writes JSON Lines to a pipe;
this script counts the records, samples artparse's RSS and open descriptors from /proc, and
prints the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OVER_LIMIT = 33 * 1024 * 1024  # just over the default --max-size of 32 MiB
HEADER = "Posted by {author} on 2025-11-{day:02} 04:23:00 | Last Updated by {author} on 2025-12-15 05:28:33\n"
SHARE = "Share: Facebook | Twitter Visits: {visits}\n"
ENGLISH = (
    "In a significant development, Libya and the United States have joined forces to address "
    "regional security and economic cooperation. Officials said the agreement covers energy, "
    "infrastructure and training, and that both sides will meet again next month.\n"
) * 3
ARABIC = (
    "في تطور مهم، انضمت ليبيا والولايات المتحدة إلى جهود مشتركة لتعزيز التعاون الاقتصادي "
    "والأمني في المنطقة. وقال المتحدث باسم الحكومة إن الاتفاق يشمل مشاريع في قطاعات الطاقة.\n"
) * 3

# kind by index % 1000; what each kind must count as in the summary
KINDS = (
    [("binary", "skipped: binary file")] * 5
    + [("unreadable", "failed")] * 3
    + [("over-limit", "failed")] * 1
    + [("cp1256", "record with warnings")] * 10
    + [("utf-16", "record")] * 10
)
EXTRA = {"fifo": "skipped: not a regular file", "loop": "skipped: file system loop"}


@dataclass
class Tree:
    root: Path
    expected: Counter[str] = field(default_factory=Counter)
    locked: list[Path] = field(default_factory=list)


def article(index: int, arabic: bool) -> str:
    author = "Ahmed" if arabic else "AI"
    head = HEADER.format(author=author, day=index % 28 + 1) + SHARE.format(visits=index)
    return head + (ARABIC if arabic else ENGLISH)


def write_file(path: Path, index: int, tree: Tree) -> None:
    kind, outcome = KINDS[index % 1000] if index % 1000 < len(KINDS) else ("utf-8", "record")
    tree.expected[outcome] += 1
    if kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    elif kind == "over-limit":
        with path.open("wb") as file:
            file.truncate(OVER_LIMIT)  # sparse: no disk space used
    elif kind == "cp1256":
        path.write_bytes(article(index, arabic=True).encode("cp1256"))
    elif kind == "utf-16":
        path.write_bytes(article(index, arabic=index % 2 == 0).encode("utf-16"))
    else:
        path.write_bytes(article(index, arabic=index % 7 == 0).encode())
        if kind == "unreadable":
            path.chmod(0)
            tree.locked.append(path)


def build(root: Path, files: int) -> Tree:
    tree = Tree(root)
    flat = files // 10
    folders = 1000 if files >= 10_000 else max(1, files // 10)
    spread = files - flat
    (root / "flat").mkdir(parents=True)
    for index in range(flat):
        write_file(root / "flat" / f"{index:07}.txt", index, tree)
    for folder in range(folders):
        directory = root / "tree" / f"{folder:04}"
        directory.mkdir(parents=True)
        for index in range(flat + folder * spread // folders, flat + (folder + 1) * spread // folders):
            write_file(directory / f"{index:07}.txt", index, tree)
    for number in range(max(3, files // 10_000)):
        os.mkfifo(root / "tree" / f"{number % folders:04}" / f"fifo-{number}.txt")
        tree.expected[EXTRA["fifo"]] += 1
    for number in range(max(2, files // 100_000)):
        (root / "tree" / f"{number % folders:04}" / f"loop-{number}").symlink_to("..")
        tree.expected[EXTRA["loop"]] += 1
    return tree


def expected_summary(expected: Counter[str]) -> str:
    warned = expected["record with warnings"]
    records = expected["record"] + warned
    skips = {key.removeprefix("skipped: "): n for key, n in expected.items() if key.startswith("skipped")}
    inputs = records + expected["failed"] + sum(skips.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(skips.items()))
    return (
        f"artparse: {inputs} inputs: {records} records ({warned} with warnings), "
        f"{expected['failed']} failed, {sum(skips.values())} skipped ({reasons})"
    )


@dataclass
class Sample:
    seconds: float
    records: int
    rss_kib: int
    descriptors: int


def sample(pid: int, started: float, counted: list[int], samples: list[Sample], every: float) -> None:
    while True:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            descriptors = len(os.listdir(f"/proc/{pid}/fd"))
        except OSError:
            return
        rss = re.search(r"VmRSS:\s+(\d+)", status)
        if rss:
            samples.append(Sample(time.monotonic() - started, counted[0], int(rss.group(1)), descriptors))
        time.sleep(every)


def run(tree: Tree, every: float) -> tuple[int, int, str, list[Sample], float, str]:
    command = [sys.executable, "-m", "artparse", str(tree.root), "--follow", "-f", "jsonl"]
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *command]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    counted, samples = [0], []
    sampler = threading.Thread(target=sample, args=(child.pid, started, counted, samples, every), daemon=True)
    sampler.start()
    stderr_lines: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_lines.extend(child.stderr or []), daemon=True)
    reader.start()
    first = b""
    while chunk := child.stdout.read(1 << 20):
        first = first or chunk.split(b"\n", 1)[0]
        counted[0] += chunk.count(b"\n")
    code = child.wait()
    elapsed = time.monotonic() - started
    reader.join()
    json.loads(first)
    summary = stderr_lines[-1].decode().rstrip("\n") if stderr_lines else ""
    return code, counted[0], summary, samples, elapsed, first.decode()[:120]


def slope_mib_per_100k(samples: list[Sample]) -> float:
    """Least-squares slope of RSS against records written, after the first tenth (warm-up)."""
    points = [(s.records, s.rss_kib / 1024) for s in samples if s.records > samples[-1].records / 10]
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return 0.0 if not spread else sum((x - mean_x) * (y - mean_y) for x, y in points) / spread * 100_000


def descriptors_range(samples: list[Sample]) -> list[int]:
    return [min(s.descriptors for s in samples), max(s.descriptors for s in samples)]


def rss_at(samples: list[Sample], records: float) -> float:
    reached = next((s for s in samples if s.records >= records), samples[-1])
    return round(reached.rss_kib / 1024, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000, help="regular files in the tree")
    parser.add_argument("--root", type=Path, default=Path("/tmp/artparse-load"), help="where to build it")
    parser.add_argument("--keep", action="store_true", help="keep the tree afterwards")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between memory samples")
    options = parser.parse_args()
    if options.root.exists():
        parser.error(f"{options.root} exists; remove it or give another --root")
    try:
        started = time.monotonic()
        tree = build(options.root, options.files)
        print(f"built {options.files:,} files in {time.monotonic() - started:.0f} s under {options.root}")
        code, records, summary, samples, elapsed, first = run(tree, options.every)
    finally:
        for path in getattr(locals().get("tree"), "locked", []):
            path.chmod(0o644)
        if not options.keep:
            subprocess.run(["rm", "-rf", str(options.root)], check=False)
    want = expected_summary(tree.expected)
    peak = max(s.rss_kib for s in samples) / 1024
    report = {
        "files": options.files,
        "exit code": code,
        "summary": summary,
        "summary as expected": summary == want,
        "records read from stdout": records,
        "records as expected": records == tree.expected["record"] + tree.expected["record with warnings"],
        "seconds": round(elapsed, 1),
        "files per second": round(options.files / elapsed),
        "peak RSS MiB": round(peak, 1),
        "RSS MiB at 10% / 50% / end": [rss_at(samples, records * share) for share in (0.1, 0.5, 1.0)],
        "RSS slope MiB per 100k records": round(slope_mib_per_100k(samples), 3),
        "open descriptors min / max": descriptors_range(samples),
        "samples": len(samples),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if summary != want:
        print(f"expected: {want}\n     got: {summary}", file=sys.stderr)
    print(f"first record: {first}...")
    ok = code == 1 and report["summary as expected"] and report["records as expected"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
