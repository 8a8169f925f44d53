"""Shared fixtures: a small corpus of our own writing, and where the team's gold set lives."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pipeline.paths import GOLD_DIR

GOLD_DEV = GOLD_DIR / "dev"
SCRIPTS_DIR = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str) -> ModuleType:
    """A script of ``scripts/`` as a module (scripts are not a package: they run from a checkout)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module

SAMPLE_TEXTS = {
    "ngan-sach.txt": (
        "Báo cáo tình hình thu ngân sách quý I/2024\n"
        "Tổng thu ngân sách nhà nước trên địa bàn tỉnh ước đạt 4.250 tỷ đồng, bằng 28,5% dự toán "
        "HĐND tỉnh giao, tăng 12% so với cùng kỳ năm 2023.\n"
        "Kim ngạch xuất khẩu đạt khoảng 1,2 tỷ USD; toàn tỉnh giải quyết việc làm cho 3.500 lao động.\n"
    ),
    "tin/doanh-nghiep.md": (
        "# Giá cà phê tăng mạnh\n\n"
        "Giá cà phê nhân xô hôm nay dao động từ 98.000 đến 101.000 đồng/kg, cao hơn 5% so với tuần trước.\n"
    ),
}


@pytest.fixture
def sample_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for name, text in SAMPLE_TEXTS.items():
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return corpus


@pytest.fixture(scope="session")
def extracted_gold(tmp_path_factory):
    """``extracted_gold("dev")`` → (database, run report) of that gold set, extracted once a session
    and shared by every test that reads it (test_gold_dev's scores, test_layout_unchanged's rows);
    skips when the team's gold set is absent."""
    from pipeline import run

    built: dict[str, tuple[Path, object]] = {}

    def extract(name: str):
        if name not in built:
            gold = GOLD_DIR / name
            if not (gold / "docs").is_dir():
                pytest.skip(f"the team's gold set is not present at {gold}")
            db = tmp_path_factory.mktemp("gold") / f"{name}.db"
            built[name] = (db, run.extract_corpus(gold / "docs", db))
        return built[name]

    return extract


@pytest.fixture
def gold_dev() -> Path:
    if not (GOLD_DEV / "gold.jsonl").exists():
        pytest.skip(f"the team's gold set is not present at {GOLD_DEV}")
    return GOLD_DEV
