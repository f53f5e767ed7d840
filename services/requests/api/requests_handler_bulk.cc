// RequestsService: batch request creation and the CSV imports.
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/requests/api/proto_convert.h"
#include "services/requests/api/requests_handler.h"

namespace secsched::requests {
namespace {

// CSV text past this is refused before parsing (gRPC's default message limit is 4 MB anyway).
constexpr size_t kMaxCsvBytes = 16 * 1024 * 1024;

}  // namespace

grpc::Status RequestsHandler::ImportStudents(Context* context,
                                             const v1::ImportStudentsRequest* request,
                                             v1::ImportStudentsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    if (request->csv().size() > kMaxCsvBytes) return InvalidField("csv", "must be at most 16 MB");
    if (request->demographics_csv().size() > kMaxCsvBytes) {
      return InvalidField("demographics_csv", "must be at most 16 MB");
    }
    StudentFile file{.text = request->csv(), .demographics = request->demographics_csv()};
    switch (request->format()) {
      case v1::ImportStudentsRequest::FORMAT_UNSPECIFIED:
      case v1::ImportStudentsRequest::STUDENTS_CSV:
        if (!request->demographics_csv().empty()) {
          return InvalidField("demographics_csv", "is for format ONEROSTER_USERS only");
        }
        break;
      case v1::ImportStudentsRequest::ONEROSTER_USERS:
        file.format = StudentFileFormat::kOneRosterUsers;
        break;
      default:
        return InvalidField("format", "must be STUDENTS_CSV or ONEROSTER_USERS");
    }
    absl::StatusOr<StudentImportSummary> summary =
        domain_.bulk.ImportStudents(caller, (*parent)[0], file, request->dry_run());
    if (!summary.ok()) return summary.status();
    response->set_created(summary->created);
    response->set_updated(summary->updated);
    response->set_unchanged(summary->unchanged);
    response->set_skipped(summary->skipped);
    response->set_applied(summary->applied);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::ImportRequests(Context* context,
                                             const v1::ImportRequestsRequest* request,
                                             v1::ImportRequestsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    if (request->csv().size() > kMaxCsvBytes) return InvalidField("csv", "must be at most 16 MB");
    absl::StatusOr<RequestImportSummary> summary = domain_.bulk.ImportRequests(
        caller, (*parent)[0], request->csv(), request->dry_run(), request->replace_existing());
    if (!summary.ok()) return summary.status();
    response->set_students(summary->students);
    response->set_primaries(summary->primaries);
    response->set_alternates(summary->alternates);
    response->set_replaced(summary->replaced);
    response->set_applied(summary->applied);
    return absl::OkStatus();
  });
}

grpc::Status RequestsHandler::BatchCreateRequests(Context* context,
                                                  const v1::BatchCreateRequestsRequest* request,
                                                  v1::BatchCreateRequestsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> parent =
        api::ParseName(request->parent(), kCalendarPattern, "parent");
    if (!parent.ok()) return parent.status();
    const std::string& calendar_id = (*parent)[0];
    FieldValidator v;
    auto course_id = [&](const std::string& name, const std::string& field) -> std::string {
      absl::StatusOr<std::string> id = IdInCalendar(name, kCoursePattern, calendar_id, field);
      if (!id.ok()) {
        v.Add(field, "must be calendars/{calendar}/courses/{course} of the same calendar");
        return "";
      }
      return *id;
    };
    const v1::StudentFilter& f = request->filter();
    BatchFilter filter{.grades = {f.grades().begin(), f.grades().end()},
                       .team = f.team(),
                       .has_course = course_id(f.has_course(), "filter.has_course"),
                       .lacks_course = course_id(f.lacks_course(), "filter.lacks_course")};
    std::vector<BatchCourse> courses;
    for (int i = 0; i < request->courses_size(); ++i) {
      const v1::BatchCourse& c = request->courses(i);
      courses.push_back(BatchCourse{
          .course_id = course_id(c.course(), "courses[" + std::to_string(i) + "].course"),
          .required = c.required(),
          .priority = c.priority()});
    }
    if (absl::Status s = v.Finish("The batch has invalid fields."); !s.ok()) return s;
    absl::StatusOr<BatchPlan> plan =
        domain_.bulk.BatchCreate(caller, calendar_id, filter, courses, request->dry_run());
    if (!plan.ok()) return plan.status();
    for (const StudentBatchPlan& s : plan->students) {
      v1::StudentPlan* out = response->add_plans();
      out->set_student(api::FormatName(kStudentPattern, {calendar_id, s.student_number}));
      for (const std::string& added : s.added) {
        out->add_added(api::FormatName(kCoursePattern, {calendar_id, added}));
      }
      for (const auto& [course, reason] : s.skipped) {
        v1::StudentPlan::Skip* skip = out->add_skipped();
        skip->set_course(api::FormatName(kCoursePattern, {calendar_id, course}));
        skip->set_reason(reason);
      }
    }
    response->set_students_matched(static_cast<int>(plan->students.size()));
    response->set_requests_added(plan->added);
    response->set_requests_skipped(plan->skipped);
    response->set_applied(plan->applied);
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
