"""Optional smoke test of bench/roundtable.py (`--quick`): ATLAS_ROUNDTABLE_SMOKE=1 to run it.

Off by default: it starts the stack twice (1 and 2 replicas behind HAProxy) and runs small load
runs, about 2 minutes of both cores, which the suite does not need (tests/browser/test_proxy.py
proves the proxy's behaviour; the bench measures it). It checks that the bench completes, sees no
error and prints its table; it asserts no speed.
"""

import os
import shutil

import pytest

pytestmark = pytest.mark.skipif(
    not os.environ.get("ATLAS_ROUNDTABLE_SMOKE"),
    reason="optional: ATLAS_ROUNDTABLE_SMOKE=1 runs the roundtable bench's --quick mode",
)


def test_roundtable_quick_runs_without_errors(capsys, tmp_path):
    if not shutil.which("haproxy", path=os.pathsep.join(["/usr/sbin", os.environ.get("PATH", "")])):
        pytest.skip("haproxy not found (bash scripts/ensure_haproxy.sh)")
    from bench import roundtable

    code = roundtable.main(["--quick", "--out", str(tmp_path / "roundtable.md")])
    text = (tmp_path / "roundtable.md").read_text()
    assert code == 0, text
    assert "| replicas | sessions x interactions |" in text and "per extra idle session" in text
    assert "| 1 | 6 x 4 |" in text and "| 2 | 6 x 4 |" in text
