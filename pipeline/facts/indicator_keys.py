"""Indicator keys: the catalog of standard indicators a figure's phrase is keyed to.

In: an indicator phrase with its abbreviations expanded and lower-cased (``indicators`` does
that), the figure's type and change. Out: a stable English key (``grdp_growth``), or None when the
catalog knows no such indicator, so that a target in a resolution (``Tốc độ tăng trưởng tổng sản
phẩm trên địa bàn (GRDP) từ 8% trở lên``) and a result in a report (``GRDP tăng 8,2%``) meet on one
key. The catalog, ``rules/facts/indicator_keys.yml``, also gives every key its Vietnamese label, the
basis of its unit and whether lower is better, which ``store`` writes to the ``indicators`` table
for the ``plan_vs_actual`` view to judge a result against its target.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import literal_gate
from .. import rules
from .cues import WORD, alternatives

# the mention types a figure of each unit basis can have: an amount's percentage is its change or
# its share of plan, a quantity its volume (xuất khẩu gạo 973 nghìn tấn); a count's percentage is
# the share of things counted
UNIT_TYPES: dict[str, frozenset[str]] = {
    "growth_rate": frozenset({"percent"}),
    "share": frozenset({"percent"}),
    "rate": frozenset({"percent"}),
    "amount": frozenset({"money", "percent", "quantity"}),
    "price": frozenset({"money", "percent"}),
    "count": frozenset({"quantity", "percent"}),
    "per_10000": frozenset({"quantity"}),
    "years": frozenset({"quantity"}),
}
CHANGES = ("increase", "decrease")


@dataclass(frozen=True)
class IndicatorEntry:
    key: str
    label: str
    unit: str
    lower_is_better: bool | None  # None: neither way is better (a structure's shares, a market price)
    patterns: tuple[regex.Pattern, ...]
    by_place: bool = True  # a place's figure, not a company's or a product's: may pair across documents
    percent_key: str | None = None
    change_key: str | None = None
    count_key: str | None = None


@dataclass(frozen=True)
class Catalog:
    entries: tuple[IndicatorEntry, ...]  # in lookup order
    by_key: dict[str, IndicatorEntry]
    # the entries' patterns by their place in ``entries``, to find in one scan which may match a phrase
    gates: literal_gate.Gates

    def may_match(self, phrase: str) -> list[IndicatorEntry]:
        """The entries, in lookup order, whose pattern may match in ``phrase``: all but those none of
        whose first words stands at a word start of it (``literal_gate``)."""
        folded = literal_gate.folded(phrase)
        if folded is None:
            return list(self.entries)
        starts = self.gates.starts(folded)
        return [entry for i, entry in enumerate(self.entries)
                if entry.patterns and (i in self.gates.scanned or starts[i])]


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    entries = tuple(entry_from(item) for item in rules.load("facts/indicator_keys")["indicators"])
    gates = literal_gate.Gates({i: entry.patterns[0] for i, entry in enumerate(entries) if entry.patterns})
    return Catalog(entries=entries, by_key={entry.key: entry for entry in entries}, gates=gates)


def entry_from(item: dict) -> IndicatorEntry:
    patterns = item.get("patterns") or []
    return IndicatorEntry(
        key=item["key"], label=item["label"], unit=item["unit"], lower_is_better=item["lower_is_better"],
        # one alternation a key, on word boundaries; an entry reached only as a variant has none
        patterns=(regex.compile(WORD.format(alternatives(patterns)), regex.IGNORECASE),) if patterns else (),
        by_place=bool(item.get("by_place", True)),
        percent_key=item.get("percent_key"), change_key=item.get("change_key"), count_key=item.get("count_key"),
    )


def entries() -> tuple[IndicatorEntry, ...]:
    return catalog().entries


@lru_cache(maxsize=8192)
def key_for(expanded: str, mention_type: str | None = None, change: str | None = None) -> str | None:
    """The key of the first entry whose pattern is in ``expanded`` and whose unit fits the figure's type."""
    for entry in catalog().may_match(expanded):
        if entry.patterns[0].search(expanded):
            key = variant(entry, mention_type, change)
            if fits(key, mention_type):
                return key
    return None


def variant(entry: IndicatorEntry, mention_type: str | None, change: str | None) -> str:
    """The entry's key for this figure: a percentage of GRDP is its growth, a sector's rise its growth
    (its level its share), a count of poor households their number."""
    if mention_type == "percent":
        if entry.change_key and change in CHANGES:
            return entry.change_key
        if entry.percent_key:
            return entry.percent_key
    if mention_type == "quantity" and entry.count_key:
        return entry.count_key
    return entry.key


def fits(key: str | None, mention_type: str | None) -> bool:
    """Whether a figure of this type can measure the key (unknown type: any)."""
    if key is None:
        return False
    entry = catalog().by_key.get(key)
    return entry is not None and (mention_type is None or mention_type in UNIT_TYPES[entry.unit])


def rows() -> list[dict]:
    """The catalog as rows of the ``indicators`` table (key, label, unit_basis, lower_is_better,
    by_place), read off the rule file alone: every run writes this table, and a run with nothing
    to extract must not compile the catalog's patterns to do it (a fifth of such a run)."""
    return [{"key": item["key"], "label": item["label"], "unit_basis": item["unit"],
             "lower_is_better": None if item["lower_is_better"] is None else int(item["lower_is_better"]),
             "by_place": int(item.get("by_place", True))}
            for item in rules.load("facts/indicator_keys")["indicators"]]
