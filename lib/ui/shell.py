"""The app shell: language, presenter-mode chrome, the sidebar, page headers and the data-error page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import countries, geo, i18n, labels, maps, services
from lib.load import Dataset
from lib.ui.url import params, presenting

# Static styling for the projector (no data or user text goes in here).
PRESENTER_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; color: #000000; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #1a1a1a; font-size: 1rem; }
h1 { font-size: 2.4rem !important; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
</style>"""
# The audience screen blanked from the presenter console (B): black, nothing shown.
BLANK_CSS = """<style>
[data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #000000 !important; }
[data-testid="stMainBlockContainer"] { visibility: hidden; }
</style>"""


# The out-of-sight map of a visitor's first page run (`preload_charts`): laid out, so plotly draws it,
# but invisible and out of the accessibility tree; a static plot, so it takes no pointer or keyboard focus;
# its wrapper out of the page's flow too, so the page keeps its spacing.
PRELOAD_KEY = "atlas_preload"
PRELOADED = "_atlas_preloaded"  # session state: this visitor's browser has had the preload map
PRELOAD_CSS = f"""<style>
.st-key-{PRELOAD_KEY} {{ position: absolute !important; left: -10000px; width: 600px; visibility: hidden; }}
[data-testid="stLayoutWrapper"]:has(> .st-key-{PRELOAD_KEY}) {{ position: absolute !important; }}
</style>"""
PRELOAD_CONFIG = {"staticPlot": True, "displayModeBar": False, "topojsonURL": maps.TOPOJSON_URL}
PRELOAD_ISO3 = "SGP"  # any country of the shipped shapes


def init_language() -> str:
    """Language from `?lang=`, else the session's choice; set for this script run."""
    lang = params().text("lang") or st.session_state.get("lang", i18n.DEFAULT)
    lang = i18n.set_language(lang)
    st.session_state["lang"] = lang
    return lang


def presenter_chrome(blank: bool = False) -> None:
    """Presenter mode's styling and its one control: the way back to the normal view. `blank`:
    the console blanked the audience screen."""
    st.html(PRESENTER_CSS + (BLANK_CSS if blank else ""))
    if st.button(i18n.t("present.exit"), key="present_exit", type="tertiary", icon=":material/close_fullscreen:", shortcut="Esc"):
        st.query_params.pop("present", None)
        st.rerun()


def sidebar(lang: str) -> None:
    """Language switch, presenter-mode button and the data version."""
    with st.sidebar:
        choice = st.selectbox(
            i18n.t("sidebar.language"),
            list(i18n.LANGUAGES),
            index=list(i18n.LANGUAGES).index(lang),
            format_func=lambda c: i18n.LANGUAGES[c],
            key="lang_select",
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
        result = services.dataset()
        if result.ok:
            st.caption(i18n.t("sidebar.data_version", version=labels.data_version(result.dataset)))


def preload_charts(charts: bool) -> None:
    """At the top of every page run, before the page builds anything: on a visitor's first run, when
    that page draws charts (`charts`: `Route.charts`, or the presenter console), a one-shape map out
    of sight (`PRELOAD_CSS`: hidden, also from screen readers), so that the browser loads and starts
    plotly and fetches the served shapes while the server reads, checks or builds the page, not after
    the page's chart arrives (bench/RESULTS.md, "Sessions 9-10 (#19)"). A first page without charts
    leaves plotly's 4.7 MB unloaded (on every page it cost the browser tests a tenth of their time:
    "The test suite on a busy machine"). Later runs keep the container, empty, so that nothing after it changes place."""
    first = not st.session_state.get(PRELOADED)
    st.session_state[PRELOADED] = True
    with st.container(key=PRELOAD_KEY):  # its style inside it: out of the page's flow, no extra gap
        st.html(PRELOAD_CSS)
        if first and charts:
            st.plotly_chart(maps.preload_map(geo.STATIC_URL, PRELOAD_ISO3), config=PRELOAD_CONFIG)


def page_done() -> None:
    """The end of a page run: serve.py's background work held back for the first page may start."""
    services.page_shown()


def wait_for_data() -> None:
    """While the data folder is first read and checked, say what is being done, with a progress bar
    (a large folder takes seconds; later runs and warm restarts find it loaded or cached)."""
    state = services.loading()
    if state.finished:
        return
    box = st.empty()
    with box.status(i18n.t("loading.title"), expanded=True):
        bar = st.progress(0.0)
        for stage, file, done in state.changes(0.2):  # each wait returns as soon as the load is done
            bar.progress(min(1.0, done), text=i18n.t(f"loading.{stage}", file=file))
    box.empty()


def require_dataset() -> Dataset:
    """The validated dataset, or a clear error page listing every problem (then stop)."""
    result = services.dataset()
    if result.ok:
        return result.dataset
    st.title(i18n.t("data_error.heading"))  # the page's one h1, also on the error page
    st.error(i18n.t("data_error.title"), icon=":material/error:")
    st.write(i18n.t("data_error.body", n=len(result.problems)))
    st.dataframe(problems_frame(result.problems), hide_index=True, width="stretch")
    st.markdown(i18n.t("data_error.hint"))  # not a caption: faded inline code fell below 4.5:1
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
    """The page's one h1 and, outside presenter mode, its introduction."""
    st.title(i18n.t(title_key))
    if intro_key and not presenting():
        st.write(i18n.t(intro_key))


def country_names() -> dict[str, str]:
    """ISO3 -> country name in the current language."""
    return countries.names(require_dataset().countries)
