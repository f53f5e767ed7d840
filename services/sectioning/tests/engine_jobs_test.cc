// The engine as queued jobs on a trial, end to end inside one process: StartJob through the
// gRPC API, a real JobWorker on the real Redis queue, the school read through the
// ServicesSchoolSource (the catalog and the requests service faked at their API, the trial's
// rows from real PostgreSQL), and the result written by the fenced completion.
#include "services/sectioning/worker/engine_jobs.h"

#include <gtest/gtest.h>

#include <future>
#include <map>
#include <set>

#include "common/jobs/worker_loop.h"
#include "common/pg/transaction.h"
#include "services/sectioning/storage/pg_schedule_store.h"
#include "services/sectioning/tests/engine_jobs_school.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

class EngineJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SeedSmallSchool(env_.catalog(), requests_, SectioningEnv::kCalendar);
    v1::CreateTrialRequest create;
    create.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
    create.set_trial_id("t1");
    create.mutable_trial()->set_display_name("Trial 1");
    v1::Trial trial;
    ASSERT_TRUE(env_.trials().CreateTrial(SectioningEnv::Scheduler().get(), create, &trial).ok());
  }

  // Starts a job of `type` on t1 and runs the worker until the job has finished.
  v1::Job Run(v1::Job::Type type, SchoolSource* source = nullptr) {
    v1::Job job = Start(type);
    RunWorkerUntilFinished(job.name(), source);
    return Get(job.name());
  }

  v1::Job Start(v1::Job::Type type) {
    v1::StartJobRequest start;
    start.set_parent(TrialName());
    start.set_type(type);
    v1::Job job;
    grpc::Status started = env_.trials().StartJob(SectioningEnv::Scheduler().get(), start, &job);
    EXPECT_TRUE(started.ok()) << started.error_message();
    return job;
  }

  v1::Job Get(const std::string& name) {
    v1::GetJobRequest get;
    get.set_name(name);
    v1::Job job;
    EXPECT_TRUE(env_.trials().GetJob(SectioningEnv::Scheduler().get(), get, &job).ok());
    return job;
  }

  void RunWorkerUntilFinished(const std::string& name, SchoolSource* source) {
    SchoolSource& used = source ? *source : source_;
    jobs::JobWorker worker(env_.job_store(), env_.job_queue(), env_.redis(),
                           {.type = std::string(kTrialJobQueue),
                            .consumer = "test-worker",
                            .read_block = std::chrono::milliseconds(200),
                            .cancel_poll_interval = std::chrono::milliseconds(0)},
                           [&](const jobs::Job& job, jobs::JobContext& context) {
                             return RunTrialJob(counts_, used, options_, job, context);
                           });
    for (int round = 0; round < 50; ++round) {
      const auto state = Get(name).state();
      if (state == v1::Job::SUCCEEDED || state == v1::Job::FAILED || state == v1::Job::CANCELLED) {
        return;
      }
      ASSERT_TRUE(worker.RunOnce().ok());
    }
    FAIL() << "job " << name << " did not finish";
  }

  static std::string TrialName() {
    return std::string("calendars/") + SectioningEnv::kCalendar + "/trials/t1";
  }

  std::vector<v1::Section> Sections() {
    v1::ListSectionsRequest list;
    list.set_parent(TrialName());
    list.set_page_size(1000);
    v1::ListSectionsResponse response;
    EXPECT_TRUE(
        env_.sections().ListSections(SectioningEnv::Scheduler().get(), list, &response).ok());
    return {response.sections().begin(), response.sections().end()};
  }

  v1::LoadMetrics Metrics() {
    v1::GetLoadMetricsRequest request;
    request.set_parent(TrialName());
    v1::LoadMetrics metrics;
    EXPECT_TRUE(
        env_.reports().GetLoadMetrics(SectioningEnv::Scheduler().get(), request, &metrics).ok());
    return metrics;
  }

  int Count(const std::string& sql) {
    absl::StatusOr<int> n = pg::WithTransaction(
        env_.pool(),
        [&](pqxx::work& tx) -> absl::StatusOr<int> { return tx.exec1(sql)[0].as<int>(); });
    EXPECT_TRUE(n.ok()) << n.status();
    return n.value_or(-1);
  }

  // (student, section, creation time) of every enrollment.
  std::set<std::tuple<std::string, std::string, std::string>> EnrollmentRows() {
    std::set<std::tuple<std::string, std::string, std::string>> rows;
    absl::Status read = pg::WithTransaction(env_.pool(), [&](pqxx::work& tx) {
      for (const pqxx::row& r :
           tx.exec("SELECT student_id, section_id, create_time::text FROM enrollments")) {
        rows.insert({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
      }
      return absl::OkStatus();
    });
    EXPECT_TRUE(read.ok()) << read;
    return rows;
  }

  SectioningEnv env_;
  SnapshotRequestsReader requests_;
  PgScheduleStore store_{env_.pool()};
  ServicesSchoolSource source_{env_.catalog(), requests_, store_};
  PgSectionCounts counts_{env_.pool()};
  EngineJobOptions options_{.engine_time_limit = std::chrono::milliseconds(3000),
                            .bound_time_limit = std::chrono::milliseconds(20000)};
};

// Hard rules over the saved rows, checked in SQL (independent of the engine's own evaluator).
constexpr char kOverCapacity[] =
    "SELECT count(*)::int FROM sections s WHERE s.capacity < (SELECT count(*) FROM enrollments e "
    "WHERE e.section_id = s.section_id AND e.trial_id = s.trial_id)";
// The enrolled count kept on each section (a trigger) against the rows it counts.
constexpr char kEnrolledCountsWrong[] =
    "SELECT count(*)::int FROM sections s WHERE s.enrolled <> (SELECT count(*) FROM enrollments e "
    "WHERE e.section_id = s.section_id AND e.trial_id = s.trial_id)";
constexpr char kStudentClashes[] =
    "SELECT count(*)::int FROM enrollments a JOIN enrollments b ON a.trial_id = b.trial_id AND "
    "a.student_id = b.student_id AND a.section_id < b.section_id "
    "JOIN section_meetings ma ON ma.trial_id = a.trial_id AND ma.section_id = a.section_id "
    "JOIN section_meetings mb ON mb.trial_id = b.trial_id AND mb.section_id = b.section_id "
    "AND ma.term_id = mb.term_id AND ma.period = mb.period";
constexpr char kTeacherClashes[] =
    "SELECT count(*)::int FROM section_teachers a JOIN section_teachers b ON a.trial_id = "
    "b.trial_id AND a.teacher_id = b.teacher_id AND a.section_id < b.section_id "
    "JOIN section_meetings ma ON ma.trial_id = a.trial_id AND ma.section_id = a.section_id "
    "JOIN section_meetings mb ON mb.trial_id = b.trial_id AND mb.section_id = b.section_id "
    "AND ma.term_id = mb.term_id AND ma.period = mb.period";
constexpr char kUnstaffedOrUnplacedEnrolled[] =
    "SELECT count(*)::int FROM enrollments e WHERE NOT EXISTS (SELECT 1 FROM section_teachers t "
    "WHERE t.section_id = e.section_id AND t.trial_id = e.trial_id AND t.role = 'PRIMARY') OR "
    "NOT EXISTS (SELECT 1 FROM section_meetings m WHERE m.section_id = e.section_id AND "
    "m.trial_id = e.trial_id)";

TEST_F(EngineJobsTest, TheSeasonRunsAsJobsAndEverySavedRowKeepsTheHardRules) {
  v1::Job built = Run(v1::Job::BUILD_SECTIONS);
  ASSERT_EQ(built.state(), v1::Job::SUCCEEDED) << built.error();
  std::map<std::string, int> per_course;
  for (const auto& s : Sections()) {
    EXPECT_TRUE(s.placement().empty()) << "BUILD_SECTIONS leaves sections unplaced";
    ++per_course[s.course().substr(s.course().rfind('/') + 1)];
  }
  for (const auto& [course, needed] : SmallSchoolSectionsNeeded()) {
    EXPECT_GE(per_course[course], needed) << course;
  }

  v1::Job master = Run(v1::Job::BUILD_MASTER);
  ASSERT_EQ(master.state(), v1::Job::SUCCEEDED) << master.error();
  EXPECT_NE(master.result().find("\"unplaced\":0"), std::string::npos) << master.result();
  for (const auto& s : Sections()) {
    EXPECT_FALSE(s.placement().empty()) << s.name();
    EXPECT_FALSE(s.primary_teacher().empty()) << s.name();
    EXPECT_TRUE(s.conflicts().empty()) << s.name() << " " << s.conflicts(0).message();
  }
  EXPECT_EQ(Count(kTeacherClashes), 0);

  v1::Job load = Run(v1::Job::LOAD_STUDENTS);
  ASSERT_EQ(load.state(), v1::Job::SUCCEEDED) << load.error();
  EXPECT_EQ(Count(kOverCapacity), 0);
  EXPECT_EQ(Count(kEnrolledCountsWrong), 0);
  EXPECT_GT(Count("SELECT sum(enrolled)::int FROM sections"), 0);
  EXPECT_EQ(Count(kStudentClashes), 0);
  EXPECT_EQ(Count(kUnstaffedOrUnplacedEnrolled), 0);
  EXPECT_EQ(Count("SELECT count(*)::int FROM (SELECT student_id, course_id FROM enrollments "
                  "GROUP BY 1, 2 HAVING count(*) > 1) x"),
            0);
  v1::LoadMetrics metrics = Metrics();
  EXPECT_EQ(metrics.students(), kSmallSchoolStudents);
  EXPECT_GT(metrics.primary_requests_met(), kSmallSchoolPrimaryRequests * 9 / 10);
  EXPECT_EQ(metrics.primary_requests_met() + metrics.requests_unmet(), kSmallSchoolPrimaryRequests)
      << "every primary request is met or explained (an alternate may stand in for an unmet one)";
  EXPECT_EQ(Count("SELECT count(*)::int FROM unmet_requests WHERE reason_code = ''"), 0);

  v1::Job bound = Run(v1::Job::BOUND);
  ASSERT_EQ(bound.state(), v1::Job::SUCCEEDED) << bound.error();
  metrics = Metrics();
  EXPECT_GE(metrics.best_possible_primary_met(), metrics.primary_requests_met());
  EXPECT_LE(metrics.best_possible_primary_met(), kSmallSchoolPrimaryRequests);

  v1::Job explain = Run(v1::Job::EXPLAIN);
  ASSERT_EQ(explain.state(), v1::Job::SUCCEEDED) << explain.error();
  EXPECT_EQ(Metrics().requests_unmet(), metrics.requests_unmet()) << "same rows, same reasons";

  // A new master makes the bound stale: it is dropped, not shown against the wrong master.
  ASSERT_EQ(Run(v1::Job::BUILD_MASTER).state(), v1::Job::SUCCEEDED);
  EXPECT_EQ(Metrics().best_possible_primary_met(), 0);
}

TEST_F(EngineJobsTest, ReloadKeepsEveryValidScheduleExactlyAndRepairsTheBrokenOne) {
  ASSERT_EQ(Run(v1::Job::BUILD_MASTER).state(), v1::Job::SUCCEEDED);
  ASSERT_EQ(Run(v1::Job::LOAD_STUDENTS).state(), v1::Job::SUCCEEDED);
  // A counselor's work: one student loses an enrollment (a dropped section), another gets a
  // section by hand that fills no request.
  const std::string broken = "s001";
  ASSERT_GT(Count("SELECT count(*)::int FROM enrollments WHERE student_id = 's001'"), 1);
  absl::Status edited = pg::WithTransaction(env_.pool(), [&](pqxx::work& tx) {
    tx.exec(
        "DELETE FROM enrollments WHERE (student_id, section_id) IN (SELECT student_id, "
        "section_id FROM enrollments WHERE student_id = 's001' ORDER BY section_id LIMIT 1)");
    tx.exec(
        "UPDATE enrollments SET request_rank = NULL, source = 'WALK_IN' WHERE "
        "(student_id, section_id) IN (SELECT student_id, section_id FROM enrollments WHERE "
        "student_id = 's002' ORDER BY section_id LIMIT 1)");
    return absl::OkStatus();
  });
  ASSERT_TRUE(edited.ok()) << edited;
  const auto before = EnrollmentRows();
  const int broken_before =
      Count("SELECT count(*)::int FROM enrollments WHERE student_id = 's001'");

  v1::Job reload = Run(v1::Job::RELOAD);
  ASSERT_EQ(reload.state(), v1::Job::SUCCEEDED) << reload.error();
  const auto after = EnrollmentRows();
  for (const auto& row : before) {
    if (std::get<0>(row) == broken) continue;
    EXPECT_TRUE(after.count(row)) << "changed: " << std::get<0>(row) << " " << std::get<1>(row);
  }
  EXPECT_GT(Count("SELECT count(*)::int FROM enrollments WHERE student_id = 's001'"), broken_before)
      << "the broken student was reloaded";
  EXPECT_EQ(Count(kEnrolledCountsWrong), 0) << "after hand edits in SQL and a reload";
  EXPECT_EQ(Count("SELECT count(*)::int FROM enrollments WHERE student_id = 's002' AND "
                  "request_rank IS NULL"),
            1)
      << "an enrollment added by hand is kept";
  EXPECT_EQ(Count(kOverCapacity), 0);
  EXPECT_EQ(Count(kStudentClashes), 0);
}

TEST_F(EngineJobsTest, TheCatalogsSchedulingFieldsReachTheEngine) {
  // Teacher unavailable periods, room capacity below the course maximum and room types.
  ASSERT_EQ(Run(v1::Job::BUILD_MASTER).state(), v1::Job::SUCCEEDED);
  EXPECT_EQ(Count("SELECT count(*)::int FROM section_teachers t JOIN section_meetings m ON "
                  "m.section_id = t.section_id AND m.trial_id = t.trial_id WHERE t.teacher_id = "
                  "'t-math' AND m.period = 1"),
            0)
      << "t-math cannot teach in period 1";
  EXPECT_EQ(Count("SELECT count(*)::int FROM sections WHERE course_id = 'bio' AND (room_id <> "
                  "'lab1' OR capacity > 24)"),
            0)
      << "biology needs the 24-seat lab: its sections seat 24 although the course allows 30";
  ASSERT_EQ(Run(v1::Job::LOAD_STUDENTS).state(), v1::Job::SUCCEEDED);
  // s003 avoids t-eng and keeps period 7 free.
  EXPECT_EQ(Count("SELECT count(*)::int FROM enrollments e JOIN section_teachers t ON "
                  "t.section_id = e.section_id AND t.trial_id = e.trial_id WHERE e.student_id = "
                  "'s003' AND t.teacher_id = 't-eng'"),
            0);
  EXPECT_EQ(Count("SELECT count(*)::int FROM enrollments e JOIN section_meetings m ON "
                  "m.section_id = e.section_id AND m.trial_id = e.trial_id WHERE e.student_id = "
                  "'s003' AND m.period = 7"),
            0);
  // LINKED chem–lab: s004 requested only chem and got the lab too.
  EXPECT_EQ(Count("SELECT count(*)::int FROM enrollments WHERE student_id = 's004' AND "
                  "course_id IN ('chem', 'chemlab')"),
            2);
}

TEST_F(EngineJobsTest, ALockedSectionStaysWhereItIsAndItsTeacherIsNotDoubleBooked) {
  v1::CreateSectionRequest create;
  create.set_parent(TrialName());
  create.set_section_id("hist-locked");
  auto* section = create.mutable_section();
  section->set_course("hist");
  section->set_primary_teacher("t-pe");
  section->set_room("r104");
  for (const char* term : {"s1", "s2"}) {
    auto* m = section->add_placement();
    m->set_term(term);
    m->set_period(7);
  }
  section->set_locked(true);
  v1::Section created;
  grpc::Status made =
      env_.sections().CreateSection(SectioningEnv::Scheduler().get(), create, &created);
  ASSERT_TRUE(made.ok()) << made.error_message();

  ASSERT_EQ(Run(v1::Job::BUILD_MASTER).state(), v1::Job::SUCCEEDED);
  EXPECT_EQ(Count("SELECT count(*)::int FROM section_meetings WHERE section_id = 'hist-locked' "
                  "AND period = 7"),
            2);
  EXPECT_EQ(Count(kTeacherClashes), 0);
}

TEST_F(EngineJobsTest, ACancelledJobWritesNothing) {
  ASSERT_EQ(Run(v1::Job::BUILD_SECTIONS).state(), v1::Job::SUCCEEDED);
  const int placed_before = Count("SELECT count(*)::int FROM section_meetings");
  // The school's read is held until the test has cancelled the job.
  std::promise<void> reading, release;
  GatedSchoolSource gated(source_, reading, release.get_future());
  v1::Job job = Start(v1::Job::BUILD_MASTER);
  std::thread worker([&] { RunWorkerUntilFinished(job.name(), &gated); });
  reading.get_future().wait();
  v1::CancelJobRequest cancel;
  cancel.set_name(job.name());
  v1::Job cancelled;
  ASSERT_TRUE(env_.trials().CancelJob(SectioningEnv::Scheduler().get(), cancel, &cancelled).ok());
  release.set_value();
  worker.join();
  EXPECT_EQ(Get(job.name()).state(), v1::Job::CANCELLED);
  EXPECT_EQ(Count("SELECT count(*)::int FROM section_meetings"), placed_before);
}

TEST_F(EngineJobsTest, AJobWhoseTrialWasLockedMeanwhileFailsAndWritesNothing) {
  std::promise<void> reading, release;
  GatedSchoolSource gated(source_, reading, release.get_future());
  v1::Job job = Start(v1::Job::BUILD_SECTIONS);
  std::thread worker([&] { RunWorkerUntilFinished(job.name(), &gated); });
  reading.get_future().wait();
  v1::LockTrialRequest lock;
  lock.set_name(TrialName());
  v1::Trial locked;
  ASSERT_TRUE(env_.trials().LockTrial(SectioningEnv::Scheduler().get(), lock, &locked).ok());
  release.set_value();
  worker.join();
  v1::Job finished = Get(job.name());
  EXPECT_EQ(finished.state(), v1::Job::FAILED);
  EXPECT_NE(finished.error().find("locked"), std::string::npos) << finished.error();
  EXPECT_EQ(Count("SELECT count(*)::int FROM sections"), 0);
}

}  // namespace
}  // namespace secsched::sectioning::testing
