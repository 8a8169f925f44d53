"""Regex helpers over word lists, shared by the DATE and DOC grammars.

Both grammars are built from lists of words in ``rules/entities/*.yml`` and check the words
around a match; these say once how a list becomes a pattern (``alternation``), what counts as a
word boundary (``START``/``STOP``), and how a match is read together with a prefix found
backwards from it (``PrefixedMatch``). They sit below both finders so neither calls the other.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

# Letters and digits on either side of a match mean the match is part of a longer word or number.
START = r"(?<![\p{L}\p{N}])"
STOP = r"(?![\p{L}\p{N}])"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, with any run of spaces inside them flexible."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in unique) + ")"


def case_sensitive(pattern: str) -> str:
    return f"(?-i:{pattern})"


class PrefixedMatch:
    """A match together with the prefix found before it, read as one match."""

    def __init__(self, core: regex.Match, prefix: regex.Match) -> None:
        self.core, self.prefix = core, prefix

    def start(self) -> int:
        return self.prefix.start()

    def end(self) -> int:
        return self.core.end()

    def groupdict(self) -> dict[str, str | None]:
        return {**self.core.groupdict(), **self.prefix.groupdict()}

    def group(self, name: int | str = 0) -> str | None:
        if name == 0:
            return self.core.string[self.start():self.end()]
        if name in self.prefix.re.groupindex:
            return self.prefix.group(name)
        return self.core.group(name)


@lru_cache(maxsize=256)
def folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words lower-cased with single spaces, once per list: the context checks run often."""
    return tuple(" ".join(word.casefold().split()) for word in words)


@lru_cache(maxsize=256)
def word_endings(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """``words`` folded, as a set to look the last words of a context up in, and apart the words
    ending in a mark (``tp.``), which may end a context without a space before them."""
    words = folded(words)
    return frozenset(words), tuple(word for word in words if not word[-1].isalnum())


def ends_with_any(context: str, words: Iterable[str]) -> bool:
    """Whether ``context`` (lower-cased words) ends with one of ``words`` as whole words."""
    whole, marked = word_endings(tuple(words))
    if context in whole:
        return True
    space = context.find(" ")
    while space != -1:  # the context's endings after a space: 'so với năm' → 'với năm', 'năm'
        if context[space + 1:] in whole:
            return True
        space = context.find(" ", space + 1)
    return any(context.endswith(word) for word in marked)


def starts_with_any(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` begins (after spaces) with one of ``words`` as whole words."""
    squeezed = " ".join(text[:60].split()).casefold()
    for word in folded(tuple(words)):
        if squeezed.startswith(word) and (len(squeezed) == len(word) or not word[-1].isalnum()
                                          or not squeezed[len(word)].isalnum()):
            return True
    return False
