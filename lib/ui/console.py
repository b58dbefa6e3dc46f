"""The presenter console (`?present=1&console=1`), the audience windows that follow it, and the
audience link as a QR code.

The console shows the current and next step, the speaker notes and the elapsed time; Right / Left
step, B blanks the audience screen, Esc leaves. It publishes its step to a room (lib/rooms.py); an
audience window opened from its link (`?room=<token>`) polls the room every second and follows.
"""

from __future__ import annotations

import re
import time

import streamlit as st

from lib import i18n, qr, rooms, routes, services, stories
from lib.markup import md
from lib.ui import charts
from lib.ui import story as player
from lib.ui.url import params

TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,24}$")
HIDDEN = ("present", "console", "room")  # never in the link people in the room open


def _token() -> str:
    value = params().text("room")
    return value if TOKEN.match(value) else ""


def server_base() -> str:
    """The address this browser used to reach the server (never a hard-coded host)."""
    return qr.base_url(st.context.url, st.context.headers.get("Host"))


def view_link(page: str, query: dict[str, str]) -> str:
    """The full URL of a view for people in the room: no presenter mode, console or room."""
    return qr.view_url(server_base(), routes.route(page).path, {k: v for k, v in query.items() if k not in HIDDEN})


def qr_popover(page: str) -> None:
    """'Audience link' on a presenter view: a QR code of the current view's URL and the URL as text."""
    query = {k: st.query_params[k] for k in st.query_params.keys()}
    link = view_link(page, query)
    with st.popover(i18n.t("qr.button"), icon=":material/qr_code_2:"):
        st.image(qr.png(link), width=320, caption=i18n.t("qr.alt"))
        st.code(link, language=None, wrap_lines=True)


@st.fragment(run_every=1.0)
def _clock() -> None:
    started = st.session_state.setdefault("kit_started", time.time())
    secs = int(time.time() - started)
    st.metric(i18n.t("console.elapsed"), f"{secs // 60:02d}:{secs % 60:02d}")


def console_view() -> None:
    """The controller view of a story step (instead of the page)."""
    p = params()
    story = player.find_story(p.text("story"))
    if story is None:
        st.info(i18n.t("console.no_story"), icon=":material/info:")
        return
    n = stories.clamp_step(story, p.text("step") or "1")
    token = _token()
    if not token:
        token = rooms.Rooms.new_token()
        st.query_params["room"] = token
    blank = bool(st.session_state.get("kit_blank", False))
    keep = {k: st.query_params[k] for k in ("lang",) if k in st.query_params}
    page, query = stories.step_params(story, n, {**keep, "present": "1"})
    step = story.steps[n - 1]
    services.rooms_registry().publish(token, rooms.View(page, query, story.title, step.caption, n, len(story.steps), blank))

    head, clock = st.columns([5, 1], vertical_alignment="center")
    with head:
        st.title(md(story.title))
        st.markdown(f"**{md(i18n.t('console.title'))}** · {md(i18n.t('story.position', n=n, total=len(story.steps)))}")
    with clock:
        _clock()
    c = st.columns(4)
    back = c[0].button(i18n.t("story.prev"), key="kit_prev", disabled=n <= 1, icon=":material/arrow_back:", shortcut="Left")
    forward = c[1].button(
        i18n.t("story.next"), key="kit_next", disabled=n >= len(story.steps), icon=":material/arrow_forward:", shortcut="Right"
    )
    toggle = c[2].button(
        i18n.t("console.unblank" if blank else "console.blank"), key="kit_blank_btn", icon=":material/tv_off:", shortcut="B"
    )
    leave = c[3].button(i18n.t("console.exit"), key="kit_exit", icon=":material/close:", shortcut="Esc")
    if blank:
        st.warning(i18n.t("console.blanked"), icon=":material/tv_off:")

    now, later = st.columns([3, 2])
    with now:
        st.markdown(f"**{md(i18n.t('console.current'))}** · {md(step.caption)}")
        charts.thumbnail(step, "kit_thumb_now", 360)
    with later:
        if n < len(story.steps):
            nxt = story.steps[n]
            st.markdown(f"**{md(i18n.t('console.next'))}** · {md(nxt.caption)}")
            charts.thumbnail(nxt, "kit_thumb_next", 240)
        else:
            st.markdown(f"**{md(i18n.t('console.next'))}** · {md(i18n.t('console.last'))}")
    st.subheader(i18n.t("console.notes"))
    st.markdown(md(step.notes) if step.notes else f"*{md(i18n.t('console.no_notes'))}*")

    audience = qr.view_url(server_base(), routes.route(page).path, {**query, "room": token})
    a, b = st.columns([3, 2])
    a.link_button(i18n.t("console.open_audience"), audience, icon=":material/co_present:")
    a.caption(i18n.t("console.audience_help"))
    a.code(audience, language=None, wrap_lines=True)
    people = view_link(page, query)
    b.image(qr.png(people), width=220, caption=i18n.t("qr.alt"))

    if toggle:
        st.session_state["kit_blank"] = not blank
        st.rerun()
    if leave:
        for k in ("console", "present", "room"):
            st.query_params.pop(k, None)
        st.rerun()
    if back or forward:
        player.go_to_step(story, n - 1 if back else n + 1)


def audience_blank() -> bool:
    """Whether the console this window follows has blanked the screen."""
    token = _token()
    if not token:
        return False
    _, view = services.rooms_registry().get(token)
    blank = bool(view and view.blank)
    st.session_state["kit_seen_blank"] = blank
    return blank


def audience(current: str) -> bool:
    """In an audience window (`?room=`): the caption of the console's step, kept in step with the
    console every second. False when this window follows no room (then the story bar applies)."""
    token = _token()
    if not token:
        return False
    _follow(token, current)
    return True


@st.fragment(run_every=1.0)
def _follow(token: str, current: str) -> None:
    version, view = services.rooms_registry().get(token)
    if view is None:
        st.caption(i18n.t("console.room_gone"))
        return
    here = {k: st.query_params[k] for k in st.query_params.keys() if k != "room"}
    if (view.page, view.params) != (current, here):
        for key in list(st.session_state.keys()):
            if key != "lang" and not str(key).startswith(player.KEEP_PREFIX):
                del st.session_state[key]
        st.switch_page(routes.route(view.page).view, query_params={**view.params, "room": token})
    if view.blank != st.session_state.get("kit_seen_blank", False):
        st.session_state["kit_seen_blank"] = view.blank
        st.rerun(scope="app")
    if not view.blank:
        with st.container(border=True):
            st.markdown(
                f"**{md(view.title)}** · {md(i18n.t('story.position', n=view.n, total=view.total))}  \n{md(view.caption)}"
            )
