#!/usr/bin/env bash
# The sample scheduling scenario, end to end against a running local stack (deploy/demo.sh calls
# it with the stack's environment loaded), all through schedctl:
#   1. the HR feed reports a counselor (access)
#   2. East High's 2026-27 calendar: terms, periods, instructional days, submitted and approved
#      (catalog)
#   3. the sample school's courses, teachers and rooms imported from CSV (catalog)
#   4. its 400 students and their course requests imported from CSV (requests)
#   5. request planning: course rules, auto-load rules run, verification, tally, conflict matrix
#      (requests)
#   6. a trial is created, and queued jobs run by the workers build its sections and master
#      schedule, load the students, bound the load (CBC), reload and explain; the trial is
#      activated (sectioning)
#   7. a walk-in and a batch edit by counselors, then RELOAD re-sections only the broken schedules
#   8. the OneRoster 1.1 export and the master-schedule board (an offline HTML page)
# and prints a summary with the load metrics against the bound. The CSV files are written from deploy/sample/east-high.school.json by
# deploy/sample/school_to_csv.py (its header says how the engine's ids are spelled for the
# services). Re-running it against the same stack is safe (request ids, upserts, --replace).
#   usage: scenario.sh BUILD_DIR [START_SECONDS]
set -euo pipefail
build=$1
started=${2:-$SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
school=$here/east-high.school.json
schedctl=$build/tools/schedctl/schedctl
calendar=east-high-2026
csv=$(mktemp -d "${TMPDIR:-/tmp}/secsched-sample.XXXXXX")
trap 'rm -rf "$csv"' EXIT

step() { printf '\n== %s\n' "$*"; }
# json_get EXPR: a Python expression over the JSON document `d` read from stdin.
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
# Runs schedctl; on failure prints what it said and stops the scenario (set -e alone would hide
# the output of a command substitution).
ctl() {
  local out
  if ! out=$("$schedctl" "$@" 2>&1); then
    printf 'schedctl %s failed:\n%s\n' "$*" "$out" >&2
    exit 1
  fi
  printf '%s\n' "$out"
}

step "1. HR feed: a counselor joins East High"
ctl staff upsert --id counselor-dana --name "Dana Rivera" --email dana.rivera@district.example

step "2. Catalog: East High's 2026-27 calendar, set up, submitted and approved"
ctl calendars create --school east-high --year 2026-2027 --name "East High 2026-27" \
  --id "$calendar" --request-id sample-calendar
state=$(ctl --output json calendars get "$calendar" | json_get 'd["state"]')
if [ "$state" != APPROVED ]; then  # a re-run finds it approved, and approved is frozen
  ctl terms replace --calendar "$calendar" --structure semesters \
    --dates 2026-08-24..2027-01-15,2027-01-19..2027-06-04
  # The sample school has 7 periods a day (one day type: no rotation).
  ctl periods replace --calendar "$calendar" \
    --times 08:00-08:52,08:57-09:49,09:54-10:46,10:51-11:43,12:13-13:05,13:10-14:02,14:07-14:59
  holidays=("2026-09-07=Labor Day" "2026-11-25=Thanksgiving" "2026-11-26=Thanksgiving"
            "2026-11-27=Thanksgiving" "2027-01-01=New Year" "2027-01-18=MLK Day"
            "2027-02-15=Presidents Day" "2027-05-31=Memorial Day")
  for day in 21 22 23 24 25 28 29 30 31; do holidays+=("2026-12-$day=Winter break"); done
  for day in 22 23 24 25 26; do holidays+=("2027-03-$day=Spring break"); done
  ctl days set --calendar "$calendar" --first 2026-08-24 --last 2027-06-04 --weekdays 1-5 \
    --holidays "$(IFS=,; echo "${holidays[*]}")"
  ctl calendars submit "$calendar" --comment "East High 2026-27, 7 periods"
  ctl calendars approve "$calendar" --comment "approved by the district (sample)"
fi
calendar_json=$(ctl --output json calendars get "$calendar")
calendar_state=$(echo "$calendar_json" | json_get 'd["state"]')

step "3. Catalog: courses, teachers and rooms from CSV"
python3 "$here/school_to_csv.py" "$school" "$csv"
echo "-- courses import --dry-run (checks every row, writes nothing)"
ctl courses import --calendar "$calendar" --file "$csv/courses.csv" --dry-run
echo "-- courses import"
ctl courses import --calendar "$calendar" --file "$csv/courses.csv"
courses_out=$(ctl courses list --calendar "$calendar")
printf '%s\n' "$courses_out" | sed -n '1,6p'
echo "   ..."
printf '%s\n' "$courses_out" | tail -n 1
echo "-- teachers import"
ctl teachers import --calendar "$calendar" --file "$csv/teachers.csv"
echo "-- rooms import"
ctl rooms import --calendar "$calendar" --file "$csv/rooms.csv"
course_count=$(ctl --output json courses list --calendar "$calendar" | json_get 'len(d["courses"])')
teacher_count=$(ctl --output json teachers list --calendar "$calendar" | json_get 'len(d["teachers"])')
room_count=$(ctl --output json rooms list --calendar "$calendar" | json_get 'len(d["rooms"])')

step "4. Requests: the 400 students and their course requests from CSV"
# A student's team must exist: create the sample's teams first (a re-run finds them there).
while read -r team; do
  out=$("$schedctl" teams create --calendar "$calendar" --id "$team" --name "Team $team" 2>&1) ||
    case "$out" in *ALREADY_EXISTS*) ;; *) echo "$out" >&2; exit 1 ;; esac
done <"$csv/teams.txt"
echo "-- students import"
ctl --output json students import --calendar "$calendar" --file "$csv/students.csv" \
  >"$csv/students.json"
json_get <"$csv/students.json" '"created %d, updated %d, unchanged %d" % (d["created"], d["updated"], d["unchanged"])'
echo "-- requests import --replace (a student's requests are the file's rows)"
ctl --output json requests import --calendar "$calendar" --file "$csv/requests.csv" \
  --replace >"$csv/requests.json"
json_get <"$csv/requests.json" '"%d students: %d primary requests, %d alternates" % (d["students"], d["primaries"], d["alternates"])'
first=$(sed -n '2p' "$csv/students.csv" | cut -d, -f1)
ctl students get "calendars/$calendar/students/$first"
echo "-- student constraints (a teacher to avoid, a period kept free)"
# A teacher is named by its resource name; the file names the staff id. A student who already has
# constraints (a re-run) is left as is.
ctl --output json teachers list --calendar "$calendar" |
  json_get '"\n".join(t["staff_id"] + " " + t["name"] for t in d["teachers"])' >"$csv/teacher_names.txt"
constraints=0
declare -A existing=()  # student → how many constraints it had before this run
while IFS=$'\t' read -r student kind value term; do
  name="calendars/$calendar/students/$student"
  [ -n "${existing[$student]:-}" ] ||
    existing[$student]=$(ctl --output json constraints list "$name" |
                         json_get 'len(d.get("student_constraints", []))')
  if [ "${existing[$student]}" = 0 ]; then
    if [ "$kind" = AVOID_TEACHER ]; then
      teacher=$(awk -v id="$value" '$1 == id {print $2}' "$csv/teacher_names.txt")
      ctl constraints create --student "$name" --avoid-teacher "$teacher" --note "sample" >/dev/null
    else
      ctl constraints create --student "$name" --keep-period-free "$value" --term "$term" \
        --note "sample" >/dev/null
    fi
  fi
  constraints=$((constraints + 1))
done <"$csv/constraints.tsv"
echo "$constraints constraints on $(cut -f1 "$csv/constraints.tsv" | sort -u | wc -l) students"
ctl constraints list "calendars/$calendar/students/$(head -n 1 "$csv/constraints.tsv" | cut -f1)"

step "5. Request planning: rules, auto-load, verification, tally, conflict matrix"
rules=0
while IFS=$'\t' read -r type a b; do
  ctl --output json rules create --calendar "$calendar" --type "$type" --course-a "$a" \
    --course-b "$b" --request-id "sample-rule-$type-$a-$b" | json_get '"rule %s: %s %s %s" % (d["name"].split("/")[-1], d["course_a"].split("/")[-1], d["type"], d["course_b"].split("/")[-1])'
  rules=$((rules + 1))
done <"$csv/rules.tsv"
autoload_rules=0
while IFS=$'\t' read -r grade course required priority; do
  flags=(--calendar "$calendar" --grade "$grade" --course "$course" --priority "$priority"
         --id "grade$grade-$(echo "$course" | tr A-Z a-z)" --request-id "sample-autoload-$grade-$course")
  [ "$required" != true ] || flags+=(--required)
  ctl --output json autoload create "${flags[@]}" >/dev/null
  autoload_rules=$((autoload_rules + 1))
done <"$csv/autoload.tsv"
echo "$autoload_rules auto-load rules (every student of a grade requests its grade-wide courses)"
echo "-- autoload run --dry-run"
ctl autoload run --calendar "$calendar" --dry-run | sed -n '1,3p'
echo "-- autoload run"
ctl autoload run --calendar "$calendar"
autoloaded=$(ctl --output json autoload run --calendar "$calendar" --dry-run | json_get 'd["requests_created"]')
echo "(a second run would create $autoloaded)"
echo "-- requests verify"
ctl requests verify --calendar "$calendar" --limit 5
ctl --output json requests verify --calendar "$calendar" --summary-only >"$csv/verify.json"
echo "-- requests tally"
ctl requests tally --calendar "$calendar"
ctl --output json requests tally --calendar "$calendar" >"$csv/tally.json"
echo "-- requests conflicts --top 10"
ctl requests conflicts --calendar "$calendar" --top 10
ctl --output json requests conflicts --calendar "$calendar" --top 1 --all-pairs \
  >"$csv/conflicts.json"

step "6. Sectioning: a trial, built and loaded by queued jobs on the workers"
trial=$(ctl --output json trials create --calendar "$calendar" --name "Trial 1" --id trial-1 \
  --request-id sample-trial | json_get 'd["name"]')
echo "trial $trial"
echo "-- the sample's team sections (seats reserved for team academy9), before the build"
n=0
while IFS=$'\t' read -r course team; do
  n=$((n + 1))
  ctl sections create --trial "$trial" --course "$course" --team "$team" \
    --request-id "sample-team-section-$n" >/dev/null
done <"$csv/sections.tsv"
echo "$n team sections"
echo "-- what a job reads through the services, against the file the school was imported from"
"$build/services/sectioning/secsched-sectioning-worker" read-school --calendar "$calendar" \
  --trial "${trial##*/}" --out "$csv/services.school.json"
if ! compare_out=$(python3 "$here/compare_schools.py" "$school" "$csv/services.school.json"); then
  printf '%s\n' "$compare_out" >&2
  echo "the services do not feed the engine the school of $school" >&2
  exit 1
fi
printf '%s\n' "$compare_out"
jobs_started=$SECONDS
job_lines=()
# run_job TYPE: starts a job of TYPE on the trial, watches it to the end (progress bar), and stops
# the scenario unless it SUCCEEDED. A re-run returns the first run's job (same request id).
run_job() {
  local type=$1 job state result
  job=$(ctl --output json jobs start --trial "$trial" --type "$type" \
    --request-id "sample-$type" | json_get 'd["name"]')
  "$schedctl" jobs watch "$job"
  state=$(ctl --output json jobs get "$job" | json_get 'd["state"]')
  result=$(ctl --output json jobs get "$job" | json_get 'd.get("result") or d.get("error", "")')
  # One line per job: its state, what it wrote and how long its phases took.
  job_lines+=("$(printf '%-15s %-9s ' "$type" "$state")$(echo "$result" | python3 -c '
import json, sys
try:
    r = json.load(sys.stdin)
except ValueError:
    print(sys.stdin.read()); sys.exit()
t = r.get("timings_ms", {})
keys = ("sections", "unplaced", "unstaffed", "requests_unmet", "students_moved", "best_possible")
parts = [k + " " + str(r[k]) for k in keys if k in r]
parts.append("read %.1f s, engine %.1f s, save %.1f s" % tuple(t.get(k, 0) / 1000 for k in ("read", "engine", "save")))
print("; ".join(parts))' 2>/dev/null || echo "$result")")
  if [ "$state" != SUCCEEDED ]; then
    echo "job $type ended $state: $result" >&2
    exit 1
  fi
}
run_job build-sections
run_job build-master
run_job load-students
run_job bound
loaded_json=$(ctl --output json reports metrics "$trial")
echo "-- the engine CLI on the file itself (same seed and time limit): a cross-check of the jobs"
limit=${SECSCHED_ENGINE_TIME_LIMIT:-20s}  # the workers' setting: 250ms, 20s or 1m
case $limit in
  *ms) limit_ms=${limit%ms} ;;
  *s) limit_ms=$((${limit%s} * 1000)) ;;
  *m) limit_ms=$((${limit%m} * 60000)) ;;
  *) limit_ms=20000 ;;
esac
"$build/services/sectioning/engine/cli/secsched-engine" solve --in "$school" \
  --out "$csv/cli.school.json" --seed "${SECSCHED_ENGINE_SEED:-1}" --time-limit-ms "$limit_ms" |
  grep -E '^(primary requests|complete|hard)'
echo "-- reports metrics"
ctl reports metrics "$trial"
echo "-- reports unscheduled (the first 5)"
ctl reports unscheduled "$trial" | sed -n "1,6p"

step "7. Counselors at work: a walk-in, a batch edit, then RELOAD repairs what they broke"
# A walk-in: the first unmet request, tried in each section of its course; a full or clashing
# section is refused with the reason, and the first that fits takes the student.
ctl --output json reports unscheduled "$trial" >"$csv/unscheduled.json"
walk_student=$(json_get <"$csv/unscheduled.json" 'd["rows"][0]["student"]')
walk_course=$(json_get <"$csv/unscheduled.json" 'd["rows"][0]["course"]')
echo "-- $walk_student asks for $walk_course at the counter"
walk_in="refused in every section"
for section in $(ctl --output json sections list --trial "$trial" --course "$walk_course" |
                 json_get '" ".join(s["name"] for s in d["sections"])'); do
  if out=$("$schedctl" rosters add "$section" --student "$walk_student" \
      --reason "walk-in at the counter" --request-id "sample-walkin-${section##*/}" 2>&1); then
    walk_in="added to ${section##*/}"
    echo "added to $section"
    break
  fi
  echo "refused in ${section##*/}: $(echo "$out" | head -n 1)"
done
# A batch edit: a counselor drops one class from each of two complete schedules.
ctl --output json sections list --trial "$trial" >"$csv/sections.json"
python3 - "$csv/sections.json" "$csv/edits.csv" "$schedctl" "$trial" <<'PY'
import json, subprocess, sys
sections = json.load(open(sys.argv[1]))["sections"]
edits, done = ["action,student,section"], set()
for s in sorted(sections, key=lambda s: -s.get("enrolled", 0)):
    if len(edits) == 3:
        break
    roster = subprocess.run([sys.argv[3], "--output", "json", "rosters", "list", s["name"]],
                            capture_output=True, text=True, check=True)
    for row in json.loads(roster.stdout).get("enrollments", []):
        student = row["name"].split("/")[-1]
        if student not in done:
            done.add(student)
            edits.append(f"DROP,{student},{s['name'].split('/')[-1]}")
            break
open(sys.argv[2], "w").write("\n".join(edits) + "\n")
PY
echo "-- rosters batch (edits.csv)"
cat "$csv/edits.csv"
ctl rosters batch "$trial" --file "$csv/edits.csv" --per-row --reason "schedule change request" \
  --request-id sample-batch
run_job reload
run_job explain
echo "-- trials activate"
ctl trials activate "$trial" >/dev/null

step "8. Exports: OneRoster 1.1 for the learning system, and the master-schedule board"
ctl export oneroster --calendar "$calendar" --to "$csv/oneroster.zip"
ctl export board --calendar "$calendar" --to "${SECSCHED_BOARD_FILE:-$csv/board.html}"
metrics_json=$(ctl --output json reports metrics "$trial")
jobs_seconds=$((SECONDS - jobs_started))

step "Summary"
# The planning lines, from the saved JSON responses.
planning=$(python3 - "$csv" <<'PY'
import json, os, sys
load = lambda name: json.load(open(os.path.join(sys.argv[1], name)))
students, imported = load("students.json"), load("requests.json")
verify, tally, conflicts = load("verify.json"), load("tally.json"), load("conflicts.json")
rows = tally["courses"]
number = {c["course"]: c["course_number"] for c in conflicts["courses"]}
top = conflicts["top_pairs"][0] if conflicts["top_pairs"] else None
print(f'  students:     {students["created"] + students["updated"] + students["unchanged"]} imported '
      f'(created {students["created"]}, updated {students["updated"]}, unchanged {students["unchanged"]})')
print(f'  requests:     {imported["primaries"]} primary + {imported["alternates"]} alternates imported; '
      f'after auto-load: {sum(r["primaries"] for r in rows)} primary, '
      f'{sum(r["alternates"] for r in rows)} alternates')
s = verify["summary"]
print(f'  verification: {s["students_with_findings"]} of {s["students_checked"]} students with findings')
print(f'  tally:        {sum(r["sections_needed"] for r in rows)} sections needed over {len(rows)} '
      f'courses, {sum(1 for r in rows if r["teacher_shortfall"])} short of qualified teachers')
if top:
    print(f'  conflicts:    top pair {number.get(top["course_a"])} + {number.get(top["course_b"])}: '
          f'{top["students"]} students ({conflicts["students_counted"]} students counted)')
pairs = conflicts["pairs"]
singles = [p for p in pairs if p["singleton_pair"]]
doubles = [p for p in pairs if p["doubleton_pair"]]
print(f'                {len(pairs)} pairs requested together; {len(singles)} singleton pairs '
      f'({sum(p["students"] for p in singles)} student conflicts), {len(doubles)} doubleton pairs')
PY
)
cat <<SUMMARY
  staff:        counselor-dana (access)
  calendar:     calendars/$calendar (catalog): $calendar_state; 2 semesters, 7 periods
  catalog:      $course_count courses, $teacher_count teachers, $room_count rooms (CSV imports)
$planning
  rules:        $rules course rules, $autoload_rules auto-load rules ($autoloaded left to create)
  engine input: what the jobs read through the services equals $(basename "$school") in all $(echo "$compare_out" | grep -c ' equal ') parts
  trial:        $trial (sectioning), built, loaded and activated by jobs in ${jobs_seconds}s
$(printf '                %s\n' "${job_lines[@]}")
$(python3 - "$csv/cli.school.json" "$loaded_json" <<'PY'
import json, sys
cli = json.load(open(sys.argv[1]))["report"]["metrics"]
jobs = json.loads(sys.argv[2])
print(f'  engine CLI:   on the file itself: primary met {cli["primary_requests_met"]} of '
      f'{cli["primary_requests"]}, complete schedules {cli["complete_schedules_strict"]}; '
      f'the jobs: {int(jobs.get("primary_requests_met", 0))} of '
      f'{int(jobs.get("primary_requests_met", 0)) + int(jobs.get("requests_unmet", 0))}, '
      f'{int(jobs.get("students_complete", 0))} (before the counselors\' edits)')
PY
)
  counselors:   walk-in for $walk_student ($walk_course): $walk_in; batch edit of $(($(wc -l <"$csv/edits.csv") - 1)) drops, repaired by RELOAD
$(echo "$metrics_json" | python3 -c '
import json, sys
m = json.load(sys.stdin)
g = lambda k: int(m.get(k, 0))
met, best, unmet = g("primary_requests_met"), g("best_possible_primary_met"), g("requests_unmet")
alts, required = g("alternates_used"), g("required_requests_unmet")
students, complete = g("students"), g("students_complete")
used, offered = g("seats_used"), g("seats_offered")
total = met + unmet
kind = "proven optimum" if m.get("bound_proven_optimal") else "upper bound"
print(f"  load:         primary requests met {met} of {total} ({100.0 * met / max(total, 1):.2f} %), "
      f"of a possible {best} ({kind}; {100.0 * met / max(best, 1):.2f} % of it)")
print(f"                {alts} unmet requests stood in for by an alternate; {required} required unmet")
print(f"                complete schedules {complete} of {students} students "
      f"({100.0 * complete / max(students, 1):.2f} %); seats used {used} of {offered}")
')
  total time:   $((SECONDS - started))s
SUMMARY
