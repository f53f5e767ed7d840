// SchoolIndex: validates a School and maps string ids to dense indexes, plus the calendar helpers
// every algorithm needs (term options of a course, overlap of two placements).
//
// The index keeps a pointer to the School it was built from: the School must outlive it and must
// not change while the index is used.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/sectioning/engine/model.h"

namespace secsched::engine {

TermMask TermBitsOf(const Calendar& calendar, TermMask slots);
TermMask DayBitsOf(const Calendar& calendar, TermMask slots);

class SchoolIndex {
 public:
  // Validates `school` (unique ids, every reference exists, periods within periods_per_day, term
  // masks within the calendar's terms, periods_per_meeting 1..2, max_students > 0, ...).
  // Malformed input is absl::InvalidArgumentError naming the offending id.
  static absl::StatusOr<SchoolIndex> Build(const School& school);

  const School& school() const { return *school_; }

  // Dense index of an id, or -1 if absent.
  int CourseIndex(std::string_view id) const { return Find(courses_, id); }
  int TeacherIndex(std::string_view id) const { return Find(teachers_, id); }
  int RoomIndex(std::string_view id) const { return Find(rooms_, id); }
  int SectionIndex(std::string_view id) const { return Find(sections_, id); }
  int StudentIndex(std::string_view id) const { return Find(students_, id); }

  int num_terms() const { return static_cast<int>(school_->calendar.terms.size()); }
  int periods_per_day() const { return school_->calendar.periods_per_day; }
  // Calendar::rotation_days (1 = no rotation). Masks below are (term, day) slot masks.
  int rotation_days() const { return school_->calendar.rotation_days; }

  // Every (term, day) slot of the calendar (every term, without a rotation).
  TermMask AllTerms() const;
  // The masks a course may take: its term options times its day options, term-major. Term
  // options: year -> {all}; semester -> first half / second half (each term when the count is
  // odd, e.g. trimesters); quarter -> each term. Day options: every day, or (days_per_rotation =
  // k < rotation_days) each of the R / k evenly spaced day sets {d, d + R/k, ...}.
  std::vector<TermMask> TermOptions(const Course& course) const;
  // The day sets (bit d = day d) a course may meet on; {every day} without a rotation.
  std::vector<TermMask> DayOptions(const Course& course) const;
  // True when the two meetings share a period (accounting for 2-period meetings) AND a slot
  // (a term, and with a rotation a day of it).
  bool Overlaps(const Placement& a, int ppm_a, const Placement& b, int ppm_b) const;
  // True when the two meetings share a period, whatever their terms.
  static bool SharePeriod(const Placement& a, int ppm_a, const Placement& b, int ppm_b);

  // The plain term set (bit t = terms[t]) / day set (bit d = day d) of a slot mask. Course rules
  // on terms (SAME_TERM, DIFFERENT_TERM, PRECEDES) compare term sets, never days.
  TermMask TermBits(TermMask slots) const {
    return rotation_days() == 1 ? slots : TermBitsOf(school_->calendar, slots);
  }
  TermMask DayBits(TermMask slots) const { return DayBitsOf(school_->calendar, slots); }
  // Lowest / highest Term::order among the terms of the mask (PRECEDES compares them).
  int FirstOrder(TermMask mask) const;
  int LastOrder(TermMask mask) const;
  // For messages: " on day A" / " on days A, B" naming the days of the mask; "" without a
  // rotation (so messages of schools without one read as they always did).
  std::string OnDays(TermMask slots) const;

  // Section-level conveniences.
  const Course& CourseOf(const Section& section) const;
  int CourseIndexOfSection(int section) const { return section_course_[section]; }
  int PeriodsPerMeeting(int section) const;
  // The section's own max_students, else its course's.
  int MaxStudents(int section) const;
  // The seats of the section: MaxStudents, and no more than its room seats when it has a room.
  int Capacity(int section) const;
  // Sections of a course (indexes into school.sections), in input order.
  const std::vector<int>& SectionsOfCourse(int course) const { return course_sections_[course]; }
  // Indexes of the rules that involve the course (either side).
  const std::vector<int>& RulesOfCourse(int course) const { return course_rules_[course]; }
  // The course indexes of a rule's course_a and course_b.
  std::pair<int, int> RuleCourses(int rule) const { return rule_courses_[rule]; }

 private:
  using IdMap = std::unordered_map<std::string_view, int>;
  static int Find(const IdMap& map, std::string_view id) {
    auto it = map.find(id);
    return it == map.end() ? -1 : it->second;
  }

  const School* school_ = nullptr;
  IdMap courses_, teachers_, rooms_, sections_, students_;
  std::vector<int> section_course_;
  std::vector<std::vector<int>> course_sections_;
  std::vector<std::vector<int>> course_rules_;
  std::vector<std::pair<int, int>> rule_courses_;
  std::vector<int> course_ppm_;
};

// Occupancy of a period-by-period timetable as term bits: occupied[p] has bit t set when period p
// is used in term t. Used for teachers, rooms and students alike.
struct PeriodTermGrid {
  std::vector<TermMask> occupied;
  explicit PeriodTermGrid(int periods = 0) : occupied(periods, 0) {}
  bool Free(const Placement& p, int ppm) const {
    for (int k = 0; k < ppm; ++k)
      if (occupied[p.period + k] & p.terms) return false;
    return true;
  }
  void Add(const Placement& p, int ppm) {
    for (int k = 0; k < ppm; ++k) occupied[p.period + k] |= p.terms;
  }
  void Remove(const Placement& p, int ppm) {
    for (int k = 0; k < ppm; ++k) occupied[p.period + k] &= static_cast<TermMask>(~p.terms);
  }
};

// Teacher load per term (Teacher::max_sections_per_term) in slot units: a meeting of `ppm`
// periods adds ppm x (its days in term t) to load[t] (load has one entry per term). The limit in
// the same units is max_sections_per_term x rotation_days (INT_MAX without a limit), so a
// section meeting on every day of a term counts one period per period it lasts.
// TermLoad is one term's share; AddTermLoad adds (sign -1: removes) every term's.
int TermLoad(const Calendar& calendar, const Placement& p, int ppm, int term);
void AddTermLoad(const Calendar& calendar, const Placement& p, int ppm, std::vector<int>& load,
                 int sign = 1);
int TermLoadLimit(const Calendar& calendar, const Teacher& teacher);

// A blocked slot's terms: an empty mask in the input means "every term" (every slot).
TermMask SlotTerms(const PeriodSlot& slot, TermMask all_terms);

// Slot masks of a calendar (bit term * rotation_days + day; see Calendar), usable before an index
// exists (the JSON reader and writer, the generator).
// The slots of the terms in `term_bits` (bit t = terms[t]) on the days in `day_bits`.
TermMask SlotMask(const Calendar& calendar, TermMask term_bits, TermMask day_bits);
// The terms / days having at least one slot in the mask.
TermMask TermBitsOf(const Calendar& calendar, TermMask slots);
TermMask DayBitsOf(const Calendar& calendar, TermMask slots);
// Every day of the rotation (bit d = day d); 1 without a rotation.
TermMask AllDays(const Calendar& calendar);
// A rotation day's name: "A", "B", ... (day 0 is A).
std::string DayName(int day);

}  // namespace secsched::engine
