"""artparse: split article headers from bodies and export the metadata as records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from artparse.errors import ArtparseError
from artparse.extract import parse_text
from artparse.ingest import parse_bytes
from artparse.record import FIELDS, Article, json_schema
from artparse.sources import parse_file

if TYPE_CHECKING:
    from artparse.rules import RulesError, load_rules

__all__ = [
    "FIELDS",
    "Article",
    "ArtparseError",
    "RulesError",
    "__version__",
    "json_schema",
    "load_rules",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


def __getattr__(name: str) -> Any:
    """`__version__`, `load_rules` and `RulesError`, imported on first use: the command line
    imports this package on every run, and needs neither unless given --rules."""
    if name == "__version__":
        from importlib.metadata import version

        return version("artparse")
    if name in ("load_rules", "RulesError"):
        from artparse import rules

        return getattr(rules, name)
    raise AttributeError(f"module 'artparse' has no attribute {name!r}")
