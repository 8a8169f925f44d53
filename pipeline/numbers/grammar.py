"""Numbers that state an amount: money, percent and quantity mentions (issue 3).

In: a document's NFC text. Out: ``Mention`` records with offsets into it, value normalised
(scale words applied), unit (ISO currency, ``%``/``pp``, or the counted noun), range high end
and qualifier. The grammar runs over raw text with precompiled regexes (no tokenizer): find
every number (digits or words), read the scale words after it, then what it counts (percent,
currency, measure, counted noun), a range or a change, the words that bound it, and drop the
numbers that are labels, dates, codes or denominators. What follows a number is read as the
noun it counts unless there is positive evidence against it (a function word, a two-word verb,
a label or a date before it): unseen texts count nouns no list can foresee. All Vietnamese words live in
rules/numbers/*.yml (see ``number_lexicon``); this module is the grammar only.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import regex

from .formats import has_thousands_groups, parse_number
from .lexicon import Lexicon, lexicon
from .words import parse_words, word_numbers
from ..records import Mention

# Digits, with an optional fraction or date slash (2.477/10.825, 28/11/2022).
DIGIT_ATOM = regex.compile(r"(?<![\p{L}\p{M}\d.,/])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*(?!\d)")
DAY_MONTH = regex.compile(r"\d{1,2}/\d{1,2}")
DAY_RANGE_AFTER = regex.compile(r"\s*[-–—]\s*(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?![\d/])")
PHONE_OR_CODE = regex.compile(r"0\d(?:[. ]?\d){3,}")
COMMA_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")
YEAR_LIKE = regex.compile(r"(?:19|20)\d\d")
YEAR_RANGE_BEFORE = regex.compile(r"(?<![\d.,])(?:19|20)\d\d\s*[-–—]\s*$")
SIGN_BEFORE = regex.compile(r"(?:^|[(\[:;]\s*|\n)[-−]$")
SENTENCE_END = regex.compile(r"[.!?]\s|\n")
WORD_AFTER = regex.compile(r"\s+[“\u0022]?([\p{Ll}\p{M}][\p{L}\p{M}]*)(?:\s+([\p{Ll}\p{M}][\p{L}\p{M}]*)(?=\s?/))?")
# An abbreviation after a number is what it counts (5 HTX, 1.542 F0), unless it starts a
# code (15 NĐ-CP, 12 QĐ/UBND).
ABBREVIATION_AFTER = regex.compile(r"\s+(\p{Lu}[\p{Lu}\d]{1,4})(?![\p{L}\p{M}\d\-/.])")
NEXT_WORD = regex.compile(r"\s+([\p{L}\p{M}]+)")
LETTER_HYPHEN_BEFORE = regex.compile(r"[\p{L}\p{M}]-$")
# A code of capitals and digits before a hyphen (30A-123.45, 59X1-234.56): the rest is the code's.
CODE_HYPHEN_BEFORE = regex.compile(r"(?<!\S)(?=[\p{Lu}\d]*\p{Lu})(?=[\p{Lu}\d]*\d)[\p{Lu}\d]+[-–]$")
LAST_WORD = regex.compile(r"(\S+)\s+$")
SPACES = regex.compile(r"\s+")
# Scientific notation: 3x10-3, 3×10^-3, 1,5.10^6, 2.10⁻⁵ (a bare minus needs the x/× sign).
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# The denominator of a rate: the words after the last slash that follows a unit (not a digit).
RATE_DENOMINATOR = regex.compile(r"(?<=[^\d\s/]\s*)/\s*([^/]+)$")
SCIENTIFIC = regex.compile(
    r"(?<![\p{L}\p{M}\d.,/])(\d+(?:,\d+)?)\s?"
    r"(?:[x×*]\s?10\s?(?:\^\s?)?([-−–]?\d{1,2})|[.x×*]\s?10\s?(?:\^\s?([-−–]?\d{1,2})|([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})))(?![\d,.]\d)"
)
SINGLE_DIGIT = regex.compile(r"[1-9]")
SPACE_GAP = regex.compile(r" +")
WORD = regex.compile(r"[\p{L}\p{M}]+")
CAPITALISED_AFTER = regex.compile(r"\s+\p{Lu}\p{Ll}")  # Yên Bái, Đồng Nai: a place, not a currency
# A digit and `.0` with nothing measured after it names a version (công nghiệp 4.0, số 2.0).
VERSION = regex.compile(r"\d\.0")
# A hotline (1900 1234, 1800.6789): the prefix is no year, the rest no count.
HOTLINE_BEFORE = regex.compile(r"(?<![\d.,])1[89]00[ .]?$")
OPEN_BRACKET_GAP = regex.compile(r"\s*\(\s*")
CLOSE_BRACKET = regex.compile(r"\s*\)")
# A heading of words before a colon, and the end of its item after the number.
LIST_ITEM_HEADING = regex.compile(r"[^\n:\d]*\p{L}[^\n:\d]*(?:\d+[^\n:\d]*)?:\s*")
LIST_ITEM_END = regex.compile(r"\s*(?:$|\n|[.;](?:\s|$)|,\s+(?i:trong\s+đó))")
LIST_LINK = regex.compile(r"[ ]?,[ ]|[ ](?:và|hoặc)[ ]")  # `77, 74,8 và 55`: a comma with a space parts items
WORDS_IN_BRACKETS = regex.compile(r"\s*\(\s*(\p{Ll}+(?:\s+\p{Ll}+){0,5})\s*\)")


@dataclass(frozen=True)
class Atom:
    """A bare number as written, before scale words: digits or a run of number words."""

    start: int
    end: int
    value: float
    in_words: bool
    written: str
    scale: float = 1.0  # number words that include a scale (hai triệu) carry it here
    denominator: float | None = None  # X/Y: ``value`` is X


@dataclass(frozen=True)
class Amount:
    """A number with its scale words applied; ``scale`` is the factor they applied."""

    atom: Atom
    end: int
    value: float
    scale: float = 1.0

    def with_value(self, value: float) -> Amount:
        return Amount(self.atom, self.end, value, self.scale)


@dataclass(frozen=True)
class Unit:
    """What an amount counts, and where the words saying so end."""

    type: str  # money | percent | quantity
    unit: str
    end: int
    kind: str  # currency | percent | measure | time | times | counted | noun | implicit | proportion
    # | elided (the noun of the count before) | bare (no unit written: hệ số 1,2; 1,07 triệu)
    factor: float = 1.0  # a minor currency unit: 188,6 US cent → 1,886 USD


def find_mentions(text: str) -> list[Mention]:
    """Every money, percent and quantity mention in ``text``, in reading order."""
    return [with_rate_denominator(m) for m in Grammar(text, lexicon()).run()]


def with_rate_denominator(mention: Mention) -> Mention:
    """A price or a rate keeps what it is per (``3.415 USD/tấn`` → per ``tấn``), since its ``unit``
    is the currency or ``%`` alone. A quantity's unit already holds it (``thôn/xã``); a slash
    between digits is a fraction (``2.477/10.825 tỷ đồng``), not a rate."""
    if mention.type == "quantity":
        return mention
    match = RATE_DENOMINATOR.search(mention.text)
    return dataclasses.replace(mention, per=match.group(1).strip()) if match else mention


def find_atoms(text: str) -> list[Atom]:
    """Every number in ``text``, digits and words, in order (dates with two slashes dropped)."""
    atoms: list[Atom] = []
    for match in SCIENTIFIC.finditer(text):
        exponent = next(g for g in match.groups()[1:] if g is not None)
        exponent = exponent.translate(SUPERSCRIPTS).replace("−", "-").replace("–", "-")
        value = parse_number(match.group(1)) * 10.0 ** int(exponent)
        atoms.append(Atom(match.start(), match.end(), value, False, match.group()))
    scientific = [(a.start, a.end) for a in atoms]
    for match in DIGIT_ATOM.finditer(text):
        if any(s <= match.start() < e for s, e in scientific):
            continue
        written = match.group()
        parts = written.split("/")
        if len(parts) > 2:
            continue  # a date (28/11/2022) or a code
        try:
            values = [parse_number(p) for p in parts]
        except ValueError:
            continue
        denominator = values[1] if len(values) == 2 else None
        atoms.append(Atom(match.start(), match.end(), values[0], False, written, denominator=denominator))
    taken = [(a.start, a.end) for a in atoms]
    for start, end, parsed in word_numbers(text):
        if any(s < end and start < e for s, e in taken):
            continue
        if parsed.value == 0 and parsed.words == 1:
            continue  # `không` alone is "not"
        atoms.append(Atom(start, end, parsed.value, True, text[start:end], scale=parsed.scale))
    atoms.sort(key=lambda a: a.start)
    return with_digits_in_brackets(text, atoms)


def with_digits_in_brackets(text: str, atoms: list[Atom]) -> list[Atom]:
    """``mười hai (12) tháng``, ``sáu (06) tháng``: a number in words glossed in digits (or digits
    glossed in words, ``05 (năm) năm``) is one number, read from its digits, ending after the bracket."""
    merged: list[Atom] = []
    i = 0
    while i < len(atoms):
        words = atoms[i]
        digits = atoms[i + 1] if i + 1 < len(atoms) else None
        if (words.in_words and digits is not None and not digits.in_words and digits.denominator is None
                and OPEN_BRACKET_GAP.fullmatch(text, words.end, digits.start)
                and (close := CLOSE_BRACKET.match(text, digits.end))):
            merged.append(Atom(words.start, close.end(), digits.value, False, digits.written))
            i += 2
            continue
        gloss = WORDS_IN_BRACKETS.match(text, words.end) if not words.in_words and words.denominator is None else None
        if gloss and glossed_value(gloss.group(1)) == words.value:
            # `05 (năm) năm`: digits glossed in words are the same number
            merged.append(Atom(words.start, gloss.end(), words.value, False, words.written))
            i += 2 if digits is not None and digits.start < gloss.end() else 1
            continue
        merged.append(words)
        i += 1
    return merged


def glossed_value(words: str) -> float | None:
    """The number a bracketed gloss says in words (`mười`, `năm`: a bare `năm` is five here)."""
    said = parse_words(words.split())
    if said is not None:
        return said.value
    value = lexicon().ambiguous_digits.get(words.lower())
    return float(value) if value is not None else None


class Grammar:
    """One pass over one text, left to right, remembering what the rules need to know about
    what came just before (the last mention, the last label)."""

    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.mentions: list[Mention] = []
        self.covered_until = 0  # atoms inside a mention already read are skipped
        self.label_end = -1  # where the last label number ended (quý 1 và 2)

    def run(self) -> list[Mention]:
        for atom in find_atoms(self.text):
            if atom.start >= self.covered_until:
                self.read(atom)
        self.add_multiples()
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions

    # --- one number ------------------------------------------------------------------------
    def read(self, atom: Atom) -> None:
        text, lex = self.text, self.lex
        before = text[max(0, atom.start - 30):atom.start]
        if self.is_label(atom, before):
            self.label_end = atom.end
            return
        if lex.vague_before.search(before) or (atom.in_words and lex.vague_before_words.search(before)):
            return
        if lex.vague_before_scale.search(before) and self.is_scale_amount(atom):
            return  # cả tỉ, cả trăm người (but cả ba khu vực counts)
        if self.is_group_label(atom, before):
            self.label_end = atom.end
            return
        if self.is_day_month(atom, before):
            self.label_end = atom.end
            return
        if (fraction := self.word_fraction(atom)) is not None:
            self.add(atom.start, *fraction, None, rule="number:words+fraction")
            return
        if self.is_denominator(atom):
            amount = self.amount(atom)
            unit = self.unit_at(amount.end, allow_noun=not atom.in_words)
            self.covered_until = unit.end if unit else amount.end
            return
        amount = self.amount(atom)
        if atom.denominator and self.is_proportion(atom, before):
            ratio = amount.with_value(atom.value / atom.denominator)
            self.add(atom.start, ratio, Unit("quantity", "lần", atom.end, "proportion"), None)
            return
        if (total := self.out_of_total(amount)) is not None:
            self.add(atom.start, amount, total, None, rule="number:out-of-total")
            return
        year_like = not atom.in_words and YEAR_LIKE.fullmatch(atom.written) is not None
        if year_like and YEAR_RANGE_BEFORE.search(before):
            return  # 2026 - 2028: the second year of a period
        allow_noun = not atom.in_words and not year_like
        unit = self.unit_at(amount.end, allow_noun)
        if unit is None and not year_like:
            unit = self.length_after_bound(amount, before)
        if year_like and unit is not None and unit.kind in {"noun", "time"}:
            return
        if year_like and (unit is None or unit.kind == "counted") and self.lex.year_before.search(before):
            return  # đến 2030 dân số…: a year after a time word is a date
        if unit is not None and unit.kind == "time" and amount.scale >= 1e6:
            unit = None  # lãi 15 tỷ năm 2023: the year is a date, the amount has no unit
        if unit is not None and unit.unit == "VND" and unit.factor == 1.0:
            amount = self.whole_dong(amount)
            unit = self.coins(amount, unit)
        value_max = None
        if (range_ := self.read_range(amount, unit, allow_noun)) is not None:
            amount, value_max, unit = range_
        elif unit is None and (change := self.read_change(amount, allow_noun)) is not None:
            amount, unit = change
        elif unit is None and (shared := self.unit_shared_by_list(amount, year_like, before)) is not None:
            amount, unit = shared
        elif unit is None:
            unit = self.implicit_unit(amount)
        if unit is None and not year_like:
            unit = self.unwritten_unit(amount, before)
        if unit is None or not self.counts(amount, unit, before, value_max is not None):
            return
        if unit.type != "money" and self.money_only_scale(amount):
            return  # màn hình 4K: k scales money only
        start = atom.start
        if not atom.in_words and SIGN_BEFORE.search(text[max(0, start - 3):start]):
            start, amount = start - 1, amount.with_value(-amount.value)
        self.add(start, amount, unit, value_max)

    def amount(self, atom: Atom) -> Amount:
        """The atom with the scale words after it (1,2 tỷ; 3 tỷ 200 triệu; 2,5 nghìn tỷ)."""
        if atom.in_words:
            return Amount(atom, atom.end, atom.value, atom.scale)
        match = self.lex.scale_at.match(self.text, atom.end)
        if not match:
            return Amount(atom, atom.end, atom.value)
        scale = self.scale_of(match)
        value, end = atom.value * scale, match.end()
        if half := self.lex.half_at.match(self.text, end):
            return Amount(atom, half.end(), value + 0.5 * scale, scale)  # 2 triệu rưỡi
        # 3 tỷ 200 triệu: a group of a smaller scale adds on.
        more = regex.match(r"\s+(\d+(?:[.,]\d+)?)", self.text[end:end + 20])
        if more and (smaller := self.lex.scale_at.match(self.text, end + more.end())):
            if self.scale_of(smaller) < scale:
                value += parse_number(more.group(1)) * self.scale_of(smaller)
                end = smaller.end()
                return Amount(atom, end, value, scale)
        if scale >= 1e3 and (digit := self.lex.scale_decimal_at.match(self.text, end)):
            return Amount(atom, digit.end(), value + int(digit.group(1)) * scale / 10, scale)  # 2 triệu 5
        return Amount(atom, end, value, scale)

    def is_scale_amount(self, atom: Atom) -> bool:
        """A round amount said by its scale: a scale word after the number, or a number in words
        that is one word of ten or more (trăm, chục, tỉ)."""
        if atom.scale != 1.0 or self.amount(atom).scale != 1.0:
            return True
        return atom.in_words and len(atom.written.split()) == 1 and atom.value >= 10

    def money_only_scale(self, amount: Amount) -> bool:
        written = self.text[amount.atom.end:amount.end].strip().lower()
        return bool(written) and written.split()[0] in self.lex.money_only_scales

    def scale_of(self, match: regex.Match) -> float:
        return self.lex.scales[SPACES.sub(" ", match.group(1).lower())]

    def next_amount(self, pos: int) -> Amount | None:
        """The amount that starts exactly at ``pos``, if one does."""
        atoms = find_atoms(self.text[pos:pos + 40])
        if not atoms or atoms[0].start != 0:
            return None
        atom = atoms[0]
        shifted = Atom(pos, pos + atom.end, atom.value, atom.in_words, atom.written, atom.scale, atom.denominator)
        return self.amount(shifted)

    # --- what it counts ------------------------------------------------------------------
    def unit_at(self, pos: int, allow_noun: bool) -> Unit | None:
        """What the amount ending at ``pos`` counts, or None. ``allow_noun``: any noun-like
        word may be the counted noun (for digits; words need a known unit). A unit never
        starts on the next line (`… 40\nNgày 5/12, …`)."""
        unit = self.unit_on_line(pos, allow_noun)
        if unit is not None and "\n" in self.text[pos:unit.end].lstrip(" ")[:1]:
            return None
        return unit

    def unit_on_line(self, pos: int, allow_noun: bool) -> Unit | None:
        text, lex = self.text, self.lex
        if match := lex.percent_at.match(text, pos):
            if lex.percent_grade_after.match(text, match.end()):
                return None  # gạo 5% tấm: a grade
            unit = lex.percents[SPACES.sub(" ", match.group(1).lower())]
            return Unit("percent", unit, self.rate_end(match.end()), "percent")
        match = lex.currency_at.match(text, pos)
        word = SPACES.sub(" ", match.group(1)).lower() if match else ""
        not_after = lex.not_currency_after.get(word) if match else None
        if match and not (not_after and not_after.match(text, match.end())):
            written = match.group(1)
            if not (written[:1].isupper() and not written.isupper() and CAPITALISED_AFTER.match(text, match.end())):
                factor = lex.currency_factors.get(word, 1.0)
                return Unit("money", lex.currencies[word], self.rate_end(match.end()), "currency", factor)
        if match := lex.measure_at.match(text, pos):
            end = self.rate_end(match.end())
            return Unit("quantity", self.unit_text(pos, end), end, "measure")
        if match := lex.gold_weight_at.match(text, pos):
            return Unit("quantity", match.group(1).lower(), match.end(), "measure")  # 2 chỉ 9999
        if lex.not_unit_at.match(text, pos) or lex.label_after.match(text, pos):
            return None
        if match := lex.times_at.match(text, pos):
            return Unit("quantity", "lần", match.end(), "times")
        if (word := WORD_AFTER.match(text, pos)) and self.starts_verb_phrase(word):
            return None  # 12 tập trung…: a verb, though `tập` alone may be counted
        if match := lex.counted_at.match(text, pos):
            end = self.rate_end(match.end())
            return Unit("quantity", self.unit_text(pos, end), end, "counted")
        if match := lex.time_at.match(text, pos):
            return Unit("quantity", match.group(1).lower(), self.rate_end(match.end()), "time")
        match = ABBREVIATION_AFTER.match(text, pos) if allow_noun else None
        if match and match.group(1) not in lex.not_counted_abbreviations:
            return Unit("quantity", match.group(1).lower(), match.end(), "noun")  # 20 DN, 1.542 F0
        if allow_noun and (match := WORD_AFTER.match(text, pos)):
            if self.is_noun_after(match):
                end = self.rate_end(match.end()) if match.group(2) else match.end()
                return Unit("quantity", self.unit_text(pos, end), end, "noun")
        return None

    def is_noun_after(self, match: regex.Match) -> bool:
        """An unlisted word after a number is the counted noun (9 triệu giao dịch, 5 tổ công
        tác) unless it is a function word or starts a two-word verb (giao cho, sản xuất)."""
        return match.group(1).lower() not in self.lex.not_nouns and not self.starts_verb_phrase(match)

    def starts_verb_phrase(self, match: regex.Match) -> bool:
        second = NEXT_WORD.match(self.text, match.end(1))
        return bool(second) and f"{match.group(1).lower()} {second.group(1).lower()}" in self.lex.not_noun_phrases

    def unit_text(self, start: int, end: int) -> str:
        return SPACES.sub(" ", self.text[start:end].strip()).strip("“”\"").lower()  # 2 “ông lớn”

    def rate_end(self, pos: int) -> int:
        """A rate keeps its whole unit: đồng/người, đồng/4 năm, đồng/3 kỳ/năm, %/năm học."""
        match = self.lex.rate_at.match(self.text, pos)
        return match.end() if match else pos

    def whole_dong(self, amount: Amount) -> Amount:
        """``20,800 đồng``: đồng have no decimals, so a comma before three digits with no
        scale word groups thousands (with a scale word, ``108,987 tỷ``, it is a decimal)."""
        written = amount.atom.written
        if amount.scale == 1.0 and COMMA_THOUSANDS.fullmatch(written):
            return amount.with_value(float(written.replace(",", "")))
        return amount

    def coins(self, amount: Amount, unit: Unit) -> Unit:
        """``rổ 6 đồng tiền``, ``100 đồng tiền xu``: a plain number under a thousand before
        ``đồng tiền``/``đồng xu`` counts coins or currencies, unless cash or a payment follows."""
        atom = amount.atom
        if unit.kind != "currency" or amount.scale != 1.0 or not 0 < atom.value < 1000 or atom.denominator:
            return unit
        if not atom.in_words and not atom.written.isdigit():
            return unit
        coin = self.lex.counted_at.match(self.text, amount.end)
        if not coin or " " not in coin.group(1) or self.lex.money_after_coin.match(self.text, coin.end()):
            return unit
        if not self.lex.currency_at.match(self.text, amount.end):
            return unit
        return Unit("quantity", self.unit_text(amount.end, coin.end()), coin.end(), "counted")

    def unit_shared_by_list(self, amount: Amount, year_like: bool, before: str) -> tuple[Amount, Unit] | None:
        """``lần lượt 77, 74,8 và 55 triệu đồng/năm``, ``loại 1, 2, 5 chỉ``: bare numbers listed
        before one that carries a scale and a unit share them."""
        if year_like or amount.atom.in_words or amount.scale != 1.0 or amount.atom.denominator is not None:
            return None
        pos = amount.end
        for _ in range(6):
            link = LIST_LINK.match(self.text, pos)
            following = self.next_amount(link.end()) if link else None
            if following is None or following.atom.in_words:
                return None
            unit = self.unit_at(following.end, allow_noun=True)
            if unit is not None:
                if unit.kind == "time" and not self.lex.length_before.search(before):
                    return None  # `ngày 5, 6 và 7 tháng`: days, not lengths (but kỳ hạn 2 và 3 tháng)
                value = amount.value * following.scale
                # the mention is the number alone: the unit stands written once, after the last item
                return Amount(amount.atom, amount.end, value, following.scale), Unit(
                    unit.type, unit.unit, amount.end, "elided", unit.factor)
            if following.scale != 1.0:
                return None
            pos = following.end
        return None

    def length_after_bound(self, amount: Amount, before: str) -> Unit | None:
        """``suốt 31 năm nay``, ``hơn 2 năm qua``: after a word that bounds a length of time, the
        time word is its unit even where the words after it would make it a date."""
        if not self.lex.length_before.search(before):
            return None
        match = self.lex.time_at.match(self.text, amount.end)
        if not match:
            return None
        return Unit("quantity", match.group(1).lower(), match.end(), "time")

    def implicit_unit(self, amount: Amount) -> Unit | None:
        """No unit written: ``gấp 3`` counts times; a bare ``tỷ`` amount, or a ``triệu`` one in
        a sentence about money, is in đồng."""
        text, lex, atom = self.text, self.lex, amount.atom
        if atom.denominator is not None:
            return None
        if lex.multiple_word_before.search(text[max(0, atom.start - 10):atom.start]):
            return Unit("quantity", "lần", amount.end, "times")
        currency = self.sentence_currency(atom.start)
        if amount.scale >= lex.implicit_vnd_always_from:
            return Unit("money", currency, self.rate_end(amount.end), "implicit")
        if amount.scale >= 1e6:
            clause = text[self.sentence_start(atom.start):atom.start].rsplit(";", 1)[-1]
            if lex.implicit_vnd_cue.search(clause):
                return Unit("money", currency, self.rate_end(amount.end), "implicit")  # 10 triệu/tháng
        if 1e3 <= amount.scale < 1e6 or (amount.scale == 1.0 and self.priced_per_unit(amount)):
            clause = text[self.sentence_start(atom.start):atom.start].rsplit(";", 1)[-1]
            if lex.implicit_vnd_thousands_cue.search(clause):
                return Unit("money", "VND", self.rate_end(amount.end), "implicit")  # giá 15 nghìn/kg
        return None

    def priced_per_unit(self, amount: Amount) -> bool:
        """``giá 15.000/kg``, ``bán 30.000 một bó``: a full amount in thousands groups priced
        per unit is in đồng even with no currency written."""
        if amount.atom.in_words or not has_thousands_groups(amount.atom.written):
            return False
        return self.rate_end(amount.end) > amount.end or bool(self.lex.per_unit_after.match(self.text, amount.end))

    def sentence_currency(self, pos: int) -> str:
        """The currency an unwritten one stands for: that of the last amount of money written
        with a currency in the sentence (xuất khẩu 260 tỷ USD, nhập siêu 2 tỷ), else đồng."""
        start = self.sentence_start(pos)
        for mention in reversed(self.mentions):
            if mention.end <= start:
                break
            if mention.type == "money" and mention.rule and "currency" in mention.rule:
                return mention.unit
        return "VND"

    def unwritten_unit(self, amount: Amount, before: str) -> Unit | None:
        """An amount with no unit written that still states one: the count of a list whose
        noun was said once (3 người cho rằng giảm và 6 dự báo đi ngang), a measure that takes
        a bare number (hệ số 1,2), or a scaled count (thất nghiệp 1,07 triệu)."""
        atom = amount.atom
        if atom.in_words or atom.denominator is not None:
            return None
        if (previous := self.elided_from()) is not None and previous.end <= atom.start:
            if self.lex.elision_gap.fullmatch(self.text, previous.end, atom.start):
                return Unit("quantity", previous.unit, amount.end, "elided")
        if self.lex.measure_without_unit_before.search(before) or amount.scale >= 1e3:
            return Unit("quantity", "", amount.end, "bare")
        if self.is_list_item_count(amount):
            return Unit("quantity", "", amount.end, "bare")
        if has_thousands_groups(atom.written) and not self.lex.not_unit_at.match(self.text, amount.end):
            return Unit("quantity", "", amount.end, "bare")  # tăng lên 58.925: a count in thousands
        return None

    def is_list_item_count(self, amount: Amount) -> bool:
        """``- Cách ly tại bệnh viện: 518``, ``+ Lần 2: 11.``: a number that is the whole value of a
        heading after a colon is the count the heading names (what it counts is in the heading)."""
        atom = amount.atom
        if amount.scale != 1.0 or atom.denominator is not None or YEAR_LIKE.fullmatch(atom.written):
            return False
        line_start = self.text.rfind("\n", 0, atom.start) + 1
        heading = self.text[line_start:atom.start]
        return bool(LIST_ITEM_HEADING.fullmatch(heading)) and bool(LIST_ITEM_END.match(self.text, amount.end))

    def elided_from(self) -> Mention | None:
        """The last mention, when it counts things a later number may leave unsaid."""
        if not self.mentions:
            return None
        last = self.mentions[-1]
        counted = last.rule is not None and ("counted" in last.rule or "noun" in last.rule)
        return last if last.type == "quantity" and counted else None

    def word_fraction(self, atom: Atom) -> tuple[Amount, Unit] | None:
        """``một phần ba``, ``hai phần năm``: a fraction in words is a ratio in ``lần``."""
        if not atom.in_words or atom.scale != 1.0 or not 1 <= atom.value < 10:
            return None
        match = self.lex.fraction_words_at.match(self.text, atom.end)
        if not match:
            return None
        denominator = self.lex.fraction_denominators[match.group(1).lower()]
        amount = Amount(atom, match.end(), atom.value / denominator)
        return amount, Unit("quantity", "lần", match.end(), "proportion")

    # --- two numbers -----------------------------------------------------------------------
    def read_range(self, amount: Amount, unit: Unit | None, allow_noun: bool):
        """``A-B unit``, ``A unit đến dưới B unit``: (low amount, high value, unit) or None."""
        end = unit.end if unit else amount.end
        join = self.lex.range_join.match(self.text, end)
        if not join and unit is None:
            join = self.juxtaposed_range(amount)
        if not join or (high := self.next_amount(join.end())) is None:
            return None
        high_unit = self.unit_at(high.end, allow_noun) or self.implicit_unit(high)  # 8 - 10 triệu
        if high_unit is None:
            return None
        if unit is not None and high_unit.unit != unit.unit:
            factor = self.lex.time_in_units.get(high_unit.unit, {}).get(unit.unit)
            if factor is None or unit.kind != "time" or high_unit.kind != "time":
                return None
            # 6 tháng – 1 năm: the high end read in the low end's unit (12 tháng)
            high = high.with_value(high.value * factor)
            high_unit = Unit(unit.type, unit.unit, high_unit.end, unit.kind)
        low = amount.value if unit is not None else self.low_end(amount, high)
        if not 0 <= low <= high.value:
            return None
        return amount.with_value(low), high.value, high_unit

    def juxtaposed_range(self, amount: Amount) -> regex.Match | None:
        """``1 2 nghìn``: two single digits side by side before a scale word are a spoken range
        (one or two thousand); the gap is the join."""
        atom = amount.atom
        if atom.in_words or amount.scale != 1.0 or not SINGLE_DIGIT.fullmatch(atom.written):
            return None
        gap = SPACE_GAP.match(self.text, amount.end)
        high = self.next_amount(gap.end()) if gap else None
        if high is None or not SINGLE_DIGIT.fullmatch(high.atom.written) or high.scale == 1.0:
            return None
        return gap if high.atom.value > atom.value else None

    def read_change(self, amount: Amount, allow_noun: bool) -> tuple[Amount, Unit] | None:
        """``từ 19 lên 20 quốc gia``: the starting value takes the unit (and scale) of the end
        value, which is a mention of its own, read next."""
        join = self.lex.change_join.match(self.text, amount.end)
        if not join or (target := self.next_amount(join.end())) is None:
            return None
        target_unit = self.unit_at(target.end, allow_noun)
        if target_unit is None:
            return None
        start = amount.with_value(self.low_end(amount, target))
        return start, Unit(target_unit.type, target_unit.unit, amount.end, target_unit.kind)

    def low_end(self, low: Amount, high: Amount) -> float:
        """The low end of a shortened range takes the high end's scale: 8-9 triệu, 250-280.000."""
        if low.scale == 1.0 and high.scale != 1.0:
            return low.value * high.scale
        value = low.value
        if (
            low.scale == high.scale == 1.0
            and has_thousands_groups(high.atom.written)
            and not has_thousands_groups(low.atom.written)
            and value > 0
        ):
            while value * 1000 <= high.value:
                value *= 1000
        return value

    def out_of_total(self, amount: Amount) -> Unit | None:
        """``1 trong 3 đột phá``: the count is the first number, with the unit of the total."""
        join = self.lex.out_of_join.match(self.text, amount.end)
        if not join:
            return None
        total = self.next_amount(join.end()) or self.ambiguous_digit_at(join.end())
        if total is None:
            return None
        unit = self.unit_at(total.end, allow_noun=True)  # after `trong ba`, any noun is counted
        if unit is None or unit.type != "quantity" or unit.kind == "time":
            return None  # 31.758 ca trong 24 giờ: a time is when, not a total
        return unit

    def ambiguous_digit_at(self, pos: int) -> Amount | None:
        """``ba trong số năm dự án``: after a word of a total, ``năm`` is five, not a year."""
        match = WORD.match(self.text[pos:pos + 10])
        value = self.lex.ambiguous_digits.get(match.group().lower()) if match else None
        if value is None:
            return None
        end = pos + match.end()
        return Amount(Atom(pos, end, float(value), True, match.group()), end, float(value))

    # --- what is not an amount -------------------------------------------------------------
    def is_label(self, atom: Atom, before: str) -> bool:
        """Ordinals, calendar parts, article and document numbers, names with digits."""
        lex = self.lex
        if LETTER_HYPHEN_BEFORE.search(before) or CODE_HYPHEN_BEFORE.search(before):
            return True  # Covid-19, IT-E10, 59X1-234.56
        if lex.game_name_after_head.search(before) and not lex.scale_at.match(self.text, atom.end):
            return True  # binh xập xám 13 lá (but tá lả 5 nghìn 1 điểm is the stake)
        if lex.game_verb_before.search(before) and lex.game_number_name_at.match(self.text, atom.start):
            return True  # đánh ba cây: the game, not three cards
        if (
            lex.label_before.search(before)
            and not lex.not_label_before.search(before)
            and not self.continues_length(atom)  # 3 năm 6 tháng, 2 giờ 30 phút
            and not self.scaled_money_after(atom)  # một khoản 200 triệu đồng
            and not lex.distributive_label_before.search(before)  # mỗi chiều 150.000 đồng
            and not self.count_per_time(atom, before)  # ăn ngày ba bữa
        ):
            return True
        if not atom.in_words and lex.document_code_after.match(self.text, atom.end):
            return True
        if not atom.in_words and HOTLINE_BEFORE.search(before):
            return True
        if not atom.in_words and PHONE_OR_CODE.fullmatch(atom.written):
            return True  # 0912.345.678, 0123456: a leading zero before four digits or more
        if not atom.in_words and atom.denominator is None and DAY_RANGE_AFTER.match(self.text, atom.end):
            return atom.value <= 31 and atom.written.isdigit()  # (23-27/4), từ 2-3/5
        if self.label_end >= 0 and lex.coordination_gap.fullmatch(self.text[self.label_end:atom.start]):
            # quý 1 và 2, năm 2021 - 2022: a coordinated label of the same shape.
            previous = regex.search(r"\d+$", self.text[:self.label_end])
            if previous and atom.denominator is None and atom.written.isdigit():
                return (len(previous.group()) == 4) == (len(atom.written) == 4)
        return False

    def count_per_time(self, atom: Atom, before: str) -> bool:
        """``ngày ba bữa``, ``tuần hai buổi``: a number in words after a time word and before a
        counted noun or ``lần`` counts per that time (days are not written in words)."""
        if not atom.in_words or not self.lex.per_time_before.search(before):
            return False
        unit = self.unit_at(atom.end, allow_noun=False)
        return unit is not None and unit.kind in {"counted", "times"}

    def is_group_label(self, atom: Atom, before: str) -> bool:
        """``nhóm 5`` names a group, but ``nhóm 3 nước đứng đầu`` counts its members: after a
        group word the number is a label unless a counted noun follows."""
        if not self.lex.label_unless_counted_before.search(before):
            return False
        unit = self.unit_at(self.amount(atom).end, allow_noun=not atom.in_words)
        return unit is None or unit.kind not in {"counted", "noun"}

    def scaled_money_after(self, atom: Atom) -> bool:
        """A scale word (or thousands groups) and a currency after the number: an amount of
        money, whatever word came before (khoản 200 triệu đồng, giá đường 18.000 đồng/kg), for
        labels never take them."""
        if atom.in_words:
            return False
        scale = self.lex.scale_at.match(self.text, atom.end)
        if scale:
            return self.lex.currency_at.match(self.text, scale.end()) is not None
        # giá đường 18.000 đồng/kg: thousands groups and a currency (tháng 5 đồng bằng is a date).
        return has_thousands_groups(atom.written) and self.lex.currency_at.match(self.text, atom.end) is not None

    def continues_length(self, atom: Atom) -> bool:
        """``3 năm 6 tháng``: right after a length of time just read, the time word is its
        unit, not a label of the next number (which is a length of its own)."""
        if not self.mentions:
            return False
        last = self.mentions[-1]
        return (
            last.rule is not None
            and "time" in last.rule
            and last.unit in self.lex.time_words
            and not self.text[last.end:atom.start].strip()
        )

    def is_day_month(self, atom: Atom, before: str) -> bool:
        """``30/4-1/5``, ``(23-27/4)``, ``cao điểm 30/4, 1/5``: a day/month, not a share."""
        if atom.in_words or atom.denominator is None or not DAY_MONTH.fullmatch(atom.written):
            return False
        if not (1 <= atom.value <= 31 and 1 <= atom.denominator <= 12):
            return False
        lex = self.lex
        return bool(
            lex.day_month_before.search(before)
            or lex.day_month_pair_before.search(before)
            or lex.day_range_before.search(before)
            or lex.day_month_pair_after.match(self.text, atom.end)
        )

    def is_proportion(self, atom: Atom, before: str) -> bool:
        """``2/3 số cổ phiếu``, ``1/5 sản lượng``, ``chỉ bằng 1/3``: a share of a whole, not a
        count out of a total (``9/11 dự án`` counts listed things, ``1/5 báo…`` is a date)."""
        lex = self.lex
        if lex.proportion_after.match(self.text, atom.end):
            return True
        if not (0 < atom.value < atom.denominator <= lex.proportion_max_denominator):
            return False
        if lex.share_before.search(before):
            return True  # chưa tới 1/2 chỉ tiêu: an exact count is not approximated
        unit = self.unit_at(atom.end, allow_noun=True)
        if unit is None:
            return bool(lex.proportion_before.search(before))
        return unit.kind == "noun"

    def is_denominator(self, atom: Atom) -> bool:
        """``trên 1 vạn dân``, ``cho 01 người``, ``một kg`` right after an amount: a per-unit."""
        if atom.value != 1 or atom.denominator is not None:
            return False
        before = self.text[max(0, atom.start - 20):atom.start]
        if self.lex.per_word_before.search(before) and self.lex.per_base_at.match(self.text, atom.end):
            return True  # Số bác sĩ trên 1 vạn dân đạt…: the base comes before the amount
        if not self.mentions:
            return False
        gap = self.text[self.mentions[-1].end:atom.start]
        return self.lex.per_unit_gap.fullmatch(gap) is not None

    def counts(self, amount: Amount, unit: Unit, before: str, is_range: bool = False) -> bool:
        """The checks that depend on what the number counts."""
        text, lex, atom = self.text, self.lex, amount.atom
        if atom.in_words:
            if unit.kind == "noun" or lex.enumeration_after.match(text, atom.end):
                return False  # Hai là…
            if atom.written.lower() == "một" and unit.kind == "counted":
                # `một` as "a" (một căn hộ): a count only after có/chỉ/thêm… (có một con).
                if not lex.one_as_count_before.search(before) and not lex.one_after_each.search(before):
                    return False
            if lex.one_not_count_after.match(text, atom.end):
                return False
            if (atom.written.lower() == "một" and (unit.kind == "time" or unit.unit == "lần")
                    and lex.one_per_before.search(before)):
                return False  # trợ cấp một lần, mức hưởng một tháng: lump-sum and per, not counts
            if (atom.written.lower() == "một" and unit.kind == "time"
                    and lex.one_described_after.match(text, unit.end)):
                return False  # một năm thành công: a year described, not a length
        if unit.kind in {"noun", "counted", "bare", "elided"}:
            if not atom.in_words and self.capitalised_name_before(atom):
                self.label_end = atom.end  # Ba Đình 1, 2, 3: the numbers listed after it name too
                return False  # hầm Hải Vân 2 (but Việt Nam hai bậc counts: words name nothing)
            if lex.weak_label_before.search(before) and not self.follows_mention(atom):
                return False  # tầng 5 tòa nhà (but 8 tầng 33 phòng: `tầng` is the unit before)
            if not atom.in_words and unit.kind != "counted" and VERSION.fullmatch(atom.written):
                return False  # công nghiệp 4.0 lan rộng
        if unit.kind == "time":
            if lex.period_after.match(text, amount.end):
                return False  # 6 tháng đầu năm, 16 giờ 45
            if unit.unit in lex.clock_units and lex.clock_before.search(before):
                return False  # vào khoảng 9 giờ: a clock time
            if unit.unit in lex.period_units and lex.period_before.search(before):
                return False  # bình quân 6 tháng
            if (
                unit.unit in lex.period_units
                and not is_range  # từ 1 tháng đến dưới 6 tháng giảm: a range of lengths
                and lex.period_result_after.match(text, unit.end)
                and not lex.length_before.search(before)
            ):
                return False  # Doanh thu 9 tháng đạt…: the first months of the year
        return True

    def follows_mention(self, atom: Atom) -> bool:
        """Right after a mention, with only spaces between: the word before the number is that
        mention's unit (8 tầng 33 phòng), not a label of this one."""
        return bool(self.mentions) and not self.text[self.mentions[-1].end:atom.start].strip()

    def capitalised_name_before(self, atom: Atom) -> bool:
        """``hầm Hải Vân 2``: a number right after a capitalised word inside a sentence."""
        window = self.text[max(0, atom.start - 30):atom.start]
        match = LAST_WORD.search(window)
        if not match:
            return False
        word = match.group(1)
        if not (word[:1].isupper() and word[:1].isalpha() and word[-1:].isalnum()):
            return False
        rest = window[:match.start()].rstrip()
        return bool(rest) and rest[-1:] not in ".!?:-+•*"

    # --- bounds --------------------------------------------------------------------------
    def sentence_start(self, pos: int) -> int:
        window_start = max(0, pos - 400)
        ends = [m.end() for m in SENTENCE_END.finditer(self.text, window_start, pos)]
        return ends[-1] if ends else window_start

    def qualifier(self, start: int, end: int, unit: Unit, is_range: bool, in_words: bool) -> str | None:
        text, lex = self.text, self.lex
        sentence = self.sentence_start(start)
        prefix = text[sentence:start]
        found: tuple[int, str, str] | None = None
        for kind, pattern in lex.qualifier_before.items():
            match = pattern.search(prefix)
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), kind, match.group(1).lower())
        if found:
            at, kind, word = found
            comparative = lex.comparative_before.search(prefix)
            if comparative and comparative.end() >= at and lex.difference_after.match(text, end):
                return None  # cao hơn 5% so với: a difference
            # `từ X` alone is a floor (giá từ 200.000 đồng), but not in a range or a change,
            # nor before counted things, where it means "from" (thu từ 5 dự án).
            from_only = word == "từ" and (
                is_range
                or in_words
                or unit.kind in {"counted", "noun"}
                or lex.change_join.match(text, end)
                or lex.range_join.match(text, end)
            )
            if word.startswith("vượt") and lex.exact_margin_after.match(text, end):
                return None  # vượt 6,3% kế hoạch: the exact margin
            if not from_only:
                return kind
        for kind, pattern in lex.qualifier_after.items():
            if pattern.match(text, end):
                return kind
        for kind, pattern in lex.list_governors.items():
            governors = list(pattern.finditer(prefix))
            if governors and self.governed(sentence + governors[-1].end(), start, unit):
                return kind
        return None

    def governed(self, governor_end: int, start: int, unit: Unit) -> bool:
        """A bound governs the amounts after it in its sentence while they form one list:
        every mention between the bound and this one has this one's type and unit."""
        between = [m for m in self.mentions if governor_end <= m.start < start]
        return all(m.type == unit.type and m.unit == unit.unit for m in between)

    # --- output --------------------------------------------------------------------------
    def add(self, start: int, amount: Amount, unit: Unit, value_max: float | None, rule: str | None = None) -> None:
        atom = amount.atom
        end = max(unit.end, amount.end)
        qualifier = self.qualifier(atom.start, end, unit, value_max is not None, atom.in_words)
        if unit.factor != 1.0:
            amount = amount.with_value(amount.value * unit.factor)
            value_max = value_max * unit.factor if value_max is not None else None
        if rule is None:
            parts = ["words" if atom.in_words else "digits", unit.kind]
            parts += ["range"] if value_max is not None else []
            parts += ["fraction"] if atom.denominator is not None else []
            rule = "number:" + "+".join(parts)
        self.mentions.append(
            Mention(
                start=start,
                end=end,
                text=self.text[start:end],
                type=unit.type,
                value=amount.value,
                unit=unit.unit,
                value_max=value_max,
                qualifier=qualifier,
                rule=rule,
            )
        )
        self.covered_until = end

    def add_multiples(self) -> None:
        """``gấp đôi`` → 2 lần, ``gấp rưỡi`` → 1.5 lần, where no number was read there."""
        for match in self.lex.multiple_at.finditer(self.text):
            start, end = match.start(), match.end()
            if any(m.start < end and start < m.end for m in self.mentions):
                continue
            if self.lex.times_at.match(self.text, end):
                continue  # gấp ba lần: read as a number
            value = float(self.lex.multiples[SPACES.sub(" ", match.group(1).lower())])
            unit = Unit("quantity", "lần", end, "times")
            atom = Atom(start, end, value, True, match.group())
            self.add(start, Amount(atom, end, value), unit, None, rule="number:multiple")
