"""LOC: the admin-unit gazetteer, its lookups and the 2025 reorganisation (rule-file examples: test_entity_examples)."""
from __future__ import annotations

import pytest

from pipeline.entities import gazetteer, resolve as entities


@pytest.mark.parametrize("name, level, official, province", [
    ("Quảng Ninh", "tỉnh", "Tỉnh Quảng Ninh", ""),
    ("Mỹ Xuyên", "huyện", "Huyện Mỹ Xuyên", "Tỉnh Sóc Trăng"),
    ("Ngọc Đông", "xã", "Xã Ngọc Đông", "Tỉnh Sóc Trăng"),
    ("Bắc Từ Liêm", "quận", "Quận Bắc Từ Liêm", "Thành phố Hà Nội"),
    ("Thanh Hoá", "tỉnh", "Tỉnh Thanh Hóa", ""),  # old tone placement finds the same province
])
def test_gazetteer_lookup(name, level, official, province):
    unit = gazetteer.gazetteer().lookup(name, (level,), context="Sóc Trăng")
    assert unit is not None
    assert unit.official_name == official
    assert unit.province == province


@pytest.mark.parametrize("old, merged_into", [
    ("Sóc Trăng", "Thành phố Cần Thơ"),  # provinces merged on 2025-07-01
    ("Hà Giang", "Tỉnh Tuyên Quang"),
    ("Bình Dương", "Thành phố Hồ Chí Minh"),
])
def test_merged_province_normalisation(old, merged_into):
    unit = gazetteer.gazetteer().lookup(old, ("tỉnh",))
    assert unit.merged_into == merged_into
    text = f"Đoàn công tác làm việc tại tỉnh {old} hôm qua."
    [loc] = [e for e in entities.find_entities_in_text(text) if e.type == "LOC"]
    assert loc.text == f"tỉnh {old}"
    assert loc.detail == {"level": "tỉnh", "official_name": f"Tỉnh {old}", "province": "", "merged_into": merged_into}


def test_unchanged_province_has_no_successor():
    unit = gazetteer.gazetteer().lookup("Quảng Ninh", ("tỉnh",))
    assert unit.merged_into == ""


@pytest.mark.parametrize("alias", ["TP.HCM", "TPHCM", "TP. HCM", "Sài Gòn"])
def test_abbreviations_of_ho_chi_minh_city(alias):
    text = f"Giá nhà ở {alias} tiếp tục tăng."
    [loc] = [e for e in entities.find_entities_in_text(text) if e.type == "LOC"]
    assert loc.text == alias
    assert loc.normalized == "Thành phố Hồ Chí Minh"


def test_admin_unit_in_capitals_in_a_header():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 12/KH-UBND"
    locs = [e for e in entities.find_entities_in_text(text) if e.type == "LOC"]
    assert [(e.text, e.normalized) for e in locs] == [("TỈNH BẮC NINH", "Tỉnh Bắc Ninh")]


@pytest.mark.parametrize("text", [
    "Ông Hòa Bình nói rằng giá đã tăng.",  # a person's name that is also a province
    "Nhu cầu Thị trường tăng mạnh.",  # a head word inside another word
    "Xã hội hóa giáo dục là chủ trương lớn.",
])
def test_not_places(text):
    assert [e.text for e in entities.find_entities_in_text(text) if e.type == "LOC"] == []


def test_spelling_key_joins_tone_placements():
    assert gazetteer.spelling_key("Khánh Hoà") == gazetteer.spelling_key("khánh hòa")
    assert gazetteer.spelling_key("Bà Rịa-Vũng Tàu") == gazetteer.spelling_key("Bà Rịa - Vũng Tàu")


def test_committed_gazetteer_is_what_the_generator_builds():
    import csv
    import importlib.util
    import json

    from pipeline.paths import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location("build_gazetteer", PROJECT_ROOT / "scripts" / "build_gazetteer.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    built = builder.rows(json.loads(builder.SOURCE.read_text(encoding="utf-8")))
    with open(gazetteer.GAZETTEER_FILE, encoding="utf-8", newline="") as handle:
        committed = list(csv.DictReader(handle, delimiter="\t"))
    assert committed == built
