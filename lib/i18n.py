"""Every user-visible string goes through `t(key)`; numbers and country names follow the language.

Messages live in `locales/<lang>.json` (flat `key -> text` with `{placeholders}`), English being
complete by definition; a key missing in another language falls back to English (and the
test-suite lists missing keys). The current language is a context variable set once per script run
by `app.py`, so concurrent sessions never see each other's language.
"""

from __future__ import annotations

import json
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT = "en"

_lang: ContextVar[str] = ContextVar("atlas_lang", default=DEFAULT)


def normalise_language(value: object) -> str:
    """A supported language code from any URL value (unknown values fall back to English)."""
    code = str(value or "").strip().lower()[:5]
    return code if code in LANGUAGES else DEFAULT


def set_language(lang: str) -> str:
    lang = normalise_language(lang)
    _lang.set(lang)
    return lang


def language() -> str:
    return _lang.get()


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / f"{lang}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def has(key: str, lang: str | None = None) -> bool:
    return key in catalog(lang or language()) or key in catalog(DEFAULT)


def t(key: str, **kwargs: object) -> str:
    """The text for `key` in the current language (English fallback; the key itself if unknown)."""
    text = catalog(language()).get(key)
    if text is None:
        text = catalog(DEFAULT).get(key, key)
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def label(kind: str, ident: object, default: str | None = None) -> str:
    """A taxonomy label (issue area, actor type, GCM objective, indicator...) in the current language."""
    key = f"{kind}.{ident}"
    text = catalog(language()).get(key) or catalog(DEFAULT).get(key)
    return text if text is not None else (default if default is not None else str(ident))


def number(value: float, decimals: int | None = None) -> str:
    """A number formatted for reading in the current language (600,000 / 600 000 / 600.000)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 3)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=language())


@lru_cache(maxsize=None)
def _territories(lang: str) -> dict:
    return dict(Locale.parse(lang).territories)


def country_name(iso2: str, fallback: str, lang: str | None = None) -> str:
    """Country name from CLDR (via Babel) in the current language; `fallback` if CLDR has none."""
    lang = lang or language()
    if lang == DEFAULT:
        return fallback
    return _territories(lang).get(iso2, fallback)
