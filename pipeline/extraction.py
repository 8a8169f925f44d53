"""One document through every stage: segment → numbers → entities → facts, as one readable sequence.

``extract_document`` is the whole pipeline for one text and touches no database, so tests and
other tools can call it directly. A long document goes piece by piece (``pieces``) through the
steps ``STEPS`` names, which ``streaming`` spreads over this process, a pool or a cluster;
``run`` keeps a database in step with a corpus and imports this module only when a file needs
extracting, so a run that finds nothing changed never loads the stages or compiles their rules.
"""
from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .facts import document_frame, context as fact_context, annotate as facts, table_cells, tables
from .entities import resolve as entities
from .numbers import grammar as numbers
from . import pieces, segment, streaming
from .records import Cell, Document, DocumentFrame, Entity, Extraction, IngestError, Mention, Sentence, Table, amended


def extract_document(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction:
    """Run every stage over one document (``entity_finder`` swaps the entity stage, e.g. for
    the underthesea baseline that ``extract evaluate --entities underthesea`` scores).

    A document longer than one piece (``pieces``) is read piece by piece, here one after the
    other; ``extract_corpus`` spreads the same steps over its workers."""
    piece_list = pieces.cut(document.text)
    if len(piece_list) == 1:
        return extract_whole(document, entity_finder)
    return extract_in_pieces(document, piece_list, entity_finder)


def extract_in_pieces(document: Document, piece_list: list[pieces.Piece],
                      entity_finder: entities.EntityFinder | None = None) -> Extraction:
    """Every stage over a document cut into ``piece_list``, one piece after the other: the steps
    that ``streaming`` spreads over the workers (where each piece's rows are saved as they come)."""
    found = [find_piece(piece_text(document, piece), piece, entity_finder) for piece in piece_list]
    about = frame_of(document, found)
    rows = [annotate_found(piece_text(document, f.piece), f, about, first_sentence, first_table)
            for f, first_sentence, first_table in numbered(found)]
    return Extraction(
        document=document,
        sentences=[s for part in rows for s in part.sentences],
        mentions=[m for part in rows for m in part.mentions],
        entities=[e for part in rows for e in part.entities],
        frame=about,
        tables=[t for part in rows for t in part.tables],
    )


def extract_whole(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction:
    """Every stage over a document read as one piece."""
    spans = find_spans(document, pieces.Piece(0, len(document.text)), entity_finder)
    lines = fact_context.Frame(document, spans.mentions, spans.entities)  # built once, read twice
    about = document_frame.read(document, spans.mentions, spans.entities, lines)
    mention_list = facts.annotate(document, spans.sentences, spans.mentions, spans.entities, about, lines)
    return Extraction(
        document=document,
        sentences=spans.sentences,
        mentions=with_sentence_index(mention_list, spans.sentences),
        entities=with_sentence_index(spans.entities, spans.sentences),
        frame=about,
        tables=spans.tables,
    )


# The seam between the piece steps and whoever runs them (this process, a pool, a cluster): every
# step takes and returns picklable records, and only ``frame_of`` sees a whole document. A piece
# goes through ``find_piece`` (step 1), then, once every piece's step 1 is back and the frame is
# read from them all (step 2), ``annotate_found`` (step 3), whose rows are ready to be saved.

@dataclass(frozen=True)
class PieceSpans:
    """What the stages found in one piece of a document, at offsets into the piece's text."""

    piece: pieces.Piece
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[Entity]
    tables: list[Table]


@dataclass(frozen=True)
class FoundPiece:
    """Step 1 of a piece as it waits for the other pieces: packed (``pieces.pack``), since a long
    document's records held whole until its frame is read would need gigabytes."""

    piece: pieces.Piece
    sentences: int  # how many: the next piece's are numbered after them
    tables: int
    for_frame: bytes  # its entities and figure spans at whole-text offsets: all ``frame_of`` reads
    spans: bytes  # its ``PieceSpans``, for step 3


class FigureSpan(NamedTuple):
    """A figure as the document's frame reads it: where it stands, and whether an amount or a count."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class PieceRows:
    """Step 3 of a piece: its records at offsets into the whole text, numbered after the pieces
    before it, each span with its sentence: rows for the store."""

    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[Entity]
    tables: list[Table]


def piece_text(document: Document, piece: pieces.Piece) -> Document:
    """The piece as a document of its own (the whole document when the piece is all of it)."""
    if piece.start == 0 and piece.end == len(document.text):
        return document
    return dataclasses.replace(document, text=document.text[piece.start:piece.end])


def find_spans(part: Document, piece: pieces.Piece, entity_finder: entities.EntityFinder | None = None) -> PieceSpans:
    """Sentences, figures, tables and entities of a piece (``part``: its text as a document)."""
    sentence_list = segment.sentences(part.text)
    mention_list = numbers.find_mentions(part.text)
    table_list = tables.find_tables(part.text)
    mention_list = table_cells.read_cells(part.text, table_list, mention_list)
    entity_list = (entity_finder or entities.find_entities)(part, sentence_list)
    mention_list = without_calendar_periods(mention_list, entity_list)
    return PieceSpans(piece, sentence_list, mention_list, entity_list, table_list)


def find_piece(part: Document, piece: pieces.Piece, entity_finder: entities.EntityFinder | None = None) -> FoundPiece:
    """Step 1 of a piece: ``find_spans``, packed to wait for the frame."""
    spans = find_spans(part, piece, entity_finder)
    by = piece.start
    entity_list = [(e.start + by, e.end + by, e.text, e.type, e.normalized, e.detail, e.rule) for e in spans.entities]
    figures = [(m.start + by, m.end + by, m.type) for m in spans.mentions]
    return FoundPiece(piece, len(spans.sentences), len(spans.tables), pieces.pack((entity_list, figures)),
                      pieces.pack(spans))


def frame_of(document: Document, found: Iterable[FoundPiece]) -> DocumentFrame:
    """Step 2, on the whole document: its frame (date, place, type), read from all its pieces'
    entities and figures, as ``extract_whole`` reads it. Equal texts and details are kept once:
    a long report names the same places and periods again and again."""
    same: dict = {}
    entity_list: list[Entity] = []
    figures: list[FigureSpan] = []
    for found_piece in found:
        piece_entities, piece_figures = pieces.unpack(found_piece.for_frame)
        for start, end, text, kind, normalized, detail, rule in piece_entities:
            entity_list.append(Entity(start=start, end=end, text=same.setdefault(text, text), type=same.setdefault(kind, kind),
                                      normalized=same.setdefault(normalized, normalized),
                                      detail=shared_detail(detail, same), rule=same.setdefault(rule, rule)))
        figures += [FigureSpan(start, end, same.setdefault(kind, kind)) for start, end, kind in piece_figures]
    return document_frame.read(document, figures, entity_list)


def shared_detail(detail: dict, same: dict) -> dict:
    """One dict for equal details (records are never changed in place), when its values allow."""
    try:
        return same.setdefault(("detail", tuple(sorted(detail.items()))), detail)
    except TypeError:  # a list among its values
        return detail


def numbered(found: Iterable[FoundPiece]) -> Iterator[tuple[FoundPiece, int, int]]:
    """Each piece with the index of its first sentence and first table in the whole document."""
    first_sentence = first_table = 0
    for found_piece in found:
        yield found_piece, first_sentence, first_table
        first_sentence += found_piece.sentences
        first_table += found_piece.tables


def annotate_found(part: Document, found: FoundPiece, about: DocumentFrame, first_sentence: int,
                   first_table: int) -> PieceRows:
    """Step 3 of a piece: its figures' facts, read against the whole document's frame, and its
    records moved to the whole text's offsets and numbering."""
    spans: PieceSpans = pieces.unpack(found.spans)
    mention_list = facts.annotate(part, spans.sentences, spans.mentions, spans.entities, about)
    by = spans.piece.start
    sentence_list = [amended(s, index=first_sentence + i, start=s.start + by, end=s.end + by)
                     for i, s in enumerate(spans.sentences)]
    return PieceRows(
        sentences=sentence_list,
        mentions=with_sentence_index(shifted(mention_list, by), sentence_list),
        entities=with_sentence_index(shifted(spans.entities, by), sentence_list),
        tables=[shifted_table(t, by, first_table + i) for i, t in enumerate(spans.tables)],
    )


def shifted(records: list, by: int) -> list:
    """Span records moved ``by`` characters (from a piece's offsets to the document's)."""
    if not by:
        return records
    return [amended(r, start=r.start + by, end=r.end + by) for r in records]


def shifted_table(table: Table, by: int, index: int) -> Table:
    def cells(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
        return tuple(Cell(c.start + by, c.end + by, c.text) for c in row)

    return dataclasses.replace(table, index=index, start=table.start + by, end=table.end + by,
                               header=cells(table.header), header_above=cells(table.header_above),
                               rows=tuple(cells(row) for row in table.rows))


def without_calendar_periods(mention_list: list[Mention], entity_list: list[Entity]) -> list[Mention]:
    """A count of months or quarters that the date grammar read as a period of the calendar
    (`9 tháng` meaning the first nine months of the reported year) is a DATE, not a quantity."""
    periods = [(e.start, e.end) for e in entity_list if e.type == "DATE"]
    return [m for m in mention_list
            if m.type != "quantity" or not any(s <= m.start and m.end <= e for s, e in periods)]


def with_sentence_index(records: list, sentence_list) -> list:
    placed = []
    for record in records:
        sentence = segment.sentence_at(sentence_list, record.start)
        placed.append(amended(record, sentence_index=sentence.index if sentence else None))
    return placed


def extract_or_error(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction | IngestError:
    """A bug on one text must not cost the user the others: it becomes that file's error."""
    try:
        return extract_document(document, entity_finder)
    except Exception as err:
        return IngestError(document.path, f"extraction failed: {type(err).__name__}: {err}")


def warm_up(entity_finder: entities.EntityFinder | None = None) -> None:
    """Load and compile every rule set once, by extracting a short text.

    Compiling makes hundreds of thousands of objects that all live as long as the process: the
    cycle collector, left on, walks them again and again (a tenth of the warm-up) and frees none,
    so it is off meanwhile, and they are frozen out of its sight afterwards (``gc.freeze``, as
    before a fork: the workers then share their pages instead of each copying them)."""
    text = "Năm 2024, UBND tỉnh Ninh Bình đạt 1,2 tỷ USD, tăng 5% so với cùng kỳ."
    collecting = gc.isenabled()
    gc.disable()
    try:
        extract_document(Document(path="warm-up.txt", sha256="", text=text, format="txt", title=None), entity_finder)
    finally:
        if collecting:
            gc.enable()
        gc.freeze()


# The steps ``streaming`` runs a document through (it sits below this module, so they are handed to it).
STEPS = streaming.Steps(extract_whole=extract_or_error, piece_text=piece_text, find_piece=find_piece,
                        frame_of=frame_of, numbered=numbered, annotate_found=annotate_found)
