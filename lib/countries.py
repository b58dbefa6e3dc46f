"""Countries: display names (in the current language), regions, and lookup by any common name.

The country table (`data/countries.csv`) is built at curation time from pycountry, CLDR and the
UN M49 classification (`scripts/build_countries.py`); here it is only read. Joins between tables
always use ISO3 codes; names are matched only when a person types one, with rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

from lib import i18n
from lib.load import table_lookup
from lib.schema import split_list

_ISO3_RX = re.compile(r"^[A-Za-z]{3}$")


def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: 'Côte d’Ivoire' -> 'cote d ivoire'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w]+", " ", text.lower())
    return " ".join(text.split())


def clean_iso3(value: object) -> str | None:
    """An upper-case ISO3-shaped code from a URL or form value, or None (never raises)."""
    s = str(value or "").strip()
    return s.upper() if _ISO3_RX.match(s) else None


def names(countries: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """ISO3 -> display name in the current (or given) language (a fresh dict the caller may keep).

    Built once per countries table and language: pages ask for it for every row label."""
    lang = lang or i18n.language()
    built = table_lookup(
        countries,
        f"names:{lang}",
        lambda t: {iso3: i18n.country_name(iso2, en, lang) for iso3, iso2, en in zip(t["iso3"], t["iso2"], t["name"])},
    )
    return dict(built)


def search_names(countries: pd.DataFrame) -> dict[str, str]:
    """Folded name or alias -> ISO3, over English, French and Spanish names and all aliases."""
    out: dict[str, str] = {}
    for r in countries.itertuples(index=False):
        forms = [r.name, r.official_name, *split_list(r.aliases)]
        forms += [i18n.country_name(r.iso2, r.name, lang) for lang in i18n.LANGUAGES]
        for form in forms:
            key = fold(form)
            if key and key not in out:
                out[key] = r.iso3
    return out


@dataclass(frozen=True)
class Match:
    iso3: str
    matched: str
    score: float


def lookup(query: str, index: dict[str, str], limit: int = 5, cutoff: float = 75) -> list[Match]:
    """Countries for a typed name: exact code or name first, then typo-tolerant matches."""
    q = fold(query)
    if not q:
        return []
    iso3s = set(index.values())
    if len(q) == 3 and q.upper() in iso3s:
        return [Match(q.upper(), q.upper(), 100.0)]
    if q in index:
        return [Match(index[q], q, 100.0)]
    scorer = fuzz.WRatio if len(q) > 3 else fuzz.ratio
    hits = process.extract(q, list(index), scorer=scorer, limit=limit * 4, score_cutoff=cutoff)
    out: list[Match] = []
    seen: set[str] = set()
    for key, score, _ in hits:
        iso3 = index[key]
        if iso3 not in seen:
            seen.add(iso3)
            out.append(Match(iso3, key, float(score)))
        if len(out) == limit:
            break
    return out
