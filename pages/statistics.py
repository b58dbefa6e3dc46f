"""/statistics: key figures by theme, each with its source, period and qualifier."""

import streamlit as st

from lib import figures, i18n, tables, ui

ds = ui.require_dataset()
ui.header("statistics.title", "statistics.intro")

sections = tables.statistics_sections(ds)
tabs = st.tabs([i18n.t(f"category.{c}") for c in sections])
for tab, (category, stats) in zip(tabs, sections.items()):
    with tab:
        for chart in tables.statistics_charts(ds, stats):
            st.plotly_chart(figures.bar_chart(chart.rows, title=chart.title, axis_title=chart.axis, source_line=chart.source), config=ui.PLOT_CONFIG, key=f"chart_{chart.key}")
        st.dataframe(tables.statistics_rows(ds, stats), hide_index=True, width="stretch")
        ui.download_csv(stats, f"atlas-statistics-{category}.csv", key=f"stats_csv_{category}")
st.caption(i18n.t("statistics.conflicts_note"))
