"""Every user-visible string goes through `t(key)`; numbers and country names follow the language.

Messages live in `locales/<lang>.json` (flat `key -> text` with `{placeholders}`), English being
complete by definition; a key missing in another language falls back to English (and the
test-suite lists missing keys). The current language is a context variable set once per script run
by `app.py`, so concurrent sessions never see each other's language.

Taxonomy labels whose English comes from the data files (issue areas, indicators, groups, GCM
objectives, regions) live only in the other languages' catalogs: `taxonomy_keys()` lists them for a
data folder. A language may add `<key>.one` next to a message that takes `{n}`: it is used when `n`
is grammatically singular in that language ("1,3 milliard", "1 millón"). `scripts/check_locales.py`
reports what a language still lacks.
"""

from __future__ import annotations

import csv
import json
import math
import string
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import NumberFormatError, format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal

from lib.routes import ROUTES

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT = "en"
PLURAL_ONE = ".one"  # suffix of the singular variant of a message taking {n}
TAXONOMY_KINDS = ("issue", "indicator", "group", "gcm", "region", "subregion")

_lang: ContextVar[str] = ContextVar("atlas_lang", default=DEFAULT)


def normalise_language(value: object) -> str:
    """A supported language code from any URL value (unknown values fall back to English)."""
    code = str(value or "").strip().lower()[:5]
    return code if code in LANGUAGES else DEFAULT


def set_language(lang: str) -> str:
    """Set the language for the rest of this script run (app.py does it once per run)."""
    lang = normalise_language(lang)
    _lang.set(lang)
    return lang


class _Scope(str):
    """A language code that, used in `with`, is the language of that block only."""

    def __enter__(self) -> str:
        self._token = _lang.set(str(self))
        return str(self)

    def __exit__(self, *exc: object) -> None:
        _lang.reset(self._token)


def language(lang: str | None = None) -> str:
    """The current language code; `with i18n.language("fr"):` sets it for a block and then restores
    the previous one (a PDF built in French leaves the session's language as it was)."""
    if lang is None:
        return _lang.get()
    return _Scope(normalise_language(lang))


@cache
def catalog(lang: str) -> dict[str, str]:
    """`lang`'s messages, with the route titles declared in lib/routes.py: `nav.<name>`, and
    `<name>.title` (the page's h1) where the locale file gives no other heading."""
    path = LOCALES_DIR / f"{lang}.json"
    messages = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    titles = {r.name: r.titles[lang] for r in ROUTES if r.titles.get(lang)}
    routes = {f"nav.{n}": t for n, t in titles.items()} | {f"{n}.title": t for n, t in titles.items()}
    return {**routes, **messages}


def has(key: str, lang: str | None = None) -> bool:
    return key in catalog(lang or language()) or key in catalog(DEFAULT)


def _is_singular(n: object, lang: str) -> bool:
    """Whether the count `n` (a number, or a number formatted for `lang`) takes the singular in `lang`."""
    try:
        value = n if isinstance(n, (int, float)) else parse_decimal(str(n).strip().lstrip("+"), locale=lang, strict=False)
        return Locale.parse(lang).plural_form(abs(value)) == "one"
    except (NumberFormatError, ValueError, TypeError, ArithmeticError):
        return False


def t(key: str, **kwargs: object) -> str:
    """The text for `key` in the current language (English fallback; the key itself if unknown)."""
    lang = language()
    text = catalog(lang).get(key)
    if text is not None and "n" in kwargs and key + PLURAL_ONE in catalog(lang) and _is_singular(kwargs["n"], lang):
        text = catalog(lang)[key + PLURAL_ONE]
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
    """A number formatted for reading in the current language (600,000 / 600 000 / 600.000).

    The same text as Babel's `format_decimal(value, "#,##0.0…", locale)` (a test compares them),
    10x faster: Python's Decimal formatting (half-even rounding of the printed value, as Babel)
    with the language's CLDR group and decimal symbols. Pages format a figure per table cell."""
    value = float(value)
    if decimals is None:
        decimals = 0 if value.is_integer() else min(len(repr(value).split(".")[1]), 3)
    if not math.isfinite(value):
        return format_decimal(value, locale=language())
    group, point = _separators(language())
    text = format(Decimal(repr(value)), f",.{decimals}f")
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


@cache
def _separators(lang: str) -> tuple[str, str]:
    return get_group_symbol(locale=lang), get_decimal_symbol(locale=lang)


@cache
def _territories(lang: str) -> dict:
    return dict(Locale.parse(lang).territories)


def country_name(iso2: str, fallback: str, lang: str | None = None) -> str:
    """Country name from CLDR (via Babel) in the current language; `fallback` if CLDR has none."""
    lang = lang or language()
    if lang == DEFAULT:
        return fallback
    return _territories(lang).get(iso2, fallback)


# --- catalog maintenance (used by scripts/check_locales.py and the tests) ---------------------------


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` in a message ('{n} of {total}' -> {'n', 'total'})."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # unbalanced braces: report the message as having a broken placeholder
        return {"<malformed>"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def taxonomy_keys(dataset_dir: str | Path) -> dict[str, str]:
    """Label keys for a data folder whose English text comes from its CSVs: key -> English name.

    issue.<issue_area_id>, indicator.<indicator_id>, group.<group_id>, gcm.<number> (full objective
    title), region.<region> and subregion.<subregion> (English M49 names from countries.csv).
    """
    d = Path(dataset_dir)
    out: dict[str, str] = {}
    for r in _rows(d / "issue_areas.csv"):
        out[f"issue.{r['issue_area_id']}"] = r["name"]
    for r in _rows(d / "indicators.csv"):
        out[f"indicator.{r['indicator_id']}"] = r["name"]
    for r in _rows(d / "groups.csv"):
        out[f"group.{r['group_id']}"] = r["name"]
    for r in _rows(d / "gcm_objectives.csv"):
        out[f"gcm.{int(r['number'])}"] = r["title"]
    for r in _rows(d / "countries.csv"):
        for kind in ("region", "subregion"):
            if (r.get(kind) or "").strip():
                out[f"{kind}.{r[kind].strip()}"] = r[kind].strip()
    return dict(sorted(out.items()))


def reference(dataset_dir: str | Path | None = None) -> dict[str, str]:
    """Every key a language should have, with its English text: en.json plus (optionally) the taxonomy."""
    ref = dict(taxonomy_keys(dataset_dir)) if dataset_dir is not None else {}
    ref.update(catalog(DEFAULT))
    return ref


def _base_key(key: str, ref: dict[str, str]) -> str | None:
    """The English key a plural variant belongs to ('x.one' -> 'x' when 'x' takes {n}), else None."""
    if key.endswith(PLURAL_ONE):
        base = key[: -len(PLURAL_ONE)]
        if base in ref and "n" in placeholders(ref[base]):
            return base
    return None


def missing_keys(lang: str, dataset_dir: str | Path | None = None) -> list[str]:
    """Keys of en.json (and of the data's taxonomy, given `dataset_dir`) that `lang` lacks or leaves empty."""
    cat = catalog(lang)
    return sorted(k for k in reference(dataset_dir) if not str(cat.get(k) or "").strip())


def stale_keys(lang: str, dataset_dir: str | Path | None = None) -> list[str]:
    """Keys of `lang` that are neither in en.json, nor taxonomy keys of the data, nor plural variants."""
    ref = reference(dataset_dir)
    return sorted(k for k in catalog(lang) if k not in ref and _base_key(k, ref) is None)


def placeholder_mismatches(lang: str, dataset_dir: str | Path | None = None) -> list[tuple[str, set[str], set[str]]]:
    """(key, English placeholders, `lang` placeholders) wherever the two sets differ."""
    ref = reference(dataset_dir)
    out = []
    for key, text in sorted(catalog(lang).items()):
        base = key if key in ref else _base_key(key, ref)
        if base is None:
            continue
        want, got = placeholders(ref[base]), placeholders(text)
        if want != got:
            out.append((key, want, got))
    return out
