"""PDF pages → the lines a reader sees, in reading order, each ruled table as rows of cells.

A PDF's text layer is glyphs placed on a page: a plain text extractor reads a table row across,
gluing a cell to the next column's words (`35 UBND` from `35` | `UBND cấp xã`), and loses which
words share a cell. pdfplumber (on pdfminer.six) finds the table's ruling, and so its cells; each
table row is written as the DOCX reader writes one (cells joined by `` | ``, a cell merged across
columns once, a cell merged down the rows repeated in each, as python-docx gives it), so that
``tables.find_tables`` reads a PDF table and the same table in Word alike. The words outside the
tables are read as lines, and lines and tables come out in their order down the page.

Word draws a white box behind text it exported with a background: those boxes are not ruling, or
every shaded paragraph would be read as a one-column table. Footnote marks (superscript digits
after a word: `QPPL4`) are dropped, as the DOCX reader drops them, so they do not glue to a word
or read as figures.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
SUPERSCRIPT_SIZE = 0.8  # a glyph this much smaller than its line's text, and raised, is a mark


@dataclass(frozen=True)
class PdfTable:
    """A ruled table of one page: its cells' text row by row, where it stands, how many columns."""

    top: float
    bottom: float
    columns: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Block:
    """A line of text or a table, at its height on its page."""

    top: float
    text: str | None = None
    table: PdfTable | None = None
    x0: float = 0.0
    size: float = 0.0  # the text's font size (its largest glyph)


@dataclass(frozen=True)
class PageText:
    """A page's lines and tables top to bottom, and its footnotes apart."""

    blocks: list[Block]
    notes: list[str]


def page_text(page) -> PageText:
    """The page's body (lines and tables) and the footnotes under its footnote rule."""
    blocks = page_blocks(page)
    rule = footnote_rule(page, blocks)
    if rule is None:
        return PageText(blocks, [])
    return PageText([b for b in blocks if b.top < rule], [b.text for b in blocks if b.top >= rule and b.text])


def footnote_rule(page, blocks: list[Block]) -> float | None:
    """Where the footnotes start: a short rule at the left margin (a third of the line or so, as
    word processors draw it) with only text set smaller than the body below it."""
    lines = [b for b in blocks if b.text]
    if not lines or any(b.table for b in blocks[-1:]):
        return None
    left = min(line.x0 for line in lines)
    rules = [r for r in page.rects + page.lines if abs(r["bottom"] - r["top"]) < 2
             and 0.1 * page.width < r["x1"] - r["x0"] < 0.5 * page.width and abs(r["x0"] - left) < 6]
    for rule in sorted(rules, key=lambda r: r["top"]):
        below = [b for b in blocks if b.top >= rule["top"] and not (b.text and PAGE_NUMBER.fullmatch(b.text))]
        above = [b for b in lines if b.top < rule["top"]]
        if below and all(b.text for b in below) and above and max(b.size for b in below) < body_size(above):
            return rule["top"]
    return None


def body_size(lines: list[Block]) -> float:
    sizes = sorted(line.size for line in lines)
    return sizes[len(sizes) // 2]


def page_blocks(page) -> list[Block]:
    """The page's lines and tables, top to bottom."""
    page = page.filter(lambda obj: not is_background(obj))
    extracted = [(t, t.extract()) for t in page.find_tables(TABLE_SETTINGS)]
    found = [(t, texts) for t, texts in extracted if is_data_table(texts)]
    tables = [read_table(t, texts) for t, texts in found]
    boxes = [t.bbox for t, _ in found]
    outside = page.filter(lambda obj: not any(inside(obj, box) for box in boxes))
    marks = superscript_marks(outside.chars)
    outside = outside.filter(lambda obj: id(obj) not in marks)
    blocks = [Block(line["top"], text=line["text"], x0=line["x0"], size=max(c["size"] for c in line["chars"]))
              for line in outside.extract_text_lines(strip=True) if line["text"] and line["chars"]]
    charts = chart_boxes(page, boxes)
    blocks = [b for b in blocks if not (charts and is_chart_label(b, charts))]
    blocks += [Block(table.top, table=table) for table in tables]
    return sorted(blocks, key=lambda block: block.top)


PAGE_NUMBER = regex.compile(r"[\s\-–]*(?:(?:Trang|Page)\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–]*", regex.IGNORECASE)
CHART_MARGIN = (45, 25, 45, 15)  # left, above, right, below the bars: where a chart's labels stand


def chart_boxes(page, tables: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Where the page has a bar chart: three or more coloured filled shapes outside the tables
    (a table's rules are thin, its shading lies inside it), grouped when they stand within a
    margin of each other, widened by the margin where axis values and bar labels are printed."""
    bars = [obj for obj in page.rects + page.curves
            if obj.get("fill") and obj["width"] > 2 and obj["height"] > 2 and not is_background(obj)
            and not any(inside(obj, box) for box in tables)]
    groups: list[list[float]] = []
    for bar in sorted(bars, key=lambda b: b["top"]):
        box = [bar["x0"], bar["top"], bar["x1"], bar["bottom"]]
        if groups and box[1] <= groups[-1][3] + CHART_MARGIN[1]:
            last = groups[-1]
            groups[-1] = [min(last[0], box[0]), last[1], max(last[2], box[2]), max(last[3], box[3]), last[4] + 1]
        else:
            groups.append(box + [1])
    left, above, right, below = CHART_MARGIN
    return [(g[0] - left, g[1] - above, g[2] + right, g[3] + below) for g in groups if g[4] >= 3]


def is_chart_label(block: Block, charts: list[tuple[float, float, float, float]]) -> bool:
    """A line of figures alone (axis values, the values over the bars) inside a chart: not a
    sentence of the text, so not figures of it. Lines with words (categories, legend) stay."""
    if not block.text or regex.search(r"[^\W\d_]{2}", block.text):
        return False
    return any(box[0] <= block.x0 <= box[2] and box[1] <= block.top <= box[3] for box in charts)


def is_background(obj: dict) -> bool:
    """A filled white rectangle with no stroke: paper behind text, not a table's rule."""
    if obj.get("object_type") != "rect" or not obj.get("fill") or obj.get("stroke"):
        return False
    color = obj.get("non_stroking_color")
    values = tuple(color) if isinstance(color, (tuple, list)) else (color,)
    if any(not isinstance(v, (int, float)) for v in values):
        return False
    return values in ((1,), (1, 1, 1)) or (len(values) == 4 and not any(values))


def inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def superscript_marks(chars: list[dict]) -> set[int]:
    """The ids of digits set small and raised against the glyph just before them on their line
    (footnote references); a footnote's own number, before its text, is kept as its label."""
    by_end = sorted((c for c in chars if not c["text"].isspace()), key=lambda c: c["x1"])
    ends = [c["x1"] for c in by_end]
    marks: set[int] = set()
    for mark in chars:
        if not mark["text"].isdigit():
            continue
        k = bisect.bisect_left(ends, mark["x0"] - 1.5)
        while k < len(by_end) and by_end[k]["x1"] <= mark["x0"] + 1.5:
            other = by_end[k]
            if other is not mark and other["top"] < mark["bottom"] and mark["top"] < other["bottom"] \
                    and mark["size"] < SUPERSCRIPT_SIZE * other["size"] and mark["bottom"] < other["bottom"] - 0.2 * other["size"]:
                marks.add(id(mark))
                break
            k += 1
    return marks


def is_data_table(rows: list[list[str | None]]) -> bool:
    """Ruling that holds a table: two rows or more with text in two cells or more."""
    return sum(1 for row in rows if sum(1 for cell in row if cell and cell.strip()) >= 2) >= 2


def read_table(table, texts: list[list[str | None]]) -> PdfTable:
    """The table's rows of cell texts (``texts``, as pdfplumber extracted them), merged cells
    written as the DOCX reader writes them."""
    rows: list[tuple[str, ...]] = []
    for i, row in enumerate(table.rows):
        cells = []
        for j, box in enumerate(row.cells):
            if box is not None:
                cells.append(cell_text(texts[i][j]))
                continue
            above = merged_from_above(table, i, j)
            if above is not None:
                cells.append(cell_text(texts[above][j]))
        rows.append(tuple(cells))
    return PdfTable(top=table.bbox[1], bottom=table.bbox[3], columns=max(map(len, rows), default=0), rows=tuple(rows))


def merged_from_above(table, i: int, j: int) -> int | None:
    """The row whose cell in column ``j`` runs down into row ``i``; None when the gap in row ``i``
    is covered by a cell on its left (merged across) instead."""
    tops = [box[1] for box in table.rows[i].cells if box is not None]
    if not tops:
        return None
    top = min(tops)
    for k in range(i - 1, -1, -1):
        box = table.rows[k].cells[j]
        if box is not None:
            return k if box[3] > top + 1 else None
    return None


def cell_text(text: str | None) -> str:
    """A cell's printed lines as one line: a wrapped header (`Chỉ tiêu thống kê` over `(Sử dụng …)`)
    is one name."""
    return " ".join((text or "").split()).replace("|", "/")


def table_lines(table: PdfTable) -> list[str]:
    """A data table's rows, one a line, cells joined by `` | `` (empty rows dropped)."""
    return [" | ".join(row) for row in table.rows if any(row)]


def joined_over_pages(pages: list[list[Block]]) -> list[Block]:
    """All pages' blocks; a table that goes on at the top of the next page with as many columns is
    one table, its header rows repeated there dropped."""
    out: list[Block] = []
    for blocks in pages:
        for n, block in enumerate(blocks):
            previous = out[-1].table if out else None
            if n == 0 and block.table and previous and previous.columns == block.table.columns:
                header = {cell for row in previous.rows[:3] for cell in row if cell}
                rows = list(block.table.rows)
                while rows and any(rows[0]) and set(filter(None, rows[0])) <= header:
                    rows.pop(0)
                merged = PdfTable(previous.top, block.table.bottom, previous.columns, previous.rows + tuple(rows))
                out[-1] = Block(out[-1].top, table=merged)
            else:
                out.append(block)
    return out
