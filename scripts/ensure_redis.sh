#!/usr/bin/env bash
# Make sure redis-server (Debian's package) is installed: needed for RASA_WORKERS=2 or more with no
# REDIS_URL, and by the tests in tests/scale. Installs it with apt-get when missing and we are root
# (CI runs as root on a fresh Debian machine); otherwise says what to run. The package's own
# system service is not used: `python -m bot run` starts a private, memory-only redis-server.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is missing: run 'sudo apt-get install -y redis-server' (Debian), or set REDIS_URL." >&2
  exit 1
fi
echo "Installing Debian's redis-server package..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# Debian enables a system redis-server service; where systemd runs, stop it: we never use it.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now redis-server >/dev/null 2>&1 || true
fi
