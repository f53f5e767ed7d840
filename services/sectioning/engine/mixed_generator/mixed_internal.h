// Internal pieces of the mixed generator: its random stream, the catalog in a calendar, the
// students' wishes, and the planted solution every mode is built from.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "services/sectioning/engine/mixed_generator/mixed_generator.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::mixed_generator {

// PCG32 (O'Neill, XSH-RR): a different stream from the first generator's splitmix64, and the
// same numbers on every platform (std distributions differ between standard libraries).
class Pcg32 {
 public:
  explicit Pcg32(std::uint64_t seed) : state_(0), inc_((seed << 1u) | 1u) {
    Next();
    state_ += seed ^ 0x853C49E6748FEA9Bull;
    Next();
  }
  std::uint32_t Next() {
    const std::uint64_t old = state_;
    state_ = old * 6364136223846793005ull + inc_;
    const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
    const auto rot = static_cast<std::uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }
  // Uniform in [0, n), n > 0 (multiply-shift: no modulo bias worth caring about here).
  int Below(int n) {
    return static_cast<int>((static_cast<std::uint64_t>(Next()) * static_cast<std::uint64_t>(n)) >>
                            32u);
  }
  double Unit() { return Next() * 0x1.0p-32; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (int i = static_cast<int>(v.size()) - 1; i > 0; --i) std::swap(v[i], v[Below(i + 1)]);
  }

 private:
  std::uint64_t state_;
  std::uint64_t inc_;
};

// How a subject of a traditional school's catalog lives in each calendar.
enum class Form {
  kSequence,      // a year course that must stay a year: year; block: A then B (PRECEDES)
  kCore,          // a year core: year; block: one semester (a full credit); trimester: year
  kYearElective,  // year; block: one semester; trimester: one trimester
  kShort,         // a semester course; block: one semester; trimester: one trimester
};

enum class Role {
  kCore,             // required for its grade
  kCoreReplacement,  // an AP course replacing a core, fixed (few) sections
  kElective,         // sections by demand
  kSingleton,        // AP or niche elective: fixed sections, one at small schools
};

struct Subject {
  std::string id, name, department;
  Form form = Form::kShort;
  int max_students = 30;
  std::string room_type = "regular";
  int min_grade = 9, max_grade = 12;
  Role role = Role::kElective;
  std::string replaces;  // kCoreReplacement: the core's subject id
};

struct CalendarShape {
  CalendarKind kind = CalendarKind::kTraditional;
  int periods = 7;
  int terms = 2;
  int teacher_periods_per_term = 5;  // Teacher::max_sections_per_term
  int Cells() const { return periods * terms; }
  TermMask AllTerms() const { return static_cast<TermMask>((1u << terms) - 1); }
};
CalendarShape ShapeOf(CalendarKind kind);

// One subject in the calendar: one course, or a block sequence's A and B halves, which the
// planted solution keeps in one period (A in the first semester, B in the second).
struct Offering {
  Subject subject;
  std::vector<std::string> course_ids;
  bool year = false;  // meets in every term (a year course, or an A/B pair)
  int cells = 1;      // a student's (period, term) cells it takes
  // The term sets one of its sections may take (a single term, or every term).
  std::vector<TermMask> term_options;
};

struct Catalog {
  CalendarShape shape;
  std::vector<Offering> offerings;
  std::map<std::string, int> offering_of_subject;
  std::map<std::string, int> offering_of_course;  // a block half maps to its pair's offering
  std::vector<Course> courses;
  std::vector<CourseRule> rules;  // PRECEDES halves, DIFFERENT_TERM Health/PE; master rules later
  // Per profile, per grade band (0: grades 9-10, 1: 11-12): electives in order of preference.
  std::vector<std::pair<std::string, double>> profiles;  // name, share of students
  std::map<std::string, std::vector<std::vector<std::string>>> preferences;
  std::vector<std::string> fallback_electives;  // fill what a profile's list leaves
  int Find(const std::string& subject) const { return offering_of_subject.at(subject); }
};
Catalog MakeCatalog(CalendarKind kind);

struct Wish {
  int offering = 0;
  bool required = false;
  int priority = 5;
  std::string alternate;  // a subject id, or empty
};

struct StudentPlan {
  Student student;  // id and grade; requests come from the wishes at the end
  std::vector<Wish> wishes;
};
std::vector<StudentPlan> MakeStudentPlans(const Catalog& catalog, int students, Pcg32& rng);

// NOT_SAME_PERIOD (scope kMaster) between the singletons most often requested together.
std::vector<CourseRule> MasterRules(const Catalog& catalog, const std::vector<StudentPlan>& plans,
                                    const std::vector<int>& sections_per_offering);

void WishesToRequests(const Catalog& catalog, StudentPlan& plan);

// --- The planted solution ------------------------------------------------------------------

struct PlantedSection {
  int offering = 0;
  int period = -1;
  TermMask terms = 0;  // the offering's term set; an A/B pair's halves take one term each
  int teacher = -1, room = -1;
  int seats = 0, enrolled = 0;
};

struct PlantedTeacher {
  std::string department, second_department;  // second: empty, or a second qualification
  std::vector<TermMask> busy;                 // per period
  std::vector<int> term_load;                 // periods taught per term
  std::vector<int> singletons;                // singleton / AP offerings taught
  int sections = 0;
};

struct Plant {
  std::vector<PlantedSection> sections;
  std::vector<std::vector<int>> sections_of_offering;
  std::vector<PlantedTeacher> teachers;
  std::vector<Room> rooms;
  std::vector<CourseRule> master_rules;
  std::vector<std::vector<int>> enrolled;  // per student: planted section indexes
  std::vector<std::vector<bool>> kept;     // per student, per wish: met in the plant
};

// Sections per offering (demand x seat_slack over the seats, fixed-count courses without slack),
// placed, staffed and roomed; then every student's wishes assigned where they fit (the others are
// marked not kept).
Plant BuildPlant(const Catalog& catalog, const std::vector<StudentPlan>& plans, double seat_slack,
                 Pcg32& rng);

}  // namespace secsched::engine::mixed_generator
