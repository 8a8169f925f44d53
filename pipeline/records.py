"""Typed records that flow between the stages.

Every span record carries ``start``/``end``: Python ``str`` offsets into ``Document.text``
(the NFC text that is stored), so ``document.text[start:end] == record.text`` always holds.
Records are frozen: a later stage that adds to a record returns a new one
(``dataclasses.replace``, or ``amended`` where it runs once a figure or entity) rather than
mutating what an earlier stage produced.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

R = TypeVar("R")


def amended(record: R, **changes: Any) -> R:
    """``dataclasses.replace`` for these records, which check nothing in ``__init__``: a copy of
    the record's fields with ``changes`` over them, without calling ``__init__`` (~5× cheaper;
    every figure and entity of a run goes through it). Only existing fields may change."""
    fields = vars(record)
    if not fields.keys() >= changes.keys():
        raise TypeError(f"{type(record).__name__} has no field {', '.join(changes.keys() - fields.keys())}")
    new = object.__new__(type(record))
    vars(new).update(fields, **changes)
    return new


@dataclass(frozen=True)
class Document:
    """A text read from the corpus, normalised to NFC with ``\\n`` line ends."""

    path: str  # relative to the corpus folder, with forward slashes
    text: str
    sha256: str  # of the file's bytes, so an unchanged file is skipped on re-runs
    format: str  # txt, md, html, ...
    title: str | None = None
    warning: str | None = None  # stored, but its text is not clean (words cut by a broken font)


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the document, from 0
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """A word (possibly several syllables) from underthesea's segmenter."""

    start: int
    end: int
    text: str
    tag: str | None = None  # POS tag where a stage asked for one


@dataclass(frozen=True)
class Mention:
    """A number that states an amount: money, percent or quantity.

    ``value`` is in ``unit`` (VND, USD, %, pp, or the counted noun for quantities), with scale
    words applied; ``value_max`` is the high end of a range. The fact fields are filled by the
    facts stage and stay ``None`` before it.
    """

    start: int
    end: int
    text: str
    type: str  # money | percent | quantity
    value: float
    unit: str
    value_max: float | None = None
    qualifier: str | None = None  # over | under | approx | at_least | at_most
    per: str | None = None  # a rate's denominator as written: `tấn` in 3.415 USD/tấn, `4 năm` in đồng/4 năm
    rule: str | None = None  # the rule that matched, for debugging a result
    sentence_index: int | None = None
    # Facts (issue 5)
    indicator: str | None = None
    indicator_key: str | None = None
    kind: str | None = None  # target | actual | other
    kind_cue: str | None = None  # what decided the kind: `“phấn đấu” → target`, `column “Kế hoạch năm 2024” → target`
    kind_confidence: str | None = None  # high (its own sentence decided) | medium (paragraph, heading) | low (no cue)
    change: str | None = None  # increase | decrease | level
    basis: str | None = None
    period_text: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    place: str | None = None
    place_normalized: str | None = None


@dataclass(frozen=True)
class Entity:
    """A named thing: PER, ORG, LOC, DOC or DATE, outermost span only."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | DOC | DATE
    normalized: str | None = None
    detail: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    rule: str | None = None
    sentence_index: int | None = None


@dataclass(frozen=True)
class DocumentFrame:
    """What a document is and where it speaks from, read once from its header, title and dates.

    Figures are read against it: a forecast of a period over by ``reported_on`` is a result, and
    a figure whose sentence names no place or period takes the document's.
    """

    reported_on: str | None = None  # ISO date (or year) the document speaks from
    doc_type: str = "other"  # resolution | plan | report | decision | notice | official_letter | law | news | qa | speech | other
    place: str | None = None  # the document's main place as written (`HĐND TỈNH NINH BÌNH` → `TỈNH NINH BÌNH`)
    place_normalized: str | None = None
    year: int | None = None  # the year it is about: the title's, else that of reported_on
    year_text: str | None = None  # the title's phrase naming that year (`năm 2024`), when it names one
    reported_from: str | None = None  # header | document_number | dateline | latest_period


@dataclass(frozen=True)
class Cell:
    """One cell of a table, as written (stripped): ``text == Document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Table:
    """A table found in a document's text (``tables``): `|` rows, tab rows, or one cell a line."""

    index: int  # position in the document, from 0
    caption: str | None  # the line(s) just above it: its title, a `Đơn vị tính: …` line
    header: tuple[Cell, ...]  # the row that names the columns (empty when it has none)
    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    layout: str  # pipe | tab | lines
    header_above: tuple[Cell, ...] = ()  # the upper rows of a two-level header (`Kết quả thống kê`)


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one document, ready for the store."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[Entity]
    frame: DocumentFrame = field(default_factory=DocumentFrame)
    tables: list[Table] = field(default_factory=list)  # the tables its figures were read from


@dataclass(frozen=True)
class IngestError:
    """A file that could not be read; the run reports it and goes on. A ``warning`` is a file
    that was read and stored, but whose text the user should not take as clean."""

    path: str
    message: str
    level: str = "error"  # or "warning"
