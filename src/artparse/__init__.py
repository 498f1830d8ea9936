"""artparse: split article headers from bodies and export the metadata as records."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing here would cost the entry point ~4 ms
if TYPE_CHECKING:
    from typing import Any

    from artparse.errors import ArtparseError
    from artparse.extract import parse_text
    from artparse.ingest import parse_bytes
    from artparse.record import FIELDS, Article, json_schema
    from artparse.rules import RulesError, load_rules
    from artparse.sources import parse_file

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

_EXPORTS = {
    "FIELDS": "artparse.record",
    "Article": "artparse.record",
    "ArtparseError": "artparse.errors",
    "json_schema": "artparse.record",
    "load_rules": "artparse.rules",
    "RulesError": "artparse.rules",
    "parse_bytes": "artparse.ingest",
    "parse_file": "artparse.sources",
    "parse_text": "artparse.extract",
}
"""Loaded on first use: the command line's entry point imports this package before anything
else, and must stay light (see entry.py); rules only when given --rules."""


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from artparse._version import __version__

        return __version__
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'artparse' has no attribute {name!r}")
