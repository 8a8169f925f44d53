"""The indicator key catalog (rules/facts/indicator_keys.yml): its examples, and every key's description.

A key is what a resolution's target and a report's result meet on, and what plan_vs_actual reads
to say whether a target was met, so every key needs a label a reader knows, a unit basis that
says which figures can measure it, and a direction.
"""
from __future__ import annotations

import pytest

from pipeline.facts import indicator_keys, indicators
from pipeline import rules

CATALOG = rules.load("facts/indicator_keys")["indicators"]
KEYS = [entry["key"] for entry in CATALOG]


@pytest.mark.parametrize("example", rules.examples("facts/indicator_keys"),
                         ids=lambda e: f"{e['phrase']}:{e.get('type')}:{e.get('change')}")
def test_examples(example):
    key = indicators.indicator_key(example["phrase"], example.get("type"), example.get("change"))
    assert key == example["key"]


def test_keys_are_unique_stable_names():
    assert len(KEYS) == len(set(KEYS))
    assert all(key.isascii() and key == key.lower() and " " not in key for key in KEYS)


@pytest.mark.parametrize("entry", CATALOG, ids=lambda e: e["key"])
def test_every_key_has_label_unit_and_direction(entry):
    assert set(entry) <= {"key", "label", "unit", "lower_is_better", "by_place", "patterns", "percent_key",
                          "change_key", "count_key"}
    assert {"key", "label", "unit", "lower_is_better", "patterns"} <= set(entry)
    label = entry["label"].strip()
    assert label and "_" not in label and label[0].isupper(), "a Vietnamese label, as a reader writes it"
    assert entry["unit"] in indicator_keys.UNIT_TYPES
    assert "lower_is_better" in entry and entry["lower_is_better"] in (True, False, None)
    for variant in ("percent_key", "change_key", "count_key"):
        if variant in entry:
            assert entry[variant] in KEYS, f"{variant} {entry[variant]} has no entry"
    # an entry without patterns is reached only as another's variant
    if not entry.get("patterns"):
        assert any(entry["key"] in (other.get("percent_key"), other.get("change_key"), other.get("count_key"))
                   for other in CATALOG)


def test_the_catalog_covers_the_standard_plan_indicators():
    standard = {"grdp", "grdp_growth", "grdp_per_capita", "agriculture_growth", "industry_construction_growth",
                "services_growth", "agriculture_share", "industry_construction_share", "services_share",
                "state_budget_revenue", "domestic_revenue", "import_export_revenue", "land_revenue",
                "budget_expenditure", "public_investment_disbursement", "social_investment", "fdi_registered_capital",
                "export_turnover", "import_turnover", "trade_surplus", "retail_sales", "cpi",
                "industrial_production_index", "tourist_arrivals", "tourism_revenue", "labour_productivity",
                "trained_labour_rate", "unemployment_rate", "poverty_rate", "health_insurance_coverage",
                "doctors_per_10000", "hospital_beds_per_10000", "new_rural_communes", "urbanisation_rate",
                "forest_cover", "clean_water_rate", "solid_waste_collection", "new_enterprises"}
    assert standard <= set(KEYS)


@pytest.mark.parametrize("key", ["unemployment_rate", "poverty_rate", "poor_households", "cpi", "inflation",
                                 "trade_deficit", "budget_deficit", "malnutrition_rate"])
def test_lower_is_better_where_less_is_the_aim(key):
    assert indicator_keys.catalog().by_key[key].lower_is_better


def test_a_figure_whose_type_cannot_measure_a_key_gets_none():
    # a sum of money is no rate, a duration no interest rate
    assert indicators.indicator_key("hỗ trợ hộ nghèo", "money") is None
    assert indicators.indicator_key("lãi suất kỳ hạn", "quantity") is None
    assert indicators.indicator_key("lãi suất kỳ hạn", "percent") == "interest_rate"


def test_the_shares_of_the_economy_have_no_better_direction():
    assert indicator_keys.catalog().by_key["services_share"].lower_is_better is None
    assert indicator_keys.catalog().by_key["agricultural_labour_share"].lower_is_better is True


def test_rows_for_the_indicators_table():
    rows = indicator_keys.rows()
    assert [row["key"] for row in rows] == KEYS
    grdp = next(row for row in rows if row["key"] == "grdp_growth")
    assert grdp == {"key": "grdp_growth", "label": "Tốc độ tăng trưởng GRDP (GDP)",
                    "unit_basis": "growth_rate", "lower_is_better": 0, "by_place": 1}
    assert next(row for row in rows if row["key"] == "business_revenue")["by_place"] == 0


def test_the_table_rows_read_off_the_rule_file_say_what_the_catalog_says():
    """``rows`` reads the rule file without compiling the catalog; it must not drift from it."""
    assert indicator_keys.rows() == [
        {"key": e.key, "label": e.label, "unit_basis": e.unit,
         "lower_is_better": None if e.lower_is_better is None else int(e.lower_is_better),
         "by_place": int(e.by_place)}
        for e in indicator_keys.catalog().entries]
