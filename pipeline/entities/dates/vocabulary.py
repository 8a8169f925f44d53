"""The words of ``rules/entities/dates.yml``, as regex pieces and lookup tables, and the small
readers of words every part of the grammar needs (roman numerals, the words before a match)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from ... import rules
from ..patterns import alternation

RULE_FILE = "entities/dates"

OPENING_MARKS = regex.compile(r"[(\[“\"]")
OPENING_MARK_CHARACTERS = "([“\""
ANY_OPENING_MARK = re.compile(f"[{re.escape(OPENING_MARK_CHARACTERS)}]")  # the standard re: one cheap call


@dataclass(frozen=True)
class Vocabulary:
    """The lists of ``rules/entities/dates.yml``, as regex pieces and lookup tables."""

    data: dict[str, Any]
    # the lists and tables read from ``data`` (which never changes), kept: the readers ask for them at every match
    read: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    def words(self, key: str) -> tuple[str, ...]:
        if ("words", key) not in self.read:
            self.read["words", key] = tuple(str(w) for w in self.data.get(key) or [])
        return self.read["words", key]

    def table(self, key: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in (self.data.get(key) or {}).items()}

    def lookup(self, key: str, word: str) -> int | None:
        """A word's value in a table, trying it as written and then case-insensitively."""
        if ("table", key) not in self.read:
            table = self.table(key)
            self.read["table", key] = (table, {k.casefold(): v for k, v in table.items()})
        table, folded = self.read["table", key]
        squeezed = " ".join(word.split())
        if squeezed in table:
            return table[squeezed]
        return folded.get(squeezed.casefold())

    def alt(self, key: str) -> str:
        return alternation(self.words(key))

    def alt_keys(self, key: str) -> str:
        return alternation(str(k) for k in self.data.get(key) or {})

    @property
    def year_range(self) -> tuple[int, int]:
        low, high = self.data.get("year_range") or (1900, 2099)
        return int(low), int(high)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary(rules.load(RULE_FILE))


def roman_value(numeral: str) -> int | None:
    """`XXI` → 21; ``None`` where the letters are not a well-formed numeral."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " "):
        value = values[letter]
        total += -value if values.get(following, 0) > value else value
    return total if total and roman_numeral(total) == numeral else None


def roman_numeral(number: int) -> str:
    """21 → `XXI`: the canonical spelling, against which a written numeral is checked."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


def tail_words(text: str, position: int, count: int = 3) -> str:
    """The few words just before ``position``, lower-cased, for context checks."""
    before = text[max(0, position - 40):position]
    if ANY_OPENING_MARK.search(before):
        before = OPENING_MARKS.sub(r"\g<0> ", before)  # `(từ 2-3/5)`: `từ` is a word
    return " ".join(before.split()[-count:]).casefold()

