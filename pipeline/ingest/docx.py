"""Word (DOCX) files: paragraphs, table rows and footnotes in reading order, one a line.

python-docx (and lxml under it) are imported inside the readers: a corpus without Word files
should not pay for loading them.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from .decode import FileText, UnreadableFile


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
