"""Text shown to a person, made harmless: what a terminal would obey is escaped, not shown.

Messages and pretty output carry untrusted text (file names, titles, bodies). Escaped here:
C0 controls (ESC starts colour, cursor, clipboard and hyperlink sequences), DEL, C1 controls
(0x9b is a one-byte CSI), bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069, which
make text display in another order than it is stored: "Trojan Source"), line and paragraph
separators, and lone surrogates. Right-to-left and left-to-right marks (U+200E, U+200F, U+061C)
are normal in Arabic text and are kept. Data written to files or pipes is never changed.
"""

from __future__ import annotations

import re

from artparse.patterns import on_first_use

# Compiled on first use: their ranges beyond Latin-1 take a quarter of a millisecond to compile,
# and most messages are printable ASCII, which has nothing to escape.


_unsafe = on_first_use("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


_unsafe_in_json = on_first_use("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""What json.dumps leaves raw (it already escapes C0 controls)."""


def for_terminal(text: str) -> str:
    """`text` with every character a terminal could obey written as a `\\x..` or `\\u....` escape;
    a tab is kept, a newline is escaped, so a message stays on one line."""
    if text.isascii() and text.isprintable():  # no control character: nothing to escape
        return text
    return _unsafe().sub(_escape, text)


def json_for_terminal(json_text: str) -> str:
    """JSON text with the same characters as JSON `\\u....` escapes: still valid JSON, and the
    same data."""
    return _unsafe_in_json().sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
