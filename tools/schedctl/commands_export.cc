// export oneroster — ScheduleExportService (protos/secsched/sectioning/v1/export.proto): the
// OneRoster 1.1 CSV zip of a calendar's active trial, or of the district, written to a file.
// The streamed chunks go to "<file>.part", renamed into place only once the whole archive
// arrived, so a broken stream never leaves a truncated zip under the real name.
#include <cstdio>
#include <fstream>

#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "tools/schedctl/command.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;

int OneRoster(const CommandContext& context) {
  const bool district = context.args.Has("district");
  if (district == context.args.Has("calendar")) {
    return UsageError(context, "give exactly one of --calendar CAL and --district");
  }
  sectioning::ExportOneRosterRequest request;
  request.set_calendar(district ? "calendars/-"
                                : QualifiedName("calendars", context.args.Get("calendar")));
  grpc::ClientContext call;
  PrepareCall(context, call);
  auto stub = sectioning::ScheduleExportService::NewStub(ChannelTo(context, Service::kSectioning));
  std::unique_ptr<grpc::ClientReader<sectioning::ExportChunk>> reader =
      stub->ExportOneRoster(&call, request);

  std::string path = context.args.Get("to");
  std::string part;
  std::ofstream file;
  sectioning::ExportChunk chunk;
  sectioning::ExportChunk first;
  int64_t written = 0;
  bool failed_to_write = false;
  while (reader->Read(&chunk)) {
    if (written == 0 && !file.is_open()) {
      first = chunk;
      first.clear_data();
      if (path.empty()) path = chunk.filename();
      part = path + ".part";
      file.open(part, std::ios::binary | std::ios::trunc);
      failed_to_write = !file;
    }
    if (failed_to_write) continue;  // drain the stream, then report
    file.write(chunk.data().data(), static_cast<std::streamsize>(chunk.data().size()));
    written += static_cast<int64_t>(chunk.data().size());
    failed_to_write = !file;
  }
  grpc::Status status = reader->Finish();
  if (file.is_open()) file.close();
  if (!status.ok()) {
    if (!part.empty()) std::remove(part.c_str());
    return ReportRpcError(context, Service::kSectioning, status);
  }
  if (failed_to_write || written != first.total_bytes()) {
    if (!part.empty()) std::remove(part.c_str());
    context.err << "error: "
                << (failed_to_write ? "could not write " + part : "the export arrived incomplete")
                << "\n";
    return kExitFailed;
  }
  if (std::rename(part.c_str(), path.c_str()) != 0) {
    context.err << "error: could not rename " << part << " to " << path << "\n";
    return kExitFailed;
  }
  if (context.options.output == OutputFormat::kJson) {
    context.out << "{\"file\": \"" << path << "\", \"bytes\": " << written
                << ", \"calendars\": " << first.calendars() << "}\n";
  } else {
    context.out << "wrote " << path << " (" << written << " bytes, " << first.calendars()
                << (first.calendars() == 1 ? " calendar" : " calendars") << ")\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> ExportCommands() {
  return {
      {.resource = "export",
       .verb = "oneroster",
       .synopsis = "(--calendar CAL | --district) [--to FILE.zip]",
       .summary = "OneRoster 1.1 CSV zip of the active trial (one calendar or every readable one).",
       .value_flags = {"calendar", "to"},
       .switches = {"district"},
       .operands = 0,
       .run = OneRoster},
  };
}

}  // namespace secsched::schedctl
