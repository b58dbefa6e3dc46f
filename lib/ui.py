"""Streamlit building blocks shared by the pages: language, the data-error page, citations,
downloads and URL state. Pages stay thin: they read state, call `lib/`, and render with these.
No data or user text is ever rendered as HTML here (markdown text is escaped).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib import cache, export, i18n, state, tables
from lib.load import Dataset

PERSIST = ("lang", "present", "story", "step")  # query parameters kept on every page


def init_language() -> str:
    """Language from `?lang=`, else the session's choice; set for this script run."""
    params = state.read(st.query_params)
    lang = params.text("lang") or st.session_state.get("lang", i18n.DEFAULT)
    lang = i18n.set_language(lang)
    st.session_state["lang"] = lang
    return lang


def presenting() -> bool:
    """Presenter mode (`?present=1`): no sidebar or controls, large type, full-size charts."""
    return state.read(st.query_params).flag("present")


# Static styling for the projector (no data or user text goes in here).
PRESENTER_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; color: #000000; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #1a1a1a; font-size: 1rem; }
h1 { font-size: 2.4rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
</style>"""


def presenter_chrome() -> None:
    """Presenter mode's styling and its one control: the way back to the normal view."""
    st.html(PRESENTER_CSS)
    if st.button(i18n.t("present.exit"), key="present_exit", type="tertiary", icon=":material/close_fullscreen:", shortcut="Esc"):
        st.query_params.pop("present", None)
        st.rerun()


def plot(fig, key: str, projector_height: int | None = None, **kwargs):
    """st.plotly_chart with the app's offline config; in presenter mode the projector version."""
    if presenting():
        from lib import figures

        fig = figures.projector(fig, projector_height)
    return st.plotly_chart(fig, key=key, config=PLOT_CONFIG, **kwargs)


def control(widget, label: str, *args, key: str, **kwargs):
    """A widget, or in presenter mode its current value without drawing it (no controls on the
    projector; the value comes from the URL through `bind`)."""
    if presenting():
        return st.session_state.get(key)
    return widget(label, *args, key=key, **kwargs)


def panel(parent, label: str, icon: str | None = None, expanded: bool = False):
    """An expander for controls; in presenter mode a plain (empty) container instead."""
    if presenting():
        return parent.container()
    return parent.expander(label, expanded=expanded, icon=icon)


def story_bar(current: str = "") -> None:
    """The story player: where we are in a saved sequence of views, with previous / next
    (buttons, or the Left / Right keys). Shown on every page while `?story=` is set."""
    from lib import stories

    params = state.read(st.query_params)
    sid = params.text("story")
    if not sid:
        return
    found, _ = cache.stories()
    story = found.get(sid)
    if story is None:
        st.info(i18n.t("story.unknown"), icon=":material/info:")
        return
    n = stories.clamp_step(story, params.text("step") or "1")
    step = story.steps[n - 1]
    if current == step.page and any(k not in params.raw for k in step.params):
        go_to_step(story, n)  # a typed or shared link to a step: show the step's view
    with st.container(border=True):
        c1, c2, c3 = st.columns([1, 8, 1], vertical_alignment="center")
        back = c1.button(i18n.t("story.prev"), key="story_prev", disabled=n <= 1, icon=":material/arrow_back:", shortcut="Left")
        c2.markdown(f"**{md(story.title)}** · {md(i18n.t('story.position', n=n, total=len(story.steps)))}  \n{md(step.caption)}")
        forward = c3.button(i18n.t("story.next"), key="story_next", disabled=n >= len(story.steps), icon=":material/arrow_forward:", shortcut="Right")
    if back or forward:
        go_to_step(story, n - 1 if back else n + 1)


def go_to_step(story, n: int) -> None:
    from lib import stories

    keep = {k: st.query_params[k] for k in ("lang", "present") if k in st.query_params}
    page, query = stories.step_params(story, n, keep)
    for key in list(st.session_state.keys()):  # widgets re-read their state from the step's URL
        if key != "lang":
            del st.session_state[key]
    st.switch_page(f"views/{page}.py", query_params=query)


def stories_list() -> None:
    """The saved stories, each with a link to its first step (in presenter mode)."""
    from lib import stories

    found, problems = cache.stories()
    for story in found.values():
        page, query = stories.step_params(story, 1, {**persistent_params(), "present": "1"})
        query.pop("step", None)
        query["step"] = "1"
        st.page_link(f"views/{page}.py", label=md(story.title), query_params=query, icon=":material/slideshow:")
        st.caption(md(story.description) + " " + md(i18n.t("story.n_steps", n=len(story.steps))))
    for p in problems:
        st.warning(md(str(p)), icon=":material/warning:")


def sidebar(lang: str) -> None:
    with st.sidebar:
        choice = st.selectbox(
            i18n.t("sidebar.language"), list(i18n.LANGUAGES), index=list(i18n.LANGUAGES).index(lang),
            format_func=lambda c: i18n.LANGUAGES[c], key="lang_select",
        )
        if choice != lang:
            st.session_state["lang"] = choice
            if choice == i18n.DEFAULT:
                st.query_params.pop("lang", None)
            else:
                st.query_params["lang"] = choice
            st.rerun()
        if st.button(i18n.t("present.toggle"), key="present_on", help=i18n.t("present.help"), icon=":material/slideshow:"):
            st.query_params["present"] = "1"
            st.rerun()
        result = cache.dataset()
        if result.ok:
            st.caption(i18n.t("sidebar.data_version", version=tables.data_version(result.dataset)))


def md(text: object) -> str:
    """Escape text for st.markdown so data can never become markup or links."""
    s = str(text)
    for ch in "\\`*_{}[]()#+-.!|<>~$":
        s = s.replace(ch, "\\" + ch)
    return s


def require_dataset() -> Dataset:
    """The validated dataset, or a clear error page listing every problem (then stop)."""
    result = cache.dataset()
    if result.ok:
        return result.dataset
    st.error(i18n.t("data_error.title"), icon=":material/error:")
    st.write(i18n.t("data_error.body", n=len(result.problems)))
    st.dataframe(problems_frame(result.problems), hide_index=True, width="stretch")
    st.caption(i18n.t("data_error.hint"))
    st.stop()


def problems_frame(problems) -> pd.DataFrame:
    """Problems as a table; the row is a nullable integer (sorts as a number, blank when none)."""
    frame = pd.DataFrame(
        [(p.file, p.row, p.column or "", p.message) for p in problems],
        columns=[i18n.t("data_error.file"), i18n.t("data_error.row"), i18n.t("data_error.column"), i18n.t("data_error.message")],
    )
    frame[i18n.t("data_error.row")] = pd.array(frame[i18n.t("data_error.row")].tolist(), dtype="Int64")
    return frame


def header(title_key: str, intro_key: str | None = None) -> None:
    st.title(i18n.t(title_key))
    if intro_key and not presenting():
        st.write(i18n.t(intro_key))


def ignored_params(params: state.Params) -> None:
    """A calm note when the URL carried values the page could not use."""
    if params.ignored:
        names = ", ".join(sorted(set(params.ignored)))
        st.info(i18n.t("url.ignored", names=names), icon=":material/info:")


def set_url(values: dict) -> None:
    """Replace the page's query parameters with `values` (plus the persistent ones)."""
    wanted = state.encode(values)
    for key in PERSIST:
        if key in st.query_params and key not in wanted:
            wanted[key] = st.query_params[key]
    current = {k: st.query_params[k] for k in st.query_params.keys()}
    if current != wanted:
        st.query_params.from_dict(wanted)


SHORT_TABLE_ROWS = 40  # up to this many, a static table whose long cells wrap


def long_table(df: pd.DataFrame, total: int | None = None) -> None:
    """A scrollable table of at most tables.MAX_TABLE_ROWS rows, with a note when rows were left out
    (`total`: the full count when `df` was already cut)."""
    total = len(df) if total is None else total
    shown = df.head(tables.MAX_TABLE_ROWS)
    st.dataframe(shown, hide_index=True, width="stretch")
    if total > len(shown):
        st.caption(i18n.t("table.first_rows", n=i18n.number(len(shown)), total=i18n.number(total)))


def statistics_table(df: pd.DataFrame, total: int | None = None) -> None:
    """A country's figures: a wrapping table when short, else a scrollable one."""
    if len(df) <= SHORT_TABLE_ROWS and (total is None or total <= len(df)):
        st.table(df.set_index(df.columns[0]))  # long cells wrap
    else:
        long_table(df, total)


def download_csv(df: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str) -> None:
    """A CSV download button. Pass a function instead of a frame to build the file only when
    someone clicks (Streamlit's deferred download): the full practice list is not built on every run.
    The function runs outside the page run, so it must not depend on the session's language."""
    if presenting():
        return
    data = (lambda: export.to_csv_bytes(df())) if callable(df) else export.to_csv_bytes(df)
    st.download_button(
        i18n.t("download.csv"), data=data, file_name=file_name,
        mime="text/csv", key=key, icon=":material/download:", on_click="ignore",
    )


def citation(ds: Dataset, source_id: str, locator: str) -> str:
    return i18n.t("cite.pattern", source=tables.source_name(ds, source_id), locator=locator)


def country_link(iso3: str, name: str) -> None:
    st.page_link("views/country.py", label=md(name), query_params={"iso3": iso3}, icon=":material/flag:")


def bind(key: str, value) -> None:
    """Seed a widget's state from the URL the first time the page is drawn in this session."""
    if key not in st.session_state:
        st.session_state[key] = value


PLOT_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    # plotly.js would fetch base-map shapes from a CDN; point it at the app's own static folder.
    "topojsonURL": "/app/static/topojson/",
    "toImageButtonOptions": {"format": "png", "scale": 2, "width": 1600, "height": 900},
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}


def _selected_points(event) -> list:
    """The points of a plotly selection event (empty for anything else)."""
    try:
        return list(event["selection"]["points"] or [])
    except (KeyError, TypeError):
        return []


def selected_iso3(event) -> str | None:
    """The ISO3 code of a clicked map country (choropleth `location` or marker `customdata`)."""
    for p in _selected_points(event):
        custom = p.get("customdata")
        if isinstance(custom, (list, tuple)) and custom:
            return str(custom[0])
        if p.get("location"):
            return str(p["location"])
    return None


def persistent_params() -> dict[str, str]:
    return {k: st.query_params[k] for k in PERSIST if k in st.query_params}


def practice_filter_spec(ds: Dataset) -> dict[str, tuple[list, type]]:
    """URL name -> (allowed values, type) for the practice filters shared by several pages."""
    from lib.schema import ACTOR_TYPES, PERIODS, SCOPES

    return {
        "issue": (list(ds.issue_areas["issue_area_id"]), str),
        "gcm": (list(range(1, 24)), int),
        "actor": (list(ACTOR_TYPES), str),
        "period": (list(PERIODS), str),
        "source": (list(ds.sources["source_id"]), str),
        "scope": (list(SCOPES), str),
    }


def filter_label(ds: Dataset, name: str, value) -> str:
    if name == "issue":
        names = dict(zip(ds.issue_areas["issue_area_id"], ds.issue_areas["name"]))
        return i18n.label("issue", value, names.get(value, value))
    if name == "gcm":
        return f"{value}. " + i18n.label("gcm_short", value, str(value))
    if name == "source":
        from lib.tables import source_short

        return source_short(ds, value)
    return i18n.label(name, value)


def practice_filters(ds: Dataset, spec: dict, prefix: str, statistic: bool = False, names=None) -> dict:
    """Multiselects for the practice filters; returns URL name -> tuple of chosen values.

    For a statistics metric only the source filter applies; the others are shown disabled.
    """
    chosen = {}
    for name, (allowed, _) in spec.items():
        if names is not None and name not in names:
            continue
        disabled = statistic and name != "source"
        if presenting():
            chosen[name] = () if disabled else tuple(st.session_state.get(f"{prefix}{name}") or ())
            continue
        values = st.multiselect(
            i18n.t(f"filters.{name}"), allowed, key=f"{prefix}{name}", disabled=disabled,
            format_func=lambda v, n=name: filter_label(ds, n, v), placeholder=i18n.t("filters.any"),
        )
        chosen[name] = () if disabled else tuple(values)
    return chosen


def country_picker(ds: Dataset, iso3s: list[str], key: str) -> None:
    """A keyboard-usable way to a profile: type a country, press the button."""
    from lib import countries

    if presenting():
        return
    names = countries.names(ds.countries)
    ordered = sorted(iso3s, key=lambda i: names.get(i, i))
    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    pick = col1.selectbox(
        i18n.t("picker.label"), ordered, index=None, key=key, format_func=lambda i: names.get(i, i),
        placeholder=i18n.t("picker.placeholder"),
    )
    if col2.button(i18n.t("picker.open"), key=f"{key}_go", disabled=pick is None, icon=":material/arrow_forward:"):
        st.switch_page("views/country.py", query_params={"iso3": pick, **persistent_params()})


def country_names() -> dict[str, str]:
    from lib import countries

    return countries.names(require_dataset().countries)


def facets(ds: Dataset, practices: pd.DataFrame) -> None:
    from lib import metrics

    names = country_names()
    cols = st.columns(4)
    for i, facet in enumerate(("issue", "region", "actor", "period", "source", "scope", "gcm", "country")):
        counts = metrics.facet_counts(ds, practices, facet)
        if facet == "country":
            labels = [names.get(k, k) for k in counts.index]
        elif facet == "region":
            labels = [i18n.label("region", k, k) for k in counts.index]
        else:
            labels = [filter_label(ds, facet, k) for k in counts.index]
        frame = pd.DataFrame({i18n.t(f"filters.{facet}"): labels, "n": counts.values}).sort_values("n", ascending=False)
        cols[i % 4].dataframe(frame, hide_index=True, width="stretch", height=220)


PAGE_SIZE = 25  # practice cards drawn at first; "Show more" adds as many again


def practice_list(ds: Dataset, practices: pd.DataFrame, key: str, page: int = PAGE_SIZE) -> None:
    """Practices as expandable cards (title, countries, implementer, issues, summary, citation, link).

    The first `page` cards are drawn, then a *Show more* button adds `page` more (the count restarts
    when the list changes): every card costs a page run time and browser memory, and the CSV
    download holds the whole list."""
    from lib import tables

    ids = tuple(practices["practice_id"])
    memo = st.session_state.get(f"{key}_shown")
    limit = memo[1] if isinstance(memo, tuple) and memo[0] == hash(ids) else page
    shown = practices.head(limit)
    names = country_names()
    open_all = len(shown) <= 6  # a short result list is shown whole
    for r in shown.itertuples(index=False):
        where = ", ".join(names.get(c, c) for c in r.countries.split(";") if c)
        label = md(tables.practice_title(ds, r)) + (f" · {md(where)}" if where and len(where) < 60 else "")
        with st.expander(label, expanded=open_all):
            st.markdown(tables.practice_card(ds, r, names))
            codes = [c for c in r.countries.split(";") if c]
            if codes:
                links = st.columns(min(len(codes), 4))
                for j, c in enumerate(codes[:8]):
                    links[j % len(links)].page_link(
                        "views/country.py", label=md(names.get(c, c)), query_params={"iso3": c, **persistent_params()},
                        icon=":material/flag:",
                    )
    rest = len(practices) - len(shown)
    if rest > 0:
        st.caption(i18n.t("practices.showing", n=i18n.number(len(shown)), total=i18n.number(len(practices))))
        if not presenting():
            st.button(
                i18n.t("practices.show_more", n=min(page, rest)), key=f"{key}_more", icon=":material/expand_more:",
                on_click=_show_more, args=(f"{key}_shown", hash(ids), limit + page),
            )


def _show_more(state_key: str, signature: int, limit: int) -> None:
    st.session_state[state_key] = (signature, limit)


def practices_by_issue(ds: Dataset, practices: pd.DataFrame) -> None:
    for issue, label, group in tables.practices_by_issue(ds, practices):
        st.markdown(f"**{md(label)}** ({len(group)})")
        practice_list(ds, group, key=f"iss_{issue}", page=10)


def suggestions(ds: Dataset, iso3s: list[str]) -> None:
    if not iso3s:
        return
    names = country_names()
    st.write(i18n.t("country.suggestions"))
    cols = st.columns(min(len(iso3s), 5))
    for col, iso3 in zip(cols, iso3s):
        col.page_link("views/country.py", label=md(names.get(iso3, iso3)), query_params={"iso3": iso3, **persistent_params()}, icon=":material/flag:")


def selected_cell(event) -> tuple[str, str] | None:
    """The (row, column) of a clicked heatmap cell."""
    for p in _selected_points(event):
        custom = p.get("customdata")
        if isinstance(custom, (list, tuple)) and len(custom) >= 2:
            return str(custom[0]), str(custom[1])
    return None


def cell_picker(ds: Dataset, matrix, view: pd.DataFrame, cell) -> tuple:
    """Row and column selectboxes (seeded by a clicked cell): the keyboard way to a cell."""
    from lib import tables

    rows = [str(r) for r in matrix.counts.index]
    cols = [str(c) for c in matrix.counts.columns]
    if presenting():
        return (cell if cell and cell[0] in rows and cell[1] in cols else (None, None))
    if cell and cell[0] in rows and cell[1] in cols:
        st.session_state["hm_cell_row"], st.session_state["hm_cell_col"] = cell
    c1, c2 = st.columns(2)
    row = c1.selectbox(i18n.t("heatmap.pick_row"), rows, index=None, key="hm_cell_row",
                       format_func=lambda v: tables.row_label(ds, matrix.row_kind, v), placeholder=i18n.t("filters.any"))
    col = c2.selectbox(i18n.t("heatmap.pick_col"), cols, index=None, key="hm_cell_col",
                       format_func=lambda v: tables.col_label(ds, matrix.col_kind, v), placeholder=i18n.t("filters.any"))
    return row, col


def figure_card(card: dict, label: str | None = None) -> None:
    """One figure as printed (value with qualifier, period, source and locator), in a bordered box."""
    with st.container(border=True):
        if label:
            st.caption(md(label))
        st.markdown(f"**{md(card['value'])}**")
        st.caption(md(i18n.t("statistics.card_meta", period=card["period"], source=card["source"])))
        if card.get("note"):
            st.caption(md(card["note"]))


MAX_HEADLINES = 4  # headline cards in one row; more go in rows of four, up to 3 rows


def headlines(cards: list[dict]) -> None:
    """A section's headline figures as cards, four to a row (at most 12; the table has them all)."""
    shown = cards[: 3 * MAX_HEADLINES]
    for start in range(0, len(shown), MAX_HEADLINES):
        row = shown[start:start + MAX_HEADLINES]
        for col, card in zip(st.columns(len(row) if len(shown) <= MAX_HEADLINES else MAX_HEADLINES), row):
            with col:
                figure_card(card, label=card["label"])
    if len(cards) > len(shown):
        st.caption(i18n.t("map.more_figures", n=i18n.number(len(cards) - len(shown))))


def conflicts(groups: list) -> None:
    """Groups of figures that differ, with the heading and the note (keyfigures.conflicts builds
    cards for the first MAX_CONFLICTS groups; the rest are counted)."""
    from lib.keyfigures import MAX_CONFLICTS

    if not groups:
        return
    st.markdown(f"##### {i18n.t('statistics.conflicts_title')}")
    st.caption(i18n.t("statistics.conflicts_note"))
    for c in groups[:MAX_CONFLICTS]:
        conflict(c)
    if len(groups) > MAX_CONFLICTS:
        st.caption(i18n.t("statistics.conflicts_more", n=i18n.number(len(groups) - MAX_CONFLICTS)))


def conflict(c) -> None:
    """Figures that differ, side by side with their sources (never merged), and why they may differ."""
    st.markdown(f"**{md(c.title)}**")
    for col, card in zip(st.columns(max(1, min(len(c.figures), 4))), c.figures):
        with col:
            figure_card(card)
    for card in c.figures[4:]:
        figure_card(card)
    if c.total > len(c.figures):
        st.caption(i18n.t("map.more_figures", n=i18n.number(c.total - len(c.figures))))


def compare_view(ds: Dataset, iso3s: list[str]) -> None:
    """Two to four countries side by side: figures (every one, with its source) and coverage."""
    from lib import compare, figures

    names = country_names()
    totals = compare.totals(ds, iso3s)
    st.header(md(" · ".join(names.get(i, i) for i in iso3s)))
    for col, iso3 in zip(st.columns(len(iso3s)), iso3s):
        col.page_link("views/country.py", label=md(names.get(iso3, iso3)), query_params={"iso3": iso3, **persistent_params()}, icon=":material/flag:")
        col.caption(i18n.t("compare.n_practices", n=totals[iso3]))
    st.subheader(i18n.t("country.statistics"))
    table = compare.statistics_table(ds, iso3s)
    if table.empty:
        st.write(i18n.t("compare.no_statistics"))
    else:
        st.table(table.set_index(table.columns[0]))  # a static table: long cells wrap instead of being cut
        st.caption(i18n.t("country.conflicts"))
    st.subheader(i18n.t("compare.coverage"))
    counts = compare.coverage(ds, iso3s)
    rows = [tables.col_label(ds, "issue", i) for i in counts.index]
    cols = [f"{names.get(i, i)} ({totals[i]})" for i in counts.columns]
    fig = figures.heatmap(
        counts, rows, cols, title=i18n.t("compare.coverage_title"), source_line=i18n.t("map.source_practices", n=len(ds.sources)),
        hover_label=i18n.t("col.practices"),
    )
    plot(fig, "compare_heatmap")
    st.caption(i18n.t("caveat.counts"))
    download_csv(compare.statistics_table(ds, iso3s), "atlas-compare-" + "-".join(iso3s) + ".csv", key="compare_csv")
