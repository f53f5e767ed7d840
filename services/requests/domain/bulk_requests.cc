#include "services/requests/domain/bulk_requests.h"

#include "common/access/authorize.h"
#include "services/requests/domain/oneroster_students.h"

namespace secsched::requests {

absl::Status BulkRequests::AuthorizeWrite(const auth::Caller& caller,
                                          std::string_view calendar_id) {
  return access::AuthorizeCalendarAccess(caller, calendar_id, access::Mode::kWrite, schools_,
                                         access_);
}

absl::StatusOr<StudentImportSummary> BulkRequests::ImportStudents(const auth::Caller& caller,
                                                                  std::string_view calendar_id,
                                                                  const StudentFile& file,
                                                                  bool dry_run) {
  if (absl::Status allowed = AuthorizeWrite(caller, calendar_id); !allowed.ok()) return allowed;
  absl::StatusOr<ParsedStudents> parsed =
      file.format == StudentFileFormat::kOneRosterUsers
          ? ParseOneRosterStudents(calendar_id, file.text, file.demographics)
          : ParseStudentsCsv(calendar_id, file.text);
  if (!parsed.ok()) return parsed.status();
  StudentImportSummary summary;
  absl::Status status = repository_.ChangeCalendar(
      calendar_id, /*with_requests=*/false, dry_run, [&](const CalendarSnapshot& calendar) {
        return PlanStudentImport(*parsed, calendar, summary);
      });
  if (!status.ok()) return status;
  summary.skipped = parsed->skipped;
  summary.applied = !dry_run;
  return summary;
}

absl::StatusOr<RequestImportSummary> BulkRequests::ImportRequests(const auth::Caller& caller,
                                                                  std::string_view calendar_id,
                                                                  std::string_view csv_text,
                                                                  bool dry_run,
                                                                  bool replace_existing) {
  if (absl::Status allowed = AuthorizeWrite(caller, calendar_id); !allowed.ok()) return allowed;
  absl::StatusOr<ParsedRequests> parsed = ParseRequestsCsv(csv_text);
  if (!parsed.ok()) return parsed.status();
  absl::StatusOr<std::vector<catalog::CatalogCourse>> courses = catalog_.Courses(calendar_id);
  if (!courses.ok()) return courses.status();
  const CourseIndex index(*std::move(courses));
  RequestImportSummary summary;
  absl::Status status = repository_.ChangeCalendar(
      calendar_id, /*with_requests=*/true, dry_run, [&](const CalendarSnapshot& calendar) {
        return PlanRequestImport(*parsed, calendar, index, replace_existing, caller.subject,
                                 summary);
      });
  if (!status.ok()) return status;
  summary.applied = !dry_run;
  return summary;
}

absl::StatusOr<BatchPlan> BulkRequests::BatchCreate(const auth::Caller& caller,
                                                    std::string_view calendar_id,
                                                    const BatchFilter& filter,
                                                    const std::vector<BatchCourse>& courses,
                                                    bool dry_run) {
  if (absl::Status valid = ValidateBatch(filter, courses); !valid.ok()) return valid;
  if (absl::Status allowed = AuthorizeWrite(caller, calendar_id); !allowed.ok()) return allowed;
  absl::StatusOr<std::vector<catalog::CatalogCourse>> catalog_courses =
      catalog_.Courses(calendar_id);
  if (!catalog_courses.ok()) return catalog_courses.status();
  const CourseIndex index(*std::move(catalog_courses));
  BatchPlan plan;
  absl::Status status = repository_.ChangeCalendar(
      calendar_id, /*with_requests=*/true, dry_run,
      [&](const CalendarSnapshot& calendar) -> absl::StatusOr<CalendarChanges> {
        absl::StatusOr<BatchPlan> planned =
            PlanBatch(calendar, filter, courses, index, caller.subject);
        if (!planned.ok()) return planned.status();
        plan = *std::move(planned);
        return CalendarChanges{.requests = plan.changes};
      });
  if (!status.ok()) return status;
  plan.applied = !dry_run;
  return plan;
}

}  // namespace secsched::requests
