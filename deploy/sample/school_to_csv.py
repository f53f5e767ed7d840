#!/usr/bin/env python3
"""Writes the sample school's catalog, resources, students and requests as the CSV files the
services import, so the demo loads East High through the same imports a district would use.

    python3 deploy/sample/school_to_csv.py deploy/sample/east-high.school.json OUT_DIR

Reads the engine's JSON school format (docs/formats/school-json.md) and writes, in OUT_DIR:
  courses.csv   CourseService.ImportCourses          (docs/formats/courses-csv.md)
  teachers.csv  ResourceService.ImportTeachers       (docs/formats/teachers-rooms-csv.md)
  rooms.csv     ResourceService.ImportRooms          (docs/formats/teachers-rooms-csv.md)
  teams.txt     one team id a line (ImportStudents needs the teams to exist: `teams create`)
  students.csv  RequestsService.ImportStudents       (docs/formats/requests-csv.md)
  requests.csv  RequestsService.ImportRequests       (docs/formats/requests-csv.md)
  autoload.tsv  auto-load rules: grade, course number, required, priority (`autoload create`)
  rules.tsv     course rules: type, course_a, course_b (course numbers)
  constraints.tsv  student constraints: student number, AVOID_TEACHER + staff id, or
                KEEP_PERIOD_FREE + 1-based period + term id ("" = every term) (`constraints create`)
  sections.tsv  the trial's pre-set sections (the sample's team sections): course number, team id
                (`sections create --team`)
and prints one line of counts. Python 3 standard library only; deterministic output.

How the engine's spelling becomes the services' (their id rules are stricter):
- course numbers: "_" becomes "-" (AP_LANG → AP-LANG; numbers are [A-Za-z0-9-]);
  credits: 1 for a year course, 0.5 for a semester or quarter one (the JSON has none);
  courses whose id starts with AP_ are tagged "ap";
- staff ids, student numbers and team ids are lower-cased with "_" → "-" (T_ART_01 → t-art-01);
  room numbers are kept (ART_01);
- request priority: the engine's 1 (most important) .. 4 becomes the service's 100, 75, 50, 25
  (higher is loaded first), and 5 (the default) becomes 0 (none): the exact inverse of how the
  sectioning service ranks the requests service's priority for the engine
  (services/sectioning/domain/snapshot_students.h), so each request reaches the engine with the
  priority the file gives it. The engine's 6..9 have no counterpart and become 0;
- periods: the file's are 0-based, the services' 1-based (a teacher unavailable in the file's
  period 1 is unavailable in the services' period 2);
- auto-load: a course that every student of a grade requests, always with the same required and
  priority and no alternates tied to it (grade 9: ENG9, BIO, ...), becomes an auto-load rule for
  that grade instead of rows of requests.csv, so `autoload run` creates those requests and the
  calendar ends with the same requests as the JSON;
- alternates: a student requests a course at most once, so an alternate already requested (as a
  primary, or as an earlier alternate — the sample repeats per-request alternates among the
  general ones) is left out, and so is one the course is not offered to the student's grade;
  the counts of rows left out are printed.
"""
import csv
import json
import os
import sys

TERM_LENGTH = {"year": "YEAR", "semester": "SEMESTER", "quarter": "QUARTER"}
CREDITS = {"year": "1", "semester": "0.5", "quarter": "0.25"}


def course_number(engine_id):
    return engine_id.replace("_", "-")


def lower_id(engine_id):
    return engine_id.lower().replace("_", "-")


def services_priority(engine_priority):
    """The engine's rank (1 = most important) as the requests service's priority (higher first)."""
    return {1: 100, 2: 75, 3: 50, 4: 25}.get(engine_priority, 0)


def unavailable(periods):
    """[{period, terms}] (0-based periods) → "2;6@s1" (1-based; term ids lower-cased, as the
    calendar's terms are)."""
    items = []
    for p in periods:
        if p.get("terms"):
            items += [f'{p["period"] + 1}@{t.lower()}' for t in p["terms"]]
        else:
            items.append(str(p["period"] + 1))
    return ";".join(items)


def grade_wide_requests(students):
    """{grade: {course_id: (required, priority)}} for the courses every student of the grade
    requests the same way, with no alternates tied to them."""
    by_grade = {}
    for s in students:
        requests = {r["course_id"]: (bool(r.get("required")), r.get("priority", 5))
                    for r in s.get("requests", []) if not r.get("alternates")}
        common = by_grade.get(s["grade"])
        by_grade[s["grade"]] = requests if common is None else {
            c: v for c, v in common.items() if requests.get(c) == v}
    return {grade: courses for grade, courses in by_grade.items() if courses}


def write(out_dir, name, header, rows):
    with open(os.path.join(out_dir, name), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(school_path, out_dir):
    school = json.load(open(school_path, encoding="utf-8"))
    os.makedirs(out_dir, exist_ok=True)
    courses = {c["id"]: c for c in school["courses"]}

    write(out_dir, "courses.csv",
          ["number", "display_name", "department", "credits", "min_grade", "max_grade",
           "term_length", "periods_per_meeting", "sections_to_build", "max_students",
           "load_priority", "room_type", "required", "active", "tags"],
          [[course_number(c["id"]), c["name"], c["department"], CREDITS[c["term_length"]],
            c["min_grade"], c["max_grade"], TERM_LENGTH[c["term_length"]],
            c["periods_per_meeting"], c.get("sections_to_build") or 0, c["max_students"],
            c["load_priority"], c["room_type"], "false", "true",
            "ap" if c["id"].startswith("AP_") else ""]
           for c in school["courses"]])

    write(out_dir, "teachers.csv",
          ["staff_id", "name", "departments", "can_teach", "max_sections", "unavailable",
           "active"],
          [[lower_id(t["id"]), t["name"], "",
            ";".join(course_number(c) for c in t.get("can_teach", [])), t["max_sections"],
            unavailable(t.get("unavailable", [])), "true"]
           for t in school["teachers"]])

    write(out_dir, "rooms.csv", ["number", "capacity", "type", "unavailable", "active"],
          [[r["id"], r["capacity"], r["type"], unavailable(r.get("unavailable", [])), "true"]
           for r in school["rooms"]])

    teams = sorted({lower_id(s["team"]) for s in school["students"] if s.get("team")})
    with open(os.path.join(out_dir, "teams.txt"), "w", encoding="utf-8") as f:
        f.writelines(team + "\n" for team in teams)

    write(out_dir, "students.csv", ["student_number", "name", "grade", "team"],
          [[lower_id(s["id"]), f'Student {s["id"]}', s["grade"], lower_id(s.get("team") or "")]
           for s in school["students"]])

    def offered(course_id, grade):
        c = courses.get(course_id)
        return c is not None and c["min_grade"] <= grade <= c["max_grade"]

    autoload = grade_wide_requests(school["students"])
    rows, primaries, alternates, duplicates, unoffered = [], 0, 0, 0, 0
    for s in school["students"]:
        number, grade = lower_id(s["id"]), s["grade"]
        requested = set()
        for r in s.get("requests", []):
            requested.add(r["course_id"])
            if r["course_id"] in autoload.get(grade, {}):
                continue
            rows.append([number, course_number(r["course_id"]), "PRIMARY", "",
                         "true" if r.get("required") else "false",
                         services_priority(r.get("priority", 5)), ""])
            primaries += 1

        def alternate(course_id, rank, alternate_for):
            nonlocal alternates, duplicates, unoffered
            if course_id in requested:
                duplicates += 1
            elif not offered(course_id, grade):
                unoffered += 1
            else:
                requested.add(course_id)
                rows.append([number, course_number(course_id), "ALTERNATE", rank, "false", "",
                             alternate_for])
                alternates += 1

        for r in s.get("requests", []):
            for rank, course_id in enumerate(r.get("alternates", []), start=1):
                alternate(course_id, rank, course_number(r["course_id"]))
        for rank, course_id in enumerate(s.get("general_alternates", []), start=1):
            alternate(course_id, rank, "")
    write(out_dir, "requests.csv",
          ["student_number", "course_number", "type", "rank", "required", "priority",
           "alternate_for"], rows)

    with open(os.path.join(out_dir, "autoload.tsv"), "w", encoding="utf-8") as f:
        for grade in sorted(autoload):
            for course_id, (required, priority) in sorted(autoload[grade].items()):
                f.write(f'{grade}\t{course_number(course_id)}\t{"true" if required else "false"}'
                        f'\t{services_priority(priority)}\n')
    auto_loaded = sum(len(courses) * sum(1 for s in school["students"] if s["grade"] == grade)
                      for grade, courses in autoload.items())

    with open(os.path.join(out_dir, "rules.tsv"), "w", encoding="utf-8") as f:
        for rule in school.get("rules", []):
            f.write(f'{rule["type"]}\t{course_number(rule["course_a"])}\t'
                    f'{course_number(rule["course_b"])}\n')

    constraints = 0
    with open(os.path.join(out_dir, "constraints.tsv"), "w", encoding="utf-8") as f:
        for s in school["students"]:
            for c in s.get("constraints", []):
                if c["kind"] == "AVOID_TEACHER":
                    f.write(f'{lower_id(s["id"])}\tAVOID_TEACHER\t{lower_id(c["teacher_id"])}\n')
                    constraints += 1
                    continue
                for term in [t.lower() for t in c.get("terms", [])] or [""]:
                    f.write(f'{lower_id(s["id"])}\tKEEP_PERIOD_FREE\t{c["period"] + 1}\t{term}\n')
                    constraints += 1

    preset = school.get("sections", [])
    carried = [x for x in preset if not (x.get("teacher_id") or x.get("room_id") or
                                         x.get("placement") or x.get("co_teacher_ids"))]
    with open(os.path.join(out_dir, "sections.tsv"), "w", encoding="utf-8") as f:
        for x in carried:
            f.write(f'{course_number(x["course_id"])}\t{lower_id(x.get("team") or "")}\n')

    print(f'{len(school["courses"])} courses, {len(school["teachers"])} teachers, '
          f'{len(school["rooms"])} rooms, {len(teams)} teams, {len(school["students"])} students, '
          f'{primaries} primary requests in requests.csv + {auto_loaded} by '
          f'{sum(len(c) for c in autoload.values())} auto-load rules, {alternates} alternates '
          f'(left out: {duplicates} repeated, {unoffered} not offered to the grade), '
          f'{len(school.get("rules", []))} rules, {constraints} student constraints, '
          f'{len(carried)} pre-set sections'
          + (f' ({len(preset) - len(carried)} with a teacher, room or placement left out: only '
             'bare team sections are carried over)' if len(carried) != len(preset) else ''))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
