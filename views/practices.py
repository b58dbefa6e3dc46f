"""/practices: search and browse every practice, with facets, citations and a safe CSV."""

import streamlit as st

from lib import cache, i18n, metrics, search, state, tables, ui

ds = ui.require_dataset()
params = state.read(st.query_params)
spec = ui.practice_filter_spec(ds)
ui.header("practices.title", "practices.intro")

ui.bind("pr_q", params.text("q")[:120])
for name, (allowed, cast) in spec.items():
    ui.bind(f"pr_{name}", list(params.choices(name, allowed, cast)))
ui.bind("pr_country", list(params.choices("country", ds.countries["iso3"])))
ui.ignored_params(params)

query = ui.control(st.text_input, i18n.t("practices.search"), key="pr_q", max_chars=120, placeholder=i18n.t("practices.search_placeholder")) or ""
names = ui.country_names()
with ui.panel(st, i18n.t("filters.title"), icon=":material/filter_list:"):
    country = ui.control(
        st.multiselect, i18n.t("filters.country"), list(ds.countries["iso3"]), key="pr_country",
        format_func=lambda i: names.get(i, i), placeholder=i18n.t("filters.any"),
    ) or []
    chosen = ui.practice_filters(ds, spec, prefix="pr_")
ui.set_url({"q": query, "country": tuple(country), **chosen})

index = cache.search_index()
result = search.search(query, index)
found = search.apply(metrics.filter_practices(ds, metrics.Filters(country=tuple(country), **chosen)), result)

if result is not None and result.countries:
    st.caption(i18n.t("practices.recognised", names=", ".join(names.get(c, c) for c in sorted(result.countries))))
st.write(i18n.t("practices.count", n=len(found), total=len(ds.practices)))

with ui.panel(st, i18n.t("practices.facets"), icon=":material/bar_chart:"):
    if not ui.presenting():
        ui.facets(ds, found)

ui.practice_list(ds, found, key="pr")
ui.download_csv(lambda: tables.practice_export(ds, found), "atlas-practices.csv", key="pr_csv")
