"""File stamps: what a database run records of each file, to tell on the next run whether it changed.

A file is unchanged when its size and modification time are those recorded, or, when they are not,
its content hash is; and in both cases the parse settings (artparse's version and options) are
the same as when the record was made. The step (step.py) makes and compares the stamps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from artparse.extract import ParseOptions
    from artparse.sources import ReadOptions

UNCHANGED = "unchanged"
"""How the summary names the files that an incremental run did not parse again."""


class FileStamp(NamedTuple):
    size: int
    mtime_ns: int
    sha256: str
    settings: str

    def same_file(self, size: int, mtime_ns: int, settings: str) -> bool:
        return (size, mtime_ns, settings) == (self.size, self.mtime_ns, self.settings)

    def same_content(self, other: FileStamp) -> bool:
        return (other.sha256, other.settings) == (self.sha256, self.settings)


def settings_key(version: str, options: ParseOptions, reading: ReadOptions) -> str:
    """A short fingerprint of what, besides the file, decides its record."""
    import hashlib

    return hashlib.sha256(f"{version}\n{options!r}\n{reading!r}".encode()).hexdigest()[:16]


def file_stamp(data: bytes, size: int, mtime_ns: int, settings: str) -> FileStamp:
    import hashlib

    return FileStamp(size, mtime_ns, hashlib.sha256(data).hexdigest(), settings)
