"""The script a user might write instead of artparse: a contender in benchmarks/run.py.

    python benchmarks/naive.py DIR [-j N] > records.jsonl

Kept honest: a sorted walk, every file read and decoded, two regular expressions (the
posted-by line and the visits counter), one json.dumps per record, in input order; with -j N,
a multiprocessing pool in chunks. It knows one header shape and nothing of dates, encodings,
errors or the other dialects, which is what artparse is for.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator
from multiprocessing import Pool

POSTED = re.compile(r"Posted by (.+?) on (\S+ \S+)(?: \| Last Updated by (.+?) on (\S+ \S+))?")
VISITS = re.compile(r"Visits: ([\d,]+)")


def paths(root: str) -> Iterator[str]:
    for directory, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            yield os.path.join(directory, name)


def record(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as file:
        text = file.read()
    header, _, body = text.partition("\n")
    posted, visits = POSTED.search(header), VISITS.search(text[:500])
    return json.dumps(
        {
            "source": path,
            "author": posted and posted[1],
            "published": posted and posted[2],
            "updated_by": posted and posted[3],
            "updated": posted and posted[4],
            "visits": int(visits[1].replace(",", "")) if visits else None,
            "words": len(body.split()),
            "body": body,
        },
        ensure_ascii=False,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("root")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    out = sys.stdout
    if args.jobs == 1:
        for path in paths(args.root):
            out.write(record(path) + "\n")
        return
    with Pool(args.jobs) as pool:
        for line in pool.imap(record, paths(args.root), chunksize=256):
            out.write(line + "\n")


if __name__ == "__main__":
    main()
