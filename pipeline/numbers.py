"""Numbers: placeholder until the number grammar lands (issue 3)."""
from __future__ import annotations

from .records import Mention


def find_mentions(text: str) -> list[Mention]:
    return []
