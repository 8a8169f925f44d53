"""Patterns that can only match at the end of a text (``… \\s*$``), tried from the end first.

Searched from the start, such a pattern is tried at every position of the text before it fails;
most texts it is asked about (the words before a figure, a phrase being trimmed) have no match.
Whether a match exists does not depend on the direction of the search, so the pattern is first
tried once from the end (``regex.REVERSE``), and only a text that has a match is searched from
the start as before, which returns the same (leftmost) match. A caller may hand a cheaper test
(``might_match``) that is true of every text the pattern matches in (its first words occur in it):
a text it rules out is not tried at all.
"""
from __future__ import annotations

from collections.abc import Callable

import regex

from .facts.literal_gate import literal_endings, might_end, might_end_with


class EndAnchored:
    """A compiled end-anchored pattern with the ``search`` and ``sub`` of a ``regex.Pattern``."""

    def __init__(self, pattern: str, flags: int = 0, might_match: Callable[[str], bool] | None = None):
        self.forward = regex.compile(pattern, flags)
        self.backward = regex.compile(pattern, flags | regex.REVERSE)
        self.pattern = pattern
        self.might_match = might_match
        self.might_end = might_end(pattern)  # true of every text whose words end as a match's can

    def ends_here(self, text: str) -> bool:
        """Whether a match exists: a reverse ``match`` is anchored at the end of the text (or, as
        ``$`` allows, just before a final line break), so it is one attempt, not a scan."""
        if self.might_end is not None and not self.might_end(text):
            return False
        if self.might_match is not None and not self.might_match(text):
            return False
        return bool(self.backward.match(text)
                    or (text.endswith("\n") and self.backward.match(text, 0, len(text) - 1)))

    def search(self, text: str) -> regex.Match | None:
        return self.forward.search(text) if self.ends_here(text) else None

    def sub(self, replacement, text: str, count: int = 0) -> str:
        return self.forward.sub(replacement, text, count=count) if self.ends_here(text) else text


class FirstEndAnchored:
    """End-anchored patterns in order, tried in one reverse attempt: which is the first that matches.

    A loop asking each ``EndAnchored`` in turn makes one attempt per pattern; one alternation of
    them, each a named branch, is tried from the end once, and the engine takes the branches in
    order, so the branch that matches is the first pattern that has a match. A text ending in a line
    break (where ``$`` also matches before it) is asked pattern by pattern, as ``EndAnchored`` does.
    """

    def __init__(self, keyed: list[tuple[str, str]], flags: int = 0,
                 might_match: Callable[[str], bool] | None = None):
        self.might_match = might_match  # true of every text one of the patterns matches in
        endings = [literal_endings(pattern) for _, pattern in keyed]
        # true of every text whose words end as a match of one of the patterns can
        self.might_end = might_end_with(frozenset().union(*endings)) if endings and all(endings) else None
        self.keyed = [(key, EndAnchored(pattern, flags)) for key, pattern in keyed]
        self.keys = {f"end{i}": key for i, (key, _) in enumerate(keyed)}
        branches = "|".join(f"(?P<{name}>{pattern})" for name, (_, pattern) in zip(self.keys, keyed))
        self.backward = regex.compile(branches or "(?!)", flags | regex.REVERSE)

    def first(self, text: str):
        """The key of the first pattern with a match in ``text``, else None."""
        if self.might_end is not None and not self.might_end(text):
            return None
        if self.might_match is not None and not self.might_match(text):
            return None
        if text.endswith("\n"):
            return next((key for key, pattern in self.keyed if pattern.ends_here(text)), None)
        m = self.backward.match(text)
        return self.keys[m.lastgroup] if m else None
