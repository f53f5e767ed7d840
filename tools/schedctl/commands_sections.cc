// sections create | get | list | update | delete | move | grid — SectionService.
// A placement is written TERM:PERIOD[:DAY] items joined by commas ("s1:2,s2:2", "s1:3:a").
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "secsched/sectioning/v1/sections.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<sectioning::SectionService::Stub> SectionStub(const CommandContext& context) {
  return sectioning::SectionService::NewStub(ChannelTo(context, Service::kSectioning));
}

// "s1:2,s2:2:a" → meetings; false (and a usage error in `exit_code`) when malformed.
bool ParsePlacement(const CommandContext& context, const std::string& text,
                    google::protobuf::RepeatedPtrField<sectioning::SectionMeeting>* out,
                    int& exit_code) {
  const std::vector<std::string> items = absl::StrSplit(text, ',', absl::SkipEmpty());
  for (const std::string& item : items) {
    std::vector<std::string> parts = absl::StrSplit(item, ':');
    std::optional<int> period = parts.size() >= 2 ? WholeNumber(parts[1]) : std::nullopt;
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || !period) {
      exit_code = UsageError(context,
                             "--placement: \"" + std::string(item) + "\" is not TERM:PERIOD[:DAY]");
      return false;
    }
    sectioning::SectionMeeting* meeting = out->Add();
    meeting->set_term(parts[0]);
    meeting->set_period(*period);
    if (parts.size() == 3) meeting->set_day_type(parts[2]);
  }
  return true;
}

std::string PlacementText(
    const google::protobuf::RepeatedPtrField<sectioning::SectionMeeting>& meetings) {
  std::vector<std::string> items;
  for (const sectioning::SectionMeeting& m : meetings) {
    items.push_back(m.term() + ":" + std::to_string(m.period()) +
                    (m.day_type().empty() ? "" : ":" + m.day_type()));
  }
  return absl::StrJoin(items, ",");
}

std::string CourseId(const std::string& course) {
  return ShortId(CourseName("calendars/-", course));
}

// The section fields given as flags, and their update_mask paths. False on a usage error.
bool SectionFromFlags(const CommandContext& context, sectioning::Section& section,
                      std::vector<std::string>& paths, int& exit_code) {
  const ParsedArgs& args = context.args;
  if (args.Has("number")) {
    int number = 0;
    if (!WholeNumberFlag(context, "number", 0, number, exit_code)) return false;
    section.set_section_number(number);
    paths.push_back("section_number");
  }
  if (args.Has("teacher")) {
    section.set_primary_teacher(args.Get("teacher"));
    paths.push_back("primary_teacher");
  }
  if (args.Has("co-teachers")) {
    const std::vector<std::string> ids =
        absl::StrSplit(args.Get("co-teachers"), ',', absl::SkipEmpty());
    for (const std::string& id : ids) section.add_co_teachers(id);
    paths.push_back("co_teachers");
  }
  if (args.Has("room")) {
    section.set_room(args.Get("room"));
    paths.push_back("room");
  }
  if (args.Has("team")) {
    section.set_team(args.Get("team"));
    paths.push_back("team");
  }
  if (args.Has("capacity")) {
    int capacity = 0;
    if (!WholeNumberFlag(context, "capacity", 0, capacity, exit_code)) return false;
    section.set_capacity(capacity);
    paths.push_back("capacity");
  }
  if (args.Has("placement")) {
    if (!ParsePlacement(context, args.Get("placement"), section.mutable_placement(), exit_code)) {
      return false;
    }
    paths.push_back("placement");
  }
  if (args.Has("lock") || args.Has("unlock")) {
    section.set_locked(args.Has("lock"));
    paths.push_back("locked");
  }
  return true;
}

std::string ConflictsText(const sectioning::Section& section) {
  std::vector<std::string> kinds;
  for (const sectioning::SectionConflict& c : section.conflicts()) {
    kinds.push_back(sectioning::SectionConflict::Kind_Name(c.kind()));
  }
  return absl::StrJoin(kinds, ";");
}

int CreateSection(const CommandContext& context) {
  sectioning::CreateSectionRequest request;
  request.set_parent(context.args.Get("trial"));
  request.set_section_id(context.args.Get("id"));
  request.set_request_id(context.options.request_id);
  request.mutable_section()->set_course(CourseId(context.args.Get("course")));
  std::vector<std::string> paths;
  int exit_code = kExitOk;
  if (!SectionFromFlags(context, *request.mutable_section(), paths, exit_code)) return exit_code;
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Section response;
  return Report(context, Service::kSectioning,
                SectionStub(context)->CreateSection(&call, request, &response), response);
}

int GetSection(const CommandContext& context) {
  sectioning::GetSectionRequest request;
  request.set_name(context.Operand(0));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Section response;
  return Report(context, Service::kSectioning,
                SectionStub(context)->GetSection(&call, request, &response), response);
}

int ListSections(const CommandContext& context) {
  sectioning::ListSectionsRequest request;
  request.set_parent(context.args.Get("trial"));
  request.set_page_size(1000);
  if (context.args.Has("course")) request.set_course(CourseId(context.args.Get("course")));
  request.set_teacher(context.args.Get("teacher"));
  request.set_room(context.args.Get("room"));
  int period = 0;
  int exit_code = kExitOk;
  if (!WholeNumberFlag(context, "period", 0, period, exit_code)) return exit_code;
  request.set_period(period);
  auto stub = SectionStub(context);
  sectioning::ListSectionsResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListSectionsResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListSections(&call, request, &page);
      },
      [](sectioning::ListSectionsResponse& response) { return response.mutable_sections(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"ID", "COURSE", "NO", "TEACHERS", "ROOM", "CAPACITY", "ENROLLED", "PLACEMENT",
                "LOCKED", "CONFLICTS"}};
  for (const sectioning::Section& s : all.sections()) {
    std::vector<std::string> teachers = {s.primary_teacher()};
    teachers.insert(teachers.end(), s.co_teachers().begin(), s.co_teachers().end());
    rows.push_back({ShortId(s.name()), s.course(), std::to_string(s.section_number()),
                    absl::StrJoin(teachers, ";"), s.room(), std::to_string(s.capacity()),
                    std::to_string(s.enrolled()), PlacementText(s.placement()),
                    YesOrBlank(s.locked()), ConflictsText(s)});
  }
  context.out << RenderColumns(rows) << all.sections_size() << " sections\n" << std::flush;
  return kExitOk;
}

int UpdateSection(const CommandContext& context) {
  sectioning::UpdateSectionRequest request;
  request.mutable_section()->set_name(context.Operand(0));
  std::vector<std::string> paths;
  int exit_code = kExitOk;
  if (!SectionFromFlags(context, *request.mutable_section(), paths, exit_code)) return exit_code;
  if (paths.empty()) return UsageError(context, "nothing to update: give at least one field flag");
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Section response;
  return Report(context, Service::kSectioning,
                SectionStub(context)->UpdateSection(&call, request, &response), response);
}

int DeleteSection(const CommandContext& context) {
  sectioning::DeleteSectionRequest request;
  request.set_name(context.Operand(0));
  request.set_force(context.args.Has("force"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  google::protobuf::Empty response;
  return Report(context, Service::kSectioning,
                SectionStub(context)->DeleteSection(&call, request, &response), response);
}

int MoveSection(const CommandContext& context) {
  sectioning::MoveSectionRequest request;
  request.set_name(context.Operand(0));
  request.set_validate_only(context.args.Has("dry-run"));
  request.set_reason(context.args.Get("reason"));
  int exit_code = kExitOk;
  if (!ParsePlacement(context, context.args.Get("placement"), request.mutable_placement(),
                      exit_code)) {
    return exit_code;
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::MoveSectionResponse response;
  grpc::Status status = SectionStub(context)->MoveSection(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  Rows rows = {{"BROKEN STUDENT", "CLASHES WITH"}};
  for (const sectioning::BrokenStudent& b : response.broken_students()) {
    std::vector<std::string> ids;
    for (const std::string& name : b.clashing_sections()) ids.push_back(ShortId(name));
    rows.push_back({b.student(), absl::StrJoin(ids, ";")});
  }
  context.out << "placement: " << PlacementText(response.section().placement()) << "\n";
  for (const sectioning::SectionConflict& c : response.new_conflicts()) {
    context.out << "new conflict: " << sectioning::SectionConflict::Kind_Name(c.kind()) << ": "
                << c.message() << "\n";
  }
  if (response.broken_students_size() > 0) context.out << RenderColumns(rows);
  context.out << response.broken_students_size() << " students broken; "
              << (response.applied() ? "moved" : "dry run: nothing was written") << "\n"
              << std::flush;
  return kExitOk;
}

int Grid(const CommandContext& context) {
  sectioning::GetPlacementGridRequest request;
  request.set_parent(context.args.Get("trial"));
  const std::string view = context.args.Get("view", "teacher");
  if (view == "teacher") {
    request.set_view(sectioning::GetPlacementGridRequest::TEACHER);
  } else if (view == "room") {
    request.set_view(sectioning::GetPlacementGridRequest::ROOM);
  } else if (view == "course") {
    request.set_view(sectioning::GetPlacementGridRequest::COURSE);
  } else {
    return UsageError(context, "--view must be teacher, room or course");
  }
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::PlacementGrid response;
  grpc::Status status = SectionStub(context)->GetPlacementGrid(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  Rows rows = {{"TERM", "DAY", "PERIOD",
                view == "teacher" ? "TEACHER"
                : view == "room"  ? "ROOM"
                                  : "COURSE",
                "SECTIONS"}};
  for (const sectioning::PlacementGrid::Cell& cell : response.cells()) {
    for (const sectioning::PlacementGrid::Group& group : cell.groups()) {
      std::vector<std::string> ids;
      for (const std::string& name : group.sections()) ids.push_back(ShortId(name));
      rows.push_back({cell.term(), cell.day_type(), std::to_string(cell.period()),
                      group.key().empty() ? "-" : group.key(), absl::StrJoin(ids, ";")});
    }
  }
  context.out << RenderColumns(rows) << std::flush;
  return kExitOk;
}

const std::vector<std::string> kFieldFlags = {"number", "teacher",  "co-teachers", "room",
                                              "team",   "capacity", "placement"};

std::vector<std::string> With(std::vector<std::string> flags,
                              std::initializer_list<std::string> more) {
  flags.insert(flags.end(), more);
  return flags;
}

}  // namespace

std::vector<Command> SectionCommands() {
  return {
      {.resource = "sections",
       .verb = "create",
       .synopsis = "--trial calendars/CAL/trials/TRIAL --course COURSE [--id ID] [--number N] "
                   "[--teacher T] [--co-teachers T,T] [--room R] [--team TEAM] [--capacity N] "
                   "[--placement TERM:PERIOD[:DAY],...] [--lock]",
       .summary = "Create a section (number 0 = next free; capacity 0 = min(course, room)).",
       .value_flags = With(kFieldFlags, {"trial", "course", "id"}),
       .switches = {"lock"},
       .required = {"trial", "course"},
       .run = CreateSection},
      {.resource = "sections",
       .verb = "get",
       .synopsis = "calendars/CAL/trials/TRIAL/sections/SECTION",
       .summary = "Show a section with its live conflicts.",
       .operands = 1,
       .run = GetSection},
      {.resource = "sections",
       .verb = "list",
       .synopsis = "--trial calendars/CAL/trials/TRIAL [--course C] [--teacher T] [--room R] "
                   "[--period N]",
       .summary = "List a trial's sections with their conflicts (every page).",
       .value_flags = {"trial", "course", "teacher", "room", "period"},
       .required = {"trial"},
       .run = ListSections},
      {.resource = "sections",
       .verb = "update",
       .synopsis = "calendars/CAL/trials/TRIAL/sections/SECTION [--number N] [--teacher T] "
                   "[--co-teachers T,T] [--room R] [--team TEAM] [--capacity N] "
                   "[--placement ...] [--lock | --unlock]",
       .summary = "Change the fields given (teachers and placement are replaced whole).",
       .value_flags = kFieldFlags,
       .switches = {"lock", "unlock"},
       .operands = 1,
       .run = UpdateSection},
      {.resource = "sections",
       .verb = "delete",
       .synopsis = "calendars/CAL/trials/TRIAL/sections/SECTION [--force]",
       .summary = "Delete a section (--force: even with students enrolled).",
       .switches = {"force"},
       .operands = 1,
       .run = DeleteSection},
      {.resource = "sections",
       .verb = "move",
       .synopsis = "calendars/CAL/trials/TRIAL/sections/SECTION --placement TERM:PERIOD[:DAY],... "
                   "[--reason TEXT] [--dry-run]",
       .summary = "Move a section: the conflicts it creates and the students it breaks.",
       .value_flags = {"placement", "reason"},
       .switches = {"dry-run"},
       .required = {"placement"},
       .operands = 1,
       .run = MoveSection},
      {.resource = "sections",
       .verb = "grid",
       .synopsis = "--trial calendars/CAL/trials/TRIAL [--view teacher|room|course]",
       .summary = "The placement grid: every term, day and period with its sections.",
       .value_flags = {"trial", "view"},
       .required = {"trial"},
       .run = Grid},
  };
}

}  // namespace secsched::schedctl
