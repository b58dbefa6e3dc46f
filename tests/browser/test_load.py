"""A small, bounded load test: concurrent sessions exploring the app see no error at all.

The same code as `python -m bench.load` (bench/load.py) at a reduced size: 4 sessions x 8
interactions (URL-driven page loads: map metric and filters, practice search, country profiles,
heatmap toggles, ...) in one Chromium with one context per session, against the session's server.
An exception on a page, a console error, an HTTP error (other than Streamlit's known base-path
probe), a request to a non-local host or a timeout fails the test.
"""

import time

from bench.load import run_load

SESSIONS, INTERACTIONS = 4, 8
HARD_TIMEOUT = 120  # seconds for the whole load run


def test_concurrent_sessions_see_no_errors(server, chromium_path):
    t0 = time.monotonic()
    report = run_load(server, sessions=SESSIONS, interactions=INTERACTIONS, timeout=HARD_TIMEOUT - 20,
                      interaction_timeout=60, executable=chromium_path)
    print(report.summary())
    assert report.errors == [], report.summary()
    assert report.done == SESSIONS * INTERACTIONS, report.summary()
    assert time.monotonic() - t0 < HARD_TIMEOUT + 60
