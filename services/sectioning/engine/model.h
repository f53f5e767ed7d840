// The scheduling engine's model: plain values, no behaviour.
//
// Everything the builder, loader, evaluator and explainer read or write is here. Entities carry
// stable string ids (the ids the services use) for tracing and output; the engine also refers to
// them by dense index (position in the School's vectors) for speed: an index built from a School
// validates the ids (malformed input is INVALID_ARGUMENT naming the offending id) and every entry
// point builds it first.
//
// Dependencies: the C++ standard library only (no gRPC, protobuf, SQL, Redis or logging).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace secsched::engine {

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

// A term is one slice of the school year: 2 semesters (S1, S2), 4 quarters (Q1..Q4), 3 trimesters.
// `order` sorts terms in time; PRECEDES compares it.
struct Term {
  std::string id;
  int order = 0;
};

// The calendar is one school year's structure. Terms are ordered; a "term set" is a bitmask over
// the calendar's terms (bit i = terms[i]), so a year course in 2 semesters has mask 0b11.
// Quarters nest into semesters by `semester_of_term` when both exist (optional).
struct Calendar {
  int periods_per_day = 7;
  std::vector<Term> terms;  // e.g. {S1, S2}; at most 16
  // Day rotation (A/B days): 1 means every day is alike. With 2, a section meets on day A or B or
  // both; the engine treats a period slot as (period, day-kind) when rotation_days > 1.
  int rotation_days = 1;
};

using TermMask = std::uint16_t;

enum class TermLength {
  kYear,      // meets in every term of the calendar
  kSemester,  // meets in half the terms (one semester)
  kQuarter,   // meets in one quarter
};

// ---------------------------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------------------------

struct Course {
  std::string id;
  std::string name;
  std::string department;
  TermLength term_length = TermLength::kYear;
  int periods_per_meeting = 1;  // 1, or 2 consecutive periods (a double-period lab)
  int max_students = 30;        // per section
  std::optional<int> sections_to_build;  // fixed count; otherwise ceil(requests / max_students)
  std::string room_type = "regular";
  int load_priority = 5;  // 1 is loaded first
  int min_grade = 6;
  int max_grade = 12;
  std::optional<std::string> team;  // only students of this team may take it (sections inherit)
};

struct PeriodSlot {
  int period = 0;     // 0-based period of the day
  TermMask terms = 0;  // the terms in which the slot is blocked/used
  bool operator==(const PeriodSlot&) const = default;
};

struct Teacher {
  std::string id;
  std::string name;
  std::vector<std::string> can_teach;  // course ids
  int max_sections = 5;
  std::vector<PeriodSlot> unavailable;  // periods (in the given terms) the teacher cannot teach
};

struct Room {
  std::string id;
  int capacity = 30;
  std::string type = "regular";
  std::vector<PeriodSlot> unavailable;
};

// ---------------------------------------------------------------------------------------------
// Sections (input or built)
// ---------------------------------------------------------------------------------------------

// Where a section meets: its first period and the terms it meets in. A two-period course occupies
// `period` and `period + 1`. A year course's mask has every term; a semester course's one semester.
struct Placement {
  int period = -1;  // -1 = not placed
  TermMask terms = 0;
  bool placed() const { return period >= 0 && terms != 0; }
  bool operator==(const Placement&) const = default;
};

struct Section {
  std::string id;
  std::string course_id;
  std::string teacher_id;                // primary teacher; empty = unassigned
  std::vector<std::string> co_teacher_ids;
  std::string room_id;                   // empty = unassigned
  // A team section takes only that team's students; a team student may take sections of its
  // own team or sections with no team.
  std::optional<std::string> team;
  std::optional<int> max_students;       // overrides the course's max when set
  Placement placement;
  bool locked = false;                   // the builder never moves a locked section
  std::string link_group;                // LINKED rule: sections sharing a group go together
};

// ---------------------------------------------------------------------------------------------
// Students and requests
// ---------------------------------------------------------------------------------------------

struct Request {
  std::string course_id;
  bool required = false;
  int priority = 5;  // 1 is most important
  // Ranked alternates for this request (first = preferred), used when the primary cannot be placed.
  std::vector<std::string> alternate_course_ids;
};

enum class StudentConstraintKind { kAvoidTeacher, kKeepPeriodFree };

struct StudentConstraint {
  StudentConstraintKind kind = StudentConstraintKind::kAvoidTeacher;
  std::string teacher_id;  // kAvoidTeacher
  PeriodSlot slot;         // kKeepPeriodFree
};

struct Student {
  std::string id;
  int grade = 9;
  std::optional<std::string> team;
  std::vector<Request> requests;
  std::vector<std::string> general_alternate_course_ids;  // ranked, not tied to one request
  std::vector<std::string> locked_section_ids;  // enrollments the loader must keep
  std::vector<StudentConstraint> constraints;
};

// ---------------------------------------------------------------------------------------------
// Course rules (same names and meanings as the requests service; documented once in
// docs/formats/course-rules.md). A rule applies to a student who is enrolled in both courses.
// ---------------------------------------------------------------------------------------------

enum class RuleType {
  kSamePeriod,     // both sections in the same period (e.g. Health S1 + PE S2)
  kNotSamePeriod,  // never in the same period
  kSameTerm,       // both in the same term(s)
  kDifferentTerm,  // term masks do not intersect
  kPrecedes,       // every term of A is before every term of B (Algebra 1A before 1B)
  kLinked,         // sections of A and B share a link_group (a lab and its lecture)
};

struct CourseRule {
  RuleType type = RuleType::kSamePeriod;
  std::string course_a;
  std::string course_b;
};

// ---------------------------------------------------------------------------------------------
// The whole problem and its solution
// ---------------------------------------------------------------------------------------------

struct Enrollment {
  std::string student_id;
  std::string section_id;
  // Which request it fulfils: the primary course, or an alternate standing in for it.
  std::string requested_course_id;
  bool is_alternate = false;
};

struct School {
  std::string id;
  Calendar calendar;
  std::vector<Course> courses;
  std::vector<Teacher> teachers;
  std::vector<Room> rooms;
  std::vector<Student> students;
  std::vector<CourseRule> rules;
  std::vector<Section> sections;        // may be empty before BuildSections
  std::vector<Enrollment> enrollments;  // may be empty before LoadStudents
};

}  // namespace secsched::engine
