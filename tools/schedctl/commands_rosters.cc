// rosters list | student | teacher | add | drop | move | changes | batch — RosterService
// (protos/secsched/sectioning/v1/rosters.proto). Lists print every page as a table; --output
// json prints the whole response. `batch` reads its edits from a CSV file (action, student,
// section, to_section).
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "secsched/sectioning/v1/rosters.grpc.pb.h"
#include "tools/schedctl/command.h"
#include "tools/schedctl/command_support.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using Rows = std::vector<std::vector<std::string>>;

std::unique_ptr<sectioning::RosterService::Stub> RosterStub(const CommandContext& context) {
  return sectioning::RosterService::NewStub(ChannelTo(context, Service::kSectioning));
}

std::string Rank(const sectioning::Enrollment& e) {
  return e.has_request_rank() ? std::to_string(e.request_rank()) : "";
}

int List(const CommandContext& context) {
  sectioning::ListRosterRequest request;
  request.set_parent(context.Operand(0));
  request.set_page_size(1000);
  auto stub = RosterStub(context);
  sectioning::ListRosterResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListRosterResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListRoster(&call, request, &page);
      },
      [](sectioning::ListRosterResponse& r) { return r.mutable_enrollments(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"STUDENT", "COURSE", "SOURCE", "RANK", "START", "END", "OVERLOAD"}};
  for (const sectioning::Enrollment& e : all.enrollments()) {
    rows.push_back({ShortId(e.name()), e.course(), sectioning::Enrollment::Source_Name(e.source()),
                    Rank(e), e.start_date(), e.end_date(), YesOrBlank(e.overload())});
  }
  context.out << RenderColumns(rows);
  return kExitOk;
}

std::string Meetings(const sectioning::ScheduledSection& s) {
  std::vector<std::string> out;
  for (const sectioning::Meeting& m : s.meetings()) {
    out.push_back(m.term() + " P" + std::to_string(m.period()) +
                  (m.day_type().empty() ? "" : " " + m.day_type()));
  }
  return absl::StrJoin(out, ", ");
}

void PrintSections(const CommandContext& context,
                   const google::protobuf::RepeatedPtrField<sectioning::ScheduledSection>& in) {
  Rows rows = {{"SECTION", "COURSE", "NO", "TEACHER", "ROOM", "MEETINGS", "ENROLLED"}};
  for (const sectioning::ScheduledSection& s : in) {
    rows.push_back({ShortId(s.section()), s.course(), std::to_string(s.section_number()),
                    s.primary_teacher(), s.room(), Meetings(s),
                    std::to_string(s.enrolled()) + "/" + std::to_string(s.capacity())});
  }
  context.out << RenderColumns(rows);
}

int Student(const CommandContext& context) {
  sectioning::GetStudentScheduleRequest request;
  request.set_trial(context.Operand(0));
  request.set_student(context.args.Get("student"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::StudentSchedule response;
  grpc::Status status = RosterStub(context)->GetStudentSchedule(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  PrintSections(context, response.sections());
  for (const sectioning::UnmetRequest& u : response.unmet_requests()) {
    context.out << "unmet: " << u.course() << (u.required() ? " (required)" : "")
                << (u.reason().empty() ? "" : ": " + u.reason()) << "\n";
  }
  return kExitOk;
}

int Teacher(const CommandContext& context) {
  sectioning::GetTeacherScheduleRequest request;
  request.set_trial(context.Operand(0));
  request.set_teacher(context.args.Get("teacher"));
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::TeacherSchedule response;
  grpc::Status status = RosterStub(context)->GetTeacherSchedule(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  PrintSections(context, response.sections());
  return kExitOk;
}

int Add(const CommandContext& context) {
  sectioning::AddStudentToSectionRequest request;
  request.set_parent(context.Operand(0));
  request.set_student(context.args.Get("student"));
  request.set_reason(context.args.Get("reason"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Enrollment response;
  return Report(context, Service::kSectioning,
                RosterStub(context)->AddStudentToSection(&call, request, &response), response);
}

int Drop(const CommandContext& context) {
  sectioning::DropStudentFromSectionRequest request;
  request.set_name(context.Operand(0));
  request.set_reason(context.args.Get("reason"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  google::protobuf::Empty response;
  grpc::Status status = RosterStub(context)->DropStudentFromSection(&call, request, &response);
  if (!status.ok()) return ReportRpcError(context, Service::kSectioning, status);
  context.out << "dropped " << request.name() << "\n";
  return kExitOk;
}

int Move(const CommandContext& context) {
  sectioning::MoveStudentRequest request;
  request.set_name(context.Operand(0));
  request.set_to_section(context.args.Get("to"));
  request.set_reason(context.args.Get("reason"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::Enrollment response;
  return Report(context, Service::kSectioning,
                RosterStub(context)->MoveStudent(&call, request, &response), response);
}

int Changes(const CommandContext& context) {
  if (context.args.Has("student") && context.args.Has("section")) {
    return UsageError(context, "give at most one of --student ID and --section ID");
  }
  sectioning::ListScheduleChangesRequest request;
  request.set_parent(context.Operand(0));
  request.set_student(context.args.Get("student"));
  request.set_section(context.args.Get("section"));
  auto stub = RosterStub(context);
  sectioning::ListScheduleChangesResponse all;
  grpc::Status status = FetchAllPages(
      [&](const std::string& token, sectioning::ListScheduleChangesResponse& page) {
        request.set_page_token(token);
        grpc::ClientContext call;
        PrepareCall(context, call);
        return stub->ListScheduleChanges(&call, request, &page);
      },
      [](sectioning::ListScheduleChangesResponse& r) { return r.mutable_changes(); }, all);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, all);
  }
  Rows rows = {{"ID", "ACTION", "STUDENT", "SECTION", "ACTOR", "REASON"}};
  for (const sectioning::ScheduleChange& c : all.changes()) {
    rows.push_back({std::to_string(c.change_id()), c.action_name(), c.student(), c.section(),
                    c.actor(), c.reason()});
  }
  context.out << RenderColumns(rows);
  return kExitOk;
}

// The batch file: a header `action,student,section,to_section` (to_section may be left out),
// then one edit per line; action ADD, DROP or MOVE (any case). Blank lines are skipped.
absl::Status ParseEdits(const std::string& text, sectioning::BatchEditRosterRequest& request) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipWhitespace());
  if (lines.empty()) return absl::InvalidArgumentError("the batch file is empty");
  auto cells = [](const std::string& line) {
    std::vector<std::string> out = absl::StrSplit(line, ',');
    for (std::string& cell : out) cell = std::string(absl::StripAsciiWhitespace(cell));
    return out;
  };
  const std::vector<std::string> header = cells(lines[0]);
  if (header.size() < 3 || header[0] != "action" || header[1] != "student" ||
      header[2] != "section" || (header.size() > 3 && header[3] != "to_section")) {
    return absl::InvalidArgumentError(
        "the batch file's header must be action,student,section[,to_section]");
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> row = cells(lines[i]);
    row.resize(4);
    sectioning::RosterEdit* edit = request.add_rows();
    sectioning::RosterEdit::Action action;
    if (!sectioning::RosterEdit::Action_Parse(absl::AsciiStrToUpper(row[0]), &action) ||
        action == sectioning::RosterEdit::ACTION_UNSPECIFIED ||
        action == sectioning::RosterEdit::UPDATE) {
      return absl::InvalidArgumentError("line " + std::to_string(i + 1) +
                                        ": action must be ADD, DROP or MOVE, not \"" + row[0] +
                                        "\"");
    }
    edit->set_action(action);
    edit->set_student(row[1]);
    edit->set_section(row[2]);
    edit->set_to_section(row[3]);
  }
  return absl::OkStatus();
}

int Batch(const CommandContext& context) {
  absl::StatusOr<std::string> text = ReadInputFile(context.args.Get("file"));
  if (!text.ok()) return UsageError(context, std::string(text.status().message()));
  sectioning::BatchEditRosterRequest request;
  request.set_parent(context.Operand(0));
  if (absl::Status s = ParseEdits(*text, request); !s.ok()) {
    return UsageError(context, std::string(s.message()));
  }
  request.set_validate_only(context.args.Has("validate-only"));
  request.set_per_row(context.args.Has("per-row"));
  request.set_reason(context.args.Get("reason"));
  request.set_request_id(context.options.request_id);
  grpc::ClientContext call;
  PrepareCall(context, call);
  sectioning::BatchEditRosterResponse response;
  grpc::Status status = RosterStub(context)->BatchEditRoster(&call, request, &response);
  if (!status.ok() || context.options.output == OutputFormat::kJson) {
    return Report(context, Service::kSectioning, status, response);
  }
  Rows rows = {{"ROW", "ACTION", "STUDENT", "SECTION", "RESULT"}};
  for (const sectioning::RosterEditResult& r : response.results()) {
    const sectioning::RosterEdit& edit = request.rows(r.row());
    rows.push_back({std::to_string(r.row() + 2), sectioning::RosterEdit::Action_Name(edit.action()),
                    edit.student(), edit.section(), r.code() == 0 ? "ok" : r.message()});
  }
  context.out << RenderColumns(rows) << "applied " << response.applied() << ", failed "
              << response.failed() << (request.validate_only() ? " (validate only)" : "") << "\n";
  return response.failed() == 0 ? kExitOk : kExitFailed;
}

}  // namespace

std::vector<Command> RosterCommands() {
  return {
      {.resource = "rosters",
       .verb = "list",
       .synopsis = "SECTION",
       .summary = "A section's students, every page.",
       .operands = 1,
       .run = List},
      {.resource = "rosters",
       .verb = "student",
       .synopsis = "TRIAL --student ID",
       .summary = "A student's schedule in the trial, and the requests left unmet.",
       .value_flags = {"student"},
       .required = {"student"},
       .operands = 1,
       .run = Student},
      {.resource = "rosters",
       .verb = "teacher",
       .synopsis = "TRIAL --teacher ID",
       .summary = "A teacher's sections in the trial.",
       .value_flags = {"teacher"},
       .required = {"teacher"},
       .operands = 1,
       .run = Teacher},
      {.resource = "rosters",
       .verb = "add",
       .synopsis = "SECTION --student ID [--reason TEXT]",
       .summary = "Adds a student to a section (walk-in checks apply).",
       .value_flags = {"student", "reason"},
       .required = {"student"},
       .operands = 1,
       .run = Add},
      {.resource = "rosters",
       .verb = "drop",
       .synopsis = "ENROLLMENT [--reason TEXT]",
       .summary = "Drops the enrollment (SECTION/enrollments/STUDENT).",
       .value_flags = {"reason"},
       .operands = 1,
       .run = Drop},
      {.resource = "rosters",
       .verb = "move",
       .synopsis = "ENROLLMENT --to SECTION [--reason TEXT]",
       .summary = "Moves the student to another section of the course.",
       .value_flags = {"to", "reason"},
       .required = {"to"},
       .operands = 1,
       .run = Move},
      {.resource = "rosters",
       .verb = "changes",
       .synopsis = "TRIAL [--student ID | --section ID]",
       .summary = "The audit of a student, a section, or (neither) the whole trial.",
       .value_flags = {"student", "section"},
       .operands = 1,
       .run = Changes},
      {.resource = "rosters",
       .verb = "batch",
       .synopsis = "TRIAL --file EDITS.csv [--validate-only] [--per-row] [--reason TEXT]",
       .summary = "Adds, drops and moves from a CSV file (action,student,section,to_section).",
       .value_flags = {"file", "reason"},
       .switches = {"validate-only", "per-row"},
       .required = {"file"},
       .operands = 1,
       .run = Batch},
  };
}

}  // namespace secsched::schedctl
