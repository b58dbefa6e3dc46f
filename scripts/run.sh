#!/usr/bin/env bash
# Set up (once) and start the Atlas: bash scripts/run.sh [--server.port 8502]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python serve.py "$@"  # = streamlit run app.py "$@", with caches filled at start
