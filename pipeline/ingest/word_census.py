"""The words of a text walked once for the two checks that judge them: the quality gate (share of
Vietnamese syllables, ``quality_gate``) and the broken-font check (words a font cut apart,
``broken_fonts``).

Each check used to split the whole text into words and ask a cached judgement of every word in
Python: two walks, a third of the main process's reading time. Here the text is split once (by
``re``, in C), the words counted by ``Counter`` (in C), and a word is judged in Python only the
first time this process meets it; the counts that follow are set operations on words already
judged (in C again). The text goes a stretch at a time, each cut after a line break, so a long
file's list of words stays small; no word, and no gap a dropped glyph left, spans two stretches
(a gap with a line break joins no pieces: ``broken_fonts``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set
from dataclasses import dataclass

from ..text_norm import is_vietnamese_syllable
from .broken_fonts import Fragment, fragments_in, is_known

# Runs of letters; split by it, a text is its gaps (even places) and its pieces (odd places).
LETTERS = re.compile(r"([^\W\d_]+)")

STRETCH = 1 << 20  # characters a stretch, at least: its list of words stays a few MB


@dataclass(frozen=True)
class WordCensus:
    """What the checks need of a text's words."""

    words: int  # runs of two letters or more (a lone letter says nothing: ``C``, ``a``)
    syllables: int  # of those, the Vietnamese syllables (``text_norm.is_vietnamese_syllable``)
    fragments: list[Fragment]  # pieces of words a broken font cut, in text order

    @property
    def syllable_share(self) -> float:
        return self.syllables / self.words if self.words else 1.0


class Judged:
    """Each word met so far, judged once, kept in sets so a text's counts are set operations.

    Cleared when it holds ``limit`` words (a process reading a million varied texts must not
    keep every name it met); a word is then judged again when met again."""

    def __init__(self, limit: int = 1 << 17) -> None:
        self.limit = limit
        self.clear()

    def clear(self) -> None:
        self.seen: set[str] = set()
        self.single_letters: set[str] = set()
        self.syllables: set[str] = set()  # of two letters or more
        self.known: set[str] = set()  # ``broken_fonts.is_known``

    def judge(self, words: Set[str]) -> None:
        if self.seen.issuperset(words):  # the common case, with no set to build
            return
        new = words - self.seen
        if len(self.seen) + len(new) > self.limit:
            self.clear()
            new = set(words)
        for word in new:
            if len(word) < 2:
                self.single_letters.add(word)
            elif is_vietnamese_syllable(word):
                self.syllables.add(word)
            if is_known(word):
                self.known.add(word)
        self.seen |= new


JUDGED = Judged()


def census(text: str, stretch: int = STRETCH) -> WordCensus:
    """The text's words counted and its cut words found, in one walk (see the module's docstring)."""
    words = syllables = 0
    found: list[Fragment] = []
    for part in stretches(text, stretch):
        parts = LETTERS.split(part)
        pieces = parts[1::2]
        counts = Counter(pieces)
        distinct = counts.keys()
        JUDGED.judge(distinct)  # every word of this stretch is in its sets until the next stretch
        words += len(pieces) - sum(map(counts.__getitem__, distinct & JUDGED.single_letters))
        syllables += sum(map(counts.__getitem__, distinct & JUDGED.syllables))
        unknown = distinct - JUDGED.known
        if unknown:
            found += fragments_in(parts, unknown)
    return WordCensus(words=words, syllables=syllables, fragments=found)


def stretches(text: str, size: int):
    """``text`` in pieces of about ``size`` characters (or more), each cut after a line break."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + size - 1)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end
