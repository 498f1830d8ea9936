"""Precision and recall of the page mode on page dumps with known answers.

    .venv/bin/python benchmarks/page_accuracy.py                    # the held-out set
    .venv/bin/python benchmarks/page_accuracy.py samples/pages -v   # any folder of NAME.txt + NAME.json

Each NAME.json gives what a reader names as the page's title, author, published and updated (null
for none). A date counts as right when its day is right. Precision: right values among the values
filled; recall: right values among the values expected. A wrong value costs precision, a missing
one recall. Pages are read as on `--now 2026-06-01`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from artparse import parse_text

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "author", "published", "updated")
NOW = datetime(2026, 6, 1)


def right(field: str, got: object, expected: object) -> bool:
    if field in ("published", "updated") and isinstance(got, str) and isinstance(expected, str):
        return got[:10] == expected[:10]
    return got == expected


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "evaluation" / "pages")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every value that is not right")
    args = parser.parse_args()
    filled = dict.fromkeys(FIELDS, 0)
    correct = dict.fromkeys(FIELDS, 0)
    expected_count = dict.fromkeys(FIELDS, 0)
    pages = sorted(args.folder.glob("*.txt"))
    for page in pages:
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        record = parse_text(page.read_text(encoding="utf-8"), now=NOW).to_dict()
        for field in FIELDS:
            got, wanted = record[field], expected.get(field)
            filled[field] += got is not None
            expected_count[field] += wanted is not None
            if got is not None and right(field, got, wanted):
                correct[field] += 1
            elif args.verbose and (got is not None or wanted is not None):
                print(f"{page.name}: {field} {got!r}, expected {wanted!r}", file=sys.stderr)
    print(f"{len(pages)} pages in {args.folder}")
    print(f"{'field':<10} {'filled':>6} {'right':>6} {'expected':>8} {'precision':>9} {'recall':>7}")
    groups = {**{field: (field,) for field in FIELDS}, "dates": ("published", "updated"), "all": FIELDS}
    for name, members in groups.items():
        f, c, e = (sum(table[m] for m in members) for table in (filled, correct, expected_count))
        precision = f"{c / f:.0%}" if f else "-"
        recall = f"{c / e:.0%}" if e else "-"
        print(f"{name:<10} {f:>6} {c:>6} {e:>8} {precision:>9} {recall:>7}")


if __name__ == "__main__":
    main()
