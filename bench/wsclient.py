"""A Streamlit session without a browser, for load tests that measure the server.

It speaks the app's own websocket protocol (`/_stcore/stream`, protobuf `BackMsg` / `ForwardMsg`
from `streamlit.proto`), as the browser does: connect once, then for each interaction ask for a
script run of a page with a query string (what opening a URL or changing a widget bound to the URL
does) and read the server's messages until the run has finished. The server runs the page exactly
as for a browser; only drawing is left out, so 25 sessions fit on a 2-core machine.

An interaction fails on: an exception element, an error alert, `page_not_found`, a run that ends
with a compile error, a missing element the page must show (the map's chart, a profile heading,
...), a closed connection, or a timeout.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# An element each page must send when it worked (ForwardMsg.delta.new_element's field name).
EXPECTED_ELEMENT = {
    "overview": "metric",
    "map": "plotly_chart",
    "heatmap": "plotly_chart",
    "country": "heading",
    "practices": "expandable",  # a practice card (an expander block)
    "statistics": "dataframe",
    "about": "dataframe",
}
DONE = ForwardMsg.ScriptFinishedStatus


@dataclass
class RunResult:
    seconds: float
    elements: dict[str, int] = field(default_factory=dict)  # element kind -> count
    problems: list[str] = field(default_factory=list)
    page: str | None = None  # url path of the page the server ran (from its `navigation` message)


class WsSession:
    """One browser-less session. Use `async with WsSession(url) as s: await s.open('/map?metric=...')`."""

    def __init__(self, base_url: str, open_timeout: float = 60):
        parts = urlsplit(base_url)
        self.open_timeout = open_timeout
        self.ws_url = f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.ws = None

    async def __aenter__(self) -> WsSession:
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.open_timeout)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self, path: str, page: str, timeout: float = 60) -> RunResult:
        """Run the page at `path` ('/map?metric=practices') and wait for the end of the run."""
        parts = urlsplit(path)
        msg = BackMsg()
        msg.rerun_script.query_string = parts.query
        msg.rerun_script.page_name = parts.path.strip("/")  # '' is the default page (the overview)
        t0 = time.monotonic()
        result = RunResult(0.0)
        await self.ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self._until_finished(result), timeout)
        except TimeoutError:
            result.problems.append(f"timeout after {timeout:.0f} s")
        except websockets.ConnectionClosed as err:
            result.problems.append(f"connection closed: {err}")
        result.seconds = time.monotonic() - t0
        want = EXPECTED_ELEMENT.get(page)
        asked = parts.path.strip("/")
        if not result.problems and result.page is not None and result.page != asked:
            result.problems.append(f"wrong page: asked for {asked!r}, the server ran {result.page!r}")
        if not result.problems and want and not result.elements.get(want):
            result.problems.append(f"page incomplete: no {want} element")
        return result

    async def _until_finished(self, result: RunResult) -> None:
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg.FromString(data)
            kind = fm.WhichOneof("type")
            if kind == "delta":
                self._delta(fm, result)
            elif kind == "navigation":
                nav = fm.navigation
                current = [p for p in nav.app_pages if p.page_script_hash == nav.page_script_hash]
                if current:
                    result.page = "" if current[0].is_default else current[0].url_pathname
            elif kind == "page_not_found":
                result.problems.append(f"page not found: {fm.page_not_found.page_name!r}")
            elif kind == "script_finished":
                status = fm.script_finished
                if status == DONE.FINISHED_WITH_COMPILE_ERROR:
                    result.problems.append("script finished with a compile error")
                    return
                if status in (DONE.FINISHED_SUCCESSFULLY, DONE.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return
                # FINISHED_EARLY_FOR_RERUN: the app asked for a rerun (e.g. st.switch_page); keep reading

    @staticmethod
    def _delta(fm: ForwardMsg, result: RunResult) -> None:
        delta = fm.delta
        which = delta.WhichOneof("type")
        if which == "add_block":
            block = delta.add_block.WhichOneof("type")
            if block:
                result.elements[block] = result.elements.get(block, 0) + 1
            return
        if which != "new_element":
            return
        element = delta.new_element.WhichOneof("type")
        result.elements[element] = result.elements.get(element, 0) + 1
        if element == "exception":
            ex = delta.new_element.exception
            result.problems.append(f"exception on page: {ex.type}: {ex.message[:160]}")
        elif element == "alert" and delta.new_element.alert.format == Alert.ERROR:
            result.problems.append(f"error shown: {delta.new_element.alert.body[:160]}")
