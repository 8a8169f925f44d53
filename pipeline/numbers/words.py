"""Numbers written in words: ``hai mươi lăm``, ``một trăm linh năm``, ``ba phẩy năm``,
``Bảy nghìn không trăm chín mươi ba tỷ, tám trăm triệu``.

The word tables are data (rules/numbers/number_words.yml); this module only knows how Vietnamese
composes them: a digit before ``mươi`` is tens, before ``trăm`` hundreds, and a scale word
multiplies everything since the last larger scale (so ``nghìn tỷ`` is 1e12 and
``3 tỷ 200 triệu`` adds up).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules

NUMBER_WORD = regex.compile(r"[^\s,]+")
WORD_AFTER = regex.compile(r"[\p{L}\p{M}%]+")


@dataclass(frozen=True)
class WordTables:
    digits: dict[str, int]
    ambiguous: dict[str, int]
    inner: dict[str, int]
    ten: frozenset[str]
    tens_marker: frozenset[str]
    hundred: frozenset[str]
    zero_tens: frozenset[str]
    decimal_point: frozenset[str]
    five_before: tuple[tuple[str, ...], ...]
    half: frozenset[str]
    half_before_scale: frozenset[str]
    scales: dict[str, float]
    pattern: regex.Pattern
    # Every number word but those another one begins (``tỷ`` covers nothing here, ``ba`` would
    # cover ``bao``): a run starts where one of them is found, and only there is ``pattern`` tried.
    run_starts: tuple[str, ...]


@lru_cache(maxsize=1)
def tables() -> WordTables:
    data = rules.load("numbers/number_words")
    words: set[str] = set()
    parts = {}
    for key in ("digits", "ambiguous_digits", "inner_digits", "scales"):
        parts[key] = {k.lower(): v for k, v in (data.get(key) or {}).items()}
        words.update(parts[key])
    sets = {}
    for key in ("ten", "tens_marker", "hundred", "zero_tens", "decimal_point", "half", "half_before_scale"):
        sets[key] = frozenset(w.lower() for w in data.get(key) or [])
        words.update(sets[key])
    not_scale = "|".join(regex.escape(w) for w in data.get("scale_not_before") or [])
    plain = sorted((w for w in words if w not in parts["scales"]), key=len, reverse=True)
    scale_words = sorted(parts["scales"], key=len, reverse=True)
    alternatives = "|".join(regex.escape(w) for w in plain)
    scale_alternatives = "|".join(regex.escape(w) for w in scale_words)
    # A run of number words separated by spaces, or by a comma before a smaller group
    # (``chín mươi ba tỷ, tám trăm triệu``); ``tỷ lệ`` is not a scale.
    word = (
        rf"(?:(?:{alternatives})|(?:{scale_alternatives})(?!\s+(?:{not_scale})(?![\p{{L}}\p{{M}}])))"
        rf"(?![\p{{L}}\p{{M}}])"
    )
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{word}(?:(?:\s+|,\s*){word})*)")
    every_word = {w for w in words if w}
    return WordTables(
        digits=parts["digits"],
        ambiguous=parts["ambiguous_digits"],
        inner=parts["inner_digits"],
        ten=sets["ten"],
        tens_marker=sets["tens_marker"],
        hundred=sets["hundred"],
        zero_tens=sets["zero_tens"],
        decimal_point=sets["decimal_point"],
        five_before=tuple(tuple(p.lower().split()) for p in data.get("five_before") or []),
        half=sets["half"],
        half_before_scale=sets["half_before_scale"],
        scales=parts["scales"],
        pattern=pattern,
        run_starts=tuple(sorted(w for w in every_word if not any(o != w and w.startswith(o) for o in every_word))),
    )


@dataclass(frozen=True)
class WordNumber:
    """A parsed run of number words: ``words`` is how many words of the run were used and
    ``scale`` the largest scale word read (1 when none), as for digits followed by a scale."""

    value: float
    words: int
    scale: float = 1.0


def split_words(run: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) for every word of a run, commas dropped."""
    return [(m.start(), m.end(), m.group().lower()) for m in NUMBER_WORD.finditer(run)]


def parse_words(words: list[str], after: tuple[str, ...] = ()) -> WordNumber | None:
    """Read the longest prefix of ``words`` that forms a number, or None.

    ``năm``/``lăm``/``tư``/``mốt`` are only digits where the grammar allows them, so that
    ``hai năm`` stays "two years" and ``năm nay`` is not a number. ``after``: the words that
    follow the run in the text (``năm phần trăm``).
    """
    t = tables()
    total = 0.0  # everything under completed scale words
    small = 0.0  # the current group below one thousand
    digit: float | None = None  # a digit waiting for mươi/trăm/a scale
    last_scale = 1.0
    used = 0  # words read so far
    last_unit = 1.0  # what `rưỡi` halves
    started = False

    def flush() -> float:
        return small + (digit or 0.0)

    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        previous = words[i - 1] if i else None
        following = (list(words[i + 1:i + 3]) + list(after))[:2]
        # `năm` is five only before mươi/trăm/a scale/phẩy or after linh/phẩy: `mười năm`,
        # `một trăm năm` are years.
        five = w in t.ambiguous and (
            nxt in t.tens_marker | t.hundred | set(t.scales) | t.decimal_point
            or previous in t.zero_tens
            or any(tuple(following[:len(p)]) == p for p in t.five_before)
        )
        if w in t.half_before_scale and not started and nxt in t.scales:
            digit = 0.5  # nửa triệu USD = 500.000 USD (alone, `nửa` is no number: `một nửa`, `nửa tháng`)
            last_unit = 1.0
        elif w in t.digits or five:
            value = t.digits.get(w, t.ambiguous.get(w))
            if digit is not None:
                break  # two digits in a row: the number has ended
            if started and small % 10 != 0 and small > 0:
                break
            digit = float(value)
            last_unit = 1.0
        elif w in t.inner and started and (small % 100) >= 10 and digit is None:
            digit = float(t.inner[w])
        elif w in t.ten:
            if digit is not None:
                break
            small += 10
            last_unit = 1.0
        elif w in t.tens_marker and digit is not None:
            small += digit * 10
            digit = None
            last_unit = 10.0
        elif w in t.hundred and (digit is not None):
            small += digit * 100
            digit = None
            last_unit = 100.0
        elif w in t.zero_tens and started:
            pass
        elif w in t.scales and started:
            scale = t.scales[w]
            group = flush()
            if total and total < scale:
                total = (total + group) * scale
            elif total and total >= scale:
                total += group * scale
            else:
                total = group * scale
            small, digit = 0.0, None
            last_scale = max(last_scale, scale)
            last_unit = scale
        elif w in t.half and started:
            # hai triệu rưỡi = 2,5 triệu; một trăm rưỡi = 150; ba rưỡi = 3,5
            half = 0.5 * last_unit if last_unit >= 100 else 0.5
            return WordNumber(total + flush() + half, i + 1, last_scale)
        elif w in t.decimal_point and started and nxt is not None:
            fraction, used_after = parse_decimals(words[i + 1:])
            if not used_after:
                break
            return WordNumber(total + flush() + fraction, i + 1 + used_after, last_scale)
        else:
            break
        started = True
        i += 1
        used = i
    if not started:
        return None
    return WordNumber(total + flush(), used, last_scale)


def parse_decimals(words: list[str]) -> tuple[float, int]:
    """The part after ``phẩy``: digit by digit (không năm → .05) or as a number (mười lăm → .15)."""
    t = tables()
    single = {**t.digits, **t.ambiguous, **t.inner}
    digits = []
    for w in words:
        if w not in single:
            break
        digits.append(str(single[w]))
    as_number = parse_words(words)
    if as_number is not None and as_number.words > len(digits) and as_number.scale == 1.0:
        return float("0." + str(int(as_number.value))), as_number.words
    if not digits:
        return 0.0, 0
    return float("0." + "".join(digits)), len(digits)


def word_numbers(text: str):
    """Yield (start, end, WordNumber) for every number written in words in ``text``."""
    t = tables()
    for match in runs_of_words(text, t):
        spans = split_run(match.group())
        words = tuple(w for _, _, w in spans)
        # The words after the run matter only to an ambiguous digit (``năm phần trăm``).
        after = words_after(text, match.end()) if not t.ambiguous.keys().isdisjoint(words) else ()
        for first, last, parsed in read_run(words, after):
            yield match.start() + spans[first][0], match.start() + spans[last][1], parsed


def runs_of_words(text: str, t: WordTables):
    """The matches of ``t.pattern`` in ``text``, as its ``finditer`` gives them, found faster:
    the pattern is tried only where a number word starts (``str.find`` in the lower-cased text,
    C speed), not at every character. A text whose lower case is not its case folding letter
    for letter (``İ`` lengthens, ``ſ`` folds to ``s``) is scanned by ``finditer`` itself."""
    lowered = text.lower()
    if len(lowered) != len(text) or "ſ" in text:
        yield from t.pattern.finditer(text)
        return
    starts = set()
    for word in t.run_starts:
        found = lowered.find(word)
        while found >= 0:
            starts.add(found)
            found = lowered.find(word, found + 1)
    end = 0
    for start in sorted(starts):
        if start >= end and not (start and text[start - 1].isalpha()):  # the pattern's lookbehind, cheaply
            if match := t.pattern.match(text, start):
                yield match
                end = match.end()


def words_after(text: str, end: int) -> tuple[str, ...]:
    """The first two words after a run (within 20 characters), lower case."""
    return tuple(w.lower() for w in WORD_AFTER.findall(text[end:end + 20])[:2])


@lru_cache(maxsize=4096)
def split_run(run: str) -> tuple[tuple[int, int, str], ...]:
    """``split_words`` of a run, kept: the same runs (năm, tỷ, một) come back all the time."""
    return tuple(split_words(run))


@lru_cache(maxsize=4096)
def read_run(words: tuple[str, ...], after: tuple[str, ...]) -> tuple[tuple[int, int, WordNumber], ...]:
    """The numbers a run of words reads as: (index of first word, of last word, number), left
    to right; a word that starts no number is skipped."""
    numbers = []
    pos = 0
    while pos < len(words):
        parsed = parse_words(list(words[pos:]), after)
        if parsed is None or parsed.words == 0:
            pos += 1
            continue
        numbers.append((pos, pos + parsed.words - 1, parsed))
        pos += parsed.words
    return tuple(numbers)
