from lib import stories, storybuild
from tests.conftest import ROOT


def _three_steps():
    story = storybuild.new_story("Returns, then reintegration", "en")
    story = storybuild.add(story, storybuild.view_step("map", {"metric": "stat:returns_total", "present": "1", "lang": "fr"}))
    story = storybuild.add(story, storybuild.view_step("heatmap", {"rows": "region", "cols": "issue", "story": "x", "step": "2"}))
    story = storybuild.add(story, storybuild.view_step("country", {"iso3": "PHL"}))
    story = storybuild.edit(story, 0, caption="Where migrants came home", notes='Say: "2 million" is India.\nPause.')
    story = storybuild.edit(story, 2, caption="The Philippines — Côte d'Ivoire \\ tabs\tand # hashes", notes="")
    return storybuild.retitle(story, description="Three views for a roundtable.")


def test_a_view_becomes_a_step_without_the_players_parameters():
    step = storybuild.view_step(
        "map", {"metric": "practices", "issue": "health_services", "present": "1", "room": "abc", "lang": "fr"}
    )
    assert step.page == "map" and step.params == {"metric": "practices", "issue": "health_services"}


def test_round_trip_build_download_load_gives_identical_steps():
    story = _three_steps()
    text = storybuild.to_toml(story)
    loaded, problems = stories.parse_story(text.encode("utf-8"), "returns-then-reintegration", "upload.toml")
    assert problems == []
    assert loaded.steps == story.steps
    assert (loaded.title, loaded.description, loaded.lang) == (story.title, story.description, story.lang)
    assert loaded.steps[0].notes.startswith('Say: "2 million"')


def test_shipped_story_round_trips_too():
    found, _ = stories.read_stories(ROOT / "data")
    story = found["returns-and-reintegration"]
    again, problems = stories.parse_story(storybuild.to_toml(story).encode(), story.id, "x")
    assert problems == [] and again == story


def test_reorder_remove_and_rename():
    story = _three_steps()
    moved = storybuild.move(story, 2, -2)
    assert [s.page for s in moved.steps] == ["country", "map", "heatmap"]
    assert storybuild.move(story, 0, -1) == story
    assert [s.page for s in storybuild.remove(story, 1).steps] == ["map", "country"]
    assert storybuild.retitle(story, title="  New  ").title == "New"


def test_file_name_from_title():
    assert storybuild.file_id("Returns, 2020!") == "returns-2020"
    assert storybuild.file_id("Côte d'Ivoire") == "cote-d-ivoire"
    assert storybuild.file_id("!!!") == storybuild.NEW_ID


def test_uploaded_bytes_are_checked_with_located_problems():
    too_big = b"#" * (stories.MAX_BYTES + 1)
    assert "larger" in stories.parse_story(too_big, "x", "big.toml")[1][0].message
    assert "UTF-8" in stories.parse_story(b"\xff\xfe", "x", "bad.toml")[1][0].message
    bad = b'title = "T"\n[[steps]]\npage = "map"\n[[steps]]\npage = "map"\nnotes = 3\n'
    _, problems = stories.parse_story(bad, "x", "notes.toml")
    assert (problems[0].file, problems[0].row, problems[0].column) == ("notes.toml", 2, "notes")
    old = b'title = "T"\n[[steps]]\npage = "map"\ncaption = "no notes"\n'
    story, problems = stories.parse_story(old, "x", "old.toml")
    assert problems == [] and story.steps[0].notes == ""
