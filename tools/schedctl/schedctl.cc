#include "tools/schedctl/schedctl.h"

#include <algorithm>
#include <set>

#include "common/version/build_info.h"
#include "tools/schedctl/help.h"
#include "tools/schedctl/suggest.h"

namespace secsched::schedctl {
namespace {

using Words = std::vector<std::string>;

std::vector<Command> BuildCommands() {
  std::vector<Command> all;
  for (auto group : {StaffCommands, CalendarCommands, CalendarSetupCommands, CourseCommands,
                     ResourceCommands, StudentCommands, RequestImportCommands, PlanningCommands,
                     TrialCommands, SectionCommands, JobCommands, GradingCommands,
                     ScheduleReportCommands, ExportCommands, BoardCommands, RosterCommands}) {
    for (Command& command : group()) all.push_back(std::move(command));
  }
  return all;
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

constexpr char kGeneralUsage[] = "usage: schedctl [global flags] RESOURCE VERB [OPERAND] [flags]";

// Switches every command accepts.
const std::vector<std::string> kGlobalSwitches = {"help", "version"};

std::vector<std::string> Resources() {
  std::vector<std::string> resources;
  for (const Command& command : AllCommands()) {
    if (!Contains(resources, command.resource)) resources.push_back(command.resource);
  }
  return resources;
}

std::vector<std::string> VerbsOf(std::string_view resource) {
  std::vector<std::string> verbs;
  for (const Command& command : AllCommands()) {
    if (command.resource == resource) verbs.push_back(command.verb);
  }
  return verbs;
}

// The flags a command accepts: its own, then the global ones.
std::vector<std::string> FlagsOf(const Command& command) {
  std::vector<std::string> flags = command.value_flags;
  flags.insert(flags.end(), command.switches.begin(), command.switches.end());
  flags.insert(flags.end(), kGlobalFlags.begin(), kGlobalFlags.end());
  flags.insert(flags.end(), kGlobalSwitches.begin(), kGlobalSwitches.end());
  return flags;
}

// Every flag of every command, for a misspelt flag on a line whose command is unknown.
std::vector<std::string> EveryFlag() {
  std::vector<std::string> flags;
  for (const Command& command : AllCommands()) {
    for (std::string& flag : FlagsOf(command)) {
      if (!Contains(flags, flag)) flags.push_back(std::move(flag));
    }
  }
  return flags;
}

bool IsResource(std::string_view resource) {
  return std::any_of(AllCommands().begin(), AllCommands().end(),
                     [&](const Command& c) { return c.resource == resource; });
}

const Command* FindCommand(std::string_view resource, std::string_view verb) {
  for (const Command& command : AllCommands()) {
    if (command.resource == resource && command.verb == verb) return &command;
  }
  return nullptr;
}

// The parser must know every flag up front, before it knows the command; whether a flag
// belongs to the chosen command is checked afterwards (CheckCommandLine).
KnownFlags AllFlags() {
  KnownFlags known{.switches = {kGlobalSwitches.begin(), kGlobalSwitches.end()},
                   .values = {kGlobalFlags.begin(), kGlobalFlags.end()}};
  for (const Command& command : AllCommands()) {
    known.switches.insert(command.switches.begin(), command.switches.end());
    known.values.insert(command.value_flags.begin(), command.value_flags.end());
  }
  return known;
}

int GeneralUsageError(std::ostream& err, const std::string& message) {
  err << "error: " << message << "\nRun `schedctl --help` for usage.\n";
  return kExitUsage;
}

// The error, the general usage line and where to read more.
int UsageErrorWithLine(std::ostream& err, const std::string& message) {
  err << "error: " << message << "\n" << kGeneralUsage << "\nRun `schedctl --help` for usage.\n";
  return kExitUsage;
}

std::string UnknownResource(std::string_view resource) {
  return "unknown resource \"" + std::string(resource) + "\"" + DidYouMean(resource, Resources());
}

std::string UnknownCommand(std::string_view resource, std::string_view verb) {
  return "unknown command \"" + std::string(resource) + " " + std::string(verb) + "\"" +
         DidYouMean(verb, VerbsOf(resource), std::string(resource) + " ");
}

// A flag no command knows: named with the nearest flag of the line's command when the words
// name one (the usage line is that command's), else of any command.
int UnknownFlagError(const ParsedArgs& args, std::ostream& err) {
  const std::string& flag = args.unknown_flags.front();
  const Words& words = args.positionals;
  const Command* command = words.size() >= 2 ? FindCommand(words[0], words[1]) : nullptr;
  if (command == nullptr) {
    return UsageErrorWithLine(err, "unknown flag --" + flag + DidYouMean(flag, EveryFlag(), "--"));
  }
  err << "error: unknown flag --" << flag << " for " << command->resource << " " << command->verb
      << DidYouMean(flag, FlagsOf(*command), "--") << "\nusage: " << UsageLine(*command) << "\n";
  return kExitUsage;
}

// `schedctl help [RESOURCE [VERB]]` and `--help` after any of those words.
int ShowHelp(const Words& topic, std::ostream& out, std::ostream& err) {
  if (topic.empty()) {
    out << OverviewHelp(AllCommands());
    return kExitOk;
  }
  if (!IsResource(topic[0])) return UsageErrorWithLine(err, UnknownResource(topic[0]));
  if (topic.size() == 1) {
    out << ResourceHelp(AllCommands(), topic[0]);
    return kExitOk;
  }
  const Command* command = FindCommand(topic[0], topic[1]);
  if (command == nullptr) {
    err << "error: " << UnknownCommand(topic[0], topic[1]) << "\n"
        << ResourceHelp(AllCommands(), topic[0]);
    return kExitUsage;
  }
  out << CommandHelp(*command);
  return kExitOk;
}

// Flags, required flags and operands of the chosen command; "" when all is well.
std::string CheckCommandLine(const Command& command, const ParsedArgs& args) {
  for (const auto& [flag, value] : args.flags) {
    const bool global =
        std::find(kGlobalFlags.begin(), kGlobalFlags.end(), flag) != kGlobalFlags.end();
    if (!global && !Contains(command.value_flags, flag) && !Contains(command.switches, flag)) {
      return "unknown flag --" + flag + " for " + command.resource + " " + command.verb +
             DidYouMean(flag, FlagsOf(command), "--");
    }
  }
  for (const std::string& flag : command.required) {
    if (args.Get(flag).empty()) return "missing --" + flag;
  }
  const size_t operands = args.positionals.size() - 2;
  if (operands < command.operands) return "missing " + command.synopsis;
  if (operands > command.operands) {
    return "unexpected argument \"" + args.positionals[2 + command.operands] + "\"";
  }
  return "";
}

}  // namespace

const std::vector<Command>& AllCommands() {
  static const std::vector<Command>* const commands = new std::vector<Command>(BuildCommands());
  return *commands;
}

int RunSchedctl(const std::vector<std::string>& argv, const EnvironmentLookup& environment,
                std::ostream& out, std::ostream& err, bool out_is_terminal) {
  absl::StatusOr<ParsedArgs> parsed = ParseArgs(argv, AllFlags());
  if (!parsed.ok()) return GeneralUsageError(err, std::string(parsed.status().message()));
  const ParsedArgs& args = *parsed;
  const Words& words = args.positionals;

  if (args.Has("version")) {
    out << VersionLine("schedctl") << "\n";
    return kExitOk;
  }

  if (!words.empty() && words[0] == "help")
    return ShowHelp(Words(words.begin() + 1, words.end()), out, err);
  if (args.Has("help")) {
    return ShowHelp(Words(words.begin(), words.begin() + std::min<size_t>(words.size(), 2)), out,
                    err);
  }
  if (!args.unknown_flags.empty()) return UnknownFlagError(args, err);
  if (words.empty()) {
    err << OverviewHelp(AllCommands());
    return kExitUsage;
  }
  if (!IsResource(words[0])) return UsageErrorWithLine(err, UnknownResource(words[0]));
  if (words.size() < 2) {
    err << "error: " << words[0] << " needs a verb\n" << ResourceHelp(AllCommands(), words[0]);
    return kExitUsage;
  }
  const Command* command = FindCommand(words[0], words[1]);
  if (command == nullptr) {
    err << "error: " << UnknownCommand(words[0], words[1]) << "\n"
        << ResourceHelp(AllCommands(), words[0]);
    return kExitUsage;
  }

  absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions(args, environment);
  if (!options.ok()) return GeneralUsageError(err, std::string(options.status().message()));
  const CommandContext context{.command = *command,
                               .options = *options,
                               .args = args,
                               .out = out,
                               .err = err,
                               .out_is_terminal = out_is_terminal};
  if (std::string problem = CheckCommandLine(*command, args); !problem.empty()) {
    return UsageError(context, problem);
  }
  if (options->token.empty()) {
    err << "error: no bearer token: pass --token TOKEN or set SECSCHED_TOKEN\n";
    return kExitUsage;
  }
  return command->run(context);
}

}  // namespace secsched::schedctl
