// Whole command lines through RunSchedctl, without servers: help, usage errors and the token
// check (exit 2, nothing sent), and one call to an address where nothing listens (exit 1).
#include "tools/schedctl/schedctl.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/version/build_info.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(SchedctlHelpTest, OverviewListsEveryCommand) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"help"}, {"--help"}, {"-h"}}) {
    Outcome outcome = RunCommandLine(args, {});
    EXPECT_EQ(outcome.exit_code, 0);
    for (const Command& command : AllCommands()) {
      EXPECT_THAT(outcome.out, HasSubstr(command.resource + " " + command.verb));
    }
    EXPECT_THAT(outcome.out, HasSubstr("SECSCHED_SECTIONING_ADDR"));
  }
}

TEST(SchedctlHelpTest, ResourceAndCommandHelpNeedNoToken) {
  Outcome resource = RunCommandLine({"jobs", "--help"}, {});
  EXPECT_EQ(resource.exit_code, 0);
  EXPECT_THAT(resource.out,
              AllOf(HasSubstr("schedctl jobs start"), HasSubstr("schedctl jobs watch")));

  Outcome command = RunCommandLine({"staff", "upsert", "--help"}, {});
  EXPECT_EQ(command.exit_code, 0);
  EXPECT_THAT(command.out,
              StartsWith("usage: schedctl staff upsert --id ID --name NAME --email EMAIL"));

  EXPECT_EQ(RunCommandLine({"help", "calendars", "get"}, {}).exit_code, 0);
  EXPECT_EQ(RunCommandLine({"help", "nonsense"}, {}).exit_code, 2);
}

TEST(SchedctlUsageTest, NoArgumentsPrintsUsageAndExits2) {
  Outcome outcome = RunCommandLine({});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("usage: schedctl"));
  EXPECT_EQ(outcome.out, "");
}

TEST(SchedctlUsageTest, MissingTokenIsAClearUsageError) {
  Outcome outcome = RunCommandLine({"staff", "get", "e1"}, {});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err, "error: no bearer token: pass --token TOKEN or set SECSCHED_TOKEN\n");
}

TEST(SchedctlUsageTest, BadCommandLinesExit2WithAReason) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  for (const Case& c : std::vector<Case>{
           {{"widgets", "get", "x"}, "error: unknown resource \"widgets\""},
           {{"staff"}, "error: staff needs a verb"},
           {{"staff", "delete", "e1"}, "error: unknown command \"staff delete\""},
           {{"staff", "upsert", "--id", "e1", "--name", "A"}, "error: missing --email"},
           {{"staff", "get"}, "error: missing ID"},
           {{"staff", "get", "e1", "e2"}, "error: unexpected argument \"e2\""},
           {{"staff", "get", "e1", "--watch"}, "error: unknown flag --watch for staff get"},
           {{"staff", "get", "e1", "--output", "yaml"}, "error: --output must be table or json"},
           {{"staff", "get", "e1", "--timeout", "soon"}, "error: --timeout must be a positive"},
           {{"staff", "get", "--id"}, "error: --id needs a value"},
           {{"students", "create", "--calendar", "c", "--number", "1", "--name", "B", "--grade",
             "ten"},
            "error: --grade must be a whole number, not \"ten\""},
           {{"jobs", "start", "--trial", "calendars/c/trials/t", "--type", "build"},
            "error: --type must be one of: count-sections"},
       }) {
    Outcome outcome = RunCommandLine(c.args);
    EXPECT_EQ(outcome.exit_code, 2) << c.error;
    EXPECT_THAT(outcome.err, StartsWith(c.error));
    EXPECT_EQ(outcome.out, "");
  }
}

TEST(SchedctlUsageTest, UsageErrorsOfACommandShowItsUsageLine) {
  Outcome outcome = RunCommandLine({"calendars", "create", "--school", "east"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err,
            "error: missing --year\n"
            "usage: schedctl calendars create --school SCHOOL --year 2026-2027 --name NAME "
            "[--id ID]\n");
}

TEST(SchedctlUsageTest, MisspeltWordsAndFlagsGetTheNearestMatchAndAUsageLine) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  for (const Case& c : std::vector<Case>{
           // An unknown flag before the words: named, and the words are still the command.
           {{"--foo", "calendars", "get", "X"},
            "error: unknown flag --foo for calendars get\nusage: schedctl calendars get "
            "NAME_OR_ID\n"},
           // An unknown switch-looking flag does not ask for a value.
           {{"calendars", "get", "X", "--verbose"},
            "error: unknown flag --verbose for calendars get\nusage: schedctl calendars get "
            "NAME_OR_ID\n"},
           {{"export", "board", "--calender", "c"},
            "error: unknown flag --calender for export board (did you mean --calendar?)\n"
            "usage: schedctl export board --calendar CAL [--trial TRIAL] [--to FILE.html]\n"},
           // A flag of another command: the nearest of this command's own.
           {{"export", "board", "--calendar", "c", "--watch"},
            "error: unknown flag --watch for export board\n"
            "usage: schedctl export board --calendar CAL [--trial TRIAL] [--to FILE.html]\n"},
           {{"--outptu", "json"},
            "error: unknown flag --outptu (did you mean --output?)\n"
            "usage: schedctl [global flags] RESOURCE VERB [OPERAND] [flags]\n"
            "Run `schedctl --help` for usage.\n"},
           {{"calender", "get", "X"},
            "error: unknown resource \"calender\" (did you mean calendars?)\n"
            "usage: schedctl [global flags] RESOURCE VERB [OPERAND] [flags]\n"
            "Run `schedctl --help` for usage.\n"},
       }) {
    Outcome outcome = RunCommandLine(c.args);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, c.err);
    EXPECT_EQ(outcome.out, "");
  }
  Outcome verb = RunCommandLine({"calendars", "gte", "X"});
  EXPECT_EQ(verb.exit_code, 2);
  EXPECT_THAT(verb.err,
              StartsWith("error: unknown command \"calendars gte\" (did you mean "
                         "calendars get?)\ncommands of calendars:\n  schedctl calendars"));
}

TEST(SchedctlVersionTest, PrintsVersionAndBuildTypeWithoutAToken) {
  Outcome outcome = RunCommandLine({"--version"}, {});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(outcome.out, VersionLine("schedctl") + "\n");
  EXPECT_THAT(outcome.out, StartsWith("schedctl "));
}

// Port 1 on loopback: nothing listens there, so the call fails fast with UNAVAILABLE.
TEST(SchedctlCallTest, UnreachableServiceExits1AndNamesTheAddress) {
  Outcome outcome =
      RunCommandLine({"--server", "127.0.0.1:1", "--timeout", "5s", "calendars", "get", "x"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_THAT(outcome.err, StartsWith("error: UNAVAILABLE: "));
  EXPECT_THAT(outcome.err, HasSubstr("(called the catalog service at 127.0.0.1:1)"));
  EXPECT_EQ(outcome.out, "");
}

TEST(QualifiedNameTest, AcceptsIdsAndFullNames) {
  EXPECT_EQ(QualifiedName("calendars", "east-2026"), "calendars/east-2026");
  EXPECT_EQ(QualifiedName("calendars", "calendars/east-2026"), "calendars/east-2026");
  EXPECT_EQ(QualifiedName("jobs", "jobs/j1"), "jobs/j1");
  EXPECT_EQ(QualifiedName("staff", "e1"), "staff/e1");
}

}  // namespace
}  // namespace secsched::schedctl
