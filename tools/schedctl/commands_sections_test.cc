// The sections commands against a fake SectionService on a loopback port: flags mapped to
// request fields (placement TERM:PERIOD[:DAY], the update mask from the flags given), malformed
// placements refused before anything is sent, and the tables printed.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <mutex>

#include "secsched/sectioning/v1/sections.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kSection[] = "calendars/c/trials/t/sections/eng9-1";

class FakeSections final : public sectioning::SectionService::Service {
 public:
  grpc::Status UpdateSection(grpc::ServerContext*, const sectioning::UpdateSectionRequest* request,
                             sectioning::Section* response) override {
    std::lock_guard lock(mutex_);
    last_update = *request;
    *response = request->section();
    ++calls;
    return grpc::Status::OK;
  }
  grpc::Status MoveSection(grpc::ServerContext*, const sectioning::MoveSectionRequest* request,
                           sectioning::MoveSectionResponse* response) override {
    std::lock_guard lock(mutex_);
    last_move = *request;
    ++calls;
    *response->mutable_section()->mutable_placement() = request->placement();
    sectioning::BrokenStudent* broken = response->add_broken_students();
    broken->set_student("100234");
    broken->add_clashing_sections("calendars/c/trials/t/sections/bio-1");
    response->set_applied(!request->validate_only());
    return grpc::Status::OK;
  }
  grpc::Status ListSections(grpc::ServerContext*, const sectioning::ListSectionsRequest* request,
                            sectioning::ListSectionsResponse* response) override {
    std::lock_guard lock(mutex_);
    last_list = *request;
    ++calls;
    sectioning::Section* s = response->add_sections();
    s->set_name(kSection);
    s->set_course("eng9");
    s->set_section_number(1);
    s->set_primary_teacher("t-lopez");
    s->set_capacity(24);
    sectioning::SectionMeeting* m = s->add_placement();
    m->set_term("s1");
    m->set_period(2);
    s->add_conflicts()->set_kind(sectioning::SectionConflict::ROOM_DOUBLE_BOOKED);
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  sectioning::UpdateSectionRequest last_update;
  sectioning::MoveSectionRequest last_move;
  sectioning::ListSectionsRequest last_list;
  int calls = 0;
};

class SectionCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&sections_);
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

  FakeSections sections_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(SectionCommandsTest, UpdateSendsTheFlagsGivenAsItsMask) {
  Outcome outcome = Run({"sections", "update", kSection, "--teacher", "t-kim", "--placement",
                         "s1:3,s2:3:b", "--unlock"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const sectioning::UpdateSectionRequest& sent = sections_.last_update;
  EXPECT_EQ(sent.section().name(), kSection);
  EXPECT_EQ(sent.section().primary_teacher(), "t-kim");
  ASSERT_EQ(sent.section().placement_size(), 2);
  EXPECT_EQ(sent.section().placement(1).term(), "s2");
  EXPECT_EQ(sent.section().placement(1).period(), 3);
  EXPECT_EQ(sent.section().placement(1).day_type(), "b");
  EXPECT_FALSE(sent.section().locked());
  EXPECT_THAT(sent.update_mask().paths(), ElementsAre("primary_teacher", "placement", "locked"));
}

TEST_F(SectionCommandsTest, AMalformedPlacementIsAUsageErrorAndNothingIsSent) {
  Outcome outcome = Run({"sections", "move", kSection, "--placement", "s1:two"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("TERM:PERIOD[:DAY]"));
  EXPECT_EQ(sections_.calls, 0);
}

TEST_F(SectionCommandsTest, MoveDryRunPrintsTheBrokenStudents) {
  Outcome outcome =
      Run({"sections", "move", kSection, "--placement", "s1:4,s2:4", "--dry-run", "--reason", "x"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_TRUE(sections_.last_move.validate_only());
  EXPECT_EQ(sections_.last_move.reason(), "x");
  EXPECT_THAT(outcome.out, HasSubstr("placement: s1:4,s2:4"));
  EXPECT_THAT(outcome.out, HasSubstr("100234"));
  EXPECT_THAT(outcome.out, HasSubstr("bio-1"));
  EXPECT_THAT(outcome.out, HasSubstr("dry run: nothing was written"));
}

TEST_F(SectionCommandsTest, ListPrintsOneRowPerSectionWithItsConflicts) {
  Outcome outcome = Run(
      {"sections", "list", "--trial", "calendars/c/trials/t", "--course", "ENG9", "--period", "2"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(sections_.last_list.course(), "eng9");
  EXPECT_EQ(sections_.last_list.period(), 2);
  EXPECT_THAT(outcome.out, HasSubstr("ROOM_DOUBLE_BOOKED"));
  EXPECT_THAT(outcome.out, HasSubstr("s1:2"));
  EXPECT_THAT(outcome.out, HasSubstr("1 sections"));
}

}  // namespace
}  // namespace secsched::schedctl
