#!/bin/bash
# The PostgreSQL image's entrypoint (deploy/images/build.sh): the official postgres image's contract, so
# Testcontainers' PostgreSQLContainer and deploy/compose use it unchanged. On an empty data directory it runs initdb
# with POSTGRES_USER (default postgres) and POSTGRES_PASSWORD, lets every host in with POSTGRES_HOST_AUTH_METHOD
# (default scram-sha-256), creates POSTGRES_DB and runs /docker-entrypoint-initdb.d/*.sql and *.sh on a server
# that listens only on its socket; then it starts the server with the given arguments. Both starts log "database
# system is ready to accept connections", which is what Testcontainers waits for (twice).
set -euo pipefail
if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
[[ "${1:-}" == postgres ]] || exec "$@"
shift
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  user="${POSTGRES_USER:-postgres}" db="${POSTGRES_DB:-${POSTGRES_USER:-postgres}}" auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [[ -z "${POSTGRES_PASSWORD:-}" && "$auth" != trust ]]; then
    echo "POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2; exit 1
  fi
  mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
  pwfile="$(mktemp)"; printf '%s' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  initdb -D "$PGDATA" --username="$user" --auth-local=trust --auth-host="$auth" --encoding=UTF8 --locale=C.UTF-8 \
    $([[ -n "${POSTGRES_PASSWORD:-}" ]] && echo "--pwfile=$pwfile") >/dev/null
  rm -f "$pwfile"
  echo "host all all all $auth" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -X -q -v ON_ERROR_STOP=1 --username "$user" --no-password)
  if [[ "$db" != postgres ]]; then "${psql[@]}" -d postgres -c "CREATE DATABASE \"$db\""; fi
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sh) echo "running $file"; . "$file" ;;
      *.sql) echo "running $file"; "${psql[@]}" -d "$db" -f "$file" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec postgres -D "$PGDATA" "$@"
