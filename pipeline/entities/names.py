"""Regex building blocks shared by the PER, ORG and LOC finders.

Vietnamese names are runs of capitalised syllables; what a run *is* depends on the word before
it (a title, a level word, a head noun) or on a gazetteer. These fragments say "a capitalised
syllable", "a run of them", "a word boundary" once, so the finders read as grammar.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import regex

# A syllable in title case (Hà, Đình); Unicode classes cover ư, ơ, đ …
TITLE_SYLLABLE = r"\p{Lu}\p{Ll}+"
BEFORE = r"(?<![\p{L}\p{N}])"
AFTER = r"(?![\p{L}\p{N}]|-[Ii]ndex)"  # 'VN' is no place in 'VN-Index'


def case_variants(phrase: str) -> list[str]:
    """A phrase as written, with its first letter capitalised, and in capitals (for headers)."""
    variants = [phrase, phrase[:1].upper() + phrase[1:], phrase.upper()]
    return list(dict.fromkeys(variants))


def alternation(phrases: Iterable[str], with_case_variants: bool = False, trie: bool = True) -> str:
    """One regex alternation, longest phrase first so the outermost wins, behind a look-ahead on
    the phrases' first letters: the engine then skips most positions at once (a big speed-up).

    The phrases are written as a trie (``Sở (?:Tài chính|Y tế)``), which the engine walks once
    per position instead of trying every phrase in turn; it matches what the flat list matches,
    since two phrases that both match at one place are one a prefix of the other, and the trie
    tries the longer first. That holds letter for letter, so a pattern compiled to ignore case
    asks for the flat list (``trie=False``)."""
    words: set[str] = set()
    for phrase in phrases:
        words.update(case_variants(phrase) if with_case_variants else [phrase])
    if not words:
        return "(?!)"
    first = "".join(sorted({regex.escape(w[0]) for w in words}))
    if trie:
        return f"(?=[{first}]){trie_pattern(words)}"
    body = "|".join(literal(w) for w in sorted(words, key=len, reverse=True))
    return f"(?=[{first}])(?:{body})"


def literal(text: str) -> str:
    """``text`` as a pattern that matches it exactly (a space as ``[ ]``, readable in both engines)."""
    return regex.escape(text).replace(r"\ ", "[ ]")


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern for any of ``words`` (non-empty), shared beginnings written once, the longer
    continuation tried before stopping."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        # a chain of single letters is written as one run, not one group a letter
        run, child = char, node[char]
        while len(child) == 1 and "" not in child:
            (next_char, grandchild), = child.items()
            run, child = run + next_char, grandchild
        branches.append(literal(run) + _node_pattern(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


# The same boundaries for the standard library's ``re``, which compiles and scans long lists of
# literal phrases several times faster than ``regex``: used for the big name lists.
RE_BEFORE = r"(?<![^\W_])"
RE_AFTER = r"(?![^\W_]|-[Ii]ndex)"


def literal_finder(phrases: Iterable[str], with_case_variants: bool = False, before: str = RE_BEFORE,
                   after: str = RE_AFTER) -> re.Pattern:
    """A compiled ``re`` pattern for whole-word occurrences of any of ``phrases``."""
    return re.compile(f"{before}(?:{alternation(phrases, with_case_variants)}){after}")
