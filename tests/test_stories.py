from lib import stories
from tests.conftest import ROOT


def test_shipped_story_reads_and_every_step_is_a_known_page():
    found, problems = stories.read_stories(ROOT / "data")
    assert problems == []
    story = found["returns-and-reintegration"]
    assert story.title and len(story.steps) >= 5
    assert story.steps[0].page == "map" and story.steps[0].params == {"metric": "stat:returns_total"}
    assert {s.page for s in story.steps} >= {"map", "heatmap", "country"}


def _write(tmp_path, name, text):
    d = tmp_path / "stories"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_broken_stories_are_reported_with_file_step_and_field(tmp_path):
    _write(tmp_path, "good.toml", 'title = "Good"\n[[steps]]\npage = "map"\n')
    _write(tmp_path, "bad-page.toml", 'title = "T"\n[[steps]]\npage = "map"\n[[steps]]\npage = "nowhere"\n')
    _write(tmp_path, "no-title.toml", '[[steps]]\npage = "map"\n')
    _write(tmp_path, "broken.toml", 'title = "unterminated\n')
    _write(tmp_path, "reserved.toml", 'title = "T"\n[[steps]]\npage = "map"\nparams = { present = "1" }\n')
    _write(tmp_path, "Bad Name.toml", 'title = "T"\n[[steps]]\npage = "map"\n')
    found, problems = stories.read_stories(tmp_path)
    assert list(found) == ["good"]
    by_file = {p.file: p for p in problems}
    assert by_file["stories/bad-page.toml"].row == 2 and by_file["stories/bad-page.toml"].column == "page"
    assert by_file["stories/no-title.toml"].column == "title"
    assert "not valid TOML" in by_file["stories/broken.toml"].message
    assert "story player" in by_file["stories/reserved.toml"].message
    assert "file name" in by_file["stories/Bad Name.toml"].message


def test_step_numbers_from_the_url_are_clamped_and_params_carry_position(tmp_path):
    found, _ = stories.read_stories(ROOT / "data")
    story = found["returns-and-reintegration"]
    assert stories.clamp_step(story, "0") == 1 and stories.clamp_step(story, "999") == len(story.steps)
    assert stories.clamp_step(story, "<b>") == 1
    page, query = stories.step_params(story, 1, {"lang": "fr", "present": "1"})
    assert page == "map" and query == {
        "metric": "stat:returns_total",
        "lang": "fr",
        "present": "1",
        "story": "returns-and-reintegration",
        "step": "1",
    }
