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
