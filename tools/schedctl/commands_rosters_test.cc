// The rosters commands against a fake RosterService on a loopback port: the request each sends,
// the batch file turned into edits (and refused before sending when malformed), the tables.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "secsched/sectioning/v1/rosters.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using ::testing::HasSubstr;

constexpr char kTrial[] = "calendars/c/trials/t";
constexpr char kSection[] = "calendars/c/trials/t/sections/eng9-1";

class FakeRosters final : public sectioning::RosterService::Service {
 public:
  grpc::Status ListRoster(grpc::ServerContext*, const sectioning::ListRosterRequest* request,
                          sectioning::ListRosterResponse* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    sectioning::Enrollment* e = response->add_enrollments();
    e->set_name(request->parent() + "/enrollments/st-1");
    e->set_course("eng9");
    e->set_source(sectioning::Enrollment::ENGINE);
    e->set_request_rank(0);
    return grpc::Status::OK;
  }
  grpc::Status AddStudentToSection(grpc::ServerContext*,
                                   const sectioning::AddStudentToSectionRequest* request,
                                   sectioning::Enrollment* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    last_add = *request;
    response->set_name(request->parent() + "/enrollments/" + request->student());
    return grpc::Status::OK;
  }
  grpc::Status MoveStudent(grpc::ServerContext*, const sectioning::MoveStudentRequest* request,
                           sectioning::Enrollment* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    last_move = *request;
    response->set_name(request->to_section() + "/enrollments/st-1");
    return grpc::Status::OK;
  }
  grpc::Status BatchEditRoster(grpc::ServerContext*,
                               const sectioning::BatchEditRosterRequest* request,
                               sectioning::BatchEditRosterResponse* response) override {
    std::lock_guard lock(mutex_);
    ++calls;
    last_batch = *request;
    for (int i = 0; i < request->rows_size(); ++i) {
      sectioning::RosterEditResult* r = response->add_results();
      r->set_row(i);
      if (i == 1) {
        r->set_code(9);
        r->set_message("section eng9-2 is full");
      }
    }
    response->set_failed(1);
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  int calls = 0;
  sectioning::AddStudentToSectionRequest last_add;
  sectioning::MoveStudentRequest last_move;
  sectioning::BatchEditRosterRequest last_batch;
};

class RosterCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&fake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    file_ = std::filesystem::temp_directory_path() /
            ("schedctl-rosters-" + std::to_string(::getpid()) + ".csv");
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
    std::filesystem::remove(file_);
  }
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(args,
                          {{"SECSCHED_TOKEN", "test-token"},
                           {"SECSCHED_SECTIONING_ADDR", "127.0.0.1:" + std::to_string(port_)}});
  }

  FakeRosters fake_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::filesystem::path file_;
};

TEST_F(RosterCommandsTest, ListPrintsTheRosterAsATable) {
  Outcome outcome = Run({"rosters", "list", kSection});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("STUDENT"));
  EXPECT_THAT(outcome.out, ::testing::MatchesRegex("STUDENT .*\nst-1 +eng9 +ENGINE +0 *\n"));
}

TEST_F(RosterCommandsTest, AddAndMoveSendWhatWasGiven) {
  ASSERT_EQ(Run({"rosters", "add", kSection, "--student", "st-9", "--reason", "walk-in"}).exit_code,
            0);
  EXPECT_EQ(fake_.last_add.parent(), kSection);
  EXPECT_EQ(fake_.last_add.student(), "st-9");
  EXPECT_EQ(fake_.last_add.reason(), "walk-in");
  const std::string enrollment = std::string(kSection) + "/enrollments/st-1";
  ASSERT_EQ(Run({"rosters", "move", enrollment, "--to", "calendars/c/trials/t/sections/eng9-2"})
                .exit_code,
            0);
  EXPECT_EQ(fake_.last_move.name(), enrollment);
  EXPECT_EQ(fake_.last_move.to_section(), "calendars/c/trials/t/sections/eng9-2");
}

TEST_F(RosterCommandsTest, BatchSendsTheFilesEditsAndFailsWhenARowFails) {
  std::ofstream(file_) << "action,student,section,to_section\n"
                       << "add,st-1,eng9-1,\n"
                       << "MOVE,st-2,eng9-1,eng9-2\n\n"
                       << "drop,st-3,art-1\n";
  Outcome outcome = Run({"rosters", "batch", kTrial, "--file", file_.string(), "--per-row"});
  EXPECT_EQ(outcome.exit_code, 1);  // one row failed
  const sectioning::BatchEditRosterRequest& sent = fake_.last_batch;
  EXPECT_EQ(sent.parent(), kTrial);
  EXPECT_TRUE(sent.per_row());
  ASSERT_EQ(sent.rows_size(), 3);
  EXPECT_EQ(sent.rows(0).action(), sectioning::RosterEdit::ADD);
  EXPECT_EQ(sent.rows(1).action(), sectioning::RosterEdit::MOVE);
  EXPECT_EQ(sent.rows(1).to_section(), "eng9-2");
  EXPECT_EQ(sent.rows(2).action(), sectioning::RosterEdit::DROP);
  EXPECT_EQ(sent.rows(2).student(), "st-3");
  EXPECT_THAT(outcome.out, HasSubstr("section eng9-2 is full"));
  EXPECT_THAT(outcome.out, HasSubstr("applied 0, failed 1"));
}

TEST_F(RosterCommandsTest, AMalformedBatchFileIsAUsageErrorAndNothingIsSent) {
  std::ofstream(file_) << "action,student,section\nenroll,st-1,eng9-1\n";
  Outcome outcome = Run({"rosters", "batch", kTrial, "--file", file_.string()});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("line 2: action must be ADD, DROP or MOVE"));
  EXPECT_EQ(fake_.calls, 0);
}

TEST_F(RosterCommandsTest, ChangesTakesAtMostOneOfStudentAndSection) {
  EXPECT_EQ(Run({"rosters", "changes", kTrial, "--student", "s1", "--section", "a"}).exit_code, 2);
  EXPECT_EQ(fake_.calls, 0);
}

}  // namespace
}  // namespace secsched::schedctl
