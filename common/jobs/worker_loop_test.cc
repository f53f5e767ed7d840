// The whole job path against real PostgreSQL and Redis: SubmitJob -> stream -> JobWorker ->
// fenced job row, including a worker that dies mid-job and one that never succeeds.
#include "common/jobs/worker_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "common/jobs/jobs_test_env.h"
#include "common/jobs/submit_job.h"
#include "common/pg/transaction.h"
#include "common/redis/pubsub.h"
#include "nlohmann/json.hpp"

namespace secsched::jobs {
namespace {

using secsched::testing::UniqueName;
using secsched::testing::WaitFor;
using testing::JobsTestEnv;
using namespace std::chrono_literals;

class JobWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_NE(env_.pool, nullptr); }

  // Per test: its own streams, and a visibility timeout short enough to reclaim quickly.
  static JobQueueOptions QueueOptions() {
    JobQueueOptions options;
    options.stream_prefix = UniqueName("jobs");
    options.visibility_timeout = 50ms;
    options.max_deliveries = 3;
    return options;
  }

  Job Submit(const std::string& key = UniqueName("request"),
             const std::string& scope = UniqueName("trial")) {
    absl::StatusOr<JobStore::EnqueueResult> submitted =
        SubmitJob(store_, queue_, {"build", scope, "{}", key});
    EXPECT_TRUE(submitted.ok()) << submitted.status();
    return submitted.ok() ? submitted->job : Job{};
  }

  JobWorkerOptions WorkerOptions(const std::string& consumer) {
    return {.type = "build",
            .consumer = consumer,
            .read_block = 10ms,
            .cancel_poll_interval = 5ms,
            .heartbeat_interval = 10ms};
  }

  // RunOnce until the job's row is finished (or 10 s pass).
  bool RunUntilFinished(JobWorker& worker, const std::string& job_id) {
    return WaitFor(
        [&] {
          EXPECT_TRUE(worker.RunOnce().ok());
          absl::StatusOr<Job> job = store_.Get(job_id);
          return job.ok() && IsFinished(job->state);
        },
        10s);
  }

  JobsTestEnv& env_ = JobsTestEnv::Shared();
  JobStore store_{*env_.pool};
  JobQueue queue_{*env_.redis, QueueOptions()};
};

TEST_F(JobWorkerTest, SameIdempotencyKeyQueuesOnce) {
  const std::string key = UniqueName("request");
  const std::string scope = UniqueName("trial");
  const Job first = Submit(key, scope);
  const Job second = Submit(key, scope);
  EXPECT_EQ(first.id, second.id);
  EXPECT_TRUE(second.published);
  EXPECT_EQ(
      env_.QueryInt("SELECT count(*) FROM sectioning.jobs WHERE idempotency_key = '" + key + "'"),
      1);
  EXPECT_EQ(env_.Redis().Command({"XLEN", queue_.StreamName("build")})->integer, 1);
}

TEST_F(JobWorkerTest, JobOfADeadConsumerIsReclaimedAndCompletedExactlyOnce) {
  ASSERT_TRUE(pg::WithTransaction(*env_.pool, [](pqxx::work& tx) {
                tx.exec0("CREATE TABLE IF NOT EXISTS worker_outputs (job_id text, attempt int)");
                return absl::OkStatus();
              }).ok());
  const Job job = Submit();
  // A consumer takes the job, begins attempt 1 and dies: no result, no ack.
  absl::StatusOr<std::vector<JobQueue::Delivery>> taken = queue_.Read("build", "dies", 1, 0ms);
  ASSERT_EQ(taken->size(), 1u);
  ASSERT_EQ(*store_.BeginAttempt(job.id, (*taken)[0].deliveries), 1);

  std::atomic<int> runs{0};
  JobWorker survivor(store_, queue_, *env_.redis, WorkerOptions("survivor"),
                     [&](const Job& j, JobContext& ctx) -> absl::StatusOr<std::string> {
                       ++runs;
                       absl::Status saved = ctx.CompleteWith(
                           [&](pqxx::work& tx) {
                             tx.exec_params0("INSERT INTO worker_outputs VALUES ($1, $2)", j.id,
                                             ctx.attempt());
                             return absl::OkStatus();
                           },
                           "placed everything");
                       if (!saved.ok()) return saved;
                       return "placed everything";
                     });
  ASSERT_TRUE(RunUntilFinished(survivor, job.id));
  // The dead consumer wakes up late: its attempt is stale and changes nothing.
  EXPECT_EQ(store_.Complete(job.id, 1, "stale").code(), absl::StatusCode::kAborted);

  absl::StatusOr<Job> done = store_.Get(job.id);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  EXPECT_EQ(done->attempt, 2);
  EXPECT_EQ(done->deliveries, 2);
  EXPECT_EQ(done->result, "placed everything");
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(env_.QueryInt("SELECT count(*) FROM sectioning.worker_outputs WHERE job_id = '" +
                          job.id + "'"),
            1);
  EXPECT_EQ(*queue_.Lag("build"), 0);
}

TEST_F(JobWorkerTest, HeartbeatKeepsALongJobFromBeingReclaimed) {
  // Its own queue with a 1 s visibility timeout and a 50 ms heartbeat: a 20x margin, so a busy
  // machine delaying the heartbeat thread does not let the thief in (the 50 ms timeout of the
  // other tests gave only 5x and failed under a loaded CI).
  JobQueueOptions options = QueueOptions();
  options.visibility_timeout = 1s;
  JobQueue long_queue(*env_.redis, options);
  absl::StatusOr<JobStore::EnqueueResult> submitted =
      SubmitJob(store_, long_queue, {"build", UniqueName("trial"), "{}", UniqueName("request")});
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const Job job = submitted->job;
  JobWorkerOptions worker_options = WorkerOptions("long");
  worker_options.heartbeat_interval = 50ms;
  std::vector<JobQueue::Delivery> stolen;
  JobWorker worker(store_, long_queue, *env_.redis, worker_options,
                   [&](const Job&, JobContext& ctx) -> absl::StatusOr<std::string> {
                     // Run for 2.5 visibility timeouts while another consumer keeps trying to
                     // reclaim; the heartbeat must keep the entry ours.
                     const auto until = std::chrono::steady_clock::now() + 2500ms;
                     WaitFor(
                         [&] {
                           absl::StatusOr<JobQueue::Reclaimed> r =
                               long_queue.ReclaimIdle("build", "thief", 10);
                           if (r.ok())
                             stolen.insert(stolen.end(), r->reclaimed.begin(), r->reclaimed.end());
                           return std::chrono::steady_clock::now() >= until;
                         },
                         10s);
                     if (ctx.cancelled()) return absl::AbortedError("lost the job");
                     return "long work done";
                   });
  ASSERT_TRUE(RunUntilFinished(worker, job.id));
  EXPECT_TRUE(stolen.empty());
  absl::StatusOr<Job> done = store_.Get(job.id);
  EXPECT_EQ(done->state, JobState::kSucceeded);
  EXPECT_EQ(done->attempt, 1);
}

TEST_F(JobWorkerTest, JobThatNeverSucceedsIsDeadLetteredAndFailed) {
  const Job job = Submit();
  std::atomic<int> runs{0};
  // UNAVAILABLE is transient: the worker leaves the entry pending for another delivery.
  JobWorker worker(store_, queue_, *env_.redis, WorkerOptions("flaky"),
                   [&](const Job&, JobContext&) -> absl::StatusOr<std::string> {
                     ++runs;
                     return absl::UnavailableError("engine host lost");
                   });
  ASSERT_TRUE(RunUntilFinished(worker, job.id));
  absl::StatusOr<Job> failed = store_.Get(job.id);
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->state, JobState::kFailed);
  EXPECT_NE(failed->error.find("Gave up after 4 deliveries"), std::string::npos) << failed->error;
  EXPECT_EQ(runs.load(), 3);
  absl::StatusOr<redis::RedisReply> dead =
      env_.Redis().Command({"XLEN", queue_.DeadLetterStreamName("build")});
  EXPECT_EQ(dead->integer, 1);
  EXPECT_EQ(*queue_.Lag("build"), 0);
}

TEST_F(JobWorkerTest, HandlerErrorFailsTheJobWithItsMessage) {
  const Job job = Submit();
  JobWorker worker(store_, queue_, *env_.redis, WorkerOptions("w"),
                   [](const Job&, JobContext&) -> absl::StatusOr<std::string> {
                     return absl::InvalidArgumentError("trial has no courses");
                   });
  ASSERT_TRUE(RunUntilFinished(worker, job.id));
  absl::StatusOr<Job> failed = store_.Get(job.id);
  EXPECT_EQ(failed->state, JobState::kFailed);
  EXPECT_EQ(failed->error, "trial has no courses");
  EXPECT_EQ(failed->attempt, 1);
}

TEST_F(JobWorkerTest, ProgressReachesTheRowAndSubscribers) {
  const Job job = Submit();
  absl::StatusOr<std::unique_ptr<redis::Subscriber>> subscriber =
      redis::Subscriber::Subscribe(env_.redis->options(), {JobProgressChannel(job.id)});
  ASSERT_TRUE(subscriber.ok()) << subscriber.status();
  std::optional<Job> seen_mid_run;
  JobWorker worker(store_, queue_, *env_.redis, WorkerOptions("w"),
                   [&](const Job& j, JobContext& ctx) -> absl::StatusOr<std::string> {
                     if (absl::Status s = ctx.ReportProgress(40, "placing sections"); !s.ok()) {
                       return s;
                     }
                     absl::StatusOr<Job> row = store_.Get(j.id);
                     if (row.ok()) seen_mid_run = *row;
                     return "ok";
                   });
  ASSERT_TRUE(RunUntilFinished(worker, job.id));
  ASSERT_TRUE(seen_mid_run.has_value());
  EXPECT_DOUBLE_EQ(seen_mid_run->progress_percent, 40);
  EXPECT_EQ(seen_mid_run->phase, "placing sections");

  absl::StatusOr<std::optional<redis::PubSubMessage>> message = (*subscriber)->Next(5s);
  ASSERT_TRUE(message.ok()) << message.status();
  ASSERT_TRUE(message->has_value());
  const nlohmann::json progress = nlohmann::json::parse((*message)->payload);
  EXPECT_EQ(progress["job_id"], job.id);
  EXPECT_EQ(progress["attempt"], 1);
  EXPECT_EQ(progress["percent"], 40.0);
  EXPECT_EQ(progress["phase"], "placing sections");
}

TEST_F(JobWorkerTest, CancelRequestedWhileRunningStopsTheJob) {
  const Job job = Submit();
  std::atomic<bool> stop{false};
  JobWorker worker(store_, queue_, *env_.redis, WorkerOptions("w"),
                   [&](const Job&, JobContext& ctx) -> absl::StatusOr<std::string> {
                     if (!WaitFor([&] { return ctx.cancelled(); }, 10s)) return "not cancelled";
                     return absl::CancelledError("cancelled");
                   });
  std::thread runner([&] { worker.Run(stop); });
  EXPECT_TRUE(WaitFor([&] { return store_.Get(job.id)->state == JobState::kRunning; }, 10s));
  ASSERT_TRUE(store_.RequestCancel(job.id).ok());
  EXPECT_TRUE(WaitFor([&] { return store_.Get(job.id)->state == JobState::kCancelled; }, 10s));

  // Run notices stop within about one bounded read.
  const auto stop_requested = std::chrono::steady_clock::now();
  stop = true;
  runner.join();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_requested, 2s);
}

}  // namespace
}  // namespace secsched::jobs
