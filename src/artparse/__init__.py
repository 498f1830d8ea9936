"""artparse: split article headers from bodies and export the metadata as records."""

from __future__ import annotations

from artparse.errors import ArtparseError
from artparse.extract import parse_text
from artparse.record import FIELDS, Article

__all__ = ["FIELDS", "Article", "ArtparseError", "__version__", "parse_text"]


def __getattr__(name: str) -> str:
    if name == "__version__":  # read on demand: importlib.metadata costs start-up time
        from importlib.metadata import version

        return version("artparse")
    raise AttributeError(f"module 'artparse' has no attribute {name!r}")
