"""One check for the ``examples:`` of every entity rule file (dates, legal documents …)."""
from __future__ import annotations

import json

from pipeline.records import Entity


def assert_entities_match_example(text: str, found: list[Entity], expected: list[dict], entity_type: str,
                                  detail_keys: tuple[str, ...]) -> None:
    """Same spans in order; offsets rejoin the text; ``normalized`` and the named detail agree."""
    assert [e.text for e in found] == [x["text"] for x in expected]
    for entity, wanted in zip(found, expected):
        assert text[entity.start:entity.end] == entity.text
        assert entity.type == entity_type
        if "normalized" in wanted:
            assert entity.normalized == wanted["normalized"], entity
        for key in detail_keys:
            if key in wanted:
                assert entity.detail.get(key) == wanted[key], (key, entity.detail)
        json.dumps(entity.detail)


def assert_spans_rejoin(text: str, found: list[Entity]) -> None:
    """Offsets give back each span's text, spans do not overlap, details are plain JSON."""
    previous_end = 0
    for entity in found:
        assert text[entity.start:entity.end] == entity.text and entity.start >= previous_end
        previous_end = entity.end
        json.dumps(entity.detail)
