"""PDF files: the text layer page by page (``pdf_layout``), lines unwrapped, page numbers and
scans refused or dropped.

pdfplumber and pdfminer are imported inside the reader: they are slow to load, and a corpus
without PDFs should not pay for them.
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from . import pdf_layout
from .decode import FileText, UnreadableFile


def read_pdf(data: bytes) -> FileText:
    """The text of every page in reading order, each ruled table as rows of cells (``pdf_layout``);
    a scan without a text layer is refused."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

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
    out: list[str] = []
    prose: list[str] = []
    for block in blocks:
        if block.table is None:
            prose.append(block.text)
            continue
        if prose:
            out.append(unwrap_lines(prose))
            prose = []
        out.extend(pdf_layout.table_lines(block.table))
    if prose:
        out.append(unwrap_lines(prose))
    if notes:
        out.append(unwrap_lines(notes))
    return "\n".join(line for line in out if line)


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
