"""Building a story in the app: a view's URL state as a step, editing steps, and the story as TOML.

The TOML written here is the documented format of `data/stories/` (data/README.md, Stories), so a
downloaded story reads back with `stories.parse_story` into the same steps (tests/test_storybuild.py).
Stories built or opened in the app live in the session only; nothing here touches the disk.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace

from lib.state import MAX_PARAM
from lib.stories import ID, MAX_STEPS, RESERVED, Step, Story

NEW_ID = "my-story"
MAX_PARAMS = 20


def new_story(title: str, lang: str = "") -> Story:
    return Story(NEW_ID, title.strip()[:120], "", (), lang)


def view_step(page: str, query: dict[str, str], caption: str = "") -> Step:
    """The view a reader is looking at (route name and its URL parameters) as a step; the player's
    own parameters (story, step, present, lang, console, room) are left out."""
    params = {str(k)[:40]: str(v)[:MAX_PARAM] for k, v in query.items() if k not in RESERVED and str(v).strip()}
    return Step(page, dict(list(params.items())[:MAX_PARAMS]), caption.strip()[:400])


def add(story: Story, step: Step) -> Story:
    """`story` with `step` at the end (unchanged when it already has MAX_STEPS steps)."""
    if len(story.steps) >= MAX_STEPS:
        return story
    return replace(story, steps=(*story.steps, step))


def remove(story: Story, i: int) -> Story:
    return replace(story, steps=tuple(s for j, s in enumerate(story.steps) if j != i))


def move(story: Story, i: int, delta: int) -> Story:
    """Step `i` (0-based) moved `delta` places (kept within the story)."""
    j = min(max(i + delta, 0), len(story.steps) - 1)
    if not 0 <= i < len(story.steps) or i == j:
        return story
    steps = list(story.steps)
    steps.insert(j, steps.pop(i))
    return replace(story, steps=tuple(steps))


def edit(story: Story, i: int, caption: str | None = None, notes: str | None = None) -> Story:
    """Step `i` with a new caption and/or speaker notes (trimmed as the reader trims them)."""
    step = story.steps[i]
    if caption is not None:
        step = replace(step, caption=caption.strip()[:400])
    if notes is not None:
        step = replace(step, notes=notes.strip()[:4000])
    return replace(story, steps=tuple(step if j == i else s for j, s in enumerate(story.steps)))


def retitle(story: Story, title: str | None = None, description: str | None = None) -> Story:
    if title is not None:
        story = replace(story, title=title.strip()[:120])
    if description is not None:
        story = replace(story, description=description.strip()[:400])
    return story


def file_id(title: str) -> str:
    """A file name (story id) from a title: 'Returns, 2020!' -> 'returns-2020'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return slug if ID.match(slug or "") else NEW_ID


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's: quotes, backslashes, control characters)."""
    return json.dumps(text, ensure_ascii=False)


def to_toml(story: Story) -> str:
    """The story in the documented format of data/stories/*.toml."""
    lines = ["# A story of the Migration Practice Atlas (format: data/README.md, Stories).", f"title = {_s(story.title)}"]
    if story.description:
        lines.append(f"description = {_s(story.description)}")
    if story.lang:
        lines.append(f"lang = {_s(story.lang)}")
    for step in story.steps:
        lines += ["", "[[steps]]", f"page = {_s(step.page)}"]
        if step.params:
            lines.append("params = { " + ", ".join(f"{_s(k)} = {_s(v)}" for k, v in step.params.items()) + " }")
        lines.append(f"caption = {_s(step.caption)}")
        if step.notes:
            lines.append(f"notes = {_s(step.notes)}")
    return "\n".join(lines) + "\n"
