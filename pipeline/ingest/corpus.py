"""Ingest: files under the corpus folder → ``Document`` records.

Users drop what they have: plain text and Markdown, web pages saved as HTML, Word (DOCX) and
PDF files. A reader per file suffix turns the bytes into lines of text (and a title where the
format carries one). Text arrives in whatever encoding and normal form its writer's tools
produced: UTF-8 with or without a BOM, UTF-16 with or without a BOM, the legacy Vietnamese code
pages (Windows-1258, VNI, TCVN3) as bytes or as mojibake already in UTF-8, decomposed Vietnamese
(NFD) from macOS, CRLF line ends from Windows, zero-width characters inside words and numbers.
Everything downstream indexes one canonical string, so it is made here, once
(``text_norm.normal_form``). A file that cannot be read, or whose encoding cannot be told for
sure, yields an ``IngestError`` naming it and saying what is wrong; the caller reports it and
goes on with the other files.

This module walks the folder and runs the reader of each file's suffix (``READERS``): one
module a format (``text``, ``html``, ``docx``, ``doc``, ``pdf``), each on ``decode`` for bytes →
text. The HTML, DOCX and PDF libraries are imported inside their readers: importing trafilatura
alone costs about a third of a second, which a corpus of plain text should not pay.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..records import Document, IngestError
from ..text_norm import normal_form
from .broken_fonts import broken_font_warning
from .decode import FileText, UnreadableFile, without_mojibake
from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .quality_gate import below_quality_gate
from .reader_title import reader_title
from .text import read_plain_text
from .word_census import census


# Suffixes people try that have no reader, with what to do instead.
UNSUPPORTED_HINTS: dict[str, str] = {
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".xls": "spreadsheets are not read: save the text as .txt",
    ".xlsx": "spreadsheets are not read: save the text as .txt",
}


# Readers by file suffix. Each turns the file's bytes into text; normalisation happens after.
READERS: dict[str, Callable[[bytes], FileText]] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".doc": read_doc,
    ".pdf": read_pdf,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def read_document(path: Path, corpus_dir: Path) -> Document:
    """Read one file into a ``Document``; raises ``UnreadableFile`` with the reason."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        hint = f"; {UNSUPPORTED_HINTS[suffix]}" if suffix in UNSUPPORTED_HINTS else ""
        raise UnreadableFile(f"unsupported file type {path.suffix!r} (supported: {', '.join(supported_suffixes())}){hint}")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"cannot read: {err.strerror or err}") from None
    try:
        content = reader(data)
    except UnreadableFile:
        raise
    except Exception as err:  # a library choking on a malformed file must not end the run
        raise UnreadableFile(f"could not be read as {suffix.lstrip('.')}: {type(err).__name__}: {err}") from None
    content = without_mojibake(content)
    text = normal_form(content.text)
    if "\x00" in text:
        raise UnreadableFile("contains NUL characters: is it a binary file with a text suffix?")
    if not text.strip():
        raise UnreadableFile("has no text (empty or only white space)")
    words = census(text)  # one walk over the words for the quality gate and the broken-font check
    garbage = below_quality_gate(words)
    if garbage:
        raise UnreadableFile(garbage)
    title = normal_form(content.title).strip() if content.title else None
    return Document(
        path=path.relative_to(corpus_dir).as_posix(),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        format=suffix.lstrip("."),
        title=reader_title(text, title),
        warning=broken_font_warning(words.fragments),
    )


def is_temporary(name: str) -> bool:
    """Word leaves a ``~$name.docx`` lock file beside a document it has open, and editors leave
    ``name.txt~`` backups: neither is a document the user dropped in."""
    return name.startswith(("~$", ".")) or name.endswith("~")


def escaped_path(path: str) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 shown as ``\\xe9``."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def has_utf8_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # os.walk hands over undecodable bytes as lone surrogates
        return False
    return True


def folder_path(relative: str) -> str:
    """How an unreadable folder is named in ``ingest_errors``: its path with a trailing ``/``
    (``./`` for the corpus folder itself)."""
    return relative.rstrip("/") + "/" if relative else "./"


def is_folder_error(error: IngestError) -> bool:
    return error.path.endswith("/")


def folder_prefix(error: IngestError) -> str:
    """What the paths of the documents in an unreadable folder start with."""
    return "" if error.path == "./" else error.path


def walk_corpus(corpus_dir: Path) -> tuple[list[Path], list[IngestError]]:
    """Every regular file under the folder, in a stable order, except hidden and temporary
    ones; and an error for each folder that could not be listed (its documents must not be
    taken for deleted) and each file whose name is not UTF-8 (it cannot be stored by name)."""
    errors: list[IngestError] = []

    def unreadable_folder(err: OSError) -> None:
        relative = os.path.relpath(err.filename, corpus_dir) if err.filename else "."
        errors.append(IngestError(path=folder_path(escaped_path(relative)),
                                  message=f"cannot read this folder ({err.strerror or err}): its documents are kept as they were"))

    files: list[Path] = []
    for folder, subfolders, names in os.walk(corpus_dir, onerror=unreadable_folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = Path(folder) / name
            if is_temporary(name) or not path.is_file():
                continue
            relative = path.relative_to(corpus_dir).as_posix()
            if has_utf8_name(relative):
                files.append(path)
            else:
                errors.append(IngestError(path=escaped_path(relative),
                                          message="the file name is not valid UTF-8: rename the file to read it"))
    return sorted(files), sorted(errors, key=lambda error: error.path)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The readable files of ``walk_corpus``."""
    return walk_corpus(corpus_dir)[0]


def iter_documents(corpus_dir: Path) -> Iterator[Document | IngestError]:
    """Yield a ``Document`` per readable file and an ``IngestError`` per unreadable one (and
    per folder that could not be listed, and per file name that is not UTF-8)."""
    files, errors = walk_corpus(corpus_dir)
    yield from errors
    yield from read_documents(files, corpus_dir)


def read_documents(files: Iterable[Path], corpus_dir: Path) -> Iterator[Document | IngestError]:
    """A ``Document`` or an ``IngestError`` for each file, in order."""
    for path in files:
        try:
            yield read_document(path, corpus_dir)
        except UnreadableFile as err:
            yield IngestError(path=path.relative_to(corpus_dir).as_posix(), message=str(err))
