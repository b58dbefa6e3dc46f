"""The /statistics page's content: figures organised by the questions people ask.

Pure functions over the `Dataset` (no Streamlit): which figures go in which section, the charts
(one per indicator and base unit, so units never mix on an axis), the headline figures and the
pairs of figures that disagree. Every statistic row lands in exactly one section, so the page shows
all of them; `layout()` is what the page renders and what the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lib import i18n
from lib.labels import citation, figure_line, geography_name, indicator_name, source_short, source_tag
from lib.load import Dataset
from lib.tables import MAX_TABLE_ROWS, statistics_rows
from lib.units import format_value, period_text
from lib.vocabulary import UNIT_SCALE

# Section -> blocks -> the indicator categories (or, for migrant workers, indicator ids) in them.
# An indicator that matches no block of its section falls into the section's last block, and a
# category that matches no section falls into "other", so nothing can disappear from the page.
SECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "remittances": {"remittances": ("remittances",)},
    "returns": {"returns": ("returns",)},
    "migrant_workers": {
        "totals": ("migrant_workers_total", "migrant_workers_share_of_labour_force"),
        "sex": (
            "migrant_workers_share_female",
            "migrant_domestic_workers_share_female",
            "migrant_domestic_workers_female_total",
            "migrant_workers_women_share_health_workforce",
        ),
        "income": ("migrant_workers_share_by_destination_income",),
        "region": ("migrant_workers_share_by_region",),
        "wages": ("wages",),
        "sector": ("migrant_workers",),  # every other migrant-worker figure: sectors, informality
    },
    "other": {
        "surveys": ("surveys",),
        "employment": ("employment",),
        "displacement": ("displacement",),
        "participation": ("participation",),
        "programmes": ("other",),
    },
}
HEADLINE_CATEGORIES = ("remittances",)  # shown as large figure cards as well as in a chart


@dataclass
class Chart:
    key: str
    title: str
    axis: str
    source: str
    rows: pd.DataFrame  # label, value (base unit, for bar length), text (as printed), hover


@dataclass
class Conflict:
    """Several figures for one indicator and one geography: shown side by side, never merged."""

    title: str
    figures: list[dict]  # value text, period, source citation, note (the first MAX_CONFLICT_FIGURES)
    total: int = 0  # figures in the group

    def __post_init__(self) -> None:
        self.total = max(self.total, len(self.figures))


MAX_CONFLICTS = 10  # groups of differing figures given as cards; every figure is in the table and CSV
MAX_CONFLICT_FIGURES = 8  # figures given as cards per group


@dataclass
class Block:
    key: str
    stats: pd.DataFrame
    charts: list[Chart] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    table: pd.DataFrame | None = None


@dataclass
class Section:
    key: str
    blocks: list[Block]
    headlines: list[dict] = field(default_factory=list)

    @property
    def stats(self) -> pd.DataFrame:
        return pd.concat([b.stats for b in self.blocks], ignore_index=True)


def _block_of(category: str, indicator: str) -> tuple[str, str]:
    for section, blocks in SECTIONS.items():
        for block, keys in blocks.items():
            if indicator in keys:
                return section, block
    for section, blocks in SECTIONS.items():
        for block, keys in blocks.items():
            if category in keys:
                return section, block
    return "other", "programmes"


def assign(ds: Dataset) -> pd.DataFrame:
    """The statistics with their `section` and `block` columns."""
    cat = dict(zip(ds.indicators["indicator_id"], ds.indicators["category"]))
    indicator = ds.statistics["indicator"]
    placed = {i: _block_of(cat.get(i, ""), i) for i in indicator.unique()}  # per indicator, not per row
    return ds.statistics.assign(
        section=indicator.map({i: p[0] for i, p in placed.items()}), block=indicator.map({i: p[1] for i, p in placed.items()})
    )


def base_unit(unit: str) -> str:
    return UNIT_SCALE.get(unit, (unit, unit, 1))[1]


def base_value(value: float, unit: str) -> float:
    return float(value) * UNIT_SCALE.get(unit, (unit, unit, 1))[2]


MAX_BARS = 30  # bars per chart: the largest; every figure is still in the section's table and CSV


def charts(ds: Dataset, stats: pd.DataFrame) -> list[Chart]:
    """One horizontal bar chart per (indicator, base unit) with at least two figures, largest first.

    Bars use the value in the base unit (1.1 million people and 600,000 people share an axis of
    people); labels keep the value as printed, with its qualifier. The source and period of every
    bar are written inside the figure.
    """
    out = []
    drawn = stats[stats["value"].notna() & (stats["figure_role"] != "restates")]  # a restatement is not a second bar
    s = drawn.assign(base=[base_unit(u) for u in drawn["unit"]])
    for (indicator, base), g in s.groupby(["indicator", "base"], sort=False):
        if len(g) < 2:
            continue
        g = g.assign(bv=[base_value(v, u) for v, u in zip(g["value"], g["unit"])])
        g = g.sort_values(["bv", "geography"], ascending=[False, True])
        total = len(g)
        g = g.head(MAX_BARS)
        rows = pd.DataFrame(
            {
                "label": [f"{geography_name(ds, r.geography)} · {period_text(r.period)}" for r in g.itertuples()],
                "value": g["bv"].to_numpy(),
                "text": [
                    f"{format_value(r.value, r.unit, r.qualifier, r.value_text)} · {source_tag(ds, r.source_id)}"
                    for r in g.itertuples()
                ],
                "hover": [figure_line(ds, r) + ("\n" + r["note"] if r["note"] else "") for r in g.to_dict("records")],
            }
        )
        srcs = sorted({source_short(ds, x) for x in g["source_id"]})
        periods = sorted({period_text(p) for p in g["period"]})
        title = indicator_name(ds, indicator)
        if total > MAX_BARS:
            title += " " + i18n.t("chart.largest", n=i18n.number(MAX_BARS), total=i18n.number(total))
        out.append(
            Chart(
                key=f"{indicator}-{base}",
                title=title,
                axis=i18n.label("unit", base, base),
                source=i18n.t("chart.source", sources="; ".join(srcs), periods=", ".join(periods)),
                rows=rows,
            )
        )
    return out


def figure_card(ds: Dataset, r: dict) -> dict:
    return {
        "stat_id": r["stat_id"],
        "value": format_value(r["value"], r["unit"], r["qualifier"], r.get("value_text", "")),
        "period": period_text(r["period"]),
        "source": citation(ds, r["source_id"], r["locator"]),
        "note": r["note"],
    }


def conflicts(ds: Dataset, stats: pd.DataFrame) -> list[Conflict]:
    """Groups of two or more figures for the same indicator and geography (different sources,
    dates or wording), each kept whole. A time series from one source (every period stated and
    distinct, as remittances in 2019 and 2020) is not a disagreement.

    Every group is listed; cards are built for the first MAX_CONFLICTS groups, MAX_CONFLICT_FIGURES
    figures each (`total` counts them all): a page draws no more, and at a million statistics
    building them all took seconds."""
    out: list[Conflict] = []
    stats = stats[stats["figure_role"] != "restates"]  # a headline restating a figure is not a second figure
    dup = stats[stats.duplicated(["indicator", "geography"], keep=False)]
    if dup.empty:
        return out
    # each group's counts at once, not a DataFrame per group (a profile at a million statistics has
    # hundreds of groups, and building each cost a pyarrow take per column: bench/RESULTS.md, session 13)
    groups = dup.groupby(["indicator", "geography"], sort=False)
    size = groups.size()
    unstated = (dup["period"] == "not_stated").groupby([dup["indicator"], dup["geography"]], sort=False).any().reindex(size.index)
    series = (groups["source_id"].nunique() == 1) & ~unstated & (groups["period"].nunique(dropna=False) == size)
    rows = groups.indices
    for (indicator, geography), n in size[~series].items():
        title = f"{geography_name(ds, geography)} — {indicator_name(ds, indicator)}"
        if len(out) >= MAX_CONFLICTS:
            out.append(Conflict(title, [], total=int(n)))
            continue
        first = dup.iloc[rows[(indicator, geography)]].sort_values(["source_id", "period"]).head(MAX_CONFLICT_FIGURES)
        out.append(Conflict(title, [figure_card(ds, r) for r in first.to_dict("records")], total=int(n)))
    return out


def section_keys(ds: Dataset) -> list[str]:
    """The keys of the sections that have at least one figure, in page order."""
    present = set(assign(ds)["section"])
    return [key for key in SECTIONS if key in present]


def layout(ds: Dataset, keys=None) -> list[Section]:
    """The sections of /statistics (all, or those in `keys`) with their blocks, charts, disagreeing
    figures and tables."""
    s = assign(ds)
    sections = []
    for key, blocks in SECTIONS.items():
        if keys is not None and key not in keys:
            continue
        part = s[s["section"] == key]
        built = []
        for block in blocks:
            stats = part[part["block"] == block].drop(columns=["section", "block"])
            if stats.empty:
                continue
            built.append(
                Block(block, stats, charts(ds, stats), conflicts(ds, stats), statistics_rows(ds, stats.head(MAX_TABLE_ROWS)))
            )
        if not built:
            continue
        cat = dict(zip(ds.indicators["indicator_id"], ds.indicators["category"]))
        heads = part[part["indicator"].map(cat).isin(HEADLINE_CATEGORIES)]
        headlines = [
            {**figure_card(ds, r), "label": f"{indicator_name(ds, r['indicator'])} — {geography_name(ds, r['geography'])}"}
            for r in heads.sort_values(["period", "indicator"]).to_dict("records")
        ]
        sections.append(Section(key, built, headlines))
    return sections
