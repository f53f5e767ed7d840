// Internal pieces of the school generator: its PRNG, the course catalog and student wishes.
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine::generator {

// splitmix64: tiny, fast, and identical on every platform (std distributions are not).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n > 0.
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (int i = static_cast<int>(v.size()) - 1; i > 0; --i) std::swap(v[i], v[Below(i + 1)]);
  }

 private:
  std::uint64_t state_;
};

// Id helpers: "Social Studies" -> "SOCIALSTUDIES"; ("T_MATH", 0) -> "T_MATH_01".
inline std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(c));
  return out;
}
inline std::string Numbered(const std::string& prefix, int n) {
  return prefix + "_" + (n < 9 ? "0" : "") + std::to_string(n + 1);
}

enum class CourseRole {
  kCore,           // required for students of its (single) grade
  kSplitCore,      // Algebra 1A / 1B: the split-year track some grade-9 students take instead
  kApReplacement,  // an AP course that replaces a core (AP Lang for English 11, ...)
  kElective,       // chosen by popularity (Zipf weight by catalog order)
  kApElective,     // an AP elective for grades 11-12, fixed sections
};

struct CourseSpec {
  Course course;
  CourseRole role = CourseRole::kElective;
  std::string replaces;  // kApReplacement: the core course it replaces; kSplitCore: the year course
  double weight = 0;     // electives: popularity
};

struct Catalog {
  int rotation_days = 1;  // GeneratorOptions::rotation_days
  std::vector<CourseSpec> courses;
  std::vector<CourseRule> rules;
  std::vector<std::string> team_courses;  // the team takes team sections of these
  std::string team_name;
  int team_grade = 9;
  int min_grade = 9, max_grade = 12;
};

Catalog MakeCatalog(SchoolLevel level);

// Half-period units a course takes in a student's week: a year course 2 per period met, a
// semester course 1. A 7-period, 2-semester day holds 14.
int Units(const Course& course);

// --- Day rotation (the generator's calendar: two semesters, `rotation_days` days) -------------
// Sets days_per_rotation = rotation_days / 2 on PE and the electives when rotation_days is even.
void ApplyRotation(Catalog& catalog, int rotation_days);
// The (period, term, day) cells a section of the course occupies in one rotation cycle: Units
// times its days (Units itself without a rotation).
int Cells(const Course& course, int rotation_days);
// Slot masks as in Calendar (bit term * rotation_days + day), for two semesters.
TermMask SemesterSlots(int rotation_days, TermMask terms, TermMask days);
TermMask TermsOfSlots(int rotation_days, TermMask slots);

// What a student wants, before it becomes requests: the courses tied by a rule travel together.
struct Wish {
  std::vector<std::string> courses;
  bool required = false;
  int priority = 5;
  std::vector<std::string> alternates;  // only for single-course elective wishes
};

struct StudentPlan {
  Student student;  // id, grade, team, constraints; requests filled from `wishes` at the end
  std::vector<Wish> wishes;
};

// The students' wishes for a catalog (realistic demand), deterministic for the rng state.
std::vector<StudentPlan> MakeStudentPlans(const Catalog& catalog, int students, SplitMix64& rng);

// Turns wishes into requests (one request per course; alternates on single-course wishes).
void WishesToRequests(StudentPlan& plan);

// Planted mode: places sections, hires teachers, builds rooms and assigns students (dropping
// wishes that do not fit); fills `school` (unplaced) and `solution` (placed and loaded).
void BuildPlantedSchool(const Catalog& catalog, std::vector<StudentPlan> plans, SplitMix64& rng,
                        School& school, School& solution);

}  // namespace secsched::engine::generator
