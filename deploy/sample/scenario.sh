#!/usr/bin/env bash
# The sample scheduling scenario, end to end against a running local stack (deploy/demo.sh calls
# it with the stack's environment loaded):
#   1. the HR feed reports a counselor (access)
#   2. East High's 2026-27 calendar is created (catalog)
#   3. students from the bundled sample school are registered (requests)
#   4. a trial is created and a COUNT_SECTIONS job runs on a worker while schedctl watches it
#   5. the scheduling engine builds and loads the bundled sample school (secsched-engine)
# and prints a summary.   usage: scenario.sh BUILD_DIR [START_SECONDS]
set -euo pipefail
build=$1
started=${2:-$SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
school=$here/east-high.school.json
schedctl=$build/tools/schedctl/schedctl
engine=$build/services/sectioning/engine/cli/secsched-engine
calendar=east-high-2026
students_to_register=${SECSCHED_SAMPLE_STUDENTS:-40}

step() { printf '\n== %s\n' "$*"; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

step "1. HR feed: a counselor joins East High"
"$schedctl" staff upsert --id counselor-dana --name "Dana Rivera" --email dana.rivera@district.example

step "2. Catalog: East High's 2026-27 calendar"
"$schedctl" calendars create --school east-high --year 2026-2027 --name "East High 2026-27" \
  --id "$calendar" --request-id sample-calendar

step "3. Requests: registering $students_to_register students from the sample school"
python3 - "$school" "$students_to_register" >"${TMPDIR:-/tmp}/secsched-sample-students.tsv" <<'PY'
import json, sys
school = json.load(open(sys.argv[1]))
for s in school["students"][: int(sys.argv[2])]:
    # Resource ids are lowercase (AIP-122); the engine's ids are the district's spelling.
    print(f'{s["id"].lower()}\t{s["grade"]}\t{(s.get("team") or "").lower()}')
PY
registered=0
while IFS=$'\t' read -r id grade team; do
  args=(students create --calendar "$calendar" --number "$id" --name "Student $id" --grade "$grade"
        --request-id "sample-student-$id")
  [ -z "$team" ] || args+=(--team "$team")
  "$schedctl" --output json "${args[@]}" >/dev/null
  registered=$((registered + 1))
done <"${TMPDIR:-/tmp}/secsched-sample-students.tsv"
echo "registered $registered students"
first=$(head -n 1 "${TMPDIR:-/tmp}/secsched-sample-students.tsv" | cut -f1)
"$schedctl" students get "calendars/$calendar/students/$first"

step "4. Sectioning: a trial, and a job run by a worker (watched)"
trial=$("$schedctl" --output json trials create --calendar "$calendar" --name "Trial 1" --id trial-1 \
  --request-id sample-trial | json_field name)
echo "trial $trial"
job_started=$SECONDS
job=$("$schedctl" --output json jobs start --trial "$trial" --type count-sections \
  --request-id sample-job | json_field name)
"$schedctl" jobs watch "$job"
job_json=$("$schedctl" --output json jobs get "$job")
job_state=$(echo "$job_json" | json_field state)
job_result=$(echo "$job_json" | json_field result)
job_seconds=$((SECONDS - job_started))

step "5. Engine: build the master schedule and load the sample school's students"
solved=${TMPDIR:-/tmp}/secsched-sample-solved.json
engine_out=$("$engine" solve --in "$school" --out "$solved" --seed 1 --time-limit-ms 20000 2>/dev/null)
echo "$engine_out"

step "Summary"
cat <<SUMMARY
  staff:        counselor-dana (access)
  calendar:     calendars/$calendar (catalog)
  students:     $registered registered (requests)
  trial:        $trial (sectioning)
  job:          COUNT_SECTIONS -> $job_state $job_result in ${job_seconds}s (queued, run by a worker)
  engine:       $(echo "$engine_out" | grep -E 'primary requests met' | head -n 1)
                $(echo "$engine_out" | grep -E 'complete schedules' | head -n 1)
                $(echo "$engine_out" | grep -E 'hard violations' | head -n 1)
  total time:   $((SECONDS - started))s
SUMMARY
[ "$job_state" = SUCCEEDED ]
