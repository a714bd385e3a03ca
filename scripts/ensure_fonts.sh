#!/usr/bin/env bash
# The widget's fonts for Urdu (Nastaliq), Gurmukhi and Gujarati: pinned @fontsource npm packages
# (SIL Open Font License 1.1), locked in widget/fonts/package-lock.json and served by the web app
# itself (bot/web/widget_fonts.py), so a resident's device never asks a font CDN. Installs them when
# missing; needs node/npm and the npm registry (nothing else is downloaded).
set -euo pipefail
cd "$(dirname "$0")/../widget/fonts"
marker=node_modules/@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2
if [ -f "$marker" ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then exit 0; fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing, so the widget's Urdu, Gurmukhi and Gujarati fonts cannot be installed" \
       "(the widget then uses the device's own fonts): apt-get install -y npm" >&2
  exit 1
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
