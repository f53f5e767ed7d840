// JobStore against a real PostgreSQL: idempotent creation, exclusive scopes, fencing, cancel.
#include "common/jobs/job_store.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/jobs/jobs_test_env.h"
#include "common/pg/transaction.h"

namespace secsched::jobs {
namespace {

using secsched::testing::UniqueName;
using testing::JobsTestEnv;

class JobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(env_.pool, nullptr); }

  Job CreateOrDie(const std::string& scope, ScopePolicy policy = ScopePolicy::kShared) {
    absl::StatusOr<JobStore::EnqueueResult> created =
        store_.Create("build", scope, "{}", UniqueName("key"), policy);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->job : Job{};
  }

  JobsTestEnv& env_ = JobsTestEnv::Shared();
  JobStore store_{*env_.pool};
};

TEST_F(JobStoreTest, CreateWithTheSameKeyReturnsTheExistingJob) {
  const std::string key = UniqueName("request");
  const std::string scope = UniqueName("trial");
  absl::StatusOr<JobStore::EnqueueResult> first = store_.Create("build", scope, "p1", key);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->job.state, JobState::kQueued);
  EXPECT_EQ(first->job.attempt, 0);
  EXPECT_EQ(first->job.payload, "p1");

  absl::StatusOr<JobStore::EnqueueResult> again = store_.Create("build", scope, "p2", key);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->job.id, first->job.id);
  EXPECT_EQ(again->job.payload, "p1");
  EXPECT_EQ(
      env_.QueryInt("SELECT count(*) FROM sectioning.jobs WHERE idempotency_key = '" + key + "'"),
      1);

  EXPECT_EQ(store_.Create("load", scope, "p1", key).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(JobStoreTest, ConcurrentCreatesWithOneKeyMakeOneJob) {
  const std::string key = UniqueName("request");
  const std::string scope = UniqueName("trial");
  std::vector<absl::StatusOr<JobStore::EnqueueResult>> results(8);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&] { result = store_.Create("build", scope, "", key); });
  }
  for (std::thread& thread : threads) thread.join();
  int created = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->job.id, results[0]->job.id);
    created += result->created ? 1 : 0;
  }
  EXPECT_EQ(created, 1);
}

TEST_F(JobStoreTest, JobsWithoutKeysAreAlwaysNew) {
  const std::string scope = UniqueName("trial");
  absl::StatusOr<JobStore::EnqueueResult> a = store_.Create("build", scope, "", "");
  absl::StatusOr<JobStore::EnqueueResult> b = store_.Create("build", scope, "", "");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->job.id, b->job.id);
}

TEST_F(JobStoreTest, ExclusiveScopeAllowsOneActiveJob) {
  const std::string scope = UniqueName("trial");
  const Job first = CreateOrDie(scope, ScopePolicy::kExclusive);
  EXPECT_EQ(
      store_.Create("build", scope, "", UniqueName("key"), ScopePolicy::kExclusive).status().code(),
      absl::StatusCode::kAborted);
  // Shared jobs on the same scope are not affected.
  CreateOrDie(scope, ScopePolicy::kShared);

  absl::StatusOr<int> attempt = store_.BeginAttempt(first.id);
  ASSERT_TRUE(attempt.ok()) << attempt.status();
  ASSERT_TRUE(store_.Complete(first.id, *attempt, "done").ok());
  CreateOrDie(scope, ScopePolicy::kExclusive);  // the first one finished
}

TEST_F(JobStoreTest, StaleAttemptCannotOverwriteTheNewerOne) {
  const Job job = CreateOrDie(UniqueName("trial"));
  ASSERT_EQ(*store_.BeginAttempt(job.id, 1), 1);
  ASSERT_TRUE(store_.ReportProgress(job.id, 1, 30, "placing").ok());
  // The entry was reclaimed and another worker began attempt 2.
  ASSERT_EQ(*store_.BeginAttempt(job.id, 2), 2);
  ASSERT_TRUE(store_.ReportProgress(job.id, 2, 10, "loading").ok());

  EXPECT_EQ(store_.Complete(job.id, 1, "old result").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_.Fail(job.id, 1, "old error").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_.ReportProgress(job.id, 1, 99, "old phase").code(), absl::StatusCode::kAborted);
  absl::StatusOr<Job> unchanged = store_.Get(job.id);
  ASSERT_TRUE(unchanged.ok()) << unchanged.status();
  EXPECT_EQ(unchanged->state, JobState::kRunning);
  EXPECT_EQ(unchanged->attempt, 2);
  EXPECT_EQ(unchanged->deliveries, 2);
  EXPECT_EQ(unchanged->result, "");
  EXPECT_EQ(unchanged->error, "");
  EXPECT_EQ(unchanged->phase, "loading");
  EXPECT_DOUBLE_EQ(unchanged->progress_percent, 10);

  ASSERT_TRUE(store_.Complete(job.id, 2, "new result").ok());
  absl::StatusOr<Job> done = store_.Get(job.id);
  EXPECT_EQ(done->state, JobState::kSucceeded);
  EXPECT_EQ(done->result, "new result");
  EXPECT_DOUBLE_EQ(done->progress_percent, 100);
  EXPECT_TRUE(done->finished_at.has_value());
  // Finished is final: neither attempt can write again, and it cannot begin again.
  EXPECT_EQ(store_.Complete(job.id, 2, "again").code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store_.BeginAttempt(job.id).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(JobStoreTest, CompleteInTransactionCommitsResultsOnlyForTheRunningAttempt) {
  ASSERT_TRUE(pg::WithTransaction(*env_.pool, [](pqxx::work& tx) {
                tx.exec0("CREATE TABLE IF NOT EXISTS job_outputs (job_id text, attempt int)");
                return absl::OkStatus();
              }).ok());
  const Job job = CreateOrDie(UniqueName("trial"));
  ASSERT_EQ(*store_.BeginAttempt(job.id), 1);
  ASSERT_EQ(*store_.BeginAttempt(job.id), 2);
  auto complete_as = [&](int attempt) {
    return pg::WithTransaction(*env_.pool, [&](pqxx::work& tx) -> absl::Status {
      tx.exec_params0("INSERT INTO job_outputs VALUES ($1, $2)", job.id, attempt);
      return store_.CompleteInTransaction(tx, job.id, attempt, "summary");
    });
  };
  EXPECT_EQ(complete_as(1).code(), absl::StatusCode::kAborted);
  ASSERT_TRUE(complete_as(2).ok());
  EXPECT_EQ(
      env_.QueryInt("SELECT count(*) FROM sectioning.job_outputs WHERE job_id = '" + job.id + "'"),
      1);
  EXPECT_EQ(
      env_.QueryInt("SELECT attempt FROM sectioning.job_outputs WHERE job_id = '" + job.id + "'"),
      2);
}

TEST_F(JobStoreTest, CancelQueuedRunningAndFinishedJobs) {
  const Job queued = CreateOrDie(UniqueName("trial"));
  ASSERT_TRUE(store_.RequestCancel(queued.id).ok());
  EXPECT_EQ(store_.Get(queued.id)->state, JobState::kCancelled);
  EXPECT_TRUE(store_.RequestCancel(queued.id).ok());  // repeating is fine
  EXPECT_EQ(store_.BeginAttempt(queued.id).status().code(), absl::StatusCode::kFailedPrecondition);

  const Job running = CreateOrDie(UniqueName("trial"));
  ASSERT_EQ(*store_.BeginAttempt(running.id), 1);
  ASSERT_TRUE(store_.RequestCancel(running.id).ok());
  absl::StatusOr<Job> flagged = store_.Get(running.id);
  EXPECT_EQ(flagged->state, JobState::kRunning);
  EXPECT_TRUE(flagged->cancel_requested);
  // A redelivery of a job whose cancellation was requested does not run it again.
  EXPECT_EQ(store_.BeginAttempt(running.id).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_.Get(running.id)->state, JobState::kCancelled);

  const Job done = CreateOrDie(UniqueName("trial"));
  ASSERT_EQ(*store_.BeginAttempt(done.id), 1);
  ASSERT_TRUE(store_.Complete(done.id, 1, "ok").ok());
  EXPECT_EQ(store_.RequestCancel(done.id).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_.RequestCancel("no-such-job").code(), absl::StatusCode::kNotFound);
}

TEST_F(JobStoreTest, UnknownJobsAreNotFound) {
  EXPECT_EQ(store_.Get("no-such-job").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_.BeginAttempt("no-such-job").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_.FailUndeliverable("no-such-job", "x").code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace secsched::jobs
