// The jobs commands against a fake SectioningService on a loopback port: the streaming watch,
// its exit codes, its deadline, and errors with field violations as they travel on the wire.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <mutex>

#include "common/status/grpc_status.h"
#include "secsched/sectioning/v1/sectioning.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"
#include "tools/schedctl/output.h"

namespace secsched::schedctl {
namespace {

namespace sectioning = secsched::sectioning::v1;
using sectioning::Job;
using ::testing::HasSubstr;
using ::testing::StartsWith;

Job MakeJob(const std::string& name, Job::State state, double percent, const std::string& phase) {
  Job job;
  job.set_name(name);
  job.set_state(state);
  job.set_progress_percent(percent);
  job.set_phase(phase);
  return job;
}

// Jobs named "jobs/fail…" fail; "jobs/missing" does not exist; the watch of "jobs/cut-short"
// ends while it runs; every other job succeeds.
class FakeSectioning final : public sectioning::SectioningService::Service {
 public:
  struct Seen {
    std::string authorization;
    std::string request_id_header;
    bool deadline_is_infinite = false;
    sectioning::StartJobRequest start;
  };

  grpc::Status StartJob(grpc::ServerContext* context, const sectioning::StartJobRequest* request,
                        Job* job) override {
    Record(context);
    std::lock_guard lock(mutex_);
    seen_.start = *request;
    *job = MakeJob("jobs/j1", Job::QUEUED, 0, "");
    return grpc::Status::OK;
  }

  grpc::Status WatchJob(grpc::ServerContext* context, const sectioning::WatchJobRequest* request,
                        grpc::ServerWriter<Job>* writer) override {
    Record(context);
    if (request->name() == "jobs/missing") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "Job missing not found.");
    }
    const bool fail = request->name().starts_with("jobs/fail");
    writer->Write(MakeJob(request->name(), Job::QUEUED, 0, ""));
    writer->Write(MakeJob(request->name(), Job::RUNNING, 45, "counting sections"));
    if (request->name() == "jobs/cut-short") return grpc::Status::OK;  // a server bug
    writer->Write(MakeJob(request->name(), fail ? Job::FAILED : Job::SUCCEEDED, fail ? 45 : 100,
                          fail ? "counting sections" : "done"));
    return grpc::Status::OK;
  }

  grpc::Status GetJob(grpc::ServerContext* context, const sectioning::GetJobRequest*,
                      Job*) override {
    Record(context);
    return ToGrpcStatus(InvalidField("name", "Name must look like jobs/{job}."));
  }

  grpc::Status CancelJob(grpc::ServerContext* context, const sectioning::CancelJobRequest* request,
                         Job* job) override {
    Record(context);
    *job = MakeJob(request->name(), Job::CANCELLED, 20, "counting sections");
    return grpc::Status::OK;
  }

  Seen seen() {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  static std::string Header(grpc::ServerContext* context, const std::string& key) {
    auto it = context->client_metadata().find(key);
    if (it == context->client_metadata().end()) return "";
    return std::string(it->second.data(), it->second.size());
  }

  void Record(grpc::ServerContext* context) {
    std::lock_guard lock(mutex_);
    seen_.authorization = Header(context, "authorization");
    seen_.request_id_header = Header(context, "x-request-id");
    // "No deadline" reaches the server as a deadline decades away.
    seen_.deadline_is_infinite =
        context->deadline() > std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
  }

  std::mutex mutex_;
  Seen seen_;
};

class JobsCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port_, 0);
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  // Runs with SECSCHED_SECTIONING_ADDR pointing at the fake.
  Outcome Run(std::vector<std::string> args, bool terminal = false) {
    return RunCommandLine(args,
                          {{"SECSCHED_TOKEN", "test-token"},
                           {"SECSCHED_SECTIONING_ADDR", "127.0.0.1:" + std::to_string(port_)}},
                          terminal);
  }

  FakeSectioning service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(JobsCommandsTest, StartWithWatchFollowsTheJobAndExits0WhenItSucceeds) {
  Outcome outcome = Run({"jobs", "start", "--trial", "calendars/c/trials/t", "--type",
                         "count-sections", "--watch", "--request-id", "demo-1"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, StartsWith("started jobs/j1\n"
                                      "QUEUED       0%\n"
                                      "RUNNING     45%  counting sections\n"
                                      "SUCCEEDED  100%  done\n"));
  EXPECT_THAT(outcome.out, HasSubstr("state             SUCCEEDED\n"));
  EXPECT_EQ(outcome.err, "");

  const FakeSectioning::Seen seen = service_.seen();
  EXPECT_EQ(seen.start.parent(), "calendars/c/trials/t");
  EXPECT_EQ(seen.start.type(), Job::COUNT_SECTIONS);
  EXPECT_EQ(seen.start.request_id(), "demo-1");
  EXPECT_EQ(seen.authorization, "Bearer test-token");
  EXPECT_EQ(seen.request_id_header, "demo-1");
  EXPECT_TRUE(seen.deadline_is_infinite) << "a watch must outlive the default 10s deadline";
}

TEST_F(JobsCommandsTest, WatchExits1WhenTheJobFails) {
  Outcome outcome = Run({"jobs", "watch", "fail-1"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_THAT(outcome.out, HasSubstr("FAILED      45%  counting sections\n"));
  EXPECT_THAT(outcome.out, HasSubstr("name              jobs/fail-1\n"));
}

TEST_F(JobsCommandsTest, WatchOnATerminalRedrawsOneProgressLine) {
  Outcome outcome = Run({"jobs", "watch", "jobs/j1"}, /*terminal=*/true);
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_THAT(outcome.out, StartsWith("\r[..............................]   0%\r"));
  // Padded over the longer "counting sections" line before it, then ended with a newline.
  EXPECT_THAT(outcome.out, HasSubstr("\r[##############################] 100%  done      "));
  EXPECT_THAT(outcome.out, HasSubstr("      \nname              jobs/j1\n"));
}

TEST_F(JobsCommandsTest, WatchHonoursAnExplicitTimeout) {
  EXPECT_EQ(Run({"--timeout", "30s", "jobs", "watch", "j1"}).exit_code, 0);
  EXPECT_FALSE(service_.seen().deadline_is_infinite);
}

TEST_F(JobsCommandsTest, JsonWatchIsOneObjectPerLine) {
  Outcome outcome = Run({"--output", "json", "jobs", "watch", "j1"});
  EXPECT_EQ(outcome.exit_code, 0);
  EXPECT_EQ(std::count(outcome.out.begin(), outcome.out.end(), '\n'), 3) << outcome.out;
  EXPECT_THAT(outcome.out, HasSubstr("{\"name\":\"jobs/j1\",\"parent\":\"\",\"type\":"));
}

TEST_F(JobsCommandsTest, WatchOfAnUnknownJobPrintsTheError) {
  Outcome outcome = Run({"jobs", "watch", "jobs/missing"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err, "error: NOT_FOUND: Job missing not found.\n");
}

TEST_F(JobsCommandsTest, AWatchThatEndsBeforeTheJobExits1) {
  Outcome outcome = Run({"jobs", "watch", "cut-short"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_THAT(outcome.out, HasSubstr("state             RUNNING\n"));
  EXPECT_EQ(outcome.err, "error: the watch of jobs/cut-short ended before the job finished\n");
}

TEST_F(JobsCommandsTest, FieldViolationsFromTheServerArePrinted) {
  Outcome outcome = Run({"jobs", "get", "jobs/a/b"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_THAT(outcome.err, StartsWith("error: INVALID_ARGUMENT: "));
  EXPECT_THAT(outcome.err, HasSubstr("\n  name: Name must look like jobs/{job}.\n"));
}

TEST_F(JobsCommandsTest, CancelPrintsTheJobAsATable) {
  Outcome outcome = Run({"jobs", "cancel", "j7"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(outcome.out, RenderTable(MakeJob("jobs/j7", Job::CANCELLED, 20, "counting sections")));
}

}  // namespace
}  // namespace secsched::schedctl
