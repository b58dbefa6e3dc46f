"""Labels: how ids read in the current language (sources, citations, indicators, issue areas, filters).

Plain text, no Markdown: `lib.markup` escapes whatever of it reaches Markdown. No Streamlit.
"""

from __future__ import annotations

import re

from lib import countries, i18n
from lib.load import Dataset, table_lookup
from lib.schema import split_list
from lib.units import format_value, period_text


def _source_labels(ds: Dataset) -> dict[str, tuple[str, str]]:
    """source_id -> (publisher, year)."""
    return table_lookup(ds.sources, "labels", lambda t: {s: (p, y) for s, p, y in zip(t["source_id"], t["publisher"], t["year"])})


def data_version(ds: Dataset) -> str:
    """'2026-11-22 · 240 practices · 141 statistics' in the current language."""
    return i18n.t(
        "data.version", date=ds.data_date, practices=i18n.number(len(ds.practices)), statistics=i18n.number(len(ds.statistics))
    )


def source_short(ds: Dataset, source_id: str) -> str:
    """'Publisher 2021' (the publisher alone when the year is not known)."""
    label = _source_labels(ds).get(source_id)
    if not label:
        return source_id
    pub, year = label
    return f"{pub} {year}".strip() if year else pub


def source_tag(ds: Dataset, source_id: str) -> str:
    """A short tag for a chart label: the publisher's acronym when it prints one ('GFMD 2020')."""
    short = source_short(ds, source_id)
    year = _source_labels(ds).get(source_id, ("", ""))[1]
    m = re.search(r"\(([A-Z][A-Za-z]{1,9})\)", short)
    if not m:
        return short
    return f"{m.group(1)} {year}".strip()


def citation(ds: Dataset, source_id: str, locator: str) -> str:
    """'IOM / UN Network on Migration 2021, Annex row 12': the one citation pattern of the app."""
    return i18n.t("cite.pattern", source=source_short(ds, source_id), locator=locator)


def figure_line(ds: Dataset, row: dict) -> str:
    """'more than 200,000 people (2020) — IOM / UN Network on Migration 2021, s. 2.4'."""
    value = format_value(row["value"], row["unit"], row.get("qualifier", ""), row.get("value_text", ""))
    return i18n.t(
        "figure.line",
        value=value,
        period=period_text(row["period"]),
        source=source_short(ds, row["source_id"]),
        locator=row["locator"],
    )


def indicator_name(ds: Dataset, indicator: str) -> str:
    """An indicator's name in the current language (the curated English name as fallback)."""
    names = table_lookup(ds.indicators, "names", lambda t: dict(zip(t["indicator_id"], t["name"])))
    return i18n.label("indicator", indicator, names.get(indicator, indicator))


def geography_name(ds: Dataset, geography: str) -> str:
    """A country's name, or a group's (World, Low- and middle-income countries, ...)."""
    names = countries.names(ds.countries)
    if geography in names:
        return names[geography]
    groups = table_lookup(ds.groups, "names", lambda t: dict(zip(t["group_id"], t["name"])))
    return i18n.label("group", geography, groups.get(geography, geography))


def issue_name(ds: Dataset, issue_area_id: str) -> str:
    """An issue area's name in the current language."""
    names = table_lookup(ds.issue_areas, "names", lambda t: dict(zip(t["issue_area_id"], t["name"])))
    return i18n.label("issue", issue_area_id, names.get(issue_area_id, issue_area_id))


def gcm_label(number) -> str:
    """'15. Provide access to basic services' (short title in the current language)."""
    return f"{number}. " + i18n.label("gcm_short", number, str(number))


def class_label(lo: float, hi: float) -> str:
    """A legend class: '12' or '5 – 11'."""
    if lo == hi:
        return i18n.number(lo)
    return i18n.t("legend.range", lo=i18n.number(lo), hi=i18n.number(hi))


def row_label(ds: Dataset, kind: str, value: str) -> str:
    """A heatmap row: a region or a country name."""
    if kind == "region":
        return i18n.label("region", value, value)
    return countries.names(ds.countries).get(value, value)


def col_label(ds: Dataset, kind: str, value) -> str:
    """A heatmap column: a GCM objective or an issue area."""
    if kind == "gcm":
        return gcm_label(value)
    return issue_name(ds, value)


def filter_label(ds: Dataset, name: str, value) -> str:
    """How a value of the practice filter `name` (issue, gcm, source, actor, period, scope) reads."""
    if name == "issue":
        return issue_name(ds, value)
    if name == "gcm":
        return gcm_label(value)
    if name == "source":
        return source_short(ds, value)
    return i18n.label(name, value)


def translation(ds: Dataset, practice_id: str, lang: str | None = None) -> dict | None:
    """A curator's translation of a practice (title, summary, translated_by) in `lang`, if any."""
    lang = lang or i18n.language()
    t = ds.translations
    if lang == i18n.DEFAULT or t.empty:
        return None
    rows = table_lookup(t, "by_id", lambda t: {(r["practice_id"], r["lang"]): r for r in reversed(t.to_dict("records"))})
    hit = rows.get((practice_id, lang))
    return dict(hit) if hit else None


def related_practices(ds: Dataset, related_ids: str) -> list[str]:
    """'Skills Passport (GFMD 2020, Annex, Asia consultation)' for each practice id in a `related_ids` cell."""
    rows = table_lookup(
        ds.practices,
        "by_id",
        lambda t: {r["practice_id"]: r for r in t[["practice_id", "title", "source_id", "locator"]].to_dict("records")},
    )
    out = []
    for pid in split_list(related_ids):
        r = rows.get(pid)
        if r:
            out.append(f"{r['title']} ({citation(ds, r['source_id'], r['locator'])})")
    return out


def practice_title(ds: Dataset, r) -> str:
    """A practice's title: the curators' translation in the current language when there is one."""
    tr = translation(ds, r.practice_id)
    return tr["title"] if tr and tr["title"] else r.title
