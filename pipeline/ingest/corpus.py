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

The HTML, DOCX and PDF libraries are imported inside their readers: importing trafilatura alone
costs about a third of a second, which a corpus of plain text should not pay.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import legacy_encodings
from .. import rules
from .reader_title import reader_title
from ..records import Document, IngestError
from .broken_fonts import broken_font_warning
from ..text_norm import below_quality_gate, normal_form


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

# Suffixes people try that have no reader, with what to do instead.
UNSUPPORTED_HINTS: dict[str, str] = {
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".xls": "spreadsheets are not read: save the text as .txt",
    ".xlsx": "spreadsheets are not read: save the text as .txt",
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


def read_html(data: bytes) -> FileText:
    """The article of a web page, without menus, sidebars and footers; one paragraph a line."""
    import trafilatura

    try:
        markup: str | bytes = decode_unicode(data)
    except UnicodeDecodeError:
        markup = data  # a page in a legacy charset: trafilatura reads its declared charset
    options = dict(include_comments=False, include_tables=True, with_metadata=True)
    extracted = trafilatura.bare_extraction(markup, **options)
    if extracted is None or not (extracted.text or "").strip():
        # Short pages fall under the precision-first thresholds; ask again for recall.
        extracted = trafilatura.bare_extraction(markup, favor_recall=True, **options)
    if extracted is not None and is_front_page(extracted.url):
        raise UnreadableFile(f"a page of headlines (the front page of {urlsplit(extracted.url).netloc}), "
                             "not an article: save the page of each article to read it")
    text = without_tag_list((extracted.text if extracted else None) or "").strip()
    title = ((extracted.title if extracted else None) or "").strip() or None
    if not text or text == title:  # a menu page gives back its title alone
        raise UnreadableFile("an HTML page in which no article text was found (a menu page, or one built by JavaScript?)")
    if title and not title.startswith(text.split("\n", 1)[0]):
        # as a news text reads: headline, then body (unless the body starts with the headline
        # that the page's title repeats before the site's name: ``Headline - Section - Site``)
        text = f"{title}\n{text}"
    author = (extracted.author or "").strip()
    if author and author not in text:
        text = f"{text}\n{author}"  # the byline, which trafilatura moves into its metadata
    return FileText(text, title)


def html_pages() -> dict:
    return rules.load("ingest/html_pages")


def is_front_page(url: str | None) -> bool:
    """A site's home page by its own address (``rules/ingest/html_pages.yml``): a list of headlines."""
    if not url or "://" not in url:
        return False
    address = urlsplit(url)
    return not address.query and address.path in html_pages()["front_page_paths"]


def without_tag_list(text: str) -> str:
    """The article without the list of tags that ends it (``rules/ingest/html_pages.yml``)."""
    rule = html_pages()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        words = line.strip().lstrip("-•* ").split()
        heading = " ".join(words).split(":", 1)[0].strip()
        if heading not in rule["tag_list_headings"]:
            continue
        tail = [line.lstrip("-•* ").split() for line in lines[index:]]
        if all(len(tag) <= rule["tag_max_words"] for tag in tail[1:]) and (len(tail) > 1 or ":" in line):
            return "\n".join(lines[:index])
    return text


def read_docx(data: bytes) -> FileText:
    """Paragraphs and table rows of a Word document, in reading order, one a line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnreadableFile(f"not a valid DOCX file ({type(err).__name__}: {err})") from None
    lines = list(docx_lines(document.iter_inner_content())) + docx_footnotes(data)
    title = (document.core_properties.title or "").strip() or None
    return FileText("\n".join(lines), title)


WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_footnotes(data: bytes) -> list[str]:
    """The footnotes of a Word file after its text, each opening with its number as printed
    (`3 Có 07 sở, ngành …`): python-docx does not read them, and a PDF of the same file shows them
    at the foot of the page, so both formats keep them, in the same place."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/footnotes.xml")
    except KeyError:
        return []
    lines: list[str] = []
    notes = [note for note in etree.fromstring(xml).iter(f"{WORD_NS}footnote") if note.get(f"{WORD_NS}type") in (None, "normal")]
    for number, note in enumerate(notes, start=1):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{WORD_NS}t")).strip() for p in note.iter(f"{WORD_NS}p")]
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            lines.append(f"{number} {paragraphs[0]}")
            lines.extend(paragraphs[1:])
    return lines


def docx_lines(blocks: Iterable) -> Iterator[str]:
    """A paragraph is a line; so is a row of a data table, its cells joined by `` | ``.

    A data row stays on one line so that a label and its figure (``Thu nội địa | 2.104 tỷ
    đồng``) stay in one sentence, as trafilatura writes HTML tables. A layout table, with a cell
    of several paragraphs (the two-column header of an official document: issuing body and
    number on the left, national motto and date on the right; the signature block), gives each
    paragraph its own line, cell by cell, in all its rows. A table of three rows and three columns or more is a data table whatever its
    cells hold: a header cell of two paragraphs (`Chỉ tiêu` over `(lũy kế đến kỳ báo cáo)`) is one
    cell, and its row stays one line. A merged cell is written once.
    """
    from docx.table import Table

    for block in blocks:
        if not isinstance(block, Table):
            yield block.text
            continue
        grid = header_merged_down([list(row.cells) for row in block.rows])
        rows = [[[p.text.strip() for p in cell.paragraphs if p.text.strip()] for cell in unique_cells(cells)]
                for cells in grid]
        data_table = len(rows) >= 3 and max(map(len, rows), default=0) >= 3
        # a layout table is one throughout: the number and date row under a letterhead is two
        # lines, not a label and its value
        layout = not data_table and any(len(texts) > 1 for paragraphs in rows for texts in paragraphs)
        for paragraphs in rows:
            if layout:
                yield from (text for texts in paragraphs for text in texts)
            elif any(paragraphs):
                yield " | ".join(" ".join(texts) for texts in paragraphs)


def header_merged_down(grid: list[list]) -> list[list]:
    """A two-level header (``Kết quả thống kê`` spanning ``Đơn vị tính | Số liệu``) whose cells
    beside the span (``STT``, ``Chỉ tiêu``) were not merged down but left empty in the lower row:
    read as merged, as Word's own vertical merges are, so the lower row names every column."""
    if len(grid) < 2 or len(grid[0]) != len(grid[1]) or not any(cell._tc.grid_span > 1 for cell in grid[0]):
        return grid
    upper, lower = grid[0], list(grid[1])
    for j, cell in enumerate(lower):
        if not cell.text.strip() and upper[j].text.strip() and upper[j]._tc.grid_span == 1:
            lower[j] = upper[j]
    return [upper, lower, *grid[2:]]


def unique_cells(cells: list) -> list:
    """A merged cell appears once per grid column it spans: keep its first appearance."""
    kept = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in kept):
            kept.append(cell)
    return kept


def read_pdf(data: bytes) -> FileText:
    """The text of every page in reading order, each ruled table as rows of cells (``pdf_layout``);
    a scan without a text layer is refused."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from . import pdf_layout

    with library_warnings("pdfminer") as said:
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = [pdf_layout.page_text(page) for page in pdf.pages]
                metadata = pdf.metadata or {}
        except PDFPasswordIncorrect:
            raise UnreadableFile("a password-protected PDF: save an unprotected copy") from None
        except Exception as err:  # pdfminer raises many kinds on a damaged file
            raise UnreadableFile(f"not a readable PDF ({type(err).__name__}: {err}){with_what_it_said(said)}") from None
    if not any(page.blocks or page.notes for page in pages):
        raise UnreadableFile(
            f"a PDF with no text layer on any of its {len(pages)} page(s), probably a scan: "
            f"run OCR on it first or give the text as .txt{with_what_it_said(said)}"
        )
    title = metadata.get("Title")
    title = (title.decode("utf-8", "replace") if isinstance(title, bytes) else str(title or "")).strip() or None
    body = pdf_layout.joined_over_pages([without_page_number_blocks(page.blocks) for page in pages])
    notes = [line for page in pages for line in without_page_number(page.notes)]
    return FileText(pdf_text(body, notes), title)


def without_page_number_blocks(blocks: list) -> list:
    """A page's blocks without a page number printed above or below the text."""
    kept = [block.text for block in blocks if block.table is None]
    if not kept:
        return blocks
    numbered = set(kept) - set(without_page_number(kept))
    first_and_last = {id(b) for b in (blocks[0], blocks[-1]) if b.table is None and b.text in numbered}
    return [block for block in blocks if id(block) not in first_and_last]


def pdf_text(blocks: list, notes: list[str]) -> str:
    """Text lines joined back into the lines the writer typed (``unwrap_lines``), table rows as
    they are, and the footnotes after the text (as a Word file's notes are read), so that a note
    at the foot of a page does not cut the sentence that runs on to the next."""
    from .pdf_layout import table_lines

    out: list[str] = []
    prose: list[str] = []
    for block in blocks:
        if block.table is None:
            prose.append(block.text)
            continue
        if prose:
            out.append(unwrap_lines(prose))
            prose = []
        out.extend(table_lines(block.table))
    if prose:
        out.append(unwrap_lines(prose))
    if notes:
        out.append(unwrap_lines(notes))
    return "\n".join(line for line in out if line)


ANTIWORD_TIMEOUT_SECONDS = 120


def read_doc(data: bytes) -> FileText:
    """An old Word file (Word 2 to 2003, ``.doc``) as antiword reads it, one paragraph a line.

    No Python library reads these; antiword (a small Debian package, installed by ``make
    setup`` where apt is available) does. Its UTF-8 output of a file typed in the TCVN3 or VNI
    fonts is Latin-1 mojibake, which ``without_mojibake`` reads as Vietnamese like any other.
    """
    antiword = shutil.which("antiword")
    if antiword is None:
        raise UnreadableFile("an old Word (.doc) file, and antiword, which reads them, is not installed: "
                             "install it (`apt-get install antiword`, or `make setup`) or save the file as .docx")
    with tempfile.NamedTemporaryFile(suffix=".doc") as copy:
        copy.write(data)
        copy.flush()
        try:
            done = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", copy.name], capture_output=True,
                                  timeout=ANTIWORD_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableFile(f"antiword took over {ANTIWORD_TIMEOUT_SECONDS} s on this .doc file: save it as .docx") from None
    said = done.stderr.decode("utf-8", errors="replace").replace(copy.name, "the file").strip()
    if done.returncode != 0:
        raise UnreadableFile(f"not an old Word file antiword can read ({said or f'exit status {done.returncode}'}): save it as .docx")
    lines = (line.strip() for line in done.stdout.decode("utf-8", errors="replace").split("\n"))
    return FileText("\n".join(line for line in lines if line))


@contextmanager
def library_warnings(logger_name: str) -> Iterator[list[str]]:
    """Keep what a reading library logs or warns out of the user's terminal: the caller adds
    it to the file's error message when the file is refused, and drops it otherwise."""
    said: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append(record.getMessage())

    logger = logging.getLogger(logger_name)
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield said
        said.extend(str(warning.message) for warning in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def with_what_it_said(said: list[str]) -> str:
    return f"; the PDF library said: {'; '.join(dict.fromkeys(said))[:300]}" if said else ""


PAGE_NUMBER = re.compile(r"\s*(?:(?:Trang|Page)\s+)?-?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*-?\s*", re.IGNORECASE)


def without_page_number(lines: list[str]) -> list[str]:
    """Drop a page number printed above or below the text (``3``, ``- 3 -``, ``Trang 3/12``):
    it would otherwise be read as a figure, or glued to a sentence that runs on to the next page."""
    lines = [line for line in lines if line.strip()]
    if lines and PAGE_NUMBER.fullmatch(lines[-1]):
        lines.pop()
    if lines and PAGE_NUMBER.fullmatch(lines[0]):
        lines.pop(0)
    return lines


SENTENCE_END = tuple(".:;!?…\"”)")
LIST_MARKER = re.compile(r"\d+(\.\d+)*[.)]\s")


def unwrap_lines(lines: list[str]) -> str:
    """Join the printed lines of a PDF back into the lines the writer typed.

    A PDF's text layer breaks a sentence wherever the page was too narrow, while every later
    stage takes a line break as the end of a sentence. A line is joined to the next when it does
    not end a sentence and the next one carries on the same sentence: it starts in lower case
    (``…ước đạt`` / ``tăng 12,7% so với cùng kỳ``) or with a number that is not a list marker
    (``…ước đạt`` / ``3.216 tỷ đồng``). Headings, list items and lines that end with
    punctuation stay lines of their own.
    """
    joined: list[str] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if joined and continues_sentence(joined[-1], line):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined)


def continues_sentence(previous: str, line: str) -> bool:
    if previous.endswith(SENTENCE_END):
        return False
    first = line[0]
    if first.islower():
        return True
    return first.isdigit() and previous[-1].isalpha() and not LIST_MARKER.match(line)


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
    garbage = below_quality_gate(text)
    if garbage:
        raise UnreadableFile(garbage)
    title = normal_form(content.title).strip() if content.title else None
    return Document(
        path=path.relative_to(corpus_dir).as_posix(),
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        format=suffix.lstrip("."),
        title=reader_title(text, title),
        warning=broken_font_warning(text),
    )


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
