// A network cut between a worker and everything it talks to (PostgreSQL, Redis, the catalog and
// requests services): the worker runs in its own network namespace, joined by a veth pair whose
// link is set down in the middle of a load job and up again after another worker took the job
// over. The job must be reclaimed and completed once, and the cut-off worker's attempt, which
// resumes when the link returns, must write nothing: the trial equals the same jobs run without a
// cut. Skipped where network namespaces cannot be made (not root, no iproute2).
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/testing/network_namespace.h"
#include "common/testing/restartable_servers.h"
#include "tests/e2e/fault_fixture.h"

namespace secsched::e2e {
namespace {

using Job = sectioning_api::Job;
using Clock = std::chrono::steady_clock;
constexpr char kCalendar[] = "fault-cut";
constexpr int kStudents = 150;

std::string OnHost(std::string url, const std::string& host) {
  const size_t at = url.find("127.0.0.1");
  return url.replace(at, std::string("127.0.0.1").size(), host);
}

// Runs `type` on `trial` and waits for it to end; returns its row.
JobRow RunJob(const Suite& suite, const std::string& trial, Job::Type type,
              const std::string& request_id) {
  std::optional<std::string> name =
      SubmitJob(suite, std::string("calendars/") + kCalendar + "/trials/" + trial, type, request_id,
                std::chrono::seconds(30));
  std::optional<JobRow> row;
  testing::WaitFor(
      [&] {
        row = name ? ReadJob(suite.database_url(), *name) : std::nullopt;
        return row && (row->state == "SUCCEEDED" || row->state == "FAILED");
      },
      std::chrono::seconds(120));
  return row.value_or(JobRow{.state = "NEVER FINISHED"});
}

TEST(NetworkCutE2e, AJobWhoseWorkerIsCutOffIsReclaimedAndWrittenOnce) {
  std::string why_not;
  std::unique_ptr<testing::VethNamespace> ns = testing::VethNamespace::Create(&why_not);
  if (!ns) GTEST_SKIP() << why_not;
  const std::string host = ns->host_address();
  testing::RestartablePostgres postgres(host);
  testing::RestartableRedis redis(host);
  testing::RedisEndpoint redis_on_host = redis.endpoint();
  redis_on_host.host = host;
  Suite suite({.workers = 0,
               .pg_url = OnHost(postgres.FreshDatabaseUrl(), host),
               .redis_url = redis_on_host.url(),
               .engine_time_limit = "300s",
               .listen_host = host});
  ImportSmallSchool(suite, kCalendar, kStudents);
  if (HasFatalFailure()) return;
  for (const char* trial : {"quiet", "cut"}) {
    CreateTrial(suite, kCalendar, trial);
  }

  // The sections and the master, and the whole reference run, on a worker of this namespace.
  suite.StartWorker("e2e-worker-host");
  for (const char* trial : {"quiet", "cut"}) {
    for (const Job::Type type : {Job::BUILD_SECTIONS, Job::BUILD_MASTER}) {
      const JobRow row = RunJob(suite, trial, type, std::string(trial) + Job::Type_Name(type));
      ASSERT_EQ(row.state, "SUCCEEDED") << trial << " " << Job::Type_Name(type) << row.error;
    }
  }
  ASSERT_EQ(RunJob(suite, "quiet", Job::LOAD_STUDENTS, "quiet-load").state, "SUCCEEDED");

  // The load goes to the worker across the veth pair only.
  suite.StopWorker("e2e-worker-host");
  suite.StartWorker("e2e-worker-netns", ns->name());
  std::optional<std::string> load =
      SubmitJob(suite, std::string("calendars/") + kCalendar + "/trials/cut", Job::LOAD_STUDENTS,
                "cut-load", std::chrono::seconds(30));
  ASSERT_TRUE(load.has_value());
  std::optional<JobRow> row;
  ASSERT_TRUE(testing::WaitFor(
      [&] {
        row = ReadJob(suite.database_url(), *load);
        return row && row->state != "QUEUED";
      },
      std::chrono::seconds(60)))
      << suite.LogOf("e2e-worker-netns");
  // Frozen while the link goes down, so the cut lands inside the job whatever its speed.
  suite.PauseWorker("e2e-worker-netns");
  row = ReadJob(suite.database_url(), *load);
  ASSERT_EQ(row->state, "RUNNING") << "the job ended before the cut: " << row->result;
  ASSERT_EQ(row->attempt, 1);
  ns->SetLink(false);
  suite.ResumeWorker("e2e-worker-netns");
  const Clock::time_point cut = Clock::now();

  // A worker on this side reclaims the entry once the cut-off one stops renewing it.
  suite.StartWorker("e2e-worker-rescue");
  ASSERT_TRUE(testing::WaitFor(
      [&] {
        row = ReadJob(suite.database_url(), *load);
        return row->state == "SUCCEEDED" || row->state == "FAILED";
      },
      std::chrono::seconds(120)))
      << suite.LogOf("e2e-worker-rescue");
  const double taken_over = std::chrono::duration<double>(Clock::now() - cut).count();
  EXPECT_EQ(row->state, "SUCCEEDED") << row->error;
  EXPECT_GE(row->attempt, 2) << "the job was run again on this side of the cut";

  // The link returns: the old attempt resumes and must be refused (fenced by attempt). Stopping
  // its worker waits for that attempt to end.
  ns->SetLink(true);
  suite.StopWorker("e2e-worker-netns");
  const std::string cut_worker_log = suite.LogOf("e2e-worker-netns");

  const JobRow after = *ReadJob(suite.database_url(), *load);
  EXPECT_EQ(after.state, "SUCCEEDED");
  EXPECT_EQ(after.attempt, row->attempt) << "no attempt began or completed after the rescue";
  EXPECT_EQ(after.result, row->result) << "the resumed old attempt overwrote the result";
  const TrialCounts counts = CountTrial(suite.database_url(), kCalendar, "cut");
  EXPECT_EQ(counts.enrollments, counts.enrolled_kept);
  EXPECT_EQ(counts.sections_miscounted, 0);
  EXPECT_EQ(counts.duplicate_enrollments, 0);
  EXPECT_EQ(counts.students_twice_in_course, 0);
  const nlohmann::json result = nlohmann::json::parse(after.result);
  EXPECT_EQ(result["written"]["enrollments_added"], counts.enrollments) << after.result;
  EXPECT_EQ(TrialContent(suite.database_url(), kCalendar, "cut"),
            TrialContent(suite.database_url(), kCalendar, "quiet"))
      << "the load across the cut differs from the load without it; cut-off worker:\n"
      << cut_worker_log;
  std::printf(
      "network cut: load job cut off at attempt 1, SUCCEEDED at attempt %d on the other side "
      "%.2f s after the cut; %lld enrollments, none doubled; the cut-off attempt wrote nothing\n",
      after.attempt, taken_over, static_cast<long long>(counts.enrollments));
}

}  // namespace
}  // namespace secsched::e2e
