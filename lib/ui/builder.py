"""The story builder: the story panel (steps with caption, notes, order, previews), TOML download and
upload, and the briefing pack buttons. The 'Add this view' button of every page is `lib/ui/collect.py`.

The story lives in st.session_state only (lib/ui/story.py SESSION_STORY); an uploaded file is
size-limited, read by the same reader as data/stories/ and never written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from lib import i18n, pack, routes, services, stories, storybuild
from lib.markup import md
from lib.ui import charts, collect, shell
from lib.ui import story as player
from lib.ui.url import link

PACK = "kit_pack"  # (what, zip bytes, file name) of the last briefing pack built in this session


def _edited(i: int, field: str, key: str) -> None:
    story = collect.current()
    if i < len(story.steps):
        collect.set_story(storybuild.edit(story, i, **{field: st.session_state[key]}), structural=False)


def _retitled(field: str, key: str) -> None:
    collect.set_story(storybuild.retitle(collect.current(), **{field: st.session_state[key]}), structural=False)


def upload() -> None:
    """Open a story file the presenter brings: size-limited, validated, kept in the session."""
    f = st.file_uploader(i18n.t("builder.upload"), type=["toml"], key="kit_upload", help=i18n.t("builder.upload_help"))
    if f is None or st.session_state.get("kit_upload_seen") == f.file_id:
        return
    st.session_state["kit_upload_seen"] = f.file_id
    data = f.getvalue()
    sid = storybuild.file_id(f.name.rsplit(".", 1)[0])
    story, problems = stories.parse_story(data[: stories.MAX_BYTES + 1], sid, f.name[:80])
    if problems:
        st.session_state["kit_upload_problems"] = problems
        return
    st.session_state.pop("kit_upload_problems", None)
    collect.set_story(story)
    st.toast(i18n.t("builder.opened", n=len(story.steps)), icon=":material/check:")


def start_from_saved() -> None:
    found, _ = services.stories()
    if not found:
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    sid = c1.selectbox(i18n.t("builder.saved"), list(found), format_func=lambda s: found[s].title, key="kit_saved_pick")
    if c2.button(i18n.t("builder.copy"), key="kit_copy", icon=":material/content_copy:"):
        collect.set_story(found[sid])


def _step_row(story: stories.Story, i: int, rev: int) -> None:
    step = story.steps[i]
    with st.container(border=True):
        left, mid, right = st.columns([3, 5, 1])
        with left:
            charts.thumbnail(step, f"kit_prev_{rev}_{i}", 180)
        with mid:
            title = i18n.t(routes.route(step.page).nav_key)
            where = ", ".join(f"{k}={v}" for k, v in step.params.items())
            st.markdown(f"**{md(i18n.t('story.position', n=i + 1, total=len(story.steps)))}** · {md(title)}")
            if where:
                st.caption(md(where))
            key = f"kit_cap_{rev}_{i}"
            st.text_input(
                i18n.t("builder.caption"), value=step.caption, key=key, max_chars=400, on_change=_edited, args=(i, "caption", key)
            )
            key = f"kit_notes_{rev}_{i}"
            st.text_area(
                i18n.t("builder.notes"),
                value=step.notes,
                key=key,
                max_chars=4000,
                height=90,
                on_change=_edited,
                args=(i, "notes", key),
            )
            page, query = stories.step_params(story, i + 1, {})
            link(st, page, i18n.t("builder.preview"), icon=":material/visibility:", keep=False, **query)
        with right:
            if st.button("", key=f"kit_up_{rev}_{i}", icon=":material/arrow_upward:", disabled=i == 0, help=i18n.t("builder.up")):
                collect.set_story(storybuild.move(story, i, -1))
                st.rerun()
            last = i == len(story.steps) - 1
            if st.button(
                "", key=f"kit_down_{rev}_{i}", icon=":material/arrow_downward:", disabled=last, help=i18n.t("builder.down")
            ):
                collect.set_story(storybuild.move(story, i, 1))
                st.rerun()
            if st.button("", key=f"kit_del_{rev}_{i}", icon=":material/delete:", help=i18n.t("builder.remove")):
                collect.set_story(storybuild.remove(story, i))
                st.rerun()


def pack_button(label: str, build: Callable[[Callable[[float, str], None]], bytes], what: str, file_name: str) -> None:
    """'Build the briefing pack': built only when pressed, with a progress bar, then downloaded."""
    if st.button(label, key=f"kit_build_{what}", icon=":material/folder_zip:", help=i18n.t("pack.help")):
        bar = st.progress(0.0, text=i18n.t("pack.preparing"))
        data = build(lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
        st.session_state[PACK] = (what, data, file_name)
    kept = st.session_state.get(PACK)
    if kept and kept[0] == what:
        size = i18n.number(round(len(kept[1]) / 1e6, 1))
        st.download_button(
            i18n.t("pack.download", size=size),
            kept[1],
            file_name=kept[2],
            mime="application/zip",
            key=f"kit_dl_{what}",
            on_click="ignore",
        )


def panel() -> None:
    """The story page: open or start a story, its steps, download, present, briefing pack."""
    with st.expander(i18n.t("builder.open_file"), icon=":material/upload_file:", expanded=player.session_story() is None):
        upload()
        start_from_saved()
    if st.session_state.get("kit_upload_problems"):
        st.error(i18n.t("builder.upload_failed"), icon=":material/error:")
        st.dataframe(shell.problems_frame(st.session_state["kit_upload_problems"]), hide_index=True, width="stretch")
    story = player.session_story()
    if story is None or not story.steps:
        st.info(i18n.t("builder.empty"), icon=":material/info:")
        return
    rev = st.session_state.get(collect.REV, 0)
    key = f"kit_title_{rev}"
    st.text_input(i18n.t("builder.title"), value=story.title, key=key, max_chars=120, on_change=_retitled, args=("title", key))
    key = f"kit_desc_{rev}"
    st.text_input(
        i18n.t("builder.description"),
        value=story.description,
        key=key,
        max_chars=400,
        on_change=_retitled,
        args=("description", key),
    )
    for i in range(len(story.steps)):
        _step_row(story, i, rev)
    st.subheader(i18n.t("builder.use"))
    c = st.columns(4)
    file_id = storybuild.file_id(story.title)
    c[0].download_button(
        i18n.t("builder.download"),
        storybuild.to_toml(story).encode("utf-8"),
        file_name=f"{file_id}.toml",
        mime="application/toml",
        key="kit_toml",
        icon=":material/download:",
        on_click="ignore",
    )
    page, query = stories.step_params(story, 1, {"present": "1"})
    link(c[1], page, i18n.t("builder.present"), icon=":material/slideshow:", keep=False, **query)
    link(c[2], page, i18n.t("builder.console"), icon=":material/co_present:", keep=False, **query, console="1")
    with c[3]:
        lang = i18n.language()
        ds, geometry = shell.require_dataset(), services.geometry()
        build = lambda progress: pack.story_pack(ds, geometry, story, lang, progress)  # noqa: E731
        pack_button(i18n.t("pack.build"), build, f"story-{hash(storybuild.to_toml(story))}", f"atlas-story-{file_id}.zip")


def country_pack(ds, iso3: str, lang: str) -> None:
    """The briefing pack of one country (its brief, chart, CSV, citation, handout)."""
    geometry = services.geometry()
    build = lambda progress: pack.country_pack(ds, geometry, iso3, lang, progress)  # noqa: E731
    pack_button(i18n.t("pack.build"), build, f"country-{iso3}-{lang}", f"atlas-country-{iso3}.zip")
