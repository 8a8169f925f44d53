"""The import contract of issue 13 holds for pipeline/: layers (scripts/import_layers.yml), no cycle,
no function-level import but of slow optional libraries. scripts/check_imports.py prints the
violations; tests/test_check_imports.py shows it fails on a back-import."""
from __future__ import annotations

from conftest import load_script

check_imports = load_script("check_imports")


def test_pipeline_keeps_its_import_contract():
    rules = check_imports.Rules.load(check_imports.DEFAULT_LAYERS)
    violations = check_imports.check(check_imports.HERE.parent, rules)
    assert not violations, "\n".join(str(v) for v in violations)
