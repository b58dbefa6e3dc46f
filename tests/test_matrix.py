from lib import matrix, metrics


def test_heatmap_totals_equal_practice_counts(tiny_ds):
    m = matrix.heatmap_matrix(tiny_ds, tiny_ds.practices)
    counts = metrics.practice_counts(tiny_ds, tiny_ds.practices).set_index("iso3")["value"]
    assert m.totals.to_dict() == counts.to_dict()
    assert m.counts.loc["PHL", "return_reintegration"] == 1 and m.counts.loc["PHL", "health_services"] == 1
    cell = matrix.cell_practices(tiny_ds, tiny_ds.practices, "PHL", "health_services")
    assert list(cell["practice_id"]) == ["multi-health"]


def test_heatmap_regions_and_gcm(tiny_ds):
    m = matrix.heatmap_matrix(tiny_ds, tiny_ds.practices, rows="region", cols="gcm")
    assert m.totals["Asia"] == 2 and m.counts.loc["Asia", 15] == 2
    assert list(m.counts.columns) == list(range(1, 24))
    cell = matrix.cell_practices(tiny_ds, tiny_ds.practices, "Asia", "17", rows="region", cols="gcm")
    assert list(cell["practice_id"]) == ["multi-health"]
