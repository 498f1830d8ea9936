"""Regular expressions compiled on first use: a run that never needs one does not pay for it at
start-up (compiling is most of what a module's patterns cost at import)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def on_first_use(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter of `pattern` compiled with `flags`, compiled by its first call."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
