"""Containers: files that hold many articles (mbox, WARC/WET, SGML collections), below the dialects.

A file is one article, or a container whose members are articles; the dialects never know which.
Each kind of container is one module here (a pieces.Kind: READS_GZIP, looks_like, split), named in
KINDS with the file-name suffixes that say it. A container is recognised by its name (a suffix,
also followed by `.gz`), by its first bytes (looks_like, inside gzip too), or forced
(--container). reading.py reads the members.

This module is what every run imports (detection by name and content); a kind's module, and
what it needs, is imported only when a file may be of that kind.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from artparse.containers.pieces import Kind

KINDS: dict[str, tuple[str, ...]] = {
    "mbox": (".mbox", ".mbx"),
    "warc": (".warc", ".wet"),
    "sgml": (".sgm", ".sgml"),
}
"""Each kind of container and the suffixes of its file names; also the order of detection."""

NONE = "none"
"""--container none: every file is one article, as before containers."""

_FIRST_BYTE = {b"F": "mbox", b"W": "warc", b"<": "sgml"}
"""The first byte (after blank space) of each kind: files that start otherwise are articles."""

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_SIZE = 4096
"""Bytes that content detection looks at inside a gzipped file."""


def kind(name: str) -> Kind:
    """The module of the kind `name` (a key of KINDS)."""
    module = f"{__name__}.{name}"
    __import__(module)  # importlib itself would cost every run its import
    return cast("Kind", sys.modules[module])


def container_of(source: str) -> str:
    """The file a record's source names: `a.mbox#3` -> `a.mbox`; other sources as they are."""
    head, mark, place = source.rpartition("#")
    return head if mark and place.isdigit() else source


def walk_patterns() -> tuple[str, ...]:
    """File-name patterns of containers that a directory walk reads: each suffix, also gzipped."""
    return tuple(f"*{suffix}{gz}" for suffixes in KINDS.values() for suffix in suffixes for gz in ("", ".gz"))


_SUFFIXES = tuple(suffix for suffixes in KINDS.values() for suffix in suffixes)


def by_name(name: str) -> str | None:
    """The kind a file name says (`.mbox`, `.wet.gz` ...), or None; a path will do (only its
    end is looked at)."""
    lowered = name.lower().removesuffix(".gz")
    if not lowered.endswith(_SUFFIXES):  # nearly every name, told in one call
        return None
    return next((kind for kind, suffixes in KINDS.items() if lowered.endswith(suffixes)), None)


def by_content(head: bytes, whole: bool) -> str | None:
    """The kind the first bytes of a file show, or None; gzip is looked into. `whole`: `head`
    is the whole file (an mbox of one message is then the single mail it always was)."""
    if head.startswith(GZIP_MAGIC):
        head, whole = _gunzipped_head(head), False
    name = _FIRST_BYTE.get(head[:256].lstrip()[:1])
    return name if name is not None and kind(name).looks_like(head, whole) else None


def _gunzipped_head(head: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(wbits=31).decompress(head, SNIFF_SIZE)
    except zlib.error:
        return b""
