"""/statistics: key figures by the questions people ask, each with its source, period and qualifier.

One tab per question; only the open tab is built, and it is in the URL (`?section=returns`)."""

import streamlit as st

from lib import alttext, export, i18n, services
from lib.ui import charts, lists, shell, url, widgets

shell.require_dataset()
params = url.params()
shell.header("statistics.title", "statistics.intro")

keys = services.statistics_sections()
labels = {key: i18n.t(f"statistics.section.{key}") for key in keys}
first = keys[0] if keys else None
chosen = params.choice("section", keys, first)
url.ignored_params(params)
tabs = st.tabs(list(labels.values()), default=labels.get(chosen), key=f"stats_tabs_{i18n.language()}", on_change="rerun")
open_key = next((key for key, tab in zip(keys, tabs) if tab.open), chosen)
url.set_url({"section": open_key if open_key != first else None})  # the first tab needs none

for key, tab in zip(keys, tabs):
    if key != open_key:
        continue
    section = services.statistics_section(key)
    bars = services.statistics_figures(key)
    with tab:
        st.write(i18n.t(f"statistics.section.{section.key}.intro"))
        charts.headlines(section.headlines)
        for block in section.blocks:
            if len(section.blocks) > 1:
                st.header(i18n.t(f"statistics.block.{block.key}"))
            for chart in block.charts:
                charts.plot(
                    bars[chart.key],
                    f"chart_{section.key}_{chart.key}",
                    alttext.bar_chart(chart.rows, title=chart.title, source_line=chart.source),
                )
            charts.conflicts(block.conflicts, level=3 if len(section.blocks) > 1 else 2)
            lists.long_table(block.table, total=len(block.stats))
        widgets.download_csv(
            lambda stats=section.stats: export.statistics_export(stats),
            f"atlas-statistics-{section.key}.csv",
            key=f"stats_csv_{section.key}",
        )
