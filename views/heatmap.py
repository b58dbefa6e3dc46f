"""/heatmap: countries (or regions) x issue areas (or GCM objectives), with the practices behind a cell."""

import streamlit as st

from lib import alttext, i18n, labels, matrix, metrics, services
from lib.ui import charts, lists, shell, url, widgets

ds = shell.require_dataset()
params = url.params()
spec = {k: v for k, v in url.practice_filter_spec(ds).items() if k in ("actor", "period", "source")}
shell.header("heatmap.title", "heatmap.intro")

url.bind("hm_rows", params.choice("rows", ("country", "region"), "country"))
url.bind("hm_cols", params.choice("cols", ("issue", "gcm"), "issue"))
url.bind("hm_sort", params.choice("sort", ("total", "name", "region"), "total"))
url.bind("hm_top", int(params.choice("top", ("15", "30", "60", "all"), "30")) if params.text("top") not in ("all",) else "all")
for name, (allowed, cast) in spec.items():
    url.bind(f"hm_{name}", list(params.choices(name, allowed, cast)))
url.ignored_params(params)

c1, c2, c3, c4 = st.columns(4)
rows = (
    widgets.control(
        c1.segmented_control,
        i18n.t("heatmap.rows"),
        ("country", "region"),
        key="hm_rows",
        format_func=lambda v: i18n.t(f"heatmap.rows.{v}"),
    )
    or "country"
)
cols = (
    widgets.control(
        c2.segmented_control,
        i18n.t("heatmap.cols"),
        ("issue", "gcm"),
        key="hm_cols",
        format_func=lambda v: i18n.t(f"heatmap.cols.{v}"),
    )
    or "issue"
)
sort = widgets.control(
    c3.selectbox,
    i18n.t("heatmap.sort"),
    ("total", "name", "region"),
    key="hm_sort",
    format_func=lambda v: i18n.t(f"heatmap.sort.{v}"),
)
top = widgets.control(
    c4.selectbox,
    i18n.t("heatmap.top"),
    (15, 30, 60, "all"),
    key="hm_top",
    format_func=lambda v: i18n.t("heatmap.all") if v == "all" else str(v),
)
with widgets.panel(st, i18n.t("filters.title"), icon=":material/filter_list:"):
    chosen = widgets.practice_filters(ds, spec, prefix="hm_")
url.set_url({"rows": rows, "cols": cols, "sort": sort, "top": top, **chosen})

hv = services.heatmap(rows, cols, sort, None if top == "all" else int(top), metrics.Filters(**chosen))
practices, grid, view = hv.practices, hv.grid, hv.view
alt = alttext.heatmap(view, hv.row_labels, hv.col_labels, title=hv.title, source_line=hv.source_line)
event = charts.plot(hv.figure, "heatmap", alt, on_select="rerun", selection_mode="points")
st.caption(i18n.t("heatmap.zero_means", shown=len(view), total=len(grid.counts)))

cell = charts.selected_cell(event)
if not url.presenting():
    st.header(i18n.t("heatmap.cell_title"))
pick_row, pick_col = widgets.cell_picker(ds, grid, cell)
if pick_row is not None and pick_col is not None:
    behind = matrix.cell_practices(ds, practices, pick_row, pick_col, rows=rows, cols=cols)
    st.write(
        i18n.t(
            "heatmap.cell_count",
            n=len(behind),
            row=labels.row_label(ds, rows, pick_row),
            col=labels.col_label(ds, cols, pick_col),
        )
    )
    lists.practice_list(ds, behind, key="hm")
