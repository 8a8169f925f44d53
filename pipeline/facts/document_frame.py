"""A document's own frame: its type, the date it speaks from, the place and year it is about.

In: a document, its DATE/LOC/ORG/DOC entities and the ``fact_context.Frame`` of its lines (title
block, headings). Out: one ``DocumentFrame`` (records), stored on ``documents`` and handed to the
facts stage, which reads every figure against it.

Vietnamese government texts say all of this in their header: the issuing body (``HỘI ĐỒNG NHÂN
DÂN TỈNH NINH BÌNH``), the number (``Số: 128/NQ-HĐND``, whose type code says resolution), the
place-and-date line (``Ninh Bình, ngày 08 tháng 12 năm 2023``), the type line (``NGHỊ QUYẾT``)
and the title (``Về kế hoạch phát triển kinh tế - xã hội năm 2024``). News pages have a headline
and a dateline (``05/04/2023, 18:39`` or ``(QNO) - Chiều 9/7, …``); failing both, a text is dated
by the end of the latest period it reports. The patterns are data, in rules/facts/document_frame.yml.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from . import context as fact_context
from .. import rules
from ..records import Document, DocumentFrame, Entity, Mention

GOVERNMENT_TYPES = ("resolution", "plan", "report", "decision", "notice", "official_letter", "law")
HEADER_LINES = 12  # the type line and the number stand within the first lines
MAX_REPORTED_SPAN_DAYS = 366
HEADLINE_WORDS = 30  # a first line longer than this is a paragraph, not a headline
EARLY_MONTHS = 3  # a day in the first quarter may review the year before or plan the year it is in  # a multi-year period (`giai đoạn 2011 - 2023`) dates no report


@dataclass(frozen=True)
class Vocabulary:
    type_lines: dict[str, str]
    type_codes: dict[str, str]
    untyped_number: str
    qa_line: regex.Pattern
    qa_answer: regex.Pattern
    speech_title: regex.Pattern
    state_motto: regex.Pattern
    dateline_line: regex.Pattern
    dateline_lead: regex.Pattern
    dateline_within: int
    ahead_words: regex.Pattern
    not_a_report_date: regex.Pattern
    site: regex.Pattern
    cited_gap: regex.Pattern
    caption: regex.Pattern
    horizon: regex.Pattern
    dateline_event: regex.Pattern


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = rules.load("facts/document_frame")
    pattern = lambda name: regex.compile(data[name], regex.IGNORECASE)  # noqa: E731
    return Vocabulary(
        type_lines={squeezed(k): v for k, v in data["type_lines"].items()},
        type_codes=dict(data["type_codes"]),
        untyped_number=data["untyped_number"],
        qa_line=pattern("qa_line"), qa_answer=pattern("qa_answer"), speech_title=pattern("speech_title"),
        state_motto=pattern("state_motto"), dateline_line=pattern("dateline_line"),
        dateline_lead=pattern("dateline_lead"), dateline_within=int(data["dateline_within"]),
        ahead_words=pattern("ahead_words"), not_a_report_date=pattern("not_a_report_date"),
        site=pattern("site"), cited_gap=pattern("cited_gap"),
        caption=pattern("caption"), horizon=pattern("horizon"),
        dateline_event=pattern("dateline_event"),
    )


LETTER = regex.compile(r"[^\W\d_]")
LAST_LETTER = regex.compile(r"[^\W\d_]", regex.REVERSE)


def squeezed(text: str) -> str:
    """A line as a type word: punctuation around it and extra spaces dropped, upper case.

    What lies between its first and last letter, found from each end: a substitution of the
    non-letters at both ends tried the end of the line at every position of a long line."""
    first = LETTER.search(text)
    if first is None:
        return ""
    return " ".join(text[first.start():LAST_LETTER.search(text).end()].split()).upper()


def read(document: Document, mentions: list[Mention], entities: list[Entity],
         frame: fact_context.Frame | None = None) -> DocumentFrame:
    """The frame of one document (``frame``: its lines, when already built)."""
    frame = frame or fact_context.Frame(document, mentions, entities)
    own = own_number(frame, entities)
    doc_type = document_type(frame, own)
    cited = cited_dates(frame, entities)
    reported_on, source = reported_date(frame, own, doc_type, cited)
    place = document_place(frame, doc_type)
    year, year_text = document_year(frame, reported_on)
    return DocumentFrame(
        reported_on=reported_on, doc_type=doc_type,
        place=place[0] if place else None, place_normalized=place[1] if place else None,
        year=year, year_text=year_text, reported_from=source,
    )


def header_lines(frame: fact_context.Frame) -> list[fact_context.Line]:
    return frame.lines[:HEADER_LINES]


def own_number(frame: fact_context.Frame, entities: list[Entity]) -> Entity | None:
    """The document's own number: the DOC on the header's ``Số: …`` line."""
    for line in header_lines(frame):
        if not fact_context.layout().number_line.match(line.text):
            continue
        for entity in entities:
            if entity.type == "DOC" and line.start <= entity.start < line.end:
                return entity
    return None


def type_line(frame: fact_context.Frame) -> str | None:
    """The type named by a line of its own in the header (``NGHỊ QUYẾT``, ``BÁO CÁO``)."""
    for line in header_lines(frame):
        found = vocabulary().type_lines.get(squeezed(line.text))
        if found:
            return found
    return None


def type_of_number(number: Entity | None) -> str | None:
    """The type its own number's code gives (``144/KH-UBND`` → plan; no code → official letter)."""
    if number is None:
        return None
    code = (number.detail or {}).get("type_code")
    if code:
        return vocabulary().type_codes.get(code)
    return vocabulary().untyped_number


def document_type(frame: fact_context.Frame, own: Entity | None) -> str:
    """resolution, plan, report … from the type line, else its number's code; else a page's form."""
    found = type_line(frame) or type_of_number(own)
    if found:
        return found
    first = frame.lines[0].text if frame.lines else ""
    if any(vocabulary().qa_line.search(line.text) for line in header_lines(frame)) or (
            first.rstrip().endswith("?") and vocabulary().qa_answer.search(frame.text)):
        return "qa"  # a question answered from the law
    if vocabulary().speech_title.search(first):
        return "speech"
    if any(vocabulary().state_motto.search(line.text) for line in frame.lines[:4]):
        return "other"  # a government header whose type we cannot read
    return "news"


def cited_dates(frame: fact_context.Frame, entities: list[Entity]) -> set[int]:
    """Starts of the DATEs that give a cited document's date of issue (``Nghị quyết số 128/NQ-HĐND
    ngày 9/12/2022``, ``12-NQ/TU (ngày 28/11/2022)``): they date that document, not this one."""
    ends = sorted(e.end for e in entities if e.type == "DOC")
    cited = set()
    for entity in frame.dates:
        before = bisect.bisect_right(ends, entity.start)  # the last DOC ending before it (a scan of them all cost dates × DOCs)
        if before and vocabulary().cited_gap.fullmatch(frame.text[ends[before - 1]:entity.start]):
            cited.add(entity.start)
    return cited


def reported_date(frame: fact_context.Frame, own: Entity | None, doc_type: str,
                  cited: set[int] = frozenset()) -> tuple[str | None, str | None]:
    """The ISO date the document speaks from, and where it was read."""
    day = header_date(frame)
    if day:
        return day, "header"
    signed = signing_date(own)
    if signed:
        return signed, "document_number"
    if doc_type not in GOVERNMENT_TYPES:
        day = dateline(frame, cited)
        if day:
            return day, "dateline"
    latest = latest_period_end(frame, cited)
    if latest:
        return latest, "latest_period"
    return None, None


def day_of(entity: Entity) -> str | None:
    """The ISO day a DATE names, when it names one day."""
    bounds = fact_context.period_bounds(entity)
    if bounds and bounds[0] == bounds[1] and len(bounds[0]) == 10:
        return bounds[0]
    return None


def header_date(frame: fact_context.Frame) -> str | None:
    """The day on the place-and-date line (``Ninh Bình, ngày 02 tháng 12 năm 2024``)."""
    for line in frame.lines[:8]:
        if fact_context.layout().place_and_date_line.search(line.text):
            for entity in frame.dates_in(line.start, line.end):
                if day_of(entity):
                    return day_of(entity)
    return None


def signing_date(number: Entity | None) -> str | None:
    """The date its own number carries (``… ngày 28/11/2022``), else the number's year."""
    if number is None:
        return None
    detail = number.detail or {}
    if detail.get("date"):
        return str(detail["date"])
    if detail.get("year"):
        return str(detail["year"])
    return None


def dateline(frame: fact_context.Frame, cited: set[int] = frozenset()) -> str | None:
    """A news page's date: a line of only a date and time, else the day that opens the lead
    (``Chiều 5/1, …``) or that its first sentence gives to the event it tells of (``… tại cuộc
    họp báo diễn ra chiều 9/7``)."""
    limit = vocabulary().dateline_within
    for line in frame.lines[:4]:
        if line.start < limit and vocabulary().dateline_line.search(line.text):
            for entity in frame.dates_in(line.start, line.end):
                if day_of(entity):
                    return day_of(entity)
    for entity in frame.dates:
        if entity.start >= limit:
            break
        before = sentence_before(frame.text, entity.start)
        opens_text = before == frame.text[frame.text.rfind("\n", 0, entity.start) + 1:entity.start]
        if day_of(entity) and (vocabulary().dateline_lead.search(before)
                               or (opens_text and vocabulary().dateline_event.search(before))):
            if (entity.detail or {}).get("year_inferred"):
                return not_before_narrated(day_of(entity), frame, cited)
            return day_of(entity)
    return None


def not_before_narrated(day: str, frame: fact_context.Frame, cited: set[int]) -> str:
    """A dateline written without its year (``Ngày 28/4, …``) falls in a year no earlier than the
    start of any month or quarter the text tells of with its year written (``vào tháng 10/2020``):
    a page cannot report what had not yet begun. Periods ahead (``mục tiêu … năm 2030``) do not
    count. Whole years, which news names as often for plans as for results, count only for a day
    early in a year (``Ngày 11/1, … tổng kết công tác năm 2018``): a year-end review, so the year
    it names is over."""
    early = int(day[5:7]) <= EARLY_MONTHS
    inferred = year = int(day[:4])
    for start, end, _ in reported_periods(frame, cited, written_years_only=True):
        if not (start[5:] == "01-01" and end[5:] == "12-31"):
            while f"{year}{day[4:]}" < start:  # a month or quarter told of has begun
                year += 1
        elif early and f"{inferred}{day[4:]}" < end:
            year = max(year, inferred + 1)  # a whole year reviewed is over, by a year's turn at most
    return f"{year}{day[4:]}"


def sentence_before(text: str, offset: int) -> str:
    """The words of its sentence before ``offset`` (from the line start or the last full stop)."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset]
    stop = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    return before[stop + 2:] if stop >= 0 else before


def reported_periods(frame: fact_context.Frame, cited: set[int] = frozenset(),
                     written_years_only: bool = False) -> list[tuple[str, str, bool]]:
    """The (start, end, whether its year was inferred) of each period the text reports: not a baseline, not a cited document's
    date, not a plan's horizon (``mục tiêu đến năm 2030``), not a birth year, not a span of
    several years."""
    periods = []
    for entity in frame.dates:
        detail = entity.detail or {}
        bounds = fact_context.period_bounds(entity)
        if (not bounds or len(bounds[1]) != 10 or detail.get("baseline") or entity.start in cited
                or (written_years_only and detail.get("year_inferred"))):
            continue
        span = (date.fromisoformat(bounds[1]) - date.fromisoformat(bounds[0])).days
        if span > MAX_REPORTED_SPAN_DAYS or vocabulary().not_a_report_date.search(entity.text):
            continue
        before = frame.text[max(0, entity.start - 60):entity.start]
        if vocabulary().ahead_words.search(before) or (
                bounds[0][5:] == "01-01" and bounds[1][5:] == "12-31" and vocabulary().horizon.search(before)):
            continue
        periods.append((bounds[0], bounds[1], bool(detail.get("year_inferred"))))
    return periods


def latest_period_end(frame: fact_context.Frame, cited: set[int] = frozenset()) -> str | None:
    """The end of the latest period the text reports. A day that happened (``tính đến ngày
    18/8``) dates a text best; then a part of a year (``9 tháng``, which may also be a part
    still to come: ``6 tháng cuối năm``); whole years count only when nothing finer is named."""
    days, finer, years = [], [], []
    for start, end, _ in reported_periods(frame, cited):
        if start == end:
            days.append(end)
        elif start[5:] == "01-01" and end[5:] == "12-31":
            years.append(end)
        else:
            finer.append(end)
    ends = days or finer or years
    return max(ends) if ends else None


def document_place(frame: fact_context.Frame, doc_type: str) -> tuple[str, str] | None:
    """The issuing body's place (``UBND TỈNH BẮC NINH``), else the first place its title names,
    else the place it names most (at least twice)."""
    if doc_type in GOVERNMENT_TYPES or doc_type == "other":
        for line in header_lines(frame)[:4]:
            if fact_context.layout().number_line.match(line.text):
                break
            found = first_place(frame, line.start, line.end)
            if found:
                return found
    for line in frame.lines[:1] + [line for line in frame.title if line.start > 0]:
        if vocabulary().caption.search(line.text):
            continue  # a photo's caption names where the photo was taken
        found = first_place(frame, line.start, line.end)
        if found:
            return found
    return most_named_place(frame)


def most_named_place(frame: fact_context.Frame) -> tuple[str, str] | None:
    """The place named most (twice at least): a country, region or administrative unit, not a
    street or a site (``số 27 đường …``), which a story passes through."""
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for entity in frame.places:
        if entity.type != "LOC" or vocabulary().site.search(entity.text):
            continue
        found = fact_context.place_of(entity)
        if found:
            counts[found[1]] = counts.get(found[1], 0) + 1
            first.setdefault(found[1], found[0])
    best = max(counts, key=lambda k: counts[k], default=None)
    return (first[best], best) if best and counts[best] >= 2 else None


def first_place(frame: fact_context.Frame, start: int, end: int) -> tuple[str, str] | None:
    """The first place named between ``start`` and ``end`` (a LOC, or the place in an ORG's name),
    the state's name in the national motto aside."""
    for entity in frame.places:
        if (not start <= entity.start < end or vocabulary().state_motto.search(entity.text)
                or vocabulary().site.search(entity.text)):
            continue
        found = fact_context.place_of(entity)
        if found:
            return found
    text = frame.text[start:end]
    for m in fact_context.layout().header_place.finditer(text):
        if not vocabulary().state_motto.search(text[max(0, m.start() - 30):m.end() + 10]):
            return m.group(0), fact_context.normalize_place(m.group(1))
    return None


def headline(frame: fact_context.Frame) -> list[fact_context.Line]:
    """A news page's first line when no title block was found: a headline may state a figure
    (``Phú Thọ: GRDP năm 2020 ước tính tăng 3,56%``), which keeps it out of the headings."""
    if not frame.lines:
        return []
    first = frame.lines[0]
    words = first.text.split()
    return [first] if len(words) <= HEADLINE_WORDS and not first.text.rstrip().endswith(".") else []


def document_year(frame: fact_context.Frame, reported_on: str | None) -> tuple[int | None, str | None]:
    """The year the title names (``năm 2024``), with its phrase; a title naming a span of years
    (``giai đoạn 2026 - 2030``) is about no one year; else the year of ``reported_on``."""
    for line in frame.title or headline(frame):
        for entity in frame.dates_in(line.start, line.end):
            bounds = fact_context.period_bounds(entity)
            if not bounds:
                continue
            if bounds[0][:4] != bounds[1][:4]:
                return None, None
            if bounds[0][5:] in ("", "01-01") and bounds[1][5:] in ("", "12-31"):
                return int(bounds[0][:4]), entity.text
    if reported_on and reported_on[:4].isdigit():
        return int(reported_on[:4]), None
    return None, None
