// Rosters and walk-ins through the gRPC API on real PostgreSQL, Redis and the access service:
// every RPC's success, each walk-in refusal, the overload right, the audit, moves, idempotent
// retries, locked trials, unapproved calendars, other schools and bad input.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "services/sectioning/tests/roster_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

class RostersTest : public ::testing::Test {
 protected:
  RostersTest() : seed_(env_.pool(), SectioningEnv::kCalendar, "t1") {
    seed_.Trial();
    // Period 1 in S1 and period 2 all year for algebra, English in S1 period 1 (clashes with
    // alg1-1), a team section, and a second course for rules.
    seed_.Section({.id = "alg1-1",
                   .course = "alg1",
                   .number = 1,
                   .capacity = 2,
                   .meetings = {{"s1", 1, ""}},
                   .teacher = "t-ada",
                   .co_teachers = {"t-bo"},
                   .room = "r101"});
    seed_.Section({.id = "alg1-2",
                   .course = "alg1",
                   .number = 2,
                   .capacity = 1,
                   .meetings = {{"s1", 2, ""}, {"s2", 2, ""}},
                   .teacher = "t-ada"});
    seed_.Section({.id = "alg1-3",
                   .course = "alg1",
                   .number = 3,
                   .capacity = 30,
                   .meetings = {{"s2", 5, ""}}});
    seed_.Section({.id = "eng9-1",
                   .course = "eng9",
                   .number = 1,
                   .capacity = 30,
                   .meetings = {{"s1", 1, ""}},
                   .teacher = "t-cy"});
    seed_.Section({.id = "eng9-2",
                   .course = "eng9",
                   .number = 2,
                   .capacity = 30,
                   .meetings = {{"s2", 3, ""}},
                   .teacher = "t-cy"});
    seed_.Section({.id = "bio-blue",
                   .course = "bio",
                   .number = 1,
                   .capacity = 30,
                   .meetings = {{"s1", 4, ""}},
                   .team = "blue"});
    seed_.Section(
        {.id = "gov-1", .course = "gov", .number = 1, .capacity = 30, .meetings = {{"s1", 6, ""}}});
    seed_.Section({.id = "econ-1",
                   .course = "econ",
                   .number = 1,
                   .capacity = 30,
                   .meetings = {{"s1", 7, ""}}});
    seed_.Section({.id = "econ-2",
                   .course = "econ",
                   .number = 2,
                   .capacity = 30,
                   .meetings = {{"s2", 7, ""}}});
    for (const char* id : {"s1", "s2", "s3", "s4"}) {
      env_.students().Set(SectioningEnv::kCalendar, {.student_id = id, .grade = 9});
    }
    env_.students().Set(SectioningEnv::kCalendar,
                        {.student_id = "s-blue", .grade = 9, .team_id = "blue"});
    env_.course_rules().Add(SectioningEnv::kCalendar,
                            {CourseRuleKind::kDifferentTerm, "gov", "econ"});
  }

  grpc::Status Add(const std::string& section, const std::string& student,
                   v1::Enrollment* out = nullptr, std::unique_ptr<grpc::ClientContext> as = nullptr,
                   const std::string& request_id = "", const std::string& reason = "walk-in") {
    v1::AddStudentToSectionRequest request;
    request.set_parent(seed_.SectionName(section));
    request.set_student(student);
    request.set_reason(reason);
    request.set_request_id(request_id);
    v1::Enrollment ignored;
    if (!as) as = SectioningEnv::Scheduler();
    return env_.rosters().AddStudentToSection(as.get(), request, out ? out : &ignored);
  }

  grpc::Status Drop(const std::string& section, const std::string& student,
                    std::unique_ptr<grpc::ClientContext> as = nullptr) {
    v1::DropStudentFromSectionRequest request;
    request.set_name(seed_.EnrollmentName(section, student));
    request.set_reason("left the school");
    google::protobuf::Empty empty;
    if (!as) as = SectioningEnv::Scheduler();
    return env_.rosters().DropStudentFromSection(as.get(), request, &empty);
  }

  grpc::Status Move(const std::string& from, const std::string& to, const std::string& student,
                    v1::Enrollment* out = nullptr, const std::string& request_id = "") {
    v1::MoveStudentRequest request;
    request.set_name(seed_.EnrollmentName(from, student));
    request.set_to_section(seed_.SectionName(to));
    request.set_reason("schedule change");
    request.set_request_id(request_id);
    v1::Enrollment ignored;
    return env_.rosters().MoveStudent(SectioningEnv::Scheduler().get(), request,
                                      out ? out : &ignored);
  }

  std::vector<v1::ScheduleChange> Changes(const std::string& student, const std::string& section) {
    v1::ListScheduleChangesRequest request;
    request.set_parent(seed_.TrialName());
    request.set_student(student);
    request.set_section(section);
    v1::ListScheduleChangesResponse response;
    grpc::Status status =
        env_.rosters().ListScheduleChanges(SectioningEnv::Scheduler().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.changes().begin(), response.changes().end()};
  }

  void SetCalendarState(catalog::CatalogCalendarState state) {
    absl::StatusOr<catalog::CatalogCalendar> calendar =
        env_.catalog().Calendar(SectioningEnv::kCalendar);
    ASSERT_TRUE(calendar.ok());
    calendar->state = state;
    env_.catalog().SetCalendar(*calendar);
  }

  SectioningEnv env_;
  RosterSeed seed_;
};

TEST_F(RostersTest, AddedStudentIsOnTheRosterInTheSchedulesAndDropped) {
  v1::AddStudentToSectionRequest request;
  request.set_parent(seed_.SectionName("alg1-1"));
  request.set_student("s1");
  request.mutable_enrollment()->set_start_date("2026-09-01");
  request.mutable_enrollment()->set_end_date("2027-01-15");
  request.mutable_enrollment()->set_credit_override(0.5);
  request.mutable_enrollment()->set_request_rank(0);
  request.mutable_enrollment()->set_repeat(true);
  request.set_reason("new student");
  v1::Enrollment added;
  grpc::Status status =
      env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &added);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(added.name(), "calendars/east-2026/trials/t1/sections/alg1-1/enrollments/s1");
  EXPECT_EQ(added.course(), "alg1");
  EXPECT_EQ(added.start_date(), "2026-09-01");
  EXPECT_EQ(added.end_date(), "2027-01-15");
  EXPECT_DOUBLE_EQ(added.credit_override(), 0.5);
  EXPECT_EQ(added.request_rank(), 0);
  EXPECT_TRUE(added.has_request_rank());
  EXPECT_TRUE(added.repeat());
  EXPECT_EQ(added.source(), v1::Enrollment::WALK_IN);
  EXPECT_FALSE(added.overload());
  ASSERT_TRUE(Add("eng9-2", "s1").ok());

  v1::ListRosterRequest list;
  list.set_parent(seed_.SectionName("alg1-1"));
  v1::ListRosterResponse roster;
  ASSERT_TRUE(env_.rosters().ListRoster(SectioningEnv::Scheduler().get(), list, &roster).ok());
  ASSERT_EQ(roster.enrollments_size(), 1);
  EXPECT_EQ(roster.enrollments(0).name(), added.name());

  seed_.Unmet("s1", "art", "no seat left in any section", true);
  v1::GetStudentScheduleRequest get;
  get.set_trial(seed_.TrialName());
  get.set_student("s1");
  v1::StudentSchedule schedule;
  ASSERT_TRUE(
      env_.rosters().GetStudentSchedule(SectioningEnv::Scheduler().get(), get, &schedule).ok());
  ASSERT_EQ(schedule.sections_size(), 2);
  const v1::ScheduledSection& alg = schedule.sections(0);
  EXPECT_EQ(alg.section(), seed_.SectionName("alg1-1"));
  EXPECT_EQ(alg.course(), "alg1");
  EXPECT_EQ(alg.primary_teacher(), "t-ada");
  EXPECT_THAT(alg.co_teachers(), ElementsAre("t-bo"));
  EXPECT_EQ(alg.room(), "r101");
  ASSERT_EQ(alg.meetings_size(), 1);
  EXPECT_EQ(alg.meetings(0).term(), "s1");
  EXPECT_EQ(alg.meetings(0).period(), 1);
  EXPECT_EQ(alg.enrolled(), 1);
  EXPECT_EQ(alg.enrollment().name(), added.name());
  EXPECT_EQ(schedule.sections(1).course(), "eng9");
  ASSERT_EQ(schedule.unmet_requests_size(), 1);
  EXPECT_EQ(schedule.unmet_requests(0).course(), "art");
  EXPECT_TRUE(schedule.unmet_requests(0).required());
  EXPECT_EQ(schedule.unmet_requests(0).reason(), "no seat left in any section");

  v1::GetTeacherScheduleRequest teacher;
  teacher.set_trial(seed_.TrialName());
  teacher.set_teacher("t-bo");
  v1::TeacherSchedule taught;
  ASSERT_TRUE(
      env_.rosters().GetTeacherSchedule(SectioningEnv::Scheduler().get(), teacher, &taught).ok());
  ASSERT_EQ(taught.sections_size(), 1);
  EXPECT_EQ(taught.sections(0).section(), seed_.SectionName("alg1-1"));
  EXPECT_EQ(taught.sections(0).enrolled(), 1);
  teacher.set_teacher("t-ada");
  v1::TeacherSchedule ada;
  ASSERT_TRUE(
      env_.rosters().GetTeacherSchedule(SectioningEnv::Scheduler().get(), teacher, &ada).ok());
  EXPECT_EQ(ada.sections_size(), 2);

  ASSERT_TRUE(Drop("alg1-1", "s1").ok());
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
  EXPECT_EQ(Drop("alg1-1", "s1").error_code(), grpc::StatusCode::NOT_FOUND);

  std::vector<v1::ScheduleChange> changes = Changes("s1", "");
  ASSERT_EQ(changes.size(), 3u);  // newest first
  EXPECT_EQ(changes[0].action(), v1::ScheduleChange::DROP);
  EXPECT_EQ(changes[0].reason(), "left the school");
  EXPECT_EQ(changes[0].actor(), "service:sis");
  EXPECT_EQ(changes[1].action(), v1::ScheduleChange::ADD);
  EXPECT_EQ(changes[1].section(), "eng9-2");
  EXPECT_EQ(changes[2].action(), v1::ScheduleChange::ADD);
  EXPECT_EQ(changes[2].reason(), "new student");
  EXPECT_THAT(changes[2].detail(), HasSubstr("\"credit_override\":0.5"));
  EXPECT_TRUE(changes[2].has_change_time());
}

TEST_F(RostersTest, RosterAndAuditArePaged) {
  for (const char* s : {"s1", "s2", "s3"}) ASSERT_TRUE(Add("alg1-3", s).ok());
  v1::ListRosterRequest list;
  list.set_parent(seed_.SectionName("alg1-3"));
  list.set_page_size(2);
  v1::ListRosterResponse first;
  ASSERT_TRUE(env_.rosters().ListRoster(SectioningEnv::Scheduler().get(), list, &first).ok());
  ASSERT_EQ(first.enrollments_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  list.set_page_token(first.next_page_token());
  v1::ListRosterResponse second;
  ASSERT_TRUE(env_.rosters().ListRoster(SectioningEnv::Scheduler().get(), list, &second).ok());
  ASSERT_EQ(second.enrollments_size(), 1);
  EXPECT_THAT(second.enrollments(0).name(), HasSubstr("enrollments/s3"));
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ListScheduleChangesRequest audit;
  audit.set_parent(seed_.TrialName());
  audit.set_section("alg1-3");
  audit.set_page_size(2);
  v1::ListScheduleChangesResponse page1;
  ASSERT_TRUE(
      env_.rosters().ListScheduleChanges(SectioningEnv::Scheduler().get(), audit, &page1).ok());
  ASSERT_EQ(page1.changes_size(), 2);
  EXPECT_EQ(page1.changes(0).student(), "s3");
  audit.set_page_token(page1.next_page_token());
  v1::ListScheduleChangesResponse page2;
  ASSERT_TRUE(
      env_.rosters().ListScheduleChanges(SectioningEnv::Scheduler().get(), audit, &page2).ok());
  ASSERT_EQ(page2.changes_size(), 1);
  EXPECT_EQ(page2.changes(0).student(), "s1");
}

TEST_F(RostersTest, AFullSectionNeedsTheOverloadRightAndTheOverloadIsAudited) {
  ASSERT_TRUE(Add("alg1-2", "s1").ok());
  grpc::Status full = Add("alg1-2", "s2");
  EXPECT_EQ(full.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(full.error_message(), HasSubstr("Section alg1-2 is full (1 of 1 seats)"));

  v1::Enrollment overloaded;
  grpc::Status with_right =
      Add("alg1-2", "s2", &overloaded, SectioningEnv::As("service:sis", {"scheduler", "overload"}),
          "", "principal approved");
  ASSERT_TRUE(with_right.ok()) << with_right.error_message();
  EXPECT_TRUE(overloaded.overload());
  EXPECT_EQ(seed_.Enrolled("alg1-2"), 2);
  // admin holds the right too.
  ASSERT_TRUE(Add("alg1-2", "s3", nullptr, SectioningEnv::As("root", {"admin"})).ok());

  std::vector<v1::ScheduleChange> changes = Changes("", "alg1-2");
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_TRUE(changes[0].overload());
  EXPECT_EQ(changes[0].actor(), "root");
  EXPECT_TRUE(changes[1].overload());
  EXPECT_EQ(changes[1].reason(), "principal approved");
  EXPECT_FALSE(changes[2].overload());
}

TEST_F(RostersTest, ATimeClashIsRefused) {
  ASSERT_TRUE(Add("eng9-1", "s1").ok());
  grpc::Status clash = Add("alg1-1", "s1");
  EXPECT_EQ(clash.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(clash.error_message(), HasSubstr("eng9-1"));
  EXPECT_THAT(seed_.SectionsOf("s1"), ElementsAre("eng9-1"));
}

TEST_F(RostersTest, ATeamSectionRefusesOtherStudents) {
  grpc::Status team = Add("bio-blue", "s1");
  EXPECT_EQ(team.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(team.error_message(), HasSubstr("team blue"));
  EXPECT_TRUE(Add("bio-blue", "s-blue").ok());
}

TEST_F(RostersTest, ACourseRuleIsKept) {
  ASSERT_TRUE(Add("gov-1", "s1").ok());
  grpc::Status rule = Add("econ-1", "s1");  // both S1: DIFFERENT_TERM broken
  EXPECT_EQ(rule.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(rule.error_message(), HasSubstr("DIFFERENT_TERM"));
  EXPECT_TRUE(Add("econ-2", "s1").ok());
}

TEST_F(RostersTest, TheSameCourseTwiceIsRefused) {
  ASSERT_TRUE(Add("alg1-1", "s1").ok());
  grpc::Status twice = Add("alg1-3", "s1");
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(twice.error_message(), HasSubstr("already takes course alg1"));
  EXPECT_EQ(Add("alg1-1", "s1").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(RostersTest, AnUnknownStudentSectionOrTrialIsNotFound) {
  EXPECT_EQ(Add("alg1-1", "nobody").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Add("nope-1", "s1").error_code(), grpc::StatusCode::NOT_FOUND);
  v1::GetStudentScheduleRequest get;
  get.set_trial("calendars/east-2026/trials/nope");
  get.set_student("s1");
  v1::StudentSchedule schedule;
  EXPECT_EQ(env_.rosters()
                .GetStudentSchedule(SectioningEnv::Scheduler().get(), get, &schedule)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
}

TEST_F(RostersTest, ALockedTrialRefusesWritesButNotReads) {
  ASSERT_TRUE(Add("alg1-3", "s1").ok());
  seed_.Lock();
  grpc::Status add = Add("alg1-1", "s2");
  EXPECT_EQ(add.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(add.error_message(), HasSubstr("locked"));
  EXPECT_EQ(Drop("alg1-3", "s1").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Move("alg1-3", "alg1-1", "s1").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(seed_.SectionsOf("s1"), ElementsAre("alg1-3"));
  v1::ListRosterRequest list;
  list.set_parent(seed_.SectionName("alg1-3"));
  v1::ListRosterResponse roster;
  EXPECT_TRUE(env_.rosters().ListRoster(SectioningEnv::Scheduler().get(), list, &roster).ok());
  EXPECT_EQ(roster.enrollments_size(), 1);
}

TEST_F(RostersTest, ACalendarThatIsNotApprovedRefusesWritesButNotReads) {
  ASSERT_TRUE(Add("alg1-3", "s1").ok());
  SetCalendarState(catalog::CatalogCalendarState::kSubmitted);
  grpc::Status add = Add("alg1-1", "s2");
  EXPECT_EQ(add.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(add.error_message(), HasSubstr("SUBMITTED"));
  EXPECT_EQ(Drop("alg1-3", "s1").error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
  EXPECT_EQ(Changes("s1", "").size(), 1u);
}

TEST_F(RostersTest, AnotherSchoolsCounselorIsRefusedAndAReaderOnlyReads) {
  env_.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  EXPECT_EQ(Add("alg1-1", "s1", nullptr, SectioningEnv::As("wes")).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::GetStudentScheduleRequest get;
  get.set_trial(seed_.TrialName());
  get.set_student("s1");
  v1::StudentSchedule schedule;
  EXPECT_EQ(env_.rosters()
                .GetStudentSchedule(SectioningEnv::As("wes").get(), get, &schedule)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  env_.access().GrantSchedulingAccess("dana", SectioningEnv::kSchool);
  EXPECT_TRUE(Add("alg1-1", "s1", nullptr, SectioningEnv::As("dana")).ok());

  EXPECT_EQ(
      Add("alg1-3", "s2", nullptr, SectioningEnv::As("service:viewer", {"reader"})).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      env_.rosters()
          .GetStudentSchedule(SectioningEnv::As("service:viewer", {"reader"}).get(), get, &schedule)
          .ok());
  EXPECT_EQ(schedule.sections_size(), 1);
}

TEST_F(RostersTest, BadInputIsInvalidArgumentWithFieldsAndWritesNothing) {
  v1::AddStudentToSectionRequest request;
  request.set_parent(seed_.SectionName("alg1-1"));
  request.set_student("S 1!");
  request.mutable_enrollment()->set_start_date("2026-02-30");
  request.mutable_enrollment()->set_end_date("yesterday");
  request.mutable_enrollment()->set_credit_override(-1);
  request.set_reason(std::string(501, 'x'));
  v1::Enrollment out;
  grpc::Status bad =
      env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad),
              ::testing::UnorderedElementsAre("student", "reason", "enrollment.start_date",
                                              "enrollment.end_date", "enrollment.credit_override"));

  request.set_student("s1");
  request.clear_enrollment();
  request.set_reason("");
  request.mutable_enrollment()->set_source(static_cast<v1::Enrollment::Source>(99));
  bad = env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("enrollment.source"));

  request.clear_enrollment();
  request.mutable_enrollment()->set_start_date("2027-01-10");
  request.mutable_enrollment()->set_end_date("2026-09-01");
  bad = env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("enrollment.end_date"));

  request.set_parent("calendars/east-2026/sections/alg1-1");
  bad = env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_THAT(ViolatedFields(bad), ElementsAre("parent"));

  v1::ListScheduleChangesRequest both;
  both.set_parent(seed_.TrialName());
  both.set_student("s1");
  both.set_section("alg1-1");
  v1::ListScheduleChangesResponse changes;
  EXPECT_EQ(env_.rosters()
                .ListScheduleChanges(SectioningEnv::Scheduler().get(), both, &changes)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  EXPECT_EQ(seed_.Enrolled("alg1-1"), 0);
  EXPECT_THAT(Changes("s1", ""), IsEmpty());
}

TEST_F(RostersTest, AMoveIsAtomicAndKeepsTheEnrollment) {
  v1::AddStudentToSectionRequest request;
  request.set_parent(seed_.SectionName("alg1-1"));
  request.set_student("s1");
  request.mutable_enrollment()->set_request_rank(2);
  v1::Enrollment added;
  ASSERT_TRUE(
      env_.rosters().AddStudentToSection(SectioningEnv::Scheduler().get(), request, &added).ok());

  // Refused moves leave the student where they were.
  ASSERT_TRUE(Add("alg1-2", "s2").ok());  // alg1-2 is now full
  grpc::Status full = Move("alg1-1", "alg1-2", "s1");
  EXPECT_EQ(full.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(full.error_message(), HasSubstr("full"));
  grpc::Status other_course = Move("alg1-1", "eng9-2", "s1");
  EXPECT_EQ(other_course.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(other_course.error_message(), HasSubstr("one course"));
  ASSERT_TRUE(Add("eng9-2", "s1").ok());  // S2 period 3
  EXPECT_EQ(Move("alg1-1", "alg1-9", "s1").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Move("alg1-2", "alg1-3", "s1").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(seed_.SectionsOf("s1"), ElementsAre("alg1-1", "eng9-2"));

  v1::Enrollment moved;
  grpc::Status ok = Move("alg1-1", "alg1-3", "s1", &moved, "move-1");
  ASSERT_TRUE(ok.ok()) << ok.error_message();
  EXPECT_EQ(moved.name(), seed_.EnrollmentName("alg1-3", "s1"));
  EXPECT_EQ(moved.request_rank(), 2);
  EXPECT_THAT(seed_.SectionsOf("s1"), ElementsAre("alg1-3", "eng9-2"));
  // A retry returns the first result and moves nothing.
  v1::Enrollment again;
  ASSERT_TRUE(Move("alg1-1", "alg1-3", "s1", &again, "move-1").ok());
  EXPECT_EQ(again.name(), moved.name());

  std::vector<v1::ScheduleChange> from = Changes("", "alg1-1");
  ASSERT_EQ(from.size(), 2u);
  EXPECT_EQ(from[0].action(), v1::ScheduleChange::MOVE);
  EXPECT_EQ(from[0].section(), "alg1-3");
  EXPECT_THAT(from[0].detail(), HasSubstr("\"from_section\":\"alg1-1\""));
  EXPECT_EQ(Changes("", "alg1-3").size(), 1u);
}

TEST_F(RostersTest, ARetryWithTheSameRequestIdReturnsTheFirstResult) {
  v1::Enrollment first;
  ASSERT_TRUE(Add("alg1-3", "s1", &first, nullptr, "req-7").ok());
  v1::Enrollment again;
  ASSERT_TRUE(Add("alg1-3", "s1", &again, nullptr, "req-7").ok());
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.create_time().seconds(), first.create_time().seconds());
  EXPECT_EQ(Changes("s1", "").size(), 1u);
  EXPECT_EQ(Add("alg1-3", "s2", nullptr, nullptr, "req-7").error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(seed_.Enrolled("alg1-3"), 1);
}

}  // namespace
}  // namespace secsched::sectioning::testing

namespace secsched::sectioning::testing {
namespace {

// The counselor's day at the counter, as one story: a walk-in to a full section is refused,
// allowed with the overload right (and audited as such, with her name), then a drop and a move.
TEST_F(RostersTest, CounselorStoryFullSectionOverloadDropAndMove) {
  env_.access().GrantSchedulingAccess("dana", SectioningEnv::kSchool);
  ASSERT_TRUE(Add("alg1-2", "s1", nullptr, SectioningEnv::As("dana")).ok());  // its only seat

  grpc::Status refused = Add("alg1-2", "s2", nullptr, SectioningEnv::As("dana"));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("full"));
  EXPECT_EQ(seed_.Enrolled("alg1-2"), 1);

  v1::Enrollment overloaded;
  grpc::Status allowed = Add("alg1-2", "s2", &overloaded, SectioningEnv::As("dana", {"overload"}),
                             "", "principal approved a 2nd seat");
  ASSERT_TRUE(allowed.ok()) << allowed.error_message();
  EXPECT_TRUE(overloaded.overload());
  EXPECT_EQ(seed_.Enrolled("alg1-2"), 2);

  ASSERT_TRUE(Drop("alg1-2", "s1", SectioningEnv::As("dana")).ok());
  v1::MoveStudentRequest move;
  move.set_name(seed_.EnrollmentName("alg1-2", "s2"));
  move.set_to_section(seed_.SectionName("alg1-3"));
  move.set_reason("lunch clash");
  v1::Enrollment moved;
  grpc::Status moved_status =
      env_.rosters().MoveStudent(SectioningEnv::As("dana").get(), move, &moved);
  ASSERT_TRUE(moved_status.ok()) << moved_status.error_message();
  EXPECT_THAT(seed_.SectionsOf("s2"), ElementsAre("alg1-3"));
  EXPECT_EQ(seed_.Enrolled("alg1-2"), 0);

  std::vector<v1::ScheduleChange> s2 = Changes("s2", "");  // newest first
  ASSERT_EQ(s2.size(), 2u);
  EXPECT_EQ(s2[0].action(), v1::ScheduleChange::MOVE);
  EXPECT_EQ(s2[1].action(), v1::ScheduleChange::ADD);
  EXPECT_TRUE(s2[1].overload());
  EXPECT_EQ(s2[1].actor(), "dana");
  EXPECT_EQ(s2[1].reason(), "principal approved a 2nd seat");
  std::vector<v1::ScheduleChange> s1 = Changes("s1", "");
  ASSERT_EQ(s1.size(), 2u);
  EXPECT_EQ(s1[0].action(), v1::ScheduleChange::DROP);
  EXPECT_FALSE(s1[1].overload());
}

}  // namespace
}  // namespace secsched::sectioning::testing
