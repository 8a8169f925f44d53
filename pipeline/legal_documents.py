"""Legal and party documents (DOC entities): placeholder until issue 4's rules land."""
from __future__ import annotations

from .records import Entity


def find_legal_documents(text: str) -> list[Entity]:
    return []
