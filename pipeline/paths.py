"""Where the project's data lives, so that no module hard-codes it."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = PROJECT_ROOT / "rules"
CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_DB = Path("out") / "extract.db"
GOLD_DIR = PROJECT_ROOT.parent / "shared" / "gold"
