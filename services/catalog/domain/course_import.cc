// CSV import (upsert by number, all rows checked before anything is written) and export of a
// calendar's courses.
#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "services/catalog/domain/course_csv.h"
#include "services/catalog/domain/courses.h"

namespace secsched::catalog {
namespace {

constexpr char kFileName[] = "courses.csv";
constexpr int kExportLimit = 1000000;
constexpr size_t kMaxRows = 100000;

bool Contains(const std::vector<CourseField>& fields, CourseField field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

// Field violations of a whole course → row errors on the row's line, except for fields in
// `reported` (already named more precisely).
void AddValueErrors(const CourseValues& values, int line, csv::RowErrors& errors,
                    const std::vector<std::string>& reported = {}) {
  FieldValidator v;
  ValidateCourseValues(values, "", v);
  for (const FieldViolation& violation : FieldViolationsOf(v.Finish())) {
    if (std::find(reported.begin(), reported.end(), violation.field) != reported.end()) continue;
    errors.Add(line, violation.field, violation.description);
  }
}

}  // namespace

absl::StatusOr<ImportResult> Courses::Import(const auth::Caller& caller,
                                             std::string_view calendar_id,
                                             std::string_view csv_text, bool dry_run) {
  csv::RowErrors parse_errors;
  absl::StatusOr<std::vector<CourseCsvRow>> rows = ParseCoursesCsv(csv_text, parse_errors);
  if (!rows.ok()) return rows.status();
  if (rows->size() > kMaxRows) {
    return InvalidField(
        "csv_data", absl::StrCat("has ", rows->size(), " rows; at most ", kMaxRows, " per import"));
  }
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kWrite); !s.ok()) return s;

  ImportResult result;
  absl::Status status = repository_.InTransaction([&](CourseTransaction& tx) -> absl::Status {
    result = ImportResult{};
    csv::RowErrors errors = parse_errors;
    absl::StatusOr<std::vector<Course>> existing = tx.LockCourses(calendar_id);
    if (!existing.ok()) return existing.status();
    std::map<std::string, const Course*, std::less<>> by_number;
    std::set<std::string, std::less<>> used_ids;
    for (const Course& course : *existing) {
      by_number.emplace(course.values.number, &course);
      used_ids.insert(course.id);
    }
    std::map<std::string, int, std::less<>> first_line;  // number → line it first appears on
    std::vector<Course> inserts;
    std::vector<Course> updates;
    for (const CourseCsvRow& row : *rows) {
      const std::string& number = row.values.number;
      if (number.empty()) continue;  // already reported as required
      if (auto [it, fresh] = first_line.emplace(number, row.line); !fresh) {
        errors.Add(row.line, "number", absl::StrCat("repeats line ", it->second));
        continue;
      }
      ImportedRow imported{.line = row.line, .number = number};
      auto found = by_number.find(number);
      if (found != by_number.end()) {
        const Course& before = *found->second;
        Course after = before;
        CopyFields(row.values, row.present, after.values);
        std::vector<FieldChange> diff =
            DiffFields(before.id, before.values, after.values, row.present);
        bool refused = false;
        for (const FieldChange& change : diff) {
          CourseField field = *ParseFieldName(change.field);
          if (Contains(before.locked_fields, field)) {
            errors.Add(row.line, change.field,
                       absl::StrCat("is locked by the district course master ", before.master_id,
                                    " (", change.old_value, ")"));
            refused = true;
          }
        }
        if (refused) continue;
        AddValueErrors(after.values, row.line, errors);
        imported.course_id = before.id;
        if (diff.empty()) {
          imported.action = ImportAction::kUnchanged;
          ++result.unchanged_count;
        } else {
          imported.action = ImportAction::kUpdated;
          ++result.updated_count;
          result.changes.insert(result.changes.end(), diff.begin(), diff.end());
          updates.push_back(std::move(after));
        }
      } else {
        std::vector<std::string> missing;
        for (CourseField needed : {CourseField::kDisplayName, CourseField::kDepartment}) {
          if (!Contains(row.present, needed)) {
            missing.emplace_back(FieldName(needed));
            errors.Add(row.line, FieldName(needed), "is required for a new course");
          }
        }
        AddValueErrors(row.values, row.line, errors, missing);
        std::string id = DefaultIdForNumber(number);
        while (used_ids.contains(id)) id = api::NewId("course-");
        used_ids.insert(id);
        imported.course_id = id;
        imported.action = ImportAction::kCreated;
        ++result.created_count;
        inserts.push_back(
            Course{.calendar_id = std::string(calendar_id), .id = id, .values = row.values});
      }
      result.rows.push_back(std::move(imported));
    }
    if (absl::Status s = errors.ToStatus(kFileName); !s.ok()) return s;
    if (dry_run) return absl::OkStatus();
    if (!inserts.empty()) {
      if (absl::Status s = tx.InsertCourses(inserts); !s.ok()) return s;
    }
    if (!updates.empty()) {
      if (absl::Status s = tx.UpdateCourses(updates); !s.ok()) return s;
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

absl::StatusOr<std::string> Courses::Export(const auth::Caller& caller,
                                            std::string_view calendar_id, bool active_only) {
  if (absl::Status s = Authorize(caller, calendar_id, access::Mode::kRead); !s.ok()) return s;
  CourseFilter filter;
  if (active_only) filter.active = true;
  absl::StatusOr<std::vector<Course>> courses =
      repository_.ListCourses(calendar_id, filter, "", kExportLimit);
  if (!courses.ok()) return courses.status();
  std::vector<CourseValues> values;
  values.reserve(courses->size());
  for (const Course& course : *courses) values.push_back(course.values);
  return WriteCoursesCsv(values);
}

}  // namespace secsched::catalog
