"""plan_vs_actual: a plan's targets beside the results reported for them, read back from the view.

Three pairs, each run through the real ``extract`` command into a temporary SQLite file and read
back as a researcher would in Datasette: the sample corpus's Ninh Bình resolution and UBND report;
a provincial HĐND resolution's numbered targets beside a year-end news report; and a national
plan beside a statistics office release. The texts are our own, in the forms real ones take.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import main as cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RESOLUTION = "nghi-quyet-chi-tieu-kt-xh-2024.txt"
REPORT = "bao-cao-kt-xh-nam-2024.txt"

# indicator_key → (type, change, target value, result value) as the two sample texts state them
EXPECTED = {
    "grdp_growth": ("percent", "increase", 8.5, 8.72),
    "state_budget_revenue": ("money", "level", 21_500e9, 22_340e9),
    "fdi_registered_capital": ("money", "level", 350e6, 386.5e6),
    "export_turnover": ("money", "level", 2.9e9, 3.05e9),
    "forest_cover": ("percent", "level", 19.3, 19.3),
    "poverty_rate": ("percent", "decrease", 0.5, 0.62),
    "health_insurance_coverage": ("percent", "level", 94.0, 94.6),
    "new_jobs": ("quantity", "level", 22_000, 22_680),
}


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> sqlite_utils.Database:
    if not (CORPUS / RESOLUTION).exists() or not (CORPUS / REPORT).exists():
        pytest.skip("sample resolution and report not in corpus/")
    root = tmp_path_factory.mktemp("plan_vs_actual")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    db_path = root / "extract.db"
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    return sqlite_utils.Database(db_path)


def pairs(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("select * from plan_vs_actual"))


def test_view_exists(database):
    assert "plan_vs_actual" in database.view_names()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_target_beside_result(database, key):
    kind, change, target, actual = EXPECTED[key]
    rows = [r for r in pairs(database) if r["indicator_key"] == key and r["type"] == kind and r["change"] == change]
    assert rows, f"no pair for {key}"
    row = next((r for r in rows if r["target_value"] == pytest.approx(target) and
                r["actual_value"] == pytest.approx(actual)), None)
    assert row is not None, f"{key}: {[(r['target_value'], r['actual_value']) for r in rows]}"
    assert row["ratio"] == pytest.approx(actual / target, rel=1e-3)
    # the target comes from the resolution, the result from the report, both for Ninh Bình in 2024
    assert row["target_path"] == RESOLUTION and row["actual_path"] == REPORT
    assert row["place"] == "Ninh Bình"
    assert (row["period_start"], row["period_end"]) == ("2024-01-01", "2024-12-31")


def test_rows_link_back_to_their_sentences(database):
    assert_rows_link_back(database)


def assert_rows_link_back(database: sqlite_utils.Database) -> None:
    assert pairs(database)
    for row in pairs(database):
        target = database["sentences"].get(row["target_sentence_id"])
        actual = database["sentences"].get(row["actual_sentence_id"])
        assert row["target_text"] in target["text"] and row["actual_text"] in actual["text"]
        assert target["document_id"] == row["target_document_id"]
        assert actual["document_id"] == row["actual_document_id"]


def test_ratios_are_sensible(database):
    """Results of a plan year land near their targets (no cross-pairing of different indicators,
    such as two grades of new-style rural communes); nothing pairs a growth rate with a level."""
    rows = pairs(database)
    assert len({r["indicator_key"] for r in rows}) >= len(EXPECTED)
    for row in rows:
        assert 0.5 <= row["ratio"] <= 2.0, row
        assert row["indicator_key"] != "grdp_growth" or row["change"] == "increase"


def test_a_plain_level_is_never_paired_with_a_share_of_plan(database):
    # `đạt 103,9% dự toán` is a percent of the plan, not a second state budget figure
    for row in pairs(database):
        if row["indicator_key"] == "state_budget_revenue":
            assert row["type"] == "money"


# --- a province: an HĐND resolution's numbered targets, a year-end news report ----------------

PROVINCE_PLAN = """HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 77/NQ-HĐND
Hà Tĩnh, ngày 10 tháng 12 năm 2024
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2025
HỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH
QUYẾT NGHỊ:
Điều 1. Các chỉ tiêu chủ yếu năm 2025 của tỉnh Hà Tĩnh
1. Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) từ 8% trở lên.
2. GRDP bình quân đầu người đạt 95 triệu đồng.
3. Cơ cấu kinh tế: nông, lâm nghiệp và thủy sản 14,5%; công nghiệp - xây dựng 41%; dịch vụ 38,5%.
4. Tổng thu ngân sách nhà nước trên địa bàn 25.000 tỷ đồng, trong đó thu nội địa 9.000 tỷ đồng.
5. Tổng vốn đầu tư toàn xã hội 60.000 tỷ đồng.
6. Kim ngạch xuất khẩu đạt 1,6 tỷ USD.
7. Chỉ số giá tiêu dùng (CPI) tăng dưới 4%.
8. Tỷ lệ hộ nghèo giảm còn dưới 1,5%.
9. Tỷ lệ lao động qua đào tạo đạt 72%.
10. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,5%.
11. Số bác sĩ/vạn dân đạt 13 bác sĩ; số giường bệnh/vạn dân đạt 36 giường.
12. Tỷ lệ thất nghiệp khu vực thành thị dưới 3%.
13. Tỷ lệ đô thị hóa đạt 27%.
14. Tỷ lệ che phủ rừng đạt 52%.
15. Tốc độ tăng trưởng khu vực dịch vụ 6,5 - 7%.
"""

PROVINCE_REPORT = """Hà Tĩnh: Kinh tế năm 2025 tăng trưởng 8,2%
Sáu tháng đầu năm 2025, tổng sản phẩm trên địa bàn tỉnh Hà Tĩnh tăng 7,1% so với cùng kỳ.
Năm 2025, tổng sản phẩm trên địa bàn tỉnh Hà Tĩnh (GRDP) tăng 8,2% so với năm 2024. Trong đó, khu vực nông, lâm nghiệp và thủy sản tăng 3,1%; khu vực công nghiệp - xây dựng tăng 12,4%; khu vực dịch vụ tăng 6,8%.
Cơ cấu kinh tế năm 2025: khu vực nông, lâm nghiệp và thủy sản chiếm 14,2%; khu vực công nghiệp - xây dựng chiếm 41,8%; khu vực dịch vụ chiếm 38,3%.
GRDP bình quân đầu người năm 2025 đạt 96,5 triệu đồng.
Tổng thu ngân sách nhà nước trên địa bàn năm 2025 ước đạt 26.100 tỷ đồng, bằng 104,4% dự toán, trong đó thu nội địa đạt 9.450 tỷ đồng.
Tổng vốn đầu tư toàn xã hội năm 2025 đạt 58.200 tỷ đồng.
Kim ngạch xuất khẩu năm 2025 đạt 1,72 tỷ USD.
Chỉ số giá tiêu dùng (CPI) bình quân năm 2025 tăng 3,4%.
Đến cuối năm 2025, tỷ lệ hộ nghèo của tỉnh còn 1,3%; tỷ lệ lao động qua đào tạo đạt 72,5%; tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,1%.
Năm 2025, tỉnh có 13,5 bác sĩ/vạn dân và 35 giường bệnh/vạn dân.
Tỷ lệ thất nghiệp khu vực thành thị năm 2025 là 2,8%. Tỷ lệ đô thị hóa năm 2025 đạt 27,4%. Tỷ lệ che phủ rừng năm 2025 đạt 52%.
"""

# indicator_key → (target, target's high end, qualifier, result, met) as the two texts state them
PROVINCE_PAIRS = {
    "grdp_growth": (8.0, None, "at_least", 8.2, "yes"),
    "grdp_per_capita": (95e6, None, None, 96.5e6, "yes"),
    "agriculture_share": (14.5, None, None, 14.2, "unknown"),  # a structure's share: no better direction
    "industry_construction_share": (41.0, None, None, 41.8, "unknown"),
    "services_share": (38.5, None, None, 38.3, "unknown"),
    "services_growth": (6.5, 7.0, None, 6.8, "yes"),  # inside the range
    "state_budget_revenue": (25_000e9, None, None, 26_100e9, "yes"),
    "domestic_revenue": (9_000e9, None, None, 9_450e9, "yes"),
    "social_investment": (60_000e9, None, None, 58_200e9, "no"),
    "export_turnover": (1.6e9, None, None, 1.72e9, "yes"),
    "cpi": (4.0, None, "under", 3.4, "yes"),
    "poverty_rate": (1.5, None, "under", 1.3, "yes"),  # the rate at the year's end, against the year's target
    "trained_labour_rate": (72.0, None, None, 72.5, "yes"),
    "health_insurance_coverage": (95.5, None, None, 95.1, "no"),
    "doctors_per_10000": (13.0, None, None, 13.5, "yes"),
    "hospital_beds_per_10000": (36.0, None, None, 35.0, "no"),
    "unemployment_rate": (3.0, None, "under", 2.8, "yes"),
    "urbanisation_rate": (27.0, None, None, 27.4, "yes"),
    "forest_cover": (52.0, None, None, 52.0, "yes"),
}

# --- the country: a national plan, a statistics office release -------------------------------

NATIONAL_PLAN = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghị quyết số 150/2025/QH15
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2026
QUỐC HỘI
QUYẾT NGHỊ:
Điều 1. Các chỉ tiêu chủ yếu của cả nước năm 2026
1. Tốc độ tăng tổng sản phẩm trong nước (GDP) khoảng 7,5 - 8%.
2. GDP bình quân đầu người đạt 5.300 USD.
3. Tốc độ tăng chỉ số giá tiêu dùng (CPI) bình quân khoảng 4,5%.
4. Tốc độ tăng năng suất lao động xã hội bình quân khoảng 6%.
5. Tỷ lệ lao động qua đào tạo đạt khoảng 71%.
6. Tỷ lệ thất nghiệp ở khu vực thành thị dưới 4%.
7. Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm khoảng 1 điểm phần trăm.
8. Số bác sĩ/vạn dân đạt 15 bác sĩ.
9. Tỷ lệ tham gia bảo hiểm y tế đạt 95,5% dân số.
10. Tỷ lệ xã đạt chuẩn nông thôn mới đạt 82%.
"""

# (the release names the country in its title: a text that names no place gives its figures none)
NATIONAL_RELEASE = """Kinh tế - xã hội Việt Nam năm 2026
Theo Cục Thống kê, tổng sản phẩm trong nước (GDP) năm 2026 ước tính tăng 7,8% so với năm trước. GDP bình quân đầu người năm 2026 ước đạt 5.350 USD.
Chỉ số giá tiêu dùng (CPI) bình quân năm 2026 tăng 3,9% so với năm trước.
Năng suất lao động của toàn nền kinh tế năm 2026 tăng 5,7% so với năm trước.
Tỷ lệ lao động qua đào tạo năm 2026 ước đạt 70,5%.
Tỷ lệ thất nghiệp của lao động trong độ tuổi ở khu vực thành thị năm 2026 là 2,4%.
Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2026 giảm 1,1 điểm phần trăm so với năm trước.
Năm 2026, cả nước có 15,2 bác sĩ/vạn dân.
Tỷ lệ dân số tham gia bảo hiểm y tế năm 2026 đạt 95,2%.
Tỷ lệ xã đạt chuẩn nông thôn mới năm 2026 đạt 83%.
"""

NATIONAL_PAIRS = {
    "grdp_growth": (7.5, 8.0, "approx", 7.8, "yes"),
    "grdp_per_capita": (5300.0, None, None, 5350.0, "yes"),
    "cpi": (4.5, None, "approx", 3.9, "yes"),  # lower is better
    "labour_productivity_growth": (6.0, None, "approx", 5.7, "no"),
    "trained_labour_rate": (71.0, None, "approx", 70.5, "no"),
    "unemployment_rate": (4.0, None, "under", 2.4, "yes"),
    "poverty_rate": (1.0, None, "approx", 1.1, "yes"),  # a fall of 1.1 points is more than the 1 planned
    "doctors_per_10000": (15.0, None, None, 15.2, "yes"),
    "health_insurance_coverage": (95.5, None, None, 95.2, "no"),
    "new_rural_communes": (82.0, None, None, 83.0, "yes"),
}

PAIRED_TEXTS = {"province": ({"nghi-quyet-ha-tinh-2025.txt": PROVINCE_PLAN,
                              "tin-kinh-te-ha-tinh-2025.txt": PROVINCE_REPORT}, "Hà Tĩnh", "2025", PROVINCE_PAIRS),
                "country": ({"nghi-quyet-quoc-hoi-2026.txt": NATIONAL_PLAN,
                             "thong-ke-kt-xh-2026.txt": NATIONAL_RELEASE}, "Việt Nam", "2026", NATIONAL_PAIRS)}


@pytest.fixture(scope="module", params=sorted(PAIRED_TEXTS))
def paired(request, tmp_path_factory) -> tuple[sqlite_utils.Database, str]:
    texts, *_ = PAIRED_TEXTS[request.param]
    root = tmp_path_factory.mktemp(request.param)
    for name, text in texts.items():
        (root / "corpus").mkdir(exist_ok=True)
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--corpus", str(root / "corpus"), "--db", str(root / "x.db"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    return sqlite_utils.Database(root / "x.db"), request.param


def test_each_indicator_pairs_once_with_its_result(paired):
    db, name = paired
    texts, place, year, expected = PAIRED_TEXTS[name]
    plan, report = texts
    rows = pairs(db)
    by_key = {}
    for row in rows:
        assert row["indicator_key"] not in by_key, f"{row['indicator_key']} paired twice"
        by_key[row["indicator_key"]] = row
    assert set(expected) <= set(by_key), f"unpaired: {sorted(set(expected) - set(by_key))}"
    for key, (target, target_max, qualifier, actual, met) in expected.items():
        row = by_key[key]
        found = (row["target_value"], row["target_value_max"], row["target_qualifier"], row["actual_value"], row["met"])
        assert found == (pytest.approx(target), target_max, qualifier, pytest.approx(actual), met), key
        assert row["ratio"] == pytest.approx(actual / target, rel=1e-3)
        assert (row["target_path"], row["actual_path"]) == (plan, report)
        assert (row["place"], row["period_start"], row["period_end"]) == (place, f"{year}-01-01", f"{year}-12-31")
        assert row["indicator_label"], f"{key} has no label"


def test_a_part_year_or_share_of_plan_is_never_the_result(paired):
    db, _ = paired
    for row in pairs(db):
        # `Sáu tháng đầu năm … tăng 7,1%` is no result for the year; `bằng 104,4% dự toán` no budget
        # figure
        assert row["actual_period_end"][5:] >= "10-01", row
        assert row["actual_value"] not in (7.1, 104.4), row


def test_labels_come_from_the_catalog(paired):
    db, _ = paired
    labels = {r["key"]: r["label"] for r in db.query("select key, label from indicators")}
    assert labels["grdp_growth"] == "Tốc độ tăng trưởng GRDP (GDP)"
    for row in pairs(db):
        assert row["indicator_label"] == labels[row["indicator_key"]]


def test_paired_rows_link_back_to_both_sentences(paired):
    db, _ = paired
    assert_rows_link_back(db)


def stored_figures(figures: list[dict]) -> sqlite_utils.Database:
    """A database in the project's shape holding these figures (each names its document's path)."""
    db = sqlite_utils.Database(memory=True)
    store.ensure_db_shape(db)
    base = {"type": "percent", "unit": "%", "change": "level", "place_normalized": "Huế",
            "period_start": "2025-01-01", "period_end": "2025-12-31", "text": "x"}
    for figure in figures:
        path = figure.pop("path", "a.txt")
        document = db["documents"].lookup({"path": path}, {"sha256": "", "text": "x"})
        db["mentions"].insert({**base, **figure, "document_id": document})
    return db


def test_direction_is_the_catalogs():
    """``met`` reads ``lower_is_better`` from the indicators table: the same two figures, read as
    unemployment (lower is better) and as forest cover (higher is better), judge differently."""
    figures = []
    for key in ("unemployment_rate", "forest_cover"):
        figures += [{"indicator_key": key, "kind": "target", "value": 3.0},
                    {"indicator_key": key, "kind": "actual", "value": 2.8}]
    db = stored_figures(figures)
    met = {r["indicator_key"]: r["met"] for r in db.query("select indicator_key, met from plan_vs_actual")}
    assert met == {"unemployment_rate": "yes", "forest_cover": "no"}


def test_a_companys_figures_pair_only_within_their_document():
    """Two texts' ``doanh thu`` are seldom one company's; two texts' GRDP of Huế are one province's."""
    money = {"type": "money", "unit": "VND"}
    db = stored_figures([
        {**money, "indicator_key": "business_revenue", "kind": "target", "value": 5e11, "path": "a.txt"},
        {**money, "indicator_key": "business_revenue", "kind": "actual", "value": 4e11, "path": "b.txt"},
        {**money, "indicator_key": "profit", "kind": "target", "value": 5e10, "path": "a.txt"},
        {**money, "indicator_key": "profit", "kind": "actual", "value": 6e10, "path": "a.txt"},
        {**money, "indicator_key": "grdp", "kind": "target", "value": 9e13, "path": "a.txt"},
        {**money, "indicator_key": "grdp", "kind": "actual", "value": 9.2e13, "path": "b.txt"},
    ])
    assert [r["indicator_key"] for r in db.query("select indicator_key from plan_vs_actual")] == ["grdp", "profit"]


def test_a_share_of_plan_or_a_ratio_to_last_year_is_no_level():
    db = stored_figures([
        {"indicator_key": "forest_cover", "kind": "target", "value": 52.0},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 100.0, "basis": "plan"},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 101.0, "basis": "same_period_last_year"},
    ])
    assert db["plan_vs_actual"].count == 0


def test_a_growth_rate_is_a_rise_however_it_is_stated():
    """``Tốc độ tăng trưởng GRDP từ 8% trở lên`` (a rise) beside ``GRDP ước đạt 8,2%`` (a level)."""
    db = stored_figures([
        {"indicator_key": "grdp_growth", "kind": "target", "value": 8.0, "change": "increase", "qualifier": "at_least"},
        {"indicator_key": "grdp_growth", "kind": "actual", "value": 8.2, "change": "level"},
        {"indicator_key": "forest_cover", "kind": "target", "value": 52.0, "change": "level"},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 0.5, "change": "increase"},
    ])
    rows = list(db.query("select indicator_key, change, actual_value, met from plan_vs_actual"))
    assert rows == [{"indicator_key": "grdp_growth", "change": "increase", "actual_value": 8.2, "met": "yes"}]


def test_a_report_is_preferred_to_the_plans_own_look_back():
    db = stored_figures([
        {"indicator_key": "forest_cover", "kind": "target", "value": 52.0, "path": "nghi-quyet.txt"},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 51.0, "path": "nghi-quyet.txt"},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 52.3, "path": "bao-cao.txt"},
        {"indicator_key": "forest_cover", "kind": "actual", "value": 52.4, "path": "bao-cao.txt"},
    ])
    rows = list(db.query("select actual_value, actual_path from plan_vs_actual"))
    assert rows == [{"actual_value": 52.3, "actual_path": "bao-cao.txt"}]


def test_two_shares_of_plan_do_meet():
    db = stored_figures([
        {"indicator_key": "public_investment_disbursement", "kind": "target", "value": 100.0, "basis": "plan"},
        {"indicator_key": "public_investment_disbursement", "kind": "actual", "value": 96.0, "basis": "plan"},
        {"indicator_key": "public_investment_disbursement", "kind": "actual", "value": 12.0},
    ])
    rows = list(db.query("select target_value, actual_value, met from plan_vs_actual"))
    assert rows == [{"target_value": 100.0, "actual_value": 96.0, "met": "no"}]


def stored_documents_with_figures(documents: dict[str, dict], figures: list[dict]) -> sqlite_utils.Database:
    """Like ``stored_figures``, with each document's frame (place, year) given."""
    db = sqlite_utils.Database(memory=True)
    store.ensure_db_shape(db)
    for path, frame in documents.items():
        db["documents"].insert({"path": path, "sha256": "", "text": "x", **frame})
    ids = {row["path"]: row["id"] for row in db.query("select id, path from documents")}
    for figure in figures:
        document_id = ids[figure.pop("path")]
        db["mentions"].insert({"type": "percent", "unit": "%", "change": "increase", "text": "x",
                               "indicator_key": "grdp_growth", **figure, "document_id": document_id})
    return db


def test_a_side_that_names_no_place_takes_the_others():
    """A resolution that never names its province beside the province's report: one row, the
    report's place; its targets' year is the document's when the sentence names none."""
    db = stored_documents_with_figures(
        {"nghi-quyet.txt": {"year": 2024}, "bao-cao.txt": {"place_normalized": "Huế", "year": 2024}},
        [{"path": "nghi-quyet.txt", "kind": "target", "value": 8.5},
         {"path": "bao-cao.txt", "kind": "actual", "value": 8.15, "place_normalized": "Huế",
          "period_start": "2024-01-01", "period_end": "2024-12-31"}])
    rows = list(db.query("select place, period_start, target_value, actual_value, met from plan_vs_actual"))
    assert rows == [{"place": "Huế", "period_start": "2024-01-01", "target_value": 8.5, "actual_value": 8.15,
                     "met": "no"}]


def test_a_target_of_no_place_is_not_paired_when_results_of_two_places_compete():
    db = stored_documents_with_figures(
        {"nghi-quyet.txt": {"year": 2024}, "hue.txt": {"year": 2024}, "da-nang.txt": {"year": 2024}},
        [{"path": "nghi-quyet.txt", "kind": "target", "value": 8.5},
         {"path": "hue.txt", "kind": "actual", "value": 8.15, "place_normalized": "Huế"},
         {"path": "da-nang.txt", "kind": "actual", "value": 7.5, "place_normalized": "Đà Nẵng"}])
    assert list(db.query("select * from plan_vs_actual")) == []
