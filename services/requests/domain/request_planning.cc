#include "services/requests/domain/request_planning.h"

#include <algorithm>
#include <set>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::requests {
namespace {

absl::Status CheckRuleCourse(const CoursesById& courses, const std::string& id) {
  auto it = courses.find(id);
  if (it == courses.end()) {
    return absl::FailedPreconditionError("Course " + id + " is not in the calendar's catalog.");
  }
  if (!it->second.active) return absl::FailedPreconditionError("Course " + id + " is inactive.");
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateAutoLoadRule(const AutoLoadRule& rule, std::string_view prefix) {
  const std::string p(prefix);
  FieldValidator v;
  v.Require(rule.grade == 0 || (rule.grade >= 6 && rule.grade <= 12), p + "grade",
            "must be 0 (any grade) or between 6 and 12");
  v.Require(rule.team.empty() || api::IsValidId(rule.team), p + "team",
            "must be empty (any team) or a team id");
  v.Require(rule.grade != 0 || !rule.team.empty(), p + "grade",
            "a rule needs a grade, a team or both");
  v.Require(api::IsValidId(rule.course_id), p + "course", "is required");
  v.Require(rule.priority >= 0 && rule.priority <= 100, p + "priority",
            "must be between 0 and 100 (a request's priority)");
  return v.Finish("The auto-load rule has invalid fields.");
}

absl::Status ValidateCreditRanges(const std::vector<GradeCreditRange>& ranges) {
  FieldValidator v;
  std::set<int> grades;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const GradeCreditRange& r = ranges[i];
    const std::string at = "credit_ranges.ranges[" + std::to_string(i) + "].";
    if (v.Require(r.grade >= 6 && r.grade <= 12, at + "grade", "must be between 6 and 12")) {
      v.Require(grades.insert(r.grade).second, at + "grade", "appears more than once");
    }
    v.Require(r.min_credits >= 0, at + "min_credits", "must not be negative");
    v.Require(r.max_credits >= r.min_credits, at + "max_credits", "must be at least min_credits");
  }
  return v.Finish("The credit ranges have invalid fields.");
}

absl::Status RequestPlanning::Authorize(const auth::Caller& caller, std::string_view calendar_id,
                                        access::Mode mode) {
  return access::AuthorizeCalendarAccess(caller, calendar_id, mode, schools_, access_);
}

absl::StatusOr<CoursesById> RequestPlanning::Courses(std::string_view calendar_id) {
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = catalog_.Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  return IndexCourses(*courses);
}

absl::StatusOr<CourseRule> RequestPlanning::CreateCourseRule(const auth::Caller& caller,
                                                             CourseRule rule,
                                                             std::string_view request_id) {
  FieldValidator v;
  v.Require(api::IsValidId(rule.course_a), "course_rule.course_a", "is required");
  v.Require(api::IsValidId(rule.course_b), "course_rule.course_b", "is required");
  v.Require(rule.course_a.empty() || rule.course_a != rule.course_b, "course_rule.course_b",
            "must differ from course_a (a course cannot have a rule with itself)");
  v.Require(rule.scope == CourseRuleScope::kStudent || rule.type == CourseRuleType::kNotSamePeriod,
            "course_rule.scope", "MASTER is only for NOT_SAME_PERIOD");
  v.Require(request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status s = v.Finish("The course rule has invalid fields."); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, rule.calendar_id, access::Mode::kWrite); !s.ok()) return s;
  absl::StatusOr<CoursesById> courses = Courses(rule.calendar_id);
  if (!courses.ok()) return courses.status();
  for (const std::string* course : {&rule.course_a, &rule.course_b}) {
    if (absl::Status s = CheckRuleCourse(*courses, *course); !s.ok()) return s;
  }
  rule.id = api::NewId("rule-");
  rule.creator = caller.subject;
  return repository_.CreateCourseRule(rule, request_id,
                                      [&rule](const std::vector<CourseRule>& existing) {
                                        return CheckAgainstExisting(rule, existing);
                                      });
}

absl::StatusOr<std::vector<CourseRule>> RequestPlanning::ListCourseRules(
    const auth::Caller& caller, std::string_view calendar_id, std::string_view course,
    const api::PageRequest& page) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<std::vector<CourseRule>> rules =
      repository_.ListCourseRules(calendar_id, course, page);
  if (!rules.ok() || course.empty()) return rules;
  for (CourseRule& rule : *rules) rule = SeenFrom(rule, course);
  return rules;
}

absl::Status RequestPlanning::DeleteCourseRule(const auth::Caller& caller,
                                               std::string_view calendar_id, std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  return repository_.DeleteCourseRule(calendar_id, id);
}

absl::StatusOr<AutoLoadRule> RequestPlanning::CreateAutoLoadRule(const auth::Caller& caller,
                                                                 AutoLoadRule rule,
                                                                 std::string_view request_id) {
  FieldValidator ids;
  ids.Require(rule.id.empty() || api::IsValidId(rule.id), "auto_load_rule_id",
              "must be 1-63 characters of a-z, 0-9 and -");
  ids.Require(request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status s = ids.Finish("The auto-load rule has invalid fields."); !s.ok()) return s;
  if (absl::Status s = ValidateAutoLoadRule(rule, "auto_load_rule."); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, rule.calendar_id, access::Mode::kWrite); !s.ok()) return s;
  absl::StatusOr<CoursesById> courses = Courses(rule.calendar_id);
  if (!courses.ok()) return courses.status();
  if (absl::Status s = CheckAutoLoadCourse(*courses, rule.course_id, rule.grade); !s.ok()) return s;
  if (rule.id.empty()) rule.id = api::NewId("load-");
  return repository_.CreateAutoLoadRule(rule, request_id);
}

absl::StatusOr<AutoLoadRule> RequestPlanning::GetAutoLoadRule(const auth::Caller& caller,
                                                              std::string_view calendar_id,
                                                              std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.GetAutoLoadRule(calendar_id, id);
}

absl::StatusOr<std::vector<AutoLoadRule>> RequestPlanning::ListAutoLoadRules(
    const auth::Caller& caller, std::string_view calendar_id, const api::PageRequest& page) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.ListAutoLoadRules(calendar_id, page);
}

absl::StatusOr<AutoLoadRule> RequestPlanning::UpdateAutoLoadRule(const auth::Caller& caller,
                                                                 const AutoLoadRule& update,
                                                                 const AutoLoadRuleMask& mask) {
  if (absl::Status s = Authorize(caller, update.calendar_id, access::Mode::kWrite); !s.ok()) {
    return s;
  }
  absl::StatusOr<AutoLoadRule> rule = repository_.GetAutoLoadRule(update.calendar_id, update.id);
  if (!rule.ok()) return rule.status();
  if (mask.grade) rule->grade = update.grade;
  if (mask.team) rule->team = update.team;
  if (mask.course) rule->course_id = update.course_id;
  if (mask.required) rule->required = update.required;
  if (mask.priority) rule->priority = update.priority;
  if (absl::Status s = ValidateAutoLoadRule(*rule, "auto_load_rule."); !s.ok()) return s;
  absl::StatusOr<CoursesById> courses = Courses(rule->calendar_id);
  if (!courses.ok()) return courses.status();
  if (absl::Status s = CheckAutoLoadCourse(*courses, rule->course_id, rule->grade); !s.ok()) {
    return s;
  }
  return repository_.UpdateAutoLoadRule(*rule);
}

absl::Status RequestPlanning::DeleteAutoLoadRule(const auth::Caller& caller,
                                                 std::string_view calendar_id,
                                                 std::string_view id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  return repository_.DeleteAutoLoadRule(calendar_id, id);
}

absl::StatusOr<AutoLoadPlan> RequestPlanning::RunAutoLoad(const auth::Caller& caller,
                                                          std::string_view calendar_id,
                                                          bool dry_run) {
  const access::Mode mode = dry_run ? access::Mode::kRead : access::Mode::kWrite;
  if (absl::Status s = Authorize(caller, calendar_id, mode); !s.ok()) return s;
  // The catalog and the rules are read before the transaction: no RPC may run inside it (it can
  // be retried).
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = catalog_.Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  absl::StatusOr<std::vector<AutoLoadRule>> rules =
      repository_.ListAutoLoadRules(calendar_id, {.after = "", .size = 0});
  if (!rules.ok()) return rules.status();
  AutoLoadPlan plan;
  absl::Status run = requests_.ChangeCalendar(
      calendar_id, /*with_requests=*/true, dry_run,
      [&](const CalendarSnapshot& calendar) -> absl::StatusOr<CalendarChanges> {
        return PlanAutoLoadChanges(calendar, *rules, *courses, caller.subject, plan);
      });
  if (!run.ok()) return run;
  return plan;
}

absl::StatusOr<std::vector<GradeCreditRange>> RequestPlanning::GetCreditRanges(
    const auth::Caller& caller, std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.CreditRanges(calendar_id);
}

absl::StatusOr<std::vector<GradeCreditRange>> RequestPlanning::UpdateCreditRanges(
    const auth::Caller& caller, std::string_view calendar_id,
    std::vector<GradeCreditRange> ranges) {
  if (absl::Status s = ValidateCreditRanges(ranges); !s.ok()) return s;
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;
  if (absl::Status s = repository_.ReplaceCreditRanges(calendar_id, ranges); !s.ok()) return s;
  std::sort(ranges.begin(), ranges.end(),
            [](const GradeCreditRange& a, const GradeCreditRange& b) { return a.grade < b.grade; });
  return ranges;
}

absl::StatusOr<VerificationResult> RequestPlanning::Verify(const auth::Caller& caller,
                                                           std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  VerificationContext context;
  absl::StatusOr<CoursesById> courses = Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  context.courses = *std::move(courses);
  absl::StatusOr<std::vector<AutoLoadRule>> rules =
      repository_.ListAutoLoadRules(calendar_id, {.after = "", .size = 0});
  if (!rules.ok()) return rules.status();
  context.auto_load_rules = *std::move(rules);
  absl::StatusOr<std::vector<GradeCreditRange>> ranges = repository_.CreditRanges(calendar_id);
  if (!ranges.ok()) return ranges.status();
  for (const GradeCreditRange& r : *ranges) context.credit_ranges[r.grade] = r;
  absl::StatusOr<RequestSnapshot> snapshot = repository_.Snapshot(calendar_id);
  if (!snapshot.ok()) return snapshot.status();
  return requests::Verify(*snapshot, context);
}

absl::StatusOr<CourseTally> RequestPlanning::Tally(const auth::Caller& caller,
                                                   std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<CoursesById> courses = Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers = catalog_.Teachers(calendar_id);
  if (!teachers.ok()) return teachers.status();
  absl::StatusOr<RequestSnapshot> snapshot = repository_.Snapshot(calendar_id);
  if (!snapshot.ok()) return snapshot.status();
  CourseTally tally{.rows = ComputeTally(*snapshot, *courses, *teachers)};
  tally.coverage = ComputeTeacherCoverage(tally.rows, *courses, *teachers);
  return tally;
}

absl::StatusOr<SchedulingSnapshot> RequestPlanning::ReadSchedulingSnapshot(
    const auth::Caller& caller, std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  return repository_.ReadSchedulingSnapshot(calendar_id);
}

absl::StatusOr<ConflictMatrix> RequestPlanning::Conflicts(const auth::Caller& caller,
                                                          std::string_view calendar_id) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  absl::StatusOr<CoursesById> courses = Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  absl::StatusOr<RequestSnapshot> snapshot = repository_.Snapshot(calendar_id);
  if (!snapshot.ok()) return snapshot.status();
  return ComputeConflictMatrix(*snapshot, *courses);
}

}  // namespace secsched::requests
