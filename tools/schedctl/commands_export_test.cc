// `export oneroster` against a fake ScheduleExportService on a loopback port: the calendar or
// district name sent, the chunks written whole under the file name, and no file at all when the
// stream fails or arrives short (the .part file is removed).
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using ::testing::HasSubstr;

class FakeExports final : public sectioning::ScheduleExportService::Service {
 public:
  grpc::Status ExportOneRoster(grpc::ServerContext*,
                               const sectioning::ExportOneRosterRequest* request,
                               grpc::ServerWriter<sectioning::ExportChunk>* writer) override {
    std::lock_guard lock(mutex_);
    last_calendar = request->calendar();
    if (refuse) return {grpc::StatusCode::FAILED_PRECONDITION, "no active trial"};
    for (size_t offset = 0; offset < payload.size(); offset += 1000) {
      sectioning::ExportChunk chunk;
      chunk.set_data(payload.substr(offset, 1000));
      if (offset == 0) {
        chunk.set_filename("oneroster_c_t.zip");
        chunk.set_total_bytes(static_cast<int64_t>(payload.size()) + extra_claimed);
        chunk.set_calendars(1);
      }
      writer->Write(chunk);
    }
    return grpc::Status::OK;
  }

  std::mutex mutex_;
  std::string payload;
  int64_t extra_claimed = 0;  // bytes the first chunk claims beyond what is sent
  bool refuse = false;
  std::string last_calendar;
};

class ExportCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 3500; ++i) fake_.payload += static_cast<char>(i * 7 % 256);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&fake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    dir_ = std::filesystem::temp_directory_path() /
           ("schedctl-export-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
    std::filesystem::remove_all(dir_);
  }
  Outcome Run(std::vector<std::string> args) {
    return RunCommandLine(args,
                          {{"SECSCHED_TOKEN", "test-token"},
                           {"SECSCHED_SECTIONING_ADDR", "127.0.0.1:" + std::to_string(port_)}});
  }
  static std::string Read(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
  }

  FakeExports fake_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::filesystem::path dir_;
};

TEST_F(ExportCommandsTest, WritesEveryChunkInOrderToTheFile) {
  const std::string path = (dir_ / "east.zip").string();
  Outcome outcome = Run({"export", "oneroster", "--calendar", "east-2026", "--to", path});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.last_calendar, "calendars/east-2026");
  EXPECT_EQ(Read(path), fake_.payload);
  EXPECT_FALSE(std::filesystem::exists(path + ".part"));
  EXPECT_EQ(outcome.out, "wrote " + path + " (3500 bytes, 1 calendar)\n");
}

TEST_F(ExportCommandsTest, TheDistrictIsCalendarsDash) {
  const std::string path = (dir_ / "district.zip").string();
  Outcome outcome = Run({"export", "oneroster", "--district", "--to", path});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(fake_.last_calendar, "calendars/-");
}

TEST_F(ExportCommandsTest, AFailedOrShortStreamLeavesNoFile) {
  const std::string path = (dir_ / "east.zip").string();
  fake_.refuse = true;
  Outcome refused = Run({"export", "oneroster", "--calendar", "east-2026", "--to", path});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("no active trial"));
  EXPECT_FALSE(std::filesystem::exists(path));

  fake_.refuse = false;
  fake_.extra_claimed = 10;
  Outcome short_stream = Run({"export", "oneroster", "--calendar", "east-2026", "--to", path});
  EXPECT_EQ(short_stream.exit_code, 1);
  EXPECT_THAT(short_stream.err, HasSubstr("incomplete"));
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + ".part"));
}

TEST_F(ExportCommandsTest, NeedsExactlyOneOfCalendarAndDistrict) {
  EXPECT_EQ(Run({"export", "oneroster"}).exit_code, 2);
  EXPECT_EQ(Run({"export", "oneroster", "--district", "--calendar", "c"}).exit_code, 2);
  EXPECT_EQ(fake_.last_calendar, "");  // nothing was sent
}

}  // namespace
}  // namespace secsched::schedctl
