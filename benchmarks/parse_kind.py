"""Parse N generated files of one kind, for instruction counts under callgrind.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        .venv/bin/python benchmarks/parse_kind.py byline 200 200
    ... the same with a last argument of 0; instructions per file = (first - second) / 200

The files are made by corpus.py's makers (KIND is one of their names: posted_by, front_matter,
mail, byline, plain); all N are made in both runs, and the first PARSED of them parsed, after a
warm-up of 20 files of every kind (imports, compiled patterns, caches), so that the difference of
two runs is the parse alone. Compare versions with PYTHONPATH=OTHER/src.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import MIX

from artparse import parse_text

WARM_UP = 20


def main() -> None:
    makers = {make.__name__: make for make, _ in MIX}
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("kind", choices=sorted(makers))
    parser.add_argument("files", type=int)
    parser.add_argument("parsed", type=int)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for make in makers.values():
        for _ in range(WARM_UP):
            parse_text(make(rng))
    texts = [makers[args.kind](rng) for _ in range(args.files)]
    for text in texts[: args.parsed]:
        parse_text(text)


if __name__ == "__main__":
    main()
