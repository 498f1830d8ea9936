"""The decoding ladder: byte-order marks, UTF-8, the restricted detector, replacement, binary."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artparse import parse_text
from artparse.decoding import Decoded, decode_bytes, is_text_encoding
from artparse.errors import BinaryInput, InputError
from tests.conftest import ROOT

ARABIC = (
    "في تطور مهم، انضمت ليبيا والولايات المتحدة إلى جهود مشتركة لتعزيز التعاون الاقتصادي "
    "والأمني في المنطقة.\nوقال المتحدث باسم الحكومة إن الاتفاق يشمل مشاريع في قطاعات الطاقة."  # noqa: RUF001
)
ARABIC_WITH_MARKS = "\u200fنشر في 2025 بواسطة الإدارة: اجتماع في بنغازي.\u200f"
ENGLISH_CP1252 = (
    "In a significant development \u2014 the \u201cpartnership\u201d covers energy\u2026 "
    "and costs \u20ac5 million. Officials said it\u2019s a first step."
)
HEADER = "Posted by AI on 2025-11-01 04:23:00 | Last Updated by AI on 2025-12-15 05:28:33\n"


def test_utf8_is_read_as_is_without_a_warning() -> None:
    assert decode_bytes(ARABIC.encode()) == Decoded(ARABIC, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # starts with the UTF-16-LE mark: checked first
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding_silently(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + (HEADER + ARABIC).encode(codec))
    assert decoded.text == HEADER + ARABIC
    assert decoded.warnings == ()


def test_a_byte_order_mark_followed_by_invalid_bytes_is_replaced_not_a_crash() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + b"ab\xffcd")
    assert decoded.text == "ab\ufffdcd"
    assert decoded.warnings == (
        "encoding: not valid UTF-8 after its byte-order mark, "
        "1 invalid byte sequence replaced with U+FFFD (first at byte 5)",
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_without_a_mark_are_text_not_binary(codec: str) -> None:
    decoded = decode_bytes((HEADER + ARABIC).encode(codec))
    assert decoded.text == HEADER + ARABIC
    assert decoded.warnings == (
        f"encoding: no byte-order mark; read as {codec.upper()} (from where the NUL bytes are)",
    )


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 8),
        (b"a" * 70_000 + b"\x00" + b"b" * 100, 70_000),  # past any first-buffer sniffing
        (("x" * 69_999 + "\u00e9").encode() + b"\x00", 70_001),
    ],
)
def test_nul_bytes_make_a_file_binary(data: bytes, offset: int) -> None:
    with pytest.raises(BinaryInput, match=rf"^binary file \(NUL byte at offset {offset}\)$"):
        decode_bytes(data)


def test_a_nul_character_after_a_byte_order_mark_is_binary_too() -> None:
    with pytest.raises(BinaryInput, match=r"^binary file \(NUL character at position 2 as utf-16-le\)$"):
        decode_bytes(codecs.BOM_UTF16_LE + "ab\x00c".encode("utf-16-le"))


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        (ARABIC, "cp1256", "Windows-1256"),
        (HEADER + ARABIC, "cp1256", "Windows-1256"),
        # charset-normalizer's own threshold (0.2) finds nothing for these two
        (ARABIC_WITH_MARKS, "cp1256", "Windows-1256"),
        (HEADER + "\u200f" + ARABIC, "cp1256", "Windows-1256"),
        (ARABIC, "iso8859-6", "ISO-8859-6"),
        ("أعلنت وزارة الصحة في طرابلس عن حملة تطعيم جديدة.", "iso8859-6", "ISO-8859-6"),
        (ENGLISH_CP1252, "cp1252", "Windows-1252"),
        (HEADER + ENGLISH_CP1252, "cp1252", "Windows-1252"),
        (
            "L\u2019\u00e9t\u00e9 dernier, le ministre a d\u00e9clar\u00e9 que la r\u00e9forme.",
            "cp1252",
            "Windows-1252",
        ),
        ("Die Stra\u00dfenbahn f\u00e4hrt \u00fcber die Br\u00fccke.", "latin-1", "Windows-1252"),
        ("Posted by Zo\u00e9 on 2025-11-01\n", "latin-1", "Windows-1252"),
        ("Caf\u00e9", "cp1252", "Windows-1252"),  # an unrestricted detector says UTF-16-BE
        ("\u0637\u0631\u0627\u0628\u0644\u0633", "cp1256", "Windows-1256"),  # ... and big5 for this
    ],
)
def test_other_encodings_are_detected_among_the_likely_ones_with_a_warning(
    text: str, codec: str, name: str
) -> None:
    data = text.encode(codec)
    decoded = decode_bytes(data)
    assert decoded.text == text
    first_bad = next(i for i, byte in enumerate(data) if byte >= 0x80)
    assert decoded.warnings == (f"encoding: not valid UTF-8 (byte {first_bad}); read as {name} (detected)",)


def test_windows_1252_ellipsis_is_not_a_line_break() -> None:
    # As latin-1, 0x85 would be NEL, a line break to str.splitlines().
    decoded = decode_bytes(b"Wait\x85 what? \x93Quoted\x94")
    assert decoded.text == "Wait\u2026 what? \u201cQuoted\u201d"


def test_the_detector_was_chosen_on_real_articles() -> None:
    """Every non-ASCII corpus file that fits in Windows-1252 comes back exactly."""
    shared = next(
        (p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "corpora").is_dir()), None
    )
    if shared is None:
        pytest.skip("the shared corpora (../shared/corpora) are not here")
    checked = 0
    for path in sorted((shared / "corpora").rglob("*.md"))[:400]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.isascii() or "\ufffd" in text:
            continue
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        assert decode_bytes(data).text == text, path
        checked += 1
    assert checked >= 20


def test_mostly_utf8_with_a_stray_byte_keeps_the_utf8_and_replaces_the_byte() -> None:
    # A detector would read the whole file as Windows-1256 mojibake for one bad byte.
    data = ARABIC.encode() + b" \xe9 " + ARABIC.encode()
    decoded = decode_bytes(data)
    assert decoded.text == f"{ARABIC} \ufffd {ARABIC}"
    start = len(ARABIC.encode()) + 1
    assert decoded.warnings == (
        f"encoding: not valid UTF-8, 1 invalid byte sequence replaced with U+FFFD (first at byte {start})",
    )


def test_bytes_no_likely_encoding_explains_become_utf8_with_replacement_characters() -> None:
    decoded = decode_bytes(bytes(range(0x80, 0x100)))
    assert decoded.text == "\ufffd" * 128
    assert decoded.warnings == (
        "encoding: not UTF-8 and no likely encoding found; read as UTF-8, "
        "128 invalid byte sequences replaced with U+FFFD (first at byte 0)",
    )


def test_a_named_encoding_is_strict_and_silent() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), "cp1256") == Decoded(ARABIC, "cp1256")
    assert decode_bytes(ARABIC.encode("utf-16"), "utf-16").text == ARABIC
    with pytest.raises(InputError, match=r"^not valid utf-8 \(byte 2\)$"):
        decode_bytes(b"ab\xe9", "utf-8")
    with pytest.raises(BinaryInput):
        decode_bytes(b"ab\x00", "cp1252")


@pytest.mark.parametrize(
    ("name", "known"), [("utf-8", True), ("CP1256", True), ("base64", False), ("nope", False)]
)
def test_only_text_encodings_can_be_named(name: str, known: bool) -> None:
    assert is_text_encoding(name) is known


@pytest.mark.parametrize(
    "text",
    [
        ARABIC_WITH_MARKS,
        "\ufefb \ufdf2 \ufe8d",  # presentation forms and a ligature: NFKC would rewrite them
        "شكرًا \u200cمي\u200dخواهم \u061c١٢٣",  # noqa: RUF001 (tanween, ZWNJ, ZWJ, ALM, Arabic-Indic digits)
    ],
)
def test_arabic_text_survives_byte_for_byte(text: str) -> None:
    body = parse_text(decode_bytes(f"Posted by AI on 2025-11-01\n{text}\n".encode()).text).body
    assert body == text


boms = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])


@given(boms, st.binary(max_size=300))
def test_any_bytes_give_text_or_a_clean_input_error(bom: bytes, data: bytes) -> None:
    try:
        decoded = decode_bytes(bom + data)
    except InputError as error:
        assert str(error).startswith("binary file (NUL")
        return
    assert "\x00" not in decoded.text
    json.dumps(decoded.text, ensure_ascii=False).encode("utf-8")  # no lone surrogates
    assert all(warning.startswith("encoding: ") for warning in decoded.warnings)
