#include "services/sectioning/domain/trial_compare.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace secsched::sectioning {
namespace {

struct StudentTally {
  bool present = false;
  int primary_met = 0;
  int unmet = 0;
};

std::map<std::string, StudentTally> TallyStudents(const TrialContents& trial, TrialTotals& totals) {
  std::map<std::string, StudentTally> students;
  for (const CompareEnrollment& e : trial.enrollments) {
    StudentTally& s = students[e.student_id];
    s.present = true;
    if (e.request_rank.has_value()) {
      ++totals.requests_met;
      if (*e.request_rank == 0) {
        ++totals.primary_requests_met;
        ++s.primary_met;
      }
    }
  }
  for (const std::string& student : trial.unmet_request_students) {
    StudentTally& s = students[student];
    s.present = true;
    ++s.unmet;
    ++totals.unmet_requests;
  }
  totals.students = static_cast<int>(students.size());
  for (const auto& [id, s] : students) {
    if (s.unmet == 0) ++totals.students_complete;
  }
  return students;
}

std::vector<Meeting> Sorted(std::vector<Meeting> meetings) {
  std::sort(meetings.begin(), meetings.end());
  return meetings;
}

}  // namespace

TrialComparison CompareTrialContents(const TrialContents& a, const TrialContents& b) {
  TrialComparison out;
  std::map<std::string, CourseComparison> courses;
  for (const CompareSection& s : a.sections) {
    CourseComparison& c = courses[s.course_id];
    ++c.sections_a;
    c.seats_a += s.capacity;
    ++out.a.sections;
    out.a.seats += s.capacity;
  }
  for (const CompareSection& s : b.sections) {
    CourseComparison& c = courses[s.course_id];
    ++c.sections_b;
    c.seats_b += s.capacity;
    ++out.b.sections;
    out.b.seats += s.capacity;
  }

  // Match b's sections to a's: by id, then by (course, number) among the rest.
  std::vector<bool> a_matched(a.sections.size(), false), b_matched(b.sections.size(), false);
  std::vector<std::pair<size_t, size_t>> pairs;
  std::map<std::string, size_t> a_by_id;
  for (size_t i = 0; i < a.sections.size(); ++i) a_by_id.emplace(a.sections[i].section_id, i);
  for (size_t j = 0; j < b.sections.size(); ++j) {
    auto found = a_by_id.find(b.sections[j].section_id);
    if (found == a_by_id.end() || a.sections[found->second].course_id != b.sections[j].course_id) {
      continue;
    }
    a_matched[found->second] = b_matched[j] = true;
    pairs.emplace_back(found->second, j);
  }
  std::map<std::pair<std::string, int>, size_t> a_by_number;
  for (size_t i = 0; i < a.sections.size(); ++i) {
    if (!a_matched[i]) {
      a_by_number.emplace(std::make_pair(a.sections[i].course_id, a.sections[i].section_number), i);
    }
  }
  for (size_t j = 0; j < b.sections.size(); ++j) {
    if (b_matched[j]) continue;
    auto found =
        a_by_number.find(std::make_pair(b.sections[j].course_id, b.sections[j].section_number));
    if (found == a_by_number.end()) continue;
    a_matched[found->second] = b_matched[j] = true;
    pairs.emplace_back(found->second, j);
    a_by_number.erase(found);
  }
  for (const auto& [i, j] : pairs) {
    if (Sorted(a.sections[i].meetings) != Sorted(b.sections[j].meetings)) {
      ++courses[a.sections[i].course_id].placements_differ;
    }
  }
  for (size_t i = 0; i < a.sections.size(); ++i) {
    if (!a_matched[i]) ++courses[a.sections[i].course_id].unmatched_sections;
  }
  for (size_t j = 0; j < b.sections.size(); ++j) {
    if (!b_matched[j]) ++courses[b.sections[j].course_id].unmatched_sections;
  }
  for (auto& [id, c] : courses) {
    c.course_id = id;
    if (c.Changed()) ++out.changed_courses;
    out.courses.push_back(std::move(c));
  }

  std::map<std::string, StudentTally> in_a = TallyStudents(a, out.a);
  std::map<std::string, StudentTally> in_b = TallyStudents(b, out.b);
  std::set<std::string> ids;
  for (const auto& [id, s] : in_a) ids.insert(id);
  for (const auto& [id, s] : in_b) ids.insert(id);
  for (const std::string& id : ids) {
    StudentComparison s{.student_id = id};
    if (auto found = in_a.find(id); found != in_a.end()) {
      s.primary_requests_met_a = found->second.primary_met;
      s.complete_a = found->second.unmet == 0;
    }
    if (auto found = in_b.find(id); found != in_b.end()) {
      s.primary_requests_met_b = found->second.primary_met;
      s.complete_b = found->second.unmet == 0;
    }
    if (s.Changed()) ++out.changed_students;
    out.students.push_back(std::move(s));
  }
  return out;
}

void PageStudents(TrialComparison& comparison, const api::PageRequest& page, bool changed_only) {
  std::vector<StudentComparison> kept;
  for (StudentComparison& s : comparison.students) {
    if (!page.after.empty() && s.student_id <= page.after) continue;
    if (changed_only && !s.Changed()) continue;
    kept.push_back(std::move(s));
    if (static_cast<int>(kept.size()) > page.size) break;
  }
  comparison.next_after = api::TrimToPage(
      kept, page.size,
      [](const StudentComparison& s) -> const std::string& { return s.student_id; });
  comparison.students = std::move(kept);
}

}  // namespace secsched::sectioning
