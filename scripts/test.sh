#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's Chromium), check the architecture and the
# code style, and run the whole suite. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
bash scripts/ensure_haproxy.sh  # the proxy tests (tests/browser/test_proxy.py) run a real HAProxy
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
# axe-core for the accessibility browser tests (tests/browser/axe.py injects it from this file,
# never from the network), pinned, into the git-ignored .tools/; Node and npm from Debian if missing.
AXE_VERSION=4.14.1
if ! command -v npm >/dev/null; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if ! grep -qs "\"version\": \"$AXE_VERSION\"" .tools/node_modules/axe-core/package.json; then
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix .tools "axe-core@$AXE_VERSION"
fi
# The layer contract (pyproject.toml [tool.importlinter]) and ruff: lint and format.
.venv/bin/lint-imports --no-cache
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# Several workers (pytest-xdist): a browser test spends most of its time waiting for a page, so
# three workers keep two cores busy. ATLAS_TEST_WORKERS=0 runs everything in this one process.
exec .venv/bin/python -m pytest -n "${ATLAS_TEST_WORKERS:-3}" "$@"
