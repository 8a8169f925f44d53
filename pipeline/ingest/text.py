"""Plain text and Markdown: the bytes decoded (``decode``), refused when they are binary."""
from __future__ import annotations

import codecs

from .decode import FileText, UnreadableFile, decode_bytes, refuse_binary, utf16_without_bom


def read_plain_text(data: bytes) -> FileText:
    refuse_binary(data)
    has_utf16_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not has_utf16_bom and b"\x00" in data[:65536]:
        encoding = utf16_without_bom(data)
        if encoding is None:
            raise UnreadableFile("contains NUL bytes: it is a binary file, not text")
        try:
            return FileText(data.decode(encoding))
        except UnicodeDecodeError:
            raise UnreadableFile(f"looks like {encoding.upper()} without a byte-order mark but is not valid {encoding.upper()}") from None
    return FileText(decode_bytes(data))
