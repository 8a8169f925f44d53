"""The state of one pass of the number grammar over one text, handed from part to part:
the rules need to know what came just before (the mentions read so far, the last label)."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon
from ..records import Mention

# Searched backwards from the number: the nearest end is one search, not a scan of the window.
SENTENCE_END_BEFORE = regex.compile(r"(?r)[.!?]\s|\n")


@dataclass
class Reading:
    """One pass over one text, left to right."""

    text: str
    lex: Lexicon
    mentions: list[Mention] = field(default_factory=list)
    covered_until: int = 0  # atoms inside a mention already read are skipped
    label_end: int = -1  # where the last label number ended (quý 1 và 2)
    # What a position's words say depends on the text only: the checks ask again and again
    # about the same positions (the unit after a number, the start of its sentence).
    units_at: dict = field(default_factory=dict)
    sentence_starts: dict[int, int] = field(default_factory=dict)
    # The bounds that may govern a list (``lex.list_governors``) whose words the text holds at all.
    list_governors: tuple | None = None


def sentence_start(reading: Reading, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (looking back 400 characters at most): a unit
    or a bound said earlier in the sentence still applies."""
    start = reading.sentence_starts.get(pos)
    if start is None:
        window_start = max(0, pos - 400)
        end = SENTENCE_END_BEFORE.search(reading.text, window_start, pos)
        start = reading.sentence_starts[pos] = end.end() if end else window_start
    return start
