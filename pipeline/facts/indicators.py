"""Indicators: the noun phrase a figure measures, and its canonical key.

A Vietnamese report states a figure as ``<indicator> <predicate> <number>``: ``tổng thu NSNN
ước đạt 54.000 tỷ đồng``, ``kim ngạch xuất khẩu tăng 11%``, ``1. Tổng chi ngân sách: 9.450 tỷ
đồng``. So the indicator is what stands between the start of the clause and the predicate
chain in front of the number, with framing words (``Trong đó``, ``Theo báo cáo,``) and trailing
modifiers of place and time (``của tỉnh``, ``năm 2023``) cut off. A clause with no noun phrase
of its own (``…, tăng 12%``) measures the same thing as the figure before it; the caller
carries that over. The words (frames, predicates, abbreviations, the lexicon of keys) are in
``rules/facts/indicators.yml``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import cues as fact_cues, indicator_keys
from ..entities.gazetteer import bare_unit, place_grammar
from .. import rules
from ..end_anchored import EndAnchored
from .cues import WORD, alternatives
from .indicator_keys import IndicatorEntry

HAS_WORD = regex.compile(r"\w")
WORD_OF_TWO_LETTERS = regex.compile(r"\p{L}{2}")
BRACKETED = regex.compile(r"\s*\([^()]*\)")
COMMA = regex.compile(r",(?!\d)")  # a decimal comma (`73,5`) separates nothing
COMMA_KEPT = regex.compile(r"(,(?!\d)\s*)")
WORDS_AFTER = regex.compile(r"\s*([^\W\d][^,;:.()]*)")
LISTED_NOUN = regex.compile(r",\s*([^\W\d][^,;:.()]*)")


@dataclass(frozen=True)
class Lexicon:
    abbreviation_pattern: regex.Pattern
    abbreviations: dict[str, str]
    entries: tuple[IndicatorEntry, ...]
    leading: regex.Pattern
    trailing: EndAnchored
    modifiers: EndAnchored
    predicate_inside: regex.Pattern
    price_head: regex.Pattern
    measure_heads: regex.Pattern
    max_words: int
    max_words_unbroken: int
    modifier_start: regex.Pattern
    list_piece_words: int
    verb_before_amount: EndAnchored  # asked of every clause before a figure: tried from the end first
    clause_opener: regex.Pattern
    merge_below_words: int
    after_stop: regex.Pattern
    basis_start: regex.Pattern
    bracket_remark_words: int
    not_noun_start: regex.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = rules.load("facts/indicators")
    abbreviations = dict(data["abbreviations"])
    phrase = data["phrase"]
    entries = indicator_keys.entries()  # the catalog of keys, rules/facts/indicator_keys.yml
    trailing = phrase["trailing"]
    return Lexicon(
        abbreviation_pattern=regex.compile(WORD.format("|".join(
            regex.escape(a) for a in sorted(abbreviations, key=len, reverse=True)))),
        abbreviations=abbreviations,
        entries=entries,
        leading=regex.compile(r"^\s*(?:" + alternatives(phrase["leading"]) + r")\s*", regex.IGNORECASE),
        trailing=EndAnchored(r"(?:^|(?<=[\s(:,]))(?:" + alternatives(trailing) + r")\s*$", regex.IGNORECASE),
        modifiers=EndAnchored(r"(?:^|\s)(?:" + alternatives(phrase["modifiers"]) + r")\s*$", regex.IGNORECASE),
        # the predicates (not the punctuation) anywhere in a piece: a comma piece holding one is a
        # clause of its own, not part of a list of nouns
        predicate_inside=regex.compile(WORD.format(alternatives(trailing[:3])), regex.IGNORECASE),
        price_head=regex.compile(r"(?:^|\s)(" + phrase["price_head"] + r")$", regex.IGNORECASE),
        measure_heads=regex.compile(WORD.format(alternatives(phrase["measure_heads"])), regex.IGNORECASE),
        max_words=int(phrase["max_words"]),
        max_words_unbroken=int(phrase["max_words_unbroken"]),
        modifier_start=regex.compile(r"\s(?:" + alternatives(phrase["modifier_starts"]) + r")(?![\w])",
                                     regex.IGNORECASE),
        list_piece_words=int(phrase["list_piece_words"]),
        verb_before_amount=fact_cues.gated_end(
            "".join(f"(?<!{n} )" for n in phrase["negations"]) + WORD.format(alternatives(phrase["verbs_before_amount"]))
            + r"(?:\s+(?:" + alternatives(phrase["amount_fillers"]) + r"))*\s*$", regex.IGNORECASE),
        clause_opener=regex.compile(r"\s(?:" + alternatives(phrase["clause_openers"]) + r")\s", regex.IGNORECASE),
        merge_below_words=int(phrase["merge_below_words"]),
        bracket_remark_words=int(phrase["bracket_remark_words"]),
        after_stop=regex.compile(WORD.format(alternatives(phrase["after_stops"])), regex.IGNORECASE),
        not_noun_start=regex.compile(WORD.format(alternatives(phrase["not_noun_starts"])), regex.IGNORECASE),
        basis_start=regex.compile(r"(?:" + alternatives(phrase["basis_starts"]) + r")(?![\w])", regex.IGNORECASE),
    )


def expand_abbreviations(phrase: str) -> str:
    """``tổng thu NSNN`` → ``tổng thu ngân sách nhà nước`` (whole words, as listed)."""
    lex = lexicon()
    return lex.abbreviation_pattern.sub(lambda m: lex.abbreviations[m.group(0)], phrase)


@lru_cache(maxsize=4096)
def indicator_key(phrase: str | None, mention_type: str | None = None, change: str | None = None) -> str | None:
    """The catalog's key of an indicator phrase (``indicator_keys``), or None when it knows none."""
    if not phrase:
        return None
    return indicator_keys.key_for(expand_abbreviations(phrase).lower(), mention_type, change)


@lru_cache(maxsize=8192)
def clean(phrase: str) -> str:
    """Strip frames from the front and predicates/modifiers from the end until nothing changes."""
    lex = lexicon()
    previous = None
    text = phrase.strip()
    while text != previous:
        previous = text
        text = lex.leading.sub("", text, count=1).strip()
        text = lex.trailing.sub("", text, count=1).strip()
        text = lex.modifiers.sub("", text, count=1).strip()
        text = text.strip(" ,;:-–+=(")
        if text.count("(") < text.count(")") and text.endswith(")"):
            text = text[:-1].strip()
    head = lex.price_head.search(text)
    if head:
        return head.group(1)
    if not HAS_WORD.search(text):
        return ""
    return text


def _is_frame(piece: str) -> bool:
    """A comma piece that is only a frame or a time phrase (``Trong đó``, ``6 tháng đầu năm``)."""
    return clean(piece) == "" and bool(piece.strip())


@lru_cache(maxsize=8192)  # a figure's clause is read for its own phrase and again for the count's subject
def phrase_before(segment: str) -> str | None:
    """The indicator phrase in the words between the previous figure (or clause start) and a number.

    Returns None when the clause has no noun phrase of its own (``, tăng ``), so the caller can
    carry over the previous figure's indicator.
    """
    lex = lexicon()
    text = segment.rsplit(";", 1)[-1]
    open_paren = text.rfind("(")
    if open_paren >= 0 and text.find(")", open_paren) < 0:
        inside = clean(text[open_paren + 1:])
        # `(Bằng chữ: …` or `(trong đó nhà kho …`: the bracket holds the phrase or nothing
        text = text[open_paren + 1:] if inside or HAS_WORD.search(text[open_paren + 1:]) else text
    text = BRACKETED.sub(lambda m: "" if len(m.group(0).split()) > lex.bracket_remark_words
                     else m.group(0), text)
    if ":" in text:
        head, _, tail = text.rpartition(":")
        if clean(tail):
            text = tail
        else:
            text = head.rsplit(":", 1)[-1]
    parts = COMMA_KEPT.split(text)  # pieces at even places, their commas between
    phrase = clean(parts[-1])
    if not phrase:
        return None
    # a list of nouns joined by commas is one phrase (`khu vực nông, lâm nghiệp, thủy sản`): walk back
    # over short pieces without a predicate, and stop at the piece that names the measure, from there
    first = len(parts) - 1
    if not names_a_measure(phrase) and len(phrase.split()) <= lex.merge_below_words:
        while first >= 2:
            piece = parts[first - 2]
            head = lex.measure_heads.search(piece)
            if (not piece.strip() or _is_frame(piece) or lex.predicate_inside.search(piece)
                    or (len(piece.split()) > lex.list_piece_words and not head)):
                break
            first -= 2
            if head:
                parts = parts[:first] + [piece[head.start():]] + parts[first + 1:]
                break
    phrase = clean("".join(parts[first:]))
    openers = list(lex.clause_opener.finditer(phrase))
    if openers:
        tail = clean(phrase[openers[-1].end():])
        growth = list(fact_cues.structure().growth.finditer(phrase))
        # the last opener whose clause names a measure: `… với số vốn dự kiến giải ngân` (not `giải ngân`)
        measured = None if tail.lower() in _bare_rises() else next(
            (t for t in (clean(phrase[o.end():]) for o in reversed(openers)) if names_a_measure(t)), None)
        if measured:
            phrase = measured  # (`với mức tăng 14,8%` names the rise of the subject before it)
        elif not tail and growth:
            # `thúc đẩy tăng trưởng với mục tiêu đạt`, `với mục tiêu tăng trưởng đạt`: the target is growth
            phrase = growth[-1].group(0)
    phrase = without_leading_place(after_tense_marker(phrase))
    phrase = shorten(phrase)
    if phrase.lower() in _bare_modifiers() or not WORD_OF_TWO_LETTERS.search(phrase):
        return None  # `2 x`, `7`: what is left is no phrase
    return phrase or None


@lru_cache(maxsize=8192)
def without_leading_place(phrase: str) -> str:
    """``Việt Nam xuất siêu`` → ``xuất siêu``: the place a figure belongs to is its ``place``, not
    part of what it measures (a country or a province named bare, then a lower-case word)."""
    words = phrase.split(" ")
    for size in (3, 2, 1):
        if len(words) > size and words[size][:1].islower():
            name = " ".join(words[:size])
            rest = " ".join(words[size:])
            if ((name in place_grammar().named_values or bare_unit(name, False, "") is not None)
                    and names_a_measure(rest)):
                return rest
    return phrase


PLACE_LEVEL = regex.compile(r"^(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường)\s+", regex.IGNORECASE)


@lru_cache(maxsize=4096)
def is_place_name(phrase: str | None) -> bool:
    """Whether a phrase is only the name of a country or a province (``Bình Thuận``, ``TP.HCM``,
    ``tỉnh Cà Mau``): whose figure it is, never what the figure measures."""
    if not phrase:
        return False
    name = PLACE_LEVEL.sub("", phrase.strip()).replace("–", "-")
    if not name[:1].isupper():
        return False
    return name in place_grammar().named_values or bare_unit(name, False, "") is not None


CLAUSE_PUNCTUATION = regex.compile(r"[,;:]")


def measure_named_in(text: str) -> str | None:
    """The last noun phrase of measure in a clause a list of places hangs from: ``Nhiều địa phương
    ghi nhận tốc độ tăng GRDP trong quý I cao, đáng chú ý có:`` → ``tốc độ tăng GRDP``."""
    lex = lexicon()
    for piece in reversed(CLAUSE_PUNCTUATION.split(text)):
        head = lex.measure_heads.search(piece)
        if not head:
            continue
        tail = clean(piece[head.start():])
        rate = fact_cues.structure().growth.match(tail)  # `tốc độ tăng` is one measure, not a predicate
        cut = lex.after_stop.search(tail, rate.end() if rate else 0)
        if cut and cut.start() > 0:
            tail = tail[:cut.start()]
        modifier = lex.modifier_start.search(tail)  # the head only: `… khá trong bối cảnh …`
        if modifier and len(tail[:modifier.start()].split()) >= 2:
            tail = tail[:modifier.start()]
        phrase = clean(tail)
        if phrase:
            return shorten(phrase)
    return None


@lru_cache(maxsize=8192)
def after_tense_marker(phrase: str) -> str:
    """``toàn Cục đã thu nộp NSNN`` → ``thu nộp NSNN``: the measure after a subject's tense or
    estimate, when a noun of measure opens it; otherwise the phrase as it is."""
    markers = list(_tense_marker().finditer(phrase))
    if not markers:
        return phrase
    tail = clean(phrase[markers[-1].end():])
    if tail and ((len(tail.split()) >= 2 and lexicon().measure_heads.match(tail)) or indicator_key(tail)):
        return tail  # (a lone `thu` after `ước` is the verb of the subject before it, not a measure)
    return phrase


@lru_cache(maxsize=1)
def _tense_marker() -> regex.Pattern:
    markers = rules.load("facts/indicators")["phrase"].get("tense_markers") or []
    return regex.compile(r"(?<=\w)\s(?:" + alternatives(markers) + r")\s(?=\w)", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _bare_rises() -> frozenset[str]:
    return frozenset(m.lower() for m in rules.load("facts/indicators")["phrase"]["bare_rises"])


@lru_cache(maxsize=1)
def _bare_modifiers() -> frozenset[str]:
    return frozenset(m.lower() for m in rules.load("facts/indicators")["phrase"]["bare_modifiers"])


def subject_of(segment: str) -> str | None:
    """The first comma piece of a clause that is not a frame: the subject a bare predicate speaks of.

    ``Giá bán lẻ AirPods Pro trên T-Mall, một trong những trang …, hiện là`` → ``Giá bán lẻ AirPods
    Pro trên T-Mall``. Used when a clause ends in a bare predicate and no figure came before.
    """
    text = segment.rsplit(";", 1)[-1]
    if ":" in text:
        text = text.rsplit(":", 1)[-1]
    for piece in COMMA.split(text):
        phrase = clean(piece)
        if not clean(piece + ","):
            continue  # `Tại ngân hàng riêng lẻ,`: a frame that only says where
        if phrase and phrase.lower() not in _bare_modifiers():
            return subject_head(phrase)
    return None


def subject_head(phrase: str) -> str:
    """A subject cut before its predicate and its owner: ``chi phí vận hành của công ty được tiết
    giảm`` → ``chi phí vận hành`` (the head comes first; `của …` says whose, not what)."""
    lex = lexicon()
    cut = lex.after_stop.search(phrase)
    if cut and cut.start() > 0:
        phrase = clean(phrase[:cut.start()]) or phrase
    phrase = without_leading_place(phrase)
    return shorten(without_owner(phrase))


OWNER = regex.compile(r"\s(?:của|thuộc)\s")


def without_owner(phrase: str) -> str:
    """``tăng trưởng GRDP của một số địa phương`` → ``tăng trưởng GRDP``: `của …` says whose, not what
    (a two-word head, `thị phần của …`, keeps its owner)."""
    owner = OWNER.search(phrase)
    if owner and len(phrase[:owner.start()].split()) >= 3:
        return clean(phrase[:owner.start()]) or phrase
    return phrase


def phrase_after(segment_before: str, text_after: str) -> str | None:
    """The object after an amount (``phân bổ 457 tỷ đồng kinh phí …``), when a verb stands before it."""
    lex = lexicon()
    if not lex.verb_before_amount.search(segment_before.rsplit(";", 1)[-1]):
        return None
    return noun_phrase_after(text_after)


def noun_phrase_after(text_after: str) -> str | None:
    """The words after a number up to the end of its clause, when they start with a noun phrase."""
    lex = lexicon()
    m = WORDS_AFTER.match(text_after)
    if not m or lex.basis_start.match(m.group(1)):
        return None  # `… 25% so với mức giá ban đầu`: what follows is a basis, not the thing measured
    phrase = m.group(1).strip()
    if lex.not_noun_start.match(phrase):
        return None  # `6.623 tỷ đồng để thực hiện …`: a purpose or a time, not the thing measured
    phrase = with_listed_nouns(phrase, text_after[m.end():])
    # stop at a predicate: `100% phòng học đều được lắp` → `phòng học`
    cut = lex.after_stop.search(phrase)
    if cut and cut.start() == 0:
        return None  # `; 70% được trang bị máy chiếu`: a predicate follows, the thing is the previous one
    if cut:
        phrase = phrase[:cut.start()]
    phrase = shorten(clean(phrase))
    return phrase if WORD_OF_TWO_LETTERS.search(phrase) else None


DIGIT = regex.compile(r"\d")


def with_listed_nouns(phrase: str, rest: str) -> str:
    """``25% cán bộ, công chức, viên chức cấp tỉnh …``: a short noun followed by more nouns after
    commas is one list, the thing measured; it ends at a predicate or a piece that is no noun."""
    lex = lexicon()
    if len(phrase.split()) > 2 or lex.after_stop.search(phrase):
        return phrase
    listed = phrase
    for _ in range(3):
        piece = LISTED_NOUN.match(rest)
        if not piece:
            break
        words = piece.group(1)
        predicate = lex.after_stop.search(words)
        if predicate and predicate.group()[:1].isdigit():
            break  # `doanh thu, nộp ngân sách 6.000 tỷ đồng`: another figure's clause, not the list
        nouns = words[:predicate.start()] if predicate else words
        if (lex.not_noun_start.match(words) or lex.basis_start.match(words) or not nouns.strip()
                or not words[:1].islower() or DIGIT.search(nouns)):
            break
        listed += ", " + words.strip()
        rest = rest[piece.end():]
        if predicate:
            return listed  # the list ends at the predicate it is the subject of
    return phrase  # no predicate closed it: the pieces after the commas are clauses of their own


def price_in(segment: str) -> str | None:
    """The last price word in a sentence's words (``với giá rẻ``, ``có giá``), else None."""
    found = None
    for m in _price_word().finditer(segment.rsplit(";", 1)[-1]):
        found = m.group(0)
    return found


@lru_cache(maxsize=1)
def _price_word() -> regex.Pattern:
    return regex.compile(r"(?<![\w])(?:" + rules.load("facts/indicators")["phrase"]["price_head"] + r")(?![\w])",
                         regex.IGNORECASE)


def known_measure_in(segment: str) -> str | None:
    """The last phrase in a clause that the lexicon knows as an indicator, as written
    (``… triển khai các biện pháp thu ngân sách,`` → ``thu ngân sách``), else None."""
    found = None
    clause = segment.rsplit(";", 1)[-1]
    for entry in indicator_keys.catalog().may_match(clause):  # (the lexicon's entries, those that may match)
        for pattern in entry.patterns:
            for m in pattern.finditer(clause):
                if found is None or m.start() > found.start():
                    found = m
    return found.group(0) if found else None


def measure_after(text_after: str) -> str | None:
    """The measure named right after a share (``80% công suất phòng``, ``3% tổng chi ngân sách``),
    when the noun phrase after the number starts with a noun of measure."""
    phrase = noun_phrase_after(text_after)
    # one word after a share is its base, not its measure: `5% GDP`, `40% vốn`
    if phrase and len(phrase.split()) >= 2 and lexicon().measure_heads.match(phrase):
        return phrase
    return None


def shorten(phrase: str) -> str:
    """A long phrase keeps its head: cut before the first modifier after two words, then at the limit."""
    lex = lexicon()
    if len(phrase.split()) <= lex.max_words:
        return phrase
    for m in lex.modifier_start.finditer(phrase):
        if len(phrase[:m.start()].split()) >= 2:
            return " ".join(clean(phrase[:m.start()]).split()[:lex.max_words])
    # no modifier to cut before: a long name of a measure is kept whole up to the outer limit
    # (`tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng`)
    return " ".join(phrase.split()[:lex.max_words_unbroken])


def measure_in(line: str) -> str | None:
    """The measure a lead-in line names: ``Trường … đưa ra mức học phí năm 2021 dự kiến như sau:`` →
    ``mức học phí``. What follows the first noun of measure, with predicates and dates cut off."""
    m = lexicon().measure_heads.search(line)
    if not m:
        return None
    tail = _lead_in_end().sub("", line[m.start():])
    return shorten(clean(tail)) or None


@lru_cache(maxsize=1)
def _lead_in_end() -> regex.Pattern:
    return regex.compile(rules.load("facts/cues")["structure"]["lead_in_end"], regex.IGNORECASE)


def opens_a_measure(segment: str) -> bool:
    """Whether a clause opener in ``segment`` introduces a measure (`… được phê duyệt với tổng diện tích`)."""
    openers = list(lexicon().clause_opener.finditer(segment))
    return bool(openers) and names_a_measure(clean(segment[openers[-1].end():]))


def holds_a_predicate(phrase: str) -> bool:
    """Whether a phrase is a clause of its own (``nợ công có thể vượt ngưỡng``), not just a name."""
    return bool(_clause_verbs().search(phrase))


@lru_cache(maxsize=1)
def _clause_verbs() -> regex.Pattern:
    return regex.compile(WORD.format(alternatives(rules.load("facts/indicators")["phrase"]["clause_verbs"])),
                         regex.IGNORECASE)


def is_comparison_subject(phrase: str | None) -> bool:
    """Whether a phrase only names a point of comparison (``cùng kỳ quý I/2024``, ``bình quân cả nước``)."""
    return bool(phrase) and bool(_comparison_subject().fullmatch(phrase.strip()))


@lru_cache(maxsize=1)
def _comparison_subject() -> regex.Pattern:
    return regex.compile(rules.load("facts/indicators")["phrase"]["comparison_subject"], regex.IGNORECASE)


LIST_PUNCTUATION = regex.compile(r"[,;]")


def states_a_share(segment: str) -> bool:
    """Whether a clause's verb is one of share (``dịch vụ chiếm``): its subject is a part of its own."""
    return bool(_share_verb().search(LIST_PUNCTUATION.split(segment)[-1]))


@lru_cache(maxsize=1)
def _share_verb() -> regex.Pattern:
    return regex.compile(WORD.format(alternatives(rules.load("facts/indicators")["phrase"]["share_verbs"])), regex.IGNORECASE)


@lru_cache(maxsize=8192)  # asked of the same phrase by each reading of a clause
def names_a_measure(phrase: str | None) -> bool:
    """Whether a phrase holds a noun of measure (giá, tỷ lệ, tổng thu …) rather than only an item's name."""
    return bool(phrase) and bool(lexicon().measure_heads.search(phrase))
