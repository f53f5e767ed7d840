// Redis and PostgreSQL restarted under traffic: a client keeps creating students while the
// datastore is killed and started again on the same port. Health must go NOT_SERVING and come
// back, calls must recover, every write acknowledged with OK must be there afterwards, and jobs
// queued across the restart must still run to SUCCEEDED. Recovery times are printed, not
// asserted (tests do not assert wall-clock time; the deadlines below are only generous caps).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "common/grpc/client.h"
#include "common/testing/restartable_servers.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "tests/e2e/fault_fixture.h"

namespace secsched::e2e {
namespace {

using Job = sectioning_api::Job;
using Clock = std::chrono::steady_clock;
namespace requests = secsched::requests::v1;

constexpr char kCalendar[] = "fault-restart";
constexpr char kJobsHealth[] = "secsched.sectioning.v1.SectioningService";
constexpr auto kCap = std::chrono::seconds(60);  // a broken recovery fails, a slow one passes

double SecondsBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// A client creating students one after the other (each with its own request id) until stopped.
// It remembers which were acknowledged, and when the last failure and the first success after
// a given instant happened.
class StudentWriter {
 public:
  explicit StudentWriter(const Suite& suite) : suite_(suite) {
    thread_ = std::thread([this] { Run(); });
  }
  ~StudentWriter() { Stop(); }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    stopped_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  std::set<std::string> acknowledged() const {
    std::lock_guard lock(mu_);
    return acknowledged_;
  }
  int failures() const { return failures_; }
  // The first acknowledged write that started after `since`, if any yet.
  std::optional<Clock::time_point> FirstOkSince(Clock::time_point since) const {
    std::lock_guard lock(mu_);
    for (const auto& [started, ok] : ok_times_) {
      if (started >= since) return ok;
    }
    return std::nullopt;
  }

 private:
  void Run() {
    auto stub = requests::RequestsService::NewStub(suite_.Channel("requests"));
    for (int i = 0;; ++i) {
      char number[16];
      std::snprintf(number, sizeof number, "w%05d", i);
      requests::CreateStudentRequest create;
      create.set_parent(std::string("calendars/") + kCalendar);
      create.set_request_id(std::string("write-") + number);
      create.mutable_student()->set_student_number(number);
      create.mutable_student()->set_display_name(std::string("Walk-in ") + number);
      create.mutable_student()->set_grade(9);
      requests::Student created;
      const Clock::time_point started = Clock::now();
      grpc::Status status = stub->CreateStudent(
          SchedulerContext(suite_, std::chrono::seconds(2)).get(), create, &created);
      std::unique_lock lock(mu_);
      if (status.ok()) {
        acknowledged_.insert(number);
        ok_times_.emplace_back(started, Clock::now());
      } else {
        ++failures_;
      }
      // A client's back-off after a failure, so an outage is not a busy loop on 2 cores.
      if (stopped_.wait_for(
              lock, status.ok() ? std::chrono::milliseconds(0) : std::chrono::milliseconds(50),
              [&] { return stop_; })) {
        return;
      }
    }
  }

  const Suite& suite_;
  mutable std::mutex mu_;
  std::condition_variable stopped_;
  bool stop_ = false;
  std::set<std::string> acknowledged_;
  std::vector<std::pair<Clock::time_point, Clock::time_point>> ok_times_;
  std::atomic<int> failures_{0};
  std::thread thread_;
};

std::set<std::string> StoredStudents(const std::string& database_url) {
  pqxx::connection connection(database_url);
  pqxx::nontransaction tx(connection);
  std::set<std::string> stored;
  for (const pqxx::row& r : tx.exec_params(
           "SELECT student_number FROM requests.students WHERE calendar_id = $1", kCalendar)) {
    stored.insert(r[0].as<std::string>());
  }
  return stored;
}

std::string Trial(int i) {
  return std::string("calendars/") + kCalendar + "/trials/t" + std::to_string(i);
}

// The part both restarts share: the school, a writer, four jobs queued behind a frozen worker.
struct RestartScene {
  explicit RestartScene(Suite& suite) : suite(suite) {
    ImportSmallSchool(suite, kCalendar, 60);
    for (int i = 1; i <= 5; ++i) CreateTrial(suite, kCalendar, "t" + std::to_string(i));
  }

  // Freezes the worker and submits four jobs, which therefore wait in the stream.
  void QueueJobs() {
    suite.PauseWorker("e2e-worker-1");
    for (int i = 1; i <= 4; ++i) {
      std::optional<std::string> job =
          SubmitJob(suite, Trial(i), Job::BUILD_SECTIONS, "queued-" + std::to_string(i), kCap);
      ASSERT_TRUE(job.has_value());
      jobs.push_back(*job);
    }
  }

  // Resumes the worker; every job must reach SUCCEEDED.
  void ExpectJobsSucceed() {
    suite.ResumeWorker("e2e-worker-1");
    for (const std::string& name : jobs) {
      std::optional<JobRow> row;
      EXPECT_TRUE(testing::WaitFor(
          [&] {
            row = ReadJob(suite.database_url(), name);
            return row && (row->state == "SUCCEEDED" || row->state == "FAILED");
          },
          std::chrono::seconds(120)))
          << name << " never finished: " << suite.LogOf("e2e-worker-1");
      ASSERT_TRUE(row.has_value()) << name;
      EXPECT_EQ(row->state, "SUCCEEDED") << name << ": " << row->error;
    }
  }

  int QueuedNow() const {
    int queued = 0;
    for (const std::string& name : jobs) {
      std::optional<JobRow> row = ReadJob(suite.database_url(), name);
      queued += row && row->state == "QUEUED";
    }
    return queued;
  }

  void ExpectEveryAcknowledgedWritePresent(const StudentWriter& writer) {
    const std::set<std::string> stored = StoredStudents(suite.database_url());
    int missing = 0;
    for (const std::string& number : writer.acknowledged()) missing += !stored.contains(number);
    EXPECT_EQ(missing, 0) << "acknowledged students lost, of " << writer.acknowledged().size();
    EXPECT_GT(writer.acknowledged().size(), 0u);
  }

  Suite& suite;
  std::vector<std::string> jobs;
};

TEST(DatastoreRestartE2e, RedisRestartLosesNoQueuedJobAndNoAcknowledgedWrite) {
  testing::RestartableRedis redis;
  Suite suite({.workers = 1, .redis_url = redis.endpoint().url()});
  RestartScene scene(suite);
  if (HasFatalFailure()) return;
  StudentWriter writer(suite);
  ASSERT_NO_FATAL_FAILURE(scene.QueueJobs());

  redis.Kill();
  const Clock::time_point killed = Clock::now();
  const int queued_at_kill = scene.QueuedNow();
  EXPECT_EQ(queued_at_kill, 4) << "the frozen worker began none of them";
  ASSERT_TRUE(testing::WaitFor([&] { return !suite.Serving("sectioning", kJobsHealth); }, kCap))
      << "the job service stays SERVING without Redis";
  const double to_not_serving = SecondsBetween(killed, Clock::now());
  // Redis is only a cache for these: they must keep answering.
  EXPECT_TRUE(suite.Serving("requests")) << "requests answers from PostgreSQL without Redis";
  EXPECT_TRUE(suite.Serving("sectioning", "secsched.sectioning.v1.RosterService"));
  // A job submitted now is stored but cannot be queued: the answer is not OK...
  auto stub = sectioning_api::SectioningService::NewStub(suite.Channel("sectioning"));
  sectioning_api::StartJobRequest start;
  start.set_parent(Trial(5));
  start.set_type(Job::BUILD_SECTIONS);
  start.set_request_id("during-outage");
  sectioning_api::Job refused;
  grpc::Status during = stub->StartJob(SchedulerContext(suite).get(), start, &refused);
  EXPECT_EQ(during.error_code(), grpc::StatusCode::UNAVAILABLE) << during.error_message();

  redis.Start();
  const Clock::time_point back = Clock::now();
  ASSERT_TRUE(testing::WaitFor([&] { return suite.Serving("sectioning", kJobsHealth); }, kCap));
  const double to_serving = SecondsBetween(back, Clock::now());
  // ...and the client's retry with the same request id queues it (docs/api.md, StartJob).
  std::optional<std::string> retried =
      SubmitJob(suite, Trial(5), Job::BUILD_SECTIONS, "during-outage", kCap);
  ASSERT_TRUE(retried.has_value());
  const double to_first_job = SecondsBetween(back, Clock::now());
  scene.jobs.push_back(*retried);
  ASSERT_TRUE(testing::WaitFor([&] { return writer.FirstOkSince(back).has_value(); }, kCap));
  const double to_first_write = SecondsBetween(back, *writer.FirstOkSince(back));

  scene.ExpectJobsSucceed();
  writer.Stop();
  scene.ExpectEveryAcknowledgedWritePresent(writer);
  std::printf(
      "redis restart: %d of 4 jobs queued at the kill, all 5 SUCCEEDED; NOT_SERVING %.3f s after "
      "the kill; after the restart: SERVING in %.3f s, first StartJob OK in %.3f s, first write "
      "OK in %.3f s; %zu writes acknowledged, all present (%d failed calls)\n",
      queued_at_kill, to_not_serving, to_serving, to_first_job, to_first_write,
      writer.acknowledged().size(), writer.failures());
}

TEST(DatastoreRestartE2e, PostgresRestartLosesNoAcknowledgedWriteAndNoQueuedJob) {
  testing::RestartablePostgres postgres;
  testing::RestartableRedis redis;
  Suite suite(
      {.workers = 1, .pg_url = postgres.FreshDatabaseUrl(), .redis_url = redis.endpoint().url()});
  RestartScene scene(suite);
  if (HasFatalFailure()) return;
  StudentWriter writer(suite);
  ASSERT_NO_FATAL_FAILURE(scene.QueueJobs());
  const int queued_at_kill = scene.QueuedNow();
  EXPECT_EQ(queued_at_kill, 4) << "the frozen worker began none of them";

  postgres.Kill();
  const Clock::time_point killed = Clock::now();
  for (const char* service : {"access", "catalog", "requests", "sectioning"}) {
    EXPECT_TRUE(testing::WaitFor([&] { return !suite.Serving(service); }, kCap))
        << service << " stays SERVING without PostgreSQL";
  }
  const double to_not_serving = SecondsBetween(killed, Clock::now());

  postgres.Start();
  const Clock::time_point back = Clock::now();
  for (const char* service : {"access", "catalog", "requests", "sectioning"}) {
    EXPECT_TRUE(testing::WaitFor([&] { return suite.Serving(service); }, kCap))
        << service << " did not return to SERVING: " << suite.LogOf(service);
  }
  const double to_serving = SecondsBetween(back, Clock::now());
  ASSERT_TRUE(testing::WaitFor([&] { return writer.FirstOkSince(back).has_value(); }, kCap))
      << suite.LogOf("requests");
  const double to_first_write = SecondsBetween(back, *writer.FirstOkSince(back));
  std::optional<std::string> after =
      SubmitJob(suite, Trial(5), Job::BUILD_SECTIONS, "after-restart", kCap);
  ASSERT_TRUE(after.has_value());
  scene.jobs.push_back(*after);

  scene.ExpectJobsSucceed();
  writer.Stop();
  scene.ExpectEveryAcknowledgedWritePresent(writer);
  std::printf(
      "postgres restart (immediate stop, WAL recovery): %d of 4 jobs queued at the kill, all 5 "
      "SUCCEEDED; all four services NOT_SERVING within %.3f s; after the restart: SERVING in "
      "%.3f s, first write OK in %.3f s; %zu writes acknowledged, all present (%d failed "
      "calls)\n",
      queued_at_kill, to_not_serving, to_serving, to_first_write, writer.acknowledged().size(),
      writer.failures());
}

}  // namespace
}  // namespace secsched::e2e
