#!/usr/bin/env bash
# Run the CI command while CPU hogs keep every core busy: the suite must pass on a loaded machine.
# Usage: bash scripts/test_busy.sh [pytest args]   (HOGS=N to choose how many hogs; default: one per core)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${HOGS:-$(nproc)}"
pids=()
for _ in $(seq "$n"); do yes >/dev/null & pids+=($!); done
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start=$(date +%s)
CI=true bash .ci/run "$@"
echo "test_busy: the suite passed with $n CPU hogs running, in $(( $(date +%s) - start )) s (load average $(cut -d' ' -f1 /proc/loadavg))"
