#include "services/sectioning/engine/explain.h"

#include <algorithm>
#include <array>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/sectioning/engine/conflicts.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine {
namespace {

enum Reason { kTimeConflict, kSectionsFull, kRule, kTeam, kTeacher, kPeriod, kAvailable, kCount };
constexpr std::array<const char*, kCount> kCodes = {
    "TIME_CONFLICT",      "SECTIONS_FULL",  "RULE",     "TEAM",
    "TEACHER_CONSTRAINT", "PERIOD_BLOCKED", "AVAILABLE"};
constexpr std::array<const char*, kCount> kPhrases = {"conflict in time with enrolled courses",
                                                      "are full",
                                                      "break a course rule",
                                                      "belong to another team",
                                                      "are taught by a teacher the student avoids",
                                                      "meet in a period the student keeps free",
                                                      "have a free seat"};

struct SectionVerdict {
  Reason reason = kAvailable;
  std::vector<std::string> courses;  // the enrolled courses behind TIME_CONFLICT / RULE
};

SectionVerdict Classify(const SchoolIndex& index, const Student& student, int section,
                        const std::vector<int>& enrolled, const std::vector<int>& counts) {
  const Section& sec = index.school().sections[section];
  SectionVerdict v;
  if (!TeamAllows(index, student, section)) return {kTeam, {}};
  if (!GradeAllows(index, student, section)) return {kRule, {}};  // the course's grade range
  if (AvoidsTeacherOf(student, sec)) return {kTeacher, {}};
  if (HitsKeptFreePeriod(index, student, section)) return {kPeriod, {}};
  for (int e : enrolled)
    if (TimeClash(index, section, e)) v.courses.push_back(index.school().sections[e].course_id);
  if (!v.courses.empty()) return {kTimeConflict, v.courses};
  for (int e : enrolled)
    if (!RulesHoldBetween(index, section, e))
      v.courses.push_back(index.school().sections[e].course_id);
  if (!v.courses.empty()) return {kRule, v.courses};
  if (counts[section] >= index.Capacity(section)) return {kSectionsFull, {}};
  return v;
}

UnfilledRequest ExplainRequest(const SchoolIndex& index, const Student& student, int course,
                               const std::vector<int>& enrolled, const std::vector<int>& counts) {
  UnfilledRequest out;
  out.student_id = student.id;
  out.course_id = index.school().courses[course].id;
  std::array<int, kCount> tally{};
  std::vector<std::string> courses;
  int placed = 0;
  for (int s : index.SectionsOfCourse(course)) {
    if (!index.school().sections[s].placement.placed()) continue;
    ++placed;
    SectionVerdict v = Classify(index, student, s, enrolled, counts);
    ++tally[v.reason];
    for (std::string& c : v.courses)
      if (std::find(courses.begin(), courses.end(), c) == courses.end()) courses.push_back(c);
  }
  if (placed == 0) {
    out.reason_code = "NO_SECTIONS";
    out.reason = absl::StrCat("Course ", out.course_id, " has no scheduled sections.");
    return out;
  }
  int main = tally[kAvailable] > 0 ? kAvailable : kTimeConflict;
  if (main != kAvailable)
    for (int r = 0; r < kAvailable; ++r)
      if (tally[r] > tally[main]) main = r;
  out.reason_code = kCodes[main];
  out.conflicting_course_ids = courses;
  std::vector<std::string> parts;
  for (int r = 0; r < kCount; ++r) {
    if (!tally[r]) continue;
    std::string part = absl::StrCat(tally[r], " ", kPhrases[r]);
    if ((r == kTimeConflict || r == kRule) && !courses.empty())
      absl::StrAppend(&part, " (", absl::StrJoin(courses, ", "), ")");
    parts.push_back(part);
  }
  out.reason = absl::StrCat("Of the ", placed, " sections of ", out.course_id, ": ",
                            absl::StrJoin(parts, "; "), ".");
  return out;
}

}  // namespace

absl::StatusOr<std::vector<UnfilledRequest>> Explain(const School& school) {
  absl::StatusOr<SchoolIndex> index = SchoolIndex::Build(school);
  if (!index.ok()) return index.status();
  std::vector<int> counts(school.sections.size(), 0);
  std::vector<std::vector<int>> enrolled(school.students.size());
  for (const Enrollment& e : school.enrollments) {
    const int s = index->SectionIndex(e.section_id), st = index->StudentIndex(e.student_id);
    ++counts[s];
    enrolled[st].push_back(s);
  }
  std::vector<UnfilledRequest> out;
  for (int st = 0; st < static_cast<int>(school.students.size()); ++st) {
    const Student& student = school.students[st];
    for (const Request& r : student.requests) {
      const int course = index->CourseIndex(r.course_id);
      const bool filled = std::any_of(enrolled[st].begin(), enrolled[st].end(), [&](int s) {
        return index->CourseIndexOfSection(s) == course;
      });
      if (!filled) out.push_back(ExplainRequest(*index, student, course, enrolled[st], counts));
    }
  }
  return out;
}

}  // namespace secsched::engine
