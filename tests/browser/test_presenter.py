"""The presenter's kit in Chromium: story page with an uploaded file, console and audience in two
windows kept in step, the QR code, and the HTML handout drawn from a file with the network blocked."""

import io
import re
import zipfile
from datetime import date

import zxingcpp
from PIL import Image

from lib import geo, load, pack
from tests.browser.conftest import ROOT, SHOTS, Page, wait_rendered
from tests.deadlines import STEP_MS
from tests.test_pack import three_step_story

STORY = "/map?metric=stat%3Areturns_total&story=returns-and-reintegration&step=1&present=1"


def test_console_and_audience_stay_in_step_and_blank(browser, server):
    console, audience = Page(browser, server), Page(browser, server, width=1600, height=900)
    try:
        page = console.open(STORY + "&console=1")
        page.wait_for_url(re.compile(r"room="))
        token = re.search(r"room=([A-Za-z0-9_-]+)", page.url).group(1)
        console.shot("console-step1")
        view = audience.open(STORY + f"&room={token}")
        audience.shot("audience-step1")
        page.keyboard.press("ArrowRight")
        view.wait_for_url(re.compile(r"step=2"), timeout=STEP_MS)
        wait_rendered(view)
        assert "/statistics" in view.url
        page.keyboard.press("b")
        view.wait_for_function(
            "() => getComputedStyle(document.querySelector('[data-testid=\"stMainBlockContainer\"]')).visibility === 'hidden'",
            timeout=STEP_MS,
        )
        audience.shot("audience-blank")
        page.keyboard.press("b")
        view.wait_for_function(
            "() => getComputedStyle(document.querySelector('[data-testid=\"stMainBlockContainer\"]')).visibility === 'visible'",
            timeout=STEP_MS,
        )
        assert console.blocked == [] and audience.blocked == []
    finally:
        console.close()
        audience.close()


def test_qr_code_on_a_presenter_view_decodes_to_its_url(atlas, server):
    page = atlas.open(STORY)
    page.get_by_role("button", name=re.compile("Audience link")).click()
    img = page.locator('[data-testid="stPopoverBody"] img').first
    img.wait_for()
    atlas.shot("qr-popover")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(img.screenshot())))
    assert found and found[0].text == server + "/map?metric=stat%3Areturns_total&story=returns-and-reintegration&step=1"
    assert atlas.blocked == []


def test_story_file_upload_with_errors_then_a_good_one(atlas, tmp_path):
    page = atlas.open("/story")
    bad = tmp_path / "broken.toml"
    bad.write_text('title = "T"\n[[steps]]\npage = "nowhere"\n', encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(bad))
    page.get_by_text("could not be opened as a story").wait_for()
    atlas.shot("story-upload-error")
    good = tmp_path / "my-roundtable.toml"
    from lib import storybuild

    good.write_text(storybuild.to_toml(three_step_story()), encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(good))
    page.get_by_text("step 3 of 3").first.wait_for()
    page.wait_for_timeout(1500)
    atlas.shot("story-panel")
    assert atlas.blocked == []


def test_handout_draws_its_charts_from_a_file_with_the_network_blocked(browser, tmp_path):
    ds = load.load_dataset(ROOT / "data").dataset
    data = pack.story_pack(ds, geo.read_geometry(ROOT / "data"), three_step_story(), "en", today=date(2026, 12, 1))
    zipfile.ZipFile(io.BytesIO(data)).extractall(tmp_path)
    handout = next(tmp_path.rglob("handout.html"))
    requested = []
    ctx = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True)

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            return r.continue_()
        requested.append(r.request.url)
        return r.abort()

    try:
        ctx.route("**/*", route)
        page = ctx.new_page()
        page.goto(handout.as_uri())
        page.wait_for_function(
            "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
            timeout=STEP_MS,
        )
        assert page.locator(".choroplethlocation").count() >= 230  # the map, from the shapes inside the file
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "handout.png"), full_page=False)
    finally:
        ctx.close()
    assert requested == []
