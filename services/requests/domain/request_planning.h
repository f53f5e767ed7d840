// Request planning's use cases: course rules, auto-load rules and runs, credit ranges, the
// verification report, the tally and the conflict matrix. Each authorizes the caller at the
// school that owns the calendar (reads: read access; writes: write access), reads the catalog
// through CatalogReader and the calendar's requests through PlanningRepository.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/calendar_schools.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"
#include "services/requests/domain/auto_load.h"
#include "services/requests/domain/course_rules.h"
#include "services/requests/domain/planning_model.h"
#include "services/requests/domain/request_analysis.h"
#include "services/requests/domain/request_repository.h"
#include "services/requests/domain/verification.h"

namespace secsched::requests {

// Which fields an auto-load update replaces.
struct AutoLoadRuleMask {
  bool grade = true, team = true, course = true, required = true, priority = true;
};

class RequestPlanning {
 public:
  // `requests` is the service's request store: auto-load adds requests through it, like every
  // other way of adding them.
  RequestPlanning(PlanningRepository& repository, RequestRepository& requests,
                  catalog::CatalogReader& catalog, access::CalendarSchools& schools,
                  access::AccessChecker& access)
      : repository_(repository),
        requests_(requests),
        catalog_(catalog),
        schools_(schools),
        access_(access) {}

  // rule.calendar_id, type, course_a, course_b are read; id and creator are set here.
  absl::StatusOr<CourseRule> CreateCourseRule(const auth::Caller& caller, CourseRule rule,
                                              std::string_view request_id);
  // Rules of the calendar (course "" = all), seen from `course` when one is given. Holds
  // page.size + 1 rules when there are more.
  absl::StatusOr<std::vector<CourseRule>> ListCourseRules(const auth::Caller& caller,
                                                          std::string_view calendar_id,
                                                          std::string_view course,
                                                          const api::PageRequest& page);
  absl::Status DeleteCourseRule(const auth::Caller& caller, std::string_view calendar_id,
                                std::string_view id);

  absl::StatusOr<AutoLoadRule> CreateAutoLoadRule(const auth::Caller& caller, AutoLoadRule rule,
                                                  std::string_view request_id);
  absl::StatusOr<AutoLoadRule> GetAutoLoadRule(const auth::Caller& caller,
                                               std::string_view calendar_id, std::string_view id);
  absl::StatusOr<std::vector<AutoLoadRule>> ListAutoLoadRules(const auth::Caller& caller,
                                                              std::string_view calendar_id,
                                                              const api::PageRequest& page);
  absl::StatusOr<AutoLoadRule> UpdateAutoLoadRule(const auth::Caller& caller,
                                                  const AutoLoadRule& rule,
                                                  const AutoLoadRuleMask& mask);
  absl::Status DeleteAutoLoadRule(const auth::Caller& caller, std::string_view calendar_id,
                                  std::string_view id);
  // A dry run needs read access only; applying needs write access.
  absl::StatusOr<AutoLoadPlan> RunAutoLoad(const auth::Caller& caller, std::string_view calendar_id,
                                           bool dry_run);

  absl::StatusOr<std::vector<GradeCreditRange>> GetCreditRanges(const auth::Caller& caller,
                                                                std::string_view calendar_id);
  absl::StatusOr<std::vector<GradeCreditRange>> UpdateCreditRanges(
      const auth::Caller& caller, std::string_view calendar_id,
      std::vector<GradeCreditRange> ranges);

  absl::StatusOr<VerificationResult> Verify(const auth::Caller& caller,
                                            std::string_view calendar_id);
  // What the scheduling engine reads (read access), from one moment.
  absl::StatusOr<SchedulingSnapshot> ReadSchedulingSnapshot(const auth::Caller& caller,
                                                            std::string_view calendar_id);
  absl::StatusOr<CourseTally> Tally(const auth::Caller& caller, std::string_view calendar_id);
  absl::StatusOr<ConflictMatrix> Conflicts(const auth::Caller& caller,
                                           std::string_view calendar_id);

 private:
  absl::Status Authorize(const auth::Caller& caller, std::string_view calendar_id,
                         access::Mode mode);
  absl::StatusOr<CoursesById> Courses(std::string_view calendar_id);

  PlanningRepository& repository_;
  RequestRepository& requests_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

// Field checks shared by create and update (INVALID_ARGUMENT with field violations; `prefix` is
// the request's message field, e.g. "auto_load_rule.").
absl::Status ValidateAutoLoadRule(const AutoLoadRule& rule, std::string_view prefix);
absl::Status ValidateCreditRanges(const std::vector<GradeCreditRange>& ranges);

}  // namespace secsched::requests
