#include "services/requests/domain/verification.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_format.h"

namespace secsched::requests {
namespace {

std::string CreditsText(double credits) { return absl::StrFormat("%g", credits); }

}  // namespace

std::vector<Finding> CheckMissingRequiredCourses(const PlanningStudent& student,
                                                 const StudentRequestList& requests,
                                                 const VerificationContext& context) {
  std::set<std::string, std::less<>> primaries;
  for (const PlanningRequest* r : requests) {
    if (!r->alternate) primaries.insert(r->course_id);
  }
  std::map<std::string, std::string> missing;  // course → why it is required
  for (const AutoLoadRule& rule : context.auto_load_rules) {
    if (rule.required && rule.Matches(student) && !primaries.contains(rule.course_id)) {
      missing.try_emplace(rule.course_id, "auto-load rule " + rule.id);
    }
  }
  for (const auto& [id, course] : context.courses) {
    if (course.required && course.active && course.OfferedToGrade(student.grade) &&
        !primaries.contains(id)) {
      missing.try_emplace(id, "the catalog marks it required");
    }
  }
  std::vector<Finding> out;
  for (const auto& [course, why] : missing) {
    out.push_back({CheckKind::kMissingRequiredCourse, course,
                   "Required course " + course + " is not requested (" + why + ")."});
  }
  return out;
}

std::vector<Finding> CheckCreditRange(const PlanningStudent& student,
                                      const StudentRequestList& requests,
                                      const VerificationContext& context) {
  auto range = context.credit_ranges.find(student.grade);
  if (range == context.credit_ranges.end()) return {};
  double total = 0;
  for (const PlanningRequest* r : requests) {
    auto course = context.courses.find(r->course_id);
    if (!r->alternate && course != context.courses.end()) total += course->second.credits;
  }
  // Credits are decimals such as 0.5: compare with a little slack for the sum's rounding.
  constexpr double kSlack = 1e-9;
  if (total + kSlack >= range->second.min_credits && total - kSlack <= range->second.max_credits) {
    return {};
  }
  return {{CheckKind::kCreditsOutOfRange, "",
           "Requests total " + CreditsText(total) + " credits; grade " +
               std::to_string(student.grade) + " allows " + CreditsText(range->second.min_credits) +
               " to " + CreditsText(range->second.max_credits) + "."}};
}

std::vector<Finding> CheckInactiveOrUnofferedCourses(const PlanningStudent& student,
                                                     const StudentRequestList& requests,
                                                     const VerificationContext& context) {
  std::vector<Finding> out;
  for (const PlanningRequest* r : requests) {
    auto it = context.courses.find(r->course_id);
    std::string why;
    if (it == context.courses.end()) {
      why = "is not in the catalog";
    } else if (!it->second.active) {
      why = "is inactive";
    } else if (!it->second.OfferedToGrade(student.grade)) {
      why = "is not offered to grade " + std::to_string(student.grade);
    } else {
      continue;
    }
    out.push_back({CheckKind::kInactiveOrUnofferedCourse, r->course_id,
                   std::string(r->alternate ? "Alternate" : "Requested") + " course " +
                       r->course_id + " " + why + "."});
  }
  return out;
}

std::vector<Finding> CheckDuplicateRequests(const PlanningStudent&,
                                            const StudentRequestList& requests,
                                            const VerificationContext&) {
  std::map<std::string, int> primaries;
  for (const PlanningRequest* r : requests) {
    if (!r->alternate) ++primaries[r->course_id];
  }
  std::vector<Finding> out;
  for (const auto& [course, n] : primaries) {
    if (n > 1) {
      out.push_back({CheckKind::kDuplicateRequest, course,
                     "Course " + course + " is requested " + std::to_string(n) + " times."});
    }
  }
  return out;
}

std::vector<Finding> CheckAlternatesDuplicatingPrimaries(const PlanningStudent&,
                                                         const StudentRequestList& requests,
                                                         const VerificationContext&) {
  std::set<std::string, std::less<>> primaries;
  for (const PlanningRequest* r : requests) {
    if (!r->alternate) primaries.insert(r->course_id);
  }
  std::set<std::string, std::less<>> alternates;
  std::vector<Finding> out;
  for (const PlanningRequest* r : requests) {
    if (!r->alternate) continue;
    if (primaries.contains(r->course_id)) {
      out.push_back({CheckKind::kAlternateDuplicatesPrimary, r->course_id,
                     "Alternate " + r->course_id + " is also requested as a primary."});
    } else if (!alternates.insert(r->course_id).second) {
      out.push_back({CheckKind::kAlternateDuplicatesPrimary, r->course_id,
                     "Alternate " + r->course_id + " is listed more than once."});
    }
  }
  return out;
}

std::vector<Finding> CheckHasRequests(const PlanningStudent&, const StudentRequestList& requests,
                                      const VerificationContext&) {
  if (std::any_of(requests.begin(), requests.end(),
                  [](const PlanningRequest* r) { return !r->alternate; })) {
    return {};
  }
  return {{CheckKind::kNoRequests, "", "The student has no course requests."}};
}

VerificationResult Verify(const RequestSnapshot& snapshot, const VerificationContext& context) {
  using Check = std::vector<Finding> (*)(const PlanningStudent&, const StudentRequestList&,
                                         const VerificationContext&);
  static constexpr Check kChecks[] = {CheckMissingRequiredCourses,         CheckCreditRange,
                                      CheckInactiveOrUnofferedCourses,     CheckDuplicateRequests,
                                      CheckAlternatesDuplicatingPrimaries, CheckHasRequests};
  VerificationResult result;
  for (int k = 0; k < kCheckKinds; ++k) result.counts[static_cast<CheckKind>(k)] = {};
  const StudentRequestIndex index(snapshot);
  for (const PlanningStudent& student : snapshot.students) {
    if (!student.active) continue;
    ++result.students_checked;
    StudentFindings found{student.student_number, student.grade, {}};
    for (Check check : kChecks) {
      std::vector<Finding> findings = check(student, index.Of(student.student_number), context);
      if (findings.empty()) continue;
      CheckCount& count = result.counts[findings.front().check];
      count.findings += static_cast<int>(findings.size());
      ++count.students;
      found.findings.insert(found.findings.end(), findings.begin(), findings.end());
    }
    if (!found.findings.empty()) result.students.push_back(std::move(found));
  }
  std::sort(result.students.begin(), result.students.end(),
            [](const StudentFindings& a, const StudentFindings& b) {
              return a.student_number < b.student_number;
            });
  return result;
}

}  // namespace secsched::requests
