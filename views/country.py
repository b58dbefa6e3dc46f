"""/country?iso3=XXX: a country's figures and practices side by side, with exports;
/country?compare=PHL,IND: two to four countries compared."""

import streamlit as st

from lib import brief, cache, compare, countries, figures, i18n, metrics, state, tables, ui

ds = ui.require_dataset()
params = state.read(st.query_params)
names = ui.country_names()
ui.header("country.title")

raw = params.text("iso3")
iso3 = countries.clean_iso3(raw)
with_data = cache.view("countries_with_data")

# Compare: two to four countries, kept in the URL as ?compare=PHL,IND
wanted = compare.clean_selection(ds, params.text("compare").split(",")) if params.text("compare") else []
ui.bind("compare_pick", wanted)
with ui.panel(st, i18n.t("compare.title"), expanded=len(wanted) >= compare.MIN, icon=":material/compare_arrows:"):
    picked = ui.control(
        st.multiselect, i18n.t("compare.pick"), sorted(with_data, key=lambda i: names.get(i, i)), key="compare_pick",
        format_func=lambda i: names.get(i, i), max_selections=compare.MAX, placeholder=i18n.t("compare.placeholder"),
    ) or []
if len(picked) >= compare.MIN:
    ui.set_url({"compare": picked})
    ui.compare_view(ds, picked)
    st.stop()

query = ui.control(st.text_input, i18n.t("country.search"), key="country_q", max_chars=80, placeholder=i18n.t("country.search_placeholder"))
if query:
    matches = countries.lookup(query, cache.country_index())
    if matches:
        iso3 = matches[0].iso3
        if len(matches) > 1:
            st.caption(i18n.t("country.also", names=", ".join(names.get(m.iso3, m.iso3) for m in matches[1:])))
    else:
        st.info(i18n.t("country.no_match"), icon=":material/search_off:")

known = set(ds.countries["iso3"])
if raw and iso3 not in known and not query:
    st.info(i18n.t("country.unknown_code"), icon=":material/help:")
    ui.suggestions(ds, [m.iso3 for m in countries.lookup(raw[:80], cache.country_index()) if m.iso3 in with_data])
    iso3 = None
if not iso3 or iso3 not in known:
    st.write(i18n.t("country.choose"))
    ui.country_picker(ds, sorted(with_data), key="country_pick")
    st.stop()

ui.set_url({"iso3": iso3})
profile = cache.view("country_profile", iso3)

head, locator = st.columns([3, 2], vertical_alignment="center")
with head:
    st.header(ui.md(names.get(iso3, iso3)))
    st.caption(ui.md(profile["region_line"]))
with locator:
    geometry = cache.geometry()
    ui.plot(figures.locator_map(geometry.shapes, geometry.points, iso3, names.get(iso3, iso3), ids=geometry.ids), "locator")
st.subheader(i18n.t("country.statistics"))
if profile["statistics"].empty:
    st.write(i18n.t("country.no_statistics"))
else:
    ui.statistics_table(profile["statistics"], total=profile["n_statistics"])
    ui.conflicts(profile["conflict_groups"])

if profile["practices"].empty and profile["statistics"].empty:
    st.info(i18n.t("country.empty"), icon=":material/info:")
    ui.suggestions(ds, metrics.similar_countries(ds, iso3))
else:
    st.subheader(i18n.t("country.practices", n=len(profile["practices"])))
    ui.practices_by_issue(ds, profile["practices"])
    st.subheader(i18n.t("country.coverage"))
    st.dataframe(profile["coverage"], hide_index=True, width="stretch")
    st.caption(i18n.t("caveat.counts"))

lang = i18n.language()
if ui.presenting():
    st.stop()
cols = st.columns(3)
with cols[0]:
    ui.download_csv(lambda: tables.country_export(ds, iso3), f"atlas-{iso3}.csv", key="country_csv")
with cols[1]:
    st.download_button(
        i18n.t("brief.download"), data=lambda: brief.build(ds, iso3, lang), file_name=f"atlas-brief-{iso3}.pdf",
        mime="application/pdf", key="country_pdf", icon=":material/picture_as_pdf:", on_click="ignore",
    )
