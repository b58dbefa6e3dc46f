"""Build data/countries.csv: ISO3, names, aliases and UN M49 region/sub-region (curation-time tool).

Names come from pycountry (ISO 3166-1) and Babel/CLDR; the UN M49 sub-region comes from the
country table shipped in the ``country_converter`` package (its ``UNregion`` column), read
directly so that the tool works with any pandas version. A short list of everyday aliases that
neither library carries ("Ivory Coast", "UAE", "South Korea"...) is kept below, in one place.
Run it again after upgrading those packages and review the diff before committing.

    pip install country_converter && python scripts/build_countries.py
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import country_converter
import pandas as pd
import pycountry
from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "data" / "countries.csv"

# M49 sub-region -> M49 region
REGION_OF = {
    "Northern Africa": "Africa",
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}

# Everyday names that pycountry and CLDR do not list for these codes.
EXTRA_ALIASES = {
    "ARE": ["UAE", "Emirates"],
    "BOL": ["Bolivia"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "GBR": ["UK", "Britain", "Great Britain", "England"],
    "IRN": ["Iran"],
    "KOR": ["Korea", "South Korea", "Republic of Korea", "ROK"],
    "PRK": ["North Korea", "DPRK"],
    "LAO": ["Laos", "Lao PDR"],
    "MDA": ["Moldova"],
    "MKD": ["Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["Holland"],
    "PSE": ["Palestine"],
    "RUS": ["Russia"],
    "SWZ": ["Swaziland"],
    "SYR": ["Syria"],
    "TUR": ["Turkey", "Turkiye"],
    "TZA": ["Tanzania"],
    "USA": ["USA", "US", "United States", "America"],
    "VEN": ["Venezuela"],
    "VNM": ["Vietnam", "Viet Nam"],
    "TLS": ["East Timor"],
    "XKX": ["Kosovo"],
    "FSM": ["Micronesia"],
    "VAT": ["Vatican", "Holy See"],
    "BRN": ["Brunei"],
    "SAU": ["KSA"],
    "KGZ": ["Kyrgyzstan"],
    "PHL": ["Philippines"],
}


# Display names where ISO's reference form ("Congo, The Democratic Republic of the") reads badly.
DISPLAY_NAMES = {
    "BES": "Bonaire, Sint Eustatius and Saba",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia (Federated States of)",
    "PSE": "State of Palestine",
    "SHN": "Saint Helena",
    "TWN": "Taiwan",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "VAT": "Holy See",
}


def _cc_table() -> pd.DataFrame:
    path = os.path.join(os.path.dirname(country_converter.__file__), "country_data.tsv")
    return pd.read_csv(path, sep="\t", keep_default_na=False, dtype=str)


def build() -> list[dict]:
    cc = _cc_table().set_index("ISO3")
    en = Locale("en").territories
    rows = []
    records = [(c.alpha_3, c.alpha_2, c.numeric, c) for c in pycountry.countries]
    records.append(("XKX", "XK", "", None))  # Kosovo: user-assigned code, as the Atlas uses it
    for iso3, iso2, numeric, c in records:
        subregion = cc.loc[iso3, "UNregion"] if iso3 in cc.index else ""
        if c is not None:
            name = DISPLAY_NAMES.get(iso3) or getattr(c, "common_name", None) or c.name
            official = getattr(c, "official_name", "") or ""
            names = [c.name, official, getattr(c, "common_name", "")]
        else:
            name, official, names = "Kosovo", "Republic of Kosovo", []
        names += [en.get(iso2, ""), en.get(f"{iso2}-alt-short", ""), en.get(f"{iso2}-alt-variant", "")]
        names += EXTRA_ALIASES.get(iso3, [])
        aliases = []
        for n in names:
            if n and n != name and n not in aliases:
                aliases.append(n)
        rows.append(
            {
                "iso3": iso3,
                "iso2": iso2,
                "m49": numeric,
                "name": name,
                "official_name": official,
                "region": REGION_OF.get(subregion, ""),
                "subregion": subregion,
                "aliases": ";".join(aliases),
            }
        )
    rows.sort(key=lambda r: r["iso3"])
    return rows


if __name__ == "__main__":
    rows = build()
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} countries)")
