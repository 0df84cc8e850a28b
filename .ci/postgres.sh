#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print the variables to export:
#   eval "$(bash .ci/postgres.sh)"        -> ASR_TEST_DATABASE_URL, ASR_TEST_PG_DIR
#   bash .ci/postgres.sh stop "$ASR_TEST_PG_DIR"
# Installs PostgreSQL from Debian's packages when missing. Only the export lines go to stdout;
# progress and errors go to stderr. As root, the cluster runs as the `postgres` user.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ "${1:-}" = "stop" ]; then
  dir="${2:?usage: postgres.sh stop DIR}"
  as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  exit 0
fi

bin="$(pg_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  log "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(pg_bin)"
fi
[ -x "$bin/initdb" ] || { log "initdb not found after installing postgresql"; exit 1; }

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
dir="$(mktemp -d /tmp/asr-pg.XXXXXX)"
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
fi

log "initdb into $dir/data (PostgreSQL $(basename "$(dirname "$bin")"))"
as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
log "starting on 127.0.0.1:$port"
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
  start >&2 || { cat "$dir/server.log" >&2; exit 1; }
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres asr_test >&2

echo "export ASR_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$port/asr_test"
echo "export ASR_TEST_PG_DIR=$dir"
