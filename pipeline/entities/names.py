"""Regex building blocks shared by the PER, ORG and LOC finders.

Vietnamese names are runs of capitalised syllables; what a run *is* depends on the word before
it (a title, a level word, a head noun) or on a gazetteer. These fragments say "a capitalised
syllable", "a run of them", "a word boundary" once, so the finders read as grammar.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules

# A syllable in title case (Hà, Đình); Unicode classes cover ư, ơ, đ …
TITLE_SYLLABLE = r"\p{Lu}\p{Ll}+"
BEFORE = r"(?<![\p{L}\p{N}])"
AFTER = r"(?![\p{L}\p{N}]|-[Ii]ndex)"  # 'VN' is no place in 'VN-Index'


def case_variants(phrase: str) -> list[str]:
    """A phrase as written, with its first letter capitalised, and in capitals (for headers)."""
    variants = [phrase, phrase[:1].upper() + phrase[1:], phrase.upper()]
    return list(dict.fromkeys(variants))


def alternation(phrases: Iterable[str], with_case_variants: bool = False, trie: bool = True,
                look_ahead: bool = True) -> str:
    """One regex alternation, longest phrase first so the outermost wins, behind a look-ahead on
    the phrases' first letters: the engine then skips most positions at once (a big speed-up).

    The phrases are written as a trie (``Sở (?:Tài chính|Y tế)``), which the engine walks once
    per position instead of trying every phrase in turn; it matches what the flat list matches,
    since two phrases that both match at one place are one a prefix of the other, and the trie
    tries the longer first. That holds letter for letter, so a pattern compiled to ignore case
    asks for the flat list (``trie=False``). The standard ``re`` skips to the first letters of an
    alternation that opens its pattern by itself, and a look-ahead before it only hides them:
    ``look_ahead=False`` leaves it out (see ``WordStartScan``)."""
    words: set[str] = set()
    for phrase in phrases:
        words.update(case_variants(phrase) if with_case_variants else [phrase])
    if not words:
        return "(?!)"
    first = "".join(sorted({regex.escape(w[0]) for w in words}))
    ahead = f"(?=[{first}])" if look_ahead else ""
    if trie:
        return f"{ahead}{trie_pattern(words)}"
    body = "|".join(literal(w) for w in sorted(words, key=len, reverse=True))
    return f"{ahead}(?:{body})"


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


# For the standard ``re``, which has no ``\p{Lu}``: a character that may be a capital letter, any
# but a space, a digit or a lower-case letter of the Vietnamese alphabet (no capital is one of them).
LOWER_CASE_LETTERS = "".join(sorted(
    {chr(c) for c in range(ord("a"), ord("z") + 1)}
    | {chr(c) for c in range(0xC0, 0x250) if chr(c).islower()}  # Latin-1 and Latin Extended: à, ă, đ, ơ, ư …
    | {chr(c) for c in range(0x1EA0, 0x1F00) if chr(c).islower()}))  # Latin Extended Additional: ạ, ả, ấ …
MAYBE_CAPITAL = f"[^\\s\\d{LOWER_CASE_LETTERS}]"

# The same boundaries for the standard library's ``re``, which compiles and scans long lists of
# literal phrases several times faster than ``regex``: used for the big name lists.
RE_BEFORE = r"(?<![^\W_])"
RE_AFTER = r"(?![^\W_]|-[Ii]ndex)"


def literal_finder(phrases: Iterable[str], with_case_variants: bool = False, before: str = RE_BEFORE,
                   after: str = RE_AFTER) -> re.Pattern:
    """A compiled ``re`` pattern for whole-word occurrences of any of ``phrases``."""
    return re.compile(f"{before}(?:{alternation(phrases, with_case_variants)}){after}")


class WordStartScan:
    """``finditer`` of ``(?<![^\\W_])pattern`` (a match must begin a word), several times faster.

    The standard ``re`` skips ahead to the first letters a pattern can begin with only when the
    pattern opens with them: a look-behind in front makes it try the whole pattern at every
    position. So the scan runs the pattern without the look-behind and asks, at each match, the
    look-behind's question of the character before it (``[^\\W_]`` is ``str.isalnum``; ``also``
    adds characters, as ``(?<![\\w/-])`` does): where it fails, the scan goes on from the next
    position, as the engine would have. A match found is the match the look-behind form finds at
    that position, since the look-behind only accepts or refuses the position as a whole.
    ``overlapped`` gives every position where the pattern matches (as ``finditer`` does for a
    pattern that matches the empty string, such as a look-ahead)."""

    def __init__(self, pattern: str, also: str = "", overlapped: bool = False, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        self.also = also
        self.overlapped = overlapped

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        search, also, overlapped = self.pattern.search, self.also, self.overlapped
        end = len(text) if endpos is None else endpos
        while (match := search(text, pos, end)) is not None:
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in also):
                pos = start + 1
                continue
            yield match
            pos = start + 1 if overlapped or match.end() == start else match.end()


class WordStartSpans:
    """The spans ``WordStartScan`` finds (``(?<![^\\W_])pattern``, a match must begin a word), for a
    pattern whose every match begins with a letter or digit, found faster where its first letters
    begin most syllables (the heads of places: ``c``, ``đ``, ``k``, ``s`` …).

    ``WordStartScan`` has the engine try the pattern at each of those letters, inside words too,
    and refuses the position afterwards. Here the pattern follows one character that is no letter
    or digit (``[\\W_]``, the standard library's class for ``not str.isalnum``, which the engine
    skips to by itself), so it is tried only where a word begins; the text's first position is
    tried on its own. A match found at a position is the one the pattern gives there either way."""

    def __init__(self, pattern: str, overlapped: bool = False, flags: int = 0) -> None:
        self.at_start = re.compile(pattern, flags)
        self.after_gap = re.compile(rf"[\W_]({pattern})", flags)
        self.overlapped = overlapped

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        pos = 0
        first = self.at_start.match(text)
        if first is not None:
            yield first.span()
            pos = first.start() + 1 if self.overlapped else first.end()
        search, overlapped = self.after_gap.search, self.overlapped
        while (found := search(text, max(0, pos - 1))) is not None:  # the character before a word at ``pos`` too
            start, end = found.span(1)
            yield start, end
            pos = start + 1 if overlapped or end == start else end


class StartsScan:
    """``WordStartScan.finditer`` (no ``overlapped``) for a pattern the standard ``re`` cannot skip
    through: one whose branches open with a class (``[A-Z]{3}``) as well as with literal words is
    tried at every position of a text. Each of ``openers`` (``re`` patterns, each opening with
    literal words or with one class, so scanned fast) finds where some branch may begin, and the
    pattern is tried there only, in order: every match begins where an opener matches, so the
    first position that matches and begins a word is the one the plain scan finds."""

    def __init__(self, pattern: str, openers: Iterable[str], also: str = "") -> None:
        self.pattern = re.compile(pattern)
        self.openers = tuple(re.compile(opener) for opener in openers)
        self.also = also

    def finditer(self, text: str) -> Iterator[re.Match]:
        starts = {start for opener in self.openers for start in overlapping_starts(opener, text)}
        also = self.also
        return matches_at(self.pattern, text, starts,
                          refused=lambda start: start and (text[start - 1].isalnum() or text[start - 1] in also))


def matches_at(pattern: re.Pattern | regex.Pattern, text: str, starts: Iterable[int],
               refused: Callable[[int], bool] | None = None) -> Iterator[re.Match | regex.Match]:
    """What ``finditer`` gives of ``pattern`` where its matches can begin only at ``starts``: the
    pattern tried at each start in order (but ``refused`` ones), and the starts inside a match
    found passed over, as ``finditer`` passes over them."""
    match = pattern.match
    pos = 0
    for start in sorted(set(starts)):
        if start < pos or refused is not None and refused(start):
            continue
        found = match(text, start)
        if found is not None:
            yield found
            pos = found.end()


def matches_before_anchors(pattern: regex.Pattern, text: str, anchors: Iterable[int], words: int,
                           opening: regex.Pattern) -> Iterator[regex.Match]:
    """``pattern.finditer(text)`` for a pattern whose every match holds a run of at most ``words``
    words parted by single spaces, opening with ``opening`` (one character) and ending right at
    one of ``anchors`` (the place of a cue word after a name: 'Liz Lee|, nhà phân tích'). A scan
    whose pattern opens with look-behinds tries every position of a text; this tries the pattern
    only where ``opening`` matches within those words before an anchor, in order, and skips the
    positions inside a match found, as ``finditer`` does."""
    starts: set[int] = set()
    for anchor in anchors:
        reach = anchor
        for _ in range(words):  # the run begins after the space ``words`` spaces back, or later
            reach = text.rfind(" ", 0, reach)
            if reach == -1:
                break
        starts.update(found.start() for found in opening.finditer(text, max(reach, 0), anchor))
    return matches_at(pattern, text, starts)


def overlapping_starts(pattern: re.Pattern, text: str) -> Iterator[int]:
    """Every position where ``pattern`` matches, those inside another match too."""
    search = pattern.search
    pos = 0
    while (found := search(text, pos)) is not None:
        yield found.start()
        pos = found.start() + 1


class OpeningScan:
    """``finditer`` of a ``regex`` pattern whose every match opens with one of ``openings`` (literal
    words, as the pattern writes them), tried only where the standard ``re`` finds one of them.

    A ``regex`` scan tries the pattern at every position that may begin a match; where the first
    letters of the words begin most syllables, that is nearly every word. The standard ``re``
    skips to the words themselves several times faster, and ``pattern.match`` there gives what the
    scan gives at that position. Positions inside a match found are skipped, as ``finditer`` does
    (the pattern never matches the empty string); ``overlapped`` gives a match at every position,
    as ``finditer`` with ``overlapped=True`` does."""

    def __init__(self, pattern: regex.Pattern, openings: Iterable[str], overlapped: bool = False,
                 after: str = "") -> None:
        """``after``: what every match holds after its opening word too, as a standard ``re``
        look-ahead (``(?=[ ]…)``), so that fewer openings are tried."""
        self.pattern = pattern
        self.openings = re.compile(f"(?:{alternation(openings, look_ahead=False)}){after}" if after
                                   else alternation(openings, look_ahead=False))
        self.overlapped = overlapped

    def finditer(self, text: str) -> Iterator[regex.Match]:
        search, match = self.openings.search, self.pattern.match
        pos = 0
        while (opening := search(text, pos)) is not None:
            start = opening.start()
            found = match(text, start)
            if found is None:
                pos = start + 1
                continue
            yield found
            pos = found.end() if found.end() > start and not self.overlapped else start + 1


# --- Phrases found in one text -----------------------------------------------------------------
# A pattern of the names found in one text ('Nguyễn Văn An', 'ACV') is compiled for that text
# alone, which costs more than the scan; these find the same matches with ``str.find``, asking the
# boundary patterns only where a phrase stands.

NAME_CHARACTER = regex.compile(r"[\p{L}\p{N}]")  # what ``BEFORE`` refuses before a match
NAME_AFTER = regex.compile(r"[\p{L}\p{N}]|-[Ii]ndex")  # what ``AFTER`` refuses after it


def find_phrases(text: str, phrases: Iterable[str], refused_before: regex.Pattern = NAME_CHARACTER,
                 refused_after: regex.Pattern = NAME_AFTER) -> list[tuple[int, int]]:
    """The (start, end) of each match ``finditer`` gives for ``(?<!B)(?:phrases)(?!A)``, where
    ``refused_before`` (B, one character) and ``refused_after`` (A) are what the look-arounds refuse.

    Where several phrases begin at one position they are a phrase and its beginnings, and the
    alternation takes the longest whose end the look-ahead accepts; matches do not overlap and
    the scan goes on from the end of each, as ``finditer`` does. Empty phrases are left out."""
    ends_at: dict[int, list[int]] = {}
    for phrase in set(phrases):
        if not phrase:
            continue
        find = text.find
        start = find(phrase)
        while start != -1:
            ends_at.setdefault(start, []).append(start + len(phrase))
            start = find(phrase, start + 1)
    found = []
    pos = 0
    for start in sorted(ends_at):
        if start < pos or start and refused_before.match(text, start - 1):
            continue
        for end in sorted(ends_at[start], reverse=True):
            if not refused_after.match(text, end):
                found.append((start, end))
                pos = end
                break
    return found


# --- What one finder asks of another's words (layout-entities) --------------------------------
# A person's finder must know a company's name when it sees one, a place's finder a person's
# name: the words they share are read here, below all finders, so no finder imports another.

# A name in Latin script: capitalised words of ASCII letters and digits ('Counterpoint Research',
# 'GoerTek', 'T-Mall', 'Kitco.com', 'AP'), at most four.
LATIN_WORD = r"[A-Z][A-Za-z]*(?:[-&+][A-Za-z]+)*(?:\.(?:com|net|vn|org|io))?(?![^\W_])"  # 'ST25' is a product code
LATIN_NAME = rf"{LATIN_WORD}(?:[ ]{LATIN_WORD}){{0,3}}"
# One Vietnamese syllable in plain ASCII ('Long', 'Minh', 'Sam'): such a word may be a Vietnamese name.
VIETNAMESE_SYLLABLE = regex.compile(
    r"(?i)(?:b|c|ch|d|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)?[aeiouy]{1,3}(?:c|ch|m|n|ng|nh|p|t)?"
)
CAPITALISED_NEXT = regex.compile(r"[ ]\p{Lu}\p{Ll}")
CAPITALISED_BEFORE = regex.compile(r"(?:^|(?<=[\n.!?:;\"(]\s*))?(\p{Lu}\p{Ll}*)[ ]$")


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the span is part of a longer run of capitalised words ('Mỹ' in 'Mỹ Xuyên'); a
    capitalised word that opens a sentence ('Tại Mỹ') does not count."""
    if CAPITALISED_NEXT.match(text, end, end + 3):
        return True
    before = CAPITALISED_BEFORE.search(text[max(0, start - 20):start])
    if not before:
        return False
    word_start = start - len(before.group(1)) - 1
    opening = text[:word_start].rstrip()
    return not (opening == "" or opening[-1] in "\n.!?:;\"(-–")




@dataclass(frozen=True)
class NameWords:
    """The words of the people and organisations rules that other finders read: a surname says
    a run is a person's name, a known body or a corporate last word says it is a company's."""

    surnames: frozenset[str]  # in capitals
    weak_surnames: frozenset[str]  # surnames that are common words too: a name needs three syllables
    known_bodies: dict[str, str]
    company_last_words: frozenset[str]


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    people = rules.load("entities/people")
    bodies = rules.load("entities/organisations")
    return NameWords(
        surnames=frozenset(s.upper() for s in people["surnames"]),
        weak_surnames=frozenset(people.get("weak_surnames") or []),
        known_bodies=known_bodies(bodies),
        company_last_words=frozenset(bodies.get("company_last_words") or []),
    )


def known_bodies(data: dict) -> dict[str, str]:
    """The known names of bodies (organisations.yml ``known``), in capitals too for headers."""
    known_values = dict(data["known"])
    for name, value in list(known_values.items()):
        if " " in name and name not in (data.get("not_in_capitals") or []):
            known_values.setdefault(name.upper(), value)  # headers write bodies in capitals
    return known_values


def surname_led(words: list[str]) -> bool:
    """Whether a run reads as surname + given name: 'Nguyễn Văn Đình', not 'Hà Nội' or 'Văn Hóa'."""
    w = name_words()
    if len(words) < 2 or words[0].upper() not in w.surnames:
        return False
    return words[0] not in w.weak_surnames or len(words) >= 3


def looks_foreign(name: str) -> bool:
    """Whether a Latin-script name cannot be Vietnamese: a word in capitals ('ACV', 'SJC') or one
    that is no Vietnamese syllable ('Xiaomi', 'Research'); 'Long Minh' could be a Vietnamese name."""
    words = name.split(" ")
    return any(w.isupper() and len(w) > 1 or not VIETNAMESE_SYLLABLE.fullmatch(w) for w in words)
