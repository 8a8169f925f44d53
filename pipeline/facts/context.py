"""The context a figure sits in: its paragraph, the headings above it, its period and its place.

Government texts govern a list by what stands above it: ``NGHỊ QUYẾT về dự toán … năm 2017``,
``Điều 1. Thông qua các chỉ tiêu …:``, ``I. KẾT QUẢ THỰC HIỆN``. A ``Frame`` finds those
headings once per document (lines with no figure of their own that end in ``:``, are numbered
``I.``/``Điều 1.``, are written in capitals, or are short titles), so a figure whose sentence has
no cue takes the kind of the nearest heading with one, up to its top-level heading, and then of
the document's title block. The same walk gives the period (``năm 2024`` in a heading) and the
place (``HĐND TỈNH NINH BÌNH``) when the sentence names none. The Frame also knows the line that
introduces a list (``… mức học phí như sau:``), the document's date (``Hà Nội, ngày …``, against
which a forecast for a period already over reads as a result), and the cells of ``|`` tables,
whose column headers (``Kế hoạch năm 2024 | Ước thực hiện năm 2024``) say plan or result.
"""
from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from . import cues as fact_cues
from .. import rules
from ..end_anchored import EndAnchored
from ..records import Document, DocumentFrame, Entity, Mention
from ..text_norm import modern_tone_placement


EXAMPLE_LINES = 6  # how far a worked example announced on a line of its own runs at most
YEAR_END_MONTH = 10  # a report dated from October on, its title naming no period, reports the year


def layout():
    """Document layout patterns (rules/facts/cues.yml, ``structure``)."""
    return fact_cues.structure()


@lru_cache(maxsize=1)
def worked_example() -> EndAnchored:
    """The line announcing a worked example (it ends in a colon): tried from the end first, since a
    search from the start tried every `có` of every line of the document."""
    return EndAnchored(rules.load("facts/cues")["structure"]["worked_example"], regex.IGNORECASE)


@lru_cache(maxsize=1)
def as_of_day() -> regex.Pattern:
    """What makes a day a period's end (rules/facts/document_frame.yml, ``as_of_day``)."""
    return regex.compile(rules.load("facts/document_frame")["as_of_day"], regex.IGNORECASE)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    heading: bool
    top_level: bool


@dataclass(frozen=True)
class TableCell:
    header: str  # the column's header text
    header_start: int  # where it stands in the document, to find its DATE
    header_end: int
    label: str | None  # the row's label


def inside_any(spans: list[tuple[int, int]]):
    """A test of whether an offset lies inside any of ``spans`` (start, end), by binary search:
    a check against every span made the frame of a long document cost its figures times its names."""
    spans = sorted(spans)
    starts = [start for start, _ in spans]
    reach = list(itertools.accumulate((end for _, end in spans), max))  # furthest end among the spans so far

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and reach[i] > offset

    return inside


def is_caps(text: str) -> bool:
    letters = list(filter(str.isalpha, text))  # (the filter in C: a long line costs its length once)
    return len(letters) >= 4 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


class Frame:
    """Headings, title block and main place of one document."""

    def __init__(self, document: Document, mentions: list[Mention], entities: list[Entity]):
        self.text = document.text
        self.about: DocumentFrame | None = None  # the document's own frame, once read (read_against)
        self.dates = sorted((e for e in entities if e.type == "DATE"), key=lambda e: e.start)
        self.date_starts = [e.start for e in self.dates]  # dates_in is asked once per figure: a bisect, not a scan
        # a place inside a figure (`500 tỉ đô la Mỹ`) names a currency, not where the figure belongs
        inside_figure = inside_any([(m.start, m.end) for m in mentions])
        self.places = sorted((e for e in entities if e.type in ("LOC", "ORG") and not inside_figure(e.start)),
                             key=lambda e: e.start)
        self.place_starts = [e.start for e in self.places]  # places_before is asked once per figure
        self.lines: list[Line] = []
        figure_starts = self.figure_starts = sorted(m.start for m in mentions)
        self.amount_starts = sorted(m.start for m in mentions if m.type != "quantity")
        offset = 0
        for raw in self.text.split("\n"):
            start, end = offset, offset + len(raw)
            offset = end + 1
            if not raw.strip():
                continue
            i = bisect.bisect_left(figure_starts, start)
            has_figure = i < len(figure_starts) and figure_starts[i] < end
            stripped = raw.strip()
            heading = (not has_figure and not layout().preamble.search(stripped) and not layout().place_and_date_line.search(stripped)
                       and (stripped.endswith(":") or layout().top_level_heading.search(stripped) is not None or is_caps(stripped)
                            or (len(stripped.split()) <= 20 and not stripped.endswith("."))))
            top = heading and (layout().top_level_heading.search(stripped) is not None)
            self.lines.append(Line(start, end, raw, heading, top))
        self.line_starts = [line.start for line in self.lines]
        self.title = self._title_block()
        # a government document names its type in a line of its own (NGHỊ QUYẾT, BÁO CÁO …)
        self.typed = any(layout().document_type.match(line.text) for line in self.lines[:12])
        self.document_date = self._document_date()
        self.examples = self._worked_examples()
        # what the lines above an offset give depends only on the line it is in: read once a line
        self.by_line: dict[tuple[str, int], object] = {}

    def read_against(self, about: DocumentFrame) -> None:
        """Read the figures against the document's own frame, once it is known (``document_frame``
        reads it from these same lines)."""
        self.about = about
        self.document_date = written_on(about)

    def _title_block(self) -> list[Line]:
        """The heading lines before the body starts (first preamble line or first top-level heading)."""
        block: list[Line] = []
        after_type = False  # the line naming the document's type (NGHỊ QUYẾT, BÁO CÁO …) has been seen
        for line in self.lines:
            if layout().number_line.match(line.text) or layout().place_and_date_line.search(line.text):
                continue  # the number and the place-and-date lines sit inside the title block
            if line.top_level or layout().preamble.search(line.text) or (not line.heading and len(line.text.split()) > 25):
                break
            # a title may hold a figure (`… năm 2025 với mục tiêu tăng trưởng đạt 8% trở lên`)
            if line.heading or (after_type and not line.text.rstrip().endswith(".")):
                block.append(line)
            elif block:
                break  # a sentence of the body: what follows is no longer the title
            after_type = after_type or bool(layout().document_type.match(line.text))
        return block

    def _worked_examples(self) -> list[tuple[int, int]]:
        """The spans of worked examples: from a line announcing one to the next heading (at most
        ``EXAMPLE_LINES`` lines)."""
        spans = []
        for i, line in enumerate(self.lines):
            if not worked_example().search(line.text):
                continue
            end = line.end
            for following in self.lines[i + 1:i + 1 + EXAMPLE_LINES]:
                if following.heading and not following.text.rstrip().endswith(":"):
                    break
                end = following.end
            spans.append((line.start, end))
        return spans

    def in_example(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.examples)

    def _document_date(self) -> date | None:
        """The signing date (``Ninh Bình, ngày 02 tháng 12 năm 2024``), else the first DATE in the title."""
        for line in self.lines[:8]:
            if layout().place_and_date_line.search(line.text):
                for entity in self.dates_in(line.start, line.end):
                    bounds = period_bounds(entity)
                    if bounds:
                        return date.fromisoformat(bounds[0])
        return None

    def line_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.line_starts, offset) - 1)

    def lines_before(self, index: int):
        """The lines before line ``index``, nearest first (asked once a figure: no copy of the list)."""
        lines = self.lines
        return (lines[j] for j in range(min(index, len(lines)) - 1, -1, -1))

    def governing_lines(self, offset: int):
        """Headings above ``offset``, nearest first, up to and including the top-level one; then the title."""
        for line in self.lines_before(self.line_index(offset)):
            if line.heading and line not in self.title:
                yield line
                if line.top_level:
                    break
        yield from reversed(self.title)

    def table_cell(self, offset: int) -> TableCell | None:
        """The table cell holding ``offset``, with its column's header and its row's label.

        A table is a run of lines split by ``|``; its header is the first row (the row that names
        the columns: `Kế hoạch năm 2024 | Ước thực hiện năm 2024`), and a row's label is its
        longest cell of words before the cell (`Tổng thu NSNN trên địa bàn`).
        """
        index = self.line_index(offset)
        line = self.lines[index] if self.lines else None
        if line is None or line.text.count("|") < 2:
            return None
        first = index
        while first > 0 and self.lines[first - 1].text.count("|") >= 2 and \
                self.lines[first - 1].end + 1 >= self.lines[first].start:
            first -= 1
        header = self.lines[first]
        if header is line:
            return None
        column = line.text[:offset - line.start].count("|")
        header_cells = header.text.split("|")
        row_cells = line.text.split("|")
        if column >= len(header_cells):
            return None
        header_start = header.start + sum(len(c) + 1 for c in header_cells[:column])
        label = max((c.strip() for c in row_cells[:column] if TWO_LETTERS.search(c)),
                    key=len, default=None)
        return TableCell(header_cells[column].strip(), header_start, header_start + len(header_cells[column]),
                         label)

    def lead_in(self, offset: int) -> str | None:
        """The line introducing the list a figure sits in (`… mức học phí năm 2021 dự kiến như sau:`).

        Walks back over the list's lines (lines with figures) to the first line without one, and
        returns it when it ends in a colon.
        """
        for line in self.lines_before(self.line_index(offset)):
            if not line.heading:
                if self._has_figure(line):
                    continue
                return None
            return line.text if line.text.rstrip().endswith(":") else None
        return None

    def list_lead_in(self, offset: int) -> str | None:
        """The line ending in a colon that opens the numbered or bulleted list ``offset`` is an item of
        (`… 15 chỉ tiêu năm 2026 được thông qua, cụ thể:` over `(1) …`, `(2) …`), else None."""
        index = self.line_index(offset)
        if not self.lines or not layout().list_item.match(self.lines[index].text):
            return None
        for line in self.lines_before(index):
            if layout().list_item.match(line.text):
                continue
            # a line that reports amounts of its own (`Tổng thu … ước đạt 3.216 tỷ đồng, … Trong đó:`)
            # opens a breakdown, not a list of targets
            i = bisect.bisect_left(self.amount_starts, line.start)
            has_amount = i < len(self.amount_starts) and self.amount_starts[i] < line.end
            return line.text if line.text.rstrip().endswith(":") and not has_amount else None
        return None

    def once_a_line(self, name: str, offset: int, read):
        """``read(offset)``, kept for the line ``offset`` is in (its figures all ask the same)."""
        key = (name, self.line_index(offset))
        if key not in self.by_line:
            self.by_line[key] = read(offset)
        return self.by_line[key]

    def list_kind(self, offset: int) -> str | None:
        """``target`` for an item of a list whose lead-in sets targets, however the item is worded."""
        return self.once_a_line("list_kind", offset, self._list_kind)

    def _list_kind(self, offset: int) -> str | None:
        lead_in = self.list_lead_in(offset)
        return "target" if lead_in and fact_cues.sets_targets(lead_in) else None

    def _has_figure(self, line: Line) -> bool:
        i = bisect.bisect_left(self.figure_starts, line.start)
        return i < len(self.figure_starts) and self.figure_starts[i] < line.end

    def heading_kind(self, offset: int) -> str | None:
        """The kind the headings above ``offset`` give. A news headline (`Giá xăng có thể tăng mạnh`)
        speaks of one story, not of every figure below it: only a typed document's title governs, or a
        title that names a plan's figures (``CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024``)."""
        return self.once_a_line("heading_kind", offset, self._heading_kind)

    def _heading_kind(self, offset: int) -> str | None:
        for line in self.governing_lines(offset):
            if (line in self.title and not self.typed and not line.text.rstrip().endswith(":")
                    and not layout().plan_title.search(line.text)):
                continue
            kind = fact_cues.heading_kind(line.text)
            if kind:
                return kind
        return None

    def places_before(self, start: int, limit: int) -> list[Entity]:
        """The places (LOC, ORG) from ``start`` that end by ``limit``, in order: a bisect, not a scan
        of every place of the document for each figure."""
        first, last = bisect.bisect_left(self.place_starts, start), bisect.bisect_right(self.place_starts, limit)
        return [e for e in self.places[first:last] if e.end <= limit]

    def dates_in(self, start: int, end: int) -> list[Entity]:
        first, last = bisect.bisect_left(self.date_starts, start), bisect.bisect_left(self.date_starts, end)
        return [e for e in self.dates[first:last] if e.end <= end]

    def heading_period(self, offset: int) -> Entity | None:
        """The period the headings above name. A day in a heading (`Ngày 10/12/2024, Hội đồng … thông
        qua các chỉ tiêu sau:`) is when it was said, not what the figures cover, unless the figures
        run up to it (`Tính đến ngày 30/6/2024:`)."""
        return self.once_a_line("heading_period", offset, self._heading_period)

    def _heading_period(self, offset: int) -> Entity | None:
        for line in self.governing_lines(offset):
            for entity in self.dates_in(line.start, line.end):
                if period_bounds(entity) and not self.is_event_day(entity):
                    return entity
        return None

    def is_event_day(self, entity: Entity) -> bool:
        if entity.detail.get("granularity") != "day":
            return False
        return not as_of_day().search(self.text[max(0, entity.start - 20):entity.start])

    def document_period(self) -> tuple[str | None, str, str] | None:
        """The year a resolution, plan or report is about, for figures that name no period: the
        title's (`… năm 2024`), or for a year-end report (dated in the last quarter) the year it
        speaks from; a report from mid-year speaks of the months so far, not of the year."""
        about = self.about
        if about is None or about.year is None or about.doc_type not in ("resolution", "plan", "report"):
            return None
        if about.year_text is None and not (about.doc_type == "report" and self.document_date
                                            and self.document_date.year == about.year
                                            and self.document_date.month >= YEAR_END_MONTH):
            return None
        return about.year_text, f"{about.year}-01-01", f"{about.year}-12-31"

    def main_place(self) -> tuple[str, str] | None:
        """The place of the issuing body in the header, else the most named LOC."""
        for line in self.lines[:3]:
            for entity in self.places:
                if line.start <= entity.start < line.end:
                    found = place_of(entity)
                    if found:
                        return found
            m = layout().header_place.search(line.text)
            if m:
                return m.group(0), normalize_place(m.group(1))
        counts: dict[str, int] = {}
        first: dict[str, str] = {}
        for entity in self.places:
            found = place_of(entity)
            if found and entity.type == "LOC":
                counts[found[1]] = counts.get(found[1], 0) + 1
                first.setdefault(found[1], found[0])
        if counts:
            best = max(counts, key=lambda k: counts[k])
            if counts[best] >= 2:  # a place named once in passing is not what the text is about
                return first[best], best
        return None


def written_on(about: DocumentFrame) -> date | None:
    """The day a document was written, for reading forecasts against: its header's, its
    number's or its dateline's day. The end of the latest period it reports is only a guess
    (a plan's horizon may pass for it) and a year alone names no day."""
    if about.reported_from == "latest_period" or not about.reported_on or len(about.reported_on) != 10:
        return None
    return date.fromisoformat(about.reported_on)


ISO_DATE = regex.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
TWO_LETTERS = regex.compile(r"\p{L}{2}")


def period_bounds(entity: Entity) -> tuple[str, str] | None:
    """ISO (start, end) of a DATE entity: its detail from the date stage, else its value."""
    detail = entity.detail or {}
    if detail.get("start") and detail.get("end"):
        return str(detail["start"]), str(detail["end"])
    value = entity.normalized or detail.get("value")
    if not value:
        return None
    m = ISO_DATE.fullmatch(str(value))
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return value, value
    if month:
        last = (date(int(year) + (month == "12"), int(month) % 12 + 1, 1).toordinal() - 1)
        return f"{year}-{month}-01", date.fromordinal(last).isoformat()
    return f"{year}-01-01", f"{year}-12-31"


def normalize_place(name: str) -> str:
    """``tỉnh Quảng Ninh`` / ``TP Móng Cái`` → ``Quảng Ninh`` / ``Móng Cái`` (title case kept from the text),
    ``tỉnh Thanh Hoá`` → ``Thanh Hóa``: in the modern tone-mark style, as ``places`` names it, so a
    text in either style maps and pairs alike."""
    name = layout().admin_level.sub("", name.strip())
    if name.isupper():
        name = " ".join(w.capitalize() for w in name.split())
    return modern_tone_placement(name)


def place_of(entity: Entity) -> tuple[str, str] | None:
    """The place a LOC names, or the place in an ORG's name (``Cục Thống kê tỉnh Gia Lai`` → Gia Lai)."""
    if entity.type == "LOC":
        return entity.text, normalize_place(entity.normalized or entity.text)
    m = layout().org_place.search(entity.text)
    if m:
        return m.group(0), normalize_place(m.group(1))
    return None
