#!/usr/bin/env bash
# Start (or reuse) a throwaway PostgreSQL server for the test suite, on 127.0.0.1:${PGPORT:-54329}.
# Prints the DATABASE_URL to use. Uses Debian's PostgreSQL binaries; runs the server as the
# 'postgres' system user when we are root (PostgreSQL refuses to run as root).
set -euo pipefail
# runuser and the like live in /usr/sbin, which a bare environment may leave off PATH.
export PATH="$PATH:/usr/sbin:/sbin"
PORT="${PGPORT:-54329}"
DATA="${POWERWITH_PGDATA:-/tmp/powerwith-pg-$PORT}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  echo "PostgreSQL server binaries not found (install Debian's postgresql)" >&2
  exit 3
fi
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U powerwith --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
fi
echo "postgres://powerwith@127.0.0.1:$PORT/postgres"
