"""Several Atlas processes behind HAProxy (`bash scripts/run.sh --replicas N`), proved in Chromium.

The stack is started by the same code path as run.sh (`scripts/replicas.py`, via bench/stack.py) with
2 replicas on 127.0.0.1. Every page blocks and records non-local requests (tests/browser/conftest.py's
Page) and each test fails on any. HAProxy's own log (one line per request: server, status, path and
the ATLAS cookie the browser sent) and its admin socket (what it thinks of each replica) are read to
check where requests went. Waits are safety nets (tests/deadlines.py), never timing asserts.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.stack import alive, kill_if_alive, start_stack, stop_stack, wait_until
from tests.browser.conftest import Page, wait_rendered
from tests.deadlines import STEP_MS, STEP_S

ROOT = Path(__file__).resolve().parents[2]
SBIN_PATH = os.pathsep.join(["/usr/sbin", "/usr/local/sbin", os.environ.get("PATH", "")])
LOG_LINE = re.compile(r'^\S+ replicas/(\S+) (\d+) (\S+) "([^"]*)" cookie=(\S+)$')
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
# A replica killed in a test is restarted by the supervisor after this long: longer than HAProxy
# needs to mark it DOWN (2 failed checks, 2 s apart), so the test sees it taken out, then back in.
RESTART_DELAY_S = 8


def _haproxy_or_skip() -> None:
    if shutil.which("haproxy", path=SBIN_PATH):
        return
    if os.environ.get("CI"):
        pytest.fail("haproxy not found: CI must run the proxy tests (bash scripts/ensure_haproxy.sh)")
    pytest.skip("haproxy not found (bash scripts/ensure_haproxy.sh installs Debian's)")


@pytest.fixture(scope="module")
def stack():
    _haproxy_or_skip()
    s = start_stack(2, timeout=2 * STEP_S, restart_delay=RESTART_DELAY_S)
    yield s
    code = stop_stack(s)
    pids = s.pids()
    left = [p for p in pids if alive(p)]
    for p in left:
        kill_if_alive(p)
    assert code == 0 and not left, f"supervisor exit {code}, still running: {left}\n{s.log()}"


def requests(stack, since: int = 0) -> list[tuple[str, int, str, str, str]]:
    """HAProxy's log from line `since` on, as (server, status, method, path, cookie sent or '-')."""
    out = []
    for line in stack.haproxy_log()[since:]:
        m = LOG_LINE.match(line)
        if m:
            out.append((m[1], int(m[2]), m[3], m[4], m[5]))
    return out


def cookie(page: Page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "ATLAS"), None)


def download(page, button: str) -> bytes:
    b = page.get_by_role("button", name=button)
    b.wait_for(timeout=STEP_MS)
    with page.expect_download(timeout=STEP_MS) as info:
        b.click()
    return Path(info.value.path()).read_bytes()


def assert_clean(p: Page, console: bool = True) -> None:
    assert p.blocked == [], f"requests left the machine: {p.blocked}"
    assert p.bad_responses == [], p.bad_responses
    if console:
        assert p.console_errors == [], p.console_errors


def pages_on_two_replicas(browser, url: str, path: str) -> tuple[Page, Page]:
    """Open browser contexts until two are pinned to different replicas (round robin: the second
    one already is; a few more are allowed so that a stray request cannot make the test flaky)."""
    first = Page(browser, url)
    first.open(path)
    others = []
    for _ in range(4):
        p = Page(browser, url)
        p.open(path)
        if cookie(p) != cookie(first):
            for o in others:
                o.close()
            return first, p
        others.append(p)
    for o in [first, *others]:
        o.close()
    raise AssertionError("five browser contexts all landed on one replica")


def test_a_session_keeps_one_replica_for_its_websocket_and_downloads(browser, stack):
    since = len(stack.haproxy_log())  # this test's requests only
    p = Page(browser, stack.url)
    media: list[str] = []
    p.page.on("request", lambda r: media.append(r.url) if "/media/" in r.url else None)
    try:
        page = p.open("/country?iso3=PHL")
        mine = cookie(p)
        assert mine in {"r1", "r2"}, p.context.cookies()
        csv_bytes = download(page, "Download CSV")
        pdf_bytes = download(page, "Download PDF brief")
        assert csv_bytes.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
        text = io.TextIOWrapper(io.BytesIO(csv_bytes), encoding="utf-8-sig").read()
        assert "PHL" in text and len(text.splitlines()) > 1
        assert pdf_bytes.startswith(b"%PDF")
        assert_clean(p)

        # every request this browser made with its cookie went to that replica: the websocket,
        # the files behind both download buttons, every script asset
        def logged():
            mine_lines = [r for r in requests(stack, since) if r[4] == mine]
            paths = [r[3] for r in mine_lines]
            return (
                any(x == "/_stcore/stream" for x in paths)
                and any(x.endswith(".csv") for x in paths)
                and any(x.endswith(".pdf") for x in paths)
            )

        wait_until(logged, STEP_S, what="HAProxy logged the websocket and both downloads")
        lines = [r for r in requests(stack, since) if r[4] == mine]
        assert {r[0] for r in lines} == {mine}, lines
        assert any(r[3] == "/_stcore/stream" and r[1] == 101 for r in lines), lines

        # and that is why stickiness matters: the download file lives in that process only
        files = [u for u in media if u.endswith((".csv", ".pdf"))]
        assert files, media
        other = "r2" if mine == "r1" else "r1"
        req = urllib.request.Request(files[-1], headers={"Cookie": f"ATLAS={other}"})
        with pytest.raises(urllib.error.HTTPError) as err:
            NO_PROXY.open(req, timeout=STEP_S)
        assert err.value.code == 404
        req = urllib.request.Request(files[-1], headers={"Cookie": f"ATLAS={mine}"})
        with NO_PROXY.open(req, timeout=STEP_S) as r:
            assert r.read().startswith(b"%PDF" if files[-1].endswith(".pdf") else b"\xef\xbb\xbf")
    finally:
        p.close()


def test_two_browser_contexts_land_on_different_replicas(browser, stack):
    since = len(stack.haproxy_log())
    a, b = pages_on_two_replicas(browser, stack.url, "/")
    try:
        assert {cookie(a), cookie(b)} == {"r1", "r2"}
        for p in (a, b):
            assert p.page.locator("h1").first.inner_text().strip() == "Migration Practice Atlas"
            assert_clean(p)
        streams = {(r[0], r[4]) for r in requests(stack, since) if r[3] == "/_stcore/stream" and r[1] == 101}
        assert {("r1", "r1"), ("r2", "r2")} <= streams  # each context's websocket on its own replica
    finally:
        a.close()
        b.close()


def test_killing_a_replica_moves_its_users_to_a_live_one_and_it_comes_back(browser, stack):
    since = len(stack.haproxy_log())
    a, b = pages_on_two_replicas(browser, stack.url, "/country?iso3=PHL")
    try:
        victim, survivor = cookie(a), cookie(b)
        before = stack.replica(victim)
        os.kill(before["pid"], signal.SIGKILL)  # a replica started by this test's supervisor

        # HAProxy's health checks take it out ...
        wait_until(
            lambda: stack.server_status()[victim]["status"].startswith("DOWN"), STEP_S, what=f"HAProxy marks {victim} DOWN"
        )
        # ... and its user's next page load lands on the live replica, which works
        a.console_errors.clear()  # the dead websocket's own complaints, before the reload
        a.bad_responses.clear()
        a.page.reload(wait_until="domcontentloaded")
        wait_rendered(a.page)
        assert cookie(a) == survivor
        assert a.page.locator("h1").first.inner_text().strip() == "Country profiles"
        assert download(a.page, "Download CSV").startswith(b"\xef\xbb\xbf")
        assert a.page.locator('[data-testid="stException"]').count() == 0
        assert_clean(a)

        # the other user never noticed
        b.open("/map")
        assert cookie(b) == survivor
        assert_clean(b)

        # the supervisor restarts the dead replica and HAProxy puts it back in
        wait_until(
            lambda: stack.replica(victim)["restarts"] > before["restarts"] and stack.replica(victim)["pid"],
            STEP_S,
            what=f"the supervisor restarts {victim}",
        )
        wait_until(lambda: stack.server_status()[victim]["status"] == "UP", STEP_S, what=f"HAProxy marks {victim} UP")
        assert int(stack.server_status()[victim]["chkdown"]) >= 1
        assert stack.replica(victim)["pid"] != before["pid"]
        c = Page(browser, stack.url)
        try:
            c.context.add_cookies([{"name": "ATLAS", "value": victim, "url": stack.url}])
            c.open("/country?iso3=PHL")
            assert cookie(c) == victim  # served by the restarted replica (HAProxy kept the cookie)
            assert c.page.locator("h1").first.inner_text().strip() == "Country profiles"
            assert_clean(c)
        finally:
            c.close()
        assert [r for r in requests(stack, since) if r[1] >= 500] == []  # no user saw a proxy error
    finally:
        a.close()
        b.close()


# The supervisor's own promise: stopping the command stops everything it started -----------------


@pytest.mark.parametrize("how", ["ctrl-c", "supervisor-killed"])
def test_stopping_the_command_stops_everything(how):
    _haproxy_or_skip()
    s = start_stack(1, timeout=2 * STEP_S)
    pids, run_dir = s.pids(), Path(s.state["run_dir"])
    try:
        assert len(pids) == 2 and all(alive(p) for p in pids)
        with NO_PROXY.open(s.url + "/_stcore/health", timeout=STEP_S) as r:
            assert r.read().strip() == b"ok"
        if how == "ctrl-c":
            # children run in their own sessions, so a terminal's Ctrl-C reaches only the supervisor
            assert stop_stack(s, signal.SIGINT, timeout=STEP_S) == 0
            assert not run_dir.exists()  # its logs and HAProxy's configuration are removed
        else:
            s.proc.kill()  # no chance to clean up: the kernel tells the children (PR_SET_PDEATHSIG)
            s.proc.wait(timeout=STEP_S)
        wait_until(lambda: not any(alive(p) for p in pids), STEP_S, what="HAProxy and the replica exit")
        with pytest.raises(OSError):
            NO_PROXY.open(s.url + "/_stcore/health", timeout=10)
    finally:
        stop_stack(s)
        for p in pids:
            kill_if_alive(p)
        shutil.rmtree(run_dir, ignore_errors=True)  # a killed supervisor cannot remove its folder
