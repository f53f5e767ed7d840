#include "tools/schedctl/job_watch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tools/schedctl/job_type.h"
#include "tools/schedctl/output.h"
#include "tools/schedctl/progress_bar.h"

namespace secsched::schedctl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Job Update(Job::State state, double percent, const std::string& phase) {
  Job job;
  job.set_name("jobs/j1");
  job.set_state(state);
  job.set_progress_percent(percent);
  job.set_phase(phase);
  return job;
}

TEST(JobWatchPrinterTest, OneLinePerUpdateWhenNotATerminalThenTheFinalTable) {
  std::ostringstream out;
  JobWatchPrinter printer(out, OutputFormat::kTable, /*terminal=*/false);
  printer.OnUpdate(Update(Job::QUEUED, 0, ""));
  printer.OnUpdate(Update(Job::RUNNING, 45, "counting sections"));
  const Job last = Update(Job::SUCCEEDED, 100, "done");
  printer.OnUpdate(last);
  printer.Finish();
  EXPECT_EQ(out.str(),
            "QUEUED       0%\n"
            "RUNNING     45%  counting sections\n"
            "SUCCEEDED  100%  done\n" +
                RenderTable(last));
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
}

TEST(JobWatchPrinterTest, RedrawsOneLineOnATerminal) {
  std::ostringstream out;
  JobWatchPrinter printer(out, OutputFormat::kTable, /*terminal=*/true);
  printer.OnUpdate(Update(Job::RUNNING, 10, "loading the trial"));
  printer.OnUpdate(Update(Job::RUNNING, 10, "loading the trial"));  // unchanged: not redrawn
  printer.OnUpdate(Update(Job::RUNNING, 50, "counting"));
  const Job last = Update(Job::FAILED, 50, "counting");
  printer.OnUpdate(last);
  printer.Finish();

  const std::string first = RenderProgressLine(10, "loading the trial");
  const std::string second = RenderProgressLine(50, "counting");
  const std::string second_padded = second + std::string(first.size() - second.size(), ' ');
  EXPECT_EQ(out.str(), "\r" + first + "\r" + second_padded + "\n" + RenderTable(last));
}

TEST(JobWatchPrinterTest, JsonIsOneObjectPerUpdate) {
  std::ostringstream out;
  JobWatchPrinter printer(out, OutputFormat::kJson, /*terminal=*/true);
  printer.OnUpdate(Update(Job::RUNNING, 45, "counting sections"));
  printer.OnUpdate(Update(Job::SUCCEEDED, 100, ""));
  printer.Finish();
  EXPECT_EQ(out.str(), RenderJson(Update(Job::RUNNING, 45, "counting sections"), false) +
                           RenderJson(Update(Job::SUCCEEDED, 100, ""), false));
  ASSERT_TRUE(printer.last().has_value());
  EXPECT_EQ(printer.last()->state(), Job::SUCCEEDED);
}

TEST(JobWatchPrinterTest, FinishWithoutUpdatesPrintsNothing) {
  std::ostringstream out;
  JobWatchPrinter printer(out, OutputFormat::kTable, /*terminal=*/true);
  printer.Finish();
  EXPECT_EQ(out.str(), "");
  EXPECT_FALSE(printer.last().has_value());
}

TEST(JobStateTest, OnlySuccessExitsZero) {
  EXPECT_EQ(ExitCodeForJob(Update(Job::SUCCEEDED, 100, "")), 0);
  EXPECT_EQ(ExitCodeForJob(Update(Job::FAILED, 10, "")), 1);
  EXPECT_EQ(ExitCodeForJob(Update(Job::CANCELLED, 10, "")), 1);
  EXPECT_EQ(ExitCodeForJob(Update(Job::RUNNING, 10, "")), 1);
  EXPECT_TRUE(IsFinished(Job::SUCCEEDED));
  EXPECT_TRUE(IsFinished(Job::FAILED));
  EXPECT_TRUE(IsFinished(Job::CANCELLED));
  EXPECT_FALSE(IsFinished(Job::QUEUED));
  EXPECT_FALSE(IsFinished(Job::RUNNING));
  EXPECT_FALSE(IsFinished(Job::STATE_UNSPECIFIED));
}

TEST(JobTypeTest, ParsesKebabOrEnumNames) {
  EXPECT_EQ(ParseJobType("count-sections"), Job::COUNT_SECTIONS);
  EXPECT_EQ(ParseJobType("COUNT_SECTIONS"), Job::COUNT_SECTIONS);
  EXPECT_EQ(ParseJobType("type-unspecified"), std::nullopt);
  EXPECT_EQ(ParseJobType("count_sections"), std::nullopt);
  EXPECT_EQ(ParseJobType(""), std::nullopt);
  EXPECT_THAT(JobTypeList(), StartsWith("count-sections"));
  EXPECT_THAT(JobTypeList(), ::testing::Not(HasSubstr("unspecified")));
}

}  // namespace
}  // namespace secsched::schedctl
