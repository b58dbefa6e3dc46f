"""/practices: search and browse every practice, with facets, citations and a safe CSV."""

import streamlit as st

from lib import export, i18n, metrics, services
from lib.ui import lists, shell, url, widgets

ds = shell.require_dataset()
params = url.params()
spec = url.practice_filter_spec(ds)
shell.header("practices.title", "practices.intro")

url.bind("pr_q", params.text("q")[:120])
for name, (allowed, cast) in spec.items():
    url.bind(f"pr_{name}", list(params.choices(name, allowed, cast)))
url.bind("pr_country", list(params.choices("country", ds.countries["iso3"])))
url.ignored_params(params)

query = (
    widgets.control(
        st.text_input, i18n.t("practices.search"), key="pr_q", max_chars=120, placeholder=i18n.t("practices.search_placeholder")
    )
    or ""
)
names = shell.country_names()
with widgets.panel(st, i18n.t("filters.title"), icon=":material/filter_list:"):
    country = (
        widgets.control(
            st.multiselect,
            i18n.t("filters.country"),
            list(ds.countries["iso3"]),
            key="pr_country",
            format_func=lambda i: names.get(i, i),
            placeholder=i18n.t("filters.any"),
        )
        or []
    )
    chosen = widgets.practice_filters(ds, spec, prefix="pr_")
url.set_url({"q": query, "country": tuple(country), **chosen})

filters = metrics.Filters(country=tuple(country), **chosen)
result, found = services.practice_search(query, filters)

if result is not None and result.countries:
    st.caption(i18n.t("practices.recognised", names=", ".join(names.get(c, c) for c in sorted(result.countries))))
st.write(i18n.t("practices.count", n=len(found), total=len(ds.practices)))

with widgets.panel(st, i18n.t("practices.facets"), icon=":material/bar_chart:", key="pr_facets") as facet_panel:
    if not url.presenting() and facet_panel.open:  # built only while the panel is open
        lists.facets(services.facet_tables(query, filters))

lists.practice_list(ds, found, key="pr")
widgets.download_csv(lambda: export.practice_export(ds, found), "atlas-practices.csv", key="pr_csv")
