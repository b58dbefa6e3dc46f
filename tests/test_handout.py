import plotly.graph_objects as go

from lib import handout
from lib.slides import Slide
from tests.test_pack import external_urls


def test_story_text_is_escaped_and_nothing_is_fetched():
    fig = go.Figure(go.Bar(x=[1], y=[2]))
    bad = '<script>alert(1)</script><img src="https://evil.example/x.png">'
    html = handout.build(
        bad, bad, [handout.Section(bad, bad, [Slide(bad, fig, None, [bad])])], ["Pub (2021). T. https://example.org/doc"], "f"
    )
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert external_urls(html) == []  # the source address is printed as text, not fetched
    assert "https://example.org/doc" in html
    assert html.count("plotly-graph-div") == 1
