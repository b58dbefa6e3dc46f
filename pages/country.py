"""/country?iso3=XXX: a country's figures and practices side by side, with exports."""

import streamlit as st

from lib import cache, countries, export, figures, i18n, metrics, state, tables, ui

ds = ui.require_dataset()
params = state.read(st.query_params)
names = ui.country_names()
ui.header("country.title")

raw = params.text("iso3")
iso3 = countries.clean_iso3(raw)
query = st.text_input(i18n.t("country.search"), key="country_q", max_chars=80, placeholder=i18n.t("country.search_placeholder"))
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
    iso3 = None
if not iso3 or iso3 not in known:
    st.write(i18n.t("country.choose"))
    ui.country_picker(ds, list(metrics.practice_counts(ds, ds.practices)["iso3"]), key="country_pick")
    st.stop()

ui.set_url({"iso3": iso3})
profile = tables.country_profile(ds, iso3)
st.header(names.get(iso3, iso3))
st.caption(profile["region_line"])

left, right = st.columns([3, 2])
with right:
    geometry = cache.geometry()
    st.plotly_chart(figures.locator_map(geometry.geojson, geometry.points, iso3, names.get(iso3, iso3)), config=ui.PLOT_CONFIG, key="locator")
with left:
    st.subheader(i18n.t("country.statistics"))
    if profile["statistics"].empty:
        st.write(i18n.t("country.no_statistics"))
    else:
        st.dataframe(profile["statistics"], hide_index=True, width="stretch")
        if profile["conflicts"]:
            st.caption(i18n.t("country.conflicts"))

if profile["practices"].empty and profile["statistics"].empty:
    st.info(i18n.t("country.empty"), icon=":material/info:")
    ui.suggestions(ds, metrics.similar_countries(ds, iso3))
else:
    st.subheader(i18n.t("country.practices", n=len(profile["practices"])))
    ui.practices_by_issue(ds, profile["practices"])
    st.subheader(i18n.t("country.coverage"))
    st.dataframe(profile["coverage"], hide_index=True, width="stretch")
    st.caption(i18n.t("caveat.counts"))

ui.download_csv(profile["export"], f"atlas-{iso3}.csv", key="country_csv")
