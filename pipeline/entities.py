"""Entities: placeholder until the entity stage lands (issue 4)."""
from __future__ import annotations

from .records import Document, Entity, Sentence


def find_entities(document: Document, sentences: list[Sentence]) -> list[Entity]:
    return []
