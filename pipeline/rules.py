"""Loading the rule files in ``rules/``: the language as data.

Each rule file is YAML: the data a stage needs (word lists, patterns, gazetteer entries) and an
``examples`` section of positive and negative cases, Duckling-style, that the tests run through
the stage that reads the file. Code says how; these files say what.
"""
from __future__ import annotations

import csv
import hashlib
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .paths import RULES_DIR

# libyaml's C loader parses the rule files about ten times faster than the pure-Python one;
# both are safe loaders, so the result is the same.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What a parsed file depends on besides its bytes: the YAML library and this Python's marshal.
PARSER_KEY = f"{yaml.__version__} {SAFE_LOADER.__name__} {sys.version_info[:2]} {marshal.version}".encode()


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The parsed rule file ``rules/<name>.yml`` (cached: files are read once a process)."""
    path = RULES_DIR / f"{name}.yml"
    data = parsed(path, cache_dir())
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def cache_dir() -> Path | None:
    """Where parsed rule files are kept between processes (``VN_FACTS_CACHE``, else the user's
    cache folder); ``VN_FACTS_CACHE=""`` keeps none."""
    chosen = os.environ.get("VN_FACTS_CACHE")
    if chosen is not None:
        return Path(chosen) / "rules" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vn-facts" / "rules"


def parsed(path: Path, cache: Path | None) -> Any:
    """The YAML in ``path``, kept in ``cache`` under a digest of its bytes (and of the parser):
    YAML costs every process ~0.2 s CPU to parse the rules, the kept copy (``marshal``) a few
    milliseconds. A changed file has another digest, so a kept copy is never stale; a copy that
    cannot be read or written is no error, the file is parsed."""
    raw = path.read_bytes()
    kept = None
    if cache is not None:
        digest = hashlib.sha256(PARSER_KEY + b"\0" + raw).hexdigest()[:32]
        kept = cache / f"{path.stem}-{digest}.marshal"
        try:
            return marshal.loads(kept.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)
    if kept is not None:
        keep(kept, data)
    return data


def keep(kept: Path, data: Any) -> None:
    """Write ``data`` to ``kept`` whole or not at all (a temporary file renamed), if marshal can
    (YAML's dates, for one, it cannot: that file is parsed each time)."""
    try:
        blob = marshal.dumps(data)
        kept.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".tmp", delete=False) as handle:
            handle.write(blob)
    except (OSError, ValueError):
        return
    try:
        os.replace(handle.name, kept)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)


def examples(name: str) -> list[dict[str, Any]]:
    """The ``examples`` section of a rule file, for parametrized tests."""
    return list(load(name).get("examples") or [])


@lru_cache(maxsize=None)
def table(relative_path: str) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated table in ``rules/`` (e.g. ``gazetteer/province_centres.tsv``)."""
    with open(RULES_DIR / relative_path, encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))
