"""The signal module's functions and numbers, taken from CPython's `_signal` where there is one.

signal.py only wraps `_signal` in IntEnums (Signals, Handlers, Sigmasks), which it makes at
import: a tenth of a millisecond or more of every start-up. The functions are the same; they
give plain numbers instead of enum members, which compare equal to them. `signal` itself is
used where there is no `_signal`, and for a signal's name (runner.py).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
else:
    try:
        import _signal as signal
    except ImportError:  # not CPython
        import signal

__all__ = ["signal"]
