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

// The calendar is one school year's structure. Terms are ordered.
//
// Day rotation: with rotation_days = R > 1 the school days cycle through R kinds of day (A/B days
// for R = 2; day d is named by the letter 'A' + d), and a section may meet on some of them only.
// A period then has one time slot per (term, day) pair, and every "term set" (TermMask) in the
// model is a mask over those slots: bit term * R + day. So two meetings in the same period
// collide exactly when their masks intersect, with or without rotation, and with R = 1 (the
// default) the mask is the plain term mask (bit i = terms[i]; a year course in 2 semesters has
// 0b11). Helpers converting between slot masks and terms/days are in index.h. terms.size() * R
// is at most 16.
struct Calendar {
  int periods_per_day = 7;
  std::vector<Term> terms;  // e.g. {S1, S2}; at most 16
  int rotation_days = 1;    // 1 = every day alike
};

// A set of (term, day) slots of one period; see Calendar. The plain term set when there is no
// day rotation.
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
  int periods_per_meeting = 1;           // 1, or 2 consecutive periods (a double-period lab)
  int max_students = 30;                 // per section
  std::optional<int> sections_to_build;  // fixed count; otherwise ceil(requests / max_students)
  std::string room_type = "regular";
  int load_priority = 5;  // 1 is loaded first
  int min_grade = 6;
  int max_grade = 12;
  std::optional<std::string> team;  // only students of this team may take it (sections inherit)
  // Rotation days per cycle a section meets (Calendar::rotation_days): 0, or rotation_days, means
  // every day; otherwise it must divide rotation_days and the section meets on evenly spaced
  // days (with A/B days, 1 = every other day: A or B).
  int days_per_rotation = 0;
};

struct PeriodSlot {
  int period = 0;      // 0-based period of the day
  TermMask terms = 0;  // the (term, day) slots in which it is blocked/used; 0 = all of them
  bool operator==(const PeriodSlot&) const = default;
};

struct Teacher {
  std::string id;
  std::string name;
  std::vector<std::string> can_teach;   // course ids
  int max_sections = 5;                 // sections in the whole year (primary or co-teacher)
  std::vector<PeriodSlot> unavailable;  // periods (in the given terms) the teacher cannot teach
  // Teaching load per term, in periods: in every term, the periods of the day the teacher teaches
  // (a double-period section counts 2) stay at or below this ("5 of 7 periods each semester").
  // With a day rotation of R days a section meeting on k of them counts k / R. Absent: no
  // per-term limit (max_sections alone).
  std::optional<int> max_sections_per_term;
};

// A room seats `capacity`; a section in it seats min(its course's or own maximum, capacity), so
// a 30-max course may use a 24-seat lab and then holds 24.
struct Room {
  std::string id;
  int capacity = 30;
  std::string type = "regular";
  std::vector<PeriodSlot> unavailable;
};

// ---------------------------------------------------------------------------------------------
// Sections (input or built)
// ---------------------------------------------------------------------------------------------

// Where a section meets: its first period and the terms (and rotation days) it meets in. A
// two-period course occupies `period` and `period + 1`. A year course's mask has every term; a
// semester course's one semester; with a day rotation, each of those terms on the section's days.
struct Placement {
  int period = -1;     // -1 = not placed
  TermMask terms = 0;  // (term, day) slot mask, see Calendar
  bool placed() const { return period >= 0 && terms != 0; }
  bool operator==(const Placement&) const = default;
};

struct Section {
  std::string id;
  std::string course_id;
  std::string teacher_id;  // primary teacher; empty = unassigned
  std::vector<std::string> co_teacher_ids;
  std::string room_id;  // empty = unassigned
  // A team section takes only that team's students; a team student may take sections of its
  // own team or sections with no team.
  std::optional<std::string> team;
  std::optional<int> max_students;  // overrides the course's max when set
  Placement placement;
  bool locked = false;     // the builder never moves a locked section
  std::string link_group;  // LINKED rule: sections sharing a group go together
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
  std::vector<std::string> locked_section_ids;            // enrollments the loader must keep
  std::vector<StudentConstraint> constraints;
};

// ---------------------------------------------------------------------------------------------
// Course rules (same names and meanings as the requests service; documented once in
// docs/formats/course-rules.md). A rule applies to a student who is enrolled in both courses,
// unless its scope is kMaster (below).
// ---------------------------------------------------------------------------------------------

enum class RuleType {
  kSamePeriod,     // both sections in the same period (e.g. Health S1 + PE S2)
  kNotSamePeriod,  // never in the same period
  kSameTerm,       // both in the same term(s) (terms only: rotation days may differ)
  kDifferentTerm,  // the sets of terms do not intersect (whatever the rotation days)
  kPrecedes,       // every term of A is before every term of B (Algebra 1A before 1B)
  kLinked,         // sections of A and B share a link_group (a lab and its lecture)
};

// Who a rule binds. kStudent (the default): a student enrolled in both courses. kMaster: the
// master schedule itself, whoever is enrolled — for NOT_SAME_PERIOD, no section of A meets in
// the same period and term as a section of B, which keeps singletons that students request
// together apart before anyone is loaded. Only NOT_SAME_PERIOD takes kMaster.
enum class RuleScope { kStudent, kMaster };

struct CourseRule {
  RuleType type = RuleType::kSamePeriod;
  std::string course_a;
  std::string course_b;
  RuleScope scope = RuleScope::kStudent;
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
