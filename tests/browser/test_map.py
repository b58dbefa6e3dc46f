"""The world map as a person sees it: drawn offline, microstates reachable, click-through, shareable URL."""

import re
import struct
import time

from lib import contrast, figures
from tests.browser.conftest import PLOT, Page
from tests.deadlines import STEP_MS

INSIDE_POINT = """([trace, iso3, plot]) => {
  // screen points inside the country's shape (or its marker), farthest from every small-state
  // marker first, found with SVG hit-testing: where a person would point at the country
  const gd = document.querySelector(plot);
  if (trace === 'marker') {
    const i = gd.data[0].customdata.findIndex(c => c[0] === iso3);
    const r = gd.querySelectorAll('.scattergeo .point')[i].getBoundingClientRect();
    return [[r.x + r.width / 2, r.y + r.height / 2]];
  }
  const t = gd.data.findIndex(d => d.name === trace);
  const i = gd.data[t].locations.indexOf(iso3);
  const before = gd.data.slice(0, t).filter(d => d.type === 'choropleth').reduce((n, d) => n + d.locations.length, 0);
  const path = gd.querySelectorAll('.choroplethlocation')[before + i];
  const b = path.getBBox(), m = path.getScreenCTM();
  const dots = Array.from(gd.querySelectorAll('.scattergeo .point')).map(e => e.getBoundingClientRect());
  const found = [];
  for (let k = 0; k < 600; k++) {
    const x = b.x + b.width * ((k * 0.618) % 1), y = b.y + b.height * ((k * 0.382 + 0.5) % 1);
    if (path.isPointInFill(new DOMPoint(x, y))) {
      const p = new DOMPoint(x, y).matrixTransform(m);
      const d = Math.min(1e9, ...dots.map(r => Math.hypot(r.x + r.width / 2 - p.x, r.y + r.height / 2 - p.y)));
      found.push([p.x, p.y, d]);
    }
  }
  return found.sort((a, b) => b[2] - a[2]).slice(0, 25).map(p => [p[0], p[1]]);
}"""


def point_at(page, trace: str, iso3: str, name: str):
    """Move the pointer over the country until its tooltip names it (as a person would), and
    return that point; None if no point inside the shape shows it.

    On a busy machine plotly may draw its tooltip late, or Streamlit may redraw the chart between
    the search for points and the move; so each point is given time, and the points are looked for
    again on a redrawn chart, within one safety net (tests/deadlines.py), never a target."""
    deadline = time.monotonic() + STEP_MS / 1000
    while True:
        points = page.evaluate(INSIDE_POINT, [trace, iso3, PLOT]) or []
        for x, y in points:
            page.mouse.move(5, 5)
            page.mouse.move(x, y, steps=2)
            for _ in range(10):
                page.wait_for_timeout(150)
                if (page.locator(f"{PLOT} .hoverlayer").text_content() or "").startswith(name):
                    return x, y
        if time.monotonic() > deadline or not points:
            return None


def _plot(page):
    page.wait_for_selector(f"{PLOT} .choroplethlocation", timeout=STEP_MS)
    return page.evaluate(
        """plot => { const gd = document.querySelector(plot);
                   return {traces: gd.data.map(t => ({name: t.name, locations: t.locations || [], z: t.z || []})),
                           paths: gd.querySelectorAll('.choroplethlocation').length}; }""",
        PLOT,
    )


def test_map_draws_every_country_offline_and_colours_only_those_with_data(atlas):
    page = atlas.open("/map?metric=stat:returns_total")
    info = _plot(page)
    shapes = next(t for t in info["traces"] if t["name"] == "countries")
    assert len(shapes["locations"]) >= 230
    assert info["paths"] == len(shapes["locations"])  # every country drawn, from the local file
    coloured = {i for i, z in zip(shapes["locations"], shapes["z"]) if z >= 0}
    table = page.locator('[data-testid="stDataFrame"]').last
    assert {"IND", "PHL", "KHM", "UKR"} <= coloured
    # what is painted: the countries with data in class colours, every other country grey
    fills = page.evaluate(
        "plot => Array.from(document.querySelectorAll(plot + ' .choroplethlocation'), p => getComputedStyle(p).fill)", PLOT
    )
    grey = "rgb({}, {}, {})".format(*contrast.rgb(figures.NO_DATA))
    painted = {i for i, f in zip(shapes["locations"], fills) if f != grey}
    assert painted == coloured, painted ^ coloured
    assert table.count() == 0  # built only when its panel is opened (views/map.py)
    page.get_by_text("The numbers behind the map", exact=True).click()
    table.wait_for(state="visible", timeout=STEP_MS)
    atlas.shot("map-returns")
    assert atlas.blocked == [], atlas.blocked


def test_singapore_and_bahrain_can_be_hovered(atlas):
    page = atlas.open("/map")
    _plot(page)
    for iso3, name in (("SGP", "Singapore"), ("BHR", "Bahrain")):
        assert point_at(page, "marker", iso3, name), f"{name}'s marker shows no tooltip"
        page.mouse.move(5, 5)
    assert atlas.blocked == []


def test_click_country_opens_profile_and_url_restores_view(atlas, browser, server):
    page = atlas.open("/map?metric=stat:returns_total")
    _plot(page)
    point = point_at(page, "countries", "PHL", "Philippines")
    assert point, "no point inside the Philippines shows its tooltip"
    page.mouse.click(*point)
    page.wait_for_url(re.compile(r".*/country\?iso3=PHL.*"), timeout=STEP_MS)
    page.wait_for_selector("h2", timeout=STEP_MS)
    assert "Philippines" in page.locator("h2").first.inner_text()
    atlas.shot("country-from-map")

    fresh = Page(browser, server)
    try:
        p2 = fresh.open("/map?metric=stat:returns_total")
        _plot(p2)
        title = p2.evaluate("plot => document.querySelector(plot).layout.title.text", PLOT)
        assert "Returns" in title
    finally:
        fresh.close()


def test_chart_saves_as_a_crisp_png_offline(atlas):
    page = atlas.open("/statistics")
    plot = page.locator(PLOT).first
    plot.wait_for(timeout=STEP_MS)
    plot.hover()
    with page.expect_download(timeout=STEP_MS) as info:
        page.locator(f'{PLOT} .modebar-btn[data-title="Download plot as a PNG"]').first.click()
    path = info.value.path()
    head = open(path, "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width >= 1920 and height >= 1080 and abs(width / height - 16 / 9) < 0.01, (width, height)
    assert atlas.blocked == []
