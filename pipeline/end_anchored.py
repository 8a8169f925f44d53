"""Patterns that can only match at the end of a text (``… \\s*$``), tried from the end first.

Searched from the start, such a pattern is tried at every position of the text before it fails;
most texts it is asked about (the words before a figure, a phrase being trimmed) have no match.
Whether a match exists does not depend on the direction of the search, so the pattern is first
tried once from the end (``regex.REVERSE``), and only a text that has a match is searched from
the start as before, which returns the same (leftmost) match. A caller may hand a cheaper test
(``might_match``) that is true of every text the pattern matches in (its first words occur in it):
a text it rules out is not tried at all. Cheaper still, and read off the pattern itself
(``literal_endings``): a match ends with one of a few literal last words (``tăng``, `` hơn``,
``(``), so a text whose own end is none of them is not tried either (``might_end``).
"""
from __future__ import annotations

from collections.abc import Callable
from re import _constants as sre_constants, _parser as sre_parser  # (the standard library's own reader)

import regex


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


class Unread(Exception):
    """The pattern holds a construct the reading of its endings does not follow."""


def literal_endings(pattern: str) -> frozenset[str] | None:
    """Literal endings (case folded, back to the start of the last word) of which the words of every
    match of an end-anchored ``pattern`` (``… \\s*$``), trailing white space aside, end with one;
    None when they cannot be read (the standard library's parser reads the pattern: ``regex``'s own
    syntax, as ``\\p{Lu}``, is not read, nor is a pattern not anchored at the end)."""
    sre = sre_constants
    try:
        tree = list(sre_parser.parse(pattern))
    except Exception:  # noqa: BLE001 (a pattern of `regex` syntax: no gate, the pattern decides)
        return None
    if not tree or tree[-1] != (sre.AT, sre.AT_END):
        return None
    tree.pop()
    while tree and _is_spaces(tree[-1], sre):
        tree.pop()  # (the gate reads the text without its trailing white space)
    try:
        found = _endings(tree, "", 0, sre)
    except Unread:
        return None
    endings = frozenset(e.rstrip().casefold() for e in found)
    return None if "" in endings else endings


def _is_spaces(item, sre) -> bool:
    """``\\s*``: white space, as often as may be (none included)."""
    op, av = item
    return (op is sre.MAX_REPEAT and av[0] == 0 and len(av[2]) == 1
            and av[2][0] == (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)]))


def _is_white(item, sre) -> bool:
    """A space, ``\\s``, or either repeated: white space only (or nothing)."""
    op, av = item
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return len(av[2]) == 1 and _is_white(av[2][0], sre)
    return (op is sre.LITERAL and chr(av).isspace()) or item == (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])


def _endings(seq: list, acc: str, depth: int, sre) -> frozenset[str]:
    """The endings of the matches of the parsed sequence ``seq``, each before ``acc``."""
    if depth > 60:
        raise Unread
    k = len(seq)
    while k:
        if len(acc) > 1 and acc[0] == " ":
            return frozenset({acc})  # back to a word's start: rare enough
        k -= 1
        op, av = seq[k]
        rest = seq[:k]
        if not acc and _is_white(seq[k], sre):
            continue  # white space at the end: the gate reads the text without it
        if op is sre.LITERAL:
            acc = chr(av) + acc
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT) or (op is sre.AT and av is not sre.AT_END):
            continue  # zero width: what a match ends with stands before it
        if op is sre.SUBPATTERN:
            _, added, removed, body = av
            if added or removed:
                raise Unread  # a flag of its own (`(?-i:…)`)
            return _endings(rest + list(body), acc, depth + 1, sre)
        if op is sre.BRANCH:
            return frozenset().union(*(_endings(rest + list(b), acc, depth + 1, sre) for b in av[1]))
        if op is sre.IN and av and all(o is sre.LITERAL for o, _ in av):
            return frozenset().union(*(_endings(rest + [(sre.LITERAL, c)], acc, depth + 1, sre) for _, c in av))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            least, most, body = av
            if least == 0:
                if acc:
                    return frozenset({acc})
                # one round or more: the last one's endings; at most one: the body after ``rest``
                last_round = _endings(list(body) if most != 1 else rest + list(body), "", depth + 1, sre)
                return last_round | _endings(rest, "", depth + 1, sre)
            if most == 1:
                return _endings(rest + list(body), acc, depth + 1, sre)
            return _endings(list(body), acc, depth + 1, sre)  # the last round only: what comes before it varies
        if acc:
            return frozenset({acc})
        raise Unread
    if not acc:
        raise Unread  # the empty match
    return frozenset({acc})


def might_end(pattern: str) -> Callable[[str], bool] | None:
    """A test true of every text an end-anchored ``pattern`` matches in: the text, trailing white space
    aside, ends with one of its endings (case folded). Cheaper than an attempt from the end."""
    endings = literal_endings(pattern)
    return might_end_with(endings) if endings else None


def might_end_with(endings: frozenset[str]) -> Callable[[str], bool]:
    """A test true of a text that, trailing white space aside, ends with one of ``endings`` (case folded)."""
    endings = tuple(sorted(endings))
    longest = max(map(len, endings))

    def ends_with_an_ending(text: str) -> bool:
        tail = text[-longest - 8:].rstrip()  # (the end only: not a copy of a long text)
        if len(tail) < longest and len(text) > longest + 8:
            tail = text.rstrip()  # more white space at the end than was cut off
        tail = tail[-longest:]
        folded_tail = tail.casefold()
        return len(folded_tail) != len(tail) or folded_tail.endswith(endings)
    return ends_with_an_ending
