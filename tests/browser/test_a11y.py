"""WCAG 2.1 AA in the browser: axe-core (installed locally by scripts/test.sh, injected from the file,
no network) on every route in English, French and Spanish, in presenter mode and on the states people
reach; one h1, headings in order, `<html lang>` as chosen, a caption (text alternative) under every
chart. Reports: artifacts/axe/<name>.json, screenshots: artifacts/screenshots/."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lib import i18n, routes
from tests.browser.axe import describe, require_axe, run_axe
from tests.browser.conftest import CHART, PLOT, ROOT, Page, start_server, wait_rendered
from tests.deadlines import STEP_MS

SAMPLE_QUERY = {"country": {"iso3": "PHL"}}
CHARTS = {"map": 1, "heatmap": 1, "country": 1, "statistics": 1}  # at least this many plotly charts
LANGS = tuple(i18n.LANGUAGES)


def _path(route, **extra) -> str:
    query = {**SAMPLE_QUERY.get(route.name, {}), **extra}
    return route.url(**query)


def check_page(atlas: Page, name: str, lang: str = "en", charts: int = 0) -> None:
    """axe (0 serious or critical), structure and text alternatives of the page as it is now."""
    page = atlas.page
    if charts:
        page.wait_for_selector(f"{PLOT} .main-svg", timeout=STEP_MS)
        page.wait_for_timeout(500)
    atlas.shot(f"a11y-{name}")
    violations = run_axe(page, name)
    assert violations == [], f"{name}: serious or critical axe violations\n{describe(violations)}"
    try:  # the page's one-line script sets it when its element renders: late on a busy machine
        page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang, timeout=STEP_MS)
    except PlaywrightTimeout:
        pass  # the assertion below says what was found
    assert page.evaluate("document.documentElement.lang") == lang
    levels = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2,'
            + ' [data-testid="stMain"] h3, [data-testid="stMain"] h4, [data-testid="stMain"] h5, [data-testid="stMain"] h6')]
            .filter(h => h.offsetParent !== null).map(h => Number(h.tagName[1]))"""
    )
    assert levels.count(1) == 1 and levels[0] == 1, (name, levels)
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert jumps == [], f"{name}: heading levels skipped {jumps} in {levels}"
    # every chart has its text alternative as the caption right under it
    missing = page.evaluate(
        """chart => [...document.querySelectorAll(chart)].filter(c => {
            const box = c.closest('.stElementContainer, .element-container');
            const next = box && box.nextElementSibling;
            return !(next && next.querySelector('[data-testid="stCaptionContainer"]') && next.innerText.trim().length > 20);
        }).length""",
        CHART,
    )
    assert missing == 0, f"{name}: {missing} chart(s) without a caption under them"
    assert len(page.locator(CHART).all()) >= charts
    assert atlas.blocked == [], atlas.blocked
    assert atlas.bad_responses == [], atlas.bad_responses


ROUTES = [(r, lang) for lang in LANGS for r in routes.ROUTES]


@pytest.mark.parametrize("route,lang", ROUTES, ids=[f"{r.name}-{lang}" for r, lang in ROUTES])
def test_axe_every_route_every_language(atlas, route, lang):
    require_axe()
    atlas.open(_path(route, **({"lang": lang} if lang != i18n.DEFAULT else {})))
    check_page(atlas, f"{route.name}-{lang}", lang, CHARTS.get(route.name, 0))


@pytest.mark.parametrize("route", routes.ROUTES, ids=[r.name for r in routes.ROUTES])
def test_axe_presenter_mode(atlas, route):
    require_axe()
    atlas.open(_path(route, present="1"))
    check_page(atlas, f"present-{route.name}", "en", CHARTS.get(route.name, 0))


def test_axe_states_people_reach(atlas):
    """A profile with compare, the map's table opened, an open practice list, a heatmap cell's
    list, a story step (es)."""
    require_axe()
    atlas.open("/country?compare=PHL,IND,BGD")
    check_page(atlas, "state-compare", charts=1)

    page = atlas.open("/map")
    page.get_by_text(i18n.catalog("en")["map.table"], exact=True).click()
    page.locator('[data-testid="stDataFrame"]').wait_for(state="visible", timeout=STEP_MS)
    check_page(atlas, "state-map-table", charts=1)

    page = atlas.open("/practices?q=return")
    page.locator('[data-testid="stExpander"] summary').first.click()
    wait_rendered(page)
    check_page(atlas, "state-practice-open")

    page = atlas.open("/heatmap")
    for label, value in (("Row", "Philippines"), ("Column", "Return")):
        page.get_by_label(label, exact=True).click()
        page.keyboard.type(value)
        page.keyboard.press("Enter")
        wait_rendered(page)
    page.get_by_text("practice(s) for", exact=False).first.wait_for(timeout=STEP_MS)
    check_page(atlas, "state-heatmap-cell", charts=1)

    atlas.open("/map?lang=es&present=1&story=returns-and-reintegration&step=1")
    check_page(atlas, "state-story-es", "es", charts=1)


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "practices.csv").write_text("practice_id,title\n1,\n", encoding="utf-8")
    url, proc = start_server({"ATLAS_DATA_DIR": str(folder)})
    yield url
    from bench.load import stop_server

    stop_server(proc)


@pytest.mark.parametrize("lang", LANGS)
def test_axe_error_page_for_bad_data(browser, broken_server, lang):
    require_axe()
    atlas = Page(browser, broken_server)
    try:
        atlas.open("/map" + ("" if lang == i18n.DEFAULT else f"?lang={lang}"))
        atlas.page.locator('[data-testid="stAlertContentError"]').wait_for(state="visible", timeout=STEP_MS)
        assert atlas.page.locator('[data-testid="stAlertContentError"]').count() == 1
        check_page(atlas, f"state-data-error-{lang}", lang)
    finally:
        atlas.close()
