"""The heatmap's view model: the matrix for the chosen rows, columns, order and filters, its labels and figure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from lib import figures, i18n, matrix, tables
from lib.load import Dataset


@dataclass(frozen=True)
class HeatmapView:
    practices: pd.DataFrame  # the practices counted (after the filters)
    grid: matrix.Matrix
    view: pd.DataFrame  # the rows shown (top N)
    row_labels: list[str]
    col_labels: list[str]
    title: str
    source_line: str
    figure: go.Figure


def heatmap_view(ds: Dataset, practices: pd.DataFrame, rows: str, cols: str, sort: str, top: int | None) -> HeatmapView:
    grid = matrix.heatmap_matrix(ds, practices, rows=rows, cols=cols, sort=sort)
    view = matrix.top_rows(grid, top)
    row_labels, col_labels = tables.heatmap_labels(ds, grid, view)
    title, source_line = tables.heatmap_title(grid), i18n.t("heatmap.source", n=len(practices))
    fig = figures.heatmap(view, row_labels, col_labels, title=title, source_line=source_line, hover_label=i18n.t("col.practices"))
    return HeatmapView(practices, grid, view, row_labels, col_labels, title, source_line, figures.sealed(fig))
