#include "common/access/authorize.h"

#include <gtest/gtest.h>

namespace secsched::access {
namespace {

TEST(Authorize, WritesNeedSchedulerOrAdmin) {
  EXPECT_TRUE(RequireSchedulingScope(auth::MakeCaller("staff-1", "scheduler"), Mode::kWrite).ok());
  EXPECT_TRUE(RequireSchedulingScope(auth::MakeCaller("service:sis", "admin"), Mode::kWrite).ok());
  absl::Status denied = RequireSchedulingScope(auth::MakeCaller("staff-1", "reader"), Mode::kWrite);
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(denied.message().find("scheduler"), absl::string_view::npos);
}

TEST(Authorize, ReadsAcceptReader) {
  EXPECT_TRUE(RequireSchedulingScope(auth::MakeCaller("service:lms", "reader"), Mode::kRead).ok());
  EXPECT_EQ(RequireSchedulingScope(auth::MakeCaller("service:hr", "hr-feed"), Mode::kRead).code(),
            absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace secsched::access
