"""The state of one pass of the number grammar over one text, handed from part to part:
the rules need to know what came just before (the mentions read so far, the last label)."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon
from ..records import Mention

SENTENCE_END = regex.compile(r"[.!?]\s|\n")


@dataclass
class Reading:
    """One pass over one text, left to right."""

    text: str
    lex: Lexicon
    mentions: list[Mention] = field(default_factory=list)
    covered_until: int = 0  # atoms inside a mention already read are skipped
    label_end: int = -1  # where the last label number ended (quý 1 và 2)


def sentence_start(reading: Reading, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (looking back 400 characters at most): a unit
    or a bound said earlier in the sentence still applies."""
    window_start = max(0, pos - 400)
    ends = [m.end() for m in SENTENCE_END.finditer(reading.text, window_start, pos)]
    return ends[-1] if ends else window_start
