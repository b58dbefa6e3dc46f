"""Bad input, end to end: every case of `tests/bad_input_cases.py` through the loader, the curator
CLI and the app; hostile text through the pages and the CSV exports; hostile URL parameters on every
route. The curated `data/` folder is checked byte-for-byte before and after.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import export, routes
from lib import validate as cli
from lib.load import ENV_VAR, load_dataset
from lib.schema import Problem
from tests.bad_input_cases import CASES, FOLDER, Case, build
from tests.conftest import ROOT, tiny_tables, write_tables
from tests.deadlines import STEP_S

PAGES = list(routes.NAMES)
HEADINGS = {
    "overview": "Migration Practice Atlas",
    "map": "World map",
    "heatmap": "Issue-area heatmap",
    "country": "Country profiles",
    "practices": "Practices",
    "statistics": "Key statistics",
    "about": "About the data",
    "story": "Your story",
}
# What a curator must never see in a problem: Python internals instead of an explanation.
UNREADABLE = re.compile(r"Traceback|KeyError|ValueError|TypeError|IndexError|dtype\(|Error\(|object at 0x|\\x[0-9a-f]{2}|<class ")
UNESCAPED_TAG = re.compile(r"(?<!\\)<[A-Za-z!/]")  # markup that Markdown with HTML enabled would keep
UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")  # the '](' of a Markdown link or image
CODE_SPAN = re.compile(r"`[^`]*`")  # inline code is shown literally
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# The curated data is never modified --------------------------------------------------------------


def _digests() -> dict[str, str]:
    data = ROOT / "data"
    return {str(p.relative_to(data)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def curated_data_untouched():
    before = _digests()
    yield
    after = _digests()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"files under data/ were added, removed or changed while the bad-input tests ran: {changed}"


# Helpers -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """Each case's folder, built once and shared by its tests (each case has its own folder, and
    nothing writes to it after building, so the app's cache key stays valid)."""
    built = {}

    def folder(case: Case):
        if case.id not in built:
            built[case.id] = build(case, tmp_path_factory.mktemp(case.id))
        return built[case.id]

    return folder


def case_params(cases):
    return [pytest.param(c, id=c.id) for c in cases]


def expected_file(case: Case, folder) -> str:
    return str(folder) if case.expect.file == FOLDER else case.expect.file


def matching(case: Case, folder, problems: list[Problem]) -> list[Problem]:
    e = case.expect
    file = expected_file(case, folder)
    return [p for p in problems if (p.file, p.row, p.column) == (file, e.row, e.column) and e.fragment in p.message]


def run_page(folder, monkeypatch, page: str, params: dict | None = None) -> AppTest:
    monkeypatch.setenv(ENV_VAR, str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=STEP_S)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(routes.route(page).view)
    return at.run()


def assert_page_outcome(case: Case, folder, at: AppTest, page: str) -> None:
    assert not at.exception, at.exception[0].stack_trace if at.exception else ""
    if case.expect.outcome == "error":
        assert at.error and "could not be loaded" in at.error[0].value
        report = at.dataframe[0].value
        rows = {(str(r[0]), "" if pd.isna(r[1]) else str(int(r[1])), str(r[2])) for r in report.itertuples(index=False)}
        e = case.expect
        assert (expected_file(case, folder), "" if e.row is None else str(e.row), e.column or "") in rows, rows
    else:
        assert not at.error, [x.value for x in at.error]
        assert at.title and at.title[0].value == HEADINGS[page]


def markdown_text(at: AppTest) -> tuple[list[str], list[str]]:
    """(bodies, labels): text Streamlit renders as Markdown. Labels never render HTML, but do render
    links and images; bodies are checked for both."""
    kinds = ("markdown", "title", "header", "subheader", "caption", "info", "warning", "error", "success")
    bodies = [el.value for kind in kinds for el in at.get(kind)]
    labels = [el.label for el in at.get("expander")] + [el.proto.label for el in at.get("page_link")]
    labels += [el.label for el in at.get("tab")]
    return [b for b in bodies if isinstance(b, str)], [lb for lb in labels if isinstance(lb, str)]


def assert_inert(at: AppTest, markers=("evil", "alert")) -> None:
    bodies, labels = markdown_text(at)
    for text in bodies + labels:
        if not any(m in text for m in markers):
            continue
        shown = CODE_SPAN.sub("", text)
        assert not UNESCAPED_LINK.search(shown), f"Markdown link or image from data rendered: {text!r}"
        if text in bodies:
            assert not UNESCAPED_TAG.search(shown), f"HTML from data reached Markdown unescaped: {text!r}"


# (1) the loader and (2) the curator CLI -----------------------------------------------------------


@pytest.mark.parametrize("case", case_params(CASES))
def test_loader_and_cli_outcome(case, folders, capsys):
    folder = folders(case)
    result = load_dataset(folder)
    messages = [str(p) for p in result.problems]
    for m in messages:
        assert not UNREADABLE.search(m) and m.isprintable(), f"unreadable problem: {m!r}"
    code = cli.main([str(folder)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.expect.outcome == "fallback":
        assert result.ok and result.problems == [], messages
        assert code == 0 and out.startswith("OK:"), out
        return
    assert not result.ok
    located = matching(case, folder, result.problems)
    assert located, f"no problem at {case.expect}; got:\n" + "\n".join(messages)
    if case.expect.only_files:
        assert {p.file for p in result.problems} <= set(case.expect.only_files), messages
    assert code == 1
    assert f"  - {located[0]}" in out.splitlines(), out[:2000]


# (3) the app: every case on the overview, some on every page ---------------------------------------


@pytest.mark.parametrize("case", case_params(CASES))
def test_app_overview(case, folders, monkeypatch):
    folder = folders(case)
    assert_page_outcome(case, folder, run_page(folder, monkeypatch, "overview"), "overview")


@pytest.mark.parametrize("page", [p for p in PAGES if p != "overview"])
@pytest.mark.parametrize("case", case_params([c for c in CASES if c.all_pages]))
def test_app_every_page(case, page, folders, monkeypatch):
    folder = folders(case)
    at = run_page(folder, monkeypatch, page, {"iso3": "PHL"} if page == "country" else None)
    assert_page_outcome(case, folder, at, page)


# Hostile text: rendered inertly, exported neutralised ------------------------------------------------


def _inert_params():
    for c in CASES:
        for page, params in c.inert:
            marks = [pytest.mark.xfail(strict=True, reason=c.xfail[page])] if page in c.xfail else []
            yield pytest.param(c, page, params, id=f"{c.id}-{page}", marks=marks)


@pytest.mark.parametrize("case,page,params", list(_inert_params()))
def test_hostile_text_renders_inertly(case, page, params, folders, monkeypatch):
    folder = folders(case)
    at = run_page(folder, monkeypatch, page, params)
    assert not at.exception and not at.error
    assert_inert(at)


def exported_cells(folder) -> list[str]:
    """Every cell of the practices, country (PHL) and statistics CSV downloads."""
    ds = load_dataset(folder).dataset
    frames = [export.practice_export(ds, ds.practices), export.country_export(ds, "PHL"), ds.statistics]
    cells = []
    for frame in frames:
        text = export.to_csv_bytes(frame).decode("utf-8-sig")
        cells += [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    return cells


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("case", case_params([c for c in CASES if c.export_payload]))
def test_formula_cells_are_neutralised_in_exports(case, folders):
    cells = exported_cells(folders(case))
    assert "'" + case.export_payload in cells
    live = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert live == []


# URL parameters on every route -------------------------------------------------------------------

LONG = "x" * 10_000
XSS = "<img src=x onerror=alert(1)>"
RTL = "\u202e\u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u202c\ufeff\U0001f600\u0301"
NAMES = (
    "iso3",
    "metric",
    "q",
    "issue",
    "gcm",
    "actor",
    "period",
    "source",
    "scope",
    "country",
    "rows",
    "cols",
    "sort",
    "top",
    "lang",
    "view",
    "section",
    "story",
    "step",
    "compare",
)
URL_CASES = {
    "unknown-values": {
        "iso3": "ZZZ",
        "metric": "stat:nope",
        "issue": "nope",
        "gcm": "0,24,x",
        "country": "ZZZ",
        "rows": "nope",
        "source": "nope",
        "actor": "robot",
        "lang": "xx",
        "view": "moon",
        "section": "nope",
        "story": "nope",
        "step": "99",
    },
    "injected-markup": {k: XSS for k in NAMES},
    "very-long-values": {k: LONG for k in NAMES},
    "unicode-rtl-junk": {k: RTL for k in NAMES},
    "repeated-keys": {
        "iso3": ["PHL", "ZZZ"],
        "metric": ["practices", XSS],
        "q": ["a", "b"],
        "top": ["15", "-1"],
        "issue": ["skills", "data"],
        "lang": ["fr", "xx"],
    },
    "negative-numbers": {"top": "-5", "gcm": "-3", "q": "-1"},
    "huge-numbers": {"top": "9" * 190, "gcm": "9" * 150, "iso3": "9" * 100},
}
NOTE_PAGES = {"map", "heatmap", "practices", "country"}  # pages that read these parameters and say what was dropped


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("url") / "data", tiny_tables())


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", list(URL_CASES))
def test_url_parameters_are_calm(kind, page, tiny_folder, monkeypatch):
    at = run_page(tiny_folder, monkeypatch, page, URL_CASES[kind])
    assert not at.exception, at.exception[0].stack_trace if at.exception else ""
    assert not at.error and at.title[0].value == HEADINGS[page]
    bodies, labels = markdown_text(at)
    for text in bodies + labels:
        assert "x" * 300 not in text and "\u202e" not in text, f"URL value echoed: {text[:120]!r}"
        assert not (UNESCAPED_TAG.search(text) and "onerror" in text), f"URL markup echoed: {text!r}"
    if kind == "unknown-values" and page in NOTE_PAGES:
        assert at.info, "a calm note should say that link values were ignored"
