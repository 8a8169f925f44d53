"""Numbers that state an amount: money, percent and quantity mentions (issue 3).

In: a document's NFC text. Out: ``Mention`` records with offsets into it, value normalised
(scale words applied), unit (ISO currency, ``%``/``pp``, or the counted noun), range high end
and qualifier. The grammar runs over raw text with precompiled regexes (no tokenizer): find
every number (digits or words), read the scale words after it, then what it counts (percent,
currency, measure, counted noun), a range or a change, the words that bound it, and drop the
numbers that are labels, dates, codes or denominators. All Vietnamese words live in
rules/numbers/*.yml (see ``number_lexicon``); this module is the grammar only.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .number_format import has_thousands_groups, parse_number
from .number_lexicon import Lexicon, lexicon
from .number_words import word_numbers
from .records import Mention

# Digits, with an optional fraction or date slash (2.477/10.825, 28/11/2022).
DIGIT_ATOM = regex.compile(r"(?<![\p{L}\p{M}\d.,/])\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*(?!\d)")
RANGE_JOIN = regex.compile(
    r"(?:\s*[-–—~÷]\s*|\s+(?i:đến|tới)\s+)(?:(?i:dưới|trên|hơn|khoảng|gần)\s+)?"
)
CHANGE_JOIN = regex.compile(r"\s+(?i:lên|xuống)(?:\s+(?i:mức|còn|tới|đến))?\s+")
SIGN_BEFORE = regex.compile(r"(?:^|[(\[:;]\s*|\n)[-−]$")
SENTENCE_END = regex.compile(r"[.!?]\s|\n")
WORD_AFTER = regex.compile(r"\s+([\p{Ll}\p{M}][\p{L}\p{M}]*)")
PER_ONE_GAP = regex.compile(r"\s*(?:(?i:trên|cho|mỗi|cho mỗi)\s*|/\s*)?")
COORDINATION_GAP = regex.compile(r"\s*(?:,|-|–|(?i:và|hoặc|đến|tới))\s*")
OUT_OF_JOIN = regex.compile(r"\s+(?i:trong)\s+(?:(?i:số|tổng số)\s+)?(?=\d)")
PROPORTION_AFTER = regex.compile(r"\s+(?i:của|số)(?![\p{L}\p{M}])")
LETTER_HYPHEN_BEFORE = regex.compile(r"[\p{L}\p{M}]-$")


@dataclass(frozen=True)
class Atom:
    """A bare number as written, before scale words: digits or a run of number words."""

    start: int
    end: int
    value: float
    in_words: bool
    written: str
    scaled: bool = False  # number words that already include a scale (hai triệu)
    numerator: float | None = None  # for X/Y
    denominator: float | None = None


@dataclass(frozen=True)
class Amount:
    """A number with its scale words applied."""

    atom: Atom
    end: int
    value: float
    scale: float  # the factor the scale words applied (1 when none)


@dataclass(frozen=True)
class Unit:
    type: str  # money | percent | quantity
    unit: str
    end: int
    kind: str  # currency | percent | measure | time | times | counted | noun | implicit


def find_mentions(text: str) -> list[Mention]:
    """Every money, percent and quantity mention in ``text``, in reading order."""
    grammar = Grammar(text, lexicon())
    return grammar.run()


def find_atoms(text: str) -> list[Atom]:
    atoms: list[Atom] = []
    for match in DIGIT_ATOM.finditer(text):
        written = match.group()
        parts = written.split("/")
        if len(parts) > 2:
            continue  # a date (28/11/2022) or a code
        try:
            values = [parse_number(p) for p in parts]
        except ValueError:
            continue
        if len(parts) == 2:
            atoms.append(Atom(match.start(), match.end(), values[0], False, written, False, values[0], values[1]))
        else:
            atoms.append(Atom(match.start(), match.end(), values[0], False, written))
    taken = [(a.start, a.end) for a in atoms]
    for start, end, parsed in word_numbers(text):
        if any(s < end and start < e for s, e in taken):
            continue
        if parsed.value == 0 and "phẩy" not in text[start:end].lower():
            continue
        atoms.append(Atom(start, end, parsed.value, True, text[start:end], parsed.has_scale))
    atoms.sort(key=lambda a: a.start)
    return atoms


class Grammar:
    """One pass over one text; keeps the state the rules need (what came just before)."""

    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.mentions: list[Mention] = []
        self.covered_until = 0
        self.label_end = -1  # where the last label/ordinal number ended (quý 1 và 2)

    # --- reading -------------------------------------------------------------------------
    def amount(self, atom: Atom) -> Amount:
        """The atom with the scale words after it (1,2 tỷ; 3 tỷ 200 triệu; 2,5 nghìn tỷ)."""
        value, end, scale = atom.value, atom.end, 1.0
        if atom.in_words:
            return Amount(atom, end, value, 1.0 if not atom.scaled else 1e6)
        if atom.denominator is not None:
            value = atom.numerator or 0.0
        match = self.lex.scale_at.match(self.text, end)
        if match:
            scale = self.lex.scales[regex.sub(r"\s+", " ", match.group(1).lower())]
            value, end = value * scale, match.end()
            # 3 tỷ 200 triệu: a smaller scale group added on.
            more = regex.match(r"\s+(\d+(?:[.,]\d+)?)", self.text[end:end + 20])
            if more:
                after = self.lex.scale_at.match(self.text, end + more.end())
                if after:
                    smaller = self.lex.scales[regex.sub(r"\s+", " ", after.group(1).lower())]
                    if smaller < scale:
                        value += parse_number(more.group(1)) * smaller
                        end = after.end()
        return Amount(atom, end, value, scale)

    def unit_at(self, pos: int, amount: Amount, allow_noun: bool) -> Unit | None:
        """What the amount ending at ``pos`` counts, or None."""
        text, lex = self.text, self.lex
        if match := lex.percent_at.match(text, pos):
            return Unit("percent", lex.percents[regex.sub(r"\s+", " ", match.group(1).lower())], self.rate_end(match.end()), "percent")
        match = lex.currency_at.match(text, pos)
        if match and not (match.group(1) == "đồng" and lex.dong_not_currency.match(text, match.end())):
            return Unit("money", lex.currencies[match.group(1)], self.rate_end(match.end()), "currency")
        if match := lex.measure_at.match(text, pos):
            return Unit("quantity", self.unit_text(pos, match.end()), self.rate_end(match.end()), "measure")
        if lex.not_unit_at.match(text, pos) or lex.label_after.match(text, pos):
            return None
        if match := lex.times_at.match(text, pos):
            return Unit("quantity", "lần", match.end(), "times")
        if match := lex.counted_at.match(text, pos):
            end = self.rate_end(match.end())
            return Unit("quantity", self.unit_text(pos, end), end, "counted")
        if match := lex.time_at.match(text, pos):
            return Unit("quantity", match.group(1).lower(), self.rate_end(match.end()), "time")
        if allow_noun and (match := WORD_AFTER.match(text, pos)):
            word = match.group(1)
            if word.lower() not in lex.not_nouns:
                return Unit("quantity", word.lower(), match.end(), "noun")
        return None

    def unit_text(self, start: int, end: int) -> str:
        return regex.sub(r"\s+", " ", self.text[start:end].strip()).lower()

    def rate_end(self, pos: int) -> int:
        """A rate keeps its whole unit: đồng/người, đồng/4 năm, đồng/3 kỳ/năm, %/năm học."""
        match = self.lex.rate_at.match(self.text, pos)
        return match.end() if match else pos

    # --- context -------------------------------------------------------------------------
    def sentence_start(self, pos: int) -> int:
        window = self.text[max(0, pos - 400):pos]
        last = -1
        for match in SENTENCE_END.finditer(window):
            last = match.end()
        return max(0, pos - 400) + (last if last >= 0 else 0)

    def is_label(self, atom: Atom) -> bool:
        """Ordinals, calendar parts, article and document numbers, names with digits."""
        text, start = self.text, atom.start
        prefix = text[max(0, start - 30):start]
        if LETTER_HYPHEN_BEFORE.search(prefix):
            return True
        if self.lex.label_before.search(prefix) and not self.lex.not_label_before.search(prefix):
            return True
        if self.label_end >= 0 and COORDINATION_GAP.fullmatch(text[self.label_end:start]):
            # quý 1 và 2, năm 2021 - 2022: a coordinated label of the same shape.
            previous = regex.search(r"\d+$", text[:self.label_end])
            if previous and atom.denominator is None and regex.fullmatch(r"\d+", atom.written):
                if (len(previous.group()) == 4) == (len(atom.written) == 4):
                    return True
        if not atom.in_words and self.lex.document_code_after.match(text, atom.end):
            return True
        return False

    def is_denominator(self, atom: Atom) -> bool:
        """``trên 1 vạn dân``, ``cho 01 người``, ``một kg`` right after an amount: a per-unit."""
        if not self.mentions or atom.value != 1:
            return False
        gap = self.text[self.mentions[-1].end:atom.start]
        return PER_ONE_GAP.fullmatch(gap) is not None

    def qualifier(
        self, start: int, end: int, is_range: bool, in_words: bool = False, unit: Unit | None = None
    ) -> str | None:
        text, lex = self.text, self.lex
        prefix = text[self.sentence_start(start):start]
        found: tuple[int, str, str] | None = None
        for kind, pattern in lex.qualifier_before.items():
            match = pattern.search(prefix)
            if match and (found is None or match.start() < found[0]):
                found = (match.start(), kind, match.group(1).lower())
        if found:
            _, kind, word = found
            comparative = lex.comparative_before.search(prefix)
            if comparative and comparative.end() >= found[0] and lex.difference_after.match(text, end):
                return None
            # `từ X` alone is a floor, but not in a range or change, nor before a count in
            # words (xuất phát từ ba lý do: "from").
            if word == "từ" and (is_range or in_words or CHANGE_JOIN.match(text, end) or RANGE_JOIN.match(text, end)):
                return None
            if word.startswith("vượt") and kind == "over" and lex.exact_margin_after.match(text, end):
                return None
            return kind
        for kind, pattern in lex.qualifier_after.items():
            if pattern.match(text, end):
                return kind
        for kind, pattern in lex.list_governors.items():
            governors = list(pattern.finditer(prefix))
            if governors and self.governed(start - len(prefix) + governors[-1].end(), start, unit):
                return kind
        return None

    def governed(self, governor_end: int, start: int, unit: Unit | None) -> bool:
        """A bound governs the amounts after it in its sentence while they are one list: every
        mention between the bound and this one has this one's type and unit."""
        between = [m for m in self.mentions if governor_end <= m.start < start]
        if unit is None:
            return not between
        return all(m.type == unit.type and m.unit == unit.unit for m in between)

    # --- the grammar ---------------------------------------------------------------------
    def run(self) -> list[Mention]:
        atoms = find_atoms(self.text)
        for index, atom in enumerate(atoms):
            if atom.start < self.covered_until:
                continue
            self.read(atom)
        self.add_multiples()
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions

    def read(self, atom: Atom) -> None:
        text, lex = self.text, self.lex
        if self.is_label(atom):
            self.label_end = atom.end
            return
        if lex.vague_before.search(text[max(0, atom.start - 20):atom.start]):
            return
        if self.is_denominator(atom):
            self.covered_until = self.after_unit_end(atom)
            return
        amount = self.amount(atom)
        year_like = (not atom.in_words and atom.denominator is None and regex.fullmatch(r"(?:19|20)\d\d", atom.written) is not None)
        allow_noun = not atom.in_words and not year_like and amount.scale == 1.0
        if atom.denominator is not None and PROPORTION_AFTER.match(text, atom.end) and atom.denominator:
            amount = Amount(atom, atom.end, (atom.numerator or 0.0) / atom.denominator, 1.0)
            qualifier = self.qualifier(atom.start, atom.end, False)
            self.add(atom.start, atom.end, Unit("quantity", "lần", atom.end, "proportion"), amount.value,
                     None, qualifier, self.rule_name(atom, Unit("quantity", "lần", atom.end, "proportion"), None))
            return
        if (out_of := self.out_of_total(atom, amount)) is not None:
            unit, total_end = out_of
            qualifier = self.qualifier(atom.start, total_end, False)
            self.add(atom.start, total_end, unit, amount.value, None, qualifier, "number:out-of-total")
            return
        unit = self.unit_at(amount.end, amount, allow_noun)
        if year_like and unit is not None and unit.kind in {"noun", "time"}:
            return
        start = atom.start
        if not atom.in_words and SIGN_BEFORE.search(text[max(0, start - 3):start]):
            start -= 1
            amount = Amount(atom, amount.end, -amount.value, amount.scale)
        value_max = None
        end = unit.end if unit else amount.end
        # A range: A-B unit, A unit đến B unit, từ A đến B unit.
        join = RANGE_JOIN.match(text, end)
        if join:
            second = self.next_amount(join.end())
            if second is not None:
                second_unit = self.unit_at(second.end, second, allow_noun)
                same = unit is None or (second_unit is not None and second_unit.unit == unit.unit)
                if second_unit is not None and same and second.value >= 0:
                    low = amount.value
                    if unit is None:
                        low = self.scale_low_end(amount, second)
                    if low <= second.value:
                        amount = Amount(atom, amount.end, low, amount.scale)
                        value_max, unit, end = second.value, second_unit, second_unit.end
        # A change: từ A lên B: A takes B's unit, both are mentions.
        if unit is None:
            change = CHANGE_JOIN.match(text, amount.end)
            if change:
                second = self.next_amount(change.end())
                if second is not None:
                    second_unit = self.unit_at(second.end, second, allow_noun)
                    if second_unit is not None:
                        low = self.scale_low_end(amount, second)
                        amount = Amount(atom, amount.end, low, amount.scale)
                        unit = Unit(second_unit.type, second_unit.unit, amount.end, second_unit.kind)
                        end = amount.end
        if unit is None:
            unit = self.implicit_unit(atom, amount)
            if unit is None:
                return
        if not self.accept(atom, amount, unit):
            return
        if unit.kind in {"counted", "noun"} and self.lex.weak_label_before.search(text[max(0, atom.start - 20):atom.start]):
            return
        if unit.kind == "time" and (
            lex.period_after.match(text, amount.end)
            or (unit.unit in {"tháng", "quý"} and lex.period_before.search(text[max(0, atom.start - 20):atom.start]))
        ):
            return
        qualifier = self.qualifier(atom.start, end, value_max is not None, atom.in_words, unit)
        self.add(start, end, unit, amount.value, value_max, qualifier, self.rule_name(atom, unit, value_max))

    def out_of_total(self, atom: Atom, amount: Amount) -> tuple[Unit, int] | None:
        """``1 trong 3 đột phá``: the count is the first number, with the unit of the total."""
        join = OUT_OF_JOIN.match(self.text, amount.end)
        if not join:
            return None
        total = self.next_amount(join.end())
        if total is None:
            return None
        unit = self.unit_at(total.end, total, not total.atom.in_words)
        if unit is None or unit.type != "quantity":
            return None
        return unit, unit.end

    def after_unit_end(self, atom: Atom) -> int:
        amount = self.amount(atom)
        unit = self.unit_at(amount.end, amount, not atom.in_words)
        return unit.end if unit else amount.end

    def next_amount(self, pos: int) -> Amount | None:
        for atom in find_atoms(self.text[pos:pos + 40]):
            if atom.start != 0:
                return None
            shifted = Atom(atom.start + pos, atom.end + pos, atom.value, atom.in_words, atom.written, atom.scaled)
            return self.amount(shifted)
        return None

    def scale_low_end(self, low: Amount, high: Amount) -> float:
        """The low end of a shortened range takes the high end's scale: 8-9 triệu, 250-280.000."""
        value = low.value
        if low.scale == 1.0 and high.scale != 1.0 and not low.atom.in_words:
            value *= high.scale
        elif (
            low.scale == 1.0
            and high.scale == 1.0
            and has_thousands_groups(high.atom.written)
            and not has_thousands_groups(low.atom.written)
            and value > 0
        ):
            while value * 1000 <= high.value:
                value *= 1000
        return value

    def implicit_unit(self, atom: Atom, amount: Amount) -> Unit | None:
        """``tăng hai triệu`` in a sentence about money is in đồng; ``gấp 3`` counts times;
        ``1/3 của`` is a proportion."""
        text, lex = self.text, self.lex
        if atom.denominator is not None:
            if PROPORTION_AFTER.match(text, atom.end) and atom.denominator:
                return Unit("quantity", "lần", atom.end, "proportion")
            return None
        if lex.multiple_word_before.search(text[max(0, atom.start - 10):atom.start]):
            return Unit("quantity", "lần", amount.end, "times")
        scaled = amount.scale >= 1e6 or (atom.in_words and atom.scaled)
        if scaled:
            if amount.scale >= lex.implicit_vnd_always_from:
                return Unit("money", "VND", amount.end, "implicit")
            prefix = text[self.sentence_start(atom.start):atom.start]
            if lex.implicit_vnd_cue.search(prefix):
                return Unit("money", "VND", amount.end, "implicit")
        return None

    def accept(self, atom: Atom, amount: Amount, unit: Unit) -> bool:
        """The checks that depend on what the number counts."""
        text, lex = self.text, self.lex
        if atom.in_words:
            if unit.kind == "noun":
                return False
            words = atom.written.lower().split()
            if words == ["một"] and unit.kind in {"counted"}:
                # `một` as "a": only a count after có/chỉ/thêm… (có một con).
                if not lex.one_as_count_before.search(text[max(0, atom.start - 20):atom.start]):
                    return False
            if lex.one_not_count_after.match(text, atom.end):
                return False
            if regex.match(r"\s+là(?![\p{L}\p{M}])", text[atom.end:atom.end + 5]):
                return False
        if unit.kind in {"noun", "counted"} and self.capitalised_name_before(atom):
            return False
        if atom.denominator is not None and unit.kind == "proportion":
            return True
        return True

    def capitalised_name_before(self, atom: Atom) -> bool:
        """``hầm Hải Vân 2``: a number right after a capitalised name (not a sentence start)."""
        match = regex.search(r"(\S+)\s+$", self.text[max(0, atom.start - 30):atom.start])
        if not match:
            return False
        word = match.group(1)
        if not word[:1].isupper() or not word[:1].isalpha() or not word[-1:].isalnum():
            return False
        before = self.text[max(0, atom.start - 30):atom.start][:match.start()]
        sentence_initial = not before.strip() or before.rstrip()[-1:] in ".!?:\n-+•*"
        if sentence_initial:
            return False
        return True

    def rule_name(self, atom: Atom, unit: Unit, value_max: float | None) -> str:
        parts = ["words" if atom.in_words else "digits", unit.kind]
        if value_max is not None:
            parts.append("range")
        if atom.denominator is not None:
            parts.append("fraction")
        return "number:" + "+".join(parts)

    def add(self, start, end, unit: Unit, value, value_max, qualifier, rule) -> None:
        if unit.kind == "proportion":
            pass
        self.mentions.append(
            Mention(
                start=start,
                end=end,
                text=self.text[start:end],
                type=unit.type,
                value=value,
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
                continue
            value = self.lex.multiples[regex.sub(r"\s+", " ", match.group(1).lower())]
            unit = Unit("quantity", "lần", end, "times")
            qualifier = self.qualifier(start, end, False)
            self.mentions.append(
                Mention(start, end, self.text[start:end], "quantity", float(value), "lần",
                        qualifier=qualifier, rule="number:multiple")
            )
