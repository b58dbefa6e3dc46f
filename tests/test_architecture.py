"""The house rules of lib/ and views/, checked: every module placed in a layer, imports at the top,
one concern per module said on its first line, no module over about 300 lines.

`lint-imports` (run by scripts/test.sh) checks the layer contract itself; this test makes sure the
contract covers every module, so a new module cannot slip in unplaced.
"""

from __future__ import annotations

import ast
import tomllib

from tests.conftest import ROOT

MAX_LINES = 310  # "about 300": a module that grows past this is doing two things
# The one exception: every cache of the app lives in lib/services.py by rule (one typed function
# per view model), so it grows with the pages; split it by concern only if it passes this.
LONGER = {"lib.services": 380}


def _modules() -> dict[str, object]:
    out = {}
    for path in sorted([*(ROOT / "lib").rglob("*.py"), *(ROOT / "views").glob("*.py")]):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        out[name] = path
    return out


def _layered() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    names = set()
    for contract in config["contracts"]:
        for layer in contract.get("layers", []):
            names |= {m.strip() for m in layer.split("|")}
    return names


def test_every_module_is_in_a_layer():
    layered = _layered()
    missing = []
    for name in _modules():
        if name in ("lib", "lib.ui", "views") or name.startswith("views."):
            continue  # packages themselves, and page scripts (all in the "views" layer)
        if name not in layered and not any(name.startswith(p + ".") for p in layered if p == "lib.ui"):
            missing.append(name)
    assert missing == [], f"add these modules to a layer in pyproject.toml [tool.importlinter]: {missing}"


def test_no_import_inside_a_function():
    found = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        found.append(f"{name}:{inner.lineno}")
    assert found == [], f"imports inside functions (move them to the top): {found}"


def test_each_module_says_its_one_concern_first():
    for name, path in _modules().items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{name} has no first line saying what it is for"


def test_no_module_is_too_long():
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGER.get(name, MAX_LINES)
    }
    assert long == {}, f"split these modules by concern: {long}"


def test_there_is_no_grab_bag_module():
    assert not {"utils", "helpers", "misc", "common"} & {n.rsplit(".", 1)[-1] for n in _modules()}
