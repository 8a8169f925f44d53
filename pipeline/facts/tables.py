"""Tables: the figures a table states in cells whose unit and meaning stand in its header.

Government reports and plans give many figures in tables: an annex of targets by province
(``TT | Tỉnh | Tăng trưởng GRDP (%)``), a results table (``Chỉ tiêu | Đơn vị | Kế hoạch năm 2019
| Ước thực hiện năm 2019``). A cell such as ``8,0`` or ``Khoảng 4`` says nothing on its own: its
unit is in the column header, the row's unit column or the caption; what it measures is the
row's label (or, when the rows are places, the column header); whether it is a plan or a result
is the column header's word (``Kế hoạch`` / ``Thực hiện``), else the caption's.

Tables reach the stored text three ways: rows with cells split by ``|`` (DOCX rows and HTML tables
as ``ingest`` writes them, Markdown), rows split by tabs, and one cell a line (a web page's table
copied as text: a header of N short lines, then rows of N lines). This module reads the words of
a header or a cell and finds the tables: ``find_tables`` gives ``Table`` records with offsets into
the text. ``table_cells.read_cells`` then turns each amount cell into a ``Mention`` with its fact
fields already set, which the facts stage keeps.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..numbers import grammar as numbers
from .. import rules
from ..records import Cell, Table

MAX_HEADER_CELL = 60  # a one-cell-a-line header cell is a short line
MAX_CELL = 160  # a longer line is prose, not a cell
MAX_COLUMNS = 12


@dataclass(frozen=True)
class Vocabulary:
    row_number_header: regex.Pattern
    name_column_header: regex.Pattern
    row_number_cell: regex.Pattern
    unit_column_header: regex.Pattern
    label_column_header: regex.Pattern
    stated_units: tuple[regex.Pattern, ...]
    amount_cell: regex.Pattern
    cell_qualifiers: dict[str, str]
    column_kinds: tuple[tuple[str, regex.Pattern], ...]
    comparison_column: regex.Pattern
    header_period: regex.Pattern
    sub_row_label: regex.Pattern


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = rules.load("facts/tables")

    def compiled(pattern: str) -> regex.Pattern:
        return regex.compile(pattern, regex.IGNORECASE)

    return Vocabulary(
        row_number_header=compiled(data["row_number_header"]),
        name_column_header=compiled(data["name_column_header"]),
        row_number_cell=regex.compile(data["row_number_cell"]),
        unit_column_header=compiled(data["unit_column_header"]),
        label_column_header=compiled(data["label_column_header"]),
        stated_units=tuple(compiled(p) for p in data["stated_unit"]),
        amount_cell=compiled(data["amount_cell"]),
        cell_qualifiers=dict(data["cell_qualifiers"]),
        column_kinds=tuple((kind, compiled(p)) for kind, p in data["column_kinds"].items()),
        comparison_column=compiled(data["comparison_column"]),
        header_period=compiled(data["header_period"]),
        sub_row_label=compiled(data["sub_row_label"]),
    )


# ---------------------------------------------------------------- words of a header or a cell

def is_amount(cell: str) -> bool:
    """A cell that states a number (`7,5`, `6,6-6,8`, `Khoảng 4`, `2.104 tỷ đồng`), not a year."""
    return bool(vocabulary().amount_cell.match(cell)) and not regex.fullmatch(r"(?:19|20)\d\d", cell.strip())


def is_row_number(cell: str) -> bool:
    return bool(vocabulary().row_number_cell.match(cell))


@lru_cache(maxsize=1024)
def stated_unit(text: str) -> str | None:
    """The unit a header, label or caption states (`(%)`, `(tỷ đồng)`, `Đơn vị tính: triệu đồng`),
    when the number grammar reads it as one."""
    for pattern in vocabulary().stated_units:
        m = pattern.search(text)
        if m and is_unit(m.group("unit").strip()):
            return m.group("unit").strip()
    return None


@lru_cache(maxsize=1024)
def is_unit(words: str) -> bool:
    """Whether a figure followed by ``words`` reads as an amount with that unit. A counted noun in
    capitals alone is an abbreviation of a name (`(GRDP)`, `(FDI)`), not a unit."""
    if not words or regex.search(r"\d", words):
        return False
    probe = f"12 {words}"
    found = numbers.find_mentions(probe)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(probe):
        return False
    return found[0].type != "quantity" or bool(regex.search(r"\p{Ll}", words))


def column_kind(header: str) -> str | None:
    """``target`` under `Kế hoạch`/`Chỉ tiêu`/`Mục tiêu`, ``actual`` under `Thực hiện`/`Kết quả`;
    a comparison column (`So sánh TH/KH`) is neither. The word nearest the end wins
    (`Kế hoạch … Ước thực hiện` names the result)."""
    words = vocabulary()
    if words.comparison_column.search(header):
        return None
    best: tuple[int, str] | None = None
    for kind, pattern in words.column_kinds:
        for m in pattern.finditer(header):
            if best is None or m.start() > best[0]:
                best = (m.start(), kind)
    return best[1] if best else None


def header_period(header: str) -> tuple[str, str, str] | None:
    """(text, ISO start, ISO end) of the year or years a header names."""
    m = vocabulary().header_period.search(header)
    if not m:
        return None
    last = m.group("last") or m.group("first")
    return m.group(0), f"{m.group('first')}-01-01", f"{last}-12-31"


def is_header_cell(text: str) -> bool:
    """A line that can stand in a table's header row: a column name, not a figure or a sentence."""
    words = vocabulary()
    text = text.strip()
    if not text or len(text) > MAX_HEADER_CELL or is_amount(text) or text.endswith((".", ";")):
        return False
    return bool(words.row_number_header.match(text) or words.label_column_header.match(text)
                or words.unit_column_header.match(text) or column_kind(text)
                or words.comparison_column.search(text) or stated_unit(text)
                or words.header_period.search(text) or regex.fullmatch(r"ghi\s+chú", text, regex.IGNORECASE))


# ---------------------------------------------------------------- finding tables

@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def text_lines(text: str) -> list[_Line]:
    lines, pos = [], 0
    for piece in text.split("\n"):
        lines.append(_Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


def find_tables(text: str) -> list[Table]:
    """Every table in the text, in reading order: `|` rows, tab rows, and one-cell-a-line tables."""
    lines = text_lines(text)
    found: list[tuple[int, int, tuple[Cell, ...], list[tuple[Cell, ...]], str]] = []
    used: set[int] = set()
    for separator, layout in (("|", "pipe"), ("\t", "tab")):
        for first, last in delimited_runs(lines, separator, used):
            rows = [split_cells(lines[i], separator) for i in range(first, last + 1) if not is_rule_line(lines[i].text)]
            above, header, body = header_and_body(rows)
            if body and any(is_amount(c.text) for row in body for c in row):
                found.append((first, last, above, header, body, layout))
                used.update(range(first, last + 1))
    for first, last, header, body in one_cell_a_line_tables(lines, used):
        found.append((first, last, (), header, body, "lines"))
        used.update(range(first, last + 1))
    for first, last, header, body in space_tables(lines, used):
        found.append((first, last, (), header, body, "spaces"))
    found.sort(key=lambda t: t[0])
    result: list[Table] = []
    previous_last = -1
    for k, (first, last, above, header, body, layout) in enumerate(found):
        caption = caption_above(lines, first)
        if result and continues(lines, previous_last, first):
            caption = result[-1].caption  # a table continued on the next page, its header repeated
        result.append(Table(index=k, caption=caption, header=header, rows=tuple(body), header_above=above,
                            start=lines[first].start, end=lines[last].end, layout=layout))
        previous_last = last
    return result


def continues(lines: list[_Line], previous_last: int, first: int) -> bool:
    """Whether only blank lines stand between the previous table and this one."""
    return previous_last >= 0 and all(not lines[i].text.strip() for i in range(previous_last + 1, first))


def delimited_runs(lines: list[_Line], separator: str, used: set[int]) -> list[tuple[int, int]]:
    """Runs of two or more consecutive lines split by ``separator`` (line indexes, inclusive)."""
    runs: list[tuple[int, int]] = []
    first = None
    for i, line in enumerate(lines + [_Line(0, 0, "")]):
        split = i < len(lines) and i not in used and separator in line.text and line.text.count(separator) < MAX_COLUMNS * 2
        if split and first is None:
            first = i
        elif not split and first is not None:
            if i - first >= 2:
                runs.append((first, i - 1))
            first = None
    return runs


def is_rule_line(text: str) -> bool:
    """A Markdown table's rule under its header (`|---|:---:|`)."""
    return bool(regex.fullmatch(r"[\s|:\-+=]*", text)) and "-" in text


def split_cells(line: _Line, separator: str) -> tuple[Cell, ...]:
    """A row's cells with their offsets; the empty pieces outside a Markdown row's outer bars
    (`| a | b |`) dropped. A DOCX row ending in an empty cell (`a | 82 | `) keeps it."""
    pieces, pos = [], line.start
    for piece in line.text.split(separator):
        pieces.append(stripped_cell(pos, piece))
        pos += len(piece) + 1
    framed = line.text.strip()
    if separator == "|" and len(framed) > 1 and framed.startswith("|") and framed.endswith("|"):
        pieces = pieces[1:-1]
    return tuple(pieces)


def stripped_cell(start: int, piece: str) -> Cell:
    lead = len(piece) - len(piece.lstrip())
    text = piece.strip()
    return Cell(start + lead, start + lead + len(text), text)


def header_and_body(rows: list[tuple[Cell, ...]]):
    """The header is the first row when it states no amount (else the table has none), or a row
    under it, still without amounts, that names more columns: a two-level header (`Kết quả thống
    kê` over `Đơn vị tính | Số liệu`) is read by its lower, finer row; the cells above it are kept.
    Returns (cells above the header, header, body)."""
    if not rows or any(is_amount(c.text) for c in rows[0]):
        return (), (), rows
    chosen = 0
    for k in range(1, len(rows)):
        if any(is_amount(c.text) for c in rows[k]):
            break
        if len(rows[k]) > len(rows[chosen]):
            chosen = k
    return tuple(c for row in rows[:chosen] for c in row), rows[chosen], rows[chosen + 1:]


SPACE_ROW = regex.compile(
    r"^(?P<pre>.*?)(?<!\S)(?P<number>\d{1,3}\.?)\s+(?P<label>\S.*?)(?P<figures>(?:\s+(?:\d[\d.,]*%?|[-–]))+)\s*$")


# what every such row ends with (a figure after a space), tried from the end first: on a long line
# of prose SPACE_ROW is tried at length before it fails, this at once
SPACE_ROW_END = regex.compile(r"\s(?:\d[\d.,]*%?|[-–])\s*$", regex.REVERSE)


def space_row_match(text: str) -> regex.Match | None:
    return SPACE_ROW.match(text) if SPACE_ROW_END.search(text) else None


def space_tables(lines: list[_Line], used: set[int]):
    """Tables whose PDF text layer lost the column rules: numbered rows of a label and K figures
    split by spaces (`3 Sở Xây dựng 8,00 7,00 7,00 87,50%`), under a header of one column name a line
    (`STT Đơn vị`, `Điểm chuẩn tối đa`, …), whose last name may open the first row (`Chỉ số 1 Sở …`)."""
    i = 0
    while i < len(lines):
        run = []
        j = i
        while j < len(lines) and j not in used and (m := space_row_match(lines[j].text)) \
                and (not m.group("pre").strip() or not run) and regex.search(r"\p{L}{2}", m.group("label")):
            run.append((j, m))
            j += 1
        table = space_table(lines, run) if len(run) >= 3 else None
        if table:
            yield table
            i = j
        else:
            i += 1


def space_table(lines: list[_Line], run: list):
    """The header and rows of a run of numbered rows, when they share a count of figure columns
    (two or more) and as many column names stand above them."""
    counts = [len(m.group("figures").split()) for _, m in run]
    width = max(set(counts), key=counts.count)
    if width < 2 or counts.count(width) < 0.6 * len(counts) or min(counts) < width:
        return None
    first, opening = run[0]
    names = [stripped_cell(lines[first].start + opening.start("pre"), opening.group("pre"))] if opening.group("pre").strip() else []
    k = first - 1
    while k >= 0 and len(names) < width + 2 and lines[k].text.strip() and is_space_header(lines[k].text):
        names.insert(0, stripped_cell(lines[k].start, lines[k].text))
        k -= 1
        if regex.match(r"(?:S?TT|Số\s+TT)\b", names[0].text):
            break  # the header's first line names the row numbers
    if len(names) < width + 1:
        return None
    label_names, figure_names = names[:-width], names[-width:]
    header = tuple(split_label_header(label_names[-1])) + tuple(figure_names)
    rows = [space_row(lines[j], m, width) for j, m in run]
    return k + 1, run[-1][0], header, rows


def is_space_header(text: str) -> bool:
    return len(text.strip()) <= MAX_HEADER_CELL and not regex.search(r"\d{2}", text) and not text.rstrip().endswith((".", ":"))


def split_label_header(cell: Cell) -> list[Cell]:
    """`STT Đơn vị` → `STT`, `Đơn vị`: the names of the row-number and label columns on one line."""
    m = regex.match(r"(S?TT)\s+(\S.*)", cell.text)
    if not m:
        return [Cell(cell.start, cell.start, ""), cell]
    return [Cell(cell.start, cell.start + m.end(1), m.group(1)), Cell(cell.start + m.start(2), cell.end, m.group(2))]


def space_row(line: _Line, m: regex.Match, width: int) -> tuple[Cell, ...]:
    """A numbered row's cells; figures beyond the table's count go back to the label (`Đam Rông 2`)."""
    figures = list(regex.finditer(r"\S+", m.group("figures")))
    base = line.start + m.start("figures")
    extra = len(figures) - width
    label_end = line.start + m.end("label") if extra == 0 else base + figures[extra - 1].end()
    cells = [Cell(line.start + m.start("number"), line.start + m.end("number"), m.group("number")),
             Cell(line.start + m.start("label"), label_end, line_text_between(line, line.start + m.start("label"), label_end))]
    cells += [Cell(base + f.start(), base + f.end(), f.group(0)) for f in figures[extra:]]
    return tuple(cells)


def line_text_between(line: _Line, start: int, end: int) -> str:
    return line.text[start - line.start:end - line.start]


def one_cell_a_line_tables(lines: list[_Line], used: set[int]):
    """Tables copied from a web page one cell a line: a header run of N column names (opening with
    `TT` or a label column such as `Chỉ tiêu`, `Tỉnh`), then rows of N lines; blank lines skipped."""
    words = vocabulary()
    filled = [i for i, line in enumerate(lines) if line.text.strip() and i not in used]
    k = 0
    while k < len(filled):
        opening = lines[filled[k]].text.strip()
        if not (words.row_number_header.match(opening) or words.label_column_header.match(opening)):
            k += 1
            continue
        n = 1
        while k + n < len(filled) and n < MAX_COLUMNS and is_header_cell(lines[filled[k + n]].text) \
                and not is_row_number(lines[filled[k + n]].text):
            n += 1
        header_lines = [lines[filled[k + j]] for j in range(n)]
        header = tuple(stripped_cell(line.start, line.text) for line in header_lines)
        if n < 3 or not any(column_kind(c.text) or stated_unit(c.text) or words.unit_column_header.match(c.text)
                            or words.header_period.search(c.text) for c in header[1:]):
            k += 1
            continue
        numbered = bool(words.row_number_header.match(opening))
        body: list[tuple[Cell, ...]] = []
        r = k + n
        while r + n <= len(filled):
            row = tuple(stripped_cell(lines[filled[r + j]].start, lines[filled[r + j]].text) for j in range(n))
            if not is_row_of(row, numbered):
                break
            body.append(row)
            r += n
            if numbered:  # `- Trong đó: …` lines under a numbered row, up to the next row number
                sub_rows, r = sub_rows_after(lines, filled, r, row, n)
                body.extend(sub_rows)
        if body:
            yield filled[k], filled[r - 1], header, body
            k = r
        else:
            k += 1


def sub_rows_after(lines: list[_Line], filled: list[int], r: int, parent: tuple[Cell, ...], n: int):
    """The rows of a numbered table's parts (``- Trong đó: …``) that follow a numbered row: they have
    no number of their own and may lack the last columns (an evaluation left empty), so they run
    from their label to the next label or row number, and are read under the parent's number with
    the missing cells empty. Returns those rows and where the next numbered row starts."""
    rows = []
    while r < len(filled):
        start = r
        cells = []
        while r < len(filled) and len(cells) < n - 1:
            text = lines[filled[r]].text
            if opens_numbered_row(lines, filled, r) or (cells and not is_amount(text) and is_sub_row_label(text)):
                break
            cells.append(stripped_cell(lines[filled[r]].start, text))
            r += 1
        if len(cells) < 3 or is_amount(cells[0].text) or not any(is_amount(c.text) for c in cells[1:]) \
                or any(len(c.text) > MAX_CELL for c in cells):
            return rows, start
        last = cells[-1]
        padding = [Cell(last.end, last.end, "")] * (n - 1 - len(cells))
        rows.append((parent[0], *cells, *padding))
    return rows, r


def opens_numbered_row(lines: list[_Line], filled: list[int], r: int) -> bool:
    """A row number followed by a label: ``4`` alone may be a figure (``Trên 4`` after it), ``1.``
    before ``Tỷ lệ thất nghiệp …`` opens the next row."""
    if not is_row_number(lines[filled[r]].text):
        return False
    following = lines[filled[r + 1]].text if r + 1 < len(filled) else ""
    return not is_amount(following) and not is_row_number(following)


def is_sub_row_label(text: str) -> bool:
    """``- Trong đó: …``, ``+ Thu nội địa``: a line that opens a part of the row above."""
    return vocabulary().sub_row_label.match(text.strip()) is not None


def is_row_of(row: tuple[Cell, ...], numbered: bool) -> bool:
    """Whether N lines read as one row: short cells, a row number first when the header has a TT
    column, and a figure among the rest."""
    if any(len(c.text) > MAX_CELL for c in row):
        return False
    if numbered:
        return is_row_number(row[0].text) and not any(is_row_number(c.text) and not is_amount(c.text) for c in row[1:])
    return not is_amount(row[0].text) and any(is_amount(c.text) for c in row[1:])


def caption_above(lines: list[_Line], first: int) -> str | None:
    """The table's title and unit line: up to two non-blank lines just above it."""
    above: list[str] = []
    i = first - 1
    while i >= 0 and len(above) < 2:
        text = lines[i].text.strip()
        if text:
            if len(text) > 250 or (text.endswith(".") and not stated_unit(text)):
                break  # a sentence of the text, not the table's title
            above.insert(0, text)
            if not stated_unit(text):  # a unit line sits under the title: look one line further
                break
        i -= 1
    return "\n".join(above) or None
