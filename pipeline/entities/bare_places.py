"""A province or district named bare, as the PER and ORG finders ask it of a run of words.

The finders ask the gazetteer ``bare_unit`` of the same few runs again and again ('Quảng Ninh',
'Nguyễn Văn' …), each time spelling the key anew; with no document for context the answer
depends on the name alone, so it is kept (the gazetteer never changes within a process).
"""
from __future__ import annotations

from functools import lru_cache

from .gazetteer import AdminUnit, bare_unit


@lru_cache(maxsize=16384)
def bare_place(name: str, in_brackets: bool) -> AdminUnit | None:
    """``bare_unit(name, in_brackets, "")``, once a name."""
    return bare_unit(name, in_brackets, "")
