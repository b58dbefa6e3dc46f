#!/usr/bin/env bash
# Install Debian's haproxy if it is missing (with sudo unless root), like scripts/test.sh installs
# Chromium. Used by `bash scripts/run.sh --replicas N` and by scripts/test.sh (tests/browser/test_proxy.py).
set -euo pipefail
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "installing Debian's haproxy (needed for --replicas and the proxy tests)" >&2
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
