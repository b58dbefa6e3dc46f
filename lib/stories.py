"""Stories: saved sequences of views a presenter steps through (map -> heatmap -> profiles...).

A story is a plain TOML file under `data/stories/` (format in data/README.md)::

    title = "Returns during the pandemic"
    description = "One line on what the story shows."

    [[steps]]
    page = "map"                                 # a route: overview, map, heatmap, country, ...
    params = { metric = "stat:returns_total" }   # that page's URL parameters
    caption = "What the audience should see."
    notes = "Speaker notes: shown in the presenter console, never to the audience."  # optional

Reading never raises: a broken file is reported as `Problem`s (file, step, field, message) and the
other stories stay available.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lib.i18n import LANGUAGES
from lib.routes import NAMES as PAGES  # a step names a route of lib/routes.py
from lib.schema import Problem

RESERVED = ("story", "step", "present", "lang", "console", "room")  # set by the story player, not by a step
MAX_BYTES = 200_000
MAX_STEPS = 50
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


@dataclass(frozen=True)
class Step:
    page: str
    params: dict[str, str]
    caption: str
    notes: str = ""  # speaker notes (presenter console only)


@dataclass(frozen=True)
class Story:
    id: str  # the file name without .toml
    title: str
    description: str
    steps: tuple[Step, ...]
    lang: str = ""  # the language the story was written in ("" = the reader's)


def _text(value, limit: int = 500) -> str | None:
    return value.strip()[:limit] if isinstance(value, str) else None


def read_story(path: Path) -> tuple[Story | None, list[Problem]]:
    """A story file under `data/stories/`: its name is its id."""
    name = f"stories/{path.name}"
    if not ID.match(path.stem):
        return None, [Problem(name, None, None, "file name must be lower-case letters, digits, '-' or '_'")]
    if path.stat().st_size > MAX_BYTES:
        return None, [Problem(name, None, None, f"file is larger than {MAX_BYTES:,} bytes")]
    return parse_story(path.read_bytes(), path.stem, name)


def parse_story(data: bytes, story_id: str, name: str) -> tuple[Story | None, list[Problem]]:
    """A story from the bytes of a TOML file (a shipped file or an upload), reported as `name`."""
    if len(data) > MAX_BYTES:
        return None, [Problem(name, None, None, f"file is larger than {MAX_BYTES:,} bytes")]
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(name, None, None, "file is not UTF-8")]
    except tomllib.TOMLDecodeError as err:
        return None, [Problem(name, None, None, f"not valid TOML: {err}")]
    problems = []
    title = _text(doc.get("title"), 120)
    if not title:
        problems.append(Problem(name, None, "title", "a story needs a title"))
    lang = doc.get("lang", "")
    if lang not in ("", *LANGUAGES):
        problems.append(Problem(name, None, "lang", f"unknown language; use one of {', '.join(LANGUAGES)}"))
    raw_steps = doc.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(Problem(name, None, "steps", "a story needs at least one [[steps]] table"))
        raw_steps = []
    if len(raw_steps) > MAX_STEPS:
        problems.append(Problem(name, None, "steps", f"at most {MAX_STEPS} steps"))
    steps = []
    for i, s in enumerate(raw_steps[:MAX_STEPS], start=1):
        step, problem = _step(s)
        if problem:
            problems.append(Problem(name, i, *problem))
        else:
            steps.append(step)
    if problems:
        return None, problems
    return Story(story_id, title, _text(doc.get("description"), 400) or "", tuple(steps), lang), []


def _step(s: object) -> tuple[Step | None, tuple[str | None, str] | None]:
    """One [[steps]] table, or (field, message) of what is wrong with it."""
    if not isinstance(s, dict):
        return None, (None, "a step must be a table")
    page = s.get("page")
    if page not in PAGES:
        return None, ("page", f"unknown page {str(page)[:40]!r}; use one of {', '.join(PAGES)}")
    params = s.get("params", {})
    if not isinstance(params, dict) or any(not isinstance(v, (str, int)) for v in params.values()):
        return None, ("params", "params must map names to text or numbers")
    bad = [k for k in params if k in RESERVED]
    if bad:
        return None, ("params", f"{', '.join(bad)} is set by the story player, not by a step")
    for key in ("caption", "notes"):
        if key in s and not isinstance(s[key], str):
            return None, (key, f"{key} must be text")
    clean = {str(k)[:40]: str(v)[:200] for k, v in params.items()}
    return Step(page, clean, _text(s.get("caption"), 400) or "", _text(s.get("notes"), 4000) or ""), None


def read_stories(folder: Path) -> tuple[dict[str, Story], list[Problem]]:
    """Every story under `folder/stories/`, by id, and the problems of those that could not be read."""
    out, problems = {}, []
    d = Path(folder) / "stories"
    if not d.is_dir():
        return out, problems
    for path in sorted(d.glob("*.toml")):
        story, found = read_story(path)
        problems += found
        if story:
            out[story.id] = story
    return out, problems


def clamp_step(story: Story, value: object) -> int:
    """A 1-based step number from the URL, kept within the story."""
    try:
        n = int(str(value).strip())
    except ValueError:
        return 1
    return min(max(n, 1), len(story.steps))


def step_params(story: Story, n: int, keep: dict[str, str]) -> tuple[str, dict[str, str]]:
    """(page, query parameters) to show step `n`: the step's own parameters plus the story's
    position and the persistent ones (language, presenter mode). A story written in another
    language opens in it unless the reader chose one."""
    step = story.steps[n - 1]
    lang = {"lang": story.lang} if story.lang and story.lang != "en" else {}
    return step.page, {**step.params, **lang, **keep, "story": story.id, "step": str(n)}
