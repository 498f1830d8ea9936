"""Records and messages on one terminal: stdout written at once, and stderr's messages held
while a record's line is unfinished, so that a message never lands inside a record (output.py
uses these only when stdout is a terminal)."""

from __future__ import annotations

import io
from contextlib import suppress
from io import TextIOWrapper
from typing import TextIO


class SharedTerminal:
    """stdout and stderr are the same terminal: a record's warnings must show beside it. Records
    are written at once, and a message waits only while a record's line is unfinished (the
    `  }` of a JSON array waits for its comma), so it never lands inside a record."""

    def __init__(self, stderr: TextIO) -> None:
        self.stderr = stderr
        self.mid_line = False
        self.held: list[str] = []
        self.messages = Messages(self)

    def release(self) -> None:
        with suppress(OSError, ValueError):  # a closed stderr is not worth dying for
            if self.held:
                self.stderr.write("".join(self.held))
            self.stderr.flush()
        self.held.clear()


class Messages(io.TextIOBase):
    """sys.stderr while records go to the same terminal."""

    def __init__(self, shared: SharedTerminal) -> None:
        super().__init__()
        self._shared = shared

    def write(self, text: str) -> int:
        if self._shared.mid_line:
            self._shared.held.append(text)
        else:
            self._shared.stderr.write(text)
        return len(text)

    def flush(self) -> None:
        if not self._shared.mid_line:
            self._shared.stderr.flush()

    def isatty(self) -> bool:
        return False  # not a terminal of its own: no progress bar drawn across the records


class RecordsOnTerminal(TextIOWrapper):
    """stdout on a terminal: each write shown at once, as a person expects (and, with a shared
    terminal, the messages held while a line was unfinished shown at the next line end)."""

    shared: SharedTerminal | None = None

    def write(self, text: str) -> int:
        shared = self.shared
        if shared is not None and shared.held and "\n" in text:
            line, end, rest = text.partition("\n")
            super().write(line + end)
            self.flush()
            shared.mid_line = False
            shared.release()
            super().write(rest)
        else:
            super().write(text)
        self.flush()
        if shared is not None and text:
            shared.mid_line = not text.endswith("\n")
        return len(text)
