"""Dates and periods (DATE entities): placeholder until issue 4's date rules land."""
from __future__ import annotations

from .records import Entity


def find_dates(text: str) -> list[Entity]:
    return []
