"""AppTest from the entrypoint: every route renders without exception, with real and broken data."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from lib import i18n, routes, search, services
from lib.ui import shell
from tests.conftest import ROOT, tiny_tables, write_tables
from tests.deadlines import STEP_S

PAGES = list(routes.NAMES)  # every route of lib/routes.py
HEADINGS = {name: i18n.catalog("en")[f"{name}.title"] for name in PAGES}  # each page's h1, from en.json


def run(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=STEP_S)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.switch_page(routes.route(page).view)
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page):
    at = run(page, {"iso3": "PHL"} if page == "country" else None)
    assert not at.exception, at.exception
    assert at.title[0].value == HEADINGS[page]
    assert not at.error


def _is_preload(chart) -> bool:
    data = json.loads(chart.proto.spec)["data"]
    return len(data) == 1 and data[0].get("locations") == [shell.PRELOAD_ISO3]


@pytest.mark.parametrize("page", PAGES)
def test_a_first_visit_preloads_plotly_only_where_the_page_draws_charts(page):
    at = run(page, {"iso3": "PHL"} if page == "country" else None)
    charts = at.get("plotly_chart")
    assert sum(map(_is_preload, charts)) == routes.route(page).charts
    if not routes.route(page).charts:
        assert charts == [], f"{page} draws charts: declare charts=True in lib/routes.py"


@pytest.mark.parametrize(
    "page,params",
    [
        ("country", {"iso3": "ZZZ"}),
        ("country", {"iso3": "<script>alert(1)</script>"}),
        ("country", {"iso3": "x" * 5000}),
        ("map", {"metric": "nope", "issue": "bad,<b>", "gcm": "99"}),
        ("heatmap", {"rows": "x", "top": "-1"}),
        ("practices", {"q": "<script>", "actor": "zzz"}),
        ("map", {"lang": "xx"}),
    ],
)
def test_bad_url_parameters_are_calm(page, params):
    at = run(page, params)
    assert not at.exception and not at.error
    assert "<script>" not in "".join(m.value for m in at.markdown)


def test_map_metric_from_url():
    at = run("map", {"metric": "stat:returns_total"})
    assert at.selectbox(key="map_metric").value == "stat:returns_total"
    assert "India" in " ".join(m.value for m in at.markdown)


def test_country_search_box_finds_aliases():
    at = run("country")
    at.text_input(key="country_q").input("Ivory Coast").run()
    assert not at.exception
    assert any("Côte d'Ivoire" in h.value for h in at.header)


def test_invalid_data_shows_located_report(tmp_path, monkeypatch):
    t = tiny_tables()
    t["practices.csv"].loc[0, "countries"] = "PHX"
    t["practices.csv"].loc[1, "practice_id"] = t["practices.csv"].loc[0, "practice_id"]
    t["practices.csv"].loc[2, "issue_areas"] = "nonsense"
    t["statistics.csv"].loc[0, "value"] = "lots"
    monkeypatch.setenv("ATLAS_DATA_DIR", str(write_tables(tmp_path / "bad", t)))
    at = run("map")
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value
    report = at.dataframe[0].value
    assert len(report) >= 4 and set(report.iloc[:, 0]) == {"practices.csv", "statistics.csv"}


def test_tiny_dataset_from_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(write_tables(tmp_path / "tiny", tiny_tables())))
    at = run("overview")
    assert not at.exception and at.metric[0].value == "4"


def test_country_compare_from_url_and_pdf_button():
    at = run("country", {"compare": "PHL,IND,zzz"})
    assert not at.exception and not at.error
    assert at.multiselect(key="compare_pick").value == ["PHL", "IND"]
    assert any(h.value == "Philippines · India" for h in at.header)
    assert len(at.table) == 1 and list(at.table[0].value.columns) == ["Philippines", "India"]
    profile = run("country", {"iso3": "PHL"})
    labels = [b.label for b in profile.get("download_button")]
    assert "Download PDF brief" in labels and "Download CSV" in labels


def test_country_search_box_tolerates_typos():
    at = run("country")
    at.text_input(key="country_q").input("phillipines").run()
    assert not at.exception and any(h.value == "Philippines" for h in at.header)
    assert any("over 200,000 people" in str(t.value.to_numpy()) for t in at.table)


def test_presenter_mode_hides_sidebar_and_controls():
    normal = run("map")
    assert {"map_metric", "lang_select"} <= {w.key for w in normal.selectbox}
    at = run("map", {"present": "1", "metric": "stat:returns_total"})
    assert not at.exception and not at.error
    assert not at.selectbox and not at.multiselect and not at.get("download_button")
    assert [b.label for b in at.button] == ["Exit presenter mode"]
    assert "India" in " ".join(m.value for m in at.markdown)  # the summary sentence stays


def test_story_steps_forward_and_back():
    at = run("map", {"story": "returns-and-reintegration", "step": "1", "present": "1"})
    assert not at.exception
    assert at.button(key="story_prev").disabled and not at.button(key="story_next").disabled
    at.button(key="story_next").click().run()
    assert not at.exception
    assert at.query_params["step"] == "2" and at.title[0].value == "Key statistics"
    assert at.query_params["present"] == "1" and at.query_params["section"] == "returns"  # the step opens its tab
    at.button(key="story_prev").click().run()
    assert at.query_params["step"] == "1" and at.title[0].value == "World map"
    assert at.query_params["metric"] == "stat:returns_total"


TITLE_KEYS = {r.name: r.heading_key for r in routes.ROUTES}  # each page's h1 key


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_french_and_spanish_without_raw_keys(page, lang):
    import re

    catalog = i18n.catalog(lang)  # the locale file plus the route titles of lib/routes.py
    at = run(page, {"lang": lang, **({"iso3": "PHL"} if page == "country" else {})})
    assert not at.exception and not at.error
    assert at.title[0].value == catalog[TITLE_KEYS[page]]
    english = i18n.catalog("en")
    texts = [e.value for kind in ("markdown", "caption", "header", "subheader", "info") for e in getattr(at, kind)]
    texts += [w.label for kind in ("selectbox", "multiselect", "text_input", "button") for w in getattr(at, kind)]
    english_only = {v for k, v in english.items() if catalog.get(k) != v and len(v) > 3}  # English text left in place
    raw = [
        t
        for t in texts
        if isinstance(t, str) and (t in english or t in english_only or re.fullmatch(r"[a-z_]+\.[a-z_.]+", t.strip()))
    ]
    assert raw == [], f"untranslated keys on {page} ({lang}): {raw}"


def test_statistics_page_shows_every_statistic_row():
    from lib.load import load_dataset

    ds = load_dataset(ROOT / "data").dataset
    shown = 0
    for section in ("remittances", "returns", "migrant_workers", "other"):  # one tab is built per run
        at = run("statistics", {"section": section})
        assert not at.exception and not at.info  # a known section: no "ignored" note
        assert [t.label for t in at.tabs] == ["Remittances", "Returns and repatriations", "Migrant workers", "Other figures"]
        shown += sum(len(df.value) for df in at.dataframe)
        assert dict(at.query_params).get("section", "remittances") in (section, [section])  # the first tab needs none
    assert shown == len(ds.statistics)


def test_statistics_opens_the_tab_in_the_url_and_only_builds_that_one():
    at = run("statistics", {"section": "returns"})
    assert not at.exception
    specs = " ".join(c.proto.spec for c in at.get("plotly_chart"))
    assert "returned to Ukraine" in specs and "remittance" not in specs.lower()  # only the returns tab was built
    bad = run("statistics", {"section": "<b>nope</b>"})
    assert not bad.exception and bad.info  # calm note, first tab shown


def test_practice_list_shows_a_page_then_more():
    at = run("practices")
    assert not at.exception
    assert len(at.expander) == 2 + 25 and "Showing 25 of 240." in [c.value for c in at.caption]  # + filters, facets
    at.button(key="pr_more").click().run()
    assert len(at.expander) == 2 + 50 and not at.exception
    at.text_input(key="pr_q").set_value("Philippines").run()  # a new list starts again at one page
    assert len(at.expander) <= 2 + 25 and not at.exception


def test_the_practice_list_does_not_wait_for_the_search_index(monkeypatch):
    # serve.py builds the index in the background after the first page; until then /practices lists
    # and filters every practice, and only a query needs (and waits for) the index
    def not_yet(*_args, **_kwargs):
        raise AssertionError("the search index was built for a page without a query")

    services._search_index.clear()
    services._practice_search.clear()
    monkeypatch.setattr(search, "build_index", not_yet)
    at = run("practices", {"actor": "government"})
    assert not at.exception and not at.error
    assert any(c.value.startswith("Showing 25 of ") for c in at.caption)
    monkeypatch.undo()
    at.text_input(key="pr_q").set_value("Philippines").run()
    assert not at.exception and "Philippines" in " ".join(c.value for c in at.caption)


def test_the_map_table_is_built_when_its_panel_opens():
    # closed, the table costs the browser nothing while plotly.js starts (bench/RESULTS.md, session 13)
    at = run("map")
    assert not at.exception and at.dataframe == [] and "The numbers behind the map" in [e.label for e in at.expander]
    at.session_state["map_table"] = True  # what opening the panel does (on_change="rerun")
    at.run()
    assert not at.exception and len(at.dataframe) == 1
    table = at.dataframe[0].value
    assert list(table.columns) == ["Country", "ISO3", "Value", "Sources"] and len(table) > 100


def test_map_zoom_is_in_the_url_and_a_bad_one_is_calm():
    at = run("map", {"view": "caribbean"})
    assert not at.exception and at.selectbox(key="map_view").value == "caribbean"
    assert at.query_params["view"] == "caribbean"
    bad = run("map", {"view": "<b>moon</b>"})
    assert not bad.exception and bad.selectbox(key="map_view").value == "world" and bad.info


def test_problem_table_goes_to_the_browser_as_one_arrow_table():
    import pyarrow as pa

    from lib.schema import Problem
    from lib.ui.shell import problems_frame

    frame = problems_frame([Problem("a.csv", None, None, "file is empty"), Problem("b.csv", 3, "iso3", "unknown code")])
    schema = pa.Table.from_pandas(frame).schema  # raised ArrowTypeError when rows mixed numbers and blanks
    assert pa.types.is_integer(schema.field("Row").type) and frame["Row"].isna().tolist() == [True, False]


def _all_text(at: AppTest) -> str:
    """Every string the page sent: markdown, captions, tables, expander labels, chart figures."""
    parts = [str(e.value) for e in at.main if hasattr(e, "value")]
    parts += [e.to_string() for e in (d.value for d in at.dataframe)]
    parts += [e.to_string() for e in (t.value for t in at.table)]
    parts += [str(e.proto) for e in at.get("plotly_chart")]
    parts += [e.label for e in at.expander]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "page,params",
    [
        ("country", {"iso3": "PHL"}),
        ("practices", {}),
        ("map", {"metric": "stat:returns_total"}),
        ("statistics", {}),
        ("statistics", {"section": "returns"}),
        ("heatmap", {}),
        ("overview", {}),
    ],
)
def test_curator_notes_are_never_rendered(tmp_path, monkeypatch, page, params):
    t = tiny_tables()
    t["practices.csv"]["curator_note"] = "CURATORONLY practice working note"
    t["statistics.csv"]["curator_note"] = "CURATORONLY statistic working note"
    t["statistics.csv"]["note"] = "What was measured, for readers."
    monkeypatch.setenv("ATLAS_DATA_DIR", str(write_tables(tmp_path / "notes", t)))
    at = run(page, params)
    assert not at.exception
    text = _all_text(at)
    assert "CURATORONLY" not in text
    if page == "country":
        assert "What was measured, for readers." in text  # the readers' note is there
