"""Loading the rule files in ``rules/``: the language as data.

Each rule file is YAML: the data a stage needs (word lists, patterns, gazetteer entries) and an
``examples`` section of positive and negative cases, Duckling-style, that the tests run through
the stage that reads the file. Code says how; these files say what.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any

import yaml

from .paths import RULES_DIR

# libyaml's C loader parses the rule files about ten times faster than the pure-Python one;
# both are safe loaders, so the result is the same.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed rule file ``rules/<name>.yml`` (cached: files are read once a process)."""
    path = RULES_DIR / f"{name}.yml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=SAFE_LOADER)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def examples(name: str) -> list[dict[str, Any]]:
    """The ``examples`` section of a rule file, for parametrized tests."""
    return list(load(name).get("examples") or [])


@lru_cache(maxsize=None)
def table(relative_path: str) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated table in ``rules/`` (e.g. ``gazetteer/province_centres.tsv``)."""
    with open(RULES_DIR / relative_path, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))
