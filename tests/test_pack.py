"""The briefing pack end to end on the shipped data: every file present, PDF opens, PNGs 16:9."""

import io
import re
import zipfile
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from lib import geo, load, pack, render, storybuild
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not render.available(), reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def shipped():
    ds = load.load_dataset(ROOT / "data").dataset
    return ds, geo.read_geometry(ROOT / "data")


def three_step_story():
    story = storybuild.new_story("Returns at the roundtable")
    for page, params in [
        ("map", {"metric": "stat:returns_total"}),
        ("heatmap", {"rows": "region"}),
        ("country", {"iso3": "PHL"}),
    ]:
        story = storybuild.add(story, storybuild.view_step(page, params, caption=f"About the {page}"))
    return storybuild.edit(story, 0, notes="Only the console shows this.")


@pytest.fixture(scope="module")
def story_zip(shipped):
    ds, geometry = shipped
    seen = []
    data = pack.story_pack(
        ds, geometry, three_step_story(), "en", lambda share, what: seen.append(share), today=date(2026, 12, 1)
    )
    return zipfile.ZipFile(io.BytesIO(data)), seen


def external_urls(html: str) -> list[str]:
    """Addresses the page would fetch: src/href/url()/@import pointing off the file (plotly.js aside)."""
    body = re.sub(r"<script type=\"text/javascript\">.*?</script>", "", html, count=1, flags=re.S)  # the inlined plotly.js
    return re.findall(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^\"' >]+|url\(\s*[\"']?(?:https?:)?//[^)]+|@import", body)


def test_story_pack_holds_every_file(story_zip):
    z, seen = story_zip
    names = [n.split("/", 1)[1] for n in z.namelist()]
    assert {"story.pdf", "handout.html", "CITATION.txt"} <= set(names)
    assert len([n for n in names if n.startswith("charts/") and n.endswith(".png")]) == 3
    assert len([n for n in names if n.startswith("data/") and n.endswith(".csv")]) == 3
    assert seen == sorted(seen) and seen[-1] == 1.0  # progress only moves forward


def test_pdf_opens_with_one_page_per_step(story_zip):
    z, _ = story_zip
    pdf = PdfReader(io.BytesIO(z.read(next(n for n in z.namelist() if n.endswith("story.pdf")))))
    assert len(pdf.pages) == 3
    text = pdf.pages[2].extract_text()
    assert "Philippines" in text and "About the country" in text
    assert "Only the console" not in "".join(p.extract_text() for p in pdf.pages)  # speaker notes stay private


def test_pngs_are_16_9_at_least_full_hd(story_zip):
    z, _ = story_zip
    for name in [n for n in z.namelist() if n.endswith(".png")]:
        w, h = Image.open(io.BytesIO(z.read(name))).size
        assert w >= 1920 and h >= 1080 and w * 9 == h * 16, (name, w, h)


def test_csvs_carry_sources_and_citation_file_lists_them(story_zip, shipped):
    ds, _ = shipped
    z, _ = story_zip
    for name in [n for n in z.namelist() if n.endswith(".csv")]:
        head = z.read(name).decode("utf-8-sig").splitlines()[0]
        assert "source" in head, name
    cite = z.read(next(n for n in z.namelist() if n.endswith("CITATION.txt"))).decode()
    assert "Migration Practice Atlas" in cite and all(p in cite for p in ds.sources["publisher"])


def test_handout_is_self_contained(story_zip):
    z, _ = story_zip
    html = z.read(next(n for n in z.namelist() if n.endswith("handout.html"))).decode()
    assert external_urls(html) == []
    assert html.count('class="plotly-graph-div"') == 3
    assert '"FeatureCollection"' in html  # the map's shapes are in the file
    assert "Only the console" not in html


def test_country_pack_has_the_brief(shipped):
    ds, geometry = shipped
    z = zipfile.ZipFile(io.BytesIO(pack.country_pack(ds, geometry, "PHL", "fr", today=date(2026, 12, 1))))
    names = [n.split("/", 1)[1] for n in z.namelist()]
    assert "brief-PHL.pdf" in names and "handout.html" in names and "CITATION.txt" in names
    assert any(n.endswith(".png") for n in names) and any(n.endswith(".csv") for n in names)
    assert len(PdfReader(io.BytesIO(z.read("atlas-country-PHL/brief-PHL.pdf"))).pages) == 1
