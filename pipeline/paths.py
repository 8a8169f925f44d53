"""Where the project's data lives, so that no module hard-codes it.

The rule files stay at the top of the repository (``rules/``), where the people who write
them look for them. A wheel (``pip install .``) has no repository around it, so the build ships
them inside the package as ``pipeline/rules_data`` (``package-dir`` in ``pyproject.toml``):
that copy is used when it is there, the repository's folder otherwise (a checkout or an
editable install).
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
SHIPPED_RULES_DIR = PACKAGE_DIR / "rules_data"


def find_rules_dir() -> Path:
    """The installed copy of ``rules/`` when the package was built as a wheel, else the checkout's."""
    return SHIPPED_RULES_DIR if SHIPPED_RULES_DIR.is_dir() else PROJECT_ROOT / "rules"


RULES_DIR = find_rules_dir()
CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_DB = Path("out") / "extract.db"
GOLD_DIR = PROJECT_ROOT.parent / "shared" / "gold"


@lru_cache(maxsize=1)
def underthesea_dir() -> Path:
    """underthesea's installed folder, found without importing the package: its ``__init__``
    loads every model it has (~0.7 s CPU at each start), and the pipeline reads only two of its
    files (the sentence splitter's module, the syllable dictionary)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("underthesea is not installed")
    return Path(spec.submodule_search_locations[0])
