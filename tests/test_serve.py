"""``extract serve``: metadata, canned queries, cell rendering and the document page, in process.

The database comes from the real pipeline run over three short texts written for this test;
Datasette is the real one, driven through its in-process client (``datasette.client``), so every
page here is the page a user would get. ``test_browser.py`` checks the same server in Chromium.
"""
from __future__ import annotations

import asyncio
import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.datasette import plugin
from pipeline.datasette.highlight import Span, mark_up
from pipeline.humanize import format_number, humanize_amount, humanize_range
from pipeline.run import extract_corpus
from pipeline.serve import build_datasette, database_name, metadata_for

SERVE_TEXTS = {
    "nghi-quyet-thai-binh-2025.txt": (
        "HỘI ĐỒNG NHÂN DÂN TỈNH THÁI BÌNH\nSố: 88/NQ-HĐND\n"  # the letterhead, not the title
        "NGHỊ QUYẾT về kế hoạch phát triển kinh tế - xã hội tỉnh Thái Bình năm 2025\n"
        "HĐND tỉnh Thái Bình quyết nghị các chỉ tiêu chủ yếu năm 2025 như sau: tốc độ tăng trưởng "
        "kinh tế (GRDP) phấn đấu đạt 9,5%; tổng thu ngân sách nhà nước trên địa bàn đạt 8.200 tỷ đồng; "
        "kim ngạch xuất khẩu đạt 2,6 tỷ USD; tạo việc làm mới cho 34.000 lao động.\n"
    ),
    "bao-cao-thai-binh-2025.txt": (
        "Báo cáo tình hình kinh tế - xã hội tỉnh Thái Bình năm 2025\n"
        "Theo UBND tỉnh Thái Bình, tổng thu ngân sách nhà nước trên địa bàn năm 2025 đạt 8.650 tỷ đồng, "
        "bằng 105,5% dự toán. Kim ngạch xuất khẩu đạt 2,75 tỷ USD, tăng 11,2% so với năm 2024.\n"
    ),
    "tin-gia-lua-can-tho.txt": (
        "Giá lúa tại Cần Thơ tăng nhẹ\n"
        "Tại TP Cần Thơ, Công ty Cổ phần Lương thực Sông Hậu thu mua 1.200 tấn lúa trong tuần, "
        "giá bình quân 7.800 đồng/kg, cao hơn 3% so với tuần trước.\n"
    ),
}


def build_served_db(folder: Path) -> Path:
    """Write the three texts and run the real pipeline over them into ``folder/serve.db``."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, text in SERVE_TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db_path = folder / "serve.db"
    report = extract_corpus(corpus, db_path, force=True)
    assert not report.errors, report.errors
    return db_path


def require_mentions(db_path: Path) -> None:
    """Pages about figures need figures: say plainly when the pipeline found none."""
    assert sqlite_utils.Database(db_path)["mentions"].count, "the pipeline found no mentions in the test texts"


@pytest.fixture(scope="module")
def served_db(tmp_path_factory) -> Path:
    return build_served_db(tmp_path_factory.mktemp("serve"))


def fetch(db_path: Path, *paths: str):
    """GET each path from a real Datasette over ``db_path``; returns httpx responses."""
    async def go():
        datasette = build_datasette(db_path)
        await datasette.invoke_startup()
        return [await datasette.client.get(path) for path in paths]
    return asyncio.run(go())


def fetch_json(db_path: Path, path: str):
    (response,) = fetch(db_path, path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def query_parameters(sql: str) -> set[str]:
    return set(re.findall(r"(?<!:):(\w+)", sql))


# --- humanize_amount -------------------------------------------------------------------------

@pytest.mark.parametrize("value,unit,expected", [
    (5.4e13, "VND", "54.000 tỷ đồng"),
    (8.53e8, "USD", "853 triệu USD"),
    (3798.254e9, "VND", "3.798,254 tỷ đồng"),
    (108.987e9, "VND", "108,987 tỷ đồng"),
    (1.5e9, "EUR", "1,5 tỷ EUR"),
    (51e6, "VND/người", "51 triệu đồng/người"),
    (308467652, "VND", "308.467.652 đồng"),   # exact to the đồng: no digits lost to a scale word
    (250000, "VND", "250.000 đồng"),
    (1800, "USD/ounce", "1.800 USD/ounce"),
    (66.3, "%", "66,3%"),
    (-1.07, "%", "-1,07%"),
    (6.5, "%/năm", "6,5%/năm"),
    (0.4, "pp", "0,4 điểm phần trăm"),
    (3500, "lao động", "3.500 lao động"),
    (1.2e6, "tấn", "1,2 triệu tấn"),
    (2 / 3, "lần", "0,667 lần"),
    (0, "VND", "0 đồng"),
    (None, "VND", ""),
])
def test_humanize_amount_writes_vietnamese_numbers(value, unit, expected):
    assert humanize_amount(value, unit) == expected


def test_humanize_range_and_number_format():
    assert humanize_range(10, 12, "%") == "10% – 12%"
    assert humanize_range(250000, 280000, "VND") == "250.000 đồng – 280.000 đồng"
    assert humanize_range(5.4e13, None, "VND") == "54.000 tỷ đồng"
    assert format_number(1234567.25) == "1.234.567,25"
    assert format_number(-0.0001) == "0"


def test_a_price_keeps_what_it_is_per(served_db):
    assert humanize_amount(3415, "USD", "tấn") == "3.415 USD/tấn"
    assert humanize_range(55.45e6, 55.95e6, "VND", "lượng") == "55,45 triệu đồng – 55,95 triệu đồng/lượng"
    row = {"value": 7800.0, "value_max": None, "unit": "VND", "per": "kg"}
    assert "7.800 đồng/kg" in render(served_db, row=row, value=7800.0, column="value", table="mentions")
    db = sqlite_utils.Database(served_db)
    plugin.prepare_connection(db.conn)
    (price,) = db.query("select per, humanize_amount(value, unit, per) as human from mentions where text like '7.800%'")
    assert price == {"per": "kg", "human": "7.800 đồng/kg"}
    name = database_name(served_db)
    largest = fetch_json(served_db, f"/{name}/largest_amounts_of_money.json?_shape=array")
    assert largest and "7.800 đồng/kg" not in {r["text"] for r in largest}  # totals only


# --- metadata --------------------------------------------------------------------------------

def test_metadata_is_keyed_by_the_served_file_name(tmp_path):
    metadata = metadata_for(tmp_path / "dev.db")
    assert list(metadata["databases"]) == ["dev"]
    assert database_name(Path("out/extract.db")) == "extract"
    assert "mentions" in metadata["databases"]["dev"]["tables"]


def test_metadata_json_has_title_descriptions_and_queries(served_db):
    metadata = fetch_json(served_db, "/-/metadata.json")
    assert metadata["title"]
    database = metadata["databases"][database_name(served_db)]
    for table in ("documents", "mentions", "entities", "sentences", "ingest_errors", "plan_vs_actual", "indicators"):
        assert database["tables"][table]["description"]
    queries = database["queries"]
    assert len(queries) >= 4
    without_parameters = [name for name, query in queries.items() if not query_parameters(query["sql"])]
    assert len(without_parameters) >= 2
    assert {"plan_vs_actual_by_place", "largest_amounts_of_money", "figures_about_a_place", "search_documents",
            "entities_with_numbers", "targets_by_indicator_and_place"} <= set(queries)
    # no canned query shadows a table or view of the same name
    assert not set(queries) & set(sqlite_utils.Database(served_db).table_names() +
                                  sqlite_utils.Database(served_db).view_names())
    assert query_parameters(queries["figures_about_a_place"]["sql"]) == {"place"}
    assert query_parameters(queries["plan_vs_actual_by_place"]["sql"]) == {"place"}
    assert query_parameters(queries["search_documents"]["sql"]) == {"q"}


def test_every_stored_column_is_described(served_db):
    """The metadata follows the schema: a column added to store.py needs a description too."""
    described = metadata_for(served_db)["databases"][database_name(served_db)]["tables"]
    db = sqlite_utils.Database(served_db)
    for table in ("documents", "sentences", "mentions", "entities", "ingest_errors", "indicators", "runs"):
        missing = set(db[table].columns_dict) - set(described[table]["columns"])
        assert not missing, f"{table}: no description for {sorted(missing)}"


def test_facets_and_sort_order_apply_to_mentions(served_db):
    name = database_name(served_db)
    data = fetch_json(served_db, f"/{name}/mentions.json")
    assert data["human_description_en"] == "sorted by value descending"
    assert {"type", "unit", "kind", "indicator_key", "place_normalized", "period_label"} <= set(data["facet_results"])


# --- canned queries --------------------------------------------------------------------------

def test_documents_at_a_glance_lists_every_document_with_counts(served_db):
    rows = fetch_json(served_db, f"/{database_name(served_db)}/documents_at_a_glance.json?_shape=array")
    assert sorted(r["path"] for r in rows) == sorted(SERVE_TEXTS)
    db = sqlite_utils.Database(served_db)
    for row in rows:
        stored = db.execute("select count(*) from mentions where document_id = ? and type = 'money'",
                            [row["document_id"]]).fetchone()[0]
        assert row["money"] == stored


def test_documents_say_what_they_are(served_db):
    name = database_name(served_db)
    data = fetch_json(served_db, f"/{name}/documents.json")
    assert "doc_type" in data["facet_results"]
    rows = fetch_json(served_db, f"/{name}/documents_at_a_glance.json?_shape=array")
    assert all({"doc_type", "reported_on", "place", "year"} <= set(row) for row in rows)
    assert all(row["doc_type"] for row in rows)


def test_largest_amounts_of_money_come_largest_first_per_currency(served_db):
    require_mentions(served_db)
    rows = fetch_json(served_db, f"/{database_name(served_db)}/largest_amounts_of_money.json?_shape=array")
    assert rows, "the texts state amounts in đồng and USD"
    by_unit: dict[str, list[float]] = {}
    for row in rows:
        by_unit.setdefault(row["unit"], []).append(row["value"])
    for values in by_unit.values():
        assert values == sorted(values, reverse=True)
    money = sqlite_utils.Database(served_db).execute("select count(*) from mentions where type = 'money' and per is null")
    assert len(rows) == min(money.fetchone()[0], 20 * len(by_unit))


def test_entities_with_numbers_share_a_sentence_with_a_figure(served_db):
    require_mentions(served_db)
    rows = fetch_json(served_db, f"/{database_name(served_db)}/entities_with_numbers.json?_shape=array")
    db = sqlite_utils.Database(served_db)
    expected = db.execute(
        "select count(distinct e.type || '|' || coalesce(e.normalized, e.text)) from entities e "
        "join mentions m on m.sentence_id = e.sentence_id where e.type != 'DATE'").fetchone()[0]
    assert expected and len(rows) == expected
    assert all(row["figures"] >= 1 and row["type"] != "DATE" for row in rows)


def test_targets_by_indicator_and_place_returns_exactly_the_targets(served_db):
    name = database_name(served_db)
    rows = fetch_json(served_db, f"/{name}/targets_by_indicator_and_place.json?_shape=array&indicator=&place=")
    db = sqlite_utils.Database(served_db)
    targets = {r["id"] for r in db.query("select id from mentions where kind = 'target'")}
    assert {row["mention_id"] for row in rows} == targets


@pytest.mark.parametrize("written,bare", [("Quảng Nam", "quang nam"), ("Hòa Bình", "HOA BINH"),
                                          ("ngân sách", "ngan sach"), ("Đắk Lắk", "dak lak")])
def test_fold_lets_a_name_typed_without_accents_match(written, bare):
    assert plugin.fold(written) == plugin.fold(bare) == bare.lower()
    assert plugin.fold(None) is None


def test_place_and_indicator_parameters_forgive_missing_accents(served_db):
    name = database_name(served_db)
    query = f"/{name}/plan_vs_actual_by_place.json?_shape=array&place="
    accented, bare = fetch_json(served_db, query + "Thái+Bình"), fetch_json(served_db, query + "thai+binh")
    assert accented and bare == accented
    targets = f"/{name}/targets_by_indicator_and_place.json?_shape=array"
    with_accents = fetch_json(served_db, targets + "&indicator=ngân+sách&place=Thái+Bình")
    assert with_accents and fetch_json(served_db, targets + "&indicator=ngan+sach&place=THAI+BINH") == with_accents
    assert all("ngân sách" in (row["indicator"] or "") or row["indicator"] == "state_budget_revenue"
               for row in with_accents)
    about = f"/{name}/figures_about_a_place.json?_shape=array&place="
    assert fetch_json(served_db, about + "can+tho") == fetch_json(served_db, about + "Cần+Thơ") != []
    assert fetch_json(served_db, about + "quang+nam") == []


def test_one_period_has_one_label_whatever_its_words(tmp_path):
    from pipeline.humanize import period_label
    assert period_label("2024-01-01", "2024-12-31") == "năm 2024"
    assert period_label("2025-04-01", "2025-06-30") == "quý II/2025"
    assert period_label("2024-01-01", "2024-09-30") == "9 tháng 2024"
    assert period_label("2024-07-01", "2024-12-31") == "6 tháng cuối năm 2024"
    assert period_label("2024-02-01", "2024-02-29") == "tháng 2/2024"
    assert period_label(None, None) is None and period_label("2024-03-05", "2024-03-05") == "ngày 5/3/2024"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Năm 2024, thu ngân sách tỉnh Hà Nam đạt 9.000 tỷ đồng.\n"
                                  "Trong năm 2024, tỉnh thu hút 120 dự án.\n"
                                  "Quý I năm 2025, xuất khẩu đạt 300 triệu USD; quý I/2025 thu ngân sách đạt 2.000 tỷ đồng.\n",
                                  encoding="utf-8")
    extract_corpus(corpus, tmp_path / "p.db", force=True)
    db = sqlite_utils.Database(tmp_path / "p.db")
    labels = {row["period_text"]: row["period_label"] for row in db.query(
        "select period_text, period_label from mentions where period_text is not null")}
    assert {labels.get("Năm 2024"), labels.get("năm 2024")} - {None} == {"năm 2024"}, labels
    assert {labels.get("Quý I năm 2025"), labels.get("quý I/2025")} - {None} == {"quý I/2025"}, labels
    facets = fetch_json(tmp_path / "p.db", "/p/mentions.json?_facet=period_label")["facet_results"]
    assert {v["value"] for v in facets["period_label"]["results"]} == {"năm 2024", "quý I/2025"}


def test_search_documents_uses_full_text_search(served_db):
    name = database_name(served_db)
    rows = fetch_json(served_db, f"/{name}/search_documents.json?_shape=array&q=thu+mua")
    assert [row["path"] for row in rows] == ["tin-gia-lua-can-tho.txt"]
    assert "«" in rows[0]["snippet"]
    rows = fetch_json(served_db, f"/{name}/search_documents.json?_shape=array&q=Thái+Bình")
    assert sorted(row["path"] for row in rows) == ["bao-cao-thai-binh-2025.txt", "nghi-quyet-thai-binh-2025.txt"]


def test_figures_about_a_place_come_from_that_place(served_db):
    require_mentions(served_db)
    name = database_name(served_db)
    rows = fetch_json(served_db, f"/{name}/figures_about_a_place.json?_shape=array&place=Cần+Thơ")
    paths = {r["id"]: r["path"] for r in sqlite_utils.Database(served_db).query("select id, path from documents")}
    for row in rows:
        assert paths[row["document_id"]] == "tin-gia-lua-can-tho.txt"
        assert "Cần Thơ" in (row["place"] or "") or "Cần Thơ" in row["sentence"]
    assert fetch_json(served_db, f"/{name}/figures_about_a_place.json?_shape=array&place=") == []


def test_plan_vs_actual_query_reads_the_view(served_db):
    db = sqlite_utils.Database(served_db)
    assert "plan_vs_actual" in db.view_names()
    rows = fetch_json(served_db, f"/{database_name(served_db)}/plan_vs_actual.json?_shape=array")
    assert len(rows) == db["plan_vs_actual"].count
    described = metadata_for(served_db)["databases"][database_name(served_db)]["tables"]["plan_vs_actual"]
    assert not set(db["plan_vs_actual"].columns_dict) - set(described["columns"])


def test_plan_vs_actual_by_place_pairs_the_provinces_targets_and_results(served_db):
    name = database_name(served_db)
    rows = fetch_json(served_db, f"/{name}/plan_vs_actual_by_place.json?_shape=array&place=Thái+Bình")
    by_label = {row["indicator_label"]: row for row in rows}
    revenue = by_label["Tổng thu ngân sách nhà nước trên địa bàn"]
    assert (revenue["period"], revenue["target_value"], revenue["actual_value"], revenue["met"]) == (
        "năm 2025", 8.2e12, 8.65e12, "yes")
    assert revenue["ratio"] == pytest.approx(8650 / 8200, rel=1e-3)
    assert "Kim ngạch xuất khẩu" in by_label
    assert all(row["place"] == "Thái Bình" for row in rows)
    assert fetch_json(served_db, f"/{name}/plan_vs_actual_by_place.json?_shape=array&place=Cần+Thơ") == []
    everywhere = fetch_json(served_db, f"/{name}/plan_vs_actual_by_place.json?_shape=array&place=")
    assert len(everywhere) == sqlite_utils.Database(served_db)["plan_vs_actual"].count


def test_plan_vs_actual_by_place_links_both_figures_and_sentences(served_db):
    name = database_name(served_db)
    (page,) = fetch(served_db, f"/{name}/plan_vs_actual_by_place?place=Thái+Bình")
    assert page.status_code == 200
    row = next(sqlite_utils.Database(served_db).query(
        "select * from plan_vs_actual where indicator_key = 'state_budget_revenue'"))
    assert f'/-/document/{row["target_document_id"]}#m{row["target_mention_id"]}' in page.text
    assert f'/-/document/{row["actual_document_id"]}#m{row["actual_mention_id"]}' in page.text
    assert f'/sentences/{row["target_sentence_id"]}"' in page.text
    assert f'/sentences/{row["actual_sentence_id"]}"' in page.text
    assert "8.200 tỷ đồng" in page.text and "8.650 tỷ đồng" in page.text


def test_plan_vs_actual_page_draws_target_against_result_for_a_place_and_year(served_db):
    (page, elsewhere, other_year) = fetch(served_db, "/-/plan-vs-actual?place=thai+binh&year=2025",
                                          "/-/plan-vs-actual?place=Cần+Thơ", "/-/plan-vs-actual?place=Thái+Bình&year=2019")
    assert page.status_code == 200
    rows = list(sqlite_utils.Database(served_db).query("select * from plan_vs_actual where place = 'Thái Bình'"))
    assert rows, "the test texts give no target with a result"
    svg = re.search(r"<svg class=\"vnf-chart\".*?</svg>", page.text, re.S).group(0)
    assert svg.count('class="vnf-bar-target"') == len(rows) + 1  # one a row, one in the legend
    assert svg.count('class="vnf-bar-actual vnf-met-yes"') == sum(r["met"] == "yes" for r in rows) + 1
    assert "Thái Bình · năm 2025" in page.text
    revenue = next(r for r in rows if r["indicator_key"] == "state_budget_revenue")
    assert f'/-/document/{revenue["target_document_id"]}#m{revenue["target_mention_id"]}' in page.text
    assert f'/sentences/{revenue["actual_sentence_id"]}"' in page.text
    assert "8.200 tỷ đồng" in page.text and "8.650 tỷ đồng" in page.text and "105,5%" in page.text
    assert elsewhere.status_code == other_year.status_code == 200
    assert "<svg" not in elsewhere.text and "No target with a result" in other_year.text


def test_plan_vs_actual_page_is_linked_from_the_database_and_the_canned_query(served_db):
    name = database_name(served_db)
    database_page, query_page = fetch(served_db, f"/{name}", f"/{name}/plan_vs_actual_by_place?place=")
    assert 'href="/-/plan-vs-actual"' in database_page.text
    assert 'href="/-/plan-vs-actual"' in query_page.text


def test_bar_chart_scales_each_row_and_draws_a_planned_range():
    from pipeline.datasette.chart import BAR_WIDTH, ChartRow, bar_chart
    svg = bar_chart([ChartRow("Tăng trưởng GRDP", 6.5, 7.0, 7.2, "yes", "6,5 – 7%", "7,2%", "row-1"),
                     ChartRow("Tỷ lệ hộ nghèo", 2.0, None, 2.4, "no", "2%", "2,4%", "row-2")], "t")
    widths = [float(w) for w in re.findall(r'class="vnf-bar-[a-z]+[^"]*" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert max(widths) == BAR_WIDTH and 'class="vnf-bar-range"' in svg and "vnf-met-no" in svg
    assert "<title>Result: 2,4%</title>" in svg


# --- cells -----------------------------------------------------------------------------------

def render(served_db, **kwargs):
    async def go():
        datasette = build_datasette(served_db)
        await datasette.invoke_startup()
        return plugin.render_cell(datasette=datasette, database=database_name(served_db), **kwargs)
    return asyncio.run(go())


def test_render_cell_links_ids_and_documents_to_the_document_page(served_db):
    mention = {"id": 7, "document_id": 2, "text": "8.650 tỷ đồng", "value": 8.65e12, "unit": "VND"}
    assert 'href="/-/document/2#m7"' in render(served_db, row=mention, value=7, column="id", table="mentions")
    assert 'href="/-/document/2#m7"' in render(served_db, row=mention, value="8.650 tỷ đồng", column="text",
                                               table="mentions")
    entity = {"id": 3, "document_id": 1, "text": "Thái Bình"}
    assert 'href="/-/document/1#e3"' in render(served_db, row=entity, value=3, column="id", table="entities")
    expanded = {"value": 1, "label": "Báo cáo"}
    cell = render(served_db, row={**entity, "document_id": expanded}, value=expanded, column="document_id",
                  table="entities")
    assert 'href="/-/document/1"' in cell and "Báo cáo" in cell
    query_row = {"document_id": 2, "mention_id": 9, "text": "2,75 tỷ USD", "value": 2.75e9, "unit": "USD"}
    assert 'href="/-/document/2#m9"' in render(served_db, row=query_row, value=9, column="mention_id", table=None)
    assert render(served_db, row=mention, value=2, column="start", table="mentions") is None
    foreign = {"document_id": "X-12", "id": 1}  # another database's column of the same name
    assert render(served_db, row=foreign, value="X-12", column="document_id", table="orders") is None


def test_render_cell_shows_amounts_as_people_read_them(served_db):
    row = {"id": 7, "document_id": 2, "value": 5.4e13, "value_max": None, "unit": "VND"}
    cell = render(served_db, row=row, value=5.4e13, column="value", table="mentions")
    assert "54.000 tỷ đồng" in cell and "54000000000000" in cell
    ranged = {"value": 10.0, "value_max": 12.0, "unit": "%"}
    assert "10% – 12%" in render(served_db, row=ranged, value=10.0, column="value", table=None)
    assert render(served_db, row={"value": 3}, value=3, column="value", table=None) is None  # no unit


def test_render_cell_reads_both_sides_of_plan_vs_actual(served_db):
    row = {"unit": "VND", "target_value": 8.2e12, "target_value_max": None, "actual_value": 8.65e12,
           "target_document_id": 1, "target_mention_id": 4, "target_text": "8.200 tỷ đồng",
           "actual_document_id": 2, "actual_mention_id": 9, "actual_text": "8.650 tỷ đồng", "ratio": 1.0549}
    target = render(served_db, row=row, value=8.2e12, column="target_value", table=None)
    assert "8.200 tỷ đồng" in target and 'href="/-/document/1#m4"' in target
    assert "8.650 tỷ đồng" in render(served_db, row=row, value=8.65e12, column="actual_value",
                                     table="plan_vs_actual")
    assert 'href="/-/document/1#m4"' in render(served_db, row=row, value=4, column="target_mention_id", table=None)
    assert 'href="/-/document/2#m9"' in render(served_db, row=row, value="8.650 tỷ đồng", column="actual_text",
                                               table="plan_vs_actual")
    assert 'href="/-/document/2"' in render(served_db, row=row, value=2, column="actual_document_id", table=None)
    assert "105,5%" in render(served_db, row=row, value=1.0549, column="ratio", table=None)


def test_sql_can_humanize_amounts_too(served_db):
    sql = "select humanize_amount(5.4e13, 'VND') as a, humanize_amount(8.53e8, 'USD') as b"
    rows = fetch_json(served_db, f"/{database_name(served_db)}.json?_shape=array&sql={sql}")
    assert rows == [{"a": "54.000 tỷ đồng", "b": "853 triệu USD"}]


def test_table_pages_link_each_row_to_its_span(served_db):
    require_mentions(served_db)
    name = database_name(served_db)
    db = sqlite_utils.Database(served_db)
    mention = next(db.query("select id, document_id, value, unit from mentions where type = 'money' limit 1"))
    (page,) = fetch(served_db, f"/{name}/mentions?id={mention['id']}")
    assert page.status_code == 200
    assert f'href="/-/document/{mention["document_id"]}#m{mention["id"]}"' in page.text
    assert html.escape(humanize_amount(mention["value"], mention["unit"])) in page.text
    assert 'href="/-/vn-facts.css"' in page.text
    entity = next(db.query("select id, document_id from entities limit 1"))
    documents = sqlite_utils.Database(served_db)["documents"]
    (entities_page, documents_page) = fetch(served_db, f"/{name}/entities?id={entity['id']}", f"/{name}/documents")
    assert f'href="/-/document/{entity["document_id"]}#e{entity["id"]}"' in entities_page.text
    for document in documents.rows:
        assert f'href="/-/document/{document["id"]}"' in documents_page.text


# --- the document page -----------------------------------------------------------------------

class ArticleReader(HTMLParser):
    """Collects the text of ``<article>`` and, per span id, the characters inside its marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_article = False
        self.text: list[str] = []
        self.open: list[dict] = []
        self.inside: dict[str, list[str]] = {}
        self.depth_errors = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif tag == "mark" and self.in_article:
            key = f'{attributes["data-start"]}-{attributes["data-end"]}-{attributes["class"].split()[2]}'
            self.open.append({"key": key, "id": attributes.get("id")})
            self.inside.setdefault(key, [])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif tag == "mark" and self.in_article:
            if not self.open:
                self.depth_errors += 1
            else:
                self.open.pop()

    def handle_data(self, data):
        if self.in_article:
            self.text.append(data)
            for mark in self.open:
                self.inside[mark["key"]].append(data)


def read_article(markup: str) -> ArticleReader:
    reader = ArticleReader()
    reader.feed(f"<article>{markup}</article>")
    return reader


def test_mark_up_nests_a_mention_inside_an_entity():
    text = "Dự toán năm 2025 là 8.200 tỷ đồng."
    spans = [Span(8, 16, "e1", "entity", "DATE", "DATE · 2025"), Span(20, 33, "m1", "mention", "money", "8.200 tỷ")]
    markup = mark_up(text, spans)
    assert markup.count("<mark") == 2 and 'id="m1"' in markup and 'title="8.200 tỷ"' in markup
    assert read_article(markup).inside == {"8-16-vnf-date": ["năm 2025"], "20-33-vnf-money": ["8.200 tỷ đồng"]}
    outer = mark_up("UBND tỉnh Thái Bình", [Span(0, 19, "e2", "entity", "ORG"), Span(10, 19, "e3", "entity", "LOC")])
    assert outer.startswith('<mark id="e2"') and outer.endswith("</mark></mark>")


def test_mark_up_escapes_text_and_titles():
    markup = mark_up("a <b> & c", [Span(2, 5, "m1", "mention", "quantity", 'say "hi"')])
    assert "&lt;b&gt;" in markup and "&#34;hi&#34;" in markup and "<b>" not in markup


spans_strategy = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40), st.sampled_from(["money", "percent", "LOC", "ORG"])),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <&>\nđê", min_size=0, max_size=40), raw_spans=spans_strategy)
def test_mark_up_keeps_the_text_and_every_span_whatever_the_overlap(text, raw_spans):
    spans = [Span(min(a, b), max(a, b), f"s{i}", "entity" if label.isupper() else "mention", label)
             for i, (a, b, label) in enumerate(raw_spans)]
    reader = read_article(mark_up(text, spans))
    assert "".join(reader.text) == text
    assert not reader.open and not reader.depth_errors
    kept = Counter((s.start, s.end, s.label.lower()) for s in spans if 0 <= s.start < s.end <= len(text))
    for (start, end, label), copies in kept.items():
        inside = "".join(reader.inside[f"{start}-{end}-vnf-{label}"])
        if copies == 1:
            assert inside == text[start:end]
        else:  # identical spans interleave their pieces; each still holds every character once
            assert Counter(inside) == Counter(text[start:end] * copies)


def test_document_page_shows_the_text_with_every_span(served_db):
    db = sqlite_utils.Database(served_db)
    document = next(db.query("select * from documents where path = 'bao-cao-thai-binh-2025.txt'"))
    (page, missing) = fetch(served_db, f"/-/document/{document['id']}", "/-/document/999")
    assert page.status_code == 200 and missing.status_code == 404
    following = next(db.query("select id from documents where path > ? order by path", [document["path"]]))
    assert f'<a rel="next" href="/-/document/{following["id"]}">' in page.text
    assert 'rel="prev"' not in page.text  # the first document by path has none before it
    article = re.search(r'<article class="vnf-text"[^>]*>(.*?)</article>', page.text, re.S).group(1)
    reader = read_article(article)
    assert "".join(reader.text) == document["text"]
    for table, prefix in (("mentions", "m"), ("entities", "e")):
        for row in db.query(f"select id, start, [end], type from {table} where document_id = ?", [document["id"]]):
            assert f'id="{prefix}{row["id"]}"' in article
            key = f'{row["start"]}-{row["end"]}-vnf-{row["type"].lower()}'
            assert "".join(reader.inside[key]) == document["text"][row["start"]:row["end"]]


def test_document_page_labels_mentions_with_their_values(served_db):
    require_mentions(served_db)
    db = sqlite_utils.Database(served_db)
    mention = next(db.query("select * from mentions where type = 'money' order by value desc limit 1"))
    (page,) = fetch(served_db, f"/-/document/{mention['document_id']}")
    tag = re.search(rf'<mark id="m{mention["id"]}"[^>]*>', page.text).group(0)
    assert "vnf-money" in tag
    assert html.escape(humanize_amount(mention["value"], mention["unit"]), quote=True) in tag


# --- the team's dev set ----------------------------------------------------------------------

def test_the_dev_set_database_serves_metadata_and_queries_with_rows(gold_dev, tmp_path):
    """The issue's acceptance check, on the database of the gold dev texts (skips without them)."""
    db_path = tmp_path / "dev.db"
    extract_corpus(gold_dev / "docs", db_path, force=True)
    metadata = fetch_json(db_path, "/-/metadata.json")
    assert metadata["title"]
    database = metadata["databases"]["dev"]
    assert all(database["tables"][t]["description"] for t in ("documents", "mentions", "entities"))
    queries = database["queries"]
    assert len(queries) >= 4
    answered = []
    for name, query in queries.items():
        if not query_parameters(query["sql"]):
            rows = fetch_json(db_path, f"/dev/{name}.json?_shape=array")
            if rows:
                answered.append(name)
    assert len(answered) >= 2, answered
    document = sqlite_utils.Database(db_path).execute("select min(id) from documents").fetchone()[0]
    (page,) = fetch(db_path, f"/-/document/{document}")
    assert page.status_code == 200 and 'class="vnf-span vnf-mention' in page.text


# --- the command -----------------------------------------------------------------------------

def test_serve_command_documents_its_options_and_refuses_a_missing_file(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output and "--port" in result.output and "8001" in result.output
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "does not exist" in result.output


# --- live and quiet ------------------------------------------------------------------------------

def test_a_document_extracted_while_serving_shows_without_a_restart(tmp_path):
    db_path = build_served_db(tmp_path)
    corpus = tmp_path / "corpus"

    async def go():
        datasette = build_datasette(db_path)
        await datasette.invoke_startup()
        before = await datasette.client.get("/-/document/4")
        (corpus / "tin-moi.txt").write_text("Giá lúa tại Hậu Giang đạt 7.900 đồng/kg.\n", encoding="utf-8")
        report = extract_corpus(corpus, db_path)  # another process would do the same: one commit a document
        assert report.extracted == ["tin-moi.txt"]
        after = await datasette.client.get("/-/document/4")
        rows = await datasette.client.get(f"/{database_name(db_path)}/documents.json?_shape=array")
        return before, after, rows

    before, after, rows = asyncio.run(go())
    assert before.status_code == 404
    assert after.status_code == 200 and "7.900" in after.text
    assert "tin-moi.txt" in {row["path"] for row in rows.json()}


def test_unknown_pages_are_plain_404s(served_db):
    responses = fetch(served_db, "/-/document/999", f"/{database_name(served_db)}/documents/999",
                      f"/{database_name(served_db)}/nope/a/b/c", "/a/b/c/d/e/f",
                      f"/{database_name(served_db)}/documents/999.json")
    assert [r.status_code for r in responses] == [404] * 5
    assert responses[-1].json()["error"]


def test_serve_logs_no_traceback_for_a_404(served_db, tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen([str(Path(sys.executable).with_name("extract")), "serve", "--db", str(served_db),
                                    "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
        try:
            statuses = []
            deadline = time.monotonic() + 60
            for path in ("/-/document/999", "/x/y/z/w/v"):
                while True:
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
                        statuses.append(200)
                        break
                    except urllib.error.HTTPError as error:
                        statuses.append(error.code)
                        break
                    except (urllib.error.URLError, ConnectionError):
                        assert time.monotonic() < deadline and process.poll() is None, log_path.read_text()
                        time.sleep(0.3)
        finally:
            process.terminate()
            process.wait(timeout=10)
    assert statuses == [404, 404]
    assert "Traceback" not in log_path.read_text()


# --- the map -------------------------------------------------------------------------------------

def test_every_province_has_a_seat_in_vietnam():
    from pipeline import rules

    centres = {row["name"]: (float(row["latitude"]), float(row["longitude"]))
               for row in rules.table("gazetteer/province_centres.tsv")}
    provinces = {row["name"] for row in rules.table("gazetteer/admin_units.tsv")
                 if row["level"] in ("tỉnh", "thành phố") and not row["province"] and row["era"] == "old"}
    assert provinces and provinces <= set(centres), provinces - set(centres)
    for name, (latitude, longitude) in centres.items():
        assert 8.3 < latitude < 23.5 and 102.0 < longitude < 110.0, name
    assert centres["Hà Nội"][0] > centres["Đà Nẵng"][0] > centres["Hồ Chí Minh"][0] > centres["Cà Mau"][0]


def test_figures_about_a_province_are_on_the_map(served_db):
    db = sqlite_utils.Database(served_db)
    rows = list(db.query("select place, latitude, longitude, text from figures_by_place where place = 'Thái Bình'"))
    assert rows and {r["text"] for r in rows} >= {"8.650 tỷ đồng"}
    assert all(20 < r["latitude"] < 21 and 106 < r["longitude"] < 107 for r in rows)
    plugins, page = fetch(served_db, "/-/plugins.json", f"/{database_name(served_db)}/figures_by_place")
    assert "datasette-cluster-map" in {p["name"] for p in plugins.json()}
    assert page.status_code == 200 and "datasette-cluster-map" in page.text


def test_figures_by_province_query_takes_an_indicator_and_a_year(served_db):
    name = database_name(served_db)
    rows = fetch_json(served_db, f"/{name}/figures_by_province.json?_shape=array"
                                 "&indicator_key=state_budget_revenue&kind=&year=2025")
    assert rows and {r["place"] for r in rows} == {"Thái Bình"}
    assert all(r["latitude"] and r["longitude"] for r in rows)


def test_lists_name_documents_by_their_title(served_db):
    name = database_name(served_db)
    db = sqlite_utils.Database(served_db)
    (document,) = db.query("select id, title from documents where path = 'nghi-quyet-thai-binh-2025.txt'")
    assert document["title"].startswith("Nghị quyết về kế hoạch")
    mentions, pairs = fetch(served_db, f"/{name}/mentions?document_id={document['id']}",
                            f"/{name}/plan_vs_actual_by_place.json?_shape=array&place=thai+binh")
    assert html.escape(plugin.shorten(document["title"]), quote=False) in mentions.text
    assert {row["target_document"] for row in pairs.json()} == {document["title"]}
    assert not any((row["actual_document"] or "").isupper() for row in pairs.json())


def test_two_rows_of_one_indicator_are_told_apart_by_their_change():
    rows = [{"indicator_label": "Kim ngạch xuất khẩu", "change": "level"},
            {"indicator_label": "Kim ngạch xuất khẩu", "change": "increase"},
            {"indicator_label": "Tỷ lệ hộ nghèo", "change": "decrease"}]
    plugin.told_apart(rows)
    assert [row["label"] for row in rows] == [
        "Kim ngạch xuất khẩu (mức)", "Kim ngạch xuất khẩu (tăng)", "Tỷ lệ hộ nghèo"]


def test_documents_are_on_the_map_by_their_main_place(served_db):
    db = sqlite_utils.Database(served_db)
    rows = list(db.query("select path, place, latitude, longitude from documents_by_place"))
    assert {r["path"] for r in rows} >= {"nghi-quyet-thai-binh-2025.txt", "bao-cao-thai-binh-2025.txt"}
    assert all(r["place"] == "Thái Bình" and 20 < r["latitude"] < 21 for r in rows if "thai-binh" in r["path"])
    (page,) = fetch(served_db, f"/{database_name(served_db)}/documents_by_place")
    assert page.status_code == 200 and "datasette-cluster-map" in page.text
