#!/usr/bin/env bash
# Stop the server started by start_test_postgres.sh and delete its temporary directory.
#   scripts/stop_test_postgres.sh [PGDATA]     (default: $SSGP_TEST_PGDATA)
set -euo pipefail

PGDATA=${1:-${SSGP_TEST_PGDATA:-}}
if [[ -z "$PGDATA" ]]; then
  echo "stop_test_postgres: give the data directory (SSGP_TEST_PGDATA)" >&2
  exit 2
fi
BASE=$(dirname "$PGDATA")
# Only ever remove what start_test_postgres.sh created.
case "$BASE" in
  /tmp/ssgp-pg.*) ;;
  *) echo "stop_test_postgres: $PGDATA was not made by start_test_postgres.sh" >&2; exit 2 ;;
esac

BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -x "$BINDIR/pg_ctl" ]] || BINDIR=/usr/local/bin

if [[ -f "$PGDATA/postmaster.pid" ]]; then
  OWNER=$(stat -c %U "$PGDATA")
  if [[ $(id -u) -eq 0 && "$OWNER" != root ]]; then
    runuser -u "$OWNER" -- "$BINDIR/pg_ctl" -D "$PGDATA" -m fast -w stop >&2 || true
  else
    "$BINDIR/pg_ctl" -D "$PGDATA" -m fast -w stop >&2 || true
  fi
fi
rm -rf -- "$BASE"
echo "stop_test_postgres: stopped and removed $BASE" >&2
