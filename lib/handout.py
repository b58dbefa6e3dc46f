"""The HTML handout: one self-contained file with the story's (or country's) charts, interactive.

It opens by double-click from a USB stick with no server and no network: plotly.js is inlined once,
each chart carries its data (the map its shapes), there are no external scripts, styles, fonts or
images, and the figures' config asks for no base-map download. Every text from the data or from a
story (titles, captions) is HTML-escaped; links to sources are printed as plain text.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lib import i18n
from lib.slides import Slide

CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False, "topojsonURL": "./"}
# plotly.js reads base-map shapes from this global before it would fetch any: empty stubs.
GEO_ASSETS = {"topojson": {n: {"type": "Topology", "objects": {}, "arcs": []} for n in ("world_110m", "world_50m")}}
STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1f2933; max-width: 1200px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.35rem; margin-top: 2.5rem; border-top: 1px solid #ccd; padding-top: 1rem; }
.caption { font-size: 1.1rem; } .meta, figcaption, footer { color: #4a5560; font-size: 0.92rem; }
ul.sources li { margin-bottom: 0.4rem; }
"""


@dataclass
class Section:
    """One step of a story (or the one view of a country): heading, caption and its slides."""

    heading: str
    caption: str = ""
    slides: list[Slide] = field(default_factory=list)


def _chart(fig: go.Figure, div_id: str) -> str:
    return pio.to_html(fig, include_plotlyjs=False, full_html=False, config=CONFIG, div_id=div_id, default_width="100%")


def build(title: str, description: str, sections: list[Section], sources: list[str], footer: str, lang: str = "en") -> str:
    """The handout as one HTML document (text)."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{STYLE}</style>",
        f"<script>window.PlotlyGeoAssets = {json.dumps(GEO_ASSETS)};</script>",
        f'<script type="text/javascript">{get_plotlyjs()}</script>',
        "</head><body><main>",
        f"<h1>{e(title)}</h1>",
    ]
    if description:
        parts.append(f'<p class="meta">{e(description)}</p>')
    n_chart = 0
    for section in sections:
        parts.append(f"<section><h2>{e(section.heading)}</h2>")
        if section.caption:
            parts.append(f'<p class="caption">{e(section.caption)}</p>')
        for slide in section.slides:
            if slide.figure is not None:
                n_chart += 1
                alt = " ".join(slide.lines[:1]) or slide.title
                parts.append(f'<figure aria-label="{e(slide.title)}">{_chart(slide.figure, f"chart-{n_chart}")}')
                parts.append(f"<figcaption>{e(alt)}</figcaption></figure>")
            if slide.lines[1:]:
                parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in slide.lines[1:]) + "</ul>")
        parts.append("</section>")
    parts.append(f"<h2>{e(i18n.t('pack.sources'))}</h2><ul class='sources'>")
    parts += [f"<li>{e(s)}</li>" for s in sources]
    parts.append(f"</ul><footer><p>{e(footer)}</p></footer></main></body></html>")
    return "\n".join(parts)
