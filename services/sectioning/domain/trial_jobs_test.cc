// TrialJobs' rules with an in-memory board: authorization, unknown trials, and WatchJob's loop
// (first state at once, then each change, until the job ends or the client leaves).
#include "services/sectioning/domain/trial_jobs.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>

namespace secsched::sectioning {
namespace {

class OneTrial final : public TrialRepository {
 public:
  absl::StatusOr<Trial> Create(const Trial& trial, std::string_view) override { return trial; }
  absl::StatusOr<Trial> Get(const TrialKey& key) override {
    if (key.calendar_id == "c1" && key.trial_id == "t1") return Trial{.key = key};
    if (key.calendar_id == "c1" && key.trial_id == "locked") {
      return Trial{.key = key, .locked = true};
    }
    return absl::NotFoundError("no such trial");
  }
  absl::StatusOr<api::Page<Trial>> List(std::string_view, const TrialFilter&,
                                        const api::PageRequest&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<Trial> UpdateDisplayName(const TrialKey&, std::string_view) override {
    return absl::UnimplementedError("not used");
  }
  absl::Status Delete(const TrialKey&, std::string_view) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<Trial> Copy(const TrialKey&, const TrialCopy&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<Trial> SetLocked(const TrialKey&, bool, std::string_view) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<Trial> Activate(const TrialKey&, std::string_view) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<std::pair<TrialContents, TrialContents>> ReadForCompare(const TrialKey&,
                                                                         const TrialKey&) override {
    return absl::UnimplementedError("not used");
  }
};

// Each Get returns the next scripted state (the last one repeats); Wait never blocks.
class ScriptedBoard final : public JobBoard {
 public:
  std::deque<jobs::Job> script;
  int submitted = 0;
  int gets = 0;

  absl::StatusOr<jobs::Job> Submit(TrialJobType, const TrialKey& trial, std::string) override {
    ++submitted;
    return jobs::Job{.id = "j1", .scope = TrialScope(trial)};
  }
  absl::StatusOr<jobs::Job> Get(std::string_view) override {
    ++gets;
    jobs::Job next = script.front();
    if (script.size() > 1) script.pop_front();
    return next;
  }
  absl::Status RequestCancel(std::string_view) override { return absl::OkStatus(); }
  absl::StatusOr<std::unique_ptr<JobChangeFeed>> Observe(std::string_view) override {
    struct Immediate final : JobChangeFeed {
      absl::Status Wait(std::chrono::milliseconds) override { return absl::OkStatus(); }
    };
    return std::make_unique<Immediate>();
  }
};

// staff-1 may schedule at every school; the one calendar c1 belongs to school-1.
class AllowStaff1 final : public access::AccessChecker {
 public:
  absl::StatusOr<access::AccessDecision> Check(std::string_view staff_id,
                                               std::string_view) override {
    return access::AccessDecision{staff_id == "staff-1", "test"};
  }
};
class OneSchool final : public access::CalendarSchools {
 public:
  absl::StatusOr<std::string> SchoolOf(std::string_view calendar_id) override {
    if (calendar_id == "c1" || calendar_id == "c2") return std::string("school-1");
    return absl::NotFoundError("no such calendar");
  }
};

// c1 is APPROVED; c2 (also school-1's) is still a DRAFT.
catalog::StaticCatalogReader& Catalog() {
  static catalog::StaticCatalogReader* catalog = [] {
    auto* c = new catalog::StaticCatalogReader;
    c->SetCalendar(
        {.id = "c1", .school_id = "school-1", .state = catalog::CatalogCalendarState::kApproved});
    c->SetCalendar(
        {.id = "c2", .school_id = "school-1", .state = catalog::CatalogCalendarState::kDraft});
    return c;
  }();
  return *catalog;
}

jobs::Job At(jobs::JobState state, double percent) {
  return jobs::Job{.id = "j1", .scope = "trial/c1/t1", .state = state, .progress_percent = percent};
}

const auth::Caller kScheduler = auth::MakeCaller("staff-1", "scheduler");

TEST(TrialJobs, StartsOnlyOnAnExistingTrialWithAWriteScope) {
  OneTrial trials;
  ScriptedBoard board;
  AllowStaff1 access;
  OneSchool schools;
  TrialJobs jobs(trials, board, Catalog(), schools, access);
  EXPECT_TRUE(jobs.Start(kScheduler, {"c1", "t1"}, TrialJobType::kCountSections, "r1").ok());
  EXPECT_EQ(
      jobs.Start(kScheduler, {"c1", "nope"}, TrialJobType::kCountSections, "").status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_EQ(
      jobs.Start(kScheduler, {"c1", "locked"}, TrialJobType::kCountSections, "").status().code(),
      absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(jobs.Start(kScheduler, {"c2", "t1"}, TrialJobType::kCountSections, "").status().code(),
            absl::StatusCode::kFailedPrecondition)
      << "a calendar that is not APPROVED";
  EXPECT_EQ(jobs.Start(auth::MakeCaller("service:reports", "reader"), {"c1", "t1"},
                       TrialJobType::kCountSections, "")
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(jobs.Start(auth::MakeCaller("staff-2", "scheduler"), {"c1", "t1"},
                       TrialJobType::kCountSections, "")
                .status()
                .code(),
            absl::StatusCode::kPermissionDenied)
      << "a person without access at the school";
  EXPECT_EQ(board.submitted, 1);
}

TEST(TrialJobs, WatchEmitsEachChangeOnceUntilTheJobEnds) {
  OneTrial trials;
  ScriptedBoard board;
  board.script = {At(jobs::JobState::kQueued, 0),   At(jobs::JobState::kQueued, 0),
                  At(jobs::JobState::kQueued, 0),   At(jobs::JobState::kRunning, 10),
                  At(jobs::JobState::kRunning, 90), At(jobs::JobState::kSucceeded, 100)};
  AllowStaff1 access;
  OneSchool schools;
  TrialJobs jobs(trials, board, Catalog(), schools, access, std::chrono::milliseconds(1));
  std::vector<double> seen;
  ASSERT_TRUE(jobs.Watch(
                      kScheduler, "j1",
                      [&](const jobs::Job& job) {
                        seen.push_back(job.progress_percent);
                        return true;
                      },
                      [] { return true; })
                  .ok());
  EXPECT_EQ(seen, (std::vector<double>{0, 10, 90, 100}));  // the repeated QUEUED is not re-sent
}

TEST(TrialJobs, WatchStopsWhenTheClientGoesAway) {
  OneTrial trials;
  ScriptedBoard board;
  // The first read is the authorization check's; the watch itself starts at the second.
  board.script = {At(jobs::JobState::kRunning, 10), At(jobs::JobState::kRunning, 10),
                  At(jobs::JobState::kRunning, 20)};
  AllowStaff1 access;
  OneSchool schools;
  TrialJobs jobs(trials, board, Catalog(), schools, access, std::chrono::milliseconds(1));
  int emitted = 0;
  int checks = 0;
  ASSERT_TRUE(jobs.Watch(
                      kScheduler, "j1",
                      [&](const jobs::Job&) {
                        ++emitted;
                        return true;
                      },
                      [&] { return ++checks < 5; })
                  .ok());
  EXPECT_EQ(emitted, 2);
  EXPECT_EQ(checks, 5);
}

TEST(TrialScope, RoundTripsAndRejectsOtherScopes) {
  absl::StatusOr<TrialKey> key = TrialFromScope(TrialScope({"cal-1", "trial-2"}));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->calendar_id, "cal-1");
  EXPECT_EQ(key->trial_id, "trial-2");
  EXPECT_FALSE(TrialFromScope("staff/x").ok());
  EXPECT_FALSE(TrialFromScope("trial/only-one").ok());
}

}  // namespace
}  // namespace secsched::sectioning
