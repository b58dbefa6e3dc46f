from datetime import date
from io import BytesIO

import pypdf

from lib import brief, i18n
from lib.load import load_dataset
from tests.conftest import ROOT


def _text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_brief_is_one_page_with_figures_practices_sources_and_version(tiny_ds):
    pages, text = _text(brief.build(tiny_ds, "PHL", "en", today=date(2026, 11, 22)))
    assert pages == 1
    for expected in (
        "Philippines",
        "more than 230,000 people",
        "over 200,000 people",
        "Balik Pinay",
        "Testing for all",
        "(one of 2 countries)",
        "Paper A",
        "Database B",
        "generated 2026-11-22",
        tiny_ds.version.split(" ")[0],
    ):
        assert expected in text, expected


def test_accented_names_survive(tiny_ds):
    _, text = _text(brief.build(tiny_ds, "CIV", "en"))
    assert "Côte d'Ivoire" in text


def test_shipped_data_brief_stays_on_one_page_and_says_what_did_not_fit():
    ds = load_dataset(ROOT / "data").dataset
    for iso3 in ("PHL", "IND", "CUW", "TUR"):
        pages, text = _text(brief.build(ds, iso3, "en"))
        assert pages == 1, iso3
    pages, text = _text(brief.build(ds, "PHL", "en"))
    assert "Philippines" in text and "more practices" in text  # the rest is announced, not dropped silently


def test_building_a_brief_leaves_the_language_as_it_was(tiny_ds):
    i18n.set_language("es")
    try:
        brief.build(tiny_ds, "PHL", "fr", today=date(2026, 1, 1))
        assert i18n.language() == "es"
    finally:
        i18n.set_language("en")


def test_the_figures_table_is_described_in_words_in_the_readers_language(tiny_ds):
    _, text = _text(brief.build(tiny_ds, "PHL", "en", today=date(2026, 11, 22)))
    flat = " ".join(text.split())
    assert "Key figures table:" in flat and "figures on" in flat and "sources:" in flat
    _, text = _text(brief.build(tiny_ds, "PHL", "fr", today=date(2026, 11, 22)))
    assert "Tableau des chiffres clés" in " ".join(text.split())
    reader = pypdf.PdfReader(BytesIO(brief.build(tiny_ds, "PHL", "fr")))
    assert reader.trailer["/Root"].get("/Lang") == "fr"
