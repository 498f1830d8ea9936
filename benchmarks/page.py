"""Time the page mode against a posted-by file, in one run on one machine, and print the ratios.

    .venv/bin/python benchmarks/page.py                       # in-process and command-line figures
    .venv/bin/python benchmarks/page.py --files 200 --repeat 3 --no-cli

- in process: `parse_text` per file on posted-by files (corpus.py's maker), on 200-line page
  dumps (menus, cookie notice, breadcrumb, headline, byline, article, related list, comments,
  footer) and on 200-line texts without any header (page mode tried and finding nothing);
- long pages: microseconds per line at 200, 2,000 and 20,000 lines (flat when the reading is
  linear in the lines, and bounded once past the page window);
- on the command line: `artparse -j 1 DIR` per file (start-up taken away), posted-by files
  against page dumps: what a file costs in a batch, reading and writing its record included.

All figures are CPU time (the machine may be shared). No corpus is kept: texts are made in memory
by a seeded generator, files in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import WORDS, posted_by

from artparse import parse_text

PAGE_LINES = 200
MENUS = ("Home", "News", "World", "Business", "Politics", "Sport", "Culture", "Opinion", "Weather", "Video")
NAMES = ("Jane Smith", "Omar Ben Ali", "Claire Dubois", "Anna Schmidt", "Marco Rossi", "Ana Ruiz")
MONTHS = ("January", "March", "May", "July", "September", "November")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def wrapped(text: str, width: int = 78) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def date_text(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"


def page(rng: random.Random, lines: int = PAGE_LINES) -> str:
    """A page dump as w3m gives it, about `lines` lines long, its comments making up the length."""
    top = ["Skip to content", "", *(f"  • {menu}" for menu in rng.sample(MENUS, 7)), ""]
    top += ["We use cookies to improve your experience on our site. Accept all", ""]
    top += [f"Home > {rng.choice(MENUS)} > {rng.choice(MENUS)}", ""]
    top += [sentence(rng, rng.randint(6, 11)).rstrip("."), "", f"By {rng.choice(NAMES)}"]
    top += [f"Published {date_text(rng)}", "", "Share: Facebook Twitter Email", ""]
    for _ in range(rng.randint(4, 7)):
        top += [*wrapped(sentence(rng, rng.randint(30, 70))), ""]
    top += ["Related stories", ""]
    for _ in range(4):
        top += [f"  • {sentence(rng, 6).rstrip('.')}", f"    {date_text(rng)}"]
    top += ["", f"Comments ({rng.randint(2, 90)})", ""]
    while len(top) < lines - 3:
        top += [f"reader{rng.randrange(1000)}   {date_text(rng)}", sentence(rng, rng.randint(5, 20)), ""]
    return "\n".join([*top, "© 2025 The Example Times. All rights reserved.", ""])


def no_header(rng: random.Random, lines: int = PAGE_LINES) -> str:
    """A news text of the "title line, blank line, body" kind, `lines` lines long."""
    text = [sentence(rng, 8).rstrip("."), ""]
    while len(text) < lines:
        text += [*wrapped(sentence(rng, rng.randint(30, 70))), ""]
    return "\n".join(text)


def per_file_us(texts: list[str], repeat: int) -> float:
    """Median over `repeat` rounds of the CPU microseconds `parse_text` takes per text."""
    rounds = []
    for _ in range(repeat):
        start = time.process_time()  # CPU time: what other processes on a shared machine take is not ours
        for text in texts:
            parse_text(text)
        rounds.append((time.process_time() - start) / len(texts) * 1e6)
    return statistics.median(rounds)


def cli_per_file_us(script: str, texts: list[str], repeat: int) -> float:
    """Median CPU microseconds per file of `artparse -j 1 DIR > /dev/null` on `texts` as files,
    start-up taken away: (time for all of them - time for the first alone) / (files - 1)."""
    folder = Path(tempfile.mkdtemp(prefix="artparse-page-bench-"))
    try:
        (folder / "all").mkdir()
        (folder / "one").mkdir()
        for number, text in enumerate(texts):
            (folder / "all" / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        (folder / "one" / "00000.txt").write_text(texts[0], encoding="utf-8")
        rounds = []
        for _ in range(repeat):
            many, one = (_timed([script, "-j", "1", "-q", str(folder / name)]) for name in ("all", "one"))
            rounds.append((many - one) / (len(texts) - 1) * 1e6)
        return statistics.median(rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _timed(command: list[str]) -> float:
    """CPU seconds (user and system) that `command` takes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000, help="files of each kind")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-cli", action="store_true", help="only the in-process figures")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    makers: dict[str, Callable[[random.Random], str]] = {
        "posted-by": posted_by,
        "page": page,
        "no-header": no_header,
    }
    kinds = {name: [make(rng) for _ in range(args.files)] for name, make in makers.items()}
    for texts in kinds.values():
        for text in texts[:20]:
            parse_text(text)  # warm-up: imports and compiled tables
    floor = per_file_us(kinds["posted-by"], args.repeat)
    for name, texts in kinds.items():
        lines = statistics.mean(text.count("\n") for text in texts)
        us = per_file_us(texts, args.repeat) if name != "posted-by" else floor
        print(f"parse_text  {name:10} {lines:7.0f} lines {us:9.1f} us/file {us / floor:6.1f}x posted-by")
    for lines in (200, 2_000, 20_000):
        text = page(rng, lines)
        us = per_file_us([text], args.repeat)
        print(f"long page   {lines:6} lines {us:10.0f} us/file {us / lines:6.2f} us/line")
    script = shutil.which("artparse", path=str(Path(sys.executable).parent))
    if args.no_cli or script is None:
        return
    cli_floor = cli_per_file_us(script, kinds["posted-by"], args.repeat)
    cli_page = cli_per_file_us(script, kinds["page"], args.repeat)
    print(f"artparse -j 1  posted-by {cli_floor:9.1f} us/file")
    print(f"artparse -j 1  page      {cli_page:9.1f} us/file {cli_page / cli_floor:6.1f}x posted-by")


if __name__ == "__main__":
    main()
