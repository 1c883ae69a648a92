"""Tell which text encoding a CSV file is in: UTF-8, UTF-16 or Windows-1252, else refuse it.

Accepted, in this order:
- UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8");
- UTF-16 with a byte-order mark (Excel's "Unicode text"), or without one when every second
  byte of the start is zero (little- or big-endian);
- Windows-1252 (Excel's plain "CSV" on a UK or US Windows), when the bytes are not UTF-8.

Any 8-bit file decodes as *something* in Windows-1252, so the decoded text is checked for
the marks another code leaves. In Latin-2 / Windows-1250 (Polish, Czech, Hungarian...) the
letters Ł ł ą ś ż ź š ž are bytes that Windows-1252 shows as the signs £ ³ ± ¶ ¿ ¼ ¹ ¾ (and
¡ ¥ ¦ © ª ¬ ® ¯ µ º). Text is refused as "another 8-bit code" when one of those signs
touches a letter (`£ód¼`, `W³adys³aw`), which real Windows-1252 text does not do: in
English £ stands before a number, and the other signs are not written inside words. Bytes that are
undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) refuse the file too. The check
cannot see a Latin-2 letter whose byte is also a Windows-1252 letter (ř is ø, č is è), so
the message on refusal names the encodings to save in instead; nothing is ever guessed.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

# Windows-1252 signs that are letters in Latin-2 or Windows-1250 (and never sit in a word)
_FOREIGN_LETTER_SIGNS = frozenset("¡£¥¦©ª¬®¯±³µ¶¹º¼¾¿")


class EncodingRefused(ValueError):
    """The bytes are not in an encoding FSP Allocator reads; the message names what was seen."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and the name of the encoding it was read in."""

    text: str
    encoding: str


def decode_csv_bytes(data: bytes) -> Decoded:
    """The text of a CSV file's bytes; raises `EncodingRefused` saying why it cannot be read."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        raise EncodingRefused("it is in UTF-32, which FSP Allocator does not read")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_strict(data, "utf-8-sig", "UTF-8"), "UTF-8 with BOM")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_strict(data, "utf-16", "UTF-16"), "UTF-16")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(_strict(data, utf16, "UTF-16"), "UTF-16")
    if b"\x00" in data:
        raise EncodingRefused("it holds zero bytes, so it is not a text file")
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise EncodingRefused(
            "it is neither UTF-8 nor Windows-1252 (it holds bytes Windows-1252 does not use)"
        ) from None
    clue = _other_code_clue(text)
    if clue is not None:
        sign, word = clue
        raise EncodingRefused(
            f"it looks like another 8-bit code such as Latin-2 or Windows-1250 (read as "
            f"Windows-1252 it has the sign {sign!r} inside a word, {word!r}, where those codes "
            "have a letter), so its accented letters would be misread"
        )
    return Decoded(text, "Windows-1252")


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise EncodingRefused(f"it starts as {name} but is not valid {name}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when every second byte of the start is zero, else None."""
    sample = data[:1000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _other_code_clue(text: str) -> tuple[str, str] | None:
    """A Latin-2-style sign found against a letter, and the piece of text around it."""
    for index, char in enumerate(text):
        if char not in _FOREIGN_LETTER_SIGNS:
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if _is_letter(before) or _is_letter(after):
            return char, text[max(0, index - 3) : index + 4].strip()
    return None


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")
