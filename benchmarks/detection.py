"""Time the core alone: `parse_text` per file, on the benchmark corpus mix and on the samples.

    .venv/bin/python benchmarks/detection.py --files 4000 --repeat 5

No files are written: the corpus is generated in memory by corpus.py's makers (the same seed
gives the same texts). Prints microseconds of CPU time per file (the best round) for each kind of
file and for the whole mix; compare two versions by running this on each, on the same machine,
in alternation (`PYTHONPATH=OTHER/src` runs another version's code with the same script).
`--samples` names the sample files to time instead of all of samples/, e.g. only those an older
version had: `--samples $(git ls-tree --name-only bbcca7e samples/ | grep '[.]txt$')`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import MIX

from artparse import parse_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def texts_by_kind(files: int, seed: int, samples: list[Path]) -> tuple[dict[str, list[str]], list[str]]:
    """The texts of each kind, and all of them in the order corpus.py writes (and a run reads)
    them: the kinds interleaved."""
    rng = random.Random(seed)
    makers, weights = zip(*MIX, strict=True)
    kinds: dict[str, list[str]] = {make.__name__: [] for make in makers}
    in_order = []
    for _ in range(files):
        make = rng.choices(makers, weights)[0]
        in_order.append(make(rng))
        kinds[make.__name__].append(in_order[-1])
    kinds["samples"] = [path.read_text(encoding="utf-8") for path in samples]
    return kinds, in_order


def per_file_us(texts: list[str], repeat: int) -> float:
    """The best of `repeat` rounds: microseconds of CPU time `parse_text` takes per text.

    CPU time of this process, and the best round, because on a shared machine other processes
    only ever add time.
    """
    rounds = []
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            parse_text(text)
        rounds.append((time.process_time() - start) / len(texts) * 1e6)
    return min(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--samples", type=Path, nargs="+", help="sample files (default: all of samples/)")
    args = parser.parse_args()
    samples = args.samples or sorted(SAMPLES.rglob("*.txt"))
    kinds, in_order = texts_by_kind(args.files, args.seed, samples)
    for texts in kinds.values():
        for text in texts:
            parse_text(text)  # warm-up: imports and compiled tables
    everything = [text for name, texts in kinds.items() if name != "samples" for text in texts]
    for name, texts in kinds.items():
        print(f"{name:12} {len(texts):6} files {per_file_us(texts, args.repeat):8.1f} us/file")
    print(f"{'mix':12} {len(everything):6} files {per_file_us(everything, args.repeat):8.1f} us/file")
    # A run meets the kinds interleaved, as the corpus's files are: slower than kind by kind
    # (each dialect's code and data are less often still in the processor's caches).
    print(f"{'in file order':12} {len(in_order):6} files {per_file_us(in_order, args.repeat):8.1f} us/file")


if __name__ == "__main__":
    main()
