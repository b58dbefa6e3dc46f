"""Safety-net deadlines for the tests: generous (minutes), never speed targets (those live in bench/).

The suite must pass on a loaded 2-core machine (another program keeping both cores busy), so a
deadline only stops a test that is stuck. One place, so nobody tightens one by accident.
"""

STEP_S = 300  # one page load, one click, one wait for the page, one AppTest run, one server start
STEP_MS = STEP_S * 1000  # the same for Playwright, which counts in milliseconds
RUN_S = 1500  # a whole bounded load-test run
