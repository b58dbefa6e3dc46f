import importlib.util
import json
from pathlib import Path

import pytest

from lib import i18n
from lib.units import format_value


def test_t_formats_and_falls_back():
    i18n.set_language("en")
    assert i18n.t("practices.count", n=3, total=9) == "3 of 9 practices"
    assert i18n.t("no.such.key") == "no.such.key"


def test_normalise_language():
    assert i18n.normalise_language("FR") == "fr"
    assert i18n.normalise_language("<script>") == "en"
    assert i18n.normalise_language(None) == "en"


def test_numbers_follow_language():
    i18n.set_language("en")
    assert i18n.number(600000) == "600,000" and i18n.number(20.9) == "20.9"
    i18n.set_language("fr")
    assert i18n.number(600000).replace("\u202f", " ") == "600 000"
    i18n.set_language("en")


def test_english_catalog_is_flat_strings():
    cat = json.loads((i18n.LOCALES_DIR / "en.json").read_text(encoding="utf-8"))
    assert cat and all(isinstance(k, str) and isinstance(v, str) for k, v in cat.items())


def test_every_literal_key_used_in_code_exists_in_english():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    keys = set()
    for f in [root / "app.py", *root.glob("views/*.py"), *root.glob("lib/**/*.py")]:
        keys |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", f.read_text(encoding="utf-8")))
    missing = sorted(k for k in keys if k not in i18n.catalog("en"))
    assert missing == []


# --- French and Spanish catalogs -------------------------------------------------------------------


DATA_DIR = Path(__file__).resolve().parent.parent / "data"
OTHER_LANGS = ["fr", "es"]


@pytest.fixture
def lang():
    """Run a test body in a language and always come back to English."""
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize("code", OTHER_LANGS)
def test_catalog_has_every_english_key(code):
    assert i18n.catalog(code), f"locales/{code}.json is missing"
    assert i18n.missing_keys(code) == [], "run scripts/check_locales.py to see the English texts to translate"


@pytest.mark.parametrize("code", OTHER_LANGS)
def test_catalog_has_every_taxonomy_label_of_the_shipped_data(code):
    taxonomy = i18n.taxonomy_keys(DATA_DIR)
    kinds = {k.split(".")[0] for k in taxonomy}
    assert kinds == set(i18n.TAXONOMY_KINDS)
    assert len([k for k in taxonomy if k.startswith("gcm.")]) == 23
    cat = i18n.catalog(code)
    empty = sorted(k for k in taxonomy if not cat.get(k, "").strip())
    assert empty == []
    assert i18n.missing_keys(code, DATA_DIR) == []


@pytest.mark.parametrize("code", OTHER_LANGS)
def test_placeholders_match_english(code):
    assert i18n.placeholder_mismatches(code, DATA_DIR) == []


@pytest.mark.parametrize("code", OTHER_LANGS)
def test_catalog_file_is_formatted_like_english(code):
    path = i18n.LOCALES_DIR / f"{code}.json"
    text = path.read_text(encoding="utf-8")
    cat = json.loads(text)
    assert all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in cat.items())
    assert text == json.dumps(cat, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


@pytest.mark.parametrize(
    "code, expected",
    [("fr", "Retour et réintégration"), ("es", "Retorno y reintegración")],
)
def test_issue_labels_follow_the_language(lang, code, expected):
    lang(code)
    assert i18n.label("issue", "return_reintegration", "Return and reintegration") == expected
    assert i18n.label("issue", "no_such_issue", "Fallback name") == "Fallback name"
    assert i18n.label("region", "Asia", "Asia") == {"fr": "Asie", "es": "Asia"}[code]
    assert i18n.label("gcm", 21).startswith({"fr": "Coopérer", "es": "Colaborar"}[code])
    lang("en")
    assert i18n.label("issue", "return_reintegration", "Return and reintegration") == "Return and reintegration"


def test_singular_variants_follow_the_language(lang):
    lang("fr")
    assert format_value(1.3, "persons_billion").replace("\u00a0", " ") == "1,3 milliard de personnes"
    assert format_value(2.4, "persons_billion").replace("\u00a0", " ") == "2,4 milliards de personnes"
    assert i18n.t("heatmap.cell_count", n=1, row="A", col="B") == "1 pratique pour A × B"
    assert i18n.t("heatmap.cell_count", n=3, row="A", col="B") == "3 pratiques pour A × B"
    lang("es")
    assert format_value(1, "persons_million").replace("\u00a0", " ") == "1 millón de personas"
    assert format_value(1.1, "persons_million").replace("\u00a0", " ") == "1,1 millones de personas"
    lang("en")
    assert i18n.t("heatmap.cell_count", n=1, row="A", col="B") == "1 practice(s) for A × B"


def test_taxonomy_keys_of_a_small_data_folder(tiny_dir):
    keys = i18n.taxonomy_keys(tiny_dir)
    assert keys["subregion.South-eastern Asia"] == "South-eastern Asia"
    assert keys["region.Africa"] == "Africa"
    assert all(k.split(".")[0] in i18n.TAXONOMY_KINDS for k in keys)


def test_check_locales_script_passes(capsys):
    path = Path(__file__).resolve().parent.parent / "scripts" / "check_locales.py"
    spec = importlib.util.spec_from_file_location("check_locales", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([]) == 0, capsys.readouterr().out


def test_number_formatting_matches_babel():
    import random

    from babel.numbers import format_decimal

    rng = random.Random(5)
    values = [0, 1, -1, 999, 1000, 600000, 1.1, 2.675, 0.125, 20.9, 1e9, 164e6, -1234.5, 0.5, 3.14159]
    values += [round(rng.uniform(-1e7, 1e7), rng.randint(0, 5)) for _ in range(500)]
    try:
        for lang in ("en", "fr", "es"):
            i18n.set_language(lang)
            for v in values:
                d = 0 if float(v).is_integer() else min(len(repr(float(v)).split(".")[1]), 3)
                expected = format_decimal(v, format="#,##0" + ("." + "0" * d if d else ""), locale=lang)
                assert i18n.number(v) == expected, (lang, v)
    finally:
        i18n.set_language("en")


def test_language_scope_restores_the_previous_language():
    i18n.set_language("es")
    try:
        with i18n.language("fr") as lang:
            assert lang == "fr" and i18n.language() == "fr"
        assert i18n.language() == "es"
        with i18n.language("xx"):  # unknown: English, then back
            assert i18n.language() == "en"
        assert i18n.language() == "es"
    finally:
        i18n.set_language("en")


def test_route_titles_are_the_english_navigation():
    from lib import routes

    assert all(i18n.catalog("en")[r.nav_key] == r.title for r in routes.ROUTES)
    assert all(set(r.titles) == set(i18n.LANGUAGES) and all(r.titles.values()) for r in routes.ROUTES)
    assert all(i18n.catalog(lang)[r.nav_key] == r.titles[lang] for lang in i18n.LANGUAGES for r in routes.ROUTES)
    # a page whose heading the locale files do not give is headed by its route title
    assert all(i18n.catalog(lang)[r.heading_key] for lang in i18n.LANGUAGES for r in routes.ROUTES)
