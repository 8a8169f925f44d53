"""The import contract of a package, checked over its import graph (the AST of every module).

    python scripts/check_imports.py                       # pipeline/ against scripts/import_layers.yml
    python scripts/check_imports.py --layers FILE --root DIR

The layers file says, highest first, which modules may import which (see scripts/import_layers.yml):
a module may import a module of a lower layer, never one of a higher layer; modules in one layer
separated by ``|`` are independent (neither imports the other), by ``,`` they may import each
other. Besides the layers: no import cycle among the package's modules (function-level imports
included: a cycle hidden in a function is still a cycle), and no import inside a function except
of the slow optional libraries the file lists. Every module of the package must sit in a layer,
so a new module is placed on purpose. Prints one line a violation (``path:line: kind: what``) and
exits 1 when there is any. Needs nothing but the standard library and PyYAML.
"""
from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_LAYERS = HERE / "import_layers.yml"


@dataclass(frozen=True)
class Import:
    """One import statement's target inside the package (or outside it: ``internal`` False)."""
    importer: str
    imported: str
    path: Path
    line: int
    in_function: bool
    internal: bool


@dataclass
class Violation:
    path: Path
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.message}"


@dataclass
class Layer:
    """One layer of a contract: groups of module names; names in different groups are independent."""
    groups: list[list[str]] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> Layer:
        return cls([[name.strip() for name in group.split(",") if name.strip()] for group in text.split("|")])

    def names(self) -> list[str]:
        return [name for group in self.groups for name in group]

    def group_of(self, name: str) -> int:
        return next(i for i, group in enumerate(self.groups) if name in group)


@dataclass
class Contract:
    """Layers over the modules of one container (the package, or a subpackage of it)."""
    name: str
    container: str
    layers: list[Layer]

    def place(self, module: str) -> tuple[int, str] | None:
        """(layer index, layer name) of a module inside the container, None outside it (or the
        container itself) and for a module no layer names."""
        if not module.startswith(self.container + "."):
            return None
        rest = module[len(self.container) + 1:]
        for index, layer in enumerate(self.layers):
            for name in layer.names():
                if rest == name or rest.startswith(name + "."):
                    return index, name
        return None


@dataclass
class Rules:
    package: str
    contracts: list[Contract]
    slow_libraries: frozenset[str]
    # modules that may import the package's own lower layers inside a function: the shell, whose
    # ``--help`` should answer before the stages load (the layers and cycles still count them)
    loading_on_first_use: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: Path) -> Rules:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        package = data["package"]
        contracts = []
        for spec in data["contracts"]:
            container = package + (f".{spec['container']}" if spec.get("container") else "")
            contracts.append(Contract(spec["name"], container, [Layer.parse(str(text)) for text in spec["layers"]]))
        return cls(package, contracts, frozenset(data.get("slow_libraries_imported_in_functions") or ()),
                   frozenset(f"{package}.{name}" for name in data.get("modules_loading_the_pipeline_on_first_use") or ()))


def module_names(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package under ``root``: dotted name → file."""
    modules = {}
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(module: str, path: Path, modules: dict[str, Path], package: str) -> list[Import]:
    """The imports one module makes, each resolved to a module of the package when it names one."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def internal(name: str) -> str | None:
        """The longest module of the package that ``name`` names or lies in."""
        while name:
            if name in modules:
                return name
            name = name.rpartition(".")[0]
        return None

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    target = internal(alias.name) if alias.name.split(".")[0] == package.split(".")[0] else None
                    found.append(Import(module, target or alias.name, path, child.lineno, in_function, target is not None))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base_parts = module.split(".") if is_package else module.split(".")[:-1]
                    base_parts = base_parts[:len(base_parts) - (child.level - 1)]
                    base = ".".join(base_parts + ([child.module] if child.module else []))
                else:
                    base = child.module or ""
                for alias in child.names:
                    candidate = f"{base}.{alias.name}"
                    target = candidate if candidate in modules else internal(base)
                    if target is not None:
                        found.append(Import(module, target, path, child.lineno, in_function, True))
                    else:
                        found.append(Import(module, base, path, child.lineno, in_function, False))
            visit(child, nested)

    visit(tree, False)
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def strong(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                strong(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(1000, 10 * len(edges) + 100))
    for node in sorted(edges):
        if node not in index:
            strong(node)
    return sorted(found)


def check(root: Path, rules: Rules) -> list[Violation]:
    """Every way the package under ``root`` breaks the rules."""
    modules = module_names(root, rules.package)
    if not modules:
        return [Violation(root, 0, "missing", f"no package {rules.package} under {root}")]
    all_imports = [imp for module, path in modules.items() for imp in imports_of(module, path, modules, rules.package)]
    violations: list[Violation] = []
    top = rules.contracts[0]
    for module, path in modules.items():
        if module != rules.package and top.place(module) is None:
            violations.append(Violation(path, 1, "unplaced", f"{module} is in no layer of '{top.name}'"))
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in all_imports:
        if imp.in_function and not (not imp.internal and imp.imported.split(".")[0] in rules.slow_libraries) \
                and not (imp.internal and imp.importer in rules.loading_on_first_use):
            violations.append(Violation(imp.path, imp.line, "function-import",
                                        f"{imp.importer} imports {imp.imported} inside a function"))
        if not imp.internal or imp.imported == imp.importer:
            continue
        edges[imp.importer].add(imp.imported)
        if imp.importer.startswith(imp.imported + "."):
            continue  # a module importing its own package: Python has loaded it already
        for contract in rules.contracts:
            source, target = contract.place(imp.importer), contract.place(imp.imported)
            if source is None or target is None or source[1] == target[1]:
                continue
            (source_layer, source_name), (target_layer, target_name) = source, target
            if target_layer < source_layer:
                violations.append(Violation(imp.path, imp.line, "layer",
                                            f"{imp.importer} ({source_name}) imports the higher {imp.imported} "
                                            f"({target_name}) [{contract.name}]"))
            elif target_layer == source_layer:
                layer = contract.layers[source_layer]
                if layer.group_of(source_name) != layer.group_of(target_name):
                    violations.append(Violation(imp.path, imp.line, "independence",
                                                f"{imp.importer} ({source_name}) imports {imp.imported} "
                                                f"({target_name}), independent of it [{contract.name}]"))
    for component in cycles(edges):
        members = set(component)
        where = [imp for imp in all_imports if imp.importer in members and imp.imported in members]
        first = min(where, key=lambda imp: (str(imp.path), imp.line))
        detail = ", ".join(dict.fromkeys(f"{imp.importer}→{imp.imported} (line {imp.line})" for imp in
                                         sorted(where, key=lambda imp: (imp.importer, imp.line))))
        violations.append(Violation(first.path, first.line, "cycle", f"{' ↔ '.join(component)}: {detail}"))
    return sorted(violations, key=lambda v: (v.kind, str(v.path), v.line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", type=Path, default=DEFAULT_LAYERS, help="the layers file (YAML)")
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the folder holding the package")
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    violations = check(args.root, Rules.load(args.layers))
    for violation in violations:
        if violation.path.is_relative_to(args.root.resolve()):
            violation.path = violation.path.relative_to(args.root.resolve())
        print(violation)
    print(f"{len(violations)} violations" if violations else "the import contract holds", file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
