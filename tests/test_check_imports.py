"""scripts/check_imports.py, the import contract's checker, on small packages written here: a
layered package passes, and each way of breaking the contract (a back-import, two independent
modules importing each other, a cycle, a function-level import, a module in no layer) is reported.
The pipeline itself is checked against the target layout's file (scripts/import_layers.yml) once
the move of issue 13 lands."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import load_script

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
check_imports = load_script("check_imports")

LAYERS = """
package: shop
slow_libraries_imported_in_functions: [underthesea]
contracts:
  - name: stages
    layers:
      - cli
      - run
      - finders
      - prices | names
      - records, rules
  - name: finders
    container: finders
    layers:
      - resolve
      - people | places
      - shared
"""

CLEAN = {
    "__init__.py": "",
    "cli.py": "from . import run\n",
    "run.py": "from .finders import resolve\nfrom . import prices, names\n",
    "finders/__init__.py": "",
    "finders/resolve.py": "from . import people, places\n",
    "finders/people.py": "from .shared import surname\nfrom ..records import Entity\n",
    "finders/places.py": "from . import shared\nfrom .. import rules\n",
    "finders/shared.py": "import re\nfrom shop.names import NAME\nsurname = re.compile(NAME)\n",
    "prices.py": "from .records import Entity\n\n\ndef segment(text):\n    import underthesea\n    return underthesea.sent_tokenize(text)\n",
    "names.py": "from . import rules\nNAME = 'x'\n",
    "records.py": "from . import rules\nEntity = dict\n",
    "rules.py": "import yaml\n",
}


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "shop" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    layers = root / "layers.yml"
    layers.write_text(LAYERS, encoding="utf-8")
    return layers


def violations(tmp_path: Path, files: dict[str, str]) -> list[str]:
    layers = write_package(tmp_path, files)
    return [f"{v.kind}: {v.message}" for v in check_imports.check(tmp_path, check_imports.Rules.load(layers))]


@pytest.fixture
def clean():
    return dict(CLEAN)


def test_a_layered_package_passes(tmp_path, clean):
    assert violations(tmp_path, clean) == []
    assert check_imports.main(["--root", str(tmp_path), "--layers", str(tmp_path / "layers.yml")]) == 0


def test_a_back_import_fails(tmp_path, clean):
    clean["names.py"] += "from . import run\n"
    found = violations(tmp_path, clean)
    assert "layer: shop.names (names) imports the higher shop.run (run) [stages]" in found
    assert any(v.startswith("cycle: ") and "shop.names→shop.run (line 3)" in v for v in found)
    assert check_imports.main(["--root", str(tmp_path), "--layers", str(tmp_path / "layers.yml")]) == 1


def test_a_back_import_inside_a_container_fails(tmp_path, clean):
    clean["finders/shared.py"] += "from .places import *\n"
    found = violations(tmp_path, clean)
    assert "layer: shop.finders.shared (shared) imports the higher shop.finders.places (places) [finders]" in found


def test_independent_finders_may_not_call_each_other(tmp_path, clean):
    clean["finders/people.py"] += "from . import places\n"
    assert violations(tmp_path, clean) == [
        "independence: shop.finders.people (people) imports shop.finders.places (places), independent of it [finders]"]


def test_a_cycle_hidden_in_a_function_is_a_cycle_and_a_function_import(tmp_path, clean):
    clean["rules.py"] = "def load():\n    from . import records\n    return records\n"
    found = violations(tmp_path, clean)
    assert "function-import: shop.rules imports shop.records inside a function" in found
    assert "cycle: shop.records ↔ shop.rules: shop.records→shop.rules (line 1), shop.rules→shop.records (line 2)" in found


def test_only_listed_slow_libraries_may_be_imported_in_a_function(tmp_path, clean):
    clean["prices.py"] += "\n\ndef parse(text):\n    import json\n    return json.loads(text)\n"
    assert violations(tmp_path, clean) == ["function-import: shop.prices imports json inside a function"]


def test_the_shell_may_load_lower_stages_on_first_use_but_not_upward_or_in_a_cycle(tmp_path, clean):
    clean["cli.py"] = "def main():\n    from . import run\n    return run\n"
    layers = write_package(tmp_path, clean)
    text = layers.read_text(encoding="utf-8") + "modules_loading_the_pipeline_on_first_use: [cli]\n"
    layers.write_text(text, encoding="utf-8")
    rules = check_imports.Rules.load(layers)
    assert check_imports.check(tmp_path, rules) == []
    clean["run.py"] += "\n\ndef later():\n    from . import cli\n    return cli\n"  # the stages may not do it
    write_package(tmp_path, clean)
    layers.write_text(text, encoding="utf-8")
    found = [f"{v.kind}: {v.message}" for v in check_imports.check(tmp_path, rules)]
    assert "function-import: shop.run imports shop.cli inside a function" in found
    assert any(line.startswith("layer: shop.run (run) imports the higher shop.cli") for line in found)


def test_a_module_in_no_layer_is_reported(tmp_path, clean):
    clean["helpers.py"] = "X = 1\n"
    assert violations(tmp_path, clean) == ["unplaced: shop.helpers is in no layer of 'stages'"]


def test_absolute_and_relative_imports_resolve_alike(tmp_path, clean):
    clean["finders/shared.py"] = "import shop.run\n"
    found = violations(tmp_path, clean)
    assert "layer: shop.finders.shared (finders) imports the higher shop.run (run) [stages]" in found


def test_the_target_layout_file_names_every_stage_of_the_issue():
    rules = check_imports.Rules.load(SCRIPTS / "import_layers.yml")
    stages = rules.contracts[0]
    order = [name for layer in stages.layers for name in layer.names()]
    for higher, lower in [("cli", "run"), ("run", "facts"), ("facts", "entities"), ("facts", "numbers"),
                          ("entities", "segment"), ("numbers", "ingest"), ("entities", "rules"), ("numbers", "records")]:
        assert stages.place(f"pipeline.{higher}")[0] < stages.place(f"pipeline.{lower}")[0], (higher, lower)
    assert {"store", "datasette", "ingest", "segment"} <= set(order)
