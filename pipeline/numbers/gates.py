"""A cheap pre-check before a word-list pattern: the word next to the number must be a word of the list.

Every number is checked against some twenty word lists (is it a label, vague, a year, bounded,
what does it count…), each a large case-insensitive alternation that costs microseconds to try
even where it fails, and it fails for almost every number. A list's pattern can only match where
the word touching the number is the last (before it) or first (after it) word of one of the list's
phrases. That word is read once per text and position, then looked up in a set: only a text
whose word is in it is given to the pattern, which then answers exactly as before.

The word is the run of letters (``\\p{L}``) nearest the number. A phrase's own word is read the
same way, so where the phrase stands in the text, the run found there is the phrase's word,
provided the phrase's word cannot be the end of a longer run: it is ``bounded`` when the phrase
has a non-letter before it (a space, a dot) or the pattern forbids a letter before the phrase
(``(?<![\\p{L}\\p{M}])``); an unbounded phrase word (``Covid-``) may end a longer run
(``xCovid-``), so the run need only end with it.
"""
from __future__ import annotations

import regex

# Ends of texts and starts after a position: the run of letters, past any non-letters.
LAST_RUN = regex.compile(r"(?r)(\p{L}+)\P{L}*\Z")
FIRST_RUN = regex.compile(r"\s*(\p{L}+)")
TURKIC_I = str.maketrans("İı", "ii")
LETTERS_AND_SPACES = regex.compile(r"[\p{L}\p{M}\s]+")
LAST_LETTERS = regex.compile(r"(?r)[\p{L}\p{M}]+\Z")


def fold(word: str) -> str:
    """A word as a case-insensitive pattern compares it: case folding (``µ`` and ``Μ`` match each
    other, which lower case misses), with the dotted ``İ`` and the dotless ``ı`` an ``i``, as
    the ``regex`` module matches them."""
    if "İ" in word or "ı" in word:
        word = word.translate(TURKIC_I)
    return word.casefold()


def last_run(text: str) -> str:
    """The last run of letters in ``text``, folded; "" when there is none. Mostly the text's
    last word is all letters (``str.rsplit``, C speed); else the pattern finds the run."""
    words = text.rsplit(None, 1)
    if words and words[-1].isalpha():
        return fold(words[-1])
    match = LAST_RUN.search(text)
    return fold(match.group(1)) if match else ""


def first_run(text: str, pos: int) -> str:
    """The run of letters at ``pos`` after optional whitespace, folded; "" when none."""
    words = text[pos:pos + 40].split(None, 1)
    if len(words) == 2:
        word = words[0]
        if word.isalpha():
            return fold(word)
        if not word[0].isalpha():
            return ""  # a word that starts with no letter (a bracket, a digit, `%`): no run there
    match = FIRST_RUN.match(text, pos)
    return fold(match.group(1)) if match else ""


# The run asked about last, with its text (the object itself, so ``is`` is a safe test): the
# checks of one number ask in turn about the same words before it, or the same position after it.
# Each holder keeps one tuple, replaced whole (one store), so that threads never mix two answers.
_LAST: list[tuple[str, str]] = [("", "")]  # (text, its last run)
# (text, {position: the run there}): the checks of a text's numbers ask about a few positions each
# (after the number, after its scale, after its unit), in turns.
_FIRST: list[tuple[str, dict[int, str]]] = [("", {})]
_FOLDED: list[tuple[str, str]] = [("", "")]  # (text, folded)


def folded_text(text: str) -> str:
    """``fold(text)``, kept for the next question about the same text."""
    memo = _FOLDED[0]
    if text is not memo[0]:
        memo = _FOLDED[0] = (text, fold(text))
    return memo[1]


def last_run_of(text: str) -> str:
    """``last_run(text)``, kept for the next question about the same text (as the gates of
    ``WordsBefore`` ask it)."""
    memo = _LAST[0]
    if text is not memo[0]:
        memo = _LAST[0] = (text, last_run(text))
    return memo[1]


def first_run_at(text: str, pos: int) -> str:
    """``first_run(text, pos)``, kept for the next question about the same position (as the
    gates of ``WordsAt`` ask it)."""
    memo = _FIRST[0]
    if text is not memo[0]:
        memo = _FIRST[0] = (text, {})
    run = memo[1].get(pos)
    if run is None:
        run = memo[1][pos] = first_run(text, pos)
    return run


class WordSet:
    r"""The words of a list's phrases at one end (``last``: the end next to a number after them;
    else the start, next to a number before them). ``bounded_by_pattern``: the pattern allows
    no letter on the far side of a phrase (``(?<![\p{L}\p{M}])`` before it, or after it)."""

    def __init__(self, phrases, *, last: bool, bounded_by_pattern: bool, unbounded_phrases=()):
        self.last = last
        self.bounded: set[str] = set()
        unbounded: set[str] = set()
        self.usable = True
        # (run, whether it is in ``bounded``, 0 for ``phrases`` / 1 for ``unbounded_phrases``, phrase)
        self.entries: list[tuple[str, bool, int, str]] = []
        for origin, phrase, bounded in ([(0, p, bounded_by_pattern) for p in phrases]
                                        + [(1, p, False) for p in unbounded_phrases]):
            run = last_run(phrase) if last else first_run(phrase, 0)
            if not run:  # a phrase without letters: no gate
                self.usable = False
                continue
            whole = regex.sub(r"\P{L}+\Z" if last else r"\A\s+", "", phrase)
            whole = fold(whole)
            if bounded or whole != run:  # something in the phrase, or the pattern, ends the run
                self.bounded.add(run)
            else:
                unbounded.add(run)
            self.entries.append((run, bounded or whole != run, origin, phrase))
        self.unbounded = tuple(unbounded)  # str.endswith/startswith take them all at once

    @classmethod
    def union(cls, sets) -> WordSet:
        """The words of all ``sets`` (at the same end): it admits every run one of them admits."""
        sets = list(sets)
        assert len({s.last for s in sets}) == 1
        union = cls([], last=sets[0].last, bounded_by_pattern=True)
        union.bounded = set().union(*(s.bounded for s in sets))
        union.unbounded = tuple(set().union(*(s.unbounded for s in sets)))
        union.usable = all(s.usable for s in sets)
        union.entries = [entry for s in sets for entry in s.entries]
        return union

    def phrases_for(self, run: str) -> tuple[list[str], list[str]]:
        """The phrases (of ``phrases``, of ``unbounded_phrases``, in their order) that may match
        where ``run`` is the word next to the number: those the gate admits the text for."""
        found: tuple[list[str], list[str]] = ([], [])
        for own, bounded, origin, phrase in self.entries:
            if own == run if bounded else (run.endswith(own) if self.last else run.startswith(own)):
                found[origin].append(phrase)
        return found

    def admits(self, run: str) -> bool:
        """Whether a text with this run next to the number may match."""
        return run in self.bounded or not self.usable or (bool(self.unbounded) and self.admits_unbounded(run))

    def admits_unbounded(self, run: str) -> bool:
        if self.last:
            return run.endswith(self.unbounded)
        return run.startswith(self.unbounded)


class PatternsByRun:
    """The pattern of a word list cut down, for one word next to the number, to the phrases the gate
    admits a text for (``WordSet.phrases_for``). A case-insensitive alternation of many phrases
    costs microseconds an attempt, one of a few phrases a fraction of that, and the phrases left
    out cannot match there, so the cut-down pattern answers as the whole one. Made the first time
    a word is met (``build(phrases, unbounded_phrases)`` compiles the pattern of a list), kept for
    the words of the phrases only (``bounded``): a word admitted by an unbounded phrase may be
    any word ending (starting) with it, and gets the whole pattern."""

    def __init__(self, build, words: WordSet):
        self.build, self.words = build, words
        self.made: dict[str, regex.Pattern] = {}

    def get(self, run: str, whole):
        if run not in self.words.bounded:
            return whole
        pattern = self.made.get(run)
        if pattern is None:
            pattern = self.made[run] = self.build(*self.words.phrases_for(run))
        return pattern


class WordsBefore:
    """A pattern searched in the words before a number, given only texts whose last word may end
    one of its phrases. Answers ``search`` and ``sub`` as the pattern does (a search bounded by
    ``pos``/``endpos`` is not gated); anything else is the pattern's. With ``build`` (the pattern
    of a list of phrases, see ``PatternsByRun``), a text is searched with the pattern of the
    phrases its last word may end."""

    def __init__(self, pattern, words: WordSet, build=None):
        assert words.last
        self.gated, self.words = pattern, words
        self.by_run = PatternsByRun(build, words) if build is not None and words.usable else None

    def admits(self, text: str) -> bool:
        memo = _LAST[0]
        if text is not memo[0]:
            memo = _LAST[0] = (text, last_run(text))
        return self.words.admits(memo[1])

    def search(self, text: str, *args, **kwargs):
        if not args and not kwargs:  # `admits`, inlined: it runs for every number, many times
            memo = _LAST[0]
            if text is not memo[0]:
                memo = _LAST[0] = (text, last_run(text))
            run, words = memo[1], self.words
            if run not in words.bounded and words.usable and not (words.unbounded and words.admits_unbounded(run)):
                return None
            if self.by_run is not None:
                return self.by_run.get(run, self.gated).search(text)
        return self.gated.search(text, *args, **kwargs)

    def sub(self, replacement, text: str, count: int = 0) -> str:
        return self.gated.sub(replacement, text, count=count) if self.admits(text) else text

    def has_match(self, text: str) -> bool:
        """Whether ``search`` finds a match: an end-anchored pattern answers it in one attempt from
        the end (``EndAnchored.ends_here``), without the search from the start that finds where."""
        if not self.admits(text):
            return False
        ends_here = getattr(self.gated, "ends_here", None)
        return ends_here(text) if ends_here is not None else self.gated.search(text) is not None

    def __getattr__(self, name):
        return getattr(self.gated, name)


class WordsAt:
    """A pattern matched at a position after a number, tried only where the first word there
    may start one of its phrases. Answers ``match`` as the pattern does (a match bounded by
    ``endpos`` is not gated); anything else is the pattern's. With ``build`` (see
    ``PatternsByRun``), matched with the pattern of the phrases the word there may start."""

    def __init__(self, pattern: regex.Pattern, words: WordSet, build=None):
        assert not words.last
        self.gated, self.words = pattern, words
        self.by_run = PatternsByRun(build, words) if build is not None and words.usable else None

    def match(self, text: str, pos: int = 0, *args, **kwargs):
        if not args and not kwargs:
            run, words = first_run_at(text, pos), self.words
            if run not in words.bounded and words.usable and not (words.unbounded and words.admits_unbounded(run)):
                return None
            if self.by_run is not None:
                return self.by_run.get(run, self.gated).match(text, pos)
        return self.gated.match(text, pos, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.gated, name)


class WordsAnywhere:
    """A pattern searched through a whole text (``finditer``, ``search``), tried only on a text
    that holds, case aside, the words of one of its phrases (``in``, C speed). Anything else is
    the pattern's."""

    def __init__(self, pattern: regex.Pattern, phrases):
        self.gated = pattern
        words = [tuple(fold(w) for w in regex.findall(r"\p{L}+", phrase)) for phrase in phrases]
        self.words = None if not all(words) else tuple(set(words))  # a phrase without letters: no gate

    def holds_its_words(self, text: str) -> bool:
        """Whether ``text`` holds every word of one of the phrases (in any order: a cheap test)."""
        if self.words is None:
            return True
        folded = folded_text(text)
        return any(all(word in folded for word in phrase) for phrase in self.words)

    def word_spans(self, text: str) -> list[tuple[int, int]] | None:
        """Where a word of each phrase (the one fewest times in ``text``) stands in ``text``: a
        match of the pattern in any part of ``text`` holds one of them. None where ``text``
        has no gate, or its folding does not keep every character one character."""
        if self.words is None:
            return None
        folded = folded_text(text)
        if len(folded) != len(text):
            return None
        spans = []
        for phrase in self.words:
            word = min(phrase, key=folded.count)
            found = folded.find(word)
            while found >= 0:
                spans.append((found, found + len(word)))
                found = folded.find(word, found + 1)
        return spans

    def finditer(self, text: str, *args, **kwargs):
        if not args and not kwargs and not self.holds_its_words(text):
            return iter(())
        return self.gated.finditer(text, *args, **kwargs)

    def search(self, text: str, *args, **kwargs):
        if not args and not kwargs and not self.holds_its_words(text):
            return None
        return self.gated.search(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.gated, name)



class CharsAt:
    """A pattern matched at a position, tried only where the first two characters after any spaces
    may start one of its phrases (phrases of symbols too: ``%``, ``$``, ``-``; a phrase of one
    character admits any second). ``match`` as the pattern's (not gated when bounded by
    ``endpos``); anything else is the pattern's. With ``build`` (the pattern of a list of
    phrases), matched with the pattern of the phrases those two characters may start (as
    ``PatternsByRun`` does for words)."""

    def __init__(self, pattern: regex.Pattern, phrases, build=None):
        self.gated = pattern
        self.phrases, self.build = list(phrases), build
        heads = [phrase.lstrip() for phrase in phrases]
        self.firsts = frozenset(fold(head[:1]) for head in heads if len(head) < 2)
        self.pairs = frozenset(folded_pair(head) for head in heads if len(head) >= 2)
        # two characters → the pattern to try where they stand, or False where no phrase may start
        self.admitted: dict[str, regex.Pattern | bool] = {}

    def admits(self, head: str) -> bool:
        """Whether a text starting with ``head`` (one or two characters) may start a phrase."""
        return fold(head[0]) in self.firsts or (len(head) == 2 and folded_pair(head) in self.pairs)

    def pattern_for(self, head: str):
        """What to try where ``head`` stands: False, the pattern, or that of the phrases it may start."""
        if not self.admits(head):
            return False
        if self.build is None:
            return self.gated
        first, pair = fold(head[0]), folded_pair(head) if len(head) == 2 else None
        return self.build([phrase for phrase in self.phrases
                           if (len(phrase.lstrip()) < 2 and fold(phrase.lstrip()[:1]) == first)
                           or (len(phrase.lstrip()) >= 2 and folded_pair(phrase.lstrip()) == pair)])

    def match(self, text: str, pos: int = 0, *args, **kwargs):
        if not args and not kwargs:
            head = text[pos:pos + 16].lstrip()[:2]  # sixteen spaces or more: not gated
            if head:
                pattern = self.admitted.get(head)
                if pattern is None:
                    pattern = self.admitted[head] = self.pattern_for(head)
                if pattern is False:
                    return None
                return pattern.match(text, pos)
        return self.gated.match(text, pos, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.gated, name)


def folded_pair(two: str) -> tuple[str, str]:
    """Two characters as a case-insensitive pattern compares them one by one; a space (``\\s+``
    in a phrase) stands for any."""
    return fold(two[0]), " " if two[1].isspace() else fold(two[1])


class EndAnchoredInWords:
    """An end-anchored pattern (``EndAnchored``) whose matches are words of its phrases and spaces,
    searched from where the words of its phrases that end the text start.

    Where a match starts (the leftmost match) takes a search from the start of the text, which
    tries every position of a whole sentence before the number. A match holds only the phrases'
    words, whole, and spaces, and it ends the text: it lies in the stretch of such words ending
    the text, and the pattern still sees the characters before that stretch (a lookbehind looks
    before ``pos``), so the search from there finds the same match.

    ``heads``: words one of which every match starts with (the first words of the bounds, not of
    the fillers after them). A match starts at a word of that stretch, so a stretch without one
    of them (``đạt``, ``là`` alone before a number: most) has none, and no pattern is tried.
    ``vocabulary``: more words than the phrases' own, shared by several patterns so that the
    stretch is read once for all: it starts as far back or further, and holds every match still.
    """

    def __init__(self, pattern, phrases, heads=None, vocabulary: frozenset[str] | None = None):
        assert all(LETTERS_AND_SPACES.fullmatch(phrase) for phrase in phrases), "phrases of words only"
        self.end_anchored = pattern
        self.vocabulary = frozenset(fold(word) for phrase in phrases for word in phrase.split())
        if vocabulary is not None:  # a larger one, shared with other patterns: a stretch as long or longer
            assert self.vocabulary <= vocabulary
            self.vocabulary = vocabulary
        self.heads = frozenset(fold(word) for word in heads) if heads is not None else None

    def ends_here(self, text: str) -> bool:
        if self.heads is not None and self.heads.isdisjoint(words_ending(text, self.vocabulary)[1]):
            return False
        return self.end_anchored.ends_here(text)

    def search(self, text: str):
        start, words = words_ending(text, self.vocabulary)
        if self.heads is not None and self.heads.isdisjoint(words):
            return None
        return self.end_anchored.forward.search(text, start)

    def __getattr__(self, name):
        return getattr(self.end_anchored, name)


# The stretch asked about last: (text, vocabulary, (where it starts, its words folded)). The
# bounds before a number (``qualifier_before``) share one vocabulary, so they ask once a number.
_STRETCH: list[tuple] = [("", None, (0, frozenset()))]


def words_ending(text: str, vocabulary: frozenset[str]) -> tuple[int, frozenset[str]]:
    """Where the stretch of ``vocabulary`` words ending ``text`` starts (``start_of_words_ending``),
    and its words, folded."""
    memo = _STRETCH[0]
    if text is not memo[0] or vocabulary is not memo[1]:
        start = start_of_words_ending(text, vocabulary)
        memo = _STRETCH[0] = (text, vocabulary, (start, frozenset(fold(text[start:]).split())))
    return memo[2]


def start_of_words_ending(text: str, vocabulary: frozenset[str]) -> int:
    """Where the longest stretch of ``vocabulary`` words (folded) and spaces ending ``text`` starts
    (``len(text)`` when its last word is none of them). Words are told apart by spaces, as
    ``str.split`` does (the pattern's ``\\s`` is one of them), but for the first: a phrase may
    follow a bracket or a digit (``(khoảng``), so the letters ending a word are one too."""
    start = len(text)
    rest = text
    while parts := rest.rsplit(None, 1):
        word = parts[-1]
        word_start = len(rest.rstrip()) - len(word)
        if fold(word) in vocabulary:
            start, rest = word_start, rest[:word_start]
            continue
        if word.isalpha():
            break  # a word of letters only, not one of them: no phrase starts in it
        letters = LAST_LETTERS.search(word)
        if letters and letters.start() and fold(letters.group()) in vocabulary:
            start = word_start + letters.start()
        break
    return start
