#!/usr/bin/env bash
# The whole suite on this machine, on loopback: PostgreSQL, Redis, the four services and two
# sectioning workers. State (servers' data, logs, pids, a dev JWT key) lives in .local/ (git-ignored).
#
#   deploy/local/stack.sh start    # migrate and start everything; writes .local/stack.env
#   . .local/stack.env             # service addresses + a dev token for schedctl
#   deploy/local/stack.sh status
#   deploy/local/stack.sh env-file # prints where stack.env is
#   deploy/local/stack.sh stop     # SIGTERM (graceful drain) everything, then stop the servers
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
state=${SECSCHED_STACK_DIR:-$root/.local}
services=(access catalog requests sectioning)
workers=${SECSCHED_WORKERS:-2}  # sectioning workers started with the stack

die() { echo "stack.sh: $*" >&2; exit 1; }
say() { echo "stack.sh: $*"; }

# PostgreSQL runs as the postgres user, which must be able to reach the state folder; a checkout
# under /root is not reachable, so fall back to /tmp then.
if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$state")" 2>/dev/null; then
  state=/tmp/secsched-local
fi
servers=$state/servers

# free_port, wait_for, port_open
# shellcheck source=deploy/local/lib.sh
. "$root/deploy/local/lib.sh"

start_process() {  # name logfile command...
  local name=$1 log=$2; shift 2
  "$@" >>"$log" 2>&1 &
  echo $! >"$state/pids/$name"
}

# 0 once process $1 itself listens on 127.0.0.1:$2; 1 when it exited first, or after 30 s. Another
# process may take a port between free_port and the bind (tests start stacks in parallel), and
# then merely finding the port open would be a lie.
wait_listening() {
  local pid=$1 port=$2 deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if ss -Hltnp "sport = :$port" 2>/dev/null | grep -q "pid=$pid,"; then return 0; fi
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.05
  done
  return 1
}

start() {
  [ ! -f "$state/stack.env" ] || die "already running (see $state/stack.env); run: $0 stop"
  for svc in "${services[@]}"; do
    [ -x "$build/services/$svc/secsched-$svc" ] || die "build first: deploy/build.sh"
  done
  mkdir -p "$state/pids" "$state/logs"
  bash "$root/deploy/local/test-servers.sh" start "$servers" >/dev/null
  # shellcheck disable=SC1091
  . "$servers/env"
  [ -f "$state/jwt.key" ] || head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$state/jwt.key"
  export SECSCHED_PG_URL=$SECSCHED_TEST_PG_URL SECSCHED_REDIS_URL=$SECSCHED_TEST_REDIS_URL
  export SECSCHED_JWT_KEY_FILE=$state/jwt.key SECSCHED_LOG_FORMAT=human

  local env_lines=() port metrics upper
  for svc in "${services[@]}"; do
    "$build/services/$svc/secsched-$svc" migrate >>"$state/logs/$svc.log" 2>&1 \
      || die "migrating $svc failed; see $state/logs/$svc.log"
    local attempt
    for attempt in 1 2 3 4 5; do
      port=$(free_port); metrics=$(free_port)
      start_process "$svc" "$state/logs/$svc.log" "$build/services/$svc/secsched-$svc" serve \
        --listen "127.0.0.1:$port" --metrics-listen "127.0.0.1:$metrics"
      wait_listening "$(cat "$state/pids/$svc")" "$port" && break
      kill -0 "$(cat "$state/pids/$svc")" 2>/dev/null && die "$svc did not start; see $state/logs/$svc.log"
      [ "$attempt" -lt 5 ] || die "$svc did not start; see $state/logs/$svc.log"
      say "$svc exited at start (a port taken meanwhile?); starting it again on other ports"
    done
    upper=$(echo "$svc" | tr a-z A-Z)
    # Services started later find this one here (catalog asks access; requests and sectioning
    # ask both) — the same variables schedctl reads.
    export "SECSCHED_${upper}_ADDR=127.0.0.1:$port"
    env_lines+=("export SECSCHED_${upper}_ADDR=127.0.0.1:$port" "export SECSCHED_${upper}_METRICS=127.0.0.1:$metrics")
    say "$svc serving on 127.0.0.1:$port (metrics http://127.0.0.1:$metrics/metrics)"
  done
  for i in $(seq 1 "$workers"); do
    start_process "worker-$i" "$state/logs/worker-$i.log" \
      "$build/services/sectioning/secsched-sectioning-worker" --consumer "worker-$i" \
      --metrics-listen "127.0.0.1:$(free_port)"
  done
  say "$workers sectioning workers started"

  local token
  token=$(SECSCHED_JWT_HS256_KEY=$(cat "$state/jwt.key") "$build/common/auth/secsched-token" \
    --subject service:local-operator --scopes scheduler,reader,admin,hr-feed,lms-feed --ttl 12h)
  {
    printf '%s\n' "${env_lines[@]}"
    echo "export SECSCHED_TOKEN=$token"
    echo "export PATH=$build/tools/schedctl:\$PATH"
    # What a worker started by hand needs too (e.g. `secsched-sectioning-worker read-school`).
    echo "export SECSCHED_PG_URL='$SECSCHED_PG_URL'"
    echo "export SECSCHED_REDIS_URL='$SECSCHED_REDIS_URL'"
    echo "export SECSCHED_JWT_KEY_FILE=$state/jwt.key"
  } >"$state/stack.env"
  say "ready: . $state/stack.env && schedctl --help"
}

stop() {
  local pid
  for f in "$state"/pids/*; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for f in "$state"/pids/*; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$f"
  done
  [ ! -d "$servers" ] || bash "$root/deploy/local/test-servers.sh" stop "$servers" >/dev/null || true
  rm -f "$state/stack.env"
  say "stopped"
}

status() {
  local f name
  for f in "$state"/pids/*; do
    [ -e "$f" ] || { say "not running"; return; }
    name=$(basename "$f")
    if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$name: running"; else echo "$name: DEAD"; fi
  done
}

case "${1:-}" in
  env-file) echo "$state/stack.env" ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status|env-file" ;;
esac
