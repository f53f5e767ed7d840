// AuthorizeSchoolAccess with a fake checker: who passes on scopes alone, who needs CheckAccess.
#include <gtest/gtest.h>

#include <set>

#include "common/access/authorize.h"

namespace secsched::access {
namespace {

class FakeChecker final : public AccessChecker {
 public:
  absl::StatusOr<AccessDecision> Check(std::string_view staff_id,
                                       std::string_view school_id) override {
    ++calls;
    if (unavailable) return absl::UnavailableError("down");
    const bool allowed = granted.count(std::string(staff_id) + "@" + std::string(school_id)) > 0;
    return AccessDecision{.allowed = allowed, .reason = allowed ? "granted" : "no grant"};
  }
  std::set<std::string> granted;
  bool unavailable = false;
  int calls = 0;
};

TEST(AuthorizeSchoolAccess, ScopesDecideForServiceAccounts) {
  FakeChecker checker;
  EXPECT_TRUE(AuthorizeSchoolAccess(auth::MakeCaller("service:sis", "scheduler"), "east",
                                    Mode::kWrite, checker)
                  .ok());
  EXPECT_TRUE(
      AuthorizeSchoolAccess(auth::MakeCaller("service:bi", "reader"), "east", Mode::kRead, checker)
          .ok());
  EXPECT_EQ(
      AuthorizeSchoolAccess(auth::MakeCaller("service:bi", "reader"), "east", Mode::kWrite, checker)
          .code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      AuthorizeSchoolAccess(auth::MakeCaller("service:hr", "hr-feed"), "east", Mode::kRead, checker)
          .code(),
      absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(checker.calls, 0) << "service accounts are never looked up";
}

TEST(AuthorizeSchoolAccess, PeopleNeedAccessAtTheSchool) {
  FakeChecker checker;
  checker.granted = {"dana@east"};
  const auth::Caller dana = auth::MakeCaller("dana", "");
  EXPECT_TRUE(AuthorizeSchoolAccess(dana, "east", Mode::kWrite, checker).ok());
  const absl::Status west = AuthorizeSchoolAccess(dana, "west", Mode::kRead, checker);
  EXPECT_EQ(west.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(west.message().find("no grant"), absl::string_view::npos);
  EXPECT_TRUE(
      AuthorizeSchoolAccess(auth::MakeCaller("ops", "admin"), "west", Mode::kWrite, checker).ok());
  checker.unavailable = true;
  EXPECT_EQ(AuthorizeSchoolAccess(dana, "east", Mode::kWrite, checker).code(),
            absl::StatusCode::kUnavailable);
}

TEST(AuthorizeSchoolAccess, TheDenialSaysItOnce) {
  EXPECT_EQ(DenialMessage("east-high", "no Secondary Scheduling access at east-high"),
            "No Secondary Scheduling access at east-high.");
  EXPECT_EQ(DenialMessage("east-high", "access at east-high has expired"),
            "No Secondary Scheduling access at east-high: access at east-high has expired.");
  EXPECT_EQ(DenialMessage("east-high", ""), "No Secondary Scheduling access at east-high.");
}

}  // namespace
}  // namespace secsched::access
