"""The console script's entry point: the little that must happen before anything is imported.

- A closed standard stream (`>&-`, `2>&-`, `<&-`) has its descriptor taken by /dev/null, so that
  no file opened later (the -o temporary file, a database) gets descriptor 0, 1 or 2 and
  receives what is meant for the terminal. Python has already set sys.stdout (or stderr,
  stdin) to None: the run treats that stream as closed.
- Ctrl-C while the modules load (about the first 50 ms) ends the run quietly with 130: it is
  held until they are loaded, since one landing inside the import machinery itself is printed
  by Python ("Exception ignored in ... _get_module_lock") whatever the program catches.
- The cyclic garbage collector is off while the modules load: what they make (classes, functions,
  compiled patterns) lives as long as the process, and the collections that the allocations would
  set off cost about a twentieth of the start-up time. Then it is frozen (gc.freeze: never looked
  at again; else the first collection would go through all of it) and the collector is on again.
"""

from __future__ import annotations

import gc
import os

from artparse.signals import signal

TYPE_CHECKING = False  # typing itself would take the first milliseconds
if TYPE_CHECKING:
    from typing import NoReturn

EXIT_SIGINT = 130


def main() -> NoReturn:
    reserve_standard_descriptors()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    gc.disable()
    try:
        from artparse.cli import main as run

        gc.freeze()
        gc.enable()
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a Ctrl-C held until now lands here
    except BaseException as error:
        if _interrupted(error):
            os._exit(EXIT_SIGINT)
        raise
    try:
        run()
    except KeyboardInterrupt:  # in the moment before the command's own handling begins
        os._exit(EXIT_SIGINT)


def _interrupted(error: BaseException | None) -> bool:
    """Whether `error` is Ctrl-C, or was caused by it (Python wraps an exception raised while
    a class is made, such as a KeyboardInterrupt, in a RuntimeError)."""
    for _ in range(10):  # a chain of causes is short, and may loop
        if error is None:
            return False
        if isinstance(error, KeyboardInterrupt):
            return True
        error = error.__cause__ or error.__context__
    return False


def reserve_standard_descriptors() -> None:
    for descriptor, flags in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(descriptor)
        except OSError:
            os.open(os.devnull, flags)  # the lowest free descriptor: this one
