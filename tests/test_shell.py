"""lib/ui/shell.py: the loading page (progress, and a map drawn out of sight meanwhile)."""

import json

from streamlit.testing.v1 import AppTest

from lib import geo
from lib.ui import shell
from tests.deadlines import STEP_S


def _panel():
    from lib.ui import shell  # noqa: PLC0415 - AppTest runs this function's body as the script

    shell.loading_panel().progress(0.4, text="Reading statistics.csv")


def test_the_loading_panel_shows_progress_and_preloads_one_shape_out_of_sight():
    at = AppTest.from_function(_panel, default_timeout=STEP_S).run()
    assert not at.exception
    (bar,) = at.get("progress")
    assert bar.proto.value == 40 and bar.proto.text == "Reading statistics.csv"
    (chart,) = at.get("plotly_chart")
    fig = json.loads(chart.proto.spec)
    assert [t["geojson"] for t in fig["data"]] == [geo.STATIC_URL]  # the URL the real maps use: fetched once
    assert json.loads(chart.proto.config)["staticPlot"] is True  # no pointer or keyboard focus
    (style,) = at.get("html")
    assert f".st-key-{shell.PRELOAD_KEY}" in style.proto.body and "visibility: hidden" in style.proto.body


def test_the_preload_styling_is_constant():
    assert "{" not in shell.PRELOAD_KEY and shell.PRELOAD_CSS.count("<style>") == 1
