#!/usr/bin/env bash
# Peak season: a district's schools imported through the services, then BUILD_MASTER for every
# school submitted at once, then LOAD_STUDENTS for every school at once, run by 1 and by 2
# sectioning workers. Prints end-to-end time per worker count, per-phase job times (snapshot
# read, engine, save), queue wait and worker peak memory. Asserts nothing about time.
#
#   tests/bench/district_bench.sh [--schools 40] [--min 300] [--max 2800] [--workers "1 2"]
#                                 [--engine-time-limit 5s] [--seed 1]
#
# Schools: the engine's mixed generator (realistic mode, traditional calendar: 2 semesters,
# 7 periods), school i of n has round(min + (max - min) * (i / (n - 1))^2) students (40 schools,
# 300..2,800: about 46,000 students), seed = --seed + i. Each is imported as the sample scenario
# does (deploy/sample/school_to_csv.py → schedctl imports, auto-load rules run). Needs a build
# (deploy/build.sh); starts and stops its own local stack (SECSCHED_STACK_DIR, default
# /tmp/secsched-bench) and leaves the numbers in $state/bench.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${SECSCHED_BUILD_DIR:-$root/build}
schools=40 min=300 max=2800 worker_counts="1 2" time_limit=5s seed=1
while [ $# -gt 0 ]; do
  case $1 in
    --schools) schools=$2; shift 2 ;;
    --min) min=$2; shift 2 ;;
    --max) max=$2; shift 2 ;;
    --workers) worker_counts=$2; shift 2 ;;
    --engine-time-limit) time_limit=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
export SECSCHED_STACK_DIR=${SECSCHED_STACK_DIR:-/tmp/secsched-bench}
state=$SECSCHED_STACK_DIR
stack="$root/deploy/local/stack.sh"
engine=$build/services/sectioning/engine/cli/secsched-engine
export SECSCHED_BUILD_DIR=$build
bash "$stack" stop >/dev/null 2>&1 || true
SECSCHED_WORKERS=0 bash "$stack" start >/dev/null
trap 'bash "$stack" stop >/dev/null 2>&1 || true' EXIT
# shellcheck disable=SC1091
. "$state/stack.env"
# shellcheck disable=SC1091
. "$state/servers/env"
# The bench's own workers run with the stack's settings.
export SECSCHED_PG_URL=$SECSCHED_TEST_PG_URL SECSCHED_REDIS_URL=$SECSCHED_TEST_REDIS_URL
export SECSCHED_JWT_KEY_FILE=$state/jwt.key SECSCHED_LOG_FORMAT=human
work=$(mktemp -d "${TMPDIR:-/tmp}/secsched-district.XXXXXX")
out=$state/bench.txt
: >"$out"
say() { echo "$*" | tee -a "$out"; }
ctl() { schedctl "$@"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }

say "district: $schools schools, $min..$max students (mixed generator, seed $seed+i), engine time limit $time_limit"
import_started=$SECONDS
total_students=0
for i in $(seq 0 $((schools - 1))); do
  n=$(python3 -c "print(round($min + ($max - $min) * (($i / max($schools - 1, 1)) ** 2)))")
  total_students=$((total_students + n))
  cal=school-$i
  "$engine" generate --generator mixed --calendar traditional --students "$n" \
    --seed $((seed + i)) --out "$work/$cal.json" >/dev/null
  mkdir -p "$work/$cal"
  python3 "$root/deploy/sample/school_to_csv.py" "$work/$cal.json" "$work/$cal" >/dev/null
  ctl calendars create --school "$cal" --year 2026-2027 --name "School $i" --id "$cal" >/dev/null
  ctl terms replace --calendar "$cal" --structure semesters \
    --dates 2026-08-24..2027-01-15,2027-01-19..2027-06-04 >/dev/null
  ctl periods replace --calendar "$cal" \
    --times 08:00-08:52,08:57-09:49,09:54-10:46,10:51-11:43,12:13-13:05,13:10-14:02,14:07-14:59 >/dev/null
  ctl days set --calendar "$cal" --first 2026-08-24 --last 2027-06-04 --weekdays 1-5 >/dev/null
  ctl calendars submit "$cal" >/dev/null
  ctl calendars approve "$cal" >/dev/null
  ctl courses import --calendar "$cal" --file "$work/$cal/courses.csv" >/dev/null
  ctl teachers import --calendar "$cal" --file "$work/$cal/teachers.csv" >/dev/null
  ctl rooms import --calendar "$cal" --file "$work/$cal/rooms.csv" >/dev/null
  while read -r team; do
    ctl teams create --calendar "$cal" --id "$team" --name "Team $team" >/dev/null
  done <"$work/$cal/teams.txt"
  ctl students import --calendar "$cal" --file "$work/$cal/students.csv" >/dev/null
  ctl requests import --calendar "$cal" --file "$work/$cal/requests.csv" --replace >/dev/null
  while IFS=$'\t' read -r type a b; do
    ctl rules create --calendar "$cal" --type "$type" --course-a "$a" --course-b "$b" >/dev/null
  done <"$work/$cal/rules.tsv"
  while IFS=$'\t' read -r grade course required priority; do
    flags=(--calendar "$cal" --grade "$grade" --course "$course" --priority "$priority")
    [ "$required" != true ] || flags+=(--required)
    ctl autoload create "${flags[@]}" >/dev/null
  done <"$work/$cal/autoload.tsv"
  ctl autoload run --calendar "$cal" >/dev/null
done
say "imported $total_students students in $((SECONDS - import_started)) s (through the services' APIs)"

# run_phase TYPE TRIAL: submits a TYPE job on TRIAL of every school at once, waits for all;
# appends one JSON line per job to $work/jobs.jsonl.
run_phase() {
  local type=$1 trial=$2 jobs=() job i
  for i in $(seq 0 $((schools - 1))); do
    job=$(ctl --output json jobs start --trial "calendars/school-$i/trials/$trial" --type "$type" \
      | json 'd["name"]')
    jobs+=("$job")
  done
  for job in "${jobs[@]}"; do
    while :; do
      state_json=$(ctl --output json jobs get "$job")
      case $(echo "$state_json" | json 'd["state"]') in
        SUCCEEDED|FAILED|CANCELLED)
          echo "$state_json" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' \
            >>"$work/jobs.jsonl"
          break ;;
      esac
      sleep 1  # a benchmark polling its jobs, not a test synchronising
    done
  done
}

for w in $worker_counts; do
  : >"$work/jobs.jsonl"
  pids=()
  for k in $(seq 1 "$w"); do
    "$build/services/sectioning/secsched-sectioning-worker" --consumer "bench-$w-$k" \
      --metrics-listen "" --engine-time-limit "$time_limit" >>"$state/logs/bench-worker.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq 0 $((schools - 1))); do
    ctl trials create --calendar "school-$i" --name "Bench $w" --id "bench-w$w" >/dev/null
  done
  started=$(date +%s.%N)
  run_phase build-master "bench-w$w"
  run_phase load-students "bench-w$w"
  ended=$(date +%s.%N)
  peak=0
  for p in "${pids[@]}"; do
    kb=$(awk '/VmHWM/ {print $2}' "/proc/$p/status")
    [ "$kb" -le "$peak" ] || peak=$kb
    kill -TERM "$p"
  done
  wait "${pids[@]}" 2>/dev/null || true
  python3 - "$work/jobs.jsonl" "$w" "$started" "$ended" "$peak" <<'PY' | tee -a "$out"
import json, sys, datetime
rows = [json.loads(l) for l in open(sys.argv[1])]
w, start, end, peak = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
ok = [r for r in rows if r["state"] == "SUCCEEDED"]
res = [json.loads(r["result"]) for r in ok]
def ts(t): return datetime.datetime.fromisoformat(t.replace("Z", "+00:00")).timestamp()
waits = []
for r, x in zip(ok, res):
    run = sum(x.get("timings_ms", {}).values()) / 1000
    waits.append(max(0.0, ts(r["update_time"]) - ts(r["create_time"]) - run))
def col(key, kind=None):
    v = [x["timings_ms"][key] / 1000 for x in res if key in x.get("timings_ms", {}) and (kind is None or x["job"] == kind)]
    return v
big = max(res, key=lambda x: x.get("students", 0)) if res else {}
print(f"workers {w}: {len(ok)}/{len(rows)} jobs succeeded; end to end {end - start:.1f} s")
for kind in ("build_master", "load_students"):
    for key in ("read", "engine", "save"):
        v = col(key, kind)
        if v:
            print(f"  {kind:14} {key:6}: sum {sum(v):7.1f} s  max {max(v):6.2f} s  mean {sum(v)/len(v):6.2f} s")
loads = [x for x in res if x["job"] == "load_students"]
if loads:
    b = max(loads, key=lambda x: x.get("students", 0))
    t = b["timings_ms"]
    print(f"  largest school ({b['students']} students): snapshot read {t['read']/1000:.2f} s, "
          f"engine {t['engine']/1000:.2f} s, save {t['save']/1000:.2f} s")
    met = sum(x["primary_requests"] - x["requests_unmet"] for x in loads)
    print(f"  primary requests met: {met} of {sum(x['primary_requests'] for x in loads)}")
print(f"  queue wait: mean {sum(waits)/max(len(waits),1):.1f} s, max {max(waits or [0]):.1f} s; "
      f"worker peak RSS {peak/1024:.0f} MiB")
PY
done
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); numbers in $out"
