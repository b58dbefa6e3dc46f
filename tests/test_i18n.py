import json

from lib import i18n


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
    for f in [root / "app.py", *root.glob("pages/*.py"), *root.glob("lib/*.py")]:
        keys |= set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z_.]+)\"", f.read_text(encoding="utf-8")))
    missing = sorted(k for k in keys if k not in i18n.catalog("en"))
    assert missing == []
