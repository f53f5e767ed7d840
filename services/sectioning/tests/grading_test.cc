// Grading windows through the gRPC API on real PostgreSQL and the access service: every RPC, its
// refusals (field names, another school, an unapproved calendar, an unknown term) and the
// open/closed answer on seeded sections.
#include <gtest/gtest.h>

#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "services/sectioning/tests/schedule_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

constexpr int64_t kDay = 24 * 3600;
constexpr int64_t kOpen = 1792454400;  // 2026-10-20T00:00:00Z
constexpr int64_t kClose = kOpen + 7 * kDay;
const std::string kParent = std::string("calendars/") + SectioningEnv::kCalendar;

google::protobuf::Timestamp Ts(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

std::vector<std::string> BadFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

std::string SectionName(const std::string& section, const std::string& trial = "t1") {
  return kParent + "/trials/" + trial + "/sections/" + section;
}

class GradingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.catalog().SetTeachers(SectioningEnv::kCalendar,
                               {{.id = "t-ada"}, {.id = "t-bob"}, {.id = "t-cy"}});
    SeedTrial(env_.pool(), {SectioningEnv::kCalendar, "t1"});
    // A year course taught by Ada (Bob co-teaches), a semester-1 course by Cy, a semester-2
    // course by Ada, and a semester-1 course nobody teaches yet.
    SeedSection(env_.pool(), {.calendar_id = SectioningEnv::kCalendar,
                              .trial_id = "t1",
                              .section_id = "eng9-1",
                              .course_id = "eng9",
                              .primary_teacher_id = "t-ada",
                              .co_teacher_ids = {"t-bob"},
                              .room_id = "r101",
                              .capacity = 25,
                              .meetings = {{"s1", 1, ""}, {"s2", 1, ""}}});
    SeedSection(env_.pool(), {.calendar_id = SectioningEnv::kCalendar,
                              .trial_id = "t1",
                              .section_id = "art-1",
                              .course_id = "art",
                              .primary_teacher_id = "t-cy",
                              .room_id = "r202",
                              .capacity = 20,
                              .meetings = {{"s1", 2, ""}}});
    SeedSection(env_.pool(), {.calendar_id = SectioningEnv::kCalendar,
                              .trial_id = "t1",
                              .section_id = "bio-1",
                              .course_id = "bio",
                              .primary_teacher_id = "t-ada",
                              .capacity = 24,
                              .meetings = {{"s2", 3, ""}}});
    SeedSection(env_.pool(), {.calendar_id = SectioningEnv::kCalendar,
                              .trial_id = "t1",
                              .section_id = "chem-1",
                              .course_id = "chem",
                              .capacity = 24,
                              .meetings = {{"s1", 4, ""}}});
  }

  grpc::Status Create(const std::string& id, const std::string& task, const std::string& term,
                      int64_t open, int64_t close, v1::GradingWindow* out,
                      const std::string& request_id = "") {
    v1::CreateGradingWindowRequest request;
    request.set_parent(kParent);
    request.set_grading_window_id(id);
    request.set_request_id(request_id);
    request.mutable_grading_window()->set_task(task);
    request.mutable_grading_window()->set_term(term);
    *request.mutable_grading_window()->mutable_open_time() = Ts(open);
    *request.mutable_grading_window()->mutable_close_time() = Ts(close);
    return env_.grading().CreateGradingWindow(SectioningEnv::Scheduler().get(), request, out);
  }

  v1::GradingWindow MustCreate(const std::string& id, const std::string& task,
                               const std::string& term, int64_t open = kOpen,
                               int64_t close = kClose) {
    v1::GradingWindow out;
    grpc::Status s = Create(id, task, term, open, close, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status AddException(const std::string& window, const std::string& section,
                            const std::string& teacher, int64_t close, v1::GradingWindow* out) {
    v1::AddGradingExceptionRequest request;
    request.set_name(window);
    request.mutable_exception()->set_section(section);
    request.mutable_exception()->set_teacher(teacher);
    *request.mutable_exception()->mutable_close_time() = Ts(close);
    return env_.grading().AddGradingException(SectioningEnv::Scheduler().get(), request, out);
  }

  v1::IsGradingOpenResponse IsOpen(const std::string& section, const std::string& task,
                                   int64_t at) {
    v1::IsGradingOpenRequest request;
    request.set_section(SectionName(section));
    request.set_task(task);
    *request.mutable_at() = Ts(at);
    v1::IsGradingOpenResponse response;
    grpc::Status s =
        env_.grading().IsGradingOpen(SectioningEnv::Scheduler().get(), request, &response);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return response;
  }

  void MakeCalendarDraft() {
    absl::StatusOr<catalog::CatalogCalendar> calendar =
        env_.catalog().Calendar(SectioningEnv::kCalendar);
    ASSERT_TRUE(calendar.ok());
    calendar->state = catalog::CatalogCalendarState::kDraft;
    env_.catalog().SetCalendar(*calendar);
  }

  SectioningEnv env_;
};

TEST_F(GradingTest, CreateGetListUpdateDelete) {
  v1::GradingWindow created;
  ASSERT_TRUE(Create("q1", "q1-progress", "s1", kOpen, kClose, &created, "req-q1").ok());
  EXPECT_EQ(created.name(), kParent + "/gradingWindows/q1");
  EXPECT_EQ(created.task(), "q1-progress");
  EXPECT_EQ(created.term(), "s1");
  EXPECT_EQ(created.open_time().seconds(), kOpen);
  EXPECT_EQ(created.close_time().seconds(), kClose);
  EXPECT_EQ(created.exceptions_size(), 0);

  // A retry with the same request_id returns the first window; with other values it is refused
  // (AIP-155).
  v1::GradingWindow again;
  ASSERT_TRUE(Create("q1", "q1-progress", "s1", kOpen, kClose, &again, "req-q1").ok());
  EXPECT_EQ(again.name(), created.name());
  EXPECT_EQ(Create("", "q1-progress", "s1", kOpen, kClose + kDay, &again, "req-q1").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // The same request_id for another calendar does not hand out this calendar's window.
  v1::CreateGradingWindowRequest elsewhere;
  elsewhere.set_parent(std::string("calendars/") + SectioningEnv::kOtherCalendar);
  elsewhere.set_request_id("req-q1");
  elsewhere.mutable_grading_window()->set_task("q1-progress");
  elsewhere.mutable_grading_window()->set_term("s1");
  *elsewhere.mutable_grading_window()->mutable_open_time() = Ts(kOpen);
  *elsewhere.mutable_grading_window()->mutable_close_time() = Ts(kClose);
  v1::GradingWindow other;
  grpc::Status reused =
      env_.grading().CreateGradingWindow(SectioningEnv::Scheduler().get(), elsewhere, &other);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << reused.error_message();
  EXPECT_EQ(other.name(), "");

  // A generated id.
  v1::GradingWindow generated = MustCreate("", "s1-final", "s1");
  EXPECT_EQ(generated.name().rfind(kParent + "/gradingWindows/gw-", 0), 0u) << generated.name();

  v1::GetGradingWindowRequest get;
  get.set_name(created.name());
  v1::GradingWindow read;
  ASSERT_TRUE(env_.grading().GetGradingWindow(SectioningEnv::Scheduler().get(), get, &read).ok());
  EXPECT_EQ(read.task(), "q1-progress");

  // Paged one at a time, ordered by id: gw-... before q1.
  v1::ListGradingWindowsRequest list;
  list.set_parent(kParent);
  list.set_page_size(1);
  v1::ListGradingWindowsResponse first, second;
  ASSERT_TRUE(
      env_.grading().ListGradingWindows(SectioningEnv::Scheduler().get(), list, &first).ok());
  ASSERT_EQ(first.grading_windows_size(), 1);
  EXPECT_EQ(first.grading_windows(0).name(), generated.name());
  ASSERT_FALSE(first.next_page_token().empty());
  list.set_page_token(first.next_page_token());
  ASSERT_TRUE(
      env_.grading().ListGradingWindows(SectioningEnv::Scheduler().get(), list, &second).ok());
  ASSERT_EQ(second.grading_windows_size(), 1);
  EXPECT_EQ(second.grading_windows(0).name(), created.name());
  EXPECT_TRUE(second.next_page_token().empty());

  // Update: only close_time, named in the mask; the task sent along is ignored.
  v1::UpdateGradingWindowRequest update;
  update.mutable_grading_window()->set_name(created.name());
  update.mutable_grading_window()->set_task("ignored");
  *update.mutable_grading_window()->mutable_close_time() = Ts(kClose + 2 * kDay);
  update.mutable_update_mask()->add_paths("close_time");
  v1::GradingWindow updated;
  ASSERT_TRUE(
      env_.grading().UpdateGradingWindow(SectioningEnv::Scheduler().get(), update, &updated).ok());
  EXPECT_EQ(updated.task(), "q1-progress");
  EXPECT_EQ(updated.close_time().seconds(), kClose + 2 * kDay);
  EXPECT_EQ(updated.open_time().seconds(), kOpen);

  // An empty mask: the populated fields (here the term).
  v1::UpdateGradingWindowRequest by_populated;
  by_populated.mutable_grading_window()->set_name(created.name());
  by_populated.mutable_grading_window()->set_term("s2");
  ASSERT_TRUE(env_.grading()
                  .UpdateGradingWindow(SectioningEnv::Scheduler().get(), by_populated, &updated)
                  .ok());
  EXPECT_EQ(updated.term(), "s2");
  EXPECT_EQ(updated.close_time().seconds(), kClose + 2 * kDay);

  v1::DeleteGradingWindowRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(
      env_.grading().DeleteGradingWindow(SectioningEnv::Scheduler().get(), del, &empty).ok());
  EXPECT_EQ(
      env_.grading().GetGradingWindow(SectioningEnv::Scheduler().get(), get, &read).error_code(),
      grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(env_.grading()
                .DeleteGradingWindow(SectioningEnv::Scheduler().get(), del, &empty)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GradingTest, CreateRefusesBadFieldsByName) {
  v1::GradingWindow out;
  grpc::Status bad = Create("Bad Id", "Q1 Progress", "", kClose, kOpen, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(bad),
            (std::vector<std::string>{"grading_window_id", "grading_window.task",
                                      "grading_window.term", "grading_window.close_time"}));

  grpc::Status no_open = Create("q1", "q1-progress", "s1", 0, kClose, &out);
  EXPECT_EQ(BadFields(no_open), std::vector<std::string>{"grading_window.open_time"});

  v1::CreateGradingWindowRequest no_parent;
  no_parent.set_parent("schools/east");
  grpc::Status parent =
      env_.grading().CreateGradingWindow(SectioningEnv::Scheduler().get(), no_parent, &out);
  EXPECT_EQ(parent.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(parent), std::vector<std::string>{"parent"});
}

TEST_F(GradingTest, CreateRefusesATermTheCalendarDoesNotHave) {
  v1::GradingWindow out;
  grpc::Status status = Create("q1", "q1-progress", "q9", kOpen, kClose, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_EQ(BadFields(status), std::vector<std::string>{"grading_window.term"});
}

TEST_F(GradingTest, ATaskHasOneWindowPerTerm) {
  MustCreate("q1", "q1-progress", "s1");
  v1::GradingWindow out;
  grpc::Status twice = Create("q1-again", "q1-progress", "s1", kOpen, kClose, &out);
  EXPECT_EQ(twice.error_code(), grpc::StatusCode::ALREADY_EXISTS) << twice.error_message();
  grpc::Status same_id = Create("q1", "q2-progress", "s1", kOpen, kClose, &out);
  EXPECT_EQ(same_id.error_code(), grpc::StatusCode::ALREADY_EXISTS) << same_id.error_message();
  // The same task in the other term is another window.
  MustCreate("q1-s2", "q1-progress", "s2");
}

TEST_F(GradingTest, WritesNeedAccessAtTheCalendarsSchoolAndReadsNeedReadAccess) {
  env_.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");

  v1::CreateGradingWindowRequest create;
  create.set_parent(kParent);
  create.mutable_grading_window()->set_task("q2-progress");
  create.mutable_grading_window()->set_term("s1");
  *create.mutable_grading_window()->mutable_open_time() = Ts(kOpen);
  *create.mutable_grading_window()->mutable_close_time() = Ts(kClose);
  v1::GradingWindow out;
  EXPECT_EQ(
      env_.grading().CreateGradingWindow(SectioningEnv::As("wes").get(), create, &out).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // A reader may read but not write.
  auto reader = [] { return SectioningEnv::As("service:report", {"reader"}); };
  EXPECT_EQ(env_.grading().CreateGradingWindow(reader().get(), create, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::GetGradingWindowRequest get;
  get.set_name(window.name());
  EXPECT_TRUE(env_.grading().GetGradingWindow(reader().get(), get, &out).ok());
  EXPECT_EQ(env_.grading().GetGradingWindow(SectioningEnv::As("wes").get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::IsGradingOpenRequest open;
  open.set_section(SectionName("art-1"));
  open.set_task("q1-progress");
  v1::IsGradingOpenResponse answer;
  EXPECT_TRUE(env_.grading().IsGradingOpen(reader().get(), open, &answer).ok());
  EXPECT_EQ(
      env_.grading().IsGradingOpen(SectioningEnv::As("wes").get(), open, &answer).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  // No token at all.
  EXPECT_EQ(env_.grading().GetGradingWindow(SectioningEnv::As("").get(), get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(GradingTest, WritesNeedAnApprovedCalendarButReadsDoNot) {
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");
  MakeCalendarDraft();
  v1::GradingWindow out;
  grpc::Status create = Create("q2", "q2-progress", "s1", kOpen, kClose, &out);
  EXPECT_EQ(create.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << create.error_message();
  EXPECT_NE(create.error_message().find("DRAFT"), std::string::npos) << create.error_message();

  v1::UpdateGradingWindowRequest update;
  update.mutable_grading_window()->set_name(window.name());
  *update.mutable_grading_window()->mutable_close_time() = Ts(kClose + kDay);
  EXPECT_EQ(env_.grading()
                .UpdateGradingWindow(SectioningEnv::Scheduler().get(), update, &out)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(AddException(window.name(), "", "t-ada", kClose + kDay, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteGradingWindowRequest del;
  del.set_name(window.name());
  google::protobuf::Empty empty;
  EXPECT_EQ(env_.grading()
                .DeleteGradingWindow(SectioningEnv::Scheduler().get(), del, &empty)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::GetGradingWindowRequest get;
  get.set_name(window.name());
  EXPECT_TRUE(env_.grading().GetGradingWindow(SectioningEnv::Scheduler().get(), get, &out).ok());
  EXPECT_TRUE(IsOpen("art-1", "q1-progress", kOpen + kDay).open());
}

TEST_F(GradingTest, UpdateRefusals) {
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");
  MustCreate("q2", "q2-progress", "s1");
  v1::GradingWindow out;

  v1::UpdateGradingWindowRequest unknown_path;
  unknown_path.mutable_grading_window()->set_name(window.name());
  unknown_path.mutable_update_mask()->add_paths("exceptions");
  grpc::Status path =
      env_.grading().UpdateGradingWindow(SectioningEnv::Scheduler().get(), unknown_path, &out);
  EXPECT_EQ(path.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(path), std::vector<std::string>{"update_mask"});

  v1::UpdateGradingWindowRequest before_open;
  before_open.mutable_grading_window()->set_name(window.name());
  *before_open.mutable_grading_window()->mutable_close_time() = Ts(kOpen - kDay);
  grpc::Status order =
      env_.grading().UpdateGradingWindow(SectioningEnv::Scheduler().get(), before_open, &out);
  EXPECT_EQ(order.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(order), std::vector<std::string>{"grading_window.close_time"});

  v1::UpdateGradingWindowRequest unknown_term;
  unknown_term.mutable_grading_window()->set_name(window.name());
  unknown_term.mutable_grading_window()->set_term("q9");
  grpc::Status term =
      env_.grading().UpdateGradingWindow(SectioningEnv::Scheduler().get(), unknown_term, &out);
  EXPECT_EQ(term.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(term), std::vector<std::string>{"grading_window.term"});

  v1::UpdateGradingWindowRequest taken;
  taken.mutable_grading_window()->set_name(window.name());
  taken.mutable_grading_window()->set_task("q2-progress");
  EXPECT_EQ(env_.grading()
                .UpdateGradingWindow(SectioningEnv::Scheduler().get(), taken, &out)
                .error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  v1::UpdateGradingWindowRequest missing;
  missing.mutable_grading_window()->set_name(kParent + "/gradingWindows/nope");
  missing.mutable_grading_window()->set_task("q3-progress");
  EXPECT_EQ(env_.grading()
                .UpdateGradingWindow(SectioningEnv::Scheduler().get(), missing, &out)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GradingTest, ExceptionsAreAddedReplacedAndRemoved) {
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");
  v1::GradingWindow out;
  ASSERT_TRUE(AddException(window.name(), SectionName("art-1"), "", kClose + kDay, &out).ok());
  ASSERT_TRUE(AddException(window.name(), "", "t-ada", kClose + 2 * kDay, &out).ok());
  // Again for the same section: its close is replaced, not a second exception.
  grpc::Status replaced =
      AddException(window.name(), SectionName("art-1"), "", kClose + 3 * kDay, &out);
  ASSERT_TRUE(replaced.ok()) << replaced.error_message();
  ASSERT_EQ(out.exceptions_size(), 2);
  EXPECT_EQ(out.exceptions(0).section(), SectionName("art-1"));
  EXPECT_EQ(out.exceptions(0).close_time().seconds(), kClose + 3 * kDay);
  EXPECT_EQ(out.exceptions(1).teacher(), "t-ada");
  EXPECT_EQ(out.exceptions(1).close_time().seconds(), kClose + 2 * kDay);

  // Get and List carry them too.
  v1::GetGradingWindowRequest get;
  get.set_name(window.name());
  v1::GradingWindow read;
  ASSERT_TRUE(env_.grading().GetGradingWindow(SectioningEnv::Scheduler().get(), get, &read).ok());
  EXPECT_EQ(read.exceptions_size(), 2);

  v1::RemoveGradingExceptionRequest remove;
  remove.set_name(window.name());
  remove.set_teacher("t-ada");
  ASSERT_TRUE(
      env_.grading().RemoveGradingException(SectioningEnv::Scheduler().get(), remove, &out).ok());
  ASSERT_EQ(out.exceptions_size(), 1);
  EXPECT_EQ(out.exceptions(0).section(), SectionName("art-1"));
  EXPECT_EQ(env_.grading()
                .RemoveGradingException(SectioningEnv::Scheduler().get(), remove, &out)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GradingTest, ExceptionRefusals) {
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");
  v1::GradingWindow out;
  grpc::Status both = AddException(window.name(), SectionName("art-1"), "t-ada", kClose, &out);
  EXPECT_EQ(both.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(both), (std::vector<std::string>{"exception.section", "exception.teacher"}));
  grpc::Status neither = AddException(window.name(), "", "", kClose, &out);
  EXPECT_EQ(neither.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  grpc::Status other_calendar = AddException(
      window.name(),
      std::string("calendars/") + SectioningEnv::kOtherCalendar + "/trials/t1/sections/art-1", "",
      kClose, &out);
  EXPECT_EQ(other_calendar.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(other_calendar), std::vector<std::string>{"exception.section"});

  grpc::Status unknown_teacher = AddException(window.name(), "", "t-zed", kClose, &out);
  EXPECT_EQ(unknown_teacher.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(unknown_teacher), std::vector<std::string>{"exception.teacher"});

  grpc::Status early = AddException(window.name(), "", "t-ada", kOpen - kDay, &out);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(early), std::vector<std::string>{"exception.close_time"});

  v1::AddGradingExceptionRequest no_close;
  no_close.set_name(window.name());
  no_close.mutable_exception()->set_teacher("t-ada");
  grpc::Status missing_close =
      env_.grading().AddGradingException(SectioningEnv::Scheduler().get(), no_close, &out);
  EXPECT_EQ(BadFields(missing_close), std::vector<std::string>{"exception.close_time"});

  EXPECT_EQ(AddException(window.name(), SectionName("nope-1"), "", kClose, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(AddException(kParent + "/gradingWindows/nope", "", "t-ada", kClose, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(GradingTest, IsGradingOpenFollowsTheWindowAndItsExceptions) {
  v1::GradingWindow window = MustCreate("q1", "q1-progress", "s1");
  const int64_t after_close = kClose + 3600;

  v1::IsGradingOpenResponse before = IsOpen("art-1", "q1-progress", kOpen - 1);
  EXPECT_FALSE(before.open());
  EXPECT_EQ(before.state(), v1::IsGradingOpenResponse::NOT_YET_OPEN);
  EXPECT_EQ(before.window().name(), window.name());

  v1::IsGradingOpenResponse during = IsOpen("art-1", "q1-progress", kOpen);
  EXPECT_TRUE(during.open());
  EXPECT_EQ(during.close_source(), v1::IsGradingOpenResponse::WINDOW);
  EXPECT_EQ(during.effective_close_time().seconds(), kClose);
  EXPECT_EQ(during.primary_teacher(), "t-cy");
  EXPECT_FALSE(during.explanation().empty());

  EXPECT_EQ(IsOpen("art-1", "q1-progress", after_close).state(), v1::IsGradingOpenResponse::CLOSED);

  // Cy's exception keeps art-1 open; eng9-1 (Ada's) stays closed.
  v1::GradingWindow out;
  ASSERT_TRUE(AddException(window.name(), "", "t-cy", kClose + kDay, &out).ok());
  v1::IsGradingOpenResponse by_teacher = IsOpen("art-1", "q1-progress", after_close);
  EXPECT_TRUE(by_teacher.open());
  EXPECT_EQ(by_teacher.close_source(), v1::IsGradingOpenResponse::TEACHER_EXCEPTION);
  EXPECT_EQ(by_teacher.effective_close_time().seconds(), kClose + kDay);
  EXPECT_FALSE(IsOpen("eng9-1", "q1-progress", after_close).open());

  // A co-teacher's exception does not count: eng9-1's primary is Ada, not Bob.
  ASSERT_TRUE(AddException(window.name(), "", "t-bob", kClose + kDay, &out).ok());
  EXPECT_FALSE(IsOpen("eng9-1", "q1-progress", after_close).open());

  // The section's own exception wins over its teacher's, even when it closes sooner.
  ASSERT_TRUE(AddException(window.name(), SectionName("art-1"), "", kClose + 1800, &out).ok());
  v1::IsGradingOpenResponse by_section = IsOpen("art-1", "q1-progress", after_close);
  EXPECT_FALSE(by_section.open());
  EXPECT_EQ(by_section.state(), v1::IsGradingOpenResponse::CLOSED);
  EXPECT_EQ(by_section.close_source(), v1::IsGradingOpenResponse::SECTION_EXCEPTION);
  ASSERT_TRUE(AddException(window.name(), SectionName("eng9-1"), "", kClose + kDay, &out).ok());
  v1::IsGradingOpenResponse eng = IsOpen("eng9-1", "q1-progress", after_close);
  EXPECT_TRUE(eng.open());
  EXPECT_EQ(eng.close_source(), v1::IsGradingOpenResponse::SECTION_EXCEPTION);

  // An unstaffed section gets the window's close.
  EXPECT_EQ(IsOpen("chem-1", "q1-progress", kOpen).close_source(),
            v1::IsGradingOpenResponse::WINDOW);
}

TEST_F(GradingTest, IsGradingOpenLooksOnlyAtTheSectionsTerms) {
  MustCreate("q1", "q1-progress", "s1");
  // bio-1 meets in s2 only: no window of the task there.
  v1::IsGradingOpenResponse bio = IsOpen("bio-1", "q1-progress", kOpen + 1);
  EXPECT_FALSE(bio.open());
  EXPECT_EQ(bio.state(), v1::IsGradingOpenResponse::NO_WINDOW);
  EXPECT_FALSE(bio.has_window());
  // The year course meets in both: the s1 window decides.
  EXPECT_TRUE(IsOpen("eng9-1", "q1-progress", kOpen + 1).open());
  // An unknown task is no window either.
  EXPECT_EQ(IsOpen("eng9-1", "q9-progress", kOpen + 1).state(),
            v1::IsGradingOpenResponse::NO_WINDOW);
}

TEST_F(GradingTest, IsGradingOpenRefusals) {
  v1::IsGradingOpenRequest request;
  request.set_section("sections/art-1");
  request.set_task("Q1 Progress");
  v1::IsGradingOpenResponse out;
  grpc::Status name = env_.grading().IsGradingOpen(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_EQ(BadFields(name), std::vector<std::string>{"section"});
  request.set_section(SectionName("art-1"));
  grpc::Status task = env_.grading().IsGradingOpen(SectioningEnv::Scheduler().get(), request, &out);
  EXPECT_EQ(BadFields(task), std::vector<std::string>{"task"});
  request.set_task("q1-progress");
  request.set_section(SectionName("nope-1"));
  EXPECT_EQ(
      env_.grading().IsGradingOpen(SectioningEnv::Scheduler().get(), request, &out).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(GradingTest, ListOpenWindowsIncludesWindowsKeptOpenByAnException) {
  MustCreate("a-open", "q1-progress", "s1", kOpen, kClose);
  v1::GradingWindow late = MustCreate("b-late", "q2-progress", "s1", kOpen - 10 * kDay, kOpen);
  MustCreate("c-future", "s1-final", "s1", kClose, kClose + kDay);
  MustCreate("d-closed", "q3-progress", "s1", kOpen - 10 * kDay, kOpen - kDay);
  v1::GradingWindow out;
  ASSERT_TRUE(AddException(late.name(), "", "t-ada", kOpen + kDay, &out).ok());

  v1::ListOpenWindowsRequest request;
  request.set_parent(kParent);
  *request.mutable_at() = Ts(kOpen + 3600);
  v1::ListOpenWindowsResponse response;
  ASSERT_TRUE(
      env_.grading().ListOpenWindows(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.windows_size(), 2);
  EXPECT_EQ(response.windows(0).window().name(), kParent + "/gradingWindows/a-open");
  EXPECT_TRUE(response.windows(0).open_by_window());
  EXPECT_EQ(response.windows(1).window().name(), late.name());
  EXPECT_FALSE(response.windows(1).open_by_window());
  EXPECT_EQ(response.windows(1).window().exceptions_size(), 1);

  request.set_page_size(1);
  ASSERT_TRUE(
      env_.grading().ListOpenWindows(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.windows_size(), 1);
  request.set_page_token(response.next_page_token());
  ASSERT_TRUE(
      env_.grading().ListOpenWindows(SectioningEnv::Scheduler().get(), request, &response).ok());
  ASSERT_EQ(response.windows_size(), 1);
  EXPECT_EQ(response.windows(0).window().name(), late.name());
  EXPECT_TRUE(response.next_page_token().empty());
}

}  // namespace
}  // namespace secsched::sectioning::testing
