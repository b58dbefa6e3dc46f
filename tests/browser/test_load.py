"""A bounded load test: concurrent sessions exploring the app see no error at all.

The same code as `python -m bench.load` (bench/load.py) at reduced sizes, against the session's
server: 10 websocket sessions x 10 interactions (the server does all its work; bench/wsclient.py),
and 3 browser sessions x 5 interactions in one Chromium with one context per session (a browser
needs most of a core to draw, so fewer). Interactions are URL-driven page loads: map metric and
filters, practice search, country profiles, heatmap toggles, ... An exception or error message on
a page, a wrong or incomplete page, a console error, an HTTP error (other than Streamlit's known
base-path probe), a request to a non-local host or a stuck interaction fails the test.

Correctness under concurrency only: the deadlines are safety nets of minutes (tests/deadlines.py),
so a loaded machine makes the test slower, never red. Speed is measured by `python -m bench.load`.
"""

from bench.load import run_load
from tests.deadlines import RUN_S, STEP_S

SESSIONS, INTERACTIONS = 3, 5
WS_SESSIONS, WS_INTERACTIONS = 10, 10


def test_websocket_sessions_see_no_errors(server):
    report = run_load(
        server, sessions=WS_SESSIONS, interactions=WS_INTERACTIONS, timeout=RUN_S, interaction_timeout=STEP_S, client="ws"
    )
    print(report.summary())
    assert report.errors == [], report.summary()
    assert report.done == WS_SESSIONS * WS_INTERACTIONS, report.summary()


def test_concurrent_sessions_see_no_errors(server, chromium_path):
    report = run_load(
        server,
        sessions=SESSIONS,
        interactions=INTERACTIONS,
        timeout=RUN_S,
        interaction_timeout=STEP_S,
        executable=chromium_path,
        client="browser",
    )
    print(report.summary())
    assert report.errors == [], report.summary()
    assert report.done == SESSIONS * INTERACTIONS, report.summary()
