// courses import | list — CourseService. CSV columns: docs/formats/courses-csv.md.
#include <sstream>
#include <vector>

#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<catalog::CourseService::Stub> CourseStub(const CommandContext& context) {
  return catalog::CourseService::NewStub(ChannelTo(context, Service::kCatalog));
}

std::string Number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

int ImportCourses(const CommandContext& context) {
  absl::StatusOr<std::string> csv = ReadInputFile(context.args.Get("file"));
  if (!csv.ok()) return UsageError(context, std::string(csv.status().message()));
  catalog::ImportCoursesRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_csv_data(*std::move(csv));
  request.set_dry_run(context.args.Has("dry-run"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::ImportCoursesResponse response;
  grpc::Status status = CourseStub(context)->ImportCourses(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, response);
  }
  context.out << RenderColumns({{"rows", std::to_string(response.rows_size())},
                                {"created", std::to_string(response.created_count())},
                                {"updated", std::to_string(response.updated_count())},
                                {"unchanged", std::to_string(response.unchanged_count())}});
  if (response.changes_size() > 0) {
    Rows changes = {{"COURSE", "FIELD", "OLD", "NEW"}};
    for (const catalog::CourseFieldChange& change : response.changes()) {
      changes.push_back(
          {ShortId(change.course()), change.field(), change.old_value(), change.new_value()});
    }
    context.out << "\n" << RenderColumns(changes);
  }
  if (request.dry_run()) context.out << "dry run: nothing was written\n";
  context.out << std::flush;
  return kExitOk;
}

std::string TermLengthText(catalog::TermLength length) {
  switch (length) {
    case catalog::YEAR:
      return "year";
    case catalog::SEMESTER:
      return "semester";
    case catalog::QUARTER:
      return "quarter";
    default:
      return "";
  }
}

int ListCourses(const CommandContext& context) {
  int grade = 0, exit_code = kExitOk;
  if (!WholeNumberFlag(context, "grade", 0, grade, exit_code)) return exit_code;
  catalog::ListCoursesRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_page_size(1000);
  request.set_active_only(context.args.Has("active-only"));
  request.set_department(context.args.Get("department"));
  request.set_grade(grade);
  auto stub = CourseStub(context);
  catalog::ListCoursesResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, catalog::ListCoursesResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListCourses(&call, request, &page);
      },
      [](catalog::ListCoursesResponse& response) { return response.mutable_courses(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, all);
  }
  Rows rows = {{"NUMBER", "ID", "NAME", "DEPARTMENT", "GRADES", "TERM", "CREDITS", "MAX",
                "SECTIONS", "ROOM", "PRIORITY", "ACTIVE"}};
  for (const catalog::Course& course : all.courses()) {
    rows.push_back(
        {course.number(), ShortId(course.name()), course.display_name(), course.department(),
         std::to_string(course.min_grade()) + "-" + std::to_string(course.max_grade()),
         TermLengthText(course.term_length()), Number(course.credits()),
         std::to_string(course.max_students()),
         course.sections_to_build() == 0 ? "auto" : std::to_string(course.sections_to_build()),
         course.room_type(), std::to_string(course.load_priority()), YesOrBlank(course.active())});
  }
  context.out << RenderColumns(rows) << all.courses_size() << " courses\n" << std::flush;
  return kExitOk;
}

}  // namespace

std::vector<Command> CourseCommands() {
  return {
      {.resource = "courses",
       .verb = "import",
       .synopsis = "--calendar CAL --file COURSES.csv [--dry-run]",
       .summary = "Upsert a calendar's courses by number from CSV, all or nothing "
                  "(docs/formats/courses-csv.md; --file - reads stdin).",
       .value_flags = {"calendar", "file"},
       .switches = {"dry-run"},
       .required = {"calendar", "file"},
       .run = ImportCourses},
      {.resource = "courses",
       .verb = "list",
       .synopsis = "--calendar CAL [--department D] [--grade G] [--active-only]",
       .summary = "List a calendar's courses, ordered by number (every page).",
       .value_flags = {"calendar", "department", "grade"},
       .switches = {"active-only"},
       .required = {"calendar"},
       .run = ListCourses},
  };
}

}  // namespace secsched::schedctl
