// The season through the real binaries: a calendar approved, its catalog, students and requests
// imported from CSV, then the trial built and loaded by jobs on the workers — with every worker
// SIGKILLed while the load runs. A fresh worker reclaims the job; it completes exactly once and
// no enrollment is lost or doubled. The activated trial's OneRoster export then reads back into
// the requests service as the same students.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "common/grpc/client.h"
#include "common/zip/zip_archive.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tests/e2e/calendar_setup.h"
#include "tests/e2e/suite_process.h"

namespace secsched::e2e {
namespace {

namespace catalog = secsched::catalog::v1;
namespace requests = secsched::requests::v1;
namespace sectioning = secsched::sectioning::v1;

constexpr char kCalendar[] = "calendars/north-high-2026";
constexpr int kStudents = 300;
constexpr const char* kCourses[] = {"ENG9", "ALG1", "BIO", "HIST", "ART", "PE"};

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

std::string CoursesCsv() {
  std::string csv =
      "number,display_name,department,term_length,max_students,room_type\n"
      "ENG9,English 9,English,YEAR,30,regular\n"
      "ALG1,Algebra 1,Math,YEAR,30,regular\n"
      "BIO,Biology,Science,YEAR,28,lab\n"
      "HIST,World History,Social Studies,YEAR,30,regular\n"
      "ART,Art,Arts,SEMESTER,25,art\n"
      "PE,Physical Education,PE,SEMESTER,35,gym\n";
  return csv;
}

std::string TeachersCsv() {
  return "staff_id,name,departments,max_sections\n"
         "t-e1,E One,English,6\nt-e2,E Two,English;Social Studies,6\n"
         "t-m1,M One,Math,6\nt-m2,M Two,Math,6\n"
         "t-s1,S One,Science,6\nt-s2,S Two,Science,6\n"
         "t-h1,H One,Social Studies,6\nt-h2,H Two,Social Studies,6\n"
         "t-a1,A One,Arts,6\nt-a2,A Two,Arts;PE,6\nt-p1,P One,PE,6\nt-p2,P Two,PE,6\n";
}

std::string RoomsCsv() {
  std::string csv = "number,capacity,type\n";
  for (int i = 101; i <= 108; ++i) csv += std::to_string(i) + ",32,regular\n";
  return csv + "L1,28,lab\nL2,28,lab\nA1,25,art\nA2,25,art\nGYM,70,gym\n";
}

TEST_F(SeasonE2e, TheTrialIsBuiltAndLoadedByWorkersEvenWhenTheyAreKilledMidJob) {
  auto calendars = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
  catalog::CreateCalendarRequest create;
  create.set_calendar_id("north-high-2026");
  create.mutable_calendar()->set_school_id("north-high");
  create.mutable_calendar()->set_school_year("2026-2027");
  create.mutable_calendar()->set_display_name("North High 2026-27");
  catalog::Calendar created;
  ASSERT_TRUE(calendars->CreateCalendar(Context().get(), create, &created).ok());
  ApproveCalendar(*calendars, kCalendar, [] { return Context(); });

  auto courses = catalog::CourseService::NewStub(suite_->Channel("catalog"));
  catalog::ImportCoursesRequest import_courses;
  import_courses.set_parent(kCalendar);
  import_courses.set_csv_data(CoursesCsv());
  catalog::ImportCoursesResponse courses_imported;
  grpc::Status status = courses->ImportCourses(Context().get(), import_courses, &courses_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto resources = catalog::ResourceService::NewStub(suite_->Channel("catalog"));
  catalog::ImportTeachersRequest teachers;
  teachers.set_parent(kCalendar);
  teachers.set_csv_data(TeachersCsv());
  catalog::ImportResourcesResponse imported;
  status = resources->ImportTeachers(Context().get(), teachers, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  catalog::ImportRoomsRequest rooms;
  rooms.set_parent(kCalendar);
  rooms.set_csv_data(RoomsCsv());
  status = resources->ImportRooms(Context().get(), rooms, &imported);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto students = requests::RequestsService::NewStub(suite_->Channel("requests"));
  std::string students_csv = "student_number,name,grade\n";
  std::string requests_csv = "student_number,course_number\n";
  for (int i = 0; i < kStudents; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "n%04d", i);
    students_csv += std::string(id) + ",Student " + id + "," + std::to_string(9 + i % 4) + "\n";
    for (const char* course : kCourses) requests_csv += std::string(id) + "," + course + "\n";
  }
  requests::ImportStudentsRequest import_students;
  import_students.set_parent(kCalendar);
  import_students.set_csv(students_csv);
  requests::ImportStudentsResponse students_imported;
  status = students->ImportStudents(Context().get(), import_students, &students_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();
  requests::ImportRequestsRequest import_requests;
  import_requests.set_parent(kCalendar);
  import_requests.set_csv(requests_csv);
  requests::ImportRequestsResponse requests_imported;
  status = students->ImportRequests(Context().get(), import_requests, &requests_imported);
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto trials = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
  sectioning::CreateTrialRequest trial;
  trial.set_parent(kCalendar);
  trial.set_trial_id("season");
  trial.mutable_trial()->set_display_name("Season");
  sectioning::Trial made;
  ASSERT_TRUE(trials->CreateTrial(Context().get(), trial, &made).ok());

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
  sectioning::ActivateTrialRequest activate;
  activate.set_name(std::string(kCalendar) + "/trials/season");
  sectioning::Trial active;
  status = trials->ActivateTrial(Context().get(), activate, &active);
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
  status = students->ImportStudents(Context().get(), round_trip, &read_back);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(read_back.unchanged(), kStudents) << "every exported student reads back as stored";
  EXPECT_EQ(read_back.created() + read_back.updated(), 0);
  EXPECT_GT(read_back.skipped(), 0) << "the teachers";
}

}  // namespace
}  // namespace secsched::e2e
