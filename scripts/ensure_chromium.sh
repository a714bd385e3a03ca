#!/usr/bin/env bash
# Browser tests use Debian's Chromium (never a browser download).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "Chromium missing: run 'sudo apt-get install -y chromium'" >&2; exit 1; fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
