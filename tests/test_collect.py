"""lib/ui/collect.py: 'Add this view to a story' (AppTest through app.py), kept light for every page."""

import subprocess
import sys

from lib import stories, storybuild
from lib.ui import collect
from lib.ui import story as player
from tests.test_app import run


def test_adding_the_view_on_screen_keeps_its_url_state_as_a_step_and_offers_the_story():
    at = run("map", {"metric": "stat:returns_total"})
    rev = at.session_state[collect.REV] if collect.REV in at.session_state else 0
    at.sidebar.button(key="kit_add").click().run()
    assert not at.exception, at.exception
    story = at.session_state[player.SESSION_STORY]
    assert [(s.page, s.params) for s in story.steps] == [("map", {"metric": "stat:returns_total"})]
    assert at.session_state[collect.REV] == rev + 1  # a structural change: the story page's widgets start afresh
    assert any("story" in str(b.proto) for b in at.sidebar.get("page_link"))  # the way to the story page


def test_a_full_story_takes_no_more_steps():
    at = run("map", {})
    full = storybuild.new_story("Full", "en")
    for _ in range(stories.MAX_STEPS):
        full = storybuild.add(full, storybuild.view_step("map", {}))
    at.session_state[player.SESSION_STORY] = full
    at.sidebar.button(key="kit_add").click().run()
    assert not at.exception and len(at.session_state[player.SESSION_STORY].steps) == stories.MAX_STEPS
    assert at.sidebar.warning  # said, not silently dropped


def test_every_page_imports_no_pdf_or_packing_module():
    code = "import sys, lib.ui.collect; print(sorted(m for m in ('fpdf', 'lib.pack', 'lib.brief') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
