#include "services/sectioning/domain/rosters.h"

#include <algorithm>
#include <cstdio>

#include "common/access/authorize.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "services/sectioning/domain/calendar_guard.h"

namespace secsched::sectioning {
namespace {

constexpr size_t kMaxReason = 500;
constexpr size_t kMaxRequestId = 128;
constexpr double kMaxCredit = 999.99;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// "YYYY-MM-DD" naming a real day.
bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int y = std::stoi(std::string(text.substr(0, 4)));
  int m = std::stoi(std::string(text.substr(5, 2)));
  int d = std::stoi(std::string(text.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

void RequireCommon(FieldValidator& v, const std::string& student_id, const std::string& reason,
                   const std::string& request_id) {
  v.Require(api::IsValidId(student_id), "student", "must be a student id (1-63 of a-z, 0-9, -)");
  v.Require(reason.size() <= kMaxReason, "reason", "must be at most 500 characters");
  v.Require(request_id.size() <= kMaxRequestId, "request_id", "must be at most 128 characters");
}

}  // namespace

void ValidateEnrollmentFields(FieldValidator& v, const Enrollment& e) {
  bool start_ok = e.start_date.empty() || IsDate(e.start_date);
  bool end_ok = e.end_date.empty() || IsDate(e.end_date);
  v.Require(start_ok, "enrollment.start_date", "must be a date YYYY-MM-DD");
  v.Require(end_ok, "enrollment.end_date", "must be a date YYYY-MM-DD");
  if (start_ok && end_ok && !e.start_date.empty() && !e.end_date.empty()) {
    v.Require(e.end_date >= e.start_date, "enrollment.end_date", "must not be before start_date");
  }
  if (e.credit_override) {
    v.Require(*e.credit_override >= 0 && *e.credit_override <= kMaxCredit,
              "enrollment.credit_override", "must be between 0 and 999.99");
  }
  if (e.request_rank) {
    v.Require(*e.request_rank >= 0 && *e.request_rank <= 99, "enrollment.request_rank",
              "must be 0 (the primary request) or an alternate's rank 1..99");
  }
}

namespace {

std::vector<Section> Without(const std::vector<Section>& sections, const std::string& id) {
  std::vector<Section> out;
  for (const Section& s : sections) {
    if (s.section_id != id) out.push_back(s);
  }
  return out;
}

}  // namespace

std::string_view ChangeActionName(ChangeAction action) {
  switch (action) {
    case ChangeAction::kAdd:
      return "ADD";
    case ChangeAction::kDrop:
      return "DROP";
    case ChangeAction::kMove:
      return "MOVE";
    case ChangeAction::kUpdate:
      return "UPDATE";
  }
  return "";
}

bool HasOverloadRight(const auth::Caller& caller) {
  return caller.HasScope(kScopeOverload) || caller.HasScope(auth::kScopeAdmin);
}

absl::Status Rosters::AuthorizeWrite(const auth::Caller& caller, const TrialKey& trial) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, trial.calendar_id, access::Mode::kWrite, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return RequireApprovedCalendar(catalog_, trial.calendar_id);
}

absl::StatusOr<WalkInFacts> Rosters::FactsFor(const auth::Caller& caller, const TrialKey& trial,
                                              std::string_view student_id,
                                              std::string_view course_id) {
  WalkInFacts facts;
  absl::StatusOr<StudentInfo> student = students_.Student(trial.calendar_id, student_id);
  if (!student.ok()) return student.status();
  facts.student = *std::move(student);
  absl::StatusOr<std::vector<StudentCourseRule>> rules =
      rules_.RulesFor(trial.calendar_id, course_id);
  if (!rules.ok()) return rules.status();
  facts.rules = *std::move(rules);
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(trial.calendar_id);
  if (!calendar.ok()) return calendar.status();
  for (const catalog::CatalogTerm& term : calendar->terms) facts.term_order.push_back(term.id);
  facts.may_overload = HasOverloadRight(caller);
  return facts;
}

absl::StatusOr<api::Page<StoredEnrollment>> Rosters::ListRoster(const auth::Caller& caller,
                                                                const SectionKey& section,
                                                                const api::PageRequest& page) {
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, section.calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  if (absl::StatusOr<Section> s = repository_.GetSection(section); !s.ok()) return s.status();
  return repository_.ListRoster(section, page);
}

absl::StatusOr<StudentSchedule> Rosters::GetStudentSchedule(const auth::Caller& caller,
                                                            const TrialKey& trial,
                                                            std::string_view student_id) {
  if (!api::IsValidId(student_id)) return InvalidField("student", "must be a student id");
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, trial.calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.ReadStudentSchedule(trial, student_id);
}

absl::StatusOr<std::vector<ScheduledSection>> Rosters::GetTeacherSchedule(
    const auth::Caller& caller, const TrialKey& trial, std::string_view teacher_id) {
  if (!api::IsValidId(teacher_id)) return InvalidField("teacher", "must be a teacher id");
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, trial.calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.TeacherSections(trial, teacher_id);
}

absl::StatusOr<api::Page<ScheduleChange>> Rosters::ListChanges(const auth::Caller& caller,
                                                               const ChangeQuery& query,
                                                               const api::PageRequest& page) {
  FieldValidator v;
  bool both = !query.student_id.empty() && !query.section_id.empty();
  v.Require(!both, "student", "give at most one of student and section");
  if (!both) {
    v.Require(query.student_id.empty() || api::IsValidId(query.student_id), "student",
              "must be a student id");
    v.Require(query.section_id.empty() || api::IsValidId(query.section_id), "section",
              "must be a section id");
  }
  if (absl::Status valid = v.Finish(); !valid.ok()) return valid;
  if (absl::Status allowed = access::AuthorizeCalendarAccess(
          caller, query.trial.calendar_id, access::Mode::kRead, schools_, access_);
      !allowed.ok()) {
    return allowed;
  }
  return repository_.ListChanges(query, page);
}

absl::StatusOr<StoredEnrollment> Rosters::Add(const auth::Caller& caller,
                                              const AddRequest& request) {
  FieldValidator v;
  RequireCommon(v, request.student_id, request.reason, request.request_id);
  ValidateEnrollmentFields(v, request.fields);
  if (absl::Status valid = v.Finish("The enrollment has invalid fields."); !valid.ok()) {
    return valid;
  }
  TrialKey trial = request.section.trial();
  if (absl::Status allowed = AuthorizeWrite(caller, trial); !allowed.ok()) return allowed;
  absl::StatusOr<Section> section = repository_.GetSection(request.section);
  if (!section.ok()) return section.status();
  absl::StatusOr<WalkInFacts> facts =
      FactsFor(caller, trial, request.student_id, section->course_id);
  if (!facts.ok()) return facts.status();

  WalkIn change{.action = ChangeAction::kAdd,
                .trial = trial,
                .student_id = request.student_id,
                .to_section_id = request.section.section_id,
                .fields = request.fields,
                .actor = caller.subject,
                .reason = request.reason,
                .request_id = request.request_id};
  std::string course = section->course_id;
  return repository_.ApplyWalkIn(
      change, [&](const WalkInSnapshot& snapshot) -> absl::StatusOr<bool> {
        if (snapshot.to->course_id != course) {
          return absl::AbortedError("The section's course changed meanwhile; try again.");
        }
        return CheckWalkIn(*snapshot.to, snapshot.student_sections, *facts);
      });
}

absl::Status Rosters::Drop(const auth::Caller& caller, const DropRequest& request) {
  FieldValidator v;
  RequireCommon(v, request.student_id, request.reason, request.request_id);
  if (absl::Status valid = v.Finish(); !valid.ok()) return valid;
  TrialKey trial = request.section.trial();
  if (absl::Status allowed = AuthorizeWrite(caller, trial); !allowed.ok()) return allowed;
  WalkIn change{.action = ChangeAction::kDrop,
                .trial = trial,
                .student_id = request.student_id,
                .from_section_id = request.section.section_id,
                .actor = caller.subject,
                .reason = request.reason,
                .request_id = request.request_id};
  absl::StatusOr<StoredEnrollment> dropped = repository_.ApplyWalkIn(
      change, [](const WalkInSnapshot&) -> absl::StatusOr<bool> { return false; });
  return dropped.status();
}

absl::StatusOr<StoredEnrollment> Rosters::Move(const auth::Caller& caller,
                                               const MoveRequest& request) {
  FieldValidator v;
  RequireCommon(v, request.student_id, request.reason, request.request_id);
  v.Require(api::IsValidId(request.to_section_id), "to_section", "must name a section");
  v.Require(request.to_section_id != request.from.section_id, "to_section",
            "must be another section than the one the student is in");
  if (absl::Status valid = v.Finish(); !valid.ok()) return valid;
  TrialKey trial = request.from.trial();
  if (absl::Status allowed = AuthorizeWrite(caller, trial); !allowed.ok()) return allowed;
  absl::StatusOr<Section> to =
      repository_.GetSection({trial.calendar_id, trial.trial_id, request.to_section_id});
  if (!to.ok()) return to.status();
  absl::StatusOr<WalkInFacts> facts = FactsFor(caller, trial, request.student_id, to->course_id);
  if (!facts.ok()) return facts.status();

  WalkIn change{.action = ChangeAction::kMove,
                .trial = trial,
                .student_id = request.student_id,
                .from_section_id = request.from.section_id,
                .to_section_id = request.to_section_id,
                .actor = caller.subject,
                .reason = request.reason,
                .request_id = request.request_id};
  std::string course = to->course_id;
  return repository_.ApplyWalkIn(
      change, [&](const WalkInSnapshot& snapshot) -> absl::StatusOr<bool> {
        if (absl::Status same = CheckSameCourse(*snapshot.from, *snapshot.to); !same.ok()) {
          return same;
        }
        if (snapshot.to->course_id != course) {
          return absl::AbortedError("The section's course changed meanwhile; try again.");
        }
        return CheckWalkIn(*snapshot.to,
                           Without(snapshot.student_sections, snapshot.from->section_id), *facts);
      });
}

}  // namespace secsched::sectioning
