#!/usr/bin/env bash
# Print the path of a working Python 3.10 interpreter (Rasa 3.6 needs Python >=3.8,<3.11).
set -euo pipefail
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
candidates+=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.|$)' | sort -rV); do
    candidates+=("$(pyenv root)/versions/$v/bin/python3.10")
  done
fi
for p in /root/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do
  [ -e "$p" ] && candidates+=("$p")
done
for c in "${candidates[@]}"; do
  if out=$("$c" -c 'import sys; assert sys.version_info[:2] == (3, 10); print(sys.executable)' 2>/dev/null); then
    echo "$out"; exit 0
  fi
done
echo "error: Python 3.10 is required (Rasa 3.6 supports Python 3.8-3.10) but python3.10 was not found." >&2
echo "Install it (for example 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
exit 1
