"""Pieces: a long document cut into spans that the stages read one at a time.

The rule stages scan whole texts and some of their work grows faster than the text (a look back
to the line start on a line without breaks, a scan of every figure's surroundings), so a 50 MB
report would never finish. Cut at paragraph (else line, else sentence, else space) boundaries into
pieces of at most ``piece_chars`` (when longer than ``whole_chars``), each piece is read on its own, in any worker, and its offsets
are moved back into the whole text. Documents that fit in one piece are read whole, as before.
Where to cut is data: ``rules/pieces.yml``.
"""
from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import rules


@dataclass(frozen=True)
class Piece:
    """Characters ``start:end`` of a document's text; the pieces of a text cover it end to end."""

    start: int
    end: int


@lru_cache(maxsize=1)
def settings() -> tuple[int, int, regex.Pattern]:
    data = rules.load("pieces")
    return int(data["whole_chars"]), int(data["piece_chars"]), regex.compile(data["sentence_end"], regex.REVERSE)


def whole_chars() -> int:
    return settings()[0]


def cut(text: str, limit: int | None = None) -> list[Piece]:
    """The pieces of ``text``: all of it when it is at most ``whole_chars`` long, else pieces of at
    most ``piece_chars`` (both at most ``limit`` when given)."""
    whole_chars, limit = (limit, limit) if limit else settings()[:2]
    if len(text) <= whole_chars:
        return [Piece(0, len(text))]
    pieces: list[Piece] = []
    start = 0
    while len(text) - start > limit:
        end = boundary(text, start + limit // 2, start + limit)
        pieces.append(Piece(start, end))
        start = end
    pieces.append(Piece(start, len(text)))
    return pieces


def boundary(text: str, earliest: int, latest: int) -> int:
    """The best place to cut in ``text[earliest:latest]``: just after its last blank line, else
    its last line break, else its last sentence end, else its last space; failing all, ``latest``
    (a run of that many characters without a space is no text to keep whole)."""
    for mark in ("\n\n", "\n"):
        found = text.rfind(mark, earliest, latest)
        if found >= 0:
            return found + len(mark)
    sentence_end = settings()[2].search(text, earliest, latest)
    if sentence_end:
        return sentence_end.end()
    for offset in range(latest - 1, earliest - 1, -1):
        if text[offset].isspace():
            return offset + 1
    return latest


# A long document's pieces are read in two steps with its frame read between them, so what the
# first step found in every piece waits for the last one: kept packed (a compressed pickle, about
# a tenth of the records' size in memory), it lets a 50 MB file wait in a few tens of MB.
PACK_LEVEL = 1  # zlib's fastest: most of the gain, a small share of the stages' time


def pack(records: object) -> bytes:
    """``records`` as compact bytes, to keep or to send to a worker."""
    return zlib.compress(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL), PACK_LEVEL)


def unpack(packed: bytes) -> object:
    return pickle.loads(zlib.decompress(packed))
