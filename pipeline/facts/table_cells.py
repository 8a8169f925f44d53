"""Table cells → figures: each amount cell of a found table becomes a ``Mention`` whose unit,
indicator, kind, period and place come from where the cell stands — its column header, the row's
label and unit column, the caption — since a cell such as ``8,0`` says nothing on its own.

``tables.find_tables`` finds the tables; ``read_cells`` reads them, keeping the figure the number
grammar already found at a cell's place and adding the table's meaning to it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import context as fact_context, cues as fact_cues, indicators
from .tables import column_kind, header_period, is_amount, is_row_number, is_unit, stated_unit, vocabulary
from ..numbers import grammar as numbers
from ..entities import places
from ..records import Cell, Mention, Table


@dataclass(frozen=True)
class Columns:
    """What the columns of a table are: row numbers, units, and names (of places, bodies) whose
    figures measure what the column header says."""

    row_number: int | None
    unit: int | None
    names: bool  # the label column names places or bodies (`Tỉnh`, `Đơn vị` holding `Sở Tư pháp`)


def columns_of(table: Table) -> Columns:
    """Each column by its header, checked against what its cells hold (a `Đơn vị` column is one of
    units when its cells are units, of bodies otherwise); a table with no header by its cells alone."""
    words = vocabulary()
    width = len(table.header) or max(map(len, table.rows), default=0)
    column = [[c.text for row in table.rows for j, c in enumerate(aligned(row, width)) if j == k and c and c.text]
              for k in range(width)]
    headers = [c.text for c in table.header]

    def share(k: int, test) -> float:
        return sum(map(test, column[k])) / len(column[k]) if column[k] else 0.0

    row_number = next((k for k, h in enumerate(headers) if words.row_number_header.match(h)), None)
    if row_number is None and width and share(0, is_row_number) >= 0.8:
        row_number = 0
    unit = next((k for k in range(width) if k != row_number and share(k, is_unit) >= 0.5
                 and (k < len(headers) and words.unit_column_header.match(headers[k]) or not headers)), None)
    names = any(words.name_column_header.match(h) for k, h in enumerate(headers) if k not in (row_number, unit))
    return Columns(row_number, unit, names)


def aligned(row: tuple[Cell, ...], width: int) -> list[Cell | None]:
    """A row set against the header's columns; a row with fewer cells (a merged label) is aligned
    on its right, where the figures are."""
    if not width or len(row) >= width:
        return list(row[:width] if width else row)
    return [None] * (width - len(row)) + list(row)


def read_cells(text: str, tables: list[Table], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each table amount cell read as one figure with its fact fields set.

    A figure the number grammar already found in a cell keeps its reading when the cell has its
    own unit (`7,5%`), and is replaced when the table says what the unit is."""
    replaced: set[int] = set()
    added: list[Mention] = []
    for table in tables:
        for cell, mention in table_figures(table, mentions):
            inside = [k for k, m in enumerate(mentions) if m.start < cell.end and cell.start < m.end]
            replaced.update(inside)
            added.append(mention)
    kept = [m for k, m in enumerate(mentions) if k not in replaced]
    return sorted(kept + added, key=lambda m: (m.start, m.end))


def table_figures(table: Table, mentions: list[Mention]):
    """(cell, mention) for every amount cell of the table."""
    columns = columns_of(table)
    caption_unit = stated_unit_of_caption(table.caption)
    caption_kind = upper_header_kind(table) or caption_kind_of(table.caption)
    caption_period = header_period(table.caption) if table.caption else None
    width = len(table.header)
    groups = column_groups(table)
    for row in table.rows:
        cells = aligned(row, width)
        for j, cell in enumerate(cells):
            if cell is None or j in (columns.row_number, columns.unit) or not is_amount(cell.text):
                continue
            label = row_label(cells[:j], columns)
            header = table.header[j].text if j < width else ""
            unit = stated_unit(header) or row_unit_of(cells, columns, label) or caption_unit
            figure = cell_figure(cell, unit, mentions)
            if figure is None:
                continue
            place = place_of_label(label.text) if label else None
            by_name = place is not None or columns.names
            if place is None and j in groups:  # the rows are indicators, the column groups places
                place = place_of_label(groups[j])
            indicator = indicator_of(None if by_name or label is None else label.text, header)
            change = "increase" if figure.type == "percent" and indicator and growth().search(indicator) else "level"
            period = header_period(header) or caption_period
            comparison = bool(header and vocabulary().comparison_column.search(header))
            kind = column_kind(header) if header else None
            cell_kind = kind or (None if comparison else caption_kind)
            facts = {
                "indicator": indicator,
                "indicator_key": indicators.indicator_key(indicator, figure.type, change),
                "kind": cell_kind,
                "kind_cue": (f"column “{header}” → {cell_kind}" if kind else f"the table's title → {cell_kind}")
                            if cell_kind else None,
                "kind_confidence": "high" if kind else ("medium" if cell_kind else None),
                "change": change,
                "period_text": period[0] if period else None,
                "period_start": period[1] if period else None,
                "period_end": period[2] if period else None,
                "place": place[0] if place else None,
                "place_normalized": place[1] if place else None,
            }
            yield cell, dataclasses.replace(figure, **facts)


def column_groups(table: Table) -> dict[int, str]:
    """The upper header's cell over each column of the lower one, when the upper cells that are not
    the lower row's own (`STT`, `Nội dung`, `Ghi chú` merged down) split the other columns evenly:
    `Lâm Đồng | Đắk Nông | Bình Thuận` over three `Điểm số | Chỉ số | Thứ hạng` each."""
    lower = [c.text for c in table.header]
    upper = [c.text for c in table.header_above]
    first = 0
    while first < min(len(lower), len(upper)) and lower[first] == upper[first]:
        first += 1
    last = 0
    while last < min(len(lower), len(upper)) - first and lower[-1 - last] == upper[-1 - last]:
        last += 1
    spanning = upper[first:len(upper) - last]
    columns = len(lower) - first - last
    if len(spanning) < 2 or columns <= len(spanning) or columns % len(spanning):
        return {}
    each = columns // len(spanning)
    return {first + k: spanning[k // each] for k in range(columns)}


def upper_header_kind(table: Table) -> str | None:
    """The kind the upper row of a two-level header gives the columns under it (`Kết quả thống kê`
    over `Đơn vị tính | Số liệu`), when the cells that span columns (not those merged down into the
    lower row, such as `STT`, `Chỉ tiêu`) name one kind only."""
    lower = {c.text for c in table.header}
    kinds = {column_kind(c.text) for c in table.header_above if c.text not in lower}
    kinds.discard(None)
    return kinds.pop() if len(kinds) == 1 else None


def stated_unit_of_caption(caption: str | None) -> str | None:
    if not caption:
        return None
    return next((u for line in caption.split("\n") if (u := stated_unit(line))), None)


def caption_kind_of(caption: str | None) -> str | None:
    """An annex of targets (`Phụ lục: Chỉ tiêu … năm 2025`) → target; a results report → actual."""
    if not caption:
        return None
    return fact_cues.heading_kind(caption.split("\n")[0])


@lru_cache(maxsize=1)
def growth() -> regex.Pattern:
    return fact_context.layout().growth


def row_label(before: list[Cell | None], columns: Columns) -> Cell | None:
    """What a cell's row is about: the longest cell of words before it that is neither a row
    number, a unit nor a figure (a note after the figures, `Ghi chú`, is not its label)."""
    candidates = [c for j, c in enumerate(before)
                  if c is not None and j not in (columns.row_number, columns.unit)
                  and regex.search(r"\p{L}{2}", c.text) and not is_amount(c.text)]
    return max(candidates, key=lambda c: len(c.text), default=None)


def row_unit_of(cells: list[Cell | None], columns: Columns, label: Cell | None) -> str | None:
    """The unit the row states: in its unit column (`%`, `tỷ đồng`), else in its label (`(%)`)."""
    if columns.unit is not None and columns.unit < len(cells) and cells[columns.unit] is not None:
        written = cells[columns.unit].text
        if is_unit(written):
            return written
    return stated_unit(label.text) if label else None


def place_of_label(label: str) -> tuple[str, str] | None:
    """(place, normalized) when the row label is a place (`Hà Nội`, `Tỉnh Quảng Ninh`)."""
    found = [e for e in places.find_places(label) if e.type == "LOC"]
    whole = [e for e in found if len(e.text) >= 0.6 * len(label.strip())]
    if not whole:
        return None
    return fact_context.place_of(max(whole, key=lambda e: len(e.text)))


def indicator_of(label: str | None, header: str) -> str | None:
    """What a cell measures: its row's label, else its column's header, without unit, kind or year."""
    for phrase in (label, header):
        if not phrase:
            continue
        cleaned = cleaned_phrase(phrase, strip_column_words=phrase is header)
        if cleaned:
            return cleaned
    return None


def cleaned_phrase(phrase: str, strip_column_words: bool) -> str:
    words = vocabulary()
    unit = stated_unit(phrase)
    if unit:
        for pattern in words.stated_units:
            phrase = pattern.sub(lambda m: "" if m.group("unit").strip() == unit else m.group(0), phrase)
    if strip_column_words:
        phrase = words.header_period.sub("", phrase)
        for _, pattern in words.column_kinds:
            phrase = pattern.sub("", phrase)
    phrase = regex.sub(r"^\s*(?:[-+*•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)]|trong\s+đó\s*:?)\s*", "", phrase, flags=regex.IGNORECASE)
    phrase = regex.sub(r"\s+", " ", phrase).strip(" :,;-")
    return phrase if regex.search(r"\p{L}{2}", phrase) else ""


def cell_figure(cell: Cell, unit: str | None, mentions: list[Mention]) -> Mention | None:
    """The figure a cell states: read with the table's unit after it, else as the grammar read it."""
    own = [m for m in mentions if cell.start <= m.start and m.end <= cell.end]
    if own and (unit is None or cell_has_unit(cell.text)):
        return dataclasses.replace(own[0], rule=f"table.cell+{own[0].rule}" if own[0].rule else "table.cell")
    if unit is None:
        return None
    probe = f"{cell.text} {unit}"
    read = [m for m in numbers.find_mentions(probe) if m.start < len(cell.text)]
    if len(read) != 1 or read[0].end != len(probe):
        return None
    figure = read[0]
    qualifier = figure.qualifier or symbol_qualifier(cell.text)
    return dataclasses.replace(figure, start=cell.start, end=cell.end, text=cell.text, qualifier=qualifier,
                               rule="table.cell")


def cell_has_unit(text: str) -> bool:
    """Whether a cell writes its own unit (`7,5%`, `2.104 tỷ đồng`) rather than a bare number."""
    return bool(regex.search(r"\d\s*(?:[%‰]|\p{L})", text))


def symbol_qualifier(text: str) -> str | None:
    """`≥ 70`: a bound written as a symbol before the number."""
    stripped = text.strip()
    return vocabulary().cell_qualifiers.get(stripped[:1]) if stripped else None
