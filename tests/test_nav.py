"""lib/ui/nav.py: the navigation's pages are made once per session and language, and links use them."""

from streamlit.testing.v1 import AppTest

from lib import i18n, routes
from lib.ui import nav
from tests.conftest import ROOT
from tests.deadlines import STEP_S


def _app(page: str = "practices") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=STEP_S)
    at.switch_page(routes.route(page).view)
    return at.run()


def _held(at: AppTest):
    return at.session_state["nav_pages"]


def test_pages_are_made_once_per_session_and_kept_across_runs():
    at = _app()
    lang, first = _held(at)
    assert lang == "en" and list(first) == list(routes.NAMES)
    assert {p.title for p in first.values()} == {i18n.catalog("en")[r.nav_key] for r in routes.ROUTES}
    at.run()
    assert not at.exception
    assert all(_held(at)[1][name] is page for name, page in first.items())


def test_a_new_language_makes_new_pages_with_its_titles():
    at = _app()
    at.selectbox(key="lang_select").select("fr").run()
    assert not at.exception
    lang, pages = _held(at)
    assert lang == "fr"
    assert pages["map"].title == i18n.catalog("fr")["nav.map"]


def test_page_links_point_at_the_registered_pages():
    at = _app()
    links = at.get("page_link")
    assert links, "the practices page links each card to its country's profile"
    by_hash = {p._script_hash: p for p in _held(at)[1].values()}
    for link in links:
        assert link.proto.page_script_hash in by_hash
        assert link.proto.page == by_hash[link.proto.page_script_hash].url_path


def test_a_session_without_navigation_yet_links_by_script_path():
    assert nav.page("map") == routes.route("map").view
