// Course requests through gRPC with real PostgreSQL: the duplicate and alternate rules, ranking,
// re-ranking, deleting, idempotent create.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "common/testing/together.h"
#include "services/requests/tests/requests_test_helpers.h"

namespace secsched::requests::testing {
namespace {

class CourseRequests : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new RequestsEnv();
    UseSmallCatalog(*env_);
  }
  static void TearDownTestSuite() { delete env_; }
  static RequestsEnv* env_;

  // "COURSE-ID:rank" of the student's alternates tied to `alternate_for` ("" = general).
  static std::vector<std::string> Group(const std::string& number,
                                        const std::string& alternate_for) {
    std::vector<std::string> out;
    for (const v1::CourseRequest& r : RequestsOf(*env_, number)) {
      if (r.kind() == v1::ALTERNATE && r.alternate_for() == alternate_for) {
        out.push_back(r.course().substr(r.course().rfind('/') + 1) + ":" +
                      std::to_string(r.alternate_rank()));
      }
    }
    return out;
  }
};
RequestsEnv* CourseRequests::env_ = nullptr;

TEST_F(CourseRequests, APrimaryRecordsWhoEnteredItAndHow) {
  ASSERT_TRUE(AddStudent(*env_, "5001", 9).ok());
  v1::CourseRequest created;
  ASSERT_TRUE(AddRequest(*env_, "5001", "eng-9", &created).ok());
  EXPECT_EQ(created.kind(), v1::PRIMARY);
  EXPECT_EQ(created.source(), v1::COUNSELOR);
  EXPECT_EQ(created.entered_by(), "service:sis");
  EXPECT_GT(created.entered_at().seconds(), 0);
  EXPECT_EQ(created.course(), CourseName("eng-9"));
  EXPECT_EQ(created.name().rfind(StudentName("5001") + "/requests/req-", 0), 0u);
}

TEST_F(CourseRequests, DuplicatesAndAlternatesDuplicatingPrimariesAreAlreadyExists) {
  ASSERT_TRUE(AddStudent(*env_, "5002", 9).ok());
  v1::CourseRequest bio, out;
  ASSERT_TRUE(AddRequest(*env_, "5002", "bio", &bio).ok());
  grpc::Status twice = AddRequest(*env_, "5002", "bio", &out);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(twice.error_message().find("BIO"), std::string::npos);
  EXPECT_EQ(AddRequest(*env_, "5002", "bio", &out, v1::ALTERNATE).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(AddRequest(*env_, "5002", "bio", &out, v1::ALTERNATE, bio.name()).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(RequestsOf(*env_, "5002").size(), 1u);
}

TEST_F(CourseRequests, CoursesMustExistBeActiveAndBeOfferedToTheGrade) {
  ASSERT_TRUE(AddStudent(*env_, "5003", 10).ok());
  v1::CourseRequest out;
  for (const auto& [course, named] : std::vector<std::pair<std::string, std::string>>{
           {"eng-9", "ENG9"}, {"latin", "LATIN"}, {"nope", "nope"}}) {
    grpc::Status refused = AddRequest(*env_, "5003", course, &out);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << course;
    EXPECT_NE(refused.error_message().find(named), std::string::npos) << refused.error_message();
  }
  // A course of another calendar is not a course of this one.
  v1::CreateCourseRequestRequest other;
  other.set_parent(StudentName("5003"));
  other.mutable_course_request()->set_course(CourseName("bio", RequestsEnv::kOtherCalendar));
  other.mutable_course_request()->set_kind(v1::PRIMARY);
  EXPECT_EQ(
      env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), other, &out).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(RequestsOf(*env_, "5003").empty());
  EXPECT_EQ(AddRequest(*env_, "no-such-student", "bio", &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(CourseRequests, AlternatesAreRankedPerGroupAndReRanked) {
  ASSERT_TRUE(AddStudent(*env_, "5004", 9).ok());
  v1::CourseRequest bio, art, band, alg, out;
  ASSERT_TRUE(AddRequest(*env_, "5004", "bio", &bio).ok());
  ASSERT_TRUE(AddRequest(*env_, "5004", "art", &art, v1::ALTERNATE).ok());
  ASSERT_TRUE(AddRequest(*env_, "5004", "band", &band, v1::ALTERNATE).ok());
  ASSERT_TRUE(AddRequest(*env_, "5004", "alg-1", &alg, v1::ALTERNATE, "", 1).ok());
  ASSERT_TRUE(AddRequest(*env_, "5004", "eng-9", &out, v1::ALTERNATE, bio.name()).ok());
  EXPECT_EQ(Group("5004", ""), (std::vector<std::string>{"alg-1:1", "art:2", "band:3"}));
  EXPECT_EQ(Group("5004", bio.name()), (std::vector<std::string>{"eng-9:1"}));
  EXPECT_EQ(AddRequest(*env_, "5004", "calc", &out, v1::ALTERNATE, "", 9).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // CALC is for 11-12: checked first

  v1::UpdateCourseRequestRequest rerank;
  rerank.mutable_course_request()->set_name(band.name());
  rerank.mutable_course_request()->set_alternate_rank(1);
  rerank.mutable_update_mask()->add_paths("alternate_rank");
  v1::CourseRequest moved;
  ASSERT_TRUE(
      env_->stub().UpdateCourseRequest(RequestsEnv::Scheduler().get(), rerank, &moved).ok());
  EXPECT_EQ(moved.alternate_rank(), 1);
  EXPECT_EQ(Group("5004", ""), (std::vector<std::string>{"band:1", "alg-1:2", "art:3"}));

  rerank.mutable_course_request()->set_alternate_rank(4);
  EXPECT_EQ(
      env_->stub().UpdateCourseRequest(RequestsEnv::Scheduler().get(), rerank, &moved).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  rerank.mutable_update_mask()->set_paths(0, "course");
  EXPECT_EQ(
      env_->stub().UpdateCourseRequest(RequestsEnv::Scheduler().get(), rerank, &moved).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);

  v1::UpdateCourseRequestRequest flags;
  flags.mutable_course_request()->set_name(bio.name());
  flags.mutable_course_request()->set_required(true);
  flags.mutable_course_request()->set_priority(7);
  flags.mutable_update_mask()->add_paths("required");
  flags.mutable_update_mask()->add_paths("priority");
  ASSERT_TRUE(env_->stub().UpdateCourseRequest(RequestsEnv::Scheduler().get(), flags, &moved).ok());
  EXPECT_TRUE(moved.required());
  EXPECT_EQ(moved.priority(), 7);

  // Deleting an alternate closes the gap; deleting the primary takes its tied alternate.
  v1::DeleteCourseRequestRequest del;
  del.set_name(alg.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env_->stub().DeleteCourseRequest(RequestsEnv::Scheduler().get(), del, &empty).ok());
  EXPECT_EQ(Group("5004", ""), (std::vector<std::string>{"band:1", "art:2"}));
  del.set_name(bio.name());
  ASSERT_TRUE(env_->stub().DeleteCourseRequest(RequestsEnv::Scheduler().get(), del, &empty).ok());
  EXPECT_EQ(RequestsOf(*env_, "5004").size(), 2u);
  EXPECT_EQ(
      env_->stub().DeleteCourseRequest(RequestsEnv::Scheduler().get(), del, &empty).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(CourseRequests, ARetryWithTheSameRequestIdReturnsTheFirstResult) {
  ASSERT_TRUE(AddStudent(*env_, "5005", 9).ok());
  v1::CreateCourseRequestRequest create;
  create.set_parent(StudentName("5005"));
  create.set_request_id("retry-5005-art");
  create.mutable_course_request()->set_course(CourseName("art"));
  create.mutable_course_request()->set_kind(v1::PRIMARY);
  v1::CourseRequest first, second;
  ASSERT_TRUE(
      env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), create, &first).ok());
  ASSERT_TRUE(
      env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), create, &second).ok());
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(RequestsOf(*env_, "5005").size(), 1u);
}

// AIP-155, as for the other creates (services/catalog/tests/request_id_test.cc): ten clients
// sending the same request_id at once all get the first request, and the same request_id with
// another body is INVALID_ARGUMENT on request_id, changing nothing.
TEST_F(CourseRequests, OneRequestIdFromTenClientsAtOnceCreatesOneRequest) {
  ASSERT_TRUE(AddStudent(*env_, "5015", 9).ok());
  v1::CreateCourseRequestRequest create;
  create.set_parent(StudentName("5015"));
  create.set_request_id("rid-5015-bio");
  create.mutable_course_request()->set_course(CourseName("bio"));
  create.mutable_course_request()->set_kind(v1::PRIMARY);
  constexpr int kClients = 10;
  std::vector<grpc::Status> statuses(kClients);
  std::vector<std::string> names(kClients);
  secsched::testing::RunTogether(kClients, [&](int i) {
    v1::CourseRequest created;
    statuses[i] =
        env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), create, &created);
    names[i] = created.name();
  });
  for (int i = 0; i < kClients; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << "client " << i << ": " << statuses[i].error_code() << " "
                                  << statuses[i].error_message();
  }
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 1u);
  EXPECT_FALSE(names[0].empty());
  EXPECT_EQ(RequestsOf(*env_, "5015").size(), 1u);

  create.mutable_course_request()->set_course(CourseName("art"));
  v1::CourseRequest out;
  grpc::Status changed =
      env_->stub().CreateCourseRequest(RequestsEnv::Scheduler().get(), create, &out);
  EXPECT_EQ(changed.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << changed.error_message();
  std::vector<FieldViolation> violations = FieldViolationsOf(FromGrpcStatus(changed));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "request_id");
  EXPECT_EQ(RequestsOf(*env_, "5015").size(), 1u);
}

TEST_F(CourseRequests, ListPagesInListingOrder) {
  ASSERT_TRUE(AddStudent(*env_, "5006", 9).ok());
  v1::CourseRequest out;
  ASSERT_TRUE(AddRequest(*env_, "5006", "band", &out, v1::ALTERNATE).ok());
  ASSERT_TRUE(AddRequest(*env_, "5006", "bio", &out).ok());
  ASSERT_TRUE(AddRequest(*env_, "5006", "art", &out).ok());
  v1::ListCourseRequestsRequest list;
  list.set_parent(StudentName("5006"));
  list.set_page_size(2);
  std::vector<std::string> courses;
  for (int page = 0; page < 5; ++page) {
    v1::ListCourseRequestsResponse response;
    ASSERT_TRUE(
        env_->stub().ListCourseRequests(RequestsEnv::Scheduler().get(), list, &response).ok());
    for (const v1::CourseRequest& r : response.course_requests()) courses.push_back(r.course());
    if (response.next_page_token().empty()) break;
    list.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(courses,
            (std::vector<std::string>{CourseName("art"), CourseName("bio"), CourseName("band")}));
}

}  // namespace
}  // namespace secsched::requests::testing
