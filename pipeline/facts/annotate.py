"""Facts: what each figure measures, whether it is a target or a result, and where and when.

In: a document, its sentences, the number mentions and the entities. Out: the same mentions
with ``indicator``/``indicator_key`` (``indicators``), ``kind``/``change``/``basis``
(``fact_cues``), and ``period_*``/``place*`` (``fact_context``) filled in, so that a researcher
can put "what Quảng Ninh planned for state budget revenue in 2023" beside "what it reached"
(the ``plan_vs_actual`` view, ``pipeline/plan_vs_actual.py``).

Figures are read sentence by sentence (``fact_sentence``), in document order, so that what a
paragraph or a list's lead-in line names (``… mức học phí như sau:``) carries to the figures after it.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools

from . import document_frame, context as fact_context, cues as fact_cues, sentence as fact_sentence, indicators
from .read_once import ReadOnce
from ..records import Document, DocumentFrame, Entity, Mention, Sentence, amended
from ..text_norm import modern_tone_placement


def annotate(document: Document, sentences: list[Sentence], mentions: list[Mention],
             entities: list[Entity], about: DocumentFrame | None = None,
             frame: fact_context.Frame | None = None) -> list[Mention]:
    """Fill the fact fields of every mention (new records; the input is not changed), each read
    against the document's own frame (``about``; read here when not given). ``frame``: the
    document's lines and headings, when the caller has already built them for ``about``."""
    fact_cues.clear_caches()  # the caches serve one document's sentences and paragraphs, read once per figure
    text = document.text
    sentences = joined_at_word_dots(text, sentences)
    frame = frame or fact_context.Frame(document, mentions, entities)
    if about is None:
        about = document_frame.read(document, mentions, entities, frame)
    frame.read_against(about)
    main_place = (about.place, about.place_normalized) if about.place_normalized else frame.main_place()
    starts = [s.start for s in sentences]
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        i = bisect.bisect_right(starts, mention.start) - 1
        by_sentence.setdefault(i, []).append(mention)
    annotated: dict[int, Mention] = {}
    masked = list(text)  # figures and their bases blanked as they are read
    for entity in entities:  # names hold cue words that govern nothing: `Bộ Kế hoạch và Đầu tư`, `Kế hoạch số 12`
        if entity.type in ("ORG", "DOC"):
            masked[entity.start:entity.end] = " " * (entity.end - entity.start)
    last_kind: str | None = None  # of the last money or percent figure read that states the fact
    # (not a baseline or a comparison: a `Trong đó, …` sentence spells out the fact, not its baseline)
    carried: tuple[int, str | None] = (-1, None)  # (line start, last indicator) of the paragraph
    for i in sorted(by_sentence):
        group = sorted(by_sentence[i], key=lambda m: m.start)
        sentence = sentences[i] if 0 <= i < len(sentences) and mention_in(sentences[i], group[0]) else None
        sentence_start = sentence.start if sentence else text.rfind("\n", 0, group[0].start) + 1
        sentence_end = sentence.end if sentence else _line_end(text, group[-1].end)
        line_start = text.rfind("\n", 0, sentence_start) + 1
        paragraph_indicator = carried[1] if carried[0] == line_start else None
        lead_in_measure = None
        if paragraph_indicator is None:  # an item of a list under `… mức học phí như sau:`
            lead_in = frame.lead_in(sentence_start)
            lead_in_measure = paragraph_indicator = indicators.measure_in(lead_in) if lead_in else None
        list_start = list_run_start(sentences, by_sentence, i, line_start, sentence_start)
        continued_kind = None
        if sentence and i > 0:  # read only for a `Cụ thể, …` sentence (the previous sentence's
            # characters are not blanked again while this one is read, so reading it later is the same)
            continued_kind = ReadOnce(functools.partial(
                kind_continued, sentences[i - 1], masked, last_kind if (i - 1) in by_sentence else None))
        context = fact_sentence.SentenceContext(
            text=text, start=sentence_start, end=sentence_end, frame=frame, main_place=main_place,
            carried_indicator=paragraph_indicator, lead_in_measure=lead_in_measure, list_start=list_start, continued_kind=continued_kind,
            masked=masked)
        results = fact_sentence.read_sentence(context, group)
        for mention, facts in zip(group, results):
            annotated[id(mention)] = with_facts(mention, unset_facts(mention, facts))
        measured = [r["indicator"] for m, r in zip(group, results) if m.type != "quantity"]
        kinds = [r["kind"] for m, r in zip(group, results) if m.type != "quantity"]
        stated = [k for k in kinds if k != "other"]
        last_kind = stated[-1] if stated else (None if kinds else last_kind)
        carried = (line_start, measured[-1]) if measured else carried
    return [annotated[id(m)] if id(m) in annotated else in_modern_spelling(m) for m in mentions]


def with_facts(mention: Mention, facts: dict) -> Mention:
    """``mention`` with ``facts`` set and its indicator in the modern tone-mark style: one new
    record, not one for the facts and another for the spelling (``in_modern_spelling``)."""
    indicator = facts.get("indicator", mention.indicator)
    if indicator is not None:
        facts = {**facts, "indicator": modern_label(indicator)}
    return amended(mention, **facts)


def in_modern_spelling(mention: Mention) -> Mention:
    """The indicator is a label, not a span of the text: one tone-mark style (``thủy sản``, never
    also ``thuỷ sản``), so a facet or a search on it does not split by how the text was typed."""
    if mention.indicator is None:
        return mention
    return amended(mention, indicator=modern_label(mention.indicator))


# a document's figures share a few labels, and the corpus's documents share most of them
modern_label = functools.lru_cache(maxsize=8192)(modern_tone_placement)


def unset_facts(mention: Mention, facts: dict) -> dict:
    """The facts read here that an earlier stage left unset: a table cell's row, column and caption
    (``tables``) say what it measures and whether it is a plan, better than its words around it."""
    if mention.indicator is None and mention.kind is None and mention.place is None and mention.period_text is None:
        return facts
    given = mention.indicator is not None
    return {name: value for name, value in facts.items()
            if getattr(mention, name) is None and not (given and name == "indicator_key")}


def joined_at_word_dots(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """Sentences with a break inside a word (``Kitco.|com``, ``TP.|HCM``) joined again: a dot with a
    letter right after it ends no sentence, and the figure after it still has its subject before."""
    joined: list[Sentence] = []
    for sentence in sentences:
        s = sentence.start
        if (joined and s == joined[-1].end and 0 < s < len(text) and text[s - 1] == "."
                and text[s].isalnum() and s >= 2 and text[s - 2].isalnum()):
            last = joined[-1]
            joined[-1] = dataclasses.replace(last, end=sentence.end, text=text[last.start:sentence.end])
            continue
        joined.append(sentence)
    return joined


def list_run_start(sentences: list[Sentence], by_sentence: dict[int, list[Mention]], i: int, line_start: int,
                   sentence_start: int) -> int:
    """Where the run of figure-bearing sentences that sentence ``i`` closes begins, within its line."""
    list_start = sentence_start
    j = i - 1
    while j >= 0 and j in by_sentence and sentences[j].start >= line_start:
        list_start = sentences[j].start
        j -= 1
    return list_start


def kind_continued(previous: Sentence, masked: list[str], previous_figures_kind: str | None) -> str | None:
    """What a `Cụ thể, …` sentence continues: the cue of the sentence before it, else its figures' kind."""
    words = fact_cues.without_brackets("".join(masked[previous.start:previous.end]))
    return fact_cues.nearest_cue_kind(words) or previous_figures_kind


def mention_in(sentence: Sentence, mention: Mention) -> bool:
    return sentence.start <= mention.start < sentence.end


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end < 0 else end
