"""The story player: the bar that steps through a saved sequence of views, and the list of stories."""

from __future__ import annotations

import streamlit as st

from lib import i18n, routes, services, stories
from lib.markup import md
from lib.ui.url import link, params, persistent_params

SESSION_STORY = "kit_story"  # the story built or opened in this session (never written to disk)
KEEP_PREFIX = "kit_"  # session keys of the presenter's kit, kept when a step resets the widgets


def session_story() -> stories.Story | None:
    return st.session_state.get(SESSION_STORY)


def find_story(sid: str) -> stories.Story | None:
    """A story by id: the session's own (built or uploaded) first, then the shipped ones."""
    own = session_story()
    if own is not None and own.id == sid and own.steps:
        return own
    found, _ = services.stories()
    return found.get(sid)


def story_bar(current: str = "") -> None:
    """Where we are in a saved sequence of views, with previous / next (buttons, or the Left /
    Right keys). Shown on every page while `?story=` is set; `current` is the route's name."""
    p = params()
    sid = p.text("story")
    if not sid:
        return
    story = find_story(sid)
    if story is None:
        st.info(i18n.t("story.unknown"), icon=":material/info:")
        return
    n = stories.clamp_step(story, p.text("step") or "1")
    step = story.steps[n - 1]
    if current == step.page and any(k not in p.raw for k in step.params):
        go_to_step(story, n)  # a typed or shared link to a step: show the step's view
    with st.container(border=True):
        c1, c2, c3 = st.columns([1, 8, 1], vertical_alignment="center")
        back = c1.button(i18n.t("story.prev"), key="story_prev", disabled=n <= 1, icon=":material/arrow_back:", shortcut="Left")
        c2.markdown(f"**{md(story.title)}** · {md(i18n.t('story.position', n=n, total=len(story.steps)))}  \n{md(step.caption)}")
        forward = c3.button(
            i18n.t("story.next"),
            key="story_next",
            disabled=n >= len(story.steps),
            icon=":material/arrow_forward:",
            shortcut="Right",
        )
    if back or forward:
        go_to_step(story, n - 1 if back else n + 1)


def go_to_step(story: stories.Story, n: int) -> None:
    keep = {k: st.query_params[k] for k in ("lang", "present", "console", "room") if k in st.query_params}
    page, query = stories.step_params(story, n, keep)
    for key in list(st.session_state.keys()):  # widgets re-read their state from the step's URL
        if key != "lang" and not str(key).startswith(KEEP_PREFIX):
            del st.session_state[key]
    st.switch_page(routes.route(page).view, query_params=query)


def stories_list() -> None:
    """The saved stories, each with a link to its first step (in presenter mode)."""
    found, problems = services.stories()
    for story in found.values():
        page, query = stories.step_params(story, 1, {**persistent_params(), "present": "1"})
        link(st, page, md(story.title), icon=":material/slideshow:", keep=False, **query)
        st.caption(md(story.description) + " " + md(i18n.t("story.n_steps", n=len(story.steps))))
    for problem in problems:
        st.warning(md(str(problem)), icon=":material/warning:")
