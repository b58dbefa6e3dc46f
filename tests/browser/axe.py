"""axe-core in the browser tests: inject the locally installed axe (no network), run the WCAG 2.0/2.1
A and AA rules, save the report next to the screenshots and return the violations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"  # installed by scripts/test.sh (pinned)
REPORTS = ROOT / "artifacts" / "axe"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")


def require_axe() -> Path:
    """The axe-core file, or skip (fail in CI) when scripts/test.sh has not installed it."""
    if not AXE_JS.exists():
        message = f"axe-core not found at {AXE_JS} (bash scripts/test.sh installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


def run_axe(page, name: str) -> list[dict]:
    """Run axe on the page as it is now; save the full report to artifacts/axe/<name>.json and
    return the serious and critical violations (each with its nodes' targets, to fix them)."""
    path = require_axe()
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(path))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return {url: r.url, testEngine: r.testEngine, violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 300), summary: n.failureSummary}))
            }))};
        }""",
        TAGS,
    )
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """Violations as readable lines for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']} {n['summary'][:200]!r}")
    return "\n".join(lines)
