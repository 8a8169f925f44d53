"""Entities: every PER, ORG, LOC, DOC and DATE in a document, outermost spans only.

Placeholder coordinator: DATE and DOC come from their own modules; PER, ORG, LOC land with
issue 4.
"""
from __future__ import annotations

from . import dates, legal_documents
from .records import Document, Entity, Sentence


def find_entities(document: Document, sentences: list[Sentence]) -> list[Entity]:
    found = dates.find_dates(document.text) + legal_documents.find_legal_documents(document.text)
    return sorted(found, key=lambda e: (e.start, -e.end))
