// teachers import | list, rooms import | list — ResourceService.
// CSV columns: docs/formats/teachers-rooms-csv.md.
#include <vector>

#include "absl/strings/str_join.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<catalog::ResourceService::Stub> ResourceStub(const CommandContext& context) {
  return catalog::ResourceService::NewStub(ChannelTo(context, Service::kCatalog));
}

// Both imports take the same request shape and answer with the counts.
template <typename Request, typename Call>
int ImportResources(const CommandContext& context, Call call_method) {
  absl::StatusOr<std::string> csv = ReadInputFile(context.args.Get("file"));
  if (!csv.ok()) return UsageError(context, std::string(csv.status().message()));
  Request request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_csv_data(*std::move(csv));
  request.set_validate_only(context.args.Has("dry-run"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  catalog::ImportResourcesResponse response;
  const int code = Report(context, Service::kCatalog,
                          call_method(*ResourceStub(context), &call, request, &response), response);
  if (code == kExitOk && request.validate_only() &&
      context.options.output == OutputFormat::kTable) {
    context.out << "dry run: nothing was written\n" << std::flush;
  }
  return code;
}

int ImportTeachers(const CommandContext& context) {
  return ImportResources<catalog::ImportTeachersRequest>(
      context, [](catalog::ResourceService::Stub& stub, grpc::ClientContext* call,
                  const catalog::ImportTeachersRequest& request,
                  catalog::ImportResourcesResponse* response) {
        return stub.ImportTeachers(call, request, response);
      });
}

int ImportRooms(const CommandContext& context) {
  return ImportResources<catalog::ImportRoomsRequest>(
      context,
      [](catalog::ResourceService::Stub& stub, grpc::ClientContext* call,
         const catalog::ImportRoomsRequest& request, catalog::ImportResourcesResponse* response) {
        return stub.ImportRooms(call, request, response);
      });
}

// "1;5@s1", as the CSV writes unavailable periods.
std::string UnavailableText(
    const google::protobuf::RepeatedPtrField<catalog::UnavailablePeriod>& periods) {
  std::vector<std::string> items;
  for (const catalog::UnavailablePeriod& period : periods) {
    items.push_back(std::to_string(period.period()) +
                    (period.term().empty() ? "" : "@" + period.term()));
  }
  return absl::StrJoin(items, ";");
}

int ListTeachers(const CommandContext& context) {
  catalog::ListTeachersRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_page_size(1000);
  request.set_active_only(context.args.Has("active-only"));
  auto stub = ResourceStub(context);
  catalog::ListTeachersResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, catalog::ListTeachersResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListTeachers(&call, request, &page);
      },
      [](catalog::ListTeachersResponse& response) { return response.mutable_teachers(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, all);
  }
  Rows rows = {{"ID", "STAFF", "NAME", "MAX SECTIONS", "CAN TEACH", "UNAVAILABLE", "ACTIVE"}};
  for (const catalog::Teacher& teacher : all.teachers()) {
    std::vector<std::string> teaches(teacher.departments().begin(), teacher.departments().end());
    teaches.insert(teaches.end(), teacher.can_teach_courses().begin(),
                   teacher.can_teach_courses().end());
    rows.push_back({ShortId(teacher.name()), teacher.staff_id(), teacher.display_name(),
                    std::to_string(teacher.max_sections()), absl::StrJoin(teaches, ";"),
                    UnavailableText(teacher.unavailable()), YesOrBlank(teacher.active())});
  }
  context.out << RenderColumns(rows) << all.teachers_size() << " teachers\n" << std::flush;
  return kExitOk;
}

int ListRooms(const CommandContext& context) {
  catalog::ListRoomsRequest request;
  request.set_parent(QualifiedName("calendars", context.args.Get("calendar")));
  request.set_page_size(1000);
  request.set_active_only(context.args.Has("active-only"));
  auto stub = ResourceStub(context);
  catalog::ListRoomsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, catalog::ListRoomsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListRooms(&call, request, &page);
      },
      [](catalog::ListRoomsResponse& response) { return response.mutable_rooms(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kCatalog, status, all);
  }
  Rows rows = {{"ID", "NUMBER", "CAPACITY", "TYPE", "UNAVAILABLE", "ACTIVE"}};
  for (const catalog::Room& room : all.rooms()) {
    rows.push_back({ShortId(room.name()), room.number(), std::to_string(room.capacity()),
                    room.room_type(), UnavailableText(room.unavailable()),
                    YesOrBlank(room.active())});
  }
  context.out << RenderColumns(rows) << all.rooms_size() << " rooms\n" << std::flush;
  return kExitOk;
}

}  // namespace

std::vector<Command> ResourceCommands() {
  return {
      {.resource = "teachers",
       .verb = "import",
       .synopsis = "--calendar CAL --file TEACHERS.csv [--dry-run]",
       .summary = "Upsert a calendar's teachers by staff_id from CSV, all or nothing "
                  "(docs/formats/teachers-rooms-csv.md).",
       .value_flags = {"calendar", "file"},
       .switches = {"dry-run"},
       .required = {"calendar", "file"},
       .run = ImportTeachers},
      {.resource = "teachers",
       .verb = "list",
       .synopsis = "--calendar CAL [--active-only]",
       .summary = "List a calendar's teachers (every page).",
       .value_flags = {"calendar"},
       .switches = {"active-only"},
       .required = {"calendar"},
       .run = ListTeachers},
      {.resource = "rooms",
       .verb = "import",
       .synopsis = "--calendar CAL --file ROOMS.csv [--dry-run]",
       .summary = "Upsert a calendar's rooms by number from CSV, all or nothing "
                  "(docs/formats/teachers-rooms-csv.md).",
       .value_flags = {"calendar", "file"},
       .switches = {"dry-run"},
       .required = {"calendar", "file"},
       .run = ImportRooms},
      {.resource = "rooms",
       .verb = "list",
       .synopsis = "--calendar CAL [--active-only]",
       .summary = "List a calendar's rooms (every page).",
       .value_flags = {"calendar"},
       .switches = {"active-only"},
       .required = {"calendar"},
       .run = ListRooms},
  };
}

}  // namespace secsched::schedctl
