"""/statistics: key figures by the questions people ask, each with its source, period and qualifier."""

import streamlit as st

from lib import figures, i18n, keyfigures, ui

ds = ui.require_dataset()
ui.header("statistics.title", "statistics.intro")

sections = keyfigures.layout(ds)
tabs = st.tabs([i18n.t(f"statistics.section.{s.key}") for s in sections])
for tab, section in zip(tabs, sections):
    with tab:
        st.write(i18n.t(f"statistics.section.{section.key}.intro"))
        if section.headlines:
            for col, card in zip(st.columns(len(section.headlines)), section.headlines):
                with col:
                    ui.figure_card(card, label=card["label"])
        for block in section.blocks:
            if len(section.blocks) > 1:
                st.subheader(i18n.t(f"statistics.block.{block.key}"))
            for chart in block.charts:
                ui.plot(
                    figures.bar_chart(chart.rows, title=chart.title, axis_title=chart.axis, source_line=chart.source),
                    f"chart_{section.key}_{chart.key}",
                )
            if block.conflicts:
                st.markdown(f"##### {i18n.t('statistics.conflicts_title')}")
                st.caption(i18n.t("statistics.conflicts_note"))
                for c in block.conflicts:
                    ui.conflict(c)
            st.dataframe(block.table, hide_index=True, width="stretch")
        ui.download_csv(section.stats, f"atlas-statistics-{section.key}.csv", key=f"stats_csv_{section.key}")
