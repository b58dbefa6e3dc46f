"""Chart builders: pure functions from prepared DataFrames to plotly Figures (heatmap, bars, projector).

No Streamlit, no I/O. Every chart carries its own title and a source line inside the figure, so a
screenshot pasted on a slide stays honest; data text is escaped (`markup.esc`) before it reaches a
label. Maps are in `lib.maps`.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from lib.markup import esc

# Sequential classes (viridis, light to dark) and a neutral "no data" grey: each class, the grey and
# the white background stay apart under protanopia, deuteranopia and tritanopia (tests/test_palette.py),
# and the bar colour (CLASS_COLOURS[3]) has 3:1 against white (WCAG 1.4.11).
CLASS_COLOURS = ["#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"]
NO_DATA = "#d4d4d4"
BORDER = "#ffffff"
FONT = "DejaVu Sans, Arial, sans-serif"


SOURCE_WRAP = 120  # characters per line of the source note: a long citation wraps instead of being cut off
LINE_PX = 15


def wrap(text: str, width: int = SOURCE_WRAP) -> list[str]:
    """The source note's lines."""
    return textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def frame(fig: go.Figure, title: str, source_line: str, height: int) -> int:
    """Title, size, fonts and the source note (escaped, wrapped); returns the extra pixels the
    wrapped note needs below the plot, which the caller adds to its bottom margin and height."""
    lines = wrap(source_line)
    extra = LINE_PX * (len(lines) - 1)
    fig.update_layout(
        title=dict(text=esc(title), x=0.01, xanchor="left", font=dict(size=18)),
        height=height,
        font=dict(family=FONT, size=13, color="#222222"),
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        annotations=[
            dict(
                text="<br>".join(esc(x) for x in lines),
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                xanchor="left",
                yanchor="top",
                yshift=-46,
                showarrow=False,
                align="left",
                font=dict(size=11, color="#444444"),
            )
        ],
    )
    return extra


def heatmap(
    counts: pd.DataFrame,
    row_labels: list[str],
    col_labels: list[str],
    *,
    title: str,
    source_line: str,
    hover_label: str,
    height: int | None = None,
) -> go.Figure:
    """Rows x columns of practice counts; zero cells are shown pale with a dot."""
    z = counts.to_numpy()
    text = [["·" if v == 0 else str(int(v)) for v in row] for row in z]
    rows = [esc(r) for r in row_labels]
    cols = [esc(c) for c in col_labels]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=12),
            colorscale=[[0, "#f7f7f7"], [0.0001, "#deebf7"], [0.5, "#6baed6"], [1, "#08306b"]],
            xgap=2,
            ygap=2,
            showscale=False,
            customdata=[[[r, c] for c in list(counts.columns)] for r in list(counts.index)],
            hoverinfo="skip",
        )
    )
    # Plotly cannot select heatmap cells, so an invisible square marker sits on every cell: it
    # carries the hover and makes a click a selection that the page reads (row id, column id).
    cells = [(i, j) for i in range(len(rows)) for j in range(len(cols))]
    fig.add_trace(
        go.Scatter(
            x=[cols[j] for _, j in cells],
            y=[rows[i] for i, _ in cells],
            mode="markers",
            name="cells",
            marker=dict(symbol="square", size=22, color="rgba(0,0,0,0)"),
            showlegend=False,
            customdata=[[counts.index[i], counts.columns[j], int(z[i][j])] for i, j in cells],
            hovertemplate="<b>%{y}</b><br>%{x}<br>" + esc(hover_label) + ": %{customdata[2]}<extra></extra>",
            unselected=dict(marker=dict(opacity=0)),
            selected=dict(marker=dict(opacity=0)),
        )
    )
    height = height or max(360, 120 + 28 * len(rows))
    extra = frame(fig, title, source_line, height)
    fig.update_layout(
        height=height + extra,
        margin=dict(l=10, r=10, t=170, b=60 + extra),
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
    )
    fig.update_xaxes(side="top", tickangle=-35, automargin=True, tickfont=dict(size=12))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=dict(size=13))
    fig.layout.annotations[0].update(yshift=-10)
    return fig


def bar_chart(
    rows: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    source_line: str,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars, largest first. rows: label, value, text (formatted value with qualifier), hover.

    Bars sit at numeric positions with the labels as tick text, so two figures with the same label
    (one country, two documents) stay two bars instead of being stacked on one category.
    """
    rows = rows.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
    pos = list(range(len(rows)))
    fig = go.Figure(
        go.Bar(
            x=rows["value"],
            y=pos,
            orientation="h",
            text=[esc(v) for v in rows["text"]],
            textposition="auto",
            insidetextanchor="end",
            cliponaxis=False,
            textfont=dict(size=13),
            marker_color=CLASS_COLOURS[3],
            hovertext=[esc(v).replace("\n", "<br>") for v in rows["hover"]],
            hoverinfo="text",
        )
    )
    height = height or max(300, 140 + 36 * len(rows))
    extra = frame(fig, title, source_line, height)
    fig.update_layout(height=height + extra, margin=dict(l=10, r=40, t=60, b=80 + extra), showlegend=False)
    fig.update_xaxes(title=esc(axis_title), rangemode="tozero", automargin=True, gridcolor="#eeeeee")
    fig.update_yaxes(
        tickvals=pos,
        ticktext=[esc(v) for v in rows["label"]],
        autorange="reversed",
        automargin=True,
        tickfont=dict(size=13),
    )
    if len(rows):
        fig.update_xaxes(range=[0, float(rows["value"].max()) * 1.45])
    return fig


class SealedFigure(go.Figure):
    """A finished figure that hands out one prepared dict.

    `st.plotly_chart` calls `to_dict()` on every script run: a deep copy of the whole figure plus
    plotly's base64 pass over every array, about a quarter of a warm map run (bench/RESULTS.md). A
    cached figure is never changed, so its dict is made once. The dict is shared: copy it before
    changing anything (`go.Figure(sealed)` builds a new, independent figure)."""

    def __init__(self, fig: go.Figure):
        super().__init__(fig)
        self._sealed = super().to_dict()

    def to_dict(self) -> dict:
        return self._sealed


def sealed(fig: go.Figure) -> SealedFigure:
    """`fig` as a SealedFigure (for figures that are cached and shared, never modified)."""
    return fig if isinstance(fig, SealedFigure) else SealedFigure(fig)


def projector(fig: go.Figure, height: int | None = None) -> go.Figure:
    """The same figure for a 16:9 projector: larger type everywhere, taller when `height` is given.
    The source note stays inside the figure, only bigger."""
    fig = go.Figure(fig)
    scale = 1.45
    base = fig.layout.font.size or 13
    fig.update_layout(font=dict(size=round(base * scale), color="#000000"))
    if fig.layout.title and fig.layout.title.font and fig.layout.title.font.size:
        fig.layout.title.font.size = round(fig.layout.title.font.size * scale)
    for a in fig.layout.annotations or ():
        size = a.font.size if a.font and a.font.size else 11
        a.font.size = round(size * scale)
        a.font.color = "#000000"
    for axis in ("xaxis", "yaxis"):
        ax = fig.layout[axis]
        if ax and ax.tickfont and ax.tickfont.size:
            ax.tickfont.size = round(ax.tickfont.size * scale)
    for trace in fig.data:
        if getattr(trace, "textfont", None) is not None and trace.textfont.size:
            trace.textfont.size = round(trace.textfont.size * scale)
        bar = getattr(trace, "colorbar", None)
        if bar is not None and bar.title and bar.title.text:
            bar.tickfont.size = 18
            bar.title.font.size = 18
    if height:
        extra = (fig.layout.margin.b or 0) * (scale - 1)
        fig.update_layout(height=height, margin=dict(b=(fig.layout.margin.b or 0) + extra))
        for a in fig.layout.annotations or ():  # the source note moves down with the larger legend
            if a.yshift:
                a.yshift = round(a.yshift * scale)
    return fig
