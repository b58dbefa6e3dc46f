import random

import pandas as pd

from lib import i18n, keyfigures
from lib.load import load_dataset
from tests.conftest import ROOT


def test_charts_put_one_unit_family_on_an_axis_largest_first(tiny_ds):
    i18n.set_language("en")
    charts = keyfigures.charts(tiny_ds, tiny_ds.statistics)
    assert [c.key for c in charts] == ["returns_total-persons"]
    rows = charts[0].rows
    # 1.1 million (India) is drawn as 1,100,000 people and comes first; labels keep the printed value
    assert list(rows["value"]) == [1_100_000, 230_000, 200_000]
    assert rows["text"][0] == "more than 1.1 million people · IOM 2021"
    assert rows["label"][0] == "India · 2020"
    assert "Period: 2020" in charts[0].source


def test_conflicting_figures_are_kept_side_by_side(tiny_ds):
    found = keyfigures.conflicts(tiny_ds, tiny_ds.statistics)
    assert len(found) == 1 and found[0].title.startswith("Philippines")
    assert [f["value"] for f in found[0].figures] == ["more than 230,000 people", "over 200,000 people"]
    assert {f["source"].split(",")[0] for f in found[0].figures} == {"IOM 2021", "GFMD"}


def test_every_shipped_statistic_lands_in_exactly_one_section():
    ds = load_dataset(ROOT / "data").dataset
    sections = keyfigures.layout(ds)
    ids = [i for s in sections for b in s.blocks for i in b.stats["stat_id"]]
    assert sorted(ids) == sorted(ds.statistics["stat_id"])
    assert [s.key for s in sections] == ["remittances", "returns", "migrant_workers", "other"]
    # every table row is shown: the block tables together have one row per statistic
    assert sum(len(b.table) for s in sections for b in s.blocks) == len(ds.statistics)


def test_shipped_remittances_and_returns():
    i18n.set_language("en")
    ds = load_dataset(ROOT / "data").dataset
    sections = {s.key: s for s in keyfigures.layout(ds)}
    heads = sections["remittances"].headlines
    assert {h["value"] for h in heads} >= {"US$540 billion", "US$548 billion", "projected US$100 billion"}
    assert any("Officially recorded" in h["note"] for h in heads)  # the source's wording of what was measured
    assert not any(c for b in sections["remittances"].blocks for c in b.conflicts)  # 2019 and 2020: a series
    returns = next(c for b in sections["returns"].blocks for c in b.charts if c.key == "returns_total-persons")
    assert list(returns.rows["value"]) == sorted(returns.rows["value"], reverse=True)
    assert returns.rows["label"][0].startswith("Ukraine")
    phl = next(c for b in sections["returns"].blocks for c in b.conflicts if c.title.startswith("Philippines — Returns"))
    # 230,000 / 327,511 / 200,000; "over 325K" restates 327,511, so it is not a second figure (#16)
    assert len(phl.figures) == 3 and "phl-returns-2020-headline-iom" not in {f["stat_id"] for f in phl.figures}
    mw = next(
        c for b in sections["migrant_workers"].blocks for c in b.conflicts if c.title == "World — International migrant workers"
    )
    assert sorted(f["value"] for f in mw.figures) == ["164 million people", "169 million people"]


def test_a_chart_draws_the_largest_bars_and_says_so(tiny_ds, monkeypatch):
    i18n.set_language("en")
    monkeypatch.setattr(keyfigures, "MAX_BARS", 2)
    chart = keyfigures.charts(tiny_ds, tiny_ds.statistics)[0]
    assert list(chart.rows["value"]) == [1_100_000, 230_000]  # the largest two of three
    assert chart.title.endswith("(2 largest of 3)")
    assert keyfigures.section_keys(tiny_ds) == [s.key for s in keyfigures.layout(tiny_ds)]


def test_conflicts_are_all_counted_but_cards_are_built_for_the_first(tiny_ds, monkeypatch):
    monkeypatch.setattr(keyfigures, "MAX_CONFLICT_FIGURES", 1)
    found = keyfigures.conflicts(tiny_ds, tiny_ds.statistics)
    assert len(found[0].figures) == 1 and found[0].total == 2
    monkeypatch.setattr(keyfigures, "MAX_CONFLICTS", 0)
    found = keyfigures.conflicts(tiny_ds, tiny_ds.statistics)
    assert len(found) == 1 and found[0].figures == [] and found[0].total == 2 and found[0].title.startswith("Philippines")


def _conflicts_one_group_at_a_time(ds, stats):
    """The rule as it was first written, a group at a time: the oracle of the grouped version."""
    out = []
    stats = stats[stats["figure_role"] != "restates"]
    dup = stats[stats.duplicated(["indicator", "geography"], keep=False)]
    for (indicator, geography), g in dup.groupby(["indicator", "geography"], sort=False):
        periods = list(g["period"])
        if g["source_id"].nunique() == 1 and "not_stated" not in periods and len(set(periods)) == len(periods):
            continue
        title = f"{keyfigures.geography_name(ds, geography)} — {keyfigures.indicator_name(ds, indicator)}"
        if len(out) >= keyfigures.MAX_CONFLICTS:
            out.append(keyfigures.Conflict(title, [], total=len(g)))
            continue
        first = g.sort_values(["source_id", "period"]).head(keyfigures.MAX_CONFLICT_FIGURES)
        out.append(keyfigures.Conflict(title, [keyfigures.figure_card(ds, r) for r in first.to_dict("records")], total=len(g)))
    return out


def test_conflicts_grouped_at_once_are_those_of_one_group_at_a_time(tiny_ds):
    i18n.set_language("en")
    rng = random.Random(19)
    base = tiny_ds.statistics.iloc[0].to_dict()
    sources = list(tiny_ds.sources["source_id"])
    rows = []
    for i in range(600):  # series from one source, repeated periods, unstated periods, restated headlines
        rows.append(
            {
                **base,
                "stat_id": f"s-{i}",
                "indicator": rng.choice(["returns_total", "remittances_usd", "workers", "other"]),
                "geography": rng.choice(["PHL", "IND", "MEX", "WLD", "UKR", "NPL", "KHM", "BGD", "ETH", "COL", "NGA", "PER"]),
                "period": rng.choice(["2019", "2020", "2021", "2020-03", "not_stated"]),
                "source_id": rng.choice(sources[:1] * 3 + sources),
                "figure_role": rng.choice(["", "", "", "restates", "total"]),
            }
        )
    stats = pd.DataFrame(rows).astype(tiny_ds.statistics.dtypes.to_dict())
    series = stats.head(3).assign(
        indicator="series", geography="PHL", source_id=sources[0], figure_role="", period=["2019", "2020", "2021"]
    )
    assert _conflicts_one_group_at_a_time(tiny_ds, series) == []  # a time series from one source
    for sample in (
        stats,
        stats.head(40),
        stats.head(3),
        stats[stats["period"] != "not_stated"],
        pd.concat([series, stats.head(60)]),
    ):
        assert keyfigures.conflicts(tiny_ds, sample) == _conflicts_one_group_at_a_time(tiny_ds, sample)
    assert len(keyfigures.conflicts(tiny_ds, stats)) > keyfigures.MAX_CONFLICTS  # cards and counted groups both met
