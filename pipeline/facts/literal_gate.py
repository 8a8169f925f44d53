"""A pattern of rule phrases tried only where one of its phrases can begin.

A rule list compiled as one alternation (``(?:phấn đấu)|(?:mục tiêu)|…``, ignoring case) makes the
``regex`` engine try every phrase at every word start of a text: for the cue lists that was most
of the cost of reading a sentence's kind cues. Every match of such a pattern starts with the
literal letters of one of its phrases (``phấn``, ``mục``, ``dự``, …), so those letters are read off
the pattern once (``literal_prefixes``), found in the text (case folded) by ``str.find``, and the
pattern is tried (``match``, which sees the text before the position as a search does) only
there. The matches are those of the scan, in the same order: ``overlapped`` gives the matches of
``finditer(…, overlapped=True)``, ``blanked`` the text of ``sub`` with each match blanked. A
pattern whose beginnings are not read here (a class, ``\\w``, a flag …) is scanned as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import regex

ESCAPED_LITERALS = frozenset("()[]{}.?*+|\\^$-/ ,:;'\"")
WORD_END = " "  # a prefix stops after its first word: enough to be rare, few enough to find fast


class _Unread(Exception):
    """The pattern holds a construct this reading does not follow."""


def literal_prefixes(pattern: str, words: int = 1) -> frozenset[str] | None:
    """Literal beginnings (case folded, up to the end of the first word, or of the first ``words``
    words) of which every match of ``pattern`` starts with one; None when they cannot be read (a
    match could start anywhere). Each beginning of more words starts with one of the first word."""
    try:
        found = frozenset().union(*(_prefixes(branch, "", 0, words) for branch in _branches(pattern)))
    except _Unread:
        return None
    return frozenset(p.casefold() for p in found)


def _prefixes(pattern: str, acc: str, depth: int, words: int = 1) -> frozenset[str]:
    """The prefixes of the matches of ``pattern`` (no top-level ``|``), each after ``acc``."""
    if depth > 40:
        raise _Unread
    i = 0
    while i < len(pattern):
        if acc and acc.endswith(WORD_END) and len(acc) > 1 and acc.count(WORD_END) >= words:
            return frozenset({acc})
        c = pattern[i]
        if c == "(":
            close = _closing(pattern, i)
            head, body = _group_head(pattern, i, close)
            if head in ("(?<=", "(?<!", "(?=", "(?!"):
                i = close + 1  # zero-width: what a match starts with comes after it
                if i < len(pattern) and pattern[i] in "?*+{":
                    raise _Unread
                continue
            after, least = _quantifier(pattern, close + 1)
            if least == 0:
                if acc:
                    return frozenset({acc})
                found = set(_prefixes(pattern[after:], "", depth + 1, words))
                for branch in _branches(body):
                    found |= _prefixes(branch, "", depth + 1, words)  # (stops at the branch's end)
                return frozenset(found)
            rest = pattern[after:] if after == close + 1 else ""  # a repeated group: its first round only
            found = set()
            for branch in _branches(body):
                found |= _prefixes(branch + rest, acc, depth + 1, words)
            return frozenset(found)
        if c == "\\" and i + 1 < len(pattern) and pattern[i + 1] in ESCAPED_LITERALS:
            letter, end = pattern[i + 1], i + 2
        elif c in "\\[.^$|)":
            if acc:
                return frozenset({acc})
            raise _Unread
        else:
            letter, end = c, i + 1
        after, least = _quantifier(pattern, end)
        if least == 0:
            if acc:
                return frozenset({acc})
            return frozenset({letter}) | _prefixes(pattern[after:], "", depth + 1, words)
        if after != end:  # `a+`, `a{2,}`: at least one, then no more literal letters are sure
            return frozenset({acc + letter})
        acc += letter
        i = end
    if not acc:
        raise _Unread  # the empty match: it can start anywhere
    return frozenset({acc})


def _syntax(pattern: str, start: int = 0):
    """(offset, character) of the pattern's own syntax from ``start``: what escapes and character
    classes hold is skipped (their brackets and bars open no group and split no branch)."""
    in_class = False
    j = start
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            j += 1 + (pattern[j + 1:j + 2] == "^")
            j += pattern[j:j + 1] == "]"  # a `]` first in a class is one of its characters
            continue
        else:
            yield j, c
        j += 1


def _closing(pattern: str, i: int) -> int:
    """The index of the bracket closing the group opened at ``i``."""
    level = 0
    for j, c in _syntax(pattern, i):
        if c == "(":
            level += 1
        elif c == ")":
            level -= 1
            if level == 0:
                return j
    raise _Unread


def _group_head(pattern: str, i: int, close: int) -> tuple[str, str]:
    """The opening of a group (``(``, ``(?:``, a lookaround) and its body."""
    for head in ("(?<=", "(?<!", "(?=", "(?!", "(?:"):
        if pattern.startswith(head, i):
            return head, pattern[i + len(head):close]
    if pattern.startswith("(?P<", i):
        return "(?P<", pattern[pattern.index(">", i) + 1:close]
    if pattern.startswith("(?", i):
        raise _Unread  # inline flags, conditionals, atomic groups …
    return "(", pattern[i + 1:close]


def _quantifier(pattern: str, i: int) -> tuple[int, int]:
    """Where the pattern goes on after a quantifier at ``i`` (if any), and the fewest rounds it allows."""
    if i >= len(pattern) or pattern[i] not in "?*+{":
        return i, 1
    c = pattern[i]
    if c == "{":
        close = pattern.find("}", i)
        bounds = pattern[i + 1:close].split(",") if close > 0 else []
        if not bounds or not bounds[0].strip().isdigit() or not all(b.strip().isdigit() or not b.strip() for b in bounds):
            raise _Unread
        least, j = int(bounds[0]), close + 1
    else:
        least, j = (1 if c == "+" else 0), i + 1
    if j < len(pattern) and pattern[j] in "?+":
        j += 1
    return j, least


def _branches(body: str) -> list[str]:
    """The top-level branches of a pattern or a group's body."""
    branches = []
    level = 0
    start = 0
    for j, c in _syntax(body):
        if c == "(":
            level += 1
        elif c == ")":
            level -= 1
        elif c == "|" and level == 0:
            branches.append(body[start:j])
            start = j + 1
    branches.append(body[start:])
    return branches


def folded(text: str) -> str | None:
    """``text`` case folded for the gate, or None when folding changes its length (``ß``, ``İ``):
    then offsets in the folded text are not offsets in the text, and patterns are scanned."""
    result = text.casefold()
    return result if len(result) == len(text) else None


def might_match(pattern: str) -> Callable[[str], bool] | None:
    """A test true of every text ``pattern`` matches in: one of its beginnings occurs in it (case
    folded). Cheaper than an attempt of a long alternation; None when the beginnings are not read."""
    prefixes = literal_prefixes(pattern)
    if not prefixes:
        return None
    find = longest_of(prefixes).search

    def holds_a_beginning(text: str) -> bool:
        folded_text = text.casefold()
        return len(folded_text) != len(text) or find(folded_text) is not None
    return holds_a_beginning


def longest_of(literals) -> re.Pattern:
    """The literals as one pattern whose match at a position is the longest of them standing there
    (as their alternation, longest first, finds it), written as a tree of their shared beginnings
    (``đ(?:ạt(?: được)?|ã)``): the engine follows one branch a letter instead of trying each literal."""
    tree: dict = {}
    for literal in literals:
        node = tree
        for letter in literal:
            node = node.setdefault(letter, {})
        node[""] = {}  # a literal ends here

    def written(node: dict) -> str:
        branches = [re.escape(letter) + written(child) for letter, child in sorted(node.items()) if letter]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # (greedy: the longer literal first)
    return re.compile(written(tree))


WORD_START = r"(?<![\w])"
IS_WORD = regex.compile(r"\w")


class Gates:
    r"""Patterns that each match only at a word start (``(?<![\w])…``), tried where their phrases begin.

    One scan of the text (case folded) for the beginnings of all of them finds where each may
    match: the standard library's engine finds fixed strings in one pass, and where a longer
    beginning stands (``đạt được``) so do those it starts with (``đạt``). A beginning found inside
    another cannot be a word start (every letter of a beginning but its last is a word
    character), so finding them one after the other misses none that matters.
    """

    def __init__(self, patterns: dict[str, regex.Pattern], words: int = 1):
        self.patterns = patterns
        prefixes = {name: (literal_prefixes(p.pattern) if p.pattern.startswith(WORD_START) else None)
                    for name, p in patterns.items()}
        everything = set().union(*(ps for ps in prefixes.values() if ps))
        self.scanned = {name for name, ps in prefixes.items()
                        if ps is None or not all(IS_WORD.match(c) for p in ps for c in p[:-1])}
        gated = {name: ps for name, ps in prefixes.items() if name not in self.scanned}
        everything = sorted(set().union(*gated.values()), key=lambda p: (-len(p), p))
        self.finder = longest_of(everything) if everything else None
        # a first word is common (`đạt`, `năm`, `có`): with ``words=2``, where one stands a pattern is
        # tried only if one of its beginnings of two words (`đạt kế`, `năm tới`) stands there too (a
        # test by ``str.startswith``, not an attempt of the pattern); each of those starts with a first word
        longer = {name: two_word_beginnings(patterns[name].pattern, ps) if words == 2 else ps
                  for name, ps in gated.items()}
        # for each beginning found, the patterns one of whose beginnings it starts with, and their
        # beginnings of two words that go on from such a first word
        going_on: dict[str, dict[str, list[str]]] = {name: {} for name in gated}
        for name, ps in gated.items():
            for q in longer[name]:
                for p in heads_of(q) & ps:
                    going_on[name].setdefault(p, []).append(q)
        self.tried = {}
        for found in everything:
            heads = heads_of(found)
            self.tried[found] = tuple(
                (name, tuple(dict.fromkeys(q for p in sorted(heads & ps) for q in going_on[name].get(p, ()))))
                for name, ps in gated.items() if heads & ps)

    def starts(self, folded_text: str) -> dict[str, list[int]]:
        """For each gated pattern, the offsets where one of its beginnings stands, in order."""
        at: dict[str, list[int]] = {name: [] for name in self.patterns if name not in self.scanned}
        if self.finder is not None:
            tried = self.tried
            startswith = folded_text.startswith
            for m in self.finder.finditer(folded_text):
                i = m.start()
                if i:
                    before = folded_text[i - 1]  # (inside_a_word, written out: asked of every beginning)
                    if before.isalpha() or before.isdecimal() or before == "_":
                        continue  # (every gated pattern opens with `(?<![\w])`: it cannot match here)
                for name, beginnings in tried[m.group()]:
                    if startswith(beginnings, i):
                        at[name].append(i)
        return at

    def overlapped(self, name: str, text: str, starts: dict[str, list[int]] | None) -> list[regex.Match]:
        """The matches of ``finditer(text, overlapped=True)``: one at each position where there is one."""
        pattern = self.patterns[name]
        if starts is None or name in self.scanned:
            return list(pattern.finditer(text, overlapped=True))
        match = pattern.match
        return [m for m in (match(text, i) for i in starts[name]) if m]

    def blanked(self, name: str, text: str, starts: dict[str, list[int]] | None) -> tuple[str, list[tuple[int, int]]]:
        """``text`` with each match of ``sub`` (left to right, not overlapping) blanked, and the spans
        blanked (a match starts with a beginning, so none is empty)."""
        pattern = self.patterns[name]
        if starts is None or name in self.scanned:
            spans = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        else:
            spans = []
            reach = 0
            match = pattern.match
            for i in starts[name]:
                if i < reach:
                    continue
                m = match(text, i)
                if m:
                    spans.append((i, m.end()))
                    reach = m.end()
        return blank(text, spans), spans


def heads_of(text: str) -> set[str]:
    """Every beginning of ``text`` (its first letter, its first two … all of it)."""
    return {text[:k] for k in range(1, len(text) + 1)}


def two_word_beginnings(pattern: str, first_words: frozenset[str]) -> frozenset[str]:
    """The beginnings of two words of ``pattern``, each starting with one of its ``first_words``;
    those first words themselves where the longer ones cannot be read."""
    longer = literal_prefixes(pattern, words=2)
    if not longer or not all(any(q.startswith(p) for p in first_words) for q in longer):
        return first_words
    return longer


def inside_a_word(before: str) -> bool:
    """Whether ``(?<![\\w])`` fails after the character ``before`` (one of a case-folded text): a
    letter, a decimal digit or ``_`` is a word character to ``regex`` whatever its case was (the
    test may say no of some word characters, as marks: then the pattern is tried and decides)."""
    return before.isalpha() or before.isdecimal() or before == "_"


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans (in order, not overlapping) turned to spaces."""
    if not spans:
        return text
    parts = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)

