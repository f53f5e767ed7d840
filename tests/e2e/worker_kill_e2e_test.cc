// Worker crashes under a load of build and load jobs: sectioning workers are SIGKILLed at seeded
// random points of running jobs (the holder of the job, found in the stream's pending list) and
// replaced by new ones. Every job must end SUCCEEDED once, no enrollment may be lost or doubled,
// and every trial must equal the same jobs run without kills (the engine is deterministic for
// the workers' seed, --engine-seed, as long as its time limit is not what stopped it).
//
// CI runs 12 jobs; SECSCHED_FAULT_JOBS=50 runs the issue's 50. SECSCHED_FAULT_SEED=<n> replays
// the kill points of a printed seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <random>
#include <set>

#include "common/redis/redis_client.h"
#include "common/redis/redis_options.h"
#include "common/testing/restartable_servers.h"
#include "tests/e2e/fault_fixture.h"

namespace secsched::e2e {
namespace {

using Job = sectioning_api::Job;
constexpr char kCalendar[] = "fault-kills";
constexpr int kStudents = 150;
constexpr Job::Type kChain[] = {Job::BUILD_SECTIONS, Job::BUILD_MASTER, Job::LOAD_STUDENTS};
constexpr char kStream[] = "secsched:jobs:trial_jobs";
// A job is killed at most twice, so its five deliveries (--max-deliveries) are never used up:
// a job the kills alone dead-letter would prove the test's schedule, not the system, wrong.
constexpr int kMaxKillsPerJob = 2;

// One trial's jobs, submitted one after the other (one writing job per trial at a time).
struct Chain {
  std::string trial_id;
  int length = 0;
  std::vector<std::string> jobs;  // names, in order
};

// Strikes while jobs run. Each delivery of a job (an entry read by a worker) is, with
// probability 1/2, marked for a kill at a random delay after it is first seen, up to the longest
// job of the run without kills, so kills land anywhere from reading the school through the
// engine and the saving transaction to the moment after the commit and before the ack. The very
// first delivery seen is always killed, so no run proves nothing.
class WorkerKills {
 public:
  WorkerKills(Suite& suite, const testing::RedisEndpoint& redis, std::uint64_t seed,
              std::chrono::milliseconds longest_job)
      : suite_(suite), rng_(seed), longest_job_(longest_job) {
    redis::RedisOptions options{.host = redis.host,
                                .port = redis.port,
                                .username = redis.username,
                                .password = redis.password};
    auto client = redis::RedisClient::Connect(options);
    if (!client.ok()) throw std::runtime_error(std::string(client.status().message()));
    redis_ = *std::move(client);
  }

  // Kills the holder of a delivery whose moment has come, and starts a replacement.
  void KillIfDue(pqxx::connection& db) {
    auto pending = redis_->Command({"XPENDING", kStream, "workers", "-", "+", "100"});
    if (!pending.ok()) return;
    const std::vector<std::string> alive = suite_.WorkerNames();
    for (const redis::RedisReply& entry : pending->elements) {
      const std::string& entry_id = entry.elements[0].str;
      const std::string& consumer = entry.elements[1].str;
      if (std::find(alive.begin(), alive.end(), consumer) == alive.end()) continue;
      const auto now = std::chrono::steady_clock::now();
      auto [due, first_sight] = due_.emplace(entry_id + "@" + consumer, now);
      if (first_sight && kills_done_ > 0) {
        if (std::bernoulli_distribution(0.5)(rng_)) {
          due->second = now + std::chrono::milliseconds(std::uniform_int_distribution<int>(
                                  0, static_cast<int>(longest_job_.count()))(rng_));
        } else {
          due->second = std::chrono::steady_clock::time_point::max();
        }
      }
      if (now < due->second) continue;
      auto fields = redis_->Command({"XRANGE", kStream, entry_id, entry_id});
      if (!fields.ok() || fields->elements.empty()) continue;
      const std::string job_id = fields->elements[0].elements[1].elements[1].str;
      if (kills_of_[job_id] >= kMaxKillsPerJob) continue;
      const std::string phase = PhaseOf(db, job_id);
      suite_.KillWorker(consumer);
      suite_.StartWorker("e2e-worker-r" + std::to_string(++replacements_));
      due->second = std::chrono::steady_clock::time_point::max();
      ++kills_of_[job_id];
      ++kills_done_;
      ++kills_by_phase_[phase];
      std::printf("kill %d: %s holding job %s, %s\n", kills_done_, consumer.c_str(), job_id.c_str(),
                  phase.c_str());
    }
  }

  int kills_done() const { return kills_done_; }
  const std::map<std::string, int>& kills_by_phase() const { return kills_by_phase_; }

 private:
  // Where the job was when its worker died, from its row.
  static std::string PhaseOf(pqxx::connection& db, const std::string& job_id) {
    pqxx::nontransaction tx(db);
    pqxx::result rows =
        tx.exec_params("SELECT state, progress_percent FROM sectioning.jobs WHERE id = $1", job_id);
    if (rows.empty()) return "unknown";
    const std::string state = rows[0][0].as<std::string>();
    const double progress = rows[0][1].as<double>();
    if (state == "QUEUED") return "read but not begun";
    if (state != "RUNNING") return "after the commit, before the ack";
    if (progress < 5) return "reading the school";
    if (progress < 95) return "in the engine";
    return "saving";
  }

  Suite& suite_;
  std::unique_ptr<redis::RedisClient> redis_;
  std::mt19937_64 rng_;
  const std::chrono::milliseconds longest_job_;
  std::map<std::string, std::chrono::steady_clock::time_point> due_;  // by delivery
  std::map<std::string, int> kills_of_;                               // by job
  std::map<std::string, int> kills_by_phase_;
  int kills_done_ = 0;
  int replacements_ = 0;
};

// Every job's state by id.
std::map<std::string, std::string> ReadJobStates(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  std::map<std::string, std::string> jobs;
  for (const pqxx::row& r : tx.exec("SELECT id, state FROM sectioning.jobs")) {
    jobs[r[0].as<std::string>()] = r[1].as<std::string>();
  }
  return jobs;
}

// The longest run of a job so far (start to finish of its last attempt).
std::chrono::milliseconds LongestJob(const std::string& database_url) {
  pqxx::connection connection(database_url);
  pqxx::nontransaction tx(connection);
  const double ms = tx.exec1(
                          "SELECT coalesce(max(extract(epoch FROM finished_at - started_at)), 1) "
                          "* 1000 FROM sectioning.jobs WHERE state = 'SUCCEEDED'")[0]
                        .as<double>();
  std::printf("longest job without kills: %.0f ms\n", ms);
  return std::chrono::milliseconds(static_cast<long>(ms));
}

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

// Runs every chain to its end, submitting a trial's next job when the previous SUCCEEDED;
// `kills` (may be null) strikes while they run. False when a job failed or time ran out.
bool RunChains(Suite& suite, std::vector<Chain>& chains, WorkerKills* kills) {
  pqxx::connection connection(suite.database_url());
  std::string failure;
  auto advance = [&] {
    const std::map<std::string, std::string> jobs = ReadJobStates(connection);
    bool all_done = true;
    for (Chain& chain : chains) {
      std::string state = "SUCCEEDED";
      if (!chain.jobs.empty()) {
        auto it = jobs.find(IdOf(chain.jobs.back()));
        state = it == jobs.end() ? "MISSING" : it->second;
      }
      if (state == "FAILED" || state == "CANCELLED" || state == "MISSING") {
        failure = chain.jobs.back() + " is " + state;
        return true;
      }
      bool submitted = false;  // the state read above is then the previous job's
      if (state == "SUCCEEDED" && static_cast<int>(chain.jobs.size()) < chain.length) {
        const int step = static_cast<int>(chain.jobs.size());
        std::optional<std::string> job = SubmitJob(
            suite, std::string("calendars/") + kCalendar + "/trials/" + chain.trial_id,
            kChain[step], chain.trial_id + "-" + std::to_string(step), std::chrono::seconds(30));
        if (!job) {
          failure = "cannot submit job " + std::to_string(step) + " of " + chain.trial_id;
          return true;
        }
        chain.jobs.push_back(*job);
        submitted = true;
      }
      all_done = all_done && !submitted && state == "SUCCEEDED" &&
                 static_cast<int>(chain.jobs.size()) == chain.length;
    }
    if (!all_done && kills != nullptr) kills->KillIfDue(connection);
    return all_done;
  };
  const bool finished = testing::WaitFor(advance, std::chrono::minutes(5));
  EXPECT_EQ(failure, "");
  return finished && failure.empty();
}

std::vector<Chain> MakeChains(const Suite& suite, const std::string& prefix, int jobs) {
  std::vector<Chain> chains;
  for (int left = jobs, i = 1; left > 0; left -= 3, ++i) {
    chains.push_back({.trial_id = prefix + "-" + std::to_string(i), .length = std::min(left, 3)});
    CreateTrial(suite, kCalendar, chains.back().trial_id);
  }
  return chains;
}

TEST(WorkerKillE2e, EveryJobSucceedsOnceAndTheTrialsEqualARunWithoutKills) {
  const int jobs = EnvInt("SECSCHED_FAULT_JOBS", 12);
  const std::uint64_t seed = FaultSeed();
  std::printf("worker kills: %d jobs, seed %llu (replay: SECSCHED_FAULT_SEED=%llu)\n", jobs,
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  // Its own Redis: the job stream must not be shared with another test binary's workers.
  testing::RestartableRedis redis;
  Suite suite({.workers = 2, .redis_url = redis.endpoint().url(), .engine_time_limit = "300s"});
  ImportSmallSchool(suite, kCalendar, kStudents);
  if (HasFatalFailure()) return;

  std::vector<Chain> reference = MakeChains(suite, "quiet", jobs);
  ASSERT_TRUE(RunChains(suite, reference, nullptr)) << suite.LogOf("sectioning");

  std::vector<Chain> faulted = MakeChains(suite, "killed", jobs);
  WorkerKills kills(suite, redis.endpoint(), seed, LongestJob(suite.database_url()));
  ASSERT_TRUE(RunChains(suite, faulted, &kills)) << suite.LogOf("sectioning");
  EXPECT_GT(kills.kills_done(), 0) << "no kill landed on a running job: the test proved nothing";

  int reruns = 0;
  for (size_t c = 0; c < faulted.size(); ++c) {
    const std::string trial = faulted[c].trial_id;
    for (const std::string& name : faulted[c].jobs) {
      std::optional<JobRow> row = ReadJob(suite.database_url(), name);
      ASSERT_TRUE(row.has_value()) << name;
      EXPECT_EQ(row->state, "SUCCEEDED") << name << ": " << row->error;
      reruns += row->attempt - 1;
      const nlohmann::json result = nlohmann::json::parse(row->result);
      const TrialCounts counts = CountTrial(suite.database_url(), kCalendar, trial);
      // The one completed attempt wrote everything there is: a second completion would have
      // found its rows already there (kept, not added).
      if (result["job"] == "LOAD_STUDENTS") {
        EXPECT_EQ(result["written"]["enrollments_added"], counts.enrollments) << row->result;
        EXPECT_EQ(result["written"]["enrollments_kept"], 0) << row->result;
      }
    }
    const TrialCounts counts = CountTrial(suite.database_url(), kCalendar, trial);
    EXPECT_EQ(counts.enrollments, counts.enrolled_kept) << trial;
    EXPECT_EQ(counts.sections_miscounted, 0) << trial;
    EXPECT_EQ(counts.duplicate_enrollments, 0) << trial;
    EXPECT_EQ(counts.students_twice_in_course, 0) << trial;
    if (faulted[c].length == 3) {
      EXPECT_GT(counts.enrollments, kStudents * 6 * 8 / 10) << trial;
    }
    EXPECT_EQ(TrialContent(suite.database_url(), kCalendar, trial),
              TrialContent(suite.database_url(), kCalendar, reference[c].trial_id))
        << trial << " differs from " << reference[c].trial_id << ", the same jobs without kills";
  }
  std::string phases;
  for (const auto& [phase, n] : kills.kills_by_phase()) {
    phases += (phases.empty() ? "" : ", ") + std::to_string(n) + " " + phase;
  }
  std::printf(
      "worker kills: %d jobs on %zu trials SUCCEEDED, %d workers SIGKILLed holding a job "
      "(%s), %d reruns; every trial equals its run without kills\n",
      jobs, faulted.size(), kills.kills_done(), phases.c_str(), reruns);
}

}  // namespace
}  // namespace secsched::e2e
