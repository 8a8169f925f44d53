"""The records' own helpers: ``amended`` must be ``dataclasses.replace`` in all but its cost."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline.records import Entity, Mention, Sentence, amended

MENTION = Mention(start=10, end=24, text="54.000 tỷ đồng", type="money", value=5.4e13, unit="VND",
                  rule="number:digits+scale+currency", sentence_index=None)
ENTITY = Entity(start=0, end=13, text="tỉnh Bắc Ninh", type="LOC", normalized="Bắc Ninh",
                detail={"level": "tỉnh"}, rule="place.admin")


@pytest.mark.parametrize("record, changes", [
    (MENTION, {"sentence_index": 3}),
    (MENTION, {"start": 110, "end": 124, "kind": "actual"}),
    (ENTITY, {"sentence_index": 0}),
    (ENTITY, {"start": 5, "end": 18}),
    (Sentence(index=2, start=30, end=60, text="x" * 30), {"index": 7}),
])
def test_amended_is_replace(record, changes):
    new = amended(record, **changes)
    assert new == dataclasses.replace(record, **changes)
    assert type(new) is type(record) and new is not record
    assert record == dataclasses.replace(new, **{name: getattr(record, name) for name in changes})  # the original untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        new.start = 0


def test_amended_refuses_a_field_the_record_has_not():
    with pytest.raises(TypeError, match="sentence"):
        amended(MENTION, sentence=3)
