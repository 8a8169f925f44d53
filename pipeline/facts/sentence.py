"""Reading the figures of one sentence, left to right: indicator, kind, change, basis, period, place.

The sentence is read as Vietnamese reports are written: ``<indicator> <predicate> <figure>
<basis>``, clauses joined by ``,`` and ``;``. A figure whose clause names nothing
(``…, tăng 12%``) measures what the figure before it measured; a count that is the subject
(``có 500 doanh nghiệp thành lập mới, tăng 7,6%``) hands its noun to the rate after it; counts
inside a money clause (``trong 4 năm``, ``xe 12 ghế``) stay part of that clause's words. A
baseline (``so với mức 1,98%``) or an amount restated in brackets (``1.498 nhân dân tệ (231 USD)``)
measures what the figure before it measured; a share of respondents (``28% cho rằng giá giảm``)
measures the view it holds; heads listed before ``tương ứng``/``lần lượt`` pair one to one with the
figures after. The kind comes from the nearest cue governing the figure, else from the run of
figures before it in the paragraph (a cue inside brackets governs nothing outside them), else from
the headings above (``fact_context.Frame``).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import functools
import re

import regex

from . import context as fact_context, cues as fact_cues, indicator_keys, indicators
from .read_once import ReadOnce
from ..records import Entity, Mention

Period = tuple[str, str, str]  # (text as written, ISO start, ISO end)

HAS_WORD = regex.compile(r"\w")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
CLAUSE_MARK = regex.compile(r"[,;:]")
CLAUSE_END = regex.compile(r"[;:]|\.\s")
CLAUSE_SPLIT = regex.compile(r"[;,]")
CLAUSE_BREAK = regex.compile(r"[;,]|\.\s")
# a name listed after `như`/`gồm` with its predicate: `… phức tạp như EVN ước đạt`
NAMED_IN_LIST = regex.compile(r"(?<![\w])(?:như|gồm có|gồm):?\s+(?-i:\p{Lu})[\w.&-]*(?:\s+(?-i:\p{Lu})[\w.&-]*)*"
                              r"(?:\s+(?-i:\p{Ll})[\w]*)*\s*$", regex.IGNORECASE)
RESTATED = regex.compile(r"[^,;.()]{0,40}?,?\s*(?:tương ứng|tương đương)(?:\s+(?:với|khoảng|gần|hơn|trên|mức))*\s*", regex.IGNORECASE)
RESTATED_IN = regex.compile(r"(?<![\w])(?:tương ứng|tương đương)(?![\w])", regex.IGNORECASE)
BRACKETED_RESPECTIVE = regex.compile(r"\(\s*[^()]{0,60}?(?<![\w])(?:tương ứng|lần lượt)(?![\w])[^()]*$", regex.IGNORECASE)
LIST_JOIN = regex.compile(r"\s*[;,]\s*(?:và\s+)?|\s+và\s+")
AND_ONLY = regex.compile(r"\s+(?:và|cùng)\s*", regex.IGNORECASE)
HEAD_SPLIT = regex.compile(r";|,(?!\d)")  # a decimal comma (`14,7`) splits no list
FIGURE_IN_HEAD = regex.compile(r"\d[\d.,]*\s*(?:%|(?:tỷ|tỉ|triệu|nghìn|ngàn|đồng|USD|VND)(?![\w]))", regex.IGNORECASE)
RESPECTIVELY_AFTER = regex.compile(r"(?<![\w])(?:lần lượt|tương ứng)(?:\s+(?:là|đạt|ở mức|ở|khoảng|gần|hơn|trên))*\s*$",
                                   regex.IGNORECASE)


# where a figure's clause ends: `,` `;` a line break, or a full stop before a space or the end (the
# standard library's `\s` is exactly `str.isspace`)
CLAUSE_REST_END = re.compile(r"[,;\n]|\.(?=\s|\Z)")
CLAUSE_OR_BRACKET = re.compile(r"[,;(]")
COMPARED_WINDOW = 45  # characters before a date where `so với …` makes it a basis's date


def layout():
    """Sentence layout patterns (rules/facts/cues.yml, ``structure``)."""
    return fact_cues.structure()


@dataclass
class SentenceContext:
    """What the document walk hands to the reading of one sentence."""

    text: str  # the whole document
    start: int  # the sentence's span
    end: int
    frame: fact_context.Frame
    main_place: tuple[str, str] | None  # the document's place, for figures that name none
    carried_indicator: str | None = None  # from the paragraph or the list's lead-in line
    lead_in_measure: str | None = None  # the measure the list's lead-in line names (`- Mức dư nợ vay …:`)
    list_start: int | None = None  # start of the run of figure-bearing sentences this one closes
    continued_kind: Callable[[], str | None] | None = None  # the kind a `Cụ thể, …` sentence carries on, read when asked
    # the document as characters, figures and their bases read so far blanked (so `đạt 85% kế
    # hoạch` is not read as a plan cue); this sentence's figures are blanked in it too
    masked: list[str] | None = None


def read_sentence(context: SentenceContext, group: list[Mention]) -> list[dict]:
    """The fact fields of the figures of one sentence, read left to right."""
    text, start, end, frame = context.text, context.start, context.end, context.frame
    masked = context.masked if context.masked is not None else list(text)
    list_start = context.list_start if context.list_start is not None else start
    bases: list[tuple[str | None, int]] = []
    for k, mention in enumerate(group):
        next_start = group[k + 1].start if k + 1 < len(group) else end
        key, length = fact_cues.basis_of(clause_rest(text[mention.end:next_start]), mention.type)
        bases.append((key, length))
        blank_end = min(mention.end + length, end)
        if blank_end > mention.start:
            masked[mention.start:blank_end] = " " * (blank_end - mention.start)
    masked_text = "".join(masked[start:end])
    # (the masked characters do not change while the sentence's figures are read: a span of them
    # joined for one figure, the paragraph before the sentence, serves the others)
    masked_words = functools.lru_cache(maxsize=None)(lambda a, b: "".join(masked[a:b]))
    # the cues, brackets and contrasts of the sentence: read once, filtered for each figure, and only
    # when a figure's kind comes to its cue (a baseline, a threshold, a list's item … never does)
    sentence_marks = ReadOnce(lambda: (fact_cues.raw_cues(masked_text), ClauseMarks.of(masked_text)))
    sentence_dates = SentenceDates.of(text, start, end, frame)  # the dates its figures choose from
    plan_clauses = clauses_against_plan(text, start, end, group, bases)
    results = []
    previous_indicator = context.carried_indicator
    previous_end = start  # end of the previous money or percent figure (and its basis)
    any_previous_end = start  # end of the previous figure of any type
    subject_count: str | None = None  # `có 500 doanh nghiệp thành lập mới, tăng 7,6%`
    for k, mention in enumerate(group):
        before = text[start:mention.start]
        after = text[mention.end:end]
        change = fact_cues.change_of(before)
        if mention.type == "quantity":
            # a count reads its own clause; counts inside a money clause (`trong 4 năm`, `xe 12 ghế`)
            # stay part of that clause's words
            # a multiplier (`gấp 2,1 lần cùng kỳ`) speaks of what the figure before it measured
            carried = previous_indicator if mention.unit.lower() in layout().multiplier_units else None
            segment = text[any_previous_end:mention.start]
            if (k and group[k - 1].type == "quantity" and not CLAUSE_MARK.search(segment)
                    and not indicators.opens_a_measure(segment)):
                # `8 xã đạt chuẩn … nâng cao và 3 xã …`: the words between two counts describe the first
                # (unless a clause naming a measure opens between them: `7 nội dung … với tổng diện tích`)
                segment = ""
            phrase = figure_indicator(segment, mention, after, change, carried)
            own = indicators.phrase_before(segment)
            # what a following `tăng 7,6%` measures: the measure named before the count
            # (`Số lao động … là 15.360 lao động`), else the things counted
            if own and indicators.names_a_measure(own):
                subject_count = own
            elif (not (mention.rule or "").endswith("+counted") and mention.unit.lower() not in layout().multiplier_units
                    and (counted_noun(mention, after) or "").lower() == mention.unit.lower()):
                # `Sản xuất than ước đạt 38,5 triệu tấn, đạt 95% kế hoạch`: a measure in tonnes, points
                # or kWh counts no things; the rate after it measures what the clause is about
                subject_count = own or indicators.subject_of(segment) or counted_noun(mention, after)
            elif not (own is None and subject_count and layout().restatement.search(segment)):
                # (`75.000 lượt khách/ngày, tương đương 500 lượt chuyến, tăng 25%`: a count restated
                # keeps the subject of the first)
                subject_count = counted_noun(mention, after)
        else:
            since_count = text[any_previous_end:mention.start]
            share_of = layout().share_of.match(after)
            view = fact_cues.respondent_view(after) if mention.type == "percent" else None
            if view:
                phrase = view  # `28% cho rằng giá giảm`: the share measures the view it holds
            elif (context.lead_in_measure and previous_end == start
                    and layout().condition_opener.match(text[start:mention.start])):
                # `- Mức dư nợ vay:` / `+ Đối với các địa phương có …: không quá 30%`: an item that only
                # states a condition measures what its list's lead-in names
                phrase = context.lead_in_measure
            elif k and layout().bracketed_amount.fullmatch(since_count) and previous_indicator:
                phrase = previous_indicator  # `1.498 nhân dân tệ (231 USD)`: the same amount restated
            elif plan := fact_cues.restated_plan(before[previous_end - start:]):
                phrase = plan  # `đạt 76,1% so với chỉ tiêu giao (3.400 tỷ đồng)`: the plan is what it measures
            elif fact_cues.is_baseline(before[previous_end - start:]) and previous_indicator:
                # `xuống mức 1,79% so với mức 1,98%`, `cao hơn mức tối thiểu 8%`: a baseline is of the
                # same measure as the figure set against it
                phrase = previous_indicator
            elif mention.type == "percent" and share_of and indicators.noun_phrase_after(after[share_of.end():]):
                # `trong đó 85% là người có thẻ BHYT`: the share is of what follows `là`
                phrase = indicators.noun_phrase_after(after[share_of.end():])
            elif (subject_count and since_count.count(",") == 1 and not CLAUSE_END.search(since_count)
                    and indicators.phrase_before(since_count.split(",")[1]) is None):
                phrase = subject_count  # `có 500 doanh nghiệp thành lập mới, tăng 7,6%`
            elif subject_count and RESTATED.fullmatch(since_count):
                phrase = subject_count  # `VN-Index tăng 9,84 điểm tương ứng 0,8%`: the count restated
            else:
                phrase = figure_indicator(text[previous_end:mention.start], mention, after, change,
                                          previous_indicator, opens_sentence=previous_end == start)
            if mention.type == "percent" and (phrase is None or is_a_name(phrase)):
                # `Không thể cứ liên tục tăng trưởng 30%, 40%, 50% mỗi năm`: with no subject, a rate
                # measures the growth its sentence names; so does one whose subject is only a name
                # (`Vietcombank cũng tăng trưởng hơn 10%`)
                growth = list(layout().growth.finditer(before[previous_end - start:]))
                phrase = growth[-1].group(0) if growth else phrase
            subject_count = None
        period, own_period = figure_periods(text, start, end, mention, frame, sentence_dates)
        reading = figure_kind(masked_words, list_start, start, mention, before, after,
                              ReadOnce(lambda: governing_cue(sentence_marks()[0], masked_text, start,
                                                             [m.end for m in group[:k] if m.type != "quantity"],
                                                             mention.start, sentence_marks()[1])),
                              frame, period, own_period, context.continued_kind,
                              against_plan=clause_of(text, start, mention.start) in plan_clauses)
        if mention.type != "quantity" and counts_things_above(group[:k], mention, text):
            # `31 mặt hàng đạt kim ngạch trên 1 tỷ USD`: the bound of a class counted
            reading = KindReading("other", "the bound of a class counted", "high")
        cell = frame.table_cell(mention.start)
        column_kind = fact_cues.heading_kind(cell.header) if cell else None
        if column_kind:  # in a table the column says plan or result
            reading = KindReading(column_kind, f"column “{cell.header.strip()}”", "high")
        kind = reading.kind
        if cell:  # … and for when, the row says what
            phrase = cell.label or phrase
            dated = [e for e in frame.dates_in(cell.header_start, cell.header_end) if fact_context.period_bounds(e)]
            if dated:
                bounds = fact_context.period_bounds(dated[0])
                period = (dated[0].text, bounds[0], bounds[1])
        if change == "level" and mention.type == "percent" and phrase and layout().growth.search(phrase):
            change = "increase"  # `Tốc độ tăng trưởng GRDP | 8,72%`: a growth rate states a rise
        own_place = figure_place(start, end, mention, frame)
        place = own_place or context.main_place
        if (kind != "other" and own_place and context.main_place and own_place[1] != context.main_place[1]
                and layout().contrast.search(masked_text[:mention.start - start])):
            kind = "other"  # `Trong khi đó, Hà Nội tăng 7,2%` in a text about another province
            reading = KindReading("other", "another place quoted in contrast", "high")
        results.append({
            "indicator": phrase,
            "indicator_key": figure_key(phrase, mention, results, change),
            "kind": kind,
            "kind_cue": f"{reading.how} → {kind}",
            "kind_confidence": reading.confidence,
            "change": change,
            "basis": named_year_basis(bases[k][0] or fact_cues.basis_before(before),
                                      text[mention.end:mention.end + bases[k][1]], period),
            "period_text": period[0] if period else None,
            "period_start": period[1] if period else None,
            "period_end": period[2] if period else None,
            "place": place[0] if place else None,
            "place_normalized": place[1] if place else None,
        })
        any_previous_end = mention.end + bases[k][1]
        if mention.type != "quantity":
            previous_indicator = phrase
            previous_end = any_previous_end
    pair_heads(text, start, group, results)
    pair_bracketed_list(text, group, results)
    share_run_change_and_basis(text, group, results)
    opening_basis(text, start, group, results)
    return results


OPENING_COMPARISON = regex.compile(r"\W*(so với\s[^,;.]{1,60}),", regex.IGNORECASE)


def opening_basis(text: str, start: int, group: list[Mention], results: list[dict]) -> None:
    """``So với phiên trước, giá vàng tăng 400.000 đồng … và 250.000 đồng …``: a comparison that
    opens the sentence is the basis of every change in it."""
    if not group:
        return
    opening = OPENING_COMPARISON.match(text[start:group[0].start])
    if not opening:
        return
    for mention, result in zip(group, results):
        if mention.type != "quantity" and result["change"] != "level" and not result["basis"]:
            result["basis"] = fact_cues.basis_of(opening.group(1), mention.type)[0]


def figure_runs(text: str, group: list[Mention]) -> list[list[int]]:
    """Indexes of money or percent figures listed one after another (``4% và 7%``, ``A, B và C``)."""
    runs: list[list[int]] = []
    for k, mention in enumerate(group):
        if mention.type == "quantity":
            continue
        if (runs and runs[-1][-1] == k - 1 and group[k - 1].type == mention.type
                and layout().figure_join.fullmatch(text[group[k - 1].end:mention.start])):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def share_run_change_and_basis(text: str, group: list[Mention], results: list[dict]) -> None:
    """``tăng lần lượt 2% và 3% so với cùng kỳ``: the verb before a list and the comparison after it
    belong to every figure in it; the figures are the changes, not baselines."""
    for run in figure_runs(text, group):
        if len(run) < 2:
            continue
        first, last = results[run[0]], results[run[-1]]
        if first["change"] != "level":
            for k in run[1:]:
                if results[k]["change"] == "level":
                    results[k]["change"] = first["change"]
                    if results[k]["kind"] == "other" and first["kind"] != "other":
                        results[k].update(kind=first["kind"], kind_confidence=first["kind_confidence"],
                                          kind_cue=f"the run of figures it ends → {first['kind']}")
        if last["basis"]:
            for k in run[:-1]:
                results[k]["basis"] = results[k]["basis"] or last["basis"]


HEAD_OWNER = regex.compile(r"\s(?:của|tại)\s")


def listed_heads(before: str, count: int) -> list[str] | None:
    """The ``count`` heads listed before ``tương ứng``/``lần lượt`` (``Xuất khẩu gạo, cà phê và hạt
    điều lần lượt đạt``), the list taken from the fewest comma pieces that hold that many."""
    pieces = HEAD_SPLIT.split(before.rsplit(";", 1)[-1])
    for j in range(len(pieces) - 1, -1, -1):
        listed = layout().respective.fullmatch(",".join(pieces[j:]))
        if not listed:
            continue
        raw = layout().head_join.split(listed.group("heads"))
        if any(FIGURE_IN_HEAD.search(h) for h in raw):
            return None  # `xuất khẩu đạt 19 tỷ USD, nhập khẩu đạt 14,7 tỷ USD, giảm lần lượt`: clauses, not heads
        # (a head that is only a term, `1 tháng`, is still a head: `kỳ hạn qua đêm, 1 tuần và 1 tháng`)
        heads = [h for h in (indicators.clean(h) or h.strip() for h in raw) if h]
        if len(heads) == count:
            # `Doanh thu và lợi nhuận của công ty`: the owner belongs to every head
            heads[-1] = HEAD_OWNER.split(heads[-1], maxsplit=1)[0]
            return [heads[0]] + [shared_stem(heads[0], h) for h in heads[1:]]
        if len(heads) > count:
            return None
    return None


def shared_stem(first: str, head: str) -> str:
    """``lãi suất bình quân kỳ hạn qua đêm, 1 tuần và 1 tháng``: a later head that names no measure
    is a variant of the first and takes its stem (``lãi suất bình quân kỳ hạn 1 tuần``)."""
    stem = first.split()[:-len(head.split())]
    if indicators.names_a_measure(head) or not indicators.names_a_measure(" ".join(stem)):
        return head
    return " ".join(stem + [head])


def pair_heads(text: str, start: int, group: list[Mention], results: list[dict]) -> None:
    """``ROA và ROE tương ứng đạt 3% và 23,5%``: heads listed before ``tương ứng``/``lần lượt`` go one to
    one with the figures listed after; a later list of as many figures that took the whole phrase
    (``(mức cuối năm 2020 là 2,6% và 22%)``) pairs the same way."""
    runs = figure_runs(text, group)
    paired: tuple[str, list[str]] | None = None  # (the whole phrase, its heads)
    for run in runs:
        if len(run) < 2:
            continue
        heads = listed_heads(text[start:group[run[0]].start], len(run))
        if heads:
            paired = (results[run[0]]["indicator"], heads)
        elif paired and len(paired[1]) == len(run) and all(results[k]["indicator"] == paired[0] for k in run):
            heads = paired[1]
        elif not paired:
            heads = earlier_heads(text, group, results, run)
        if heads:
            for k, head in zip(run, heads):
                results[k]["indicator"] = head
                results[k]["indicator_key"] = (indicators.indicator_key(head, group[k].type, results[k]["change"])
                                               or results[k]["indicator_key"])


def pair_bracketed_list(text: str, group: list[Mention], results: list[dict]) -> None:
    """``… dịch vụ chiếm 43,65%; thuế sản phẩm chiếm 9,22% (Cơ cấu tương ứng của cùng kỳ năm 2022 là
    11,57%; 37,08%; 42,06%; 9,29%)``: a bracketed list after ``tương ứng`` restates, one to one, as
    many figures of its type just before it."""
    for k, mention in enumerate(group):
        if not k or not BRACKETED_RESPECTIVE.search(text[group[k - 1].end:mention.start]):
            continue
        run = [k]
        while (run[-1] + 1 < len(group) and group[run[-1] + 1].type == mention.type
               and LIST_JOIN.fullmatch(text[group[run[-1]].end:group[run[-1] + 1].start])):
            run.append(run[-1] + 1)
        earlier = [j for j in range(k) if group[j].type == mention.type]
        if len(run) < 2 or len(earlier) < len(run):
            continue
        for j, e in zip(run, earlier[-len(run):]):
            results[j]["indicator"] = results[e]["indicator"]
            results[j]["indicator_key"] = results[e]["indicator_key"]


def earlier_heads(text: str, group: list[Mention], results: list[dict], run: list[int]) -> list[str] | None:
    """``xuất khẩu đạt 19 tỷ USD, nhập khẩu đạt 14,7 tỷ USD, giảm lần lượt 2,27% và 6,91%``: with no
    heads listed before ``lần lượt``/``tương ứng``, the figures after it pair one to one with as many
    amounts stated just before in the sentence (the changes of those amounts)."""
    first = run[0]
    if not RESPECTIVELY_AFTER.search(text[group[first - 1].end:group[first].start] if first else ""):
        return None
    earlier = [k for k in range(first) if group[k].type == "money" and results[k]["indicator"]]
    if len(earlier) < len(run):
        return None
    heads = [results[k]["indicator"] for k in earlier[-len(run):]]
    return heads if len(set(heads)) == len(heads) else None


def named_year_basis(basis: str | None, basis_text: str, period: Period | None) -> str | None:
    """``so với năm 2019`` is the previous year only for a 2020 figure; otherwise it is ``year_2019``."""
    if basis != "previous_year":
        return basis
    m = YEAR.search(basis_text)
    if not m:
        return basis  # `so với năm trước`
    if period and period[1][:4].isdigit() and int(period[1][:4]) == int(m.group(1)) + 1:
        return basis
    return f"year_{m.group(1)}"


def figure_key(phrase: str | None, mention: Mention, earlier: list[dict], change: str | None = None) -> str | None:
    """The catalog's key, else the key of an earlier figure whose phrase holds every word of this one
    (`tổng thu ngân sách … ; năm 2025 phấn đấu thu 16.500 tỷ đồng`); never the phrase itself.

    A count's unit says what it counts (`đạt 13,5 bác sĩ/vạn dân`), so it is read with the phrase."""
    key = indicators.indicator_key(phrase, mention.type, change)
    if not key and mention.type == "quantity" and mention.unit:
        key = indicators.indicator_key(" ".join(filter(None, (phrase, mention.unit))), mention.type, change)
    if key or not phrase:
        return key
    words = set(phrase.lower().split())
    for fact in reversed(earlier):
        if (fact["indicator_key"] and fact["indicator"] and words <= set(fact["indicator"].lower().split())
                and indicator_keys.fits(fact["indicator_key"], mention.type)):
            return fact["indicator_key"]
    return None


def figure_indicator(segment: str, mention: Mention, after: str, change: str,
                     previous: str | None, opens_sentence: bool = False) -> str | None:
    """The phrase a figure measures: its own clause's, else the previous figure's.

    A clause that only names an item of a list (``RON 95 là``, ``Ciputra (Tây Hồ) từ``) measures
    what the figure before it measured; one that states its own change (``RON 95 giảm``) or
    breaks a total down (``trong đó nhà kho``) keeps its own words.
    """
    if mention.type == "quantity":
        # a count names what it counts after it: `có 500 doanh nghiệp thành lập mới`
        own = indicators.phrase_before(segment)
        if (own and (indicators.names_a_measure(own) or indicators.indicator_key(own, mention.type))
                and not indicators.phrase_after(segment, after)):
            return own  # `Số lao động được giải quyết việc làm là 15.360 lao động`
        return counted_noun(mention, after) or own or previous
    following = indicators.phrase_after(segment, after)
    if following:
        return following
    own = indicators.phrase_before(segment)
    listed = NAMED_IN_LIST.search(segment)
    if listed or indicators.is_place_name(own):
        # `Hậu Giang tăng 12,67%, Bình Thuận tăng 9,86%`, `… như EVN ước đạt`: a place or a body is
        # whose figure it is; the measure is the one the list hangs from, or the previous figure's
        lead = segment[:listed.start()] if listed else segment[:segment.rfind(own)]
        return indicators.measure_named_in(lead) or previous or own
    if (mention.type == "money" and previous and segment.strip().startswith(previous)
            and AND_ONLY.fullmatch(segment.strip()[len(previous):])):
        # `4.352 tỷ đồng doanh thu thuần và 292,6 tỷ đồng lợi nhuận trước thuế`: the first amount's
        # measure stood after it; the next amount names its own after it too
        return indicators.measure_after(after) or previous
    phrase = indicators.phrase_before(segment)
    if not indicators.names_a_measure(phrase):
        measured = indicators.measure_after(after)
        if measured and mention.type == "money" and not after.lstrip().startswith(measured):
            measured = None  # `168 triệu đồng và khoản tiền …`: a next item, not this amount's measure
        if measured:
            # `khách sạn đạt 80% công suất phòng`, `Công ty đạt 57.895 tỷ đồng doanh thu`: the measure
            # follows the figure
            return measured
    if phrase and indicators.lexicon().verb_before_amount.search(segment):
        # the verb's object is not after the amount either: `ngân sách dành khoảng 560.000 tỷ đồng trong …`
        phrase = indicators.clean(indicators.lexicon().verb_before_amount.sub("", phrase)) or phrase
    if phrase is None:
        if previous is None:
            # `… rao bán với giá rẻ giật mình, chỉ khoảng 170.000 đồng/kg`: a price named in the
            # clause before is what an amount of money measures
            subject = indicators.subject_of(segment)
            price = indicators.price_in(segment) if mention.type == "money" else None
            if price and not indicators.names_a_measure(subject):
                return price
            known = indicators.known_measure_in(segment)
            if known and not indicators.names_a_measure(subject):
                return known  # `tỉnh đã triển khai các biện pháp thu ngân sách, ước đạt …`: the known measure
            return subject or indicators.noun_phrase_after(after)
        if opens_sentence:
            # a new sentence's first figure with a bare predicate (`…, đạt mức tăng trưởng là 56%`)
            # measures the sentence's subject, not what the sentence before measured
            return indicators.subject_of(segment) or previous
        if not HAS_WORD.search(CLAUSE_SPLIT.split(segment)[-1]):
            # `…; 50% hộ kinh doanh chấp nhận …`: a new list item names its own thing after the number
            return indicators.noun_phrase_after(after) or previous
        return previous
    if previous and indicators.is_comparison_subject(phrase):
        return previous  # `tăng 7,51% (cùng kỳ quý I/2024 tăng 6,26%)`: the same measure, earlier or elsewhere
    if (previous and change == "level"
            and not indicators.names_a_measure(segment.rsplit(";", 1)[-1])
            and not indicators.holds_a_predicate(phrase)
            and not indicators.states_a_share(segment)
            and not indicators.indicator_key(phrase, mention.type)
            and not layout().breakdown.search(segment)):
        return previous
    return phrase


def is_a_name(phrase: str) -> bool:
    """A phrase of capitalised words only (`Vietcombank`, `HDBank`): who, not what is measured."""
    return all(word[:1].isupper() for word in phrase.split())


def counts_things_above(earlier: list[Mention], mention: Mention, text: str) -> bool:
    """A bound (`trên`, `từ … trở lên`) on an amount right after a count of things in its clause
    defines the class counted: `có 6 mặt hàng xuất khẩu trên 10 tỷ USD`."""
    if mention.qualifier not in ("over", "at_least") or not earlier or earlier[-1].type != "quantity":
        return False
    count = earlier[-1]
    between = text[count.end:mention.start]
    return ((count.rule or "").endswith("+counted") and not CLAUSE_MARK.search(between)
            and len(between) <= 60 and not layout().aggregate_amount.search(between))


def counted_noun(mention: Mention, after: str) -> str | None:
    """A count with no phrase before it measures what it counts: ``500 doanh nghiệp thành lập mới``."""
    if mention.unit.lower() in layout().multiplier_units:
        return None  # `gấp đôi`, `tăng 4,8 lần` count no things
    tail = layout().count_join.split(clause_rest(after), maxsplit=1)[0]
    tail = layout().count_stop.split(tail, maxsplit=1)[0]
    tail = RESTATED_IN.split(tail, maxsplit=1)[0].strip()  # `85 triệu cổ phiếu giao dịch tương ứng …`
    words = (mention.unit + " " + tail).split()
    return " ".join(words[:8]) or None


@dataclass(frozen=True)
class ClauseMarks:
    """The closed brackets and the contrasts (``trong khi đó``) of a sentence's masked text, found once
    for all its figures; each figure keeps those that end before it (``governing_cue``)."""

    brackets: tuple[tuple[int, int], ...]
    breaks: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, masked_text: str) -> "ClauseMarks":
        return cls(tuple(fact_cues.closed_brackets(masked_text, len(masked_text))),
                   tuple(fact_cues.scope_breaks(masked_text)))

    def brackets_before(self, limit: int) -> list[tuple[int, int]]:
        """As ``fact_cues.closed_brackets(masked_text, limit)``: a bracket holds no bracket, so one that
        closes before ``limit`` is found alike in the whole text and in the text cut there."""
        return [span for span in self.brackets if span[1] <= limit]

    def scope_start(self, masked_text: str, limit: int) -> int:
        """As ``fact_cues.scope_start(masked_text, limit)``; asked again with the text cut at ``limit``
        when a contrast runs across it or a letter stands there (the cut could change what matches)."""
        if HAS_WORD.match(masked_text, limit):  # a word character right at the cut
            return fact_cues.scope_start(masked_text, limit)
        last = 0
        for begin, end in self.breaks:
            if end <= limit:
                last = end
            elif begin < limit:
                return fact_cues.scope_start(masked_text, limit)
            else:
                break
        return last


def governing_cue(cues: list[fact_cues.Cue], masked_text: str, start: int, earlier_ends: list[int],
                  mention_start: int, marks: ClauseMarks | None = None) -> tuple[fact_cues.Cue | None, str]:
    """The cue governing a figure's kind, and its words.

    Only cues before the figure count, and not those trailing an earlier figure in its own clause
    (`68% tin rằng giá sẽ tăng, 28% cho rằng …` speaks of the 68%); a cue before an earlier figure
    (`phấn đấu thu 1.566 tỷ đồng; thu XNK …`) still governs the whole list.
    """
    limit = mention_start - start
    blanked: list[tuple[int, int]] = []
    for end in earlier_ends:  # counts sit inside clauses (`đóng tiền ba tháng một lần nên sẽ …`): not theirs
        i = end - start
        # a bracket opens a remark of its own: its cue governs the figures in it (`tăng 12,32% (kế
        # hoạch tăng từ 13%)`)
        stop = CLAUSE_OR_BRACKET.search(masked_text, i, limit) if i < limit else None
        blanked.append((i, stop.start() if stop else max(i, limit)))
    marks = marks or ClauseMarks.of(masked_text)
    scope = marks.scope_start(masked_text, limit)
    blanked += marks.brackets_before(limit)
    usable = [c for c in cues if scope <= c.start and c.end <= limit
              and not any(b0 < c.end and c.start < b1 for b0, b1 in blanked)]
    usable = fact_cues.prune(usable)
    cue = fact_cues.nearest(usable)
    if cue and cue.kind == "actual":
        # `HSC dự báo, trong năm nay, DRC ước đạt …`, `doanh thu mà công ty đặt ra ước đạt …`, `các dự
        # báo đã tăng lên …`: the estimate is the forecast's or the plan's own, when no figure stands
        # between them
        framing = fact_cues.nearest([c for c in usable if c.end <= cue.start])
        if (framing and framing.kind == "target"
                and fact_cues.frames(masked_text[framing.start:framing.end], masked_text[cue.start:cue.end])
                and not any(framing.end <= end - start <= cue.start for end in earlier_ends)):
            cue = framing
    return cue, (masked_text[cue.start:cue.end] if cue else "")


def clause_of(text: str, start: int, offset: int) -> int:
    """Which ``;``-clause of the sentence starting at ``start`` holds ``offset`` (0 for the first); a
    ``;`` inside brackets (`(gồm kế hoạch … ; vốn năm trước chuyển sang …)`) ends no clause."""
    return fact_cues.without_brackets(text[start:offset]).count(";")


def clauses_against_plan(text: str, start: int, end: int, group: list[Mention],
                         bases: list[tuple[str | None, int]]) -> set[int]:
    """The clauses of a sentence that measure a figure against the plan (``đạt 101,3% kế hoạch``):
    a clause that reports how far a plan was reached reports results."""
    found = set()
    for mention, (basis, _) in zip(group, bases):
        before = text[start:mention.start]
        # (the basis said before it is read only for a percentage: no other figure is a share of plan)
        said_before = fact_cues.basis_before(before) if mention.type == "percent" and not basis else None
        if fact_cues.is_share_of_plan(before, basis or said_before, mention.type):
            found.add(clause_of(text, start, mention.start))
    return found


def clause_rest(after: str) -> str:
    """The words after a number up to the end of its clause (a basis never crosses , ; .)."""
    stop = CLAUSE_REST_END.search(after)
    return after[:stop.start()] if stop else after


@dataclass(frozen=True)
class KindReading:
    """A figure's kind with what decided it, so an analyst can see why and filter to the sure ones:
    ``high`` when a cue or a position in its own sentence decided, ``medium`` when its paragraph, a
    heading or the document's date did, ``low`` when nothing did and it is read as a stated fact."""

    kind: str
    how: str
    confidence: str


def figure_kind(masked_words: Callable[[int, int], str], list_start: int, sentence_start: int, mention: Mention,
                before: str, after: str,
                governing: Callable[[], tuple[fact_cues.Cue | None, str]], frame: fact_context.Frame,
                period: Period | None = None,
                own_period: Period | None = None, continued_kind: Callable[[], str | None] | None = None,
                against_plan: bool = False) -> KindReading:
    """target, actual or other, with what decided it: special positions first (starting values,
    baselines, refused demands, specifications), then the nearest governing cue, then the
    paragraph's run of figures, a continued sentence, and last the headings above.
    ``masked_words(a, b)``: the document's characters from ``a`` to ``b``, figures and bases blanked."""
    if fact_cues.is_starting_value(before, after) or frame.in_example(mention.start):
        return KindReading("other", "a starting value or a worked example", "high")
    if fact_cues.restated_plan(before):
        return KindReading("target", "the plan restated (so với chỉ tiêu giao …)", "high")
    if (fact_cues.is_baseline(before) or fact_cues.is_compared_level(before)
            or fact_cues.is_refused(after.split(";")[0])):
        return KindReading("other", "a baseline, a level compared or a demand refused", "high")
    if fact_cues.is_threshold(before, after) or fact_cues.in_condition(before, after):
        return KindReading("other", "a threshold or a rule's condition", "high")
    if mention.type == "quantity" and fact_cues.is_specification(before, mention.unit):
        return KindReading("other", "a specification", "high")
    if mention.type == "quantity" and fact_cues.is_count_of_targets(mention.unit):
        return KindReading("actual", "a count of targets", "high")
    if mention.type == "percent" and fact_cues.is_respondent_share(after):
        return KindReading("actual", "a share of a survey's answers", "high")
    if frame.list_kind(mention.start):
        return KindReading("target", "an item of a list of targets", "high")  # `15 chỉ tiêu năm 2026 …: (1) …`
    cue, cue_words = governing()  # (asked only here: the cues are read only for a figure that gets this far)
    if cue and cue.kind == "other" and layout().above_average.search(before):
        cue = None  # `cao hơn bình quân cả nước 1,8 triệu đồng`: the gap is this place's own figure
    if cue:
        if (cue.kind == "target" and fact_cues.is_forecast_word(cue_words)
                and period_is_over(period, frame)):
            return KindReading("actual", f"“{cue_words}” for a period already over", "medium")  # `dự kiến cả năm 2024 đạt …` written in 2025
        if (against_plan and cue.kind == "target" and fact_cues.forecasts(cue_words)
                and not period_is_ahead(period, frame)):
            return KindReading("actual", f"“{cue_words}” … đạt … kế hoạch", "high")  # a result estimated
        return KindReading(cue.kind, f"“{cue_words}”", "high")
    if against_plan:
        return KindReading("actual", "đạt … kế hoạch", "high")  # `thu hút 8,1 triệu lượt khách, đạt 101,3% kế hoạch`
    # the sentences with figures just before this one in its paragraph: a list governed by
    # `phấn đấu` or `sẽ` runs across full stops; a sentence without figures ends the list
    fresh = fact_cues.opens_fresh_statement(masked_words(sentence_start, sentence_start + 80))
    if list_start < sentence_start and not fresh:
        kind = fact_cues.paragraph_kind(masked_words(list_start, sentence_start))
        if kind:
            return KindReading(carried_kind(kind, own_period, frame, list_start, sentence_start),
                               "the figures before it in its paragraph", "medium")
    # a plan governs its whole paragraph: `Phấn đấu … 50% …. Nâng cao …. Có 40% …` (a list of targets)
    line_start = frame.text.rfind("\n", 0, list_start) + 1
    if line_start < list_start and not fresh:
        kind = fact_cues.paragraph_kind(masked_words(line_start, sentence_start), whole_paragraph=True)
        if kind:
            return KindReading(carried_kind(kind, own_period, frame, line_start, sentence_start),
                               "a plan governing its paragraph", "medium")
    # `Cụ thể, …` / `Trong đó, …` spells out the sentence before it, whose kind it keeps
    if continued_kind and fact_cues.continues(masked_words(sentence_start, sentence_start + 30)):
        if kind := continued_kind():
            return KindReading(kind, "the sentence it spells out", "medium")
    if period_is_ahead(period, frame):
        return KindReading("target", "a period still ahead when written", "medium")  # `a) Năm 2018: …` in a 2017 resolution
    heading = frame.heading_kind(mention.start)
    if not heading:
        return KindReading("actual", "no cue: stated as a fact", "low")
    kind = heading
    if kind == "target" and own_period:
        plan = frame.heading_period(mention.start)
        plan_bounds = fact_context.period_bounds(plan) if plan else None
        if period_is_over(own_period, frame) or (plan_bounds and own_period[2] < plan_bounds[0]):
            return KindReading("actual", "its own earlier period under a plan's heading", "medium")  # `Năm 2024, …` under a 2025 plan
    return KindReading(kind, "the heading above it", "medium")


def carried_kind(kind: str, own_period: Period | None, frame: fact_context.Frame, start: int, end: int) -> str:
    """The kind sentences before hand on, unless a plan's sentence hands it to a figure of its own
    earlier period: `Năm 2025, công ty đặt kế hoạch lãi 250 tỷ đồng. Năm 2024, lãi đạt 208 tỷ đồng.`"""
    if kind != "target" or not own_period:
        return kind
    if period_is_over(own_period, frame):
        return "actual"
    starts = [bounds[0] for bounds in map(fact_context.period_bounds, frame.dates_in(start, end)) if bounds]
    return "actual" if starts and own_period[2] < max(starts) else kind


def period_is_ahead(period: Period | None, frame: fact_context.Frame) -> bool:
    """Whether a figure's period starts after the document was written: it cannot be a result."""
    if not period or not frame.document_date:
        return False
    return period[1] > frame.document_date.isoformat()


def period_is_over(period: Period | None, frame: fact_context.Frame) -> bool:
    """Whether a figure's period ended before the document was written."""
    if not period or not frame.document_date:
        return False
    return period[2] < frame.document_date.isoformat()


@dataclass(frozen=True)
class SentenceDates:
    """What of a sentence's dates does not depend on which of its figures asks: the dates that can
    be a period (with their bounds, not a basis's date), and the paragraph's period before it."""

    periods: tuple[tuple[Entity, tuple[str, str]], ...]
    paragraph: Callable[[], Period | None]

    @classmethod
    def of(cls, text: str, start: int, end: int, frame: fact_context.Frame) -> "SentenceDates":
        periods = []
        for entity in frame.dates_in(start, end):
            bounds = fact_context.period_bounds(entity)
            if not bounds:
                continue
            if entity.detail.get("baseline") or layout().compared_date.search(text[max(start, entity.start - COMPARED_WINDOW):entity.start]):
                continue  # `so với năm 2023`, `gấp 1,4 lần năm 2023` is the basis, not the period
            periods.append((entity, bounds))
        return cls(tuple(periods), ReadOnce(lambda: paragraph_period(text, start, frame)))


def paragraph_period(text: str, start: int, frame: fact_context.Frame) -> Period | None:
    """The paragraph's period: the nearest date before the sentence at ``start`` in its line, a
    calendar day (`Chiều 28/9, …`) being when something was said rather than what a figure covers."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    earlier = [e for e in frame.dates_in(paragraph_start, start)
               if fact_context.period_bounds(e) and not e.detail.get("baseline")
               and e.detail.get("granularity") != "day"
               and not layout().compared_date.search(text[max(paragraph_start, e.start - COMPARED_WINDOW):e.start])]
    if earlier:
        bounds = fact_context.period_bounds(earlier[-1])
        return earlier[-1].text, bounds[0], bounds[1]
    return None


def figure_periods(text: str, start: int, end: int, mention: Mention,
                   frame: fact_context.Frame, dates: SentenceDates | None = None) -> tuple[Period | None, Period | None]:
    """The DATE governing a figure (nearest in its sentence, not inside a basis, else its
    heading's), and its own date (in its sentence only, a date after it only right after it),
    read in one pass over the sentence's dates (``dates``: read once for all its figures)."""
    dates = dates or SentenceDates.of(text, start, end, frame)
    candidates = []  # (distance, entity, bounds, whether it can be the figure's own date)
    for entity, bounds in dates.periods:
        if entity.start >= mention.end and layout().attached_date.fullmatch(text[mention.end:entity.start]):
            distance, own = -1, True  # `60% vào năm 2018`: a date right after the figure is its own
        elif entity.end <= mention.start:
            distance, own = mention.start - entity.end, True
        elif CLAUSE_BREAK.search(text[mention.end:entity.start]):
            continue  # a date after the figure governs it only within its clause (and, for the
            # figure's own date, only right after it: `… 84,3 nghìn tỷ đồng từ nguồn thu năm 2024`)
        else:
            distance, own = 2 * (entity.start - mention.end) + 1, False
        candidates.append((distance, entity, bounds, own))
    own_candidates = [c for c in candidates if c[3]]
    own_period = nearest_period(own_candidates) if own_candidates else None
    if candidates:
        return nearest_period(candidates), own_period
    paragraph = dates.paragraph()
    if paragraph:
        return paragraph, own_period
    entity = frame.heading_period(mention.start)
    if entity:
        bounds = fact_context.period_bounds(entity)
        return (entity.text, bounds[0], bounds[1]), own_period
    return frame.document_period(), own_period  # a resolution's or report's year, from its title or its date


def nearest_period(candidates: list[tuple]) -> Period:
    """The period of the nearest candidate date (the first of those equally near)."""
    _, entity, bounds, _ = min(candidates, key=lambda c: c[0])
    return entity.text, bounds[0], bounds[1]


def figure_place(start: int, end: int, mention: Mention, frame: fact_context.Frame) -> tuple[str, str] | None:
    """The place named nearest before the figure in its sentence (a LOC, or the place of an ORG).

    A place reached or left (`xuất khẩu sang Hoa Kỳ`, `nhập từ Trung Quốc`) is where goods go, not
    whose figure it is."""
    best = None
    for entity in frame.places_before(start, mention.start):
        if layout().direction.search(frame.text[max(start, entity.start - 12):entity.start]):
            continue
        found = fact_context.place_of(entity)
        if found:
            best = found
    return best
