"""The overlap index that find_atoms uses to skip numbers in words inside numbers in digits must
answer as checking every span would, including spans nested in or touching others."""
import random

from pipeline.numbers.atoms import Overlaps


def overlaps_any(spans, start, end):
    return any(s < end and start < e for s, e in spans)


def test_touching_spans_do_not_overlap():
    index = Overlaps([(0, 3), (10, 12)])
    assert not index.any_with(3, 10)
    assert index.any_with(2, 4)
    assert index.any_with(11, 11 + 5)
    assert not Overlaps([]).any_with(0, 5)


def test_a_long_span_before_short_ones_still_counts():
    index = Overlaps([(0, 50), (5, 6), (20, 21)])
    assert index.any_with(30, 31)


def test_agrees_with_checking_every_span():
    rng = random.Random(7)
    for _ in range(2000):
        spans = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 8)))]
        index = Overlaps(spans)
        for _ in range(10):
            start = rng.randint(0, 45)
            end = start + rng.randint(0, 6)
            assert index.any_with(start, end) == overlaps_any(spans, start, end)
