// The schedule's plain values, shared by sections, rosters, reports and the engine's savers:
// where a section meets, who teaches it, who is enrolled. No I/O here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace secsched::sectioning {

// One (term, period, day type) a section meets in. A year course has one meeting per term, a
// double period one per period; day_type "" means every day of the rotation.
struct Meeting {
  std::string term_id;
  int period = 0;
  std::string day_type;

  friend bool operator==(const Meeting&, const Meeting&) = default;
  friend auto operator<=>(const Meeting&, const Meeting&) = default;
};

// True when the two meetings are at the same time on some day: same term and period, and the
// same day type or one of them meets every day.
inline bool MeetingsClash(const Meeting& a, const Meeting& b) {
  return a.term_id == b.term_id && a.period == b.period &&
         (a.day_type == b.day_type || a.day_type.empty() || b.day_type.empty());
}

// True when some meeting of `a` clashes with some meeting of `b`.
inline bool PlacementsClash(const std::vector<Meeting>& a, const std::vector<Meeting>& b) {
  for (const Meeting& x : a) {
    for (const Meeting& y : b) {
      if (MeetingsClash(x, y)) return true;
    }
  }
  return false;
}

enum class SectionSource { kManual, kEngine };

struct Section {
  std::string calendar_id;
  std::string trial_id;
  std::string section_id;
  std::string course_id;
  int section_number = 1;
  std::string primary_teacher_id;  // "" = not staffed yet
  std::vector<std::string> co_teacher_ids;
  std::string room_id;  // "" = no room yet
  std::string team_id;  // "" = open to every student
  int capacity = 0;
  std::vector<Meeting> meetings;  // empty = not placed yet
  bool locked = false;
  SectionSource source = SectionSource::kManual;
  int enrolled = 0;  // read only
};

enum class EnrollmentSource { kEngine, kWalkIn, kBatch, kManual };

struct Enrollment {
  std::string calendar_id;
  std::string trial_id;
  std::string section_id;
  std::string student_id;
  std::string course_id;
  std::string start_date;  // "YYYY-MM-DD" or "" (the section's term start)
  std::string end_date;    // "" = the section's term end
  std::optional<double> credit_override;
  bool repeat = false;
  EnrollmentSource source = EnrollmentSource::kManual;
  bool locked = false;
  std::optional<int> request_rank;  // 0 primary request, 1.. alternate rank, none = by hand
  bool overload = false;            // added past capacity with the overload right
};

}  // namespace secsched::sectioning
