"""/country?iso3=XXX: a country's figures and practices side by side, with exports;
/country?compare=PHL,IND: two to four countries compared."""

import streamlit as st

from lib import alttext, brief, compare, countries, export, figures, i18n, metrics, services
from lib.markup import md
from lib.ui import builder, charts, lists, shell, url, widgets

ds = shell.require_dataset()
params = url.params()
names = shell.country_names()
shell.header("country.title")

raw = params.text("iso3")
iso3 = countries.clean_iso3(raw)
with_data = services.countries_with_data()

# Compare: two to four countries, kept in the URL as ?compare=PHL,IND
wanted = compare.clean_selection(ds, params.text("compare").split(",")) if params.text("compare") else []
url.bind("compare_pick", wanted)
with widgets.panel(st, i18n.t("compare.title"), expanded=len(wanted) >= compare.MIN, icon=":material/compare_arrows:"):
    picked = (
        widgets.control(
            st.multiselect,
            i18n.t("compare.pick"),
            sorted(with_data, key=lambda i: names.get(i, i)),
            key="compare_pick",
            format_func=lambda i: names.get(i, i),
            max_selections=compare.MAX,
            placeholder=i18n.t("compare.placeholder"),
        )
        or []
    )
if len(picked) >= compare.MIN:
    url.set_url({"compare": picked})
    totals = compare.totals(ds, picked)
    st.header(md(" · ".join(names.get(i, i) for i in picked)))
    for col, code in zip(st.columns(len(picked)), picked):
        url.link(col, "country", md(names.get(code, code)), iso3=code)
        col.caption(i18n.t("compare.n_practices", n=totals[code]))
    st.subheader(i18n.t("country.statistics"))
    table = compare.statistics_table(ds, picked)
    if table.empty:
        st.write(i18n.t("compare.no_statistics"))
    else:
        st.table(table.set_index(table.columns[0]))  # a static table: long cells wrap instead of being cut
        st.caption(i18n.t("country.conflicts"))
    st.subheader(i18n.t("compare.coverage"))
    counts = compare.coverage(ds, picked)
    row_labels, col_labels = compare.coverage_labels(ds, counts, totals)
    title, source_line = i18n.t("compare.coverage_title"), i18n.t("map.source_practices", n=len(ds.sources))
    fig = figures.heatmap(
        counts, row_labels, col_labels, title=title, source_line=source_line, hover_label=i18n.t("col.practices")
    )
    charts.plot(fig, "compare_heatmap", alttext.heatmap(counts, row_labels, col_labels, title=title, source_line=source_line))
    st.caption(i18n.t("caveat.counts"))
    widgets.download_csv(table, "atlas-compare-" + "-".join(picked) + ".csv", key="compare_csv")
    st.stop()

query = widgets.control(
    st.text_input, i18n.t("country.search"), key="country_q", max_chars=80, placeholder=i18n.t("country.search_placeholder")
)
if query:
    matches = countries.lookup(query, services.country_index())
    if matches:
        iso3 = matches[0].iso3
        if len(matches) > 1:
            st.caption(i18n.t("country.also", names=", ".join(names.get(m.iso3, m.iso3) for m in matches[1:])))
    else:
        st.info(i18n.t("country.no_match"), icon=":material/search_off:")

known = set(ds.countries["iso3"])
if raw and iso3 not in known and not query:
    st.info(i18n.t("country.unknown_code"), icon=":material/help:")
    lists.suggestions([m.iso3 for m in countries.lookup(raw[:80], services.country_index()) if m.iso3 in with_data])
    iso3 = None
if not iso3 or iso3 not in known:
    st.write(i18n.t("country.choose"))
    widgets.country_picker(ds, sorted(with_data), key="country_pick")
    st.stop()

url.set_url({"iso3": iso3})
profile = services.country_profile(iso3)

head, locator = st.columns([3, 2], vertical_alignment="center")
with head:
    st.header(md(names.get(iso3, iso3)))
    st.caption(md(profile.region_line))
with locator:
    charts.plot(services.locator_figure(iso3), "locator", alttext.locator_map(names.get(iso3, iso3), profile.region_line))
st.subheader(i18n.t("country.statistics"))
if profile.statistics.empty:
    st.write(i18n.t("country.no_statistics"))
else:
    lists.statistics_table(profile.statistics, total=profile.n_statistics)
    charts.conflicts(profile.conflict_groups)

if profile.practices.empty and profile.statistics.empty:
    st.info(i18n.t("country.empty"), icon=":material/info:")
    lists.suggestions(metrics.similar_countries(ds, iso3))
else:
    st.subheader(i18n.t("country.practices", n=len(profile.practices)))
    lists.practices_by_issue(ds, profile.by_issue)
    st.subheader(i18n.t("country.coverage"))
    st.dataframe(profile.coverage, hide_index=True, width="stretch")
    st.caption(i18n.t("caveat.counts"))

if not url.presenting():
    lang = i18n.language()
    cols = st.columns(3)
    with cols[0]:
        widgets.download_csv(lambda: export.country_export(ds, iso3), f"atlas-{iso3}.csv", key="country_csv")
    with cols[1]:
        widgets.download_pdf(lambda: brief.build(ds, iso3, lang), f"atlas-brief-{iso3}.pdf", key="country_pdf")
    with cols[2]:
        builder.country_pack(ds, iso3, lang)
