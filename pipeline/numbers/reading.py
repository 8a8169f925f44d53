"""The state of one pass of the number grammar over one text, handed from part to part:
the rules need to know what came just before (the mentions read so far, the last label)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon
from ..records import Mention

# The end of a sentence: found once a text, then the nearest one before a number is a bisection.
SENTENCE_END = regex.compile(r"[.!?]\s|\n")


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
    sentence_ends: list[int] | None = None  # where every match of SENTENCE_END ends, in order
    # The bounds that may govern a list (``lex.list_governors``) whose words the text holds at all,
    # with where they match in it (``ranges.governors_in``).
    list_governors: tuple | None = None


def sentence_start(reading: Reading, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (looking back 400 characters at most): a unit
    or a bound said earlier in the sentence still applies."""
    start = reading.sentence_starts.get(pos)
    if start is None:
        start = reading.sentence_starts[pos] = last_sentence_end(reading, max(0, pos - 400), pos)
    return start


def last_sentence_end(reading: Reading, window_start: int, pos: int) -> int:
    """Where the last sentence end wholly inside ``text[window_start:pos]`` ends, else
    ``window_start``. The ends of the whole text are those a search in any window finds (a
    match is one or two characters, the second a space, so the matches never hide one
    another), but for one cut by the window's start: ``. `` is cut off, ``.\n`` keeps its
    line break."""
    ends = reading.sentence_ends
    if ends is None:
        ends = reading.sentence_ends = [match.end() for match in SENTENCE_END.finditer(reading.text)]
    i = bisect.bisect_right(ends, pos) - 1
    if i >= 0:
        end = ends[i]
        if end >= window_start + 2 or (end == window_start + 1 and reading.text[window_start] == "\n"):
            return end
    return window_start
