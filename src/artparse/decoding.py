"""Bytes to text by a fixed ladder; pure: bytes in, text and warnings out.

1. `encoding` when the user gives one: strict, no guessing.
2. A byte-order mark (UTF-32 before UTF-16, whose mark is a prefix of UTF-32's).
3. No mark but NUL bytes: UTF-32 or UTF-16 when the NULs fall where such text has them,
   otherwise binary.
4. UTF-8.
5. Mostly UTF-8 (more valid multi-byte sequences than invalid ones): UTF-8, the few bad
   bytes replaced; a detector would misread the whole file for a handful of stray bytes.
6. charset-normalizer, offered only the encodings such articles really use (DETECTED).
7. UTF-8 with U+FFFD for every invalid sequence.

Every rung after 4, and 3, adds an `encoding:` warning naming what was used, so no text is
altered silently. Nothing is normalised: Arabic letters, presentation forms and
right-to-left marks come out as they went in.
"""

from __future__ import annotations

import codecs

from artparse.errors import BinaryInput, InputError
from artparse.frozen import NamedTuple
from artparse.patterns import on_first_use

DETECTED = {"cp1256": "Windows-1256", "cp1252": "Windows-1252", "iso8859-6": "ISO-8859-6"}
"""What the detector may choose, by Python codec name. ISO-8859-1 is absent on purpose: it
differs from Windows-1252 only in 0x80-0x9F, where it has control characters that no article
uses (browsers read latin-1 as Windows-1252 for the same reason)."""

DETECTION_SAMPLE = 1 << 20
"""The detector sees at most this many leading bytes; the whole input is then decoded."""

DETECTION_THRESHOLD = 0.8
"""charset-normalizer's default, 0.2, rejects every candidate for Arabic text with
right-to-left marks and for some English text with typographic quotes (tests/test_decoding.py)."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_control = on_first_use("[\x00-\x08\x0e-\x1f]")


_HIGH_BYTES = bytes(range(0x80, 0x100))
_REPLACEMENT = "\ufffd"
_EVERY_BYTE = bytes(range(256)) * 2


class Decoded(NamedTuple):
    """The text, the Python codec that produced it, and warnings when it was not plain UTF-8."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Text from bytes by the ladder above; BinaryInput for binary data, InputError when
    `encoding` was given and does not fit."""
    if encoding is not None:
        return _without_nul(_as_given(data, encoding))
    if data.isascii() and b"\x00" not in data:  # the usual case: no mark starts with ASCII bytes
        return tuple.__new__(Decoded, (data.decode("ascii"), "utf-8", ()))  # Decoded(...), quicker
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _without_nul(_after_bom(data, len(bom), codec))
    if b"\x00" in data:
        return _wide_without_bom(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    return _mostly_utf8(data, first_bad) or _detected(data, first_bad) or _replaced(data, first_bad)


def repair_unencodable(text: str) -> tuple[str, int]:
    """`text` without surrogate code points, which no UTF-8 output can carry (`--encoding
    unicode_escape`, UTF-7 and JSON `\\ud800` escapes make them): a high and low surrogate in a row
    become the character they encode, a lone one U+FFFD. Also how many were replaced."""
    if text.isascii():
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        repaired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return repaired, repaired.count(_REPLACEMENT) - text.count(_REPLACEMENT)
    return text, 0


def is_text_encoding(name: str) -> bool:
    """Whether `name` is a codec that turns any bytes into text, bad ones replaced: not base64
    or rot13 (bytes to bytes), nor `undefined`, `idna` or `punycode` (which fail on most bytes,
    or cannot replace them)."""
    try:
        if not codecs.lookup(name)._is_text_encoding:
            return False
        return isinstance(_EVERY_BYTE.decode(name, "replace"), str)
    except (LookupError, UnicodeError, ValueError):
        return False


def _as_given(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), codecs.lookup(encoding).name)
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {encoding} (byte {error.start})") from error
    except (UnicodeError, ValueError, LookupError) as error:  # a codec's own complaint
        raise InputError(f"not valid {encoding} ({error})") from error


def _after_bom(data: bytes, bom_length: int, codec: str) -> Decoded:
    """The mark names the encoding; bytes that break it are replaced, with a warning."""
    rest = data[bom_length:]
    try:
        return Decoded(rest.decode(codec), codec)
    except UnicodeDecodeError as error:
        text = rest.decode(codec, "replace")
        bad = text.count(_REPLACEMENT) - rest.decode(codec, "ignore").count(_REPLACEMENT)
        reason = f"not valid {codec.upper()} after its byte-order mark"
        return Decoded(text, codec, (_replacement_warning(reason, bad, bom_length + error.start),))


def _wide_without_bom(data: bytes) -> Decoded:
    """UTF-32 or UTF-16 text without a byte-order mark, else BinaryInput."""
    for codec in ("utf-32-le", "utf-32-be", *_likely_utf16(data)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _control().search(text):
            warning = f"encoding: no byte-order mark; read as {codec.upper()} (from where the NUL bytes are)"
            return Decoded(text, codec, (warning,))
    raise BinaryInput(f"binary file (NUL byte at offset {data.find(0)})")


def _likely_utf16(data: bytes) -> tuple[str, ...]:
    """UTF-16 text has NUL high bytes in its spaces, digits and Latin letters: at odd offsets
    in UTF-16-LE, even in -BE, and hardly ever at the other ones. Binary data has them anywhere."""
    odd, even = data[1::2].count(0), data[0::2].count(0)
    nuls, stray = max(odd, even), min(odd, even)
    if nuls * 32 < len(data) // 2 or stray * 8 > nuls:
        return ()
    return ("utf-16-le",) if odd > even else ("utf-16-be",)


def _mostly_utf8(data: bytes, first_bad: int) -> Decoded | None:
    text = data.decode("utf-8", "replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    ascii_count = len(data.translate(None, _HIGH_BYTES))
    valid_multibyte = len(text) - ascii_count - bad
    if valid_multibyte <= bad:
        return None
    return Decoded(text, "utf-8", (_replacement_warning("not valid UTF-8", bad, first_bad),))


def _detected(data: bytes, first_bad: int) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported here: it costs start-up time

    best = from_bytes(
        data[:DETECTION_SAMPLE], cp_isolation=list(DETECTED), threshold=DETECTION_THRESHOLD
    ).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    text = data.decode(codec, "replace")
    warning = f"encoding: not valid UTF-8 (byte {first_bad}); read as {DETECTED.get(codec, codec)} (detected)"
    bad = text.count(_REPLACEMENT)
    if bad:
        warning += f", {bad} bytes undefined there replaced with U+FFFD"
    return Decoded(text, codec, (warning,))


def _replaced(data: bytes, first_bad: int) -> Decoded:
    text = data.decode("utf-8", "replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    reason = "not UTF-8 and no likely encoding found; read as UTF-8"
    return Decoded(text, "utf-8", (_replacement_warning(reason, bad, first_bad),))


def _replacement_warning(reason: str, bad: int, first_bad: int) -> str:
    sequences = "sequence" if bad == 1 else "sequences"
    replaced = f"{bad} invalid byte {sequences} replaced with U+FFFD"
    return f"encoding: {reason}, {replaced} (first at byte {first_bad})"


def _without_nul(decoded: Decoded) -> Decoded:
    position = decoded.text.find("\x00")
    if position >= 0:
        raise BinaryInput(f"binary file (NUL character at position {position} as {decoded.encoding})")
    return decoded
