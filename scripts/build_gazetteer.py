"""Build rules/gazetteer/admin_units.tsv from the administrative-unit data underthesea ships.

underthesea's address module carries the 2025 reorganisation (63 provinces → 34, districts
abolished, communes merged) as one record per old commune. The place finder needs the names
the other way round: every province, district and commune by name, with its level word, its
official name, its province and the unit it now belongs to. This script flattens the mapping
into that table once, so the run never parses the 5 MB JSON.

Usage: .venv/bin/python scripts/build_gazetteer.py  (rewrites the TSV; commit the result)
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import underthesea.address

SOURCE = Path(underthesea.address.__file__).parent / "data" / "mapping.json"
TARGET = Path(__file__).resolve().parent.parent / "rules" / "gazetteer" / "admin_units.tsv"

# Official level words, longest first, as the mapping spells them; lower-cased in the output.
LEVEL_WORDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "Phường")
COLUMNS = ("level", "name", "official_name", "province", "era", "merged_into")


def split_level(official: str) -> tuple[str, str]:
    """'Huyện Mỹ Xuyên' → ('huyện', 'Mỹ Xuyên'); a name with no level word keeps level ''."""
    official = unicodedata.normalize("NFC", official.strip())
    for word in LEVEL_WORDS:
        if official.startswith(word + " "):
            return word.lower(), official[len(word) + 1:].strip()
    return "", official


def rows(data: dict) -> list[dict[str, str]]:
    new_names = {key: info["name"] for key, info in data["province_names"].items()}
    out: dict[tuple[str, str, str, str], dict[str, str]] = {}

    def add(official: str, province: str, era: str, merged_into: str) -> None:
        level, name = split_level(official)
        if not name:
            return
        key = (level, name, province, era)
        if key not in out:
            out[key] = {"level": level, "name": name, "official_name": unicodedata.normalize("NFC", official),
                        "province": province, "era": era, "merged_into": merged_into}

    for key, info in data["old_province_names"].items():
        merged = new_names.get(data["province_mapping"].get(key, ""), "")
        add(info["name"], "", "old", "" if merged == info["name"] else merged)
    for info in data["province_names"].values():
        add(info["name"], "", "new", "")
    district_targets: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for record in data["ward_mapping"]:
        district_targets[(record["old_district"], record["old_province"])][record["new_province"]] += 1
        if record["old_ward"]:
            merged = f'{record["new_ward"]}, {record["new_province"]}'
            same = record["old_ward"] == record["new_ward"] and record["old_province"] == record["new_province"]
            add(record["old_ward"], record["old_province"], "old", "" if same else merged)
        if record["new_ward"]:
            add(record["new_ward"], record["new_province"], "new", "")
    for (district, province), targets in district_targets.items():
        add(district, province, "old", targets.most_common(1)[0][0])
    return sorted(out.values(), key=lambda r: (r["era"], r["province"], r["level"], r["name"]))


def main() -> None:
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    table = rows(data)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(table)} units written to {TARGET}")


if __name__ == "__main__":
    main()
