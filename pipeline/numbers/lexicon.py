"""The word lists of the number grammar, read once from rules/numbers/*.yml and compiled into
regexes, so the grammar (``grammar.py`` and its parts) never repeats a Vietnamese word."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..end_anchored import EndAnchored
from ..regex_in_place import matched_in_place
from .gates import LETTERS_AND_SPACES, CharsAt, fold, EndAnchoredInWords, WordsAnywhere, WordsAt, WordsBefore, WordSet

NOT_LETTER = r"(?![\p{L}\p{M}\d])"
NO_LETTER_BEFORE = r"(?<![\p{L}\p{M}])"


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))  # ties too in one order
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def either(words) -> str:
    """``alternation(words)``, or an alternative that never matches for no words (a cut-down
    list, ``PatternsByRun``, may hold none of one kind of phrase)."""
    return alternation(words) or "(?!)"




def phrase_at(words, *, touching: bool = False) -> WordsAt:
    """Matches one of ``words`` at a position, after optional whitespace, as a whole word.

    Its ``match`` tries that one position only, however long the text (see ``regex_in_place``),
    and only where the word there starts one of ``words`` (see ``gates``)."""
    space = r"\s*" if touching else r"\s+"

    def build(phrases, _unbounded=()) -> regex.Pattern:
        return regex.compile(rf"{space}(?i:({matched_in_place(alternation(phrases))})){NOT_LETTER}")

    return WordsAt(build(words), WordSet(words, last=False, bounded_by_pattern=True), build)


def phrase_before(words) -> WordsBefore:
    """Matches one of ``words`` ending a prefix (search it in the text before a number).

    Anchored at the end, so it is searched from the end (``(?r)``): a miss costs one attempt,
    made only when the prefix's last word ends one of ``words`` (see ``gates``)."""
    return before_number(lambda phrases, _: rf"(?r){NO_LETTER_BEFORE}(?i:({either(phrases)}))\s*$", words)


def words_anywhere(words) -> WordsAnywhere:
    """Matches one of ``words`` as a whole word anywhere in a text (a clause, a sentence), searched
    only in a text that holds the first word of one of them (see ``gates``): for a short list,
    whose words are rare (a long one of common words is cheaper searched at once)."""
    return WordsAnywhere(regex.compile(rf"{NO_LETTER_BEFORE}(?i:{alternation(words)}){NOT_LETTER}"), words)


def before_number(pattern, words, unbounded=(), from_end: bool = True) -> WordsBefore:
    """``pattern``, ending a prefix with one of ``words`` (a letter never just before them) or
    of ``unbounded`` (glued to what comes before), gated on the prefix's last word. ``pattern``
    is a string, or the pattern of any lists of them (``pattern(words, unbounded)``): then a text
    is searched with the pattern of the phrases its last word may end (``PatternsByRun``).

    Anchored at the end, it is searched from the end (``(?r)``) unless ``from_end`` is False: a
    match exists or not whichever way it is looked for (the callers of a pattern written without
    ``(?r)`` ask only whether), and from the end a miss is mostly one attempt, not one at every
    position."""
    def build(phrases, unbounded_phrases) -> regex.Pattern:
        written = pattern(phrases, unbounded_phrases) if callable(pattern) else pattern
        return regex.compile("(?r)" + written if from_end and not written.startswith("(?r)") else written)

    return WordsBefore(build(words, unbounded),
                       WordSet(words, last=True, bounded_by_pattern=True, unbounded_phrases=unbounded),
                       build if callable(pattern) else None)


# A unit that is one word of letters (and digits after them: m3) as the rest of a rate reads as
# any such word does.
A_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\d]*")


def rate_pattern(scales, units) -> regex.Pattern:
    """After a slash: the rest of a rate (đồng/người, đồng/4 năm, doanh nghiệp/nghìn dân), any
    word or one of ``units`` (those longer than a word: doanh nghiệp, m²)."""
    rate_step = (
        rf"\s?/\s?(?:\d+(?:[.,]\d+)?\s*)?(?:(?i:{alternation(scales)})\s+)?"
        rf"(?:(?i:{either(units)}){NOT_LETTER}|[\p{{L}}\p{{M}}][\p{{L}}\p{{M}}\d]*)"
        rf"(?:\s+\d+\s+(?i:năm|tháng){NOT_LETTER})?"
    )
    return regex.compile(rf"(?:{rate_step})+")


def units_beyond_a_word(units) -> list[str]:
    """The units a rate must name to be read whole: those that are not one word, which ``A_WORD``
    reads as far as they go. (A longer unit that starts with a word is longer than it, so it came
    before it in the list: without the one-word units, the same unit is found.)"""
    return [unit for unit in units if not A_WORD.fullmatch(unit)]


def chars_at(pattern, phrases) -> CharsAt:
    """``pattern(phrases)`` matched at a position, tried with the phrases the two characters there
    may start (see ``gates.CharsAt``)."""
    def build(some) -> regex.Pattern:
        return regex.compile(pattern(some))

    return CharsAt(build(phrases), phrases, build)


def qualifier_before_pattern(words, filler: str, fillers, vocabulary=None) -> WordsBefore:
    """One of ``words`` ending the words before a number, filler words (``là``, ``mức``) between;
    ``vocabulary``: the words of every such pattern (see ``EndAnchoredInWords``)."""
    pattern = EndAnchored(rf"{NO_LETTER_BEFORE}(?i:({alternation(words)}))(?:\s+(?i:{filler}))*\s*$")
    phrases = [*words, *fillers]
    if all(LETTERS_AND_SPACES.fullmatch(phrase) for phrase in phrases):
        pattern = EndAnchoredInWords(pattern, phrases, heads=[word.split()[0] for word in words if word.split()],
                                     vocabulary=vocabulary)
    return WordsBefore(pattern, WordSet(phrases, last=True, bounded_by_pattern=True))


@dataclass(frozen=True)
class Lexicon:
    scales: dict[str, float]
    scale_at: WordsAt
    vague_before: regex.Pattern
    vague_before_words: regex.Pattern
    vague_before_scale: regex.Pattern
    currencies: dict[str, str]
    currency_at: regex.Pattern
    not_currency_after: dict[str, regex.Pattern]
    implicit_vnd_cue: regex.Pattern
    implicit_vnd_always_from: float
    percents: dict[str, str]
    percent_at: regex.Pattern
    measure_at: regex.Pattern
    time_at: regex.Pattern
    times_at: regex.Pattern
    counted_at: regex.Pattern
    unit_words: frozenset[str]
    time_words: frozenset[str]
    gold_weight_at: regex.Pattern
    time_in_units: dict[str, dict[str, float]]
    not_nouns: frozenset[str]
    not_noun_phrases: frozenset[str]
    not_counted_abbreviations: frozenset[str]
    measure_without_unit_before: regex.Pattern
    half_at: regex.Pattern
    fraction_words_at: regex.Pattern
    fraction_denominators: dict[str, int]
    day_month_before: regex.Pattern
    day_month_pair_before: regex.Pattern
    day_month_pair_after: regex.Pattern
    day_range_before: regex.Pattern
    elision_gap: regex.Pattern
    year_before: regex.Pattern
    not_unit_at: regex.Pattern
    multiples: dict[str, float]
    multiple_at: regex.Pattern
    multiple_word_before: regex.Pattern
    qualifier_before: dict[str, WordsBefore]
    # Whether any of ``qualifier_before`` matches (one attempt from the end, not one a kind).
    any_qualifier_before: WordsBefore
    qualifier_after: dict[str, WordsAt]
    # The first words of every ``qualifier_after`` phrase: where none starts, no kind is tried.
    qualifier_after_words: WordSet
    filler: str
    exact_margin_after: regex.Pattern
    list_governors: dict[str, WordsAnywhere]
    label_before: regex.Pattern
    weak_label_before: regex.Pattern
    not_label_before: regex.Pattern
    comparative_before: regex.Pattern
    difference_after: regex.Pattern
    period_after: regex.Pattern
    period_before: regex.Pattern
    document_code_after: regex.Pattern
    label_after: regex.Pattern
    one_as_count_before: regex.Pattern
    one_per_before: regex.Pattern
    one_not_count_after: regex.Pattern
    one_described_after: regex.Pattern
    one_after_each: regex.Pattern
    per_time_before: regex.Pattern
    label_unless_counted_before: regex.Pattern
    clock_before: regex.Pattern
    clock_units: frozenset[str]
    per_base_at: regex.Pattern
    per_word_before: regex.Pattern
    rate_at: regex.Pattern
    range_join: regex.Pattern
    change_join: regex.Pattern
    per_unit_gap: regex.Pattern
    coordination_gap: regex.Pattern
    coordination_most_words: int  # the most words a coordination has (``coordination_gap``)
    out_of_join: regex.Pattern
    proportion_after: regex.Pattern
    proportion_before: regex.Pattern
    proportion_max_denominator: int
    enumeration_after: regex.Pattern
    period_units: frozenset[str]
    implicit_vnd_thousands_cue: regex.Pattern
    currency_factors: dict[str, float]
    money_after_coin: regex.Pattern
    distributive_label_before: regex.Pattern
    game_name_after_head: regex.Pattern
    game_verb_before: regex.Pattern
    game_number_name_at: regex.Pattern
    period_result_after: regex.Pattern
    length_before: regex.Pattern
    share_before: regex.Pattern
    ambiguous_digits: dict[str, float]
    money_only_scales: frozenset[str]
    percent_grade_after: regex.Pattern
    per_unit_after: regex.Pattern
    scale_decimal_at: regex.Pattern
    # The words ending the phrases of the lists every number is checked against (labels, vague
    # amounts, games, groups: ``exclusions.is_no_amount``): where none ends the words before
    # it, none of them is tried.
    no_amount_words: WordSet | None = None  # made from the patterns above


def lower_map(mapping: dict) -> dict:
    return {str(k).lower(): v for k, v in mapping.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    scales_file = rules.load("numbers/scales")
    currencies_file = rules.load("numbers/currencies")
    percent_file = rules.load("numbers/percent")
    units_file = rules.load("numbers/units")
    qualifiers_file = rules.load("numbers/qualifiers")
    exclusions_file = rules.load("numbers/exclusions")
    words_file = rules.load("numbers/number_words")
    joins = rules.load("numbers/joins")
    symbols = "".join(regex.escape(c) for c in joins["range_symbols"])

    scales = lower_map(scales_file["scales"])
    not_scale_before = alternation(words_file.get("scale_not_before") or ["lệ"])
    def scale_pattern(words, _=()) -> regex.Pattern:
        return regex.compile(rf"\s*(?i:({either(words)})){NOT_LETTER}(?!\s+(?i:{not_scale_before}){NOT_LETTER})")

    scale_at = WordsAt(scale_pattern(scales), WordSet(scales, last=False, bounded_by_pattern=True), scale_pattern)
    currencies = lower_map(currencies_file["currencies"])
    # Currency codes and symbols may touch the number (35.000đ, 100USD, $5); any case, while a
    # capitalised word followed by another starts a place name (Yên Bái, Đồng Nai), checked after.
    # `5 triệu đồngx2 tháng`: a times sign run into the currency still ends it
    currency_at = chars_at(lambda phrases: rf"\s?((?i:{either(phrases)}))(?:{NOT_LETTER}|(?=[x×]\s?\d))",
                           currencies_file["currencies"])
    filler = alternation(qualifiers_file.get("filler") or [])
    fillers = qualifiers_file.get("filler") or []
    every_bound = [w for words in qualifiers_file["before"].values() for w in words]
    bound_words = frozenset(fold(word) for phrase in [*every_bound, *fillers] for word in phrase.split())
    qualifier_before = {
        kind: qualifier_before_pattern(words, filler, fillers, bound_words)
        for kind, words in qualifiers_file["before"].items()
    }
    any_qualifier_before = qualifier_before_pattern(every_bound, filler, fillers, bound_words)
    qualifier_after = {
        kind: WordsAt(regex.compile(rf"\s+(?i:{matched_in_place(alternation(words))}){NOT_LETTER}"),
                      WordSet(words, last=False, bounded_by_pattern=True))
        for kind, words in (qualifiers_file.get("after") or {}).items()
    }
    list_governors = {
        kind: words_anywhere(words)
        for kind, words in (qualifiers_file.get("list_governors") or {}).items()
    }
    labels = exclusions_file["label_before"]
    word_labels = [w for w in labels if w[-1].isalpha()]
    glued_labels = [w for w in labels if not w[-1].isalpha()]
    label_before = before_number(  # searched from the end, as phrase_before's patterns are
        lambda words, glued: rf"(?r)(?:{NO_LETTER_BEFORE}(?i:{either(words)})\s*[:.]?\s*|(?i:{either(glued)}))$",
        word_labels, unbounded=glued_labels,
    )
    multiples = lower_map(units_file.get("multiples") or {})
    counted = list(units_file["counted"])
    every_unit = counted + units_file["measure"] + units_file["time"] + units_file["times"] + list(currencies)
    rate_at = rate_pattern(scales, units_beyond_a_word(every_unit))
    lexicon = Lexicon(
        scales=scales,
        scale_at=scale_at,
        vague_before=phrase_before(scales_file.get("vague_before") or []),
        vague_before_words=phrase_before(scales_file.get("vague_before_words") or []),
        vague_before_scale=phrase_before(scales_file.get("vague_before_scale") or []),
        currencies=currencies,
        currency_at=currency_at,
        not_currency_after={
            word.lower(): phrase_at(after) for word, after in (currencies_file.get("not_currency_after") or {}).items()
        },
        implicit_vnd_cue=regex.compile(
            rf"{NO_LETTER_BEFORE}(?i:{alternation(currencies_file.get('implicit_vnd_cues') or [])}){NOT_LETTER}"
        ),
        implicit_vnd_always_from=float(currencies_file.get("implicit_vnd_always_from") or 1e9),
        percents=lower_map(percent_file["percent"]),
        percent_at=chars_at(lambda phrases: rf"\s*(?i:({either(phrases)}))(?![\p{{L}}\p{{M}}])", percent_file["percent"]),
        measure_at=chars_at(lambda phrases: rf"\s?({either(phrases)}){NOT_LETTER}", units_file["measure"]),
        time_at=phrase_at(units_file["time"]),
        times_at=phrase_at(units_file["times"]),
        counted_at=phrase_at(counted),
        unit_words=frozenset(w.lower() for w in counted + units_file["measure"] + units_file["time"]),
        time_words=frozenset(w.lower() for w in units_file["time"]),
        gold_weight_at=WordsAt(regex.compile(
            rf"\s+(?i:({alternation(units_file.get('gold_weights') or [])}))"
            rf"(?:\s+{units_file.get('gold_purity') or '(?!)'}(?!\d)"
            rf"|(?=\s+(?i:{alternation(units_file.get('gold_after') or [])}){NOT_LETTER}))"
        ), WordSet(units_file.get("gold_weights") or [], last=False, bounded_by_pattern=True)),  # a space after
        time_in_units={
            str(big).lower(): {str(small).lower(): float(n) for small, n in smalls.items()}
            for big, smalls in (units_file.get("time_in_units") or {}).items()
        },
        not_nouns=frozenset(w.lower() for w in units_file.get("not_nouns") or []),
        not_counted_abbreviations=frozenset(units_file.get("not_counted_abbreviations") or []),
        # Phrases are matched on their first two words (giao nhiệm vụ → giao nhiệm).
        not_noun_phrases=frozenset(
            " ".join(w.lower().split()[:2]) for w in units_file.get("not_noun_phrases") or []
        ),
        measure_without_unit_before=regex.compile(
            rf"{NO_LETTER_BEFORE}(?i:{alternation(units_file.get('measures_without_unit') or [])})"
            rf"(?:\s+[\p{{Ll}}\p{{M}}]+){{0,3}}?(?:\s+(?i:{filler}))*\s*$"
        ),
        half_at=phrase_at(words_file.get("half") or []),
        fraction_words_at=regex.compile(
            rf"\s+(?i:{matched_in_place('phần')})\s+(?i:({alternation(words_file.get('fraction_denominators') or {})}))"
            rf"{NOT_LETTER}(?!\s+(?i:mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ){NOT_LETTER})"
        ),
        fraction_denominators=lower_map(words_file.get("fraction_denominators") or {}),
        day_month_before=before_number(
            lambda words, _: rf"{NO_LETTER_BEFORE}(?i:{either(words)})\s*\(?\s*$",
            exclusions_file.get("day_month_before") or [],
        ),
        day_month_pair_before=regex.compile(
            rf"(?<!\d)\d{{1,2}}/\d{{1,2}}(?:\s*[{symbols},]\s*|\s+(?i:{alternation(joins['coordination_words'])})\s+)$"
        ),
        day_month_pair_after=regex.compile(
            rf"(?:\s*[{symbols},]\s*|\s+(?i:{alternation(joins['coordination_words'])})\s+)\d{{1,2}}/\d{{1,2}}(?![\d/])"
        ),
        day_range_before=regex.compile(rf"(?<![\d/.,])\d{{1,2}}\s*[{symbols}]\s*$"),
        year_before=phrase_before(exclusions_file.get("year_before") or []),
        elision_gap=regex.compile(
            rf"[^.!?;:\n\d]*?(?:,|\s(?i:{alternation(joins.get('elision_words') or [])}))\s+$"
        ),
        not_unit_at=phrase_at(units_file.get("not_units_after") or []),
        multiples=multiples,
        multiple_at=regex.compile(rf"{NO_LETTER_BEFORE}(?i:({alternation(multiples)})){NOT_LETTER}"),
        multiple_word_before=phrase_before([units_file.get("multiple_word", "gấp")]),
        qualifier_before=qualifier_before,
        any_qualifier_before=any_qualifier_before,
        qualifier_after=qualifier_after,
        qualifier_after_words=WordSet([w for words in (qualifiers_file.get("after") or {}).values() for w in words],
                                      last=False, bounded_by_pattern=True),
        filler=filler,
        exact_margin_after=phrase_at(qualifiers_file.get("exact_margin_after") or []),
        list_governors=list_governors,
        label_before=label_before,
        weak_label_before=before_number(
            lambda words, _: rf"{NO_LETTER_BEFORE}(?i:{either(words)})\s*[:.]?\s*$",
            exclusions_file.get("label_before_unless_amount") or [],
        ),
        not_label_before=before_number(
            lambda words, _: rf"{NO_LETTER_BEFORE}(?i:{either(words)})\s*[:.]?\s*$",
            exclusions_file.get("not_labels") or [],
        ),
        comparative_before=phrase_before(qualifiers_file.get("comparatives") or []),
        difference_after=phrase_at(qualifiers_file.get("difference_after") or []),
        period_after=regex.compile(
            r"\s*(?i:" + "|".join(f"(?:{p})" for p in exclusions_file["period_after"]) + ")"
        ),
        period_before=phrase_before(exclusions_file.get("period_before") or []),
        document_code_after=regex.compile(exclusions_file["document_code_after"]),
        label_after=phrase_at(exclusions_file.get("label_after") or []),
        one_as_count_before=phrase_before(exclusions_file.get("one_as_count_before") or []),
        one_per_before=phrase_before(exclusions_file.get("one_per_before") or []),
        one_not_count_after=phrase_at(exclusions_file.get("one_not_count_after") or []),
        one_described_after=phrase_at(exclusions_file.get("one_described_after") or []),
        # `mỗi bên cấp một bằng`: each … one: the subject and up to three more words between.
        per_time_before=phrase_before(exclusions_file.get("count_per_time_before") or []),
        one_after_each=regex.compile(
            rf"{NO_LETTER_BEFORE}(?i:{alternation(exclusions_file.get('one_as_count_after_each') or [])})"
            rf"(?:\s+[\p{{L}}\p{{M}}]+){{1,4}}\s+$"
        ),
        label_unless_counted_before=phrase_before(exclusions_file.get("label_before_unless_counted") or []),
        clock_before=phrase_before(exclusions_file.get("clock_before") or []),
        clock_units=frozenset(w.lower() for w in exclusions_file.get("clock_units") or []),
        per_base_at=phrase_at(joins.get("per_base_scales") or []),
        per_word_before=phrase_before(joins["per_unit_words"]),
        rate_at=rate_at,
        range_join=CharsAt(regex.compile(
            rf"(?:\s*[{symbols}]\s*|\s+(?i:{alternation(joins['range_words'])})\s+)"
            rf"(?:(?i:{alternation(joins['range_inner_bounds'])})\s+)?"
        ), [*joins["range_symbols"], *joins["range_words"]]),
        change_join=WordsAt(regex.compile(
            rf"\s+(?i:{alternation(joins['change_words'])})(?:\s+(?i:{alternation(joins['change_fillers'])}))?\s+"
        ), WordSet(joins["change_words"], last=False, bounded_by_pattern=True)),  # a space after
        per_unit_gap=regex.compile(
            rf"\s*(?:(?i:{alternation(joins.get('per_unit_chain_words') or [])})\s+[\p{{L}}\d²³]+\s+)?"
            rf"(?:(?i:{alternation(joins['per_unit_words'])})\s*|/\s*)?"),
        coordination_gap=regex.compile(
            rf"\s*(?:[,{symbols}]|(?i:{alternation(joins['coordination_words'])}))\s*"
        ),
        coordination_most_words=max([1, *(len(w.split()) for w in joins["coordination_words"])]),
        out_of_join=WordsAt(regex.compile(
            rf"\s+(?i:{matched_in_place(alternation(joins['out_of_words']))})\s+"
            rf"(?=\d|(?i:{alternation(list(words_file['digits']) + list(words_file.get('ambiguous_digits') or {}))}|mười){NOT_LETTER})"
        ), WordSet(joins["out_of_words"], last=False, bounded_by_pattern=True)),  # a space after
        proportion_after=phrase_at(joins["proportion_after"]),
        proportion_before=phrase_before(joins.get("proportion_before") or []),
        proportion_max_denominator=int(joins.get("proportion_max_denominator") or 10),
        enumeration_after=phrase_at(joins["enumeration_after"]),
        period_units=frozenset(joins["period_units"]),
        implicit_vnd_thousands_cue=regex.compile(
            rf"{NO_LETTER_BEFORE}(?i:{alternation(currencies_file.get('implicit_vnd_thousands_cues') or [])}){NOT_LETTER}"
        ),
        currency_factors={str(k).lower(): float(v) for k, v in (currencies_file.get("factors") or {}).items()},
        money_after_coin=phrase_at(currencies_file.get("money_after_coin") or []),
        distributive_label_before=before_number(
            lambda labels, _: rf"{NO_LETTER_BEFORE}(?i:{alternation(exclusions_file.get('distributive_before') or [])})\s+"
            rf"(?i:{either(labels)})\s*$",
            word_labels,  # after a space: bounded
            from_end=False,  # its few first words are found faster from the start than its labels from the end
        ),
        # A game name followed by its number (binh xập xám 13 lá): the span ends after the number.
        game_name_after_head=before_number(
            lambda heads, _: rf"{NO_LETTER_BEFORE}(?i:{either(heads)})\s+$",
            exclusions_file.get("game_heads") or [],
        ),
        # After a verb of playing, or another game in a list (tiến lên, ba cây).
        game_verb_before=before_number(
            rf"{NO_LETTER_BEFORE}(?:(?i:{alternation(exclusions_file.get('game_verbs_before') or [])})"
            rf"|(?i:{alternation(exclusions_file.get('game_heads') or [])})\s*(?:,|(?i:và|hoặc){NOT_LETTER}))\s*$",
            [*(exclusions_file.get("game_verbs_before") or []), *(exclusions_file.get("game_heads") or [])],
            unbounded=["và", "hoặc"],  # `\s*` may glue them to the game's name
        ),
        game_number_name_at=regex.compile(
            rf"(?i:{'|'.join(exclusions_file.get('game_number_names') or ['(?!)'])}){NOT_LETTER}"
        ),
        # `9 tháng đạt`, `9 tháng của tỉnh ước đạt`: the owner of the period may come between.
        period_result_after=regex.compile(
            rf"(?:\s+(?i:của)(?:\s+[\p{{L}}\p{{M}}]+){{1,2}}?)?"
            rf"\s+(?i:({alternation(exclusions_file.get('period_result_after') or [])})){NOT_LETTER}"
        ),
        length_before=phrase_before(exclusions_file.get("length_before") or []),
        share_before=phrase_before(joins.get("share_before") or []),
        ambiguous_digits=lower_map(words_file.get("ambiguous_digits") or {}),
        per_unit_after=phrase_at(joins.get("per_unit_after") or []),
        percent_grade_after=phrase_at(percent_file.get("grade_after") or []),
        money_only_scales=frozenset(w.lower() for w in scales_file.get("money_only_scales") or []),
        # 2 triệu 5: a lone digit after a scale, then the end of the phrase or a per-unit word.
        scale_decimal_at=regex.compile(
            rf"\s+([1-9])(?=\s*(?:[,;.!?)]|$)|\s+(?i:{alternation(scales_file.get('scale_decimal_before') or [])}){NOT_LETTER})"
        ),
    )
    no_amount = [lexicon.game_name_after_head, lexicon.game_verb_before, lexicon.label_before, lexicon.vague_before,
                 lexicon.vague_before_words, lexicon.vague_before_scale, lexicon.label_unless_counted_before]
    return dataclasses.replace(lexicon, no_amount_words=WordSet.union(pattern.words for pattern in no_amount))
