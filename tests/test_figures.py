import pandas as pd

from lib import figures


def test_heatmap_figure():
    counts = pd.DataFrame([[1, 0], [0, 2]], index=["PHL", "IND"], columns=["a", "b"])
    fig = figures.heatmap(counts, ["Philippines", "India"], ["A", "B"], title="H", source_line="S", hover_label="Practices")
    d = fig.to_plotly_json()["data"][0]
    assert d["text"] == [["1", "·"], ["·", "2"]]
    assert d["customdata"][0][1] == ["PHL", "b"]
    cells = fig.to_plotly_json()["data"][1]  # invisible markers: hover and click selection per cell
    assert cells["type"] == "scatter" and len(cells["x"]) == 4
    assert cells["customdata"][1] == ["PHL", "b", 0] and cells["customdata"][3] == ["IND", "b", 2]


def test_bar_chart_has_source_inside_figure():
    rows = pd.DataFrame(
        {
            "label": ["India", "Philippines"],
            "value": [600000, 230000],
            "text": ["more than 600,000", "more than 230,000"],
            "hover": ["a", "b"],
        }
    )
    fig = figures.bar_chart(rows, title="Returns", axis_title="people", source_line="Source: IOM 2021. Period: 2020.")
    assert fig.layout.annotations[0].text == "Source: IOM 2021. Period: 2020."
    assert list(fig.data[0].text) == ["more than 600,000", "more than 230,000"]
    assert list(fig.layout.yaxis.ticktext) == ["India", "Philippines"] and fig.layout.yaxis.autorange == "reversed"


def test_bar_chart_keeps_two_figures_with_one_label_apart():
    rows = pd.DataFrame({"label": ["Ghana", "Ghana"], "value": [157, 150], "text": ["157", "over 150"], "hover": ["a", "b"]})
    fig = figures.bar_chart(rows, title="Returns", axis_title="people", source_line="s")
    assert list(fig.data[0].y) == [0, 1] and list(fig.layout.yaxis.ticktext) == ["Ghana", "Ghana"]


def test_a_sealed_figure_hands_out_one_dict_equal_to_the_figure_and_copies_stay_independent():
    rows = pd.DataFrame(
        {"label": ["India", "Philippines"], "value": [600000.0, 327511.0], "text": ["600,000", "327,511"], "hover": ["a", "b"]}
    )
    fig = figures.bar_chart(rows, title="Returns", axis_title="people", source_line="Source: test")
    sealed = figures.sealed(fig)
    assert sealed.to_dict() is sealed.to_dict()  # st.plotly_chart's call on every run is not a copy
    assert sealed.to_dict() == fig.to_dict()
    assert figures.sealed(sealed) is sealed
    before = sealed.to_dict()["layout"]["font"]
    big = figures.projector(sealed, 700)  # a new figure: the shared dict is not touched
    assert big.to_dict()["layout"]["height"] == 700
    assert sealed.to_dict()["layout"]["font"] == before
    assert sealed.to_dict() == fig.to_dict()
