// JobQueue against a real Redis 7: read/ack, reclaim, dead-lettering, heartbeat, lag.
#include "common/jobs/job_queue.h"

#include <gtest/gtest.h>

#include "common/jobs/jobs_test_env.h"

namespace secsched::jobs {
namespace {

using secsched::testing::UniqueName;
using secsched::testing::WaitFor;
using testing::JobsTestEnv;
using namespace std::chrono_literals;

JobQueueOptions FastOptions(int max_deliveries = 5) {
  JobQueueOptions options;
  options.stream_prefix = UniqueName("jobs");
  options.visibility_timeout = 20ms;
  options.max_deliveries = max_deliveries;
  return options;
}

class JobQueueTest : public ::testing::Test {
 protected:
  JobsTestEnv& env_ = JobsTestEnv::Shared();
};

TEST_F(JobQueueTest, ReadDeliversOnceAndAckRemovesTheEntry) {
  JobQueue queue(*env_.redis, FastOptions());
  ASSERT_TRUE(queue.EnsureGroup("build").ok());
  ASSERT_TRUE(queue.EnsureGroup("build").ok());  // existing group is fine
  absl::StatusOr<std::string> entry = queue.Enqueue("build", "job-1");
  ASSERT_TRUE(entry.ok()) << entry.status();
  EXPECT_EQ(*queue.Lag("build"), 1);

  absl::StatusOr<std::vector<JobQueue::Delivery>> read = queue.Read("build", "c1", 10, 100ms);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].entry_id, *entry);
  EXPECT_EQ((*read)[0].job_id, "job-1");
  EXPECT_EQ((*read)[0].deliveries, 1);
  EXPECT_EQ(*queue.Lag("build"), 1);  // delivered, not acked
  EXPECT_TRUE(queue.Read("build", "c2", 10, 0ms)->empty());

  ASSERT_TRUE(queue.Ack("build", *entry).ok());
  EXPECT_EQ(*queue.Lag("build"), 0);
  EXPECT_EQ(env_.Redis().Command({"XLEN", queue.StreamName("build")})->integer, 0);
}

TEST_F(JobQueueTest, ReadCreatesAMissingGroupAndLagOfUnknownStreamIsZero) {
  JobQueue queue(*env_.redis, FastOptions());
  EXPECT_EQ(*queue.Lag("never"), 0);
  absl::StatusOr<std::vector<JobQueue::Delivery>> read = queue.Read("fresh", "c1", 1, 0ms);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->empty());
}

TEST_F(JobQueueTest, UnackedEntryIsReclaimedByAnotherConsumer) {
  JobQueue queue(*env_.redis, FastOptions());
  ASSERT_TRUE(queue.EnsureGroup("build").ok());
  ASSERT_TRUE(queue.Enqueue("build", "job-1").ok());
  ASSERT_EQ(queue.Read("build", "dies", 1, 0ms)->size(), 1u);  // never acked

  std::vector<JobQueue::Delivery> reclaimed;
  ASSERT_TRUE(WaitFor(
      [&] {
        absl::StatusOr<JobQueue::Reclaimed> r = queue.ReclaimIdle("build", "survivor", 10);
        if (r.ok()) reclaimed = r->reclaimed;
        return !reclaimed.empty();
      },
      5s));
  EXPECT_EQ(reclaimed[0].job_id, "job-1");
  EXPECT_EQ(reclaimed[0].deliveries, 2);
  EXPECT_TRUE(queue.Ack("build", reclaimed[0].entry_id).ok());
  EXPECT_EQ(*queue.Lag("build"), 0);
}

TEST_F(JobQueueTest, EntryIsDeadLetteredAfterMaxDeliveries) {
  JobQueue queue(*env_.redis, FastOptions(/*max_deliveries=*/2));
  ASSERT_TRUE(queue.EnsureGroup("build").ok());
  ASSERT_TRUE(queue.Enqueue("build", "job-9").ok());
  ASSERT_EQ(queue.Read("build", "c1", 1, 0ms)->size(), 1u);  // delivery 1

  std::vector<int64_t> reclaimed_counts;
  std::vector<JobQueue::Delivery> dead;
  ASSERT_TRUE(WaitFor(
      [&] {
        absl::StatusOr<JobQueue::Reclaimed> r = queue.ReclaimIdle("build", "c2", 10);
        if (!r.ok()) return false;
        for (const auto& d : r->reclaimed) reclaimed_counts.push_back(d.deliveries);
        dead = r->dead_lettered;
        return !dead.empty();
      },
      5s));
  EXPECT_EQ(reclaimed_counts, std::vector<int64_t>{2});  // delivery 2 ran; 3 is one too many
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].job_id, "job-9");
  EXPECT_EQ(dead[0].deliveries, 3);
  EXPECT_EQ(*queue.Lag("build"), 0);  // acked off the main stream

  absl::StatusOr<redis::RedisReply> dead_entries =
      env_.Redis().Command({"XRANGE", queue.DeadLetterStreamName("build"), "-", "+"});
  ASSERT_TRUE(dead_entries.ok()) << dead_entries.status();
  ASSERT_EQ(dead_entries->elements.size(), 1u);
  const auto& fields = dead_entries->elements[0].elements[1].elements;
  std::map<std::string, std::string> by_name;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) by_name[fields[i].str] = fields[i + 1].str;
  EXPECT_EQ(by_name["job_id"], "job-9");
  EXPECT_EQ(by_name["deliveries"], "3");
  EXPECT_NE(by_name["reason"].find("3 deliveries"), std::string::npos) << by_name["reason"];
}

TEST_F(JobQueueTest, LagCountsPendingAndUndeliveredEvenAfterDeletions) {
  JobQueue queue(*env_.redis, FastOptions());
  ASSERT_TRUE(queue.EnsureGroup("build").ok());
  std::vector<std::string> entries;
  for (const char* id : {"a", "b", "c", "d"}) entries.push_back(*queue.Enqueue("build", id));
  ASSERT_EQ(queue.Read("build", "c1", 1, 0ms)->size(), 1u);  // "a": pending
  // Deleting an undelivered entry makes Redis report the group's lag as unknown (nil).
  ASSERT_TRUE(env_.Redis().Command({"XDEL", queue.StreamName("build"), entries[2]}).ok());
  EXPECT_EQ(*queue.Lag("build"), 3);  // "a" pending + "b", "d" undelivered
}

TEST_F(JobQueueTest, HeartbeatOnlyForTheOwner) {
  JobQueueOptions options = FastOptions();
  options.visibility_timeout = 60s;  // nothing is reclaimed behind the test's back
  JobQueue queue(*env_.redis, options);
  ASSERT_TRUE(queue.EnsureGroup("build").ok());
  ASSERT_TRUE(queue.Enqueue("build", "job-1").ok());
  absl::StatusOr<std::vector<JobQueue::Delivery>> read = queue.Read("build", "owner", 1, 0ms);
  ASSERT_EQ(read->size(), 1u);
  const std::string entry = (*read)[0].entry_id;
  EXPECT_EQ(*queue.Heartbeat("build", "owner", entry), true);
  EXPECT_EQ(*queue.Heartbeat("build", "intruder", entry), false);
  // A heartbeat is not a delivery.
  absl::StatusOr<redis::RedisReply> pending = env_.Redis().Command(
      {"XPENDING", queue.StreamName("build"), options.group, entry, entry, "1"});
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->elements[0].elements[1].str, "owner");
  EXPECT_EQ(pending->elements[0].elements[3].integer, 1);
  ASSERT_TRUE(queue.Ack("build", entry).ok());
  EXPECT_EQ(*queue.Heartbeat("build", "owner", entry), false);
}

}  // namespace
}  // namespace secsched::jobs
