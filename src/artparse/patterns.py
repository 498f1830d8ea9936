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


def first_uses(count: int) -> Callable[[], bool]:
    """A test that is true for its first `count` calls in a process, then false: a short run
    reads its texts by a pattern's stand-in (str methods giving exactly the pattern's result),
    which spares it the compile, and a long run by the compiled pattern, which is faster."""
    left = count

    def early() -> bool:
        nonlocal left
        if left:
            left -= 1
            return True
        return False

    return early
