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
