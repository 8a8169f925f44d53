"""Entities shown the way spaCy tools show them: a ``Doc`` with ``doc.ents``, displaCy's HTML.

For the browser and for tools that speak spaCy; the pipeline itself never needs it, so spaCy (slow
to load) is imported inside the functions.
"""
from __future__ import annotations

import regex

from ..records import Entity

WORD_OR_MARK = regex.compile(r"(?:\w\.){2,}|\p{Lu}\.(?!\w)|\w+(?:[.'’/-]\w+)*|[^\w\s]")  # initials keep their dots


def to_spacy_doc(document_text: str, entities: list[Entity]):
    """A spaCy ``Doc`` of the text (cheap regex words, no segmenter) with the entities as
    ``doc.ents``, for tools that speak spaCy; spans keep the stored offsets (expanded to whole
    words where an entity ends inside one)."""
    import spacy
    from spacy.tokens import Doc

    words, spaces = [], []
    matches = list(WORD_OR_MARK.finditer(document_text))
    for index, match in enumerate(matches):
        words.append(match.group())
        following = matches[index + 1].start() if index + 1 < len(matches) else len(document_text)
        spaces.append(match.end() < following and document_text[match.end()] == " "
                      and following == match.end() + 1)
    doc = Doc(spacy.blank("xx").vocab, words=words, spaces=spaces)
    spans = []
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        span = doc.char_span(*char_range_in_doc(doc, document_text, entity), label=entity.type,
                             alignment_mode="expand")
        if span is not None and all(span.start >= s.end or span.end <= s.start for s in spans):
            spans.append(span)
    doc.ents = spans
    return doc


def char_range_in_doc(doc, document_text: str, entity: Entity) -> tuple[int, int]:
    """Document offsets → offsets in ``doc.text``: the Doc drops runs of whitespace it cannot hold."""
    mapping, position = [], 0
    for token in doc:
        found = document_text.index(token.text, position)
        mapping.append((found, token.idx))
        position = found + len(token.text)
    start = next((d + (entity.start - o) for o, d in reversed(mapping) if o <= entity.start), 0)
    end = next((d + (entity.end - o) for o, d in reversed(mapping) if o < entity.end), start)
    return start, end


def render_html(document_text: str, entities: list[Entity], title: str | None = None) -> str:
    """The text with its entities highlighted, as displaCy draws them (for the browser)."""
    from spacy import displacy

    spans = [{"start": e.start, "end": e.end, "label": e.type}
             for e in sorted(entities, key=lambda e: (e.start, -e.end))]
    doc = {"text": document_text, "ents": spans, "title": title}
    colors = {"PER": "#f4c7c3", "ORG": "#c9daf8", "LOC": "#d9ead3", "DOC": "#fff2cc", "DATE": "#e6d0f0"}
    return displacy.render(doc, style="ent", manual=True, page=False, options={"colors": colors})
