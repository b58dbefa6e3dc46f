"""Every route loads in a real browser, offline, with its heading and no error."""

import pytest

from lib import i18n, routes
from tests.browser.conftest import PLOT
from tests.deadlines import STEP_MS

SAMPLE_QUERY = {"country": {"iso3": "PHL"}}  # a route that needs a parameter to show its content
ROUTES = [(r.url(**SAMPLE_QUERY.get(r.name, {})), i18n.catalog("en")[f"{r.name}.title"], r.name) for r in routes.ROUTES]


@pytest.mark.parametrize("path,heading,name", ROUTES, ids=[r[2] for r in ROUTES])
def test_route_renders_offline(atlas, path, heading, name):
    page = atlas.open(path)
    assert page.locator("h1").first.inner_text().strip() == heading
    # a deep link runs the entrypoint too: labelled navigation and the language switch are there
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_text("Language", exact=True).wait_for(timeout=STEP_MS)
    assert "World map" in side.inner_text() and "app" not in side.inner_text().split()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    atlas.shot(name)
    assert atlas.blocked == [], f"requests left the machine: {atlas.blocked}"
    assert atlas.console_errors == [], atlas.console_errors
    assert atlas.bad_responses == [], atlas.bad_responses


def test_french_presenter_map_with_story_keyboard(atlas):
    page = atlas.open("/map?lang=fr&present=1&story=returns-and-reintegration&step=1")
    page.wait_for_selector(f"{PLOT} .choroplethlocation", timeout=STEP_MS)
    assert page.locator("h1").first.inner_text().strip() == "Carte du monde"
    assert page.locator('[data-testid="stSidebar"]').count() == 0 or not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.locator('[data-testid="stSelectbox"]').count() == 0
    atlas.shot("present-fr-map")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**step=2**", timeout=STEP_MS)
    from tests.browser.conftest import wait_rendered

    wait_rendered(page)
    assert page.locator("h1").first.inner_text().strip() == "Statistiques clés"
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**step=1**", timeout=STEP_MS)
    assert atlas.blocked == [] and atlas.console_errors == []


def test_practices_csv_download_opens_with_accents_and_inert_formulas(atlas):
    """The file a person downloads from /practices (built only when the button is clicked)."""
    import csv
    import io

    page = atlas.open("/practices?country=CIV")
    button = page.get_by_role("button", name="Download CSV")
    button.wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as info:
        button.click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows and all("CIV" in r["countries"] for r in rows)
    assert any("Côte d’Ivoire" in r["country_names"] or "Côte d'Ivoire" in r["country_names"] for r in rows)
    assert not [c for r in rows for c in r.values() if c[:1] in "=+@" and c[:1]]
    assert atlas.blocked == [] and atlas.bad_responses == []


def test_practice_facets_are_built_when_their_panel_opens(atlas):
    page = atlas.open("/practices")
    frames = page.locator('[data-testid="stDataFrame"]')
    assert frames.count() == 0  # a closed panel costs nothing
    page.get_by_text("Counts by facet", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length >= 8", timeout=STEP_MS)
    assert atlas.blocked == [] and atlas.console_errors == []
