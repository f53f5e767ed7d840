// The trials commands against a fake SectioningService on a loopback port: every page of a
// list, the update mask sent, delete's line, compare's tables across pages, usage errors.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <mutex>

#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using ::testing::HasSubstr;

sectioning::Trial MakeTrial(const std::string& id, sectioning::Trial::State state, bool locked) {
  sectioning::Trial trial;
  trial.set_name("calendars/c/trials/" + id);
  trial.set_display_name("Trial " + id);
  trial.set_state(state);
  trial.set_locked(locked);
  trial.set_section_count(3);
  return trial;
}

class FakeTrials final : public sectioning::SectioningService::Service {
 public:
  grpc::Status ListTrials(grpc::ServerContext*, const sectioning::ListTrialsRequest* request,
                          sectioning::ListTrialsResponse* response) override {
    std::lock_guard lock(mutex_);
    last_list_ = *request;
    if (request->page_token().empty()) {
      *response->add_trials() = MakeTrial("a", sectioning::Trial::ACTIVE, true);
      response->set_next_page_token("after-a");
    } else {
      sectioning::Trial b = MakeTrial("b", sectioning::Trial::DRAFT, false);
      b.set_copied_from("calendars/c/trials/a");
      *response->add_trials() = b;
    }
    return grpc::Status::OK;
  }
  grpc::Status UpdateTrial(grpc::ServerContext*, const sectioning::UpdateTrialRequest* request,
                           sectioning::Trial* response) override {
    std::lock_guard lock(mutex_);
    last_update_ = *request;
    *response = request->trial();
    return grpc::Status::OK;
  }
  grpc::Status DeleteTrial(grpc::ServerContext*, const sectioning::DeleteTrialRequest* request,
                           google::protobuf::Empty*) override {
    if (request->name().ends_with("/live")) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          "Trial live is the calendar's ACTIVE trial.");
    }
    return grpc::Status::OK;
  }
  grpc::Status CompareTrials(grpc::ServerContext*, const sectioning::CompareTrialsRequest* request,
                             sectioning::CompareTrialsResponse* response) override {
    response->mutable_summary_a()->set_sections(3);
    response->mutable_summary_b()->set_sections(4);
    sectioning::CourseComparison* course = response->add_courses();
    course->set_course_id("art");
    course->set_sections_a(1);
    course->set_sections_b(2);
    course->set_unmatched_sections(1);
    response->set_changed_courses(1);
    response->set_changed_students(2);
    sectioning::StudentComparison* student = response->add_students();
    if (request->page_token().empty()) {
      student->set_student_id("p1");
      student->set_primary_requests_met_b(1);
      student->set_complete_b(true);
      response->set_next_page_token("after-p1");
    } else {
      student->set_student_id("p2");
    }
    return grpc::Status::OK;
  }

  sectioning::ListTrialsRequest last_list() {
    std::lock_guard lock(mutex_);
    return last_list_;
  }
  sectioning::UpdateTrialRequest last_update() {
    std::lock_guard lock(mutex_);
    return last_update_;
  }

 private:
  std::mutex mutex_;
  sectioning::ListTrialsRequest last_list_;
  sectioning::UpdateTrialRequest last_update_;
};

class TrialCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(args,
                          {{"SECSCHED_TOKEN", "test-token"},
                           {"SECSCHED_SECTIONING_ADDR", "127.0.0.1:" + std::to_string(port_)}});
  }

  FakeTrials service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(TrialCommandsTest, ListShowsEveryPageAsATable) {
  Outcome outcome = Run({"trials", "list", "--calendar", "c", "--state", "Active"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.out,
            "ID  NAME     STATE   LOCKED  SECTIONS  COPIED FROM  CREATOR\n"
            "a   Trial a  ACTIVE  yes     3\n"
            "b   Trial b  DRAFT           3         a\n"
            "2 trials\n");
  EXPECT_EQ(service_.last_list().parent(), "calendars/c");
  EXPECT_EQ(service_.last_list().state(), sectioning::Trial::ACTIVE);
}

TEST_F(TrialCommandsTest, ListRefusesAnUnknownState) {
  Outcome outcome = Run({"trials", "list", "--calendar", "c", "--state", "frozen"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("--state must be draft or active"));
}

TEST_F(TrialCommandsTest, UpdateSendsTheDisplayNameMask) {
  Outcome outcome = Run({"trials", "update", "calendars/c/trials/a", "--name", "Final"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("display_name   Final\n"));
  sectioning::UpdateTrialRequest sent = service_.last_update();
  ASSERT_EQ(sent.update_mask().paths_size(), 1);
  EXPECT_EQ(sent.update_mask().paths(0), "display_name");
}

TEST_F(TrialCommandsTest, DeletePrintsTheNameOrTheRefusal) {
  Outcome deleted = Run({"trials", "delete", "calendars/c/trials/a"});
  EXPECT_EQ(deleted.exit_code, 0);
  EXPECT_EQ(deleted.out, "deleted calendars/c/trials/a\n");
  Outcome refused = Run({"trials", "delete", "calendars/c/trials/live"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err,
            "error: FAILED_PRECONDITION: Trial live is the calendar's ACTIVE trial.\n");
}

TEST_F(TrialCommandsTest, CompareShowsTotalsCoursesAndEveryPageOfStudents) {
  Outcome outcome = Run({"trials", "compare", "calendars/c/trials/a", "calendars/c/trials/b"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("sections              3  4\n"));
  EXPECT_THAT(outcome.out, HasSubstr("art     1 -> 2    0      0      1\n"));
  EXPECT_THAT(outcome.out, HasSubstr("p1       0 -> 1                   yes\n"));
  EXPECT_THAT(outcome.out, HasSubstr("p2       0\n"));
  EXPECT_THAT(outcome.out, HasSubstr("2 students shown, 2 changed\n"));

  Outcome json = Run(
      {"--output", "json", "trials", "compare", "calendars/c/trials/a", "calendars/c/trials/b"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_THAT(json.out, HasSubstr("\"student_id\": \"p2\""));
  EXPECT_EQ(Run({"trials", "compare", "calendars/c/trials/a"}).exit_code, 2)
      << "two trials are needed";
}

}  // namespace
}  // namespace secsched::schedctl
