#include "services/sectioning/domain/roster_changes.h"

#include <gtest/gtest.h>

namespace secsched::sectioning {
namespace {

const TrialKey kTrial{"east-2026", "t1"};

Section MakeSection(std::string id, std::string course, int enrolled) {
  return Section{.calendar_id = kTrial.calendar_id,
                 .trial_id = kTrial.trial_id,
                 .section_id = std::move(id),
                 .course_id = std::move(course),
                 .capacity = 30,
                 .enrolled = enrolled};
}

StoredEnrollment Row(std::string student, std::string section, std::string course) {
  return {.enrollment = {.calendar_id = kTrial.calendar_id,
                         .trial_id = kTrial.trial_id,
                         .section_id = std::move(section),
                         .student_id = std::move(student),
                         .course_id = std::move(course),
                         .source = EnrollmentSource::kEngine}};
}

// Two sections of algebra, one of art; ann is in alg-1.
RosterState Start() {
  RosterState state;
  state.sections["alg-1"] = MakeSection("alg-1", "alg", 1);
  state.sections["alg-2"] = MakeSection("alg-2", "alg", 0);
  state.sections["art-1"] = MakeSection("art-1", "art", 0);
  state.enrollments["ann"]["alg-1"] = Row("ann", "alg-1", "alg");
  return state;
}

WalkIn Change(ChangeAction action, std::string from, std::string to) {
  return WalkIn{.action = action,
                .trial = kTrial,
                .student_id = "ann",
                .from_section_id = std::move(from),
                .to_section_id = std::move(to),
                .fields = {.source = EnrollmentSource::kBatch}};
}

absl::StatusOr<bool> Allow(const WalkInSnapshot&) { return false; }

TEST(RosterChangesTest, AMoveShowsTheCheckBothSectionsAndBecomesADeleteAndAnInsert) {
  RosterChanges changes(Start());
  WalkIn move = Change(ChangeAction::kMove, "alg-1", "alg-2");
  WalkInSnapshot seen;
  absl::StatusOr<AppliedChange> applied = changes.Apply(move, [&](const WalkInSnapshot& s) {
    seen = s;
    return absl::StatusOr<bool>(true);
  });
  ASSERT_TRUE(applied.ok()) << applied.status();
  EXPECT_EQ(seen.from->section_id, "alg-1");
  EXPECT_EQ(seen.to->enrolled, 0);
  ASSERT_EQ(seen.student_sections.size(), 1u);
  EXPECT_EQ(applied->section_id, "alg-2");
  EXPECT_TRUE(applied->overload);
  // A move keeps the enrollment's own fields (its source) and records the overload.
  const StoredEnrollment* now = changes.Find("ann", "alg-2");
  ASSERT_NE(now, nullptr);
  EXPECT_EQ(now->enrollment.source, EnrollmentSource::kEngine);
  EXPECT_TRUE(now->enrollment.overload);
  EXPECT_EQ(changes.Find("ann", "alg-1"), nullptr);

  RosterDiff diff = changes.Diff();
  ASSERT_EQ(diff.deleted.size(), 1u);
  EXPECT_EQ(diff.deleted[0], std::make_pair(std::string("ann"), std::string("alg-1")));
  ASSERT_EQ(diff.inserted.size(), 1u);
  EXPECT_EQ(diff.inserted[0].section_id, "alg-2");
  EXPECT_TRUE(diff.updated.empty());
  EXPECT_TRUE(diff.recreated.empty());
}

TEST(RosterChangesTest, LaterRowsSeeEarlierRowsCountsAndSections) {
  RosterChanges changes(Start());
  WalkIn add = Change(ChangeAction::kAdd, "", "art-1");
  ASSERT_TRUE(changes.Apply(add, Allow).ok());
  WalkIn again = Change(ChangeAction::kMove, "alg-1", "alg-2");
  WalkInSnapshot seen;
  ASSERT_TRUE(changes
                  .Apply(again,
                         [&](const WalkInSnapshot& s) {
                           seen = s;
                           return absl::StatusOr<bool>(false);
                         })
                  .ok());
  ASSERT_EQ(seen.student_sections.size(), 2u);  // alg-1 and the art-1 just added
  EXPECT_EQ(seen.student_sections[1].section_id, "art-1");
  EXPECT_EQ(seen.student_sections[1].enrolled, 1);
  EXPECT_EQ(changes.applied().size(), 2u);
}

TEST(RosterChangesTest, ARefusalChangesNothingAndIsNotAudited) {
  RosterChanges changes(Start());
  WalkIn add = Change(ChangeAction::kAdd, "", "art-1");
  absl::StatusOr<AppliedChange> refused = changes.Apply(add, [](const WalkInSnapshot&) {
    return absl::StatusOr<bool>(absl::FailedPreconditionError("full"));
  });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(changes.Find("ann", "art-1"), nullptr);
  EXPECT_TRUE(changes.applied().empty());
  RosterDiff diff = changes.Diff();
  EXPECT_TRUE(diff.inserted.empty() && diff.deleted.empty() && diff.updated.empty());
}

TEST(RosterChangesTest, UnknownSectionsAndMissingEnrollmentsAreNotFound) {
  RosterChanges changes(Start());
  WalkIn nowhere = Change(ChangeAction::kAdd, "", "gym-9");
  EXPECT_EQ(changes.Apply(nowhere, Allow).status().code(), absl::StatusCode::kNotFound);
  WalkIn not_in = Change(ChangeAction::kDrop, "art-1", "");
  EXPECT_EQ(changes.Apply(not_in, Allow).status().code(), absl::StatusCode::kNotFound);
  WalkIn twice = Change(ChangeAction::kAdd, "", "alg-1");
  EXPECT_EQ(changes.Apply(twice, Allow).status().code(), absl::StatusCode::kAlreadyExists);
}

TEST(RosterChangesTest, UpdateSetsOnlyTheMaskedFields) {
  RosterChanges changes(Start());
  WalkIn update = Change(ChangeAction::kUpdate, "alg-1", "");
  update.fields.end_date = "2027-01-10";
  update.fields.repeat = true;
  update.update_paths = {"end_date"};
  ASSERT_TRUE(changes.Apply(update, Allow).ok());
  const StoredEnrollment* now = changes.Find("ann", "alg-1");
  EXPECT_EQ(now->enrollment.end_date, "2027-01-10");
  EXPECT_FALSE(now->enrollment.repeat);
  RosterDiff diff = changes.Diff();
  ASSERT_EQ(diff.updated.size(), 1u);
  EXPECT_TRUE(diff.inserted.empty() && diff.deleted.empty());
}

TEST(RosterChangesTest, ADropAndAReAddOfTheSameSectionIsRecreatedNotInserted) {
  RosterChanges changes(Start());
  WalkIn drop = Change(ChangeAction::kDrop, "alg-1", "");
  WalkIn add = Change(ChangeAction::kAdd, "", "alg-1");
  ASSERT_TRUE(changes.Apply(drop, Allow).ok());
  ASSERT_TRUE(changes.Apply(add, Allow).ok());
  RosterDiff diff = changes.Diff();
  ASSERT_EQ(diff.recreated.size(), 1u);
  EXPECT_EQ(diff.recreated[0].source, EnrollmentSource::kBatch);
  EXPECT_TRUE(diff.inserted.empty() && diff.deleted.empty() && diff.updated.empty());
}

TEST(RosterChangesTest, AnAddThenADropOfANewEnrollmentWritesNoEnrollment) {
  RosterChanges changes(Start());
  WalkIn add = Change(ChangeAction::kAdd, "", "art-1");
  WalkIn drop = Change(ChangeAction::kDrop, "art-1", "");
  ASSERT_TRUE(changes.Apply(add, Allow).ok());
  ASSERT_TRUE(changes.Apply(drop, Allow).ok());
  RosterDiff diff = changes.Diff();
  EXPECT_TRUE(diff.inserted.empty() && diff.deleted.empty() && diff.updated.empty() &&
              diff.recreated.empty());
  EXPECT_EQ(changes.applied().size(), 2u);  // both are still audited
}

}  // namespace
}  // namespace secsched::sectioning
