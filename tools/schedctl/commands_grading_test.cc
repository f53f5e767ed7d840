// The grading and schedule-report commands' own checks, without servers: a bad instant, view or
// report is a usage error (exit 2) and nothing is sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

using ::testing::HasSubstr;

// An address where nothing listens: reaching it would be exit 1, not 2.
const std::map<std::string, std::string> kEnv = {{"SECSCHED_TOKEN", "test-token"},
                                                 {"SECSCHED_SECTIONING_ADDR", "127.0.0.1:1"}};

TEST(GradingCommandsTest, AnInstantThatIsNotRfc3339IsAUsageError) {
  Outcome outcome =
      RunCommandLine({"grading", "create", "--calendar", "east-2026", "--task", "q1-progress",
                      "--term", "s1", "--open", "20 Oct 2026", "--close", "2026-10-27T00:00:00Z"},
                     kEnv);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("--open must be an RFC 3339 instant"));
  Outcome at = RunCommandLine({"grading", "is-open", "calendars/east-2026/trials/t/sections/s",
                               "--task", "q1-progress", "--at", "tomorrow"},
                              kEnv);
  EXPECT_EQ(at.exit_code, 2);
  EXPECT_THAT(at.err, HasSubstr("--at must be an RFC 3339 instant"));
}

TEST(ScheduleReportCommandsTest, AnUnknownViewOrReportIsAUsageError) {
  Outcome view = RunCommandLine(
      {"reports", "master", "calendars/east-2026/trials/t", "--view", "student"}, kEnv);
  EXPECT_EQ(view.exit_code, 2);
  EXPECT_THAT(view.err, HasSubstr("--view must be one of: teacher, room, course"));
  Outcome report = RunCommandLine(
      {"reports", "export", "calendars/east-2026/trials/t", "--report", "everything"}, kEnv);
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_THAT(report.err, HasSubstr("--report must be one of"));
}

TEST(ScheduleReportCommandsTest, AGoodCommandLineCallsTheSectioningService) {
  Outcome outcome = RunCommandLine({"--timeout", "5s", "reports", "export",
                                    "calendars/east-2026/trials/t", "--report", "section-balance"},
                                   kEnv);
  EXPECT_EQ(outcome.exit_code, 1);  // sent, and nothing listens there
  EXPECT_THAT(outcome.err, HasSubstr("(called the sectioning service at 127.0.0.1:1)"));
}

}  // namespace
}  // namespace secsched::schedctl
