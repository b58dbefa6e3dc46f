"""Text alternatives for charts: one sentence or two per chart, built from the table that draws it.

Each function takes the same prepared table as its figure builder (`lib.figures`, `lib.maps`) and
says, in the reader's language, what is shown, how many countries (or bars, or cells) have data,
the largest values, which small states are drawn as dots, and the source. The page prints it as the
chart's caption directly under the chart, the PDF brief prints it under the part it describes.
Plain text: the caller escapes it (`markup.md`) before it reaches Markdown.
"""

from __future__ import annotations

import pandas as pd

from lib import i18n

TOP = 3  # largest values named in a description
MAX_DOTS = 8  # small states named; the rest are counted


def _listing(items: list[str], limit: int) -> str:
    """'a, b, c' or 'a, b, c and 4 more'."""
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += " " + i18n.t("alt.more", n=i18n.number(len(items) - limit))
    return shown


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def world_map(table: pd.DataFrame, points: pd.DataFrame, *, title: str, source_line: str) -> str:
    """The world map. table: iso3, name, value, display (mapview.map_table); points: iso3, small,
    name (mapview.map_points), whose small states are drawn as dots."""
    if table.empty:
        return _join(i18n.t("alt.map_empty", title=title), source_line)
    top = table.sort_values(["value", "name"], ascending=[False, True], kind="stable")
    largest = [f"{r.name} ({r.display})" for r in top.head(TOP).itertuples()]
    text = i18n.t("alt.map", title=title, n=i18n.number(len(table)), top=", ".join(largest))
    small = set(points.loc[points["small"], "iso3"]) if "small" in points else set()
    dots = top[top["iso3"].isin(small)]
    dots_line = ""
    if len(dots):
        dots_line = i18n.t("alt.map_dots", names=_listing([f"{r.name} ({r.display})" for r in dots.itertuples()], MAX_DOTS))
    return _join(text, dots_line, source_line)


def locator_map(country: str, region_line: str) -> str:
    """The small map on a country profile."""
    return i18n.t("alt.locator", country=country, region=region_line or "—")


def bar_chart(rows: pd.DataFrame, *, title: str, source_line: str) -> str:
    """Horizontal bars. rows: label, value (for the length), text (as printed), like figures.bar_chart."""
    if rows.empty:
        return _join(i18n.t("alt.bar_empty", title=title), source_line)
    ordered = rows.sort_values("value", ascending=False, kind="stable")
    largest = [f"{r.label}: {r.text}" for r in ordered.head(TOP).itertuples()]
    return _join(i18n.t("alt.bar", title=title, n=i18n.number(len(rows)), top="; ".join(largest)), source_line)


def heatmap(counts: pd.DataFrame, row_labels: list[str], col_labels: list[str], *, title: str, source_line: str) -> str:
    """Rows x columns of counts, with the labels figures.heatmap prints."""
    n_rows, n_cols = counts.shape
    cells = [
        (int(counts.iat[i, j]), row_labels[i], col_labels[j])
        for i in range(n_rows)
        for j in range(n_cols)
        if counts.iat[i, j] > 0
    ]
    if not cells:
        return _join(i18n.t("alt.heatmap_empty", title=title), source_line)
    cells.sort(key=lambda c: (-c[0], c[1], c[2]))
    largest = [f"{r} × {c} ({i18n.number(n)})" for n, r, c in cells[:TOP]]
    text = i18n.t(
        "alt.heatmap",
        title=title,
        rows=i18n.number(n_rows),
        cols=i18n.number(n_cols),
        filled=i18n.number(len(cells)),
        cells=i18n.number(n_rows * n_cols),
        top="; ".join(largest),
    )
    return _join(text, source_line)


def figures_table(indicators: list[str], periods: list[str], sources: list[str]) -> str:
    """The key-figures table of a PDF brief: how many figures, on what, when and from where."""
    if not indicators:
        return ""
    return i18n.t(
        "alt.figures_table",
        n=i18n.number(len(indicators)),
        k=i18n.number(len(set(indicators))),
        names=_listing(sorted(set(indicators)), TOP),
        periods=", ".join(sorted(set(periods))),
        sources="; ".join(sorted(set(sources))),
    )
