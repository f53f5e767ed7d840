// The rules every way of adding a request shares: course checks, duplicates, alternate ties and
// ranks, re-ranking, deleting.
#include "services/requests/domain/course_request.h"

#include <gtest/gtest.h>

#include "common/status/status.h"
#include "services/requests/tests/unit_helpers.h"

namespace secsched::requests {
namespace {

using testing::Alternate;
using testing::MakeStudent;
using testing::Primary;

class CourseRequestRules : public ::testing::Test {
 protected:
  CourseRequestRules() : index_(testing::SmallCatalog()) { state_.student = MakeStudent("s1", 9); }

  // Plans `r` and applies it to state_, as the repository would.
  absl::Status Add(CourseRequest r) {
    absl::StatusOr<RequestChanges> changes = PlanAdd(state_, std::move(r), index_);
    if (!changes.ok()) return changes.status();
    state_.requests = Applied(state_.requests, *changes);
    return absl::OkStatus();
  }

  // "course:rank" for the alternates of one group, in rank order.
  std::vector<std::string> Group(const std::string& alternate_for) const {
    std::vector<std::string> out;
    for (const CourseRequest& r : state_.requests) {
      if (r.kind == RequestKind::kAlternate && r.alternate_for == alternate_for) {
        out.push_back(r.course_id + ":" + std::to_string(r.alternate_rank));
      }
    }
    return out;
  }

  CourseIndex index_;
  StudentRequests state_;
};

TEST_F(CourseRequestRules, AddsAPrimaryForAnOfferedActiveCourse) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "eng-9")).ok());
  ASSERT_EQ(state_.requests.size(), 1u);
  EXPECT_EQ(state_.requests[0].alternate_rank, 0);
}

TEST_F(CourseRequestRules, RefusesUnknownInactiveAndUnofferedCoursesNamingThem) {
  absl::Status unknown = Add(Primary("s1", "r1", "nope"));
  EXPECT_EQ(unknown.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(unknown.message().find("nope"), std::string::npos);

  absl::Status inactive = Add(Primary("s1", "r2", "latin"));
  EXPECT_EQ(inactive.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(inactive.message().find("LATIN"), std::string::npos);

  absl::Status grade = Add(Primary("s1", "r3", "calc"));  // 11-12 only; the student is in 9
  EXPECT_EQ(grade.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(grade.message().find("CALC"), std::string::npos);
  EXPECT_NE(grade.message().find("grade 9"), std::string::npos);
  EXPECT_TRUE(state_.requests.empty());
}

TEST_F(CourseRequestRules, AStudentRequestsACourseOnlyOnce) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "bio")).ok());
  absl::Status twice = Add(Primary("s1", "r2", "bio"));
  EXPECT_EQ(twice.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(twice.message().find("BIO"), std::string::npos);
  // An alternate cannot duplicate a primary either, tied or general.
  EXPECT_EQ(Add(Alternate("s1", "r3", "bio")).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Add(Alternate("s1", "r4", "bio", "r1")).code(), absl::StatusCode::kAlreadyExists);
  // Nor a primary an alternate.
  ASSERT_TRUE(Add(Alternate("s1", "r5", "art")).ok());
  EXPECT_EQ(Add(Primary("s1", "r6", "art")).code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(CourseRequestRules, ATiedAlternateNeedsAPrimaryOfTheStudent) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "bio")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art")).ok());
  EXPECT_EQ(Add(Alternate("s1", "a2", "band", "missing")).code(),
            absl::StatusCode::kFailedPrecondition);
  // An alternate is not a primary: nothing can be tied to it.
  EXPECT_EQ(Add(Alternate("s1", "a3", "band", "a1")).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Add(Alternate("s1", "a4", "band", "r1")).ok());
  EXPECT_EQ(Group("r1"), (std::vector<std::string>{"band:1"}));
}

TEST_F(CourseRequestRules, AlternatesAreRankedDenselyPerGroup) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "bio")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art")).ok());           // general, last → 1
  ASSERT_TRUE(Add(Alternate("s1", "a2", "band")).ok());          // general, last → 2
  ASSERT_TRUE(Add(Alternate("s1", "a3", "alg-1", "", 1)).ok());  // general, first; others move
  ASSERT_TRUE(Add(Alternate("s1", "a4", "eng-9", "r1")).ok());   // its own group → 1
  EXPECT_EQ(Group(""), (std::vector<std::string>{"alg-1:1", "art:2", "band:3"}));
  EXPECT_EQ(Group("r1"), (std::vector<std::string>{"eng-9:1"}));
}

TEST_F(CourseRequestRules, ARankPastTheEndOfTheGroupIsInvalid) {
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art")).ok());
  absl::Status far = Add(Alternate("s1", "a2", "band", "", 3));  // the group has 1; at most 2
  EXPECT_EQ(far.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(far).at(0).field, "course_request.alternate_rank");
}

TEST_F(CourseRequestRules, RerankMovesOneAlternateAndShiftsTheOthers) {
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a2", "band")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a3", "bio")).ok());
  absl::StatusOr<RequestChanges> moved = PlanRerank(state_, "a3", 1);
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->updates.size(), 3u);  // every member's rank changes
  state_.requests = Applied(state_.requests, *moved);
  EXPECT_EQ(Group(""), (std::vector<std::string>{"bio:1", "art:2", "band:3"}));

  EXPECT_EQ(PlanRerank(state_, "a1", 4).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanRerank(state_, "a1", 0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PlanRerank(state_, "zz", 1).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CourseRequestRules, APrimaryCannotBeRanked) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "bio")).ok());
  EXPECT_EQ(PlanRerank(state_, "r1", 1).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(CourseRequestRules, DeletingAnAlternateClosesTheGap) {
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a2", "band")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a3", "bio")).ok());
  absl::StatusOr<RequestChanges> gone = PlanDelete(state_, "a1");
  ASSERT_TRUE(gone.ok());
  state_.requests = Applied(state_.requests, *gone);
  EXPECT_EQ(Group(""), (std::vector<std::string>{"band:1", "bio:2"}));
}

TEST_F(CourseRequestRules, DeletingAPrimaryTakesItsTiedAlternates) {
  ASSERT_TRUE(Add(Primary("s1", "r1", "bio")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a1", "art", "r1")).ok());
  ASSERT_TRUE(Add(Alternate("s1", "a2", "band")).ok());
  absl::StatusOr<RequestChanges> gone = PlanDelete(state_, "r1");
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->deletes.size(), 2u);
  state_.requests = Applied(state_.requests, *gone);
  ASSERT_EQ(state_.requests.size(), 1u);
  EXPECT_EQ(state_.requests[0].request_id, "a2");
  EXPECT_EQ(PlanDelete(state_, "r1").status().code(), absl::StatusCode::kNotFound);
}

TEST(RequestChangesAppend, AnUpdateOfAPendingInsertChangesTheInsert) {
  RequestChanges changes;
  changes.inserts.push_back(Alternate("s1", "a1", "art", "", 1));
  RequestChanges later;
  later.updates.push_back(Alternate("s1", "a1", "art", "", 2));
  changes.Append(later);
  ASSERT_EQ(changes.inserts.size(), 1u);
  EXPECT_EQ(changes.inserts[0].alternate_rank, 2);
  EXPECT_TRUE(changes.updates.empty());
  RequestChanges removal;
  removal.deletes.push_back(Alternate("s1", "a1", "art"));
  changes.Append(removal);
  EXPECT_TRUE(changes.empty());
}

TEST(ValidateNewRequest, ReportsEveryBadField) {
  CourseRequest r = Primary("s1", "Bad Id", "");
  r.priority = 101;
  r.alternate_rank = 2;  // a primary has no rank
  FieldValidator v;
  ValidateNewRequest(r, "course_request.", v);
  std::vector<FieldViolation> violations = FieldViolationsOf(v.Finish());
  std::vector<std::string> fields;
  for (const FieldViolation& f : violations) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"course_request.course", "course_request.request_id",
                                      "course_request.priority", "course_request.alternate_rank"}));
}

}  // namespace
}  // namespace secsched::requests
