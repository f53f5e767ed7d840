// The season through the real binaries: a calendar approved, its catalog, students and requests
// imported from CSV, then the trial built and loaded by jobs on the workers — with every worker
// SIGKILLed while the load runs. A fresh worker reclaims the job; it completes exactly once and
// no enrollment is lost or doubled. The activated trial's OneRoster export then reads back into
// the requests service as the same students.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "common/grpc/client.h"
#include "common/zip/zip_archive.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tests/e2e/fault_fixture.h"
#include "tests/e2e/suite_process.h"

namespace secsched::e2e {
namespace {

namespace sectioning = secsched::sectioning::v1;
namespace requests = secsched::requests::v1;

constexpr char kCalendar[] = "calendars/north-high-2026";
constexpr int kStudents = 300;  // requesting six courses each (ImportSmallSchool)

class SeasonE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new Suite(/*workers=*/2); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    PrepareClientContext(*context, suite_->Token("service:e2e", {"scheduler"}));
    return context;
  }

  // Watches the job until `until` says stop (or it finished); returns the last state seen.
  static sectioning::Job Watch(const std::string& job,
                               const std::function<bool(const sectioning::Job&)>& until) {
    auto stub = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
    sectioning::WatchJobRequest watch;
    watch.set_name(job);
    auto context = Context();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    auto reader = stub->WatchJob(context.get(), watch);
    sectioning::Job update;
    while (reader->Read(&update)) {
      if (until(update)) {
        context->TryCancel();
        break;
      }
    }
    reader->Finish();
    return update;
  }

  static sectioning::Job StartJob(sectioning::Job::Type type, const std::string& request_id) {
    auto stub = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
    sectioning::StartJobRequest start;
    start.set_parent(std::string(kCalendar) + "/trials/season");
    start.set_type(type);
    start.set_request_id(request_id);
    sectioning::Job job;
    grpc::Status started = stub->StartJob(Context().get(), start, &job);
    EXPECT_TRUE(started.ok()) << started.error_message();
    return job;
  }

  static bool Finished(const sectioning::Job& job) {
    return job.state() == sectioning::Job::SUCCEEDED || job.state() == sectioning::Job::FAILED ||
           job.state() == sectioning::Job::CANCELLED;
  }

  static Suite* suite_;
};
Suite* SeasonE2e::suite_ = nullptr;

TEST_F(SeasonE2e, TheTrialIsBuiltAndLoadedByWorkersEvenWhenTheyAreKilledMidJob) {
  ImportSmallSchool(*suite_, "north-high-2026", kStudents);
  if (HasFatalFailure()) return;

  CreateTrial(*suite_, "north-high-2026", "season");
  if (HasFatalFailure()) return;

  sectioning::Job master = StartJob(sectioning::Job::BUILD_MASTER, "season-master");
  master = Watch(master.name(), Finished);
  ASSERT_EQ(master.state(), sectioning::Job::SUCCEEDED) << master.error();
  EXPECT_NE(master.result().find("\"unplaced\":0"), std::string::npos) << master.result();

  // Every worker dies (SIGKILL) as soon as the load is running; a new one takes over.
  sectioning::Job load = StartJob(sectioning::Job::LOAD_STUDENTS, "season-load");
  sectioning::Job running = Watch(load.name(), [](const sectioning::Job& j) {
    return j.state() == sectioning::Job::RUNNING || Finished(j);
  });
  ASSERT_EQ(running.state(), sectioning::Job::RUNNING) << "the load finished before the kill";
  for (const std::string& worker : suite_->WorkerNames()) suite_->KillWorker(worker);
  suite_->StartWorker("e2e-worker-3");
  load = Watch(load.name(), Finished);
  ASSERT_EQ(load.state(), sectioning::Job::SUCCEEDED) << load.error();
  EXPECT_GE(load.attempt(), 2) << "the job ran again on the new worker";

  auto reports = sectioning::ScheduleReportService::NewStub(suite_->Channel("sectioning"));
  sectioning::GetLoadMetricsRequest metrics_request;
  metrics_request.set_parent(std::string(kCalendar) + "/trials/season");
  sectioning::LoadMetrics metrics;
  ASSERT_TRUE(reports->GetLoadMetrics(Context().get(), metrics_request, &metrics).ok());
  EXPECT_EQ(metrics.students(), kStudents);
  EXPECT_EQ(metrics.primary_requests_met() + metrics.requests_unmet(), kStudents * 6)
      << "every request is met or explained once: nothing lost, nothing doubled";
  const std::string added = "\"enrollments_added\":" + std::to_string(metrics.seats_used());
  EXPECT_NE(load.result().find(added), std::string::npos)
      << "the one completed attempt wrote every enrollment there is: " << load.result();
  EXPECT_GT(metrics.primary_requests_met(), kStudents * 6 * 9 / 10) << load.result();

  // The OneRoster export of the activated trial, read back by the requests service as a SIS's
  // users.csv would be: every student it names is one the calendar has, unchanged.
  auto trials = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
  sectioning::ActivateTrialRequest activate;
  activate.set_name(std::string(kCalendar) + "/trials/season");
  sectioning::Trial active;
  grpc::Status status = trials->ActivateTrial(Context().get(), activate, &active);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto exports = sectioning::ScheduleExportService::NewStub(suite_->Channel("sectioning"));
  sectioning::ExportOneRosterRequest export_request;
  export_request.set_calendar(kCalendar);
  auto context = Context();
  auto reader = exports->ExportOneRoster(context.get(), export_request);
  std::string zip_bytes;
  sectioning::ExportChunk chunk;
  while (reader->Read(&chunk)) zip_bytes += chunk.data();
  status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  absl::StatusOr<std::vector<zip::Entry>> files = zip::ReadArchive(zip_bytes);
  ASSERT_TRUE(files.ok()) << files.status();
  std::string users;
  for (const zip::Entry& file : *files) {
    if (file.name == "users.csv") users = file.data;
  }
  ASSERT_FALSE(users.empty());
  requests::ImportStudentsRequest round_trip;
  round_trip.set_parent(kCalendar);
  round_trip.set_csv(users);
  round_trip.set_format(requests::ImportStudentsRequest::ONEROSTER_USERS);
  round_trip.set_dry_run(true);
  requests::ImportStudentsResponse read_back;
  auto students = requests::RequestsService::NewStub(suite_->Channel("requests"));
  status = students->ImportStudents(Context().get(), round_trip, &read_back);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(read_back.unchanged(), kStudents) << "every exported student reads back as stored";
  EXPECT_EQ(read_back.created() + read_back.updated(), 0);
  EXPECT_GT(read_back.skipped(), 0) << "the teachers";
}

}  // namespace
}  // namespace secsched::e2e
