// Trials' rules with an in-memory repository: which calls need write access and an APPROVED
// calendar, what is validated before anything is written, and Compare's same-calendar rule.
#include "services/sectioning/domain/trial.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

// Records which writes reached it; every trial exists.
class RecordingTrials final : public TrialRepository {
 public:
  std::vector<std::string> calls;
  TrialCopy last_copy;

  absl::StatusOr<Trial> Create(const Trial& trial, std::string_view) override {
    calls.push_back("create");
    return trial;
  }
  absl::StatusOr<Trial> Get(const TrialKey& key) override { return Trial{.key = key}; }
  absl::StatusOr<api::Page<Trial>> List(std::string_view, const TrialFilter&,
                                        const api::PageRequest&) override {
    return api::Page<Trial>{};
  }
  absl::StatusOr<Trial> UpdateDisplayName(const TrialKey& key, std::string_view name) override {
    calls.push_back("update");
    return Trial{.key = key, .display_name = std::string(name)};
  }
  absl::Status Delete(const TrialKey&, std::string_view) override {
    calls.push_back("delete");
    return absl::OkStatus();
  }
  absl::StatusOr<Trial> Copy(const TrialKey&, const TrialCopy& copy) override {
    calls.push_back("copy");
    last_copy = copy;
    return copy.trial;
  }
  absl::StatusOr<Trial> SetLocked(const TrialKey& key, bool locked, std::string_view) override {
    calls.push_back(locked ? "lock" : "unlock");
    return Trial{.key = key, .locked = locked};
  }
  absl::StatusOr<Trial> Activate(const TrialKey& key, std::string_view) override {
    calls.push_back("activate");
    return Trial{.key = key, .state = TrialState::kActive};
  }
  absl::StatusOr<std::pair<TrialContents, TrialContents>> ReadForCompare(const TrialKey&,
                                                                         const TrialKey&) override {
    TrialContents a{.sections = {{.section_id = "s1", .course_id = "eng9", .capacity = 30}}};
    return std::make_pair(a, TrialContents{});
  }
};

class AllowStaff1 final : public access::AccessChecker {
 public:
  absl::StatusOr<access::AccessDecision> Check(std::string_view staff_id,
                                               std::string_view) override {
    return access::AccessDecision{staff_id == "staff-1", "test"};
  }
};

const auth::Caller kScheduler = auth::MakeCaller("staff-1", "scheduler");
const auth::Caller kReader = auth::MakeCaller("service:reports", "reader");

class TrialsTest : public ::testing::Test {
 protected:
  TrialsTest() {
    schools_.Set("approved", "school-1");
    schools_.Set("draft", "school-1");
    catalog_.SetCalendar({.id = "approved",
                          .school_id = "school-1",
                          .state = catalog::CatalogCalendarState::kApproved});
    catalog_.SetCalendar(
        {.id = "draft", .school_id = "school-1", .state = catalog::CatalogCalendarState::kDraft});
  }

  api::UpdateMask Mask(std::vector<std::string> paths) {
    return *api::UpdateMask::Parse(paths, UpdatableTrialFields(), {});
  }

  // Every write of the API on trial `t1` of `calendar`, by `caller`; the codes they returned.
  std::vector<absl::StatusCode> AllWrites(const auth::Caller& caller, const std::string& calendar) {
    const TrialKey key{calendar, "t1"};
    return {
        trials_.Create(caller, {.calendar_id = calendar, .display_name = "x"}).status().code(),
        trials_.Update(caller, key, "new", Mask({"display_name"})).status().code(),
        trials_.Delete(caller, key).code(),
        trials_.Copy(caller, {.source = key}).status().code(),
        trials_.Lock(caller, key).status().code(),
        trials_.Unlock(caller, key).status().code(),
        trials_.Activate(caller, key).status().code(),
    };
  }

  RecordingTrials repository_;
  catalog::StaticCatalogReader catalog_;
  access::StaticCalendarSchools schools_;
  AllowStaff1 access_;
  Trials trials_{repository_, catalog_, schools_, access_};
};

TEST_F(TrialsTest, WritesNeedAnApprovedCalendar) {
  for (absl::StatusCode code : AllWrites(kScheduler, "draft")) {
    EXPECT_EQ(code, absl::StatusCode::kFailedPrecondition);
  }
  EXPECT_TRUE(repository_.calls.empty()) << "nothing reached storage";
  for (absl::StatusCode code : AllWrites(kScheduler, "approved")) {
    EXPECT_EQ(code, absl::StatusCode::kOk);
  }
  EXPECT_EQ(repository_.calls, (std::vector<std::string>{"create", "update", "delete", "copy",
                                                         "lock", "unlock", "activate"}));
}

TEST_F(TrialsTest, ReadsAreFineOnADraftCalendar) {
  EXPECT_TRUE(trials_.Get(kReader, {"draft", "t1"}).ok());
  EXPECT_TRUE(trials_.List(kReader, "draft", {}, {}).ok());
  EXPECT_TRUE(trials_.Compare(kReader, {"draft", "a"}, {"draft", "b"}, {}, false).ok());
}

TEST_F(TrialsTest, AReaderMayNotWrite) {
  for (absl::StatusCode code : AllWrites(kReader, "approved")) {
    EXPECT_EQ(code, absl::StatusCode::kPermissionDenied);
  }
  EXPECT_TRUE(repository_.calls.empty());
}

TEST_F(TrialsTest, UpdateNeedsAMaskAndAName) {
  EXPECT_EQ(trials_.Update(kScheduler, {"approved", "t1"}, "new", Mask({})).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      trials_.Update(kScheduler, {"approved", "t1"}, "", Mask({"display_name"})).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      trials_.Update(kScheduler, {"approved", "t1"}, std::string(201, 'x'), Mask({"display_name"}))
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(repository_.calls.empty());
  EXPECT_FALSE(api::UpdateMask::Parse({"state"}, UpdatableTrialFields(), {}).ok())
      << "only display_name is updatable";
}

TEST_F(TrialsTest, CopyValidatesAndRecordsItsSource) {
  EXPECT_EQ(trials_.Copy(kScheduler, {.source = {"approved", "t1"}, .trial_id = "Bad Id"})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(repository_.calls.empty());
  absl::StatusOr<Trial> copy =
      trials_.Copy(kScheduler, {.source = {"approved", "t1"}, .trial_id = "t2"});
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(copy->key.trial_id, "t2");
  EXPECT_EQ(copy->copied_from, "t1");
  EXPECT_EQ(copy->creator, "staff-1");
  absl::StatusOr<Trial> generated = trials_.Copy(kScheduler, {.source = {"approved", "t1"}});
  ASSERT_TRUE(generated.ok());
  EXPECT_EQ(generated->key.trial_id.rfind("trial-", 0), 0u) << generated->key.trial_id;
}

TEST_F(TrialsTest, CompareNeedsTwoTrialsOfOneCalendar) {
  EXPECT_EQ(trials_.Compare(kReader, {"approved", "a"}, {"draft", "b"}, {}, false).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<TrialComparison> c =
      trials_.Compare(kReader, {"approved", "a"}, {"approved", "b"}, {}, false);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->a.sections, 1);
  EXPECT_EQ(c->b.sections, 0);
  EXPECT_EQ(c->changed_courses, 1);
}

}  // namespace
}  // namespace secsched::sectioning
