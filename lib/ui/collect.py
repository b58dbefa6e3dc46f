"""The session's story as it is being built, and 'Add this view to a story' on every page.

Light on purpose (no PDF or packing modules): `app.py` runs `add_view_button` on every page, so what
it imports is on the way to every first page; the story panel and the briefing packs are in
`lib/ui/builder.py`.
"""

from __future__ import annotations

import streamlit as st

from lib import i18n, stories, storybuild
from lib.ui import story as player
from lib.ui.url import link

REV = "kit_rev"  # grows when steps are added, moved or removed: the edit widgets start afresh


def set_story(story: stories.Story, structural: bool = True) -> None:
    """Keep `story` as the session's story; `structural`: steps were added, moved or removed."""
    st.session_state[player.SESSION_STORY] = story
    if structural:
        st.session_state[REV] = st.session_state.get(REV, 0) + 1


def current() -> stories.Story:
    """The session's story, or a new empty one in the reader's language."""
    return player.session_story() or storybuild.new_story(i18n.t("builder.default_title"), i18n.language())


def add_view_button(page: str) -> None:
    """In the sidebar: add the view on screen (its URL state) as a step of the session's story."""
    with st.sidebar:
        if st.button(i18n.t("builder.add"), key="kit_add", icon=":material/add_to_queue:", help=i18n.t("builder.add_help")):
            story = current()
            if len(story.steps) >= stories.MAX_STEPS:
                st.warning(i18n.t("builder.full", n=stories.MAX_STEPS))
            else:
                query = {k: st.query_params[k] for k in st.query_params.keys()}
                set_story(storybuild.add(story, storybuild.view_step(page, query)))
                st.toast(i18n.t("builder.added", n=len(story.steps) + 1), icon=":material/check:")
        story = player.session_story()
        if story is not None and story.steps:
            link(st, "story", i18n.t("builder.open", n=len(story.steps)), icon=":material/movie_edit:", keep=False)
