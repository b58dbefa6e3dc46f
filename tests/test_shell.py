"""lib/ui/shell.py: the out-of-sight preload map of a visitor's first page run; the loading page; the end of a page run."""

import json
import threading

from streamlit.testing.v1 import AppTest

from lib import firstload, geo, i18n, services
from lib.ui import shell
from tests.deadlines import STEP_S
from tests.test_firstload import _Scripted


def _page():
    import streamlit as st  # noqa: PLC0415 - AppTest runs this function's body as the script

    from lib.ui import shell  # noqa: PLC0415

    shell.preload_charts(st.session_state.get("charts", True))
    st.markdown("the page")


def test_a_visitors_first_run_preloads_one_shape_out_of_sight_and_later_runs_keep_the_place_empty():
    at = AppTest.from_function(_page, default_timeout=STEP_S).run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    assert [t["geojson"] for t in fig["data"]] == [geo.STATIC_URL]  # the URL the real maps use: fetched once
    assert json.loads(chart.proto.config)["staticPlot"] is True  # no pointer or keyboard focus
    (style,) = at.get("html")
    assert f".st-key-{shell.PRELOAD_KEY}" in style.proto.body and "visibility: hidden" in style.proto.body
    places = {i: type(node).__name__ for i, node in at.main.children.items()}
    at.run()
    assert not at.exception and not at.get("plotly_chart")  # drawn once per visit
    assert {i: type(node).__name__ for i, node in at.main.children.items()} == places  # nothing moved
    assert at.markdown[0].value == "the page"


def test_a_first_page_without_charts_loads_no_plotly_and_keeps_the_same_place():
    at = AppTest.from_function(_page, default_timeout=STEP_S)
    at.session_state["charts"] = False
    at.run()
    assert not at.exception and not at.get("plotly_chart")
    places = {i: type(node).__name__ for i, node in at.main.children.items()}
    at.session_state["charts"] = True
    at.run()
    assert not at.get("plotly_chart")  # a visitor's first run only: later pages draw their own charts
    assert {i: type(node).__name__ for i, node in at.main.children.items()} == places


def test_the_preload_styling_is_constant():
    assert "{" not in shell.PRELOAD_KEY and shell.PRELOAD_CSS.count("<style>") == 1


def test_the_end_of_a_page_run_releases_the_work_held_back_for_a_first_page(monkeypatch):
    monkeypatch.setattr(firstload, "_SHOWN", threading.Event())
    shell.page_done()
    assert firstload.wait_page_shown(0) is True


def _loading_page():
    import streamlit as st  # noqa: PLC0415 - AppTest runs this function's body as the script

    from lib.ui import shell  # noqa: PLC0415

    shell.wait_for_data()
    st.markdown("the page")


def test_a_first_load_shows_its_progress_then_the_page(monkeypatch):
    steps = [("reading", "practices.csv", 0.0), ("reading", "statistics.csv", 0.1), ("reading", "statistics.csv", 0.1)]
    state = _Scripted([*steps, ("validating", "", 0.6), ("building", "", 0.85)])
    monkeypatch.setattr(services, "loading", lambda: state)
    at = AppTest.from_function(_loading_page, default_timeout=STEP_S).run()
    assert not at.exception and state.finished and state.waits == 6  # the page waited for every step
    assert at.markdown[0].value == "the page" and not at.get("progress")  # the progress box is gone
    at.run()  # a later run: the load is done, so no progress at all
    assert not at.exception and state.waits == 6 and at.markdown[0].value == "the page"
    for lang in i18n.LANGUAGES:  # every stage has its words in every language
        with i18n.language(lang):
            for stage in ("cache", "reading", "validating", "building", "saving"):
                assert i18n.t(f"loading.{stage}", file="x.csv") != f"loading.{stage}"
