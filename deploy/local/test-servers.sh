#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis for the test suites, on free loopback ports in <dir>.
# Redis requires a password, as in production: the exported URL carries ACL user `secsched` and
# its random password (the default user has another one, so a client without credentials gets
# NOAUTH), so every test authenticates.
# PostgreSQL also accepts TLS (ssl=on) with a server certificate for `localhost` signed by a CA
# made here at start (openssl, in <dir>/pg/tls); the exported URL says sslmode=disable so the
# tests run over plain connections, and SECSCHED_TEST_PG_TLS_CA (that CA) and
# SECSCHED_TEST_PG_TLS_OTHER_CA (a CA that signed nothing) serve the TLS tests.
#
#   deploy/local/test-servers.sh start <dir>   # prints export lines, also written to <dir>/env
#   . <dir>/env && ctest --test-dir build ...  # test binaries use these servers
#   deploy/local/test-servers.sh stop <dir>    # stops both and deletes their data
#
# Without these variables each test binary starts its own servers (common/testing/servers.h);
# one shared pair is faster when ctest runs many binaries. PostgreSQL refuses to run as root,
# so as root its tools run as the `postgres` user (Debian's package creates it).
set -euo pipefail

die() { echo "test-servers.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || die "usage: $0 start|stop <dir>"
command=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
pg_root=$dir/pg
redis_root=$dir/redis

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/pg_ctl" ] || die "no PostgreSQL under /usr/lib/postgresql/*/bin"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# free_port, wait_for
# shellcheck source=deploy/local/lib.sh
. "$(dirname "$0")/lib.sh"

# A throwaway CA, a server certificate for `localhost` (the host name libpq verifies with
# sslmode=verify-full) signed by it, and a second CA that signed nothing. EC keys: instant.
make_tls() {
  local tls=$pg_root/tls
  mkdir -p "$tls"
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  {
    openssl req -x509 "${key[@]}" -days 7 -subj "/CN=secsched test CA" \
      -keyout "$tls/ca.key" -out "$tls/ca.crt"
    openssl req -x509 "${key[@]}" -days 7 -subj "/CN=secsched unrelated CA" \
      -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt"
    openssl req "${key[@]}" -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr"
    printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 7 -extfile "$tls/server.ext" -out "$tls/server.crt"
  } >>"$pg_root/setup.log" 2>&1 || die "openssl could not make the TLS files; see $pg_root/setup.log"
  # PostgreSQL refuses a key that others can read, or that is not its own (or root's).
  chmod 600 "$tls/server.key"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$tls/server.key" "$tls/server.crt"; fi
}

start_postgres() {
  mkdir -p "$pg_root"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_root"; fi
  as_postgres test -w "$pg_root" || die "the postgres user cannot write $pg_root; use a folder it can reach (e.g. mktemp -d, chmod 755)"
  make_tls
  as_postgres "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --no-locale \
    --no-sync >"$pg_root/setup.log" 2>&1 || die "initdb failed; see $pg_root/setup.log"
  cat >>"$pg_root/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_root'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
ssl = on
ssl_cert_file = '$pg_root/tls/server.crt'
ssl_key_file = '$pg_root/tls/server.key'
CONF
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # pg_ctl -w polls until the server accepts connections, or reports that it died.
    if as_postgres "$pg_bin/pg_ctl" start -D "$pg_root/data" -l "$pg_root/postgres.log" \
         -w -t 60 -o "-p $port" >>"$pg_root/setup.log" 2>&1; then
      wait_for 30 "$pg_bin/pg_isready" -h 127.0.0.1 -p "$port" -U postgres \
        || die "PostgreSQL is not ready; see $pg_root/postgres.log"
      pg_url="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
      return
    fi
  done
  die "PostgreSQL did not start; see $pg_root/postgres.log"
}

random_password() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

start_redis() {
  mkdir -p "$redis_root"
  local attempt port password
  password=$(random_password)
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
      --dir "$redis_root" --daemonize yes --pidfile "$redis_root/redis.pid" \
      --logfile "$redis_root/redis.log" --requirepass "$(random_password)" \
      --user secsched on ">$password" '~*' '&*' '+@all' || continue
    if wait_for 20 bash -c "REDISCLI_AUTH=$password redis-cli -h 127.0.0.1 -p $port \
         --user secsched ping | grep -q PONG"; then
      redis_url="redis://secsched:$password@127.0.0.1:$port"
      return
    fi
    stop_redis
  done
  die "redis-server did not start; see $redis_root/redis.log"
}

stop_postgres() {
  if [ -f "$pg_root/data/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" stop -D "$pg_root/data" -m immediate -w >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_root"
}

stop_redis() {
  if [ -f "$redis_root/redis.pid" ]; then
    local pid
    pid=$(cat "$redis_root/redis.pid")
    kill "$pid" 2>/dev/null || true
    wait_for 20 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$redis_root"
}

case "$command" in
  start)
    [ ! -e "$dir/env" ] || die "servers already started in $dir; run: $0 stop $dir"
    # A half-started pair is torn down, whichever way the start fails.
    trap 'stop_redis; stop_postgres' EXIT
    start_postgres
    start_redis
    trap - EXIT
    printf 'export SECSCHED_TEST_PG_URL=%s\nexport SECSCHED_TEST_REDIS_URL=%s\n' \
      "$pg_url" "$redis_url" | tee "$dir/env"
    printf 'export SECSCHED_TEST_PG_TLS_CA=%s\nexport SECSCHED_TEST_PG_TLS_OTHER_CA=%s\n' \
      "$pg_root/tls/ca.crt" "$pg_root/tls/other-ca.crt" | tee -a "$dir/env"
    ;;
  stop)
    stop_redis
    stop_postgres
    rm -f "$dir/env"
    rmdir "$dir" 2>/dev/null || true
    ;;
  *)
    die "usage: $0 start|stop <dir>"
    ;;
esac
