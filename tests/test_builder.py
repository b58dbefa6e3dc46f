"""The story builder (AppTest): add views, edit, reorder, download the TOML, open a file."""

from lib import stories, storybuild
from lib.ui import story as player
from tests.test_app import run


def _build_three(at_page="map"):
    at = run("map", {"metric": "stat:returns_total"})
    at.sidebar.button(key="kit_add").click().run()
    at.switch_page("views/heatmap.py")
    at.query_params.clear()
    at.query_params["rows"] = "region"
    at.run()
    at.sidebar.button(key="kit_add").click().run()
    at.switch_page("views/country.py")
    at.query_params.clear()
    at.query_params["iso3"] = "PHL"
    at.run()
    at.sidebar.button(key="kit_add").click().run()
    return at


def test_add_three_views_edit_and_download_round_trip():
    at = _build_three()
    assert not at.exception, at.exception
    story = at.session_state[player.SESSION_STORY]
    assert [s.page for s in story.steps] == ["map", "heatmap", "country"]
    assert story.steps[0].params == {"metric": "stat:returns_total"} and story.steps[2].params == {"iso3": "PHL"}
    at.switch_page("views/story.py").run()
    assert not at.exception, at.exception
    rev = at.session_state["kit_rev"]
    at.text_input(key=f"kit_cap_{rev}_0").input("Returns").run()
    at.text_area(key=f"kit_notes_{rev}_0").input("India: 2 million.").run()
    at.button(key=f"kit_down_{rev}_0").click().run()
    story = at.session_state[player.SESSION_STORY]
    assert [s.page for s in story.steps] == ["heatmap", "map", "country"]
    assert story.steps[1].caption == "Returns" and story.steps[1].notes == "India: 2 million."
    text = storybuild.to_toml(story)
    again, problems = stories.parse_story(text.encode(), "x", "x.toml")
    assert problems == [] and again.steps == story.steps


def test_story_page_without_steps_says_how_to_start():
    at = run("story")
    assert not at.exception and at.info
