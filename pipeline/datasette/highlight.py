"""A document's text as HTML with every extracted span marked, nested where spans nest.

Spans come from two tables that do not coordinate: an entity may contain a mention
(``dự toán 54.000 tỷ đồng năm 2024``), two may share a range, and in principle two may cross.
HTML elements must nest, so a span that crosses the end of an enclosing one is closed there and
reopened after it as a continuation: the text between the tags is always the document's own
characters, in order, so offsets are never shifted or lost.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One highlighted range: ``anchor`` becomes the element id (``m12``, ``e7``)."""

    start: int
    end: int
    anchor: str
    group: str  # mention | entity
    label: str  # money, percent, quantity, PER, ORG, LOC, DOC, DATE
    title: str = ""


def open_tag(span: Span, first: bool, last: bool) -> str:
    """The first piece of a span carries its id, the last its visible label (drawn after it)."""
    classes = f"vnf-span vnf-{span.group} vnf-{span.label.lower()}" + ("" if first else " vnf-continued")
    attributes = [f'class="{escape(classes)}"', f'title="{escape(span.title)}"',
                  f'data-start="{span.start}"', f'data-end="{span.end}"']
    if first:
        attributes.insert(0, f'id="{escape(span.anchor)}"')
    if last:
        attributes.append(f'data-label="{escape(span.label)}"')
    return f"<mark {' '.join(attributes)}>"


def usable(spans: list[Span], length: int) -> list[Span]:
    """Spans that lie inside the text and are not empty, outer before inner."""
    kept = [s for s in spans if 0 <= s.start < s.end <= length]
    return sorted(kept, key=lambda s: (s.start, -s.end, s.group != "entity", s.anchor))


def mark_up(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, with a ``<mark>`` around each span; stripping the tags gives ``text``."""
    spans = usable(spans, len(text))
    starting: dict[int, list[Span]] = {}
    for span in spans:
        starting.setdefault(span.start, []).append(span)
    boundaries = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    pieces: list[str | tuple[Span, int]] = []  # text and closing tags, or (span, fragment number)
    fragments: dict[int, int] = {}  # id(span) → how many pieces it was cut into
    stack: list[Span] = []

    def open_piece(span: Span) -> None:
        pieces.append((span, fragments.get(id(span), 0)))
        fragments[id(span)] = fragments.get(id(span), 0) + 1
        stack.append(span)

    for position, following in zip(boundaries, boundaries[1:] + [None]):
        ending = [i for i, span in enumerate(stack) if span.end == position]
        if ending:
            lowest = ending[0]
            reopen = [span for span in stack[lowest:] if span.end != position]
            pieces.append("</mark>" * (len(stack) - lowest))
            del stack[lowest:]
            for span in reopen:
                open_piece(span)
        for span in starting.get(position, []):
            open_piece(span)
        if following is not None:
            pieces.append(str(escape(text[position:following])))
    pieces.append("</mark>" * len(stack))
    html = (piece if isinstance(piece, str)
            else open_tag(piece[0], first=piece[1] == 0, last=piece[1] == fragments[id(piece[0])] - 1)
            for piece in pieces)
    return Markup("".join(html))
