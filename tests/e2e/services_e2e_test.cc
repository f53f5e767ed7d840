// End to end: the real binaries on free ports, driven through gRPC like a client would.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <utility>

#include "common/grpc/client.h"
#include "common/status/grpc_status.h"
#include "secsched/access/v1/access.grpc.pb.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tests/e2e/calendar_setup.h"
#include "tests/e2e/suite_process.h"

namespace secsched::e2e {
namespace {

namespace catalog = secsched::catalog::v1;
namespace access = secsched::access::v1;
namespace requests = secsched::requests::v1;
namespace sectioning = secsched::sectioning::v1;

class ServicesE2e : public ::testing::Test {
 protected:
  // Every test may use East High's calendar; the catalog test creates its own.
  static void SetUpTestSuite() {
    suite_ = new Suite(/*workers=*/2);
    auto stub = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
    catalog::CreateCalendarRequest create;
    create.set_calendar_id("east-high-2026");
    create.mutable_calendar()->set_school_id("east-high");
    create.mutable_calendar()->set_school_year("2026-2027");
    create.mutable_calendar()->set_display_name("East High 2026-27");
    catalog::Calendar created;
    ASSERT_TRUE(stub->CreateCalendar(Context().get(), create, &created).ok());
    ApproveCalendar(*stub, "calendars/east-high-2026", [] { return Context(); });
  }

  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  // A context carrying a scheduling integration's token (or `token` when given). People need a
  // grant from the access service at the school; a service account with `scheduler` does not.
  static std::unique_ptr<grpc::ClientContext> Context(std::string token = "") {
    auto context = std::make_unique<grpc::ClientContext>();
    PrepareClientContext(*context,
                         token.empty() ? suite_->Token("service:e2e", {"scheduler"}) : token);
    return context;
  }

  static Suite* suite_;
};

Suite* ServicesE2e::suite_ = nullptr;

TEST_F(ServicesE2e, CatalogCreatesAndReadsACalendar) {
  auto stub = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
  catalog::CreateCalendarRequest create;
  create.set_calendar_id("west-high-2026");
  create.set_request_id("e2e-calendar-1");
  create.mutable_calendar()->set_school_id("west-high");
  create.mutable_calendar()->set_school_year("2026-2027");
  create.mutable_calendar()->set_display_name("West High 2026-27");
  catalog::Calendar created;
  ASSERT_TRUE(stub->CreateCalendar(Context().get(), create, &created).ok());
  EXPECT_EQ(created.name(), "calendars/west-high-2026");
  EXPECT_EQ(created.state(), catalog::Calendar::DRAFT);
  EXPECT_EQ(created.creator(), "service:e2e");

  // A retry with the same request_id returns the first result instead of ALREADY_EXISTS.
  catalog::Calendar retried;
  ASSERT_TRUE(stub->CreateCalendar(Context().get(), create, &retried).ok());
  EXPECT_EQ(retried.create_time().seconds(), created.create_time().seconds());

  // The same school and year under a new request is a conflict.
  create.set_request_id("e2e-calendar-2");
  create.set_calendar_id("west-high-2026-b");
  catalog::Calendar duplicate;
  EXPECT_EQ(stub->CreateCalendar(Context().get(), create, &duplicate).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  catalog::GetCalendarRequest get;
  get.set_name("calendars/west-high-2026");
  catalog::Calendar read;
  ASSERT_TRUE(stub->GetCalendar(Context().get(), get, &read).ok());
  EXPECT_EQ(read.school_year(), "2026-2027");
}

TEST_F(ServicesE2e, BadInputIsInvalidArgumentWithFieldViolationsAndWritesNothing) {
  auto stub = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
  catalog::CreateCalendarRequest create;
  create.set_calendar_id("bad-year");
  create.mutable_calendar()->set_school_id("west-high");
  create.mutable_calendar()->set_school_year("2026");
  catalog::Calendar created;
  grpc::Status status = stub->CreateCalendar(Context().get(), create, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(status));
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "calendar.school_year");
  EXPECT_EQ(violations[1].field, "calendar.display_name");

  catalog::GetCalendarRequest get;
  get.set_name("calendars/bad-year");
  catalog::Calendar read;
  EXPECT_EQ(stub->GetCalendar(Context().get(), get, &read).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServicesE2e, EveryServiceRefusesMissingOrBadCredentials) {
  auto catalog_stub = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
  catalog::GetCalendarRequest get;
  get.set_name("calendars/anything");
  catalog::Calendar read;
  grpc::ClientContext no_token;
  EXPECT_EQ(catalog_stub->GetCalendar(&no_token, get, &read).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(catalog_stub->GetCalendar(Context("not-a-jwt").get(), get, &read).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  auto access_stub = access::AccessService::NewStub(suite_->Channel("access"));
  access::UpsertStaffRequest upsert;
  upsert.mutable_staff()->set_staff_id("s-1");
  access::Staff staff;
  grpc::ClientContext no_token_access;
  EXPECT_EQ(access_stub->UpsertStaff(&no_token_access, upsert, &staff).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // A scheduler is not the HR feed.
  EXPECT_EQ(access_stub->UpsertStaff(Context().get(), upsert, &staff).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  auto requests_stub = requests::RequestsService::NewStub(suite_->Channel("requests"));
  requests::GetStudentRequest get_student;
  get_student.set_name("calendars/c/students/s");
  requests::Student student;
  grpc::ClientContext no_token_requests;
  EXPECT_EQ(requests_stub->GetStudent(&no_token_requests, get_student, &student).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  auto sectioning_stub = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
  sectioning::CreateTrialRequest create_trial;
  create_trial.set_parent("calendars/east-high-2026");
  create_trial.mutable_trial()->set_display_name("t");
  sectioning::Trial trial;
  // A reader may read but not write.
  EXPECT_EQ(sectioning_stub
                ->CreateTrial(Context(suite_->Token("service:lms", {"reader"})).get(), create_trial,
                              &trial)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ServicesE2e, AccessKeepsStaffFromTheHrFeed) {
  auto stub = access::AccessService::NewStub(suite_->Channel("access"));
  access::UpsertStaffRequest upsert;
  upsert.mutable_staff()->set_staff_id("counselor-7");
  upsert.mutable_staff()->set_display_name("Dana Counselor");
  upsert.mutable_staff()->set_email("dana@district.example");
  access::Staff saved;
  const std::string hr = suite_->Token("service:hr", {"hr-feed"});
  ASSERT_TRUE(stub->UpsertStaff(Context(hr).get(), upsert, &saved).ok());
  EXPECT_EQ(saved.name(), "staff/counselor-7");

  // A person may read their own record without any scope.
  access::GetStaffRequest get;
  get.set_name("staff/counselor-7");
  access::Staff read;
  ASSERT_TRUE(stub->GetStaff(Context(suite_->Token("counselor-7", {})).get(), get, &read).ok());
  EXPECT_EQ(read.email(), "dana@district.example");
  EXPECT_EQ(read.employment_state(), access::Staff::ACTIVE);
  // ...but not someone else's.
  get.set_name("staff/someone-else");
  EXPECT_EQ(
      stub->GetStaff(Context(suite_->Token("counselor-7", {})).get(), get, &read).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ServicesE2e, RequestsCreatesAndReadsAStudent) {
  auto stub = requests::RequestsService::NewStub(suite_->Channel("requests"));
  requests::CreateStudentRequest create;
  create.set_parent("calendars/east-high-2026");
  create.mutable_student()->set_student_number("100234");
  create.mutable_student()->set_display_name("Sam Student");
  create.mutable_student()->set_grade(9);
  requests::Student created;
  ASSERT_TRUE(stub->CreateStudent(Context().get(), create, &created).ok());
  EXPECT_EQ(created.name(), "calendars/east-high-2026/students/100234");

  create.mutable_student()->set_grade(13);
  create.mutable_student()->set_student_number("100235");
  requests::Student invalid;
  EXPECT_EQ(stub->CreateStudent(Context().get(), create, &invalid).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  requests::GetStudentRequest get;
  get.set_name("calendars/east-high-2026/students/100234");
  requests::Student read;
  ASSERT_TRUE(
      stub->GetStudent(Context(suite_->Token("service:sis", {"reader"})).get(), get, &read).ok());
  EXPECT_EQ(read.grade(), 9);
}

TEST_F(ServicesE2e, AWorkerRunsAQueuedJobWhileAClientWatchesItFinish) {
  auto stub = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
  sectioning::CreateTrialRequest create;
  create.set_parent("calendars/east-high-2026");
  create.set_trial_id("trial-1");
  create.mutable_trial()->set_display_name("First trial");
  sectioning::Trial trial;
  ASSERT_TRUE(stub->CreateTrial(Context().get(), create, &trial).ok());
  EXPECT_EQ(trial.name(), "calendars/east-high-2026/trials/trial-1");

  sectioning::StartJobRequest start;
  start.set_parent(trial.name());
  start.set_type(sectioning::Job::COUNT_SECTIONS);
  start.set_request_id("e2e-job-1");
  sectioning::Job job;
  ASSERT_TRUE(stub->StartJob(Context().get(), start, &job).ok());
  EXPECT_EQ(job.parent(), trial.name());
  sectioning::Job again;
  ASSERT_TRUE(stub->StartJob(Context().get(), start, &again).ok());
  EXPECT_EQ(again.name(), job.name()) << "a retried StartJob must not queue a second job";

  sectioning::WatchJobRequest watch;
  watch.set_name(job.name());
  auto context = Context();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  auto reader = stub->WatchJob(context.get(), watch);
  sectioning::Job update;
  std::vector<sectioning::Job> updates;
  while (reader->Read(&update)) updates.push_back(update);
  ASSERT_TRUE(reader->Finish().ok());
  ASSERT_FALSE(updates.empty());
  EXPECT_EQ(updates.back().state(), sectioning::Job::SUCCEEDED);
  EXPECT_EQ(updates.back().result(), "{\"section_count\": 0}");
  EXPECT_EQ(updates.back().attempt(), 1);
  for (size_t i = 1; i < updates.size(); ++i) {
    EXPECT_GE(updates[i].progress_percent(), updates[i - 1].progress_percent());
  }

  // A finished job cannot be cancelled.
  sectioning::CancelJobRequest cancel;
  cancel.set_name(job.name());
  sectioning::Job cancelled;
  EXPECT_EQ(stub->CancelJob(Context().get(), cancel, &cancelled).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ServicesE2e, APersonWithoutAccessAtTheSchoolIsRefusedEverywhere) {
  const std::string person = suite_->Token("counselor-without-grant", {"scheduler"});
  auto catalog_stub = catalog::CatalogService::NewStub(suite_->Channel("catalog"));
  catalog::GetCalendarRequest get;
  get.set_name("calendars/east-high-2026");
  catalog::Calendar calendar;
  grpc::Status denied = catalog_stub->GetCalendar(Context(person).get(), get, &calendar);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(denied.error_message().find("east-high"), std::string::npos) << denied.error_message();

  // requests and sectioning find the calendar's school through the catalog, then ask access.
  auto requests_stub = requests::RequestsService::NewStub(suite_->Channel("requests"));
  requests::GetStudentRequest get_student;
  get_student.set_name("calendars/east-high-2026/students/100234");
  requests::Student student;
  EXPECT_EQ(requests_stub->GetStudent(Context(person).get(), get_student, &student).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto sectioning_stub = sectioning::SectioningService::NewStub(suite_->Channel("sectioning"));
  sectioning::CreateTrialRequest create_trial;
  create_trial.set_parent("calendars/east-high-2026");
  create_trial.mutable_trial()->set_display_name("not allowed");
  sectioning::Trial trial;
  EXPECT_EQ(sectioning_stub->CreateTrial(Context(person).get(), create_trial, &trial).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // An unknown calendar is NOT_FOUND, for anyone.
  create_trial.set_parent("calendars/no-such-calendar");
  EXPECT_EQ(sectioning_stub->CreateTrial(Context().get(), create_trial, &trial).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Runs last (gtest runs tests in order within a file): SIGTERM drains and exits cleanly.
TEST_F(ServicesE2e, ZzEveryProcessStopsCleanlyOnSigterm) {
  for (const auto& [name, code] : suite_->StopAll()) {
    EXPECT_EQ(code, 0) << name << " did not exit cleanly on SIGTERM";
  }
}

}  // namespace
}  // namespace secsched::e2e
