"""Header dialects, tried in a fixed order; each module has NAME and parse(lines) -> Header | None.

Adding a dialect means adding its module and one entry in DIALECTS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from artparse.dialects import posted_by
from artparse.dialects.header import Header, header_view

Parser = Callable[[Sequence[str]], Header | None]

DIALECTS: dict[str, Parser] = {
    posted_by.NAME: posted_by.parse,
}
"""Detection order: the first dialect whose parse() returns a Header wins."""

__all__ = ["DIALECTS", "Header", "Parser", "header_view"]
