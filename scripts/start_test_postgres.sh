#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the concern-store tests.
#
#   eval "$(scripts/start_test_postgres.sh)"   # sets DATABASE_URL_TEST and SSGP_TEST_PGDATA
#   export DATABASE_URL_TEST
#   ... run tests ...
#   scripts/stop_test_postgres.sh "$SSGP_TEST_PGDATA"
#
# Uses the machine's PostgreSQL (installs the Debian package if there is none), initialises a
# cluster in a new temporary directory, and starts it on 127.0.0.1 on a free port as a non-root
# user (PostgreSQL refuses to run as root). Password authentication (scram-sha-256) with a random
# password; fsync off because the data is disposable. Only the two variable lines go to stdout;
# progress goes to stderr.
set -euo pipefail

log() { echo "start_test_postgres: $*" >&2; }

find_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then echo "$dir"; return 0; fi
  if [[ -x /usr/local/bin/pg_ctl && -x /usr/local/bin/initdb ]]; then echo /usr/local/bin; return 0; fi
  return 1
}

BINDIR=$(find_bindir || true)
if [[ -z "$BINDIR" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    log "PostgreSQL is not installed and this is not root: install the 'postgresql' package"
    exit 1
  fi
  log "installing PostgreSQL (apt-get install -y postgresql)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 \
    || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; }
  BINDIR=$(find_bindir) || { log "no initdb/pg_ctl found after installing"; exit 1; }
fi
log "using $BINDIR"

# Run the server as a non-root user.
RUNAS=()
if [[ $(id -u) -eq 0 ]]; then
  PGUSER_OS=postgres
  if ! id "$PGUSER_OS" >/dev/null 2>&1; then
    PGUSER_OS=ssgp-pgtest
    id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
  fi
  RUNAS=(runuser -u "$PGUSER_OS" --)
fi

BASE=$(mktemp -d /tmp/ssgp-pg.XXXXXX)
chmod 700 "$BASE"
PGDATA="$BASE/data"
PWFILE="$BASE/pw"
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
DBUSER=ssgp_test
DBNAME=ssgp_test
umask 077
printf '%s\n' "$PASSWORD" > "$PWFILE"
if [[ ${#RUNAS[@]} -gt 0 ]]; then chown -R "$PGUSER_OS" "$BASE"; fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

"${RUNAS[@]}" "$BINDIR/initdb" -D "$PGDATA" --username="$DBUSER" --pwfile="$PWFILE" \
  --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >&2 \
  || "${RUNAS[@]}" "$BINDIR/initdb" -D "$PGDATA" --username="$DBUSER" --pwfile="$PWFILE" \
       --auth=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >&2
rm -f "$PWFILE"

"${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$PGDATA" -l "$BASE/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2 || { log "server did not start:"; cat "$BASE/server.log" >&2 || true; exit 1; }

PGPASSWORD="$PASSWORD" "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$DBUSER" "$DBNAME" >&2 \
  || PGPASSWORD="$PASSWORD" createdb -h 127.0.0.1 -p "$PORT" -U "$DBUSER" "$DBNAME" >&2

log "PostgreSQL ready on 127.0.0.1:$PORT (data in $PGDATA)"
echo "DATABASE_URL_TEST=postgresql://$DBUSER:$PASSWORD@127.0.0.1:$PORT/$DBNAME"
echo "SSGP_TEST_PGDATA=$PGDATA"
