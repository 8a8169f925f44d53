"""Kind, change and basis of a figure, from the cue words around it.

- ``kind`` (target / actual / other) comes from the words that govern the number: the cue
  nearest before it in its sentence, with other figures and their bases (``đạt 85% kế hoạch``)
  blanked out so that a basis is not read as a plan. The caller falls back on the paragraph and
  the headings above when a sentence has no cue (a list under ``II. CHỈ TIÊU`` is a list of
  targets). ``đạt``/``tăng`` are no cues: plans and results both use them.
- ``change`` is a rise or fall stated right before the number (``tăng 5%``, ``giảm thêm 2%``).
- ``basis`` is what the number is measured against, right after it (``so với cùng kỳ``).
- special positions come before cues: a baseline (``so với giới hạn 85%``, ``(mức cuối năm 2020 là
  2,6%)``) is ``other``; a share of a survey's answers (``28% cho rằng …``) is ``actual``.

The cue words are data, in ``rules/facts/cues.yml``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

import regex

from . import literal_gate
from .. import rules
from ..end_anchored import EndAnchored, FirstEndAnchored

WORD = r"(?<![\w])(?:{})(?![\w])"
KINDS = ("target", "actual", "other")
BRACKET = regex.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class CueBook:
    cues: dict[str, regex.Pattern]  # kind → any cue of that kind
    neutral: regex.Pattern  # names that hold cue words (Chương trình mục tiêu quốc gia)
    paragraph_governors: regex.Pattern
    plan_governors: regex.Pattern
    specification_before: EndAnchored
    specification_units: frozenset[str]
    length_measures: regex.Pattern
    counted_targets: frozenset[str]
    forecast_of_past: regex.Pattern
    heading_only_target: regex.Pattern
    heading_only_actual: regex.Pattern
    starting_before: regex.Pattern
    starting_after: regex.Pattern
    threshold_before: regex.Pattern
    threshold_after: regex.Pattern
    baseline_before: EndAnchored
    bracket_baseline: regex.Pattern
    plan_restated: EndAnchored
    respondent_share: regex.Pattern
    increase: EndAnchored  # end-anchored: tried from the end first
    decrease: EndAnchored
    change: FirstEndAnchored  # decrease, then increase, in one attempt
    basis: tuple[tuple[str, regex.Pattern, bool], ...]  # key, pattern, only after a percentage
    # the basis patterns as one anchored alternation each, in the list's order (after a percentage:
    # all; after another figure: those not only after a percentage), with the keys of their groups
    basis_after_percent: tuple[regex.Pattern, dict[str, str]]
    basis_after_other: tuple[regex.Pattern, dict[str, str]]
    basis_might_match: Callable[[str], bool] | None  # false of a text where no basis's first word occurs
    refused_after: regex.Pattern
    basis_before: tuple[tuple[str, EndAnchored], ...]
    first_basis_before: FirstEndAnchored  # the same, in one attempt
    continuation: regex.Pattern
    heading_results: regex.Pattern
    fresh_statement: regex.Pattern
    condition_before_then: regex.Pattern
    scope_breaker: regex.Pattern
    plan_share_before: regex.Pattern
    compared_level_before: EndAnchored
    bracket_earlier: regex.Pattern
    forecast_words: regex.Pattern
    estimate_words: regex.Pattern
    revised_forecast: regex.Pattern
    past_markers: regex.Pattern


def alternatives(items: list[str]) -> str:
    """One regex alternation of rule-file phrases, longest first (so `ước đạt` wins over `ước`)."""
    return "|".join(f"(?:{item})" for item in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def cue_book() -> CueBook:
    data = rules.load("facts/cues")
    kind = data["kind"]
    cues = {k: regex.compile(WORD.format(alternatives(kind[k])), regex.IGNORECASE) for k in KINDS}
    cues["reached_plan"] = regex.compile(WORD.format(alternatives(kind["reached_plan"])), regex.IGNORECASE)
    change = data["change"]
    fillers = r"(?:\s+(?:" + alternatives(change["fillers"]) + r"))*\s*$"
    basis_lead = data["structure"]["basis_lead"] + "(?:"
    basis = [(entry["key"], basis_lead + alternatives(entry["patterns"]) + r")(?![\w])", bool(entry.get("percent_only")))
             for entry in data["basis"]]
    return CueBook(
        cues=cues,
        neutral=regex.compile(WORD.format(alternatives(kind.get("neutral") or ["(?!x)x"])), regex.IGNORECASE),
        paragraph_governors=regex.compile(r"^(?:" + alternatives(kind["paragraph_governors"]) + r")$",
                                          regex.IGNORECASE),
        plan_governors=regex.compile(r"^(?:" + alternatives(kind["plan_governors"]) + r")$", regex.IGNORECASE),
        forecast_of_past=regex.compile(r"^(?:" + alternatives(kind["forecast_of_past"]) + r")$", regex.IGNORECASE),
        specification_before=gated_end(WORD.format(alternatives(kind["specification_before"]))
                                           + r"(?:\s+\S+){0,2}\s*$", regex.IGNORECASE),
        specification_units=frozenset(u.lower() for u in kind["specification_units"]),
        length_measures=regex.compile(WORD.format(alternatives(kind["length_measures"])), regex.IGNORECASE),
        counted_targets=frozenset(u.lower() for u in kind["counted_targets"]),
        heading_only_target=regex.compile(WORD.format(alternatives(kind["heading_only_target"])), regex.IGNORECASE),
        heading_only_actual=regex.compile(WORD.format(alternatives(kind.get("heading_only_actual") or ["(?!x)x"])),
                                          regex.IGNORECASE),
        starting_before=regex.compile(kind["starting_value"]["before"], regex.IGNORECASE),
        starting_after=regex.compile(kind["starting_value"]["after"], regex.IGNORECASE),
        threshold_before=regex.compile(kind["threshold_after"]["before"], regex.IGNORECASE),
        threshold_after=regex.compile(kind["threshold_after"]["after"], regex.IGNORECASE),
        baseline_before=gated_end(WORD.format(alternatives(kind["baseline_before"]))
                                      + data["structure"]["baseline_fillers"] + r"\s*$", regex.IGNORECASE),
        bracket_baseline=regex.compile(kind["bracket_baseline"], regex.IGNORECASE),
        # (ends in `$`: an attempt from the end fails at once on the words before most figures; the
        # bracket patterns, which also end there, are cheaper searched forward)
        plan_restated=gated_end(kind["plan_restated"], regex.IGNORECASE),
        respondent_share=regex.compile(kind["respondent_share"], regex.IGNORECASE),
        increase=gated_end(WORD.format(alternatives(change["increase"])) + fillers, regex.IGNORECASE),
        decrease=gated_end(WORD.format(alternatives(change["decrease"])) + fillers, regex.IGNORECASE),
        change=gated_first_end([(key, WORD.format(alternatives(change[key])) + fillers)
                                 for key in ("decrease", "increase")], regex.IGNORECASE),
        basis=tuple((key, regex.compile(pattern, regex.IGNORECASE), percent_only) for key, pattern, percent_only in basis),
        basis_after_percent=first_of(basis),
        basis_after_other=first_of([entry for entry in basis if not entry[2]]),
        basis_might_match=literal_gate.might_match("|".join(f"(?:{p})" for entry in data["basis"] for p in entry["patterns"])),
        fresh_statement=regex.compile(kind["fresh_statement"], regex.IGNORECASE),
        condition_before_then=regex.compile(kind["condition_before_then"], regex.IGNORECASE),
        scope_breaker=regex.compile(WORD.format(alternatives(kind["clause_scope_breakers"])),
                                    regex.IGNORECASE),
        heading_results=regex.compile(r"^(?:" + alternatives(kind["heading_results"]) + r")$", regex.IGNORECASE),
        continuation=regex.compile(r"^\W*(?:" + alternatives(kind["continuation_openers"]) + r")(?![\w])",
                                   regex.IGNORECASE),
        basis_before=tuple(
            (entry["key"], gated_end(WORD.format(alternatives(entry["patterns"])) + r"\s*$", regex.IGNORECASE))
            for entry in data["basis_before"]
        ),
        first_basis_before=gated_first_end(
            [(entry["key"], WORD.format(alternatives(entry["patterns"])) + r"\s*$") for entry in data["basis_before"]],
            regex.IGNORECASE),
        refused_after=regex.compile(WORD.format(alternatives(kind["refused_after"])), regex.IGNORECASE),
        plan_share_before=regex.compile(kind["plan_share_before"], regex.IGNORECASE),
        compared_level_before=gated_end(WORD.format(alternatives(kind["compared_level_before"])) + r"\s*$",
                                            regex.IGNORECASE),
        bracket_earlier=regex.compile(alternatives(kind["bracket_earlier"]), regex.IGNORECASE),
        forecast_words=regex.compile(r"^(?:" + alternatives(kind["forecast_words"]) + r")$", regex.IGNORECASE),
        estimate_words=regex.compile(r"^(?:" + alternatives(kind["estimate_words"]) + r")$", regex.IGNORECASE),
        revised_forecast=regex.compile(r"^(?:" + alternatives(kind["revised_forecast"]) + r")$", regex.IGNORECASE),
        past_markers=regex.compile(r"^(?:" + alternatives(kind["past_markers"]) + r")$", regex.IGNORECASE),
    )


def gated_end(pattern: str, flags: int = 0) -> EndAnchored:
    """An end-anchored pattern not tried on a text where none of its first words occurs."""
    return EndAnchored(pattern, flags, literal_gate.might_match(pattern))


def gated_first_end(keyed: list[tuple[str, str]], flags: int = 0) -> FirstEndAnchored:
    """End-anchored patterns in order, not tried on a text where none of their first words occurs."""
    return FirstEndAnchored(keyed, flags, literal_gate.might_match("|".join(f"(?:{p})" for _, p in keyed)))


def first_of(anchored: list[tuple[str, str, bool]]) -> tuple[regex.Pattern, dict[str, str]]:
    """Patterns anchored at the start (``^…``), as one alternation whose match is the first pattern's
    in the list that matches, and the key of each group: each branch holds a whole pattern, so the
    engine tries all of one pattern's ways before the next pattern, as a loop over them does."""
    groups = {f"basis{i}": key for i, (key, _, _) in enumerate(anchored)}
    branches = "|".join(f"(?P<{name}>{pattern})" for name, (_, pattern, _) in zip(groups, anchored))
    return regex.compile(f"(?:{branches})" if anchored else "(?!)", regex.IGNORECASE), groups


@lru_cache(maxsize=1)
def structure() -> SimpleNamespace:
    """The layout patterns of ``structure`` in rules/facts/cues.yml, compiled, by name."""
    data = rules.load("facts/cues")
    case_sensitive = set(data.get("case_sensitive") or [])
    compiled = {name: regex.compile(pattern, 0 if name in case_sensitive else regex.IGNORECASE)
                for name, pattern in data["structure"].items()}
    return SimpleNamespace(**compiled, multiplier_units=frozenset(u.lower() for u in data["multiplier_units"]))


def find_cues(text: str, heading: bool = False) -> list[Cue]:
    """Every kind cue in ``text``, a cue inside a longer one dropped (yêu cầu ⊂ yêu cầu bồi thường)."""
    return prune(raw_cues(text, heading))


@lru_cache(maxsize=2048)  # the same paragraph is read again for each of its figures
def raw_cues(text: str, heading: bool = False) -> tuple[Cue, ...]:
    """Every kind cue in ``text``, overlapping ones included (names and plans reached blanked first).

    Each pattern is tried only where one of its phrases can begin (``literal_gate``): the same
    cues as a scan of the whole text with each."""
    gates = cue_gates()
    folded = literal_gate.folded(text)
    starts = gates.starts(folded) if folded is not None else None
    masked, blanked = gates.blanked("neutral", text, starts)
    if blanked and starts is not None:  # blanking may make or unmake a beginning: found again
        folded = literal_gate.blank(folded, blanked)
        starts = gates.starts(folded)
    masked, blanked = gates.blanked("reached_plan", masked, starts)
    if blanked and starts is not None:
        folded = literal_gate.blank(folded, blanked)
        starts = gates.starts(folded)
    found: list[Cue] = []
    for kind in KINDS:
        for m in gates.overlapped(kind, masked, starts):
            found.append(Cue(m.start(), m.end(), kind))
    if heading:
        book = cue_book()
        for m in book.heading_only_target.finditer(masked):
            found.append(Cue(m.start(), m.end(), "target"))
        for m in book.heading_only_actual.finditer(masked):
            found.append(Cue(m.start(), m.end(), "actual"))
    return tuple(found)


@lru_cache(maxsize=1)
def cue_gates() -> literal_gate.Gates:
    """The patterns ``raw_cues`` reads, each tried only where its phrases begin."""
    book = cue_book()
    return literal_gate.Gates({"neutral": book.neutral, "reached_plan": book.cues["reached_plan"],
                               **{kind: book.cues[kind] for kind in KINDS}}, words=2)


def prune(found: list[Cue]) -> list[Cue]:
    """Drop each cue that lies inside a longer one (or repeats one's span).

    In order of start, the longer first, a cue lies inside a cue kept before it exactly when it
    ends no later than the furthest end kept so far, so one pass does it (a check against every
    kept cue made a long paragraph's figures cost the square of its cues)."""
    kept: list[Cue] = []
    reach = -1
    for cue in sorted(found, key=lambda c: (c.start, -(c.end - c.start))):
        if cue.end <= reach:
            continue
        kept.append(cue)
        reach = cue.end
    return kept


def nearest_cue(text: str) -> Cue | None:
    """The cue that ends nearest the end of ``text`` (the words before a number)."""
    return nearest(find_cues(text))


def nearest(cues: list[Cue]) -> Cue | None:
    return max(cues, key=lambda c: (c.end, c.end - c.start)) if cues else None


def nearest_cue_kind(text: str) -> str | None:
    cue = nearest_cue(text)
    return cue.kind if cue else None


def is_forecast_word(word: str) -> bool:
    """``dự kiến``, ``dự báo``: a target only while the period it speaks of is still ahead."""
    return bool(cue_book().forecast_of_past.match(word))


@lru_cache(maxsize=2048)  # asked once per figure of a sentence, of the same sentences before it
def paragraph_kind(text: str, whole_paragraph: bool = False) -> str | None:
    """The kind a paragraph's earlier sentences hand on: only a governing cue's (phấn đấu, ước đạt),
    and not one inside brackets. Across sentences without figures (``whole_paragraph``) only a plan
    governs (phấn đấu, mục tiêu): a passing ``sẽ`` speaks of its own sentence.

    Figure after figure, the callers ask of ever longer beginnings of one paragraph; when ``text``
    is the text last asked about and more, only what was added is read (the latest cue decides,
    so the earlier text's answer stands unless the new sentences decide): on a paragraph of a
    hundred thousand characters, reading it from its start for each figure cost its square."""
    last = LAST_ASKED.get(whole_paragraph)
    if last is not None and extends(last[0], text):
        found = latest_governing_cue(text[len(last[0]):], whole_paragraph)
        kind = last[1] if found is UNDECIDED else found
    else:
        found = latest_governing_cue(text, whole_paragraph)
        kind = None if found is UNDECIDED else found
    LAST_ASKED[whole_paragraph] = (text, kind)
    return kind


# paragraph_kind's last question and answer, for each value of ``whole_paragraph`` (read and
# written as one tuple, so threads asking at once can only miss the shortcut, never mix answers).
LAST_ASKED: dict[bool, tuple[str, str | None]] = {}
UNDECIDED = object()  # no cue in the text decides: the text before it does


def extends(earlier: str, text: str) -> bool:
    """Whether ``text`` is ``earlier`` and more, cut where nothing is read across: after a sentence's
    end and a space (no cue spans a full stop), and with no bracket left open before the cut."""
    return (0 < len(earlier) < len(text) and earlier[-1].isspace() and earlier.rstrip()[-1:] in SENTENCE_ENDS
            and earlier.rfind("(") <= earlier.rfind(")") and text.startswith(earlier))


SENTENCE_ENDS = (".", "!", "?", ";", ":", "…")


def latest_governing_cue(text: str, whole_paragraph: bool) -> str | None | object:
    """The kind of the latest governing cue in ``text``; None when a later cue of another kind ends
    the governed list first; ``UNDECIDED`` when ``text`` holds only passing plan words, or none."""
    text = without_brackets(text)
    book = cue_book()
    governors = book.plan_governors if whole_paragraph else book.paragraph_governors
    # a list of targets keeps its governor across a passing plan word (`phấn đấu … ; đến năm 2030
    # đạt 70%`); a result or other cue ends it
    for cue in sorted(find_cues(text), key=lambda c: (c.end, c.end - c.start), reverse=True):
        if governors.match(text[cue.start:cue.end]):
            return cue.kind
        if cue.kind != "target":
            return None
    return UNDECIDED


def heading_kind(text: str) -> str | None:
    """A heading's kind: a report of results (``Kết quả thực hiện các chỉ tiêu``) beats its plan words."""
    cues = find_cues(text, heading=True)
    if not cues:
        return None
    if any(cue_book().heading_results.search(text[c.start:c.end]) for c in cues):
        return "actual"
    return max(cues, key=lambda c: (c.end, c.end - c.start)).kind


def sets_targets(lead_in: str) -> bool:
    """A list's lead-in that sets targets (``HĐND tỉnh giao các chỉ tiêu sau:``), not one that reports
    results or forecasts (``Ước thực hiện năm 2025:``, ``Dự kiến đến hết năm như sau:``, whose
    figures are results once the period is over)."""
    if heading_kind(lead_in) != "target":
        return False
    cue = nearest(find_cues(lead_in, heading=True))
    return cue is not None and not is_forecast_word(lead_in[cue.start:cue.end])


def is_starting_value(before: str, after: str) -> bool:
    """``từ A lên B``: A is where the change started."""
    book = cue_book()
    return bool(book.starting_before.search(before) and book.starting_after.search(after))


def in_condition(before: str, after: str) -> bool:
    """A figure before the ``thì`` of its clause states a rule's condition (a threshold)."""
    then = cue_book().condition_before_then
    return then.match(after) is not None and not then.match(before.rsplit(";", 1)[-1].rsplit(":", 1)[-1])


def is_threshold(before: str, after: str) -> bool:
    """``tài sản trị giá 50.000.000 đồng trở lên``: a floor that defines an offence, not an amount."""
    book = cue_book()
    return bool(book.threshold_after.search(after) and book.threshold_before.search(before[-60:]))


def is_specification(before: str, unit: str) -> bool:
    """``xe dưới 12 ghế``, ``kỳ hạn 3 năm``: a count that describes a thing, not an amount reached."""
    book = cue_book()
    if book.specification_before.search(before[-60:]):
        return True
    return unit.lower() in book.specification_units and not book.length_measures.search(before[-50:])


def is_count_of_targets(unit: str) -> bool:
    """``9 chỉ tiêu đã đạt``: how many targets there are, or were met, is itself a reported fact."""
    return unit.lower() in cue_book().counted_targets


def opens_fresh_statement(sentence_opening: str) -> bool:
    """``Theo Bộ NN-PTNT, …``, ``Ngoài ra, …``: a sentence whose kind the ones before do not set."""
    return cue_book().fresh_statement.match(sentence_opening) is not None


def scope_start(text: str, limit: int) -> int:
    """Where the clause governing a figure at ``limit`` starts after a contrast (``trong khi đó``)."""
    breaks = [m.end() for m in cue_book().scope_breaker.finditer(text, 0, limit)]
    return breaks[-1] if breaks else 0


def scope_breaks(text: str) -> list[tuple[int, int]]:
    """The spans of the contrasts (``trong khi đó``) in ``text``, in order."""
    return [(m.start(), m.end()) for m in cue_book().scope_breaker.finditer(text)]


def per_document(function):
    """A cache of a pure function of a sentence's words, emptied for each document (``clear_caches``):
    a figure's words are asked about by the reading of its kind, of its basis and of its clause."""
    cached = lru_cache(maxsize=1024)(function)
    DOCUMENT_CACHES.append(cached)
    return cached


DOCUMENT_CACHES: list = []


def clear_caches() -> None:
    """Empty the caches that serve one document (``raw_cues`` and the ``per_document`` ones)."""
    raw_cues.cache_clear()
    for cached in DOCUMENT_CACHES:
        cached.cache_clear()


@per_document
def restated_plan(before: str) -> str | None:
    """``so với chỉ tiêu giao (``: the figure that follows is the plan itself; returns its name."""
    m = cue_book().plan_restated.search(before[-120:])
    return m.group("plan").strip() if m else None


@per_document
def is_baseline(before: str) -> bool:
    """``so với 30%``, ``(mức cuối năm 2020 là 2,6% và …``: a number compared against is not the fact."""
    book = cue_book()
    return bool(book.baseline_before.search(before) or book.bracket_baseline.search(before[-120:]))


def is_compared_level(before: str) -> bool:
    """``so với mức lỗ của năm 2019 là 2.005 tỷ đồng``, ``(bình quân cả nước tăng 9,3%)``, ``(con số
    này cùng kỳ năm trước là 41,9 tỷ đồng)``: the level of another time, or of the whole country,
    quoted beside the text's own figure (not ``cao hơn bình quân cả nước 1,8 triệu đồng``, which is
    this place's own gap)."""
    book = cue_book()
    return ((book.compared_level_before.search(before[-100:]) is not None
             and structure().above_average.search(before) is None)
            or book.bracket_earlier.search(before[-160:]) is not None)


def respondent_view(after: str) -> str | None:
    """``28% cho rằng giá sẽ giảm``: the view a share of a survey's answers holds, what the share
    measures when it names no respondents (``68% người lao động cho rằng …`` measures those)."""
    m = cue_book().respondent_share.match(after)
    return m.group("view").strip() if m and not m.group("who") else None


def is_respondent_share(after: str) -> bool:
    """Whether a share is of a survey's answers: a finding, whatever its view."""
    return cue_book().respondent_share.match(after) is not None


def without_brackets(text: str) -> str:
    """``text`` with bracketed remarks blanked: a limit quoted in brackets (``(so với yêu cầu 40%)``)
    governs nothing outside them."""
    return BRACKET.sub(lambda m: " " * len(m.group(0)), text)


def change_of(before: str) -> str:
    return cue_book().change.first(before[-60:]) or "level"  # a fall said first, then a rise


def basis_of(after: str, mention_type: str = "percent") -> tuple[str | None, int]:
    """The basis key after a number and how many characters it covers (0 when none)."""
    book = cue_book()
    if book.basis_might_match is not None and not book.basis_might_match(after):
        return None, 0  # (a basis's words follow its lead: none of their first words, no basis)
    pattern, groups = book.basis_after_percent if mention_type == "percent" else book.basis_after_other
    m = pattern.match(after)
    if not m:
        return None, 0
    return next(key for name, key in groups.items() if m.start(name) >= 0), m.end()


def continues(sentence_opening: str) -> bool:
    """Whether a sentence spells out the one before it (``Cụ thể, …``, ``Trong đó, …``)."""
    return bool(cue_book().continuation.match(sentence_opening))


@per_document
def basis_before(before: str) -> str | None:
    """A basis said before the number: ``vượt dự toán 5%``."""
    return cue_book().first_basis_before.first(before[-60:])


def is_refused(after: str) -> bool:
    """``… bồi thường thêm 500 triệu đồng nhưng không được tòa chấp nhận``: a demand turned down."""
    return bool(cue_book().refused_after.search(after))


PLAN_BASES = ("plan", "budget_estimate", "central_budget_estimate", "provincial_budget_estimate")


def is_share_of_plan(before: str, basis: str | None, mention_type: str) -> bool:
    """``đạt 101,3% kế hoạch``, ``vượt 6,3% dự toán``: a result measured against the plan, whose
    ``kế hoạch`` names the basis and sets no target."""
    return (mention_type == "percent" and basis in PLAN_BASES
            and cue_book().plan_share_before.search(before[-40:]) is not None)


def forecasts(cue_words: str) -> bool:
    """``dự kiến``, ``sẽ``: a word that forecasts, not one that sets a plan (``phấn đấu``) or names a
    plan's amount (``Dự toán … là``)."""
    return cue_book().forecast_words.match(cue_words.strip()) is not None


def closed_brackets(text: str, limit: int) -> list[tuple[int, int]]:
    """The bracketed remarks that close before ``limit``: a cue inside one governs nothing after it
    (``GRDP (chỉ tiêu tổng sản phẩm trên địa bàn) tăng 4,44%``)."""
    return [(m.start(), m.end()) for m in BRACKET.finditer(text, 0, limit)]


def is_estimate_word(words: str) -> bool:
    """``ước đạt``, ``ước tính``: an estimate, of a result unless a plan or forecast frames it."""
    return cue_book().estimate_words.match(words.strip()) is not None


def frames(framing_words: str, words: str) -> bool:
    """Whether a target cue before a result cue makes the figure its own: a plan or forecast framing an
    estimate (``dự báo … ước đạt``), or a forecast revised (``các dự báo … đã tăng lên``)."""
    book = cue_book()
    if book.estimate_words.match(words.strip()):
        return True
    return bool(book.past_markers.match(words.strip()) and book.revised_forecast.match(framing_words.strip()))
