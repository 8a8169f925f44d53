"""Where a date rule may begin: found for all rules in one pass, so that each is tried only there.

Every rule's pattern opens with a look-ahead on its first characters and the word boundary
(``rule_table.rule``). For a rule that opens with a digit that is enough: the engine skips to the
digits. A rule that opens with a word (``tháng``, ``quý``, ``cuối năm``) has first letters that
begin most syllables of the language (n, t, c), and the engine tries the whole rule at each of
them, once per rule. Here one scan of the standard ``re`` (faster than ``regex`` on a list of
literals) finds every place where any rule's first word begins a word, and says which rules open
with that word. (A rule that opens with a digit or a word finds its digits as before.)

Trying a rule with ``Pattern.match`` at each place it may begin gives exactly what its overlapped
``finditer`` gives (one match per starting position, the same one), as long as the places are a
superset of where it can match: they are, since the first word of any match is the first word of
an entry of the rule's lists, and the standard library's word characters are all letters or digits
for ``regex`` (so its boundary holds wherever the rule's does).

The scan runs over the text lower-cased, which the engine reads several times faster than a text
whose case it must ignore. That finds the same places wherever lower-casing keeps every offset and
ignoring case matches a character to a letter only when its lower case is that letter: all but
the two letters of ``CASE_ONLY_LETTERS`` do (``tests/test_dates_openings.py`` checks every
character); a text where either fails is scanned ignoring case, as before.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..names import trie_pattern

# Letters that, ignoring case, match another letter than their lower case: dotless ı matches i,
# long ſ matches s. A text holding one is scanned ignoring case.
CASE_ONLY_LETTERS = "ıſ"


@dataclass(frozen=True)
class Opening:
    """What a rule's matches begin with: a digit, and/or the first word of an entry of some lists."""

    digit: bool = False
    entries: tuple[str, ...] = ()  # the entries of the lists the rule opens with (`cuối năm`, `quý`)

    def character_class(self) -> str:
        """The regex class of the first characters, in both cases: the look-ahead of the rule."""
        letters = "".join(sorted({c for entry in self.entries for c in (entry[0].lower(), entry[0].upper())}))
        return "[" + (r"\d" if self.digit else "") + letters + "]"

    def first_words(self) -> frozenset[str]:
        return frozenset(entry.split()[0].lower() for entry in self.entries if entry.split())


@dataclass(frozen=True)
class RuleOpenings:
    """The places, in a text, where each date rule that opens with a word may begin (for many rules
    at once; ``names.OpeningScan`` is the same idea for one pattern)."""

    words: re.Pattern | None  # any rule's first word at the start of a word, case ignored
    lowered_words: re.Pattern | None  # the same over a lower-cased text, where no case need be ignored
    rules_by_word: dict[str, tuple[int, ...]]  # a found word, lower-cased → the rules that may open there
    word_rules: tuple[int, ...]  # the rules that open with a word

    def places(self, text: str) -> dict[int, list[int]]:
        """Rule index → the positions, in order, where one of the rule's first words begins."""
        found: dict[int, list[int]] = {index: [] for index in self.word_rules}
        if self.words is None:
            return found
        scanned, words = text.lower(), self.lowered_words
        if len(scanned) != len(text) or any(letter in scanned for letter in CASE_ONLY_LETTERS):
            scanned, words = text, self.words  # lower-casing moved offsets (`İ`), or a letter folds apart
        get, every_rule = self.rules_by_word.get, self.word_rules
        hit = words.search(scanned)
        while hit is not None:
            start = hit.start()
            for index in get(hit.group().lower(), every_rule):
                found[index].append(start)
            hit = words.search(scanned, start + 1)  # overlapping: every start is a place
        return found


def rule_openings(openings: Sequence[Opening]) -> RuleOpenings:
    """The scan for rules whose ``openings`` are given in rule order."""
    word_rules = tuple(i for i, o in enumerate(openings) if o.entries)
    first_words = {i: openings[i].first_words() for i in word_rules}
    every_word = frozenset().union(*first_words.values())
    return RuleOpenings(
        words=re.compile(rf"(?<![^\W_])(?:{trie_pattern(every_word)})", re.IGNORECASE) if every_word else None,
        lowered_words=re.compile(rf"(?<![^\W_])(?:{trie_pattern(every_word)})") if every_word else None,
        # a found word is the longest first word there, so every first word it begins with opens there too
        rules_by_word={found: tuple(i for i in word_rules if any(found.startswith(w) for w in first_words[i]))
                       for found in every_word},
        word_rules=word_rules,
    )
