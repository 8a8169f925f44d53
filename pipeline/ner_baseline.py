"""A baseline entity stage: underthesea's ``ner()`` alone, for scoring beside our rules.

In: a document and its sentences. Out: PER, ORG and LOC ``Entity`` records (underthesea's MISC
is dropped: the gold set has no such type), each with offsets into ``Document.text``. It runs
the tagger sentence by sentence (seconds per document), so it is never part of the default
pipeline: ``extract evaluate --entities underthesea`` uses it to measure what the rules add.
It is ``ner()`` alone, as the issue's reference figures are: underthesea tags no DATE or DOC,
so the baseline has none either.
"""
from __future__ import annotations

from functools import lru_cache

from .records import Document, Entity, Sentence

KEPT_TYPES = ("PER", "ORG", "LOC")


@lru_cache(maxsize=1)
def _ner():
    from underthesea import ner  # imported on first use: slow to load

    return ner


def tagged_spans(sentence_text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) in the sentence, from underthesea's BIO tags over its words."""
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    current: list | None = None
    for row in _ner()(sentence_text):
        word, tag = row[0], row[-1]
        found = sentence_text.find(word, cursor)
        if found < 0:  # the tagger rewrote the word; skip it rather than misplace a span
            current = None
            continue
        start, end = found, found + len(word)
        cursor = end
        prefix, _, label = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (current is None or current[2] != label)):
            current = [start, end, label]
            spans.append(current)
        elif prefix == "I":
            current[1] = end
        else:
            current = None
    return [(s, e, label) for s, e, label in spans if label in KEPT_TYPES]


def find_entities(document: Document, sentences: list[Sentence]) -> list[Entity]:
    """The baseline entity stage: same signature as ``pipeline.entities.resolve.find_entities``."""
    found: list[Entity] = []
    for sentence in sentences:
        for start, end, label in tagged_spans(sentence.text):
            begin, finish = sentence.start + start, sentence.start + end
            text = document.text[begin:finish]
            found.append(Entity(begin, finish, text, label, text, {}, "underthesea.ner"))
    return sorted(found, key=lambda e: (e.start, -e.end))
