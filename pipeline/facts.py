"""Facts: placeholder until the fact stage lands (issue 5)."""
from __future__ import annotations

from .records import Document, Entity, Mention, Sentence


def annotate(document: Document, sentences: list[Sentence], mentions: list[Mention],
             entities: list[Entity]) -> list[Mention]:
    return mentions
