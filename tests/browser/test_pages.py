"""Every route loads in a real browser, offline, with its heading and no error."""

import pytest

ROUTES = [
    ("/", "Migration Practice Atlas", "overview"),
    ("/map", "World map", "map"),
    ("/heatmap", "Issue-area heatmap", "heatmap"),
    ("/country?iso3=PHL", "Country profiles", "country"),
    ("/practices", "Practices", "practices"),
    ("/statistics", "Key statistics", "statistics"),
    ("/about", "About the data", "about"),
]


@pytest.mark.parametrize("path,heading,name", ROUTES, ids=[r[2] for r in ROUTES])
def test_route_renders_offline(atlas, path, heading, name):
    page = atlas.open(path)
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    atlas.shot(name)
    assert atlas.blocked == [], f"requests left the machine: {atlas.blocked}"
    assert atlas.console_errors == [], atlas.console_errors
    assert atlas.bad_responses == [], atlas.bad_responses
