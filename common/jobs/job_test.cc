#include "common/jobs/job.h"

#include <gtest/gtest.h>

#include "common/jobs/jobs_migration.h"

namespace secsched::jobs {
namespace {

TEST(JobState, NamesRoundTrip) {
  for (JobState state : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded,
                         JobState::kFailed, JobState::kCancelled}) {
    EXPECT_EQ(ParseJobState(JobStateName(state)), state);
  }
  EXPECT_EQ(ParseJobState("queued"), std::nullopt);
  EXPECT_FALSE(IsFinished(JobState::kRunning));
  EXPECT_TRUE(IsFinished(JobState::kCancelled));
}

TEST(JobsTableMigration, IsNamedByVersionAndUsesUnqualifiedNames) {
  const pg::MigrationFile file = JobsTableMigration(7);
  EXPECT_EQ(file.version, 7);
  EXPECT_EQ(file.name, "007_jobs.sql");
  EXPECT_NE(file.sql.find("CREATE TABLE jobs ("), std::string::npos);
  EXPECT_EQ(file.sql.find("sectioning."), std::string::npos);
}

}  // namespace
}  // namespace secsched::jobs
