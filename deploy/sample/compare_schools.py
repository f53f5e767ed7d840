#!/usr/bin/env python3
"""Checks that the services feed the engine the school a JSON file describes: the file the
sample was imported from (through school_to_csv.py and the services' CSV imports) against the
school a job reads back through the catalog's and the requests service's APIs
(`secsched-sectioning-worker read-school`).

    python3 deploy/sample/compare_schools.py SOURCE.school.json SERVICES.school.json

Both are the engine's JSON school format (docs/formats/school-json.md). Every field the engine
schedules with is compared: the calendar; each course's term length, periods per meeting, seats,
sections to build, room type, load priority, grades, team and department; each teacher's courses,
load limits and unavailable periods; each room's seats, type and unavailable periods (rooms as a
multiset: the services name rooms by an opaque id); each student's grade, team, requests (required,
priority, alternates in rank order) and general alternates; the course rules; and the trial's
pre-set sections. The source is first spelled as the services spell it (the rules are in
school_to_csv.py's header, whose functions are used here), including the alternates the
converter must leave out. Prints one line per part and exits 1, listing the first differences of
each part, when the two differ.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from school_to_csv import course_number, lower_id  # noqa: E402

SHOWN = 5  # differences listed per part


def course_key(engine_id):
    return course_number(engine_id).lower()


def slots(periods):
    return sorted((p["period"], tuple(sorted(t.lower() for t in p.get("terms", []))),
                   tuple(sorted(p.get("days", [])))) for p in periods)


def calendar(school):
    c = school["calendar"]
    return {"calendar": (c["periods_per_day"], c.get("rotation_days", 1),
                         tuple((t["id"].lower(), t["order"]) for t in c["terms"]))}


def courses(school, spell):
    fields = ("name", "department", "term_length", "periods_per_meeting", "max_students",
              "room_type", "load_priority", "min_grade", "max_grade", "days_per_rotation")
    return {spell(c["id"]): tuple(c.get(f) for f in fields) +
            (c.get("sections_to_build") or 0, (c.get("team") or "").lower())
            for c in school["courses"]}


def teachers(school, spell_course):
    # The services name teachers by an opaque id; the name is carried over unchanged.
    return {t["name"]: (tuple(sorted(spell_course(c) for c in t.get("can_teach", []))),
                        t["max_sections"], t.get("max_sections_per_term") or 0,
                        slots(t.get("unavailable", [])))
            for t in school["teachers"]}


def rooms(school):
    counted = {}
    for r in school["rooms"]:
        key = (r["capacity"], r["type"], tuple(slots(r.get("unavailable", []))))
        counted[key] = counted.get(key, 0) + 1
    return counted


def students(school, spell_course, spell_student, source):
    offered = {c["id"]: (c["min_grade"], c["max_grade"]) for c in school["courses"]}
    teacher_names = {t["id"]: t["name"] for t in school["teachers"]}
    out = {}
    for s in school["students"]:
        requested = {r["course_id"] for r in s.get("requests", [])}

        def kept(course_ids):
            # The converter's rule (school_to_csv.py): a course is requested at most once, and
            # an alternate is only a course offered to the student's grade.
            if not source:
                return [spell_course(c) for c in course_ids]
            result = []
            for c in course_ids:
                low, high = offered.get(c, (0, -1))
                if c in requested or not low <= s["grade"] <= high:
                    continue
                requested.add(c)
                result.append(spell_course(c))
            return result

        requests = {}
        for r in s.get("requests", []):
            requests[spell_course(r["course_id"])] = (bool(r.get("required")),
                                                      r.get("priority", 5))
        alternates = {spell_course(r["course_id"]): kept(r.get("alternates", []))
                      for r in s.get("requests", [])}
        general = kept(s.get("general_alternates", []))
        constraints = tuple(sorted(
            ("AVOID_TEACHER", teacher_names.get(c.get("teacher_id"), c.get("teacher_id")))
            if c["kind"] == "AVOID_TEACHER" else
            ("KEEP_PERIOD_FREE", c["period"], tuple(sorted(t.lower() for t in c.get("terms", []))))
            for c in s.get("constraints", [])))
        out[spell_student(s["id"])] = (s["grade"], (s.get("team") or "").lower(),
                                       tuple(sorted((c, requests[c], tuple(alternates[c]))
                                                    for c in requests)), tuple(general),
                                       constraints)
    return out


def rules(school, spell):
    return {(r["type"], spell(r["course_a"]), spell(r["course_b"]), r.get("scope", "student")): 1
            for r in school.get("rules", [])}


def sections(school, spell):
    # The trial's team sections (the sample's pre-set ones): course, team and seats (absent =
    # the course's). Only those: a trial read after BUILD_SECTIONS holds the open ones too.
    seats = {c["id"]: c["max_students"] for c in school["courses"]}
    counted = {}
    for s in school.get("sections", []):
        if not s.get("team"):
            continue
        key = (spell(s["course_id"]), s["team"].lower(),
               s.get("max_students") or seats[s["course_id"]])
        counted[key] = counted.get(key, 0) + 1
    return counted


def parts(school, source):
    spell_course = course_key if source else (lambda c: c)
    spell_student = lower_id if source else (lambda s: s)
    return {
        "calendar": calendar(school),
        "courses": courses(school, spell_course),
        "teachers": teachers(school, spell_course),
        "rooms": rooms(school),
        "students": students(school, spell_course, spell_student, source),
        "rules": rules(school, spell_course),
        "sections": sections(school, spell_course),
    }


def main(source_path, services_path):
    source = parts(json.load(open(source_path, encoding="utf-8")), source=True)
    services = parts(json.load(open(services_path, encoding="utf-8")), source=False)
    differ = False
    for part, expected in source.items():
        got = services[part]
        keys = sorted(set(expected) | set(got), key=str)
        wrong = [k for k in keys if expected.get(k) != got.get(k)]
        if not wrong:
            print(f"{part:9} equal ({len(expected)})")
            continue
        differ = True
        print(f"{part:9} DIFFER in {len(wrong)} of {len(keys)}")
        for k in wrong[:SHOWN]:
            print(f"  {k}:\n    file:     {expected.get(k)}\n    services: {got.get(k)}")
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
