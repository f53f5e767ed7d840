#include "services/sectioning/domain/roster_batch.h"

#include <map>
#include <set>

#include "common/api/resource_name.h"
#include "common/status/status.h"

namespace secsched::sectioning {
namespace {

// Past this many, more violations are not listed (the trailer has a size limit).
constexpr size_t kMaxViolations = 100;

const std::set<std::string>& UpdatablePaths() {
  static const std::set<std::string> paths = {"start_date", "end_date", "credit_override",
                                              "repeat"};
  return paths;
}

}  // namespace

absl::Status ValidateBatchRows(const std::vector<BatchRow>& rows) {
  std::vector<FieldViolation> violations;
  auto add = [&](std::string field, std::string description) {
    if (violations.size() < kMaxViolations) {
      violations.push_back({std::move(field), std::move(description)});
    }
  };
  if (rows.empty()) add("rows", "must hold at least one row");
  if (rows.size() > static_cast<size_t>(kMaxBatchRows)) add("rows", "must hold at most 10000 rows");
  for (size_t i = 0; i < rows.size() && violations.size() < kMaxViolations; ++i) {
    const BatchRow& row = rows[i];
    std::string prefix = "rows[" + std::to_string(i) + "].";
    if (!api::IsValidId(row.student_id)) add(prefix + "student", "must be a student id");
    if (!api::IsValidId(row.section_id)) add(prefix + "section", "must be a section id");
    if (row.action == BatchAction::kMove &&
        (!api::IsValidId(row.to_section_id) || row.to_section_id == row.section_id)) {
      add(prefix + "to_section", "must be another section id");
    }
    if (row.action == BatchAction::kAdd || row.action == BatchAction::kUpdate) {
      FieldValidator v;
      ValidateEnrollmentFields(v, row.fields);
      for (const FieldViolation& f : FieldViolationsOf(v.Finish())) {
        add(prefix + f.field, f.description);
      }
    }
    if (row.action == BatchAction::kUpdate) {
      if (row.update_paths.empty()) add(prefix + "update_mask", "must name at least one field");
      for (const std::string& path : row.update_paths) {
        if (!UpdatablePaths().count(path)) {
          add(prefix + "update_mask",
              "unknown path " + path + " (start_date, end_date, credit_override, repeat)");
        }
      }
    }
  }
  if (violations.empty()) return absl::OkStatus();
  return InvalidArgumentWithFields("The batch has invalid rows.", std::move(violations));
}

absl::StatusOr<BatchResult> Rosters::BatchEdit(const auth::Caller& caller,
                                               const BatchRequest& request) {
  if (absl::Status valid = ValidateBatchRows(request.rows); !valid.ok()) return valid;
  FieldValidator v;
  v.Require(request.reason.size() <= 500, "reason", "must be at most 500 characters");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  if (absl::Status valid = v.Finish(); !valid.ok()) return valid;
  if (absl::Status allowed = AuthorizeWrite(caller, request.trial); !allowed.ok()) return allowed;

  // Facts the checks need, read before the transaction (they are RPCs): each section's course,
  // each adding or moving student, each course's rules, the term order.
  std::map<std::string, std::string> course_of;
  std::map<std::string, absl::StatusOr<StudentInfo>> students;
  for (const BatchRow& row : request.rows) {
    if (row.action != BatchAction::kAdd && row.action != BatchAction::kMove) continue;
    const std::string& target =
        row.action == BatchAction::kAdd ? row.section_id : row.to_section_id;
    if (!course_of.count(target)) {
      absl::StatusOr<Section> section =
          repository_.GetSection({request.trial.calendar_id, request.trial.trial_id, target});
      if (section.ok()) {
        course_of[target] = section->course_id;
      } else if (section.status().code() != absl::StatusCode::kNotFound) {
        return section.status();
      }
    }
    if (!students.count(row.student_id)) {
      absl::StatusOr<StudentInfo> student =
          students_.Student(request.trial.calendar_id, row.student_id);
      if (!student.ok() && student.status().code() != absl::StatusCode::kNotFound) {
        return student.status();
      }
      students.emplace(row.student_id, std::move(student));
    }
  }
  std::map<std::string, std::vector<StudentCourseRule>> rules;
  for (const auto& [section, course] : course_of) {
    if (rules.count(course)) continue;
    absl::StatusOr<std::vector<StudentCourseRule>> found =
        rules_.RulesFor(request.trial.calendar_id, course);
    if (!found.ok()) return found.status();
    rules[course] = *std::move(found);
  }
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(request.trial.calendar_id);
  if (!calendar.ok()) return calendar.status();
  std::vector<std::string> term_order;
  for (const catalog::CatalogTerm& term : calendar->terms) term_order.push_back(term.id);
  bool may_overload = HasOverloadRight(caller);

  BatchApply plan{.trial = request.trial,
                  .validate_only = request.validate_only,
                  .per_row = request.per_row,
                  .request_id = request.request_id};
  for (const BatchRow& row : request.rows) {
    WalkIn change{.trial = request.trial,
                  .student_id = row.student_id,
                  .fields = row.fields,
                  .actor = caller.subject,
                  .reason = request.reason,
                  .request_id = request.request_id,
                  .update_paths = row.update_paths};
    switch (row.action) {
      case BatchAction::kAdd:
        change.action = ChangeAction::kAdd;
        change.to_section_id = row.section_id;
        break;
      case BatchAction::kDrop:
        change.action = ChangeAction::kDrop;
        change.from_section_id = row.section_id;
        break;
      case BatchAction::kMove:
        change.action = ChangeAction::kMove;
        change.from_section_id = row.section_id;
        change.to_section_id = row.to_section_id;
        break;
      case BatchAction::kUpdate:
        change.action = ChangeAction::kUpdate;
        change.from_section_id = row.section_id;
        break;
    }
    plan.rows.push_back(std::move(change));
  }

  return repository_.ApplyBatch(
      plan, [&](size_t i, const WalkInSnapshot& snapshot) -> absl::StatusOr<bool> {
        const BatchRow& row = request.rows[i];
        if (row.action == BatchAction::kDrop || row.action == BatchAction::kUpdate) return false;
        const absl::StatusOr<StudentInfo>& student = students.at(row.student_id);
        if (!student.ok()) return student.status();
        WalkInFacts facts{.student = *student,
                          .rules = rules[snapshot.to->course_id],
                          .term_order = term_order,
                          .may_overload = may_overload};
        if (row.action == BatchAction::kAdd) {
          return CheckWalkIn(*snapshot.to, snapshot.student_sections, facts);
        }
        if (absl::Status same = CheckSameCourse(*snapshot.from, *snapshot.to); !same.ok()) {
          return same;
        }
        std::vector<Section> others;
        for (const Section& s : snapshot.student_sections) {
          if (s.section_id != snapshot.from->section_id) others.push_back(s);
        }
        return CheckWalkIn(*snapshot.to, others, facts);
      });
}

}  // namespace secsched::sectioning
