#!/usr/bin/env bash
# Set up (once) and start the Atlas:
#   bash scripts/run.sh [--server.port 8502] [streamlit run options]   one process (serve.py), as always
#   bash scripts/run.sh --replicas N [--server.port 8502] [options]    N processes behind HAProxy on that
#       port (scripts/replicas.py; installs Debian's haproxy if missing). Ctrl-C stops everything.
# ATLAS_RUN_DRY=1 prints the command that would be run and sets nothing up (used by tests/test_deploy.py).
set -euo pipefail
cd "$(dirname "$0")/.."
replicas=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas)
      if [ $# -lt 2 ]; then echo "--replicas needs a number" >&2; exit 2; fi
      replicas="$2"; shift 2 ;;
    --replicas=*) replicas="${1#--replicas=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$replicas" in
  '' | *[!0-9]* | 0) echo "--replicas must be a whole number >= 1, not '$replicas'" >&2; exit 2 ;;
esac
if [ "$replicas" -eq 1 ]; then
  cmd=(.venv/bin/python serve.py "${args[@]}")  # = streamlit run app.py "$@", with caches filled at start
else
  cmd=(.venv/bin/python scripts/replicas.py --replicas "$replicas" "${args[@]}")
fi
if [ -n "${ATLAS_RUN_DRY:-}" ]; then
  printf '%s\n' "${cmd[@]}"
  exit 0
fi
if [ "$replicas" -gt 1 ]; then
  bash scripts/ensure_haproxy.sh
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
exec "${cmd[@]}"
