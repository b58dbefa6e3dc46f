"""PNG rendering of figures on the server, offline: Kaleido driving Debian's Chromium.

Kaleido 1.x needs a Chromium; it is pointed at the system one (`ATLAS_CHROMIUM`, default
/usr/bin/chromium) and never downloads a browser. MathJax is off (Kaleido would load it from a
CDN) and plotly.js comes from the installed plotly package, so rendering needs no network.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from lib import figures

CHROMIUM = Path(os.environ.get("ATLAS_CHROMIUM", "/usr/bin/chromium"))
WIDTH, HEIGHT = 1920, 1080  # a 16:9 slide; scale 2 gives 3840x2160
SCALE = 2
TIMEOUT = 120  # seconds per figure: a safety net for a stuck browser, not a target


def available() -> bool:
    """Whether the Chromium that renders the PNGs is installed."""
    return CHROMIUM.is_file()


def slide_figure(fig: go.Figure) -> go.Figure:
    """A figure laid out for a 16:9 slide: projector type, full slide height."""
    out = figures.projector(fig, HEIGHT)
    out.update_layout(width=WIDTH, height=HEIGHT)
    if out.layout.xaxis.side == "top":  # a heatmap: its column labels need room under the title
        out.update_layout(margin=dict(t=300))
    return out


async def _render(figs: list[go.Figure], done: Callable[[int], None] | None) -> list[bytes]:
    out = []
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT, mathjax=False, path=str(CHROMIUM)) as k:
        for i, fig in enumerate(figs):
            opts = {"format": "png", "width": WIDTH, "height": HEIGHT, "scale": SCALE}
            out.append(await k.calc_fig(slide_figure(fig), opts=opts))
            if done:
                done(i + 1)
    return out


def pngs(figs: Iterable[go.Figure], done: Callable[[int], None] | None = None) -> list[bytes]:
    """Each figure as a 16:9 PNG of WIDTH*SCALE x HEIGHT*SCALE pixels; `done(n)` after each one."""
    figs = list(figs)
    if not figs:
        return []
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case (a Streamlit script thread): no loop running here
        return asyncio.run(_render(figs, done))
    with ThreadPoolExecutor(1) as pool:  # called from async code: render on a thread of its own
        return pool.submit(asyncio.run, _render(figs, done)).result()
