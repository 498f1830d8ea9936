"""Write a deterministic corpus of article files for the benchmarks.

Mostly the posted-by dialect with its real-world variants, plus front matter, mail headers,
bylines and header-less text. The same size and seed give the same bytes on any machine.

    python benchmarks/corpus.py DIR --files 100000
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

FILES_PER_FOLDER = 1000
_TEXT = (
    "the ministry said talks would resume next week in tripoli after officials from both "
    "sides agreed on a plan to reopen the border crossing and expand the port while engineers "
    "repaired two turbines at the power station near sirte and the central bank published "
    "new figures"
)
WORDS = _TEXT.split()
AUTHORS = ("AI", "Sara Ali", "Omar Ben Ali", "Libya Review Staff", "Hana Mansour", "Ahmed on Behalf of LANA")
CHANNELS = ("Facebook", "Twitter", "Whatsapp", "Linkedin", "Telegram", "Email")


def body(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(2, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        paragraphs.append(" ".join(words).capitalize() + ".")
    return "\n".join(paragraphs) + "\n"


def moment(rng: random.Random) -> datetime:
    return datetime(2015, 1, 1) + timedelta(seconds=rng.randrange(11 * 365 * 86400))


def posted_by(rng: random.Random) -> str:
    published = moment(rng)
    updated = published + timedelta(minutes=rng.randrange(1, 60 * 24 * 30))
    author, updater = rng.choice(AUTHORS), rng.choice(AUTHORS)
    form = rng.choice(
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d %B %Y %H:%M", "%b %d, %Y %I:%M %p"]
    )
    header = f"Posted by {author} on {published.strftime(form)}"
    if rng.random() < 0.8:
        header += f" | Last Updated by {updater} on {updated.strftime(form)}"
    lines = [header]
    if rng.random() < 0.3:
        lines.insert(0, " ".join(rng.choice(WORDS) for _ in range(8)).title())
    channels = " | ".join(rng.sample(CHANNELS, rng.randint(2, 4)))
    lines.append(f"Share: {channels} Visits: {rng.randrange(100000):,}")
    return "\n".join(lines) + "\n" + body(rng)


def front_matter(rng: random.Random) -> str:
    published = moment(rng)
    return (
        f'---\ntitle: "{rng.choice(WORDS).title()} {rng.choice(WORDS)}"\n'
        f"date: {published:%Y-%m-%d %H:%M:%S} +0000\n"
        f"author: {rng.choice(AUTHORS)}\ncategory: news\n---\n\n" + body(rng)
    )


def mail(rng: random.Random) -> str:
    published = moment(rng)
    return (
        f"From: jdoe@example.edu (John Doe)\nSubject: Re: {rng.choice(WORDS)}\n"
        f"Date: {published:%a, %d %b %Y %H:%M:%S} GMT\nNewsgroups: talk.politics\n\n" + body(rng)
    )


def byline(rng: random.Random) -> str:
    published = moment(rng)
    return (
        f"{rng.choice(WORDS).title()} {rng.choice(WORDS)}\nBy {rng.choice(AUTHORS)}\n"
        f"Published: {published:%B %d, %Y %I:%M %p} EST | Updated: {published:%B %d, %Y %I:%M %p} EST\n\n"
        + body(rng)
    )


def plain(rng: random.Random) -> str:
    return body(rng)


MIX: tuple[tuple[Callable[[random.Random], str], float], ...] = (
    (posted_by, 0.80),
    (front_matter, 0.08),
    (mail, 0.05),
    (byline, 0.05),
    (plain, 0.02),
)


def write_corpus(root: Path, files: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    makers, weights = zip(*MIX, strict=True)
    for index in range(files):
        folder = root / f"{index // FILES_PER_FOLDER:04d}"
        if index % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        make = rng.choices(makers, weights)[0]
        (folder / f"{index:07d}.txt").write_text(make(rng), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root", type=Path)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    write_corpus(args.root, args.files, args.seed)


if __name__ == "__main__":
    main()
