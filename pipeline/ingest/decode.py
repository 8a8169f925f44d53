"""Bytes → text: a BOM, UTF-16 without one, a legacy Vietnamese code page as bytes or as mojibake.

Text arrives in whatever encoding its writer's tools produced; every reader hands its bytes or
its text through here, so a file is either read as Vietnamese for sure or refused with a reason.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from . import legacy_encodings


class UnreadableFile(Exception):
    """Raised with a message that says what is wrong with the file."""


@dataclass(frozen=True)
class FileText:
    """What a reader got out of a file: its text, and its title where the format has one."""

    text: str
    title: str | None = None


# Opening bytes of formats that users save with a wrong suffix, so the message can say what
# the file really is instead of only "not UTF-8".
BINARY_SIGNATURES: dict[bytes, str] = {
    b"%PDF-": "a PDF file (give it a .pdf suffix)",
    b"PK\x03\x04": "a ZIP package such as a DOCX file (give a Word file a .docx suffix)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls): save it as .docx or text",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document: save it as .docx or text",
}


def decode_unicode(data: bytes) -> str:
    """Decode by BOM (UTF-8, UTF-16 LE/BE), else strict UTF-8; ``UnicodeDecodeError`` if not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnreadableFile(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({err.reason} at byte {err.start})") from None
    return data.decode("utf-8")


def decode_bytes(data: bytes) -> str:
    """Unicode by its BOM or as UTF-8, else the legacy Vietnamese code page that reads as Vietnamese."""
    try:
        return decode_unicode(data)
    except UnicodeDecodeError as err:
        try:
            return legacy_encodings.decode_legacy(data).text
        except legacy_encodings.Undecidable as why:
            raise UnreadableFile(
                f"not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}), and not a legacy "
                f"Vietnamese code page either: {why}; save it as UTF-8"
            ) from None


def refuse_binary(data: bytes) -> None:
    """A text suffix on a binary file: say what the file looks like rather than fail to decode it."""
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableFile(f"has a text suffix but is {what}")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes all fall on one side of the byte pairs.

    Windows tools write "Unicode" text as UTF-16, usually with a byte-order mark but not always.
    In UTF-16 every ASCII character and most Vietnamese letters (à, é, ô … up to U+00FF) have a
    zero high byte, so such a file has NULs on one side of its byte pairs and almost none on the
    other; a binary file has them on both.
    """
    sample = data[:65536]
    sample = sample[: len(sample) // 2 * 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    zeros_first, zeros_second = sample[0::2].count(0), sample[1::2].count(0)
    if zeros_second >= 0.2 * pairs and zeros_first <= 0.01 * pairs:
        return "utf-16-le"
    if zeros_first >= 0.2 * pairs and zeros_second <= 0.01 * pairs:
        return "utf-16-be"
    return None


def without_mojibake(content: FileText) -> FileText:
    """A legacy code page that reached us as Latin-1 characters (a VNI or TCVN3 font in a Word
    file or a web page, text pasted out of one), read as it was meant; refused when no code page
    makes it Vietnamese for sure, rather than stored as garbage."""
    try:
        repaired = legacy_encodings.repair_mojibake(content.text)
    except legacy_encodings.Undecidable as why:
        raise UnreadableFile(f"looks like a legacy Vietnamese code page shown as Latin-1 characters, but {why}") from None
    if repaired is None:
        return content
    title = legacy_encodings.mended_line(content.title, repaired.encoding) if content.title else None
    return FileText(repaired.text, title)
