"""Browser-test harness: a real Streamlit server on a free port and Debian's Chromium via Playwright.

Every request that is not to the local server is blocked and recorded; a test fails if any was
attempted. Screenshots go to artifacts/screenshots/ (git-ignored) so a person can look at them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bench.load import CHROMIUM, CHROMIUM_ARGS, spawn_server, stop_server, wait_ready  # one definition, shared with the bench
from lib.ui.shell import PRELOAD_KEY
from tests.deadlines import STEP_MS, STEP_S

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
# A page's own charts, never the out-of-sight map that every first page run draws to load plotly.js
# early (lib/ui/shell.py preload_charts). Page scripts take these as their argument.
PLOT = f".js-plotly-plot:not(.st-key-{PRELOAD_KEY} *)"
CHART = f'[data-testid="stPlotlyChart"]:not(.st-key-{PRELOAD_KEY} *)'


def start_server(env_extra: dict | None = None) -> tuple[str, subprocess.Popen]:
    """`python serve.py` (what scripts/run.sh runs) on a free local port, waited for."""
    url, proc = spawn_server(env_extra)
    wait_ready(url, proc, timeout=STEP_S)
    return url, proc


@pytest.fixture(scope="session")
def server():
    url, proc = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A Playwright page that blocks and records foreign requests and console errors."""

    def __init__(self, browser, base_url: str, width: int = 1400, height: int = 1000):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.set_default_timeout(STEP_MS)  # safety nets, not targets (tests/deadlines.py)
        self.context.set_default_navigation_timeout(STEP_MS)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.bad_responses: list[str] = []
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, msg):
        # failed loads are judged by URL in _response (Streamlit probes its base path on sub-pages)
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.console_errors.append(msg.text)

    def _response(self, response):
        url = response.url
        probe = "/_stcore/" in url and not url.startswith(self.base_url + "/_stcore/")
        if response.status >= 400 and not probe:
            self.bad_responses.append(f"{response.status} {url}")

    def _route(self, route):
        url = route.request.url
        if (
            url.startswith(self.base_url)
            or url.startswith(self.base_url.replace("http", "ws"))
            or url.startswith(("data:", "blob:", "about:"))
        ):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        wait_rendered(self.page)
        return self.page

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


def wait_rendered(page, timeout: float = STEP_MS) -> None:
    """Wait until Streamlit has finished running the script (no 'running' status, app present)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            return app && app.getAttribute('data-test-script-state') !== 'running' && !running
                && document.querySelector('h1');
        }""",
        timeout=timeout,
    )
    page.wait_for_timeout(300)


@pytest.fixture
def atlas(browser, server):
    p = Page(browser, server)
    yield p
    p.close()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Chromium's path for tests that launch their own browser (skips or fails like `browser` when missing)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM
