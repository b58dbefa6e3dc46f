"""Docs and code agree (datasette-style): a column, route, module or setting that exists in code but
not in the docs, or the other way round, fails here."""

from __future__ import annotations

import importlib.util
import re
import tomllib

from lib import routes, schema
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## )", text, re.S | re.M)
    assert m, f"README has no section '## {heading}'"
    return m.group(1)


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_data_readme_column_tables_are_the_schema():
    docs = _script("build_docs")
    text = docs.README.read_text(encoding="utf-8")
    assert docs.render(text) == text, "run .venv/bin/python scripts/build_docs.py"
    listed = set(docs.BLOCK.findall(text) and [m.group("file") for m in docs.BLOCK.finditer(text)])
    assert listed == set(schema.COLUMNS), "every data file has its column table in data/README.md"


def test_readme_lists_every_route_and_no_other():
    urls = _section(README, "URLs")
    documented = {m.strip("/").split("?")[0] for m in re.findall(r"`(/[a-z]*)[?`]", urls)}
    assert documented == {r.path for r in routes.ROUTES}


def test_readme_layout_lists_every_module():
    layout = _section(README, "Project layout")
    modules = {p.relative_to(ROOT / "lib").with_suffix("").as_posix() for p in (ROOT / "lib").rglob("*.py")}
    modules -= {"__init__", "ui/__init__"}
    named = set()
    for line in layout.splitlines():
        m = re.match(r"(\s+)((?:ui/)?[\w, /.]+?\.py)\s", line)
        if m:  # lib's modules are indented by two spaces, those of lib/ui/ (listed under "ui/") by four
            inside = "ui/" if len(m.group(1)) >= 4 else ""
            named |= {inside + x.strip().removesuffix(".py") for x in m.group(2).split(",")}
    assert modules - named == set(), "modules missing from the README's project layout"
    assert named - modules == set(), "the README's project layout names modules that do not exist"


def test_readme_settings_are_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for section, key, value in re.findall(r"`(\w+)\.(\w+) = ([^`]+)`", README):
        assert section in config and key in config[section], f"README mentions {section}.{key}, not in config.toml"
        assert str(config[section][key]).lower() == value.strip('"').lower(), f"{section}.{key} differs from the README"


def test_summary_limit_is_one_number():
    assert f"at most {schema.MAX_SUMMARY_WORDS} words" in (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert f"<= {schema.MAX_SUMMARY_WORDS} words" in (ROOT / "curation" / "SPEC.md").read_text(encoding="utf-8")
