"""What a dialect reads from the top of a file, before dates are normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Invisible marks that break matching (zero-width space, bidi marks and overrides, BOM).
# ZWNJ and ZWJ stay: they change how Arabic-script names are spelt.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u061c"), None)
_INVISIBLE.update(dict.fromkeys(range(0x202A, 0x202F)))
_INVISIBLE.update(dict.fromkeys(range(0x2066, 0x206A)))
_SPACES = re.compile(r"\s+")


@dataclass
class Header:
    """Header fields as written; `body_start` is the index of the first line after the header."""

    body_start: int
    title: str | None = None
    author: str | None = None
    published_raw: str | None = None
    updated_raw: str | None = None
    updated_by: str | None = None
    share: list[str] = field(default_factory=list)
    visits: int | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def header_view(line: str) -> str:
    """`line` for matching: invisible marks dropped, every run of spaces (NBSP too) one space."""
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()
