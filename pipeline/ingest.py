"""Ingest: files under the corpus folder → ``Document`` records.

Text arrives in whatever encoding and normal form its writer's tools produced: UTF-8 with or
without a BOM, UTF-16 with a BOM, decomposed Vietnamese (NFD) from macOS, CRLF line ends from
Windows. Everything downstream indexes one canonical string, so it is made here, once:
NFC, ``\\n`` line ends. A file that cannot be read yields an ``IngestError`` naming it; the
caller reports it and goes on with the other files.
"""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from .records import Document, IngestError


class UnreadableFile(Exception):
    """Raised with a message that says what is wrong with the file."""


def decode_bytes(data: bytes) -> str:
    """Decode by BOM (UTF-8, UTF-16 LE/BE), else strict UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise UnreadableFile(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({err.reason} at byte {err.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UnreadableFile(
            f"not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save it as UTF-8 or UTF-16 with a BOM"
        ) from None


def normalise_text(text: str) -> str:
    """NFC and ``\\n`` line ends: the one form every offset in the database refers to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_plain_text(data: bytes) -> str:
    return decode_bytes(data)


# Readers by file suffix. Each turns the file's bytes into text; normalisation happens after.
READERS: dict[str, Callable[[bytes], str]] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return None


def read_document(path: Path, corpus_dir: Path) -> Document:
    """Read one file into a ``Document``; raises ``UnreadableFile`` with the reason."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported file type {path.suffix!r} (supported: {', '.join(supported_suffixes())})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"cannot read: {err.strerror or err}") from None
    text = normalise_text(reader(data))
    if "\x00" in text:
        raise UnreadableFile("contains NUL characters: is it a binary file with a text suffix?")
    return Document(
        path=path.relative_to(corpus_dir).as_posix(),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        format=path.suffix.lower().lstrip("."),
        title=first_line_title(text),
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every regular, non-hidden file under the folder, in a stable order."""
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    )


def iter_documents(corpus_dir: Path) -> Iterator[Document | IngestError]:
    """Yield a ``Document`` per readable file and an ``IngestError`` per unreadable one."""
    for path in corpus_files(corpus_dir):
        relative = path.relative_to(corpus_dir).as_posix()
        try:
            yield read_document(path, corpus_dir)
        except UnreadableFile as err:
            yield IngestError(path=relative, message=str(err))
