#!/usr/bin/env bash
# The widget's documented same-origin set-up is tested through a real nginx (Debian's nginx-light).
# Installs it when missing and we are root (CI runs as root on a fresh Debian machine). The package's
# own system service is not used: the test starts a private nginx on loopback ports.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "nginx is missing: run 'sudo apt-get install -y nginx-light' (Debian)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now nginx >/dev/null 2>&1 || true
fi
