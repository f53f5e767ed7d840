// Rows for roster tests, written with SQL per the 002 schema until the sections API exists:
// a trial, sections with teachers and meetings, unmet requests, a trial lock.
//
//   RosterSeed seed(env.pool(), SectioningEnv::kCalendar, "t1");
//   seed.Trial();
//   seed.Section({.id = "alg1-1", .course = "alg1", .capacity = 2, .meetings = {{"s1", 1, ""}}});
#pragma once

#include <string>
#include <vector>

#include "common/pg/pool.h"
#include "services/sectioning/domain/schedule_model.h"

namespace secsched::sectioning::testing {

struct SeedSection {
  std::string id;
  std::string course;
  int number = 1;
  int capacity = 30;
  std::vector<Meeting> meetings;
  std::string teacher;  // PRIMARY; "" = none
  std::vector<std::string> co_teachers;
  std::string room;
  std::string team;
};

class RosterSeed {
 public:
  RosterSeed(pg::PgPool& pool, std::string calendar, std::string trial)
      : pool_(pool), calendar_(std::move(calendar)), trial_(std::move(trial)) {}

  void Trial();
  void Section(const SeedSection& section);
  void Unmet(const std::string& student, const std::string& course, const std::string& reason,
             bool required = false);
  void Lock(bool locked = true);
  // Students enrolled in the section (straight from the table).
  int Enrolled(const std::string& section);
  // The enrolled count kept on the section's row (by a trigger).
  int StoredEnrolled(const std::string& section);
  // The sections the student is enrolled in, ordered.
  std::vector<std::string> SectionsOf(const std::string& student);

  std::string SectionName(const std::string& section) const {
    return "calendars/" + calendar_ + "/trials/" + trial_ + "/sections/" + section;
  }
  std::string EnrollmentName(const std::string& section, const std::string& student) const {
    return SectionName(section) + "/enrollments/" + student;
  }
  std::string TrialName() const { return "calendars/" + calendar_ + "/trials/" + trial_; }

 private:
  pg::PgPool& pool_;
  std::string calendar_;
  std::string trial_;
};

}  // namespace secsched::sectioning::testing
