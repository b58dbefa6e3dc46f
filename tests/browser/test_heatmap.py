"""The heatmap as a person uses it: click a cell, read the practices behind it."""

from tests.browser.conftest import PLOT
from tests.deadlines import STEP_MS

CELL_POINT = """([rowStart, col, plot]) => {
  const gd = document.querySelector(plot);
  const t = gd.data[0], L = gd._fullLayout, xa = L.xaxis, ya = L.yaxis;
  const i = t.y.findIndex(v => v.startsWith(rowStart)), j = t.x.indexOf(col);
  if (i < 0 || j < 0) return null;
  const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return [box.x + xa.l2p(j), box.y + ya.l2p(i), gd.calcdata[0][0].z[i][j]];
}"""


def test_click_bangladesh_return_cell_lists_its_practices(atlas):
    page = atlas.open("/heatmap?top=all")
    page.wait_for_selector(f"{PLOT} .nsewdrag", timeout=STEP_MS)
    x, y, n = page.evaluate(CELL_POINT, ["Bangladesh (", "Return and reintegration", PLOT])
    assert n >= 1
    page.mouse.click(x, y)
    text = page.get_by_text(f"{n} practice", exact=False).first
    text.wait_for(timeout=STEP_MS)
    assert "Bangladesh" in text.inner_text() and "Return and reintegration" in text.inner_text()
    page.wait_for_function("n => document.querySelectorAll('[data-testid=\"stExpander\"]').length >= n", arg=n, timeout=STEP_MS)
    atlas.shot("heatmap-cell")
    assert atlas.blocked == [] and atlas.console_errors == []
