// Every RPC of every sectioning service × the standard callers of the authorization matrix
// (common/testing/authorization_matrix.h): no token, a bad signature or an expired token
// (UNAUTHENTICATED); staff of another school (with or without `scheduler`), staff whose access
// was revoked by a transfer, a service account without a scheduling scope, and a reader on
// writes (PERMISSION_DENIED); a reader reads (OK), staff with access at the
// calendar's school and an admin get past authorization. Validate-only moves and batches are
// writes. The access service is the real one; the seeded trial has what every read needs.
#include <gtest/gtest.h>

#include "common/testing/authorization_matrix.h"
#include "common/testing/servers.h"
#include "services/sectioning/tests/schedule_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

namespace authz = secsched::testing;
using authz::Needs;
using authz::Row;

const std::string kCalendarName = std::string("calendars/") + SectioningEnv::kCalendar;
const std::string kTrial = kCalendarName + "/trials/t1";
const std::string kOtherTrial = kCalendarName + "/trials/t2";
constexpr int64_t kOpen = 1792454400;  // 2026-10-20T00:00:00Z
constexpr int64_t kClose = kOpen + 7 * 24 * 3600;
const std::string kOtherSchoolStaff = "staff of another school (wes)";
const std::string kRevoked = "revoked approval (riley)";
// A person's `scheduler` scope does not stand in for access at the school.
const std::string kOtherSchoolScheduler = "staff of another school with scheduler (wes)";
const std::string kLmsFeed = "lms feed";

std::string SectionName(const std::string& section) { return kTrial + "/sections/" + section; }

google::protobuf::Timestamp Ts(int64_t seconds) {
  google::protobuf::Timestamp t;
  t.set_seconds(seconds);
  return t;
}

// What the rows name: trials t1 (ACTIVE, with a queued job) and t2; sections eng9-1 (s1 enrolled),
// eng9-2 and art-1 with an unmet request for art; grading window q1.
struct Seeded {
  std::string job;
  std::string window;
};

Seeded Seed(SectioningEnv& env) {
  const std::string cal = SectioningEnv::kCalendar;
  env.catalog().SetCourses(cal, {{.id = "eng9", .number = "ENG9", .department = "English"},
                                 {.id = "art", .number = "ART1", .department = "Arts"}});
  env.catalog().SetTeachers(
      cal, {{.id = "t-ada", .departments = {"English"}}, {.id = "t-cy", .departments = {"Arts"}}});
  env.catalog().SetRooms(cal, {{.id = "r101", .capacity = 30}});
  for (const char* student : {"s1", "s2"}) {
    env.students().Set(cal, {.student_id = student, .grade = 9});
  }
  env.roster_students().Set(cal, {{.id = "s1", .display_name = "Grace Hopper", .grade = 9},
                                  {.id = "s2", .display_name = "Alan Turing", .grade = 9}});
  SeedTrial(env.pool(), {cal, "t1"});
  SeedTrial(env.pool(), {cal, "t2"});
  auto section = [&](std::string id, std::string course, int number, std::string teacher,
                     Meeting meeting) {
    SeedSection(env.pool(), {.calendar_id = cal,
                             .trial_id = "t1",
                             .section_id = std::move(id),
                             .course_id = std::move(course),
                             .section_number = number,
                             .primary_teacher_id = std::move(teacher),
                             .room_id = "r101",
                             .capacity = 30,
                             .meetings = {std::move(meeting)}});
  };
  section("eng9-1", "eng9", 1, "t-ada", {"s1", 1, ""});
  section("eng9-2", "eng9", 2, "t-ada", {"s1", 3, ""});
  section("art-1", "art", 1, "t-cy", {"s1", 2, ""});
  SeedEnrollment(env.pool(), {.calendar_id = cal,
                              .trial_id = "t1",
                              .section_id = "eng9-1",
                              .student_id = "s1",
                              .course_id = "eng9",
                              .source = EnrollmentSource::kEngine,
                              .request_rank = 0});
  SeedUnmetRequest(env.pool(), {cal, "t1"}, "s2", "art", false, "no seat");

  Seeded seeded;
  v1::ActivateTrialRequest activate;
  activate.set_name(kTrial);
  v1::Trial trial;
  grpc::Status s = env.trials().ActivateTrial(SectioningEnv::Scheduler().get(), activate, &trial);
  if (!s.ok()) throw std::runtime_error("ActivateTrial: " + s.error_message());
  v1::StartJobRequest start;
  start.set_parent(kTrial);
  start.set_type(v1::Job::COUNT_SECTIONS);
  v1::Job job;
  s = env.trials().StartJob(SectioningEnv::Scheduler().get(), start, &job);
  if (!s.ok()) throw std::runtime_error("StartJob: " + s.error_message());
  seeded.job = job.name();
  v1::CreateGradingWindowRequest create;
  create.set_parent(kCalendarName);
  create.set_grading_window_id("q1");
  create.mutable_grading_window()->set_task("q1-progress");
  create.mutable_grading_window()->set_term("s1");
  *create.mutable_grading_window()->mutable_open_time() = Ts(kOpen);
  *create.mutable_grading_window()->mutable_close_time() = Ts(kClose);
  v1::GradingWindow window;
  s = env.grading().CreateGradingWindow(SectioningEnv::Scheduler().get(), create, &window);
  if (!s.ok()) throw std::runtime_error("CreateGradingWindow: " + s.error_message());
  seeded.window = window.name();
  return seeded;
}

void AddTrialRows(authz::AuthorizationMatrix& matrix, const Seeded& seeded) {
  using S = v1::SectioningService::Stub;
  v1::CreateTrialRequest create;
  create.set_parent(kCalendarName);
  create.mutable_trial()->set_display_name("Authz");
  matrix.Add(Row("CreateTrial", Needs::kWrite, &S::CreateTrial, create));
  v1::GetTrialRequest get;
  get.set_name(kTrial);
  matrix.Add(Row("GetTrial", Needs::kRead, &S::GetTrial, get));
  v1::ListTrialsRequest list;
  list.set_parent(kCalendarName);
  matrix.Add(Row("ListTrials", Needs::kRead, &S::ListTrials, list));
  v1::UpdateTrialRequest update;
  update.mutable_trial()->set_name(kOtherTrial);
  update.mutable_trial()->set_display_name("Renamed");
  update.mutable_update_mask()->add_paths("display_name");
  matrix.Add(Row("UpdateTrial", Needs::kWrite, &S::UpdateTrial, update));
  v1::DeleteTrialRequest del;
  del.set_name(kCalendarName + "/trials/no-such-trial");
  matrix.Add(Row("DeleteTrial", Needs::kWrite, &S::DeleteTrial, del));
  v1::CopyTrialRequest copy;
  copy.set_name(kTrial);
  matrix.Add(Row("CopyTrial", Needs::kWrite, &S::CopyTrial, copy));
  v1::LockTrialRequest lock;
  lock.set_name(kOtherTrial);
  matrix.Add(Row("LockTrial", Needs::kWrite, &S::LockTrial, lock));
  v1::UnlockTrialRequest unlock;
  unlock.set_name(kOtherTrial);
  matrix.Add(Row("UnlockTrial", Needs::kWrite, &S::UnlockTrial, unlock));
  v1::ActivateTrialRequest activate;  // t1 is the active trial already
  activate.set_name(kTrial);
  matrix.Add(Row("ActivateTrial", Needs::kWrite, &S::ActivateTrial, activate));
  v1::CompareTrialsRequest compare;
  compare.set_name(kTrial);
  compare.set_other(kOtherTrial);
  matrix.Add(Row("CompareTrials", Needs::kRead, &S::CompareTrials, compare));
  v1::StartJobRequest start;
  start.set_parent(kOtherTrial);
  start.set_type(v1::Job::COUNT_SECTIONS);
  matrix.Add(Row("StartJob", Needs::kWrite, &S::StartJob, start));
  v1::GetJobRequest get_job;
  get_job.set_name(seeded.job);
  matrix.Add(Row("GetJob", Needs::kRead, &S::GetJob, get_job));
  v1::WatchJobRequest watch;
  watch.set_name(seeded.job);
  matrix.Add(Row("WatchJob", Needs::kRead, &S::WatchJob, watch));
  v1::CancelJobRequest cancel;
  cancel.set_name(seeded.job);
  matrix.Add(Row("CancelJob", Needs::kWrite, &S::CancelJob, cancel));
}

void AddSectionRows(authz::AuthorizationMatrix& matrix) {
  using S = v1::SectionService::Stub;
  v1::CreateSectionRequest create;
  create.set_parent(kTrial);
  create.mutable_section()->set_course("eng9");
  create.mutable_section()->set_primary_teacher("t-ada");
  v1::SectionMeeting* meeting = create.mutable_section()->add_placement();
  meeting->set_term("s1");
  meeting->set_period(4);
  matrix.Add(Row("CreateSection", Needs::kWrite, &S::CreateSection, create));
  v1::GetSectionRequest get;
  get.set_name(SectionName("eng9-1"));
  matrix.Add(Row("GetSection", Needs::kRead, &S::GetSection, get));
  v1::ListSectionsRequest list;
  list.set_parent(kTrial);
  matrix.Add(Row("ListSections", Needs::kRead, &S::ListSections, list));
  v1::UpdateSectionRequest update;
  update.mutable_section()->set_name(SectionName("eng9-2"));
  update.mutable_section()->set_capacity(28);
  update.mutable_update_mask()->add_paths("capacity");
  matrix.Add(Row("UpdateSection", Needs::kWrite, &S::UpdateSection, update));
  v1::DeleteSectionRequest del;
  del.set_name(SectionName("no-such-section"));
  matrix.Add(Row("DeleteSection", Needs::kWrite, &S::DeleteSection, del));
  v1::MoveSectionRequest move;
  move.set_name(SectionName("art-1"));
  v1::SectionMeeting* to = move.add_placement();
  to->set_term("s1");
  to->set_period(5);
  move.set_validate_only(true);
  matrix.Add(Row("MoveSection", Needs::kWrite, &S::MoveSection, move));
  v1::GetPlacementGridRequest grid;
  grid.set_parent(kTrial);
  grid.set_view(v1::GetPlacementGridRequest::TEACHER);
  matrix.Add(Row("GetPlacementGrid", Needs::kRead, &S::GetPlacementGrid, grid));
}

void AddRosterRows(authz::AuthorizationMatrix& matrix) {
  using S = v1::RosterService::Stub;
  v1::ListRosterRequest roster;
  roster.set_parent(SectionName("eng9-1"));
  matrix.Add(Row("ListRoster", Needs::kRead, &S::ListRoster, roster));
  v1::GetStudentScheduleRequest student;
  student.set_trial(kTrial);
  student.set_student("s1");
  matrix.Add(Row("GetStudentSchedule", Needs::kRead, &S::GetStudentSchedule, student));
  v1::GetTeacherScheduleRequest teacher;
  teacher.set_trial(kTrial);
  teacher.set_teacher("t-ada");
  matrix.Add(Row("GetTeacherSchedule", Needs::kRead, &S::GetTeacherSchedule, teacher));
  v1::AddStudentToSectionRequest add;
  add.set_parent(SectionName("art-1"));
  add.set_student("s2");
  add.set_reason("walk-in");
  matrix.Add(Row("AddStudentToSection", Needs::kWrite, &S::AddStudentToSection, add));
  v1::DropStudentFromSectionRequest drop;
  drop.set_name(SectionName("art-1") + "/enrollments/s2");
  drop.set_reason("changed their mind");
  matrix.Add(Row("DropStudentFromSection", Needs::kWrite, &S::DropStudentFromSection, drop));
  v1::MoveStudentRequest move;
  move.set_name(SectionName("eng9-1") + "/enrollments/s1");
  move.set_to_section(SectionName("eng9-2"));
  move.set_reason("schedule change");
  matrix.Add(Row("MoveStudent", Needs::kWrite, &S::MoveStudent, move));
  v1::ListScheduleChangesRequest changes;
  changes.set_parent(kTrial);
  matrix.Add(Row("ListScheduleChanges", Needs::kRead, &S::ListScheduleChanges, changes));
  v1::BatchEditRosterRequest batch;
  batch.set_parent(kTrial);
  v1::RosterEdit* edit = batch.add_rows();
  edit->set_action(v1::RosterEdit::ADD);
  edit->set_student("s2");
  edit->set_section("eng9-2");
  batch.set_validate_only(true);
  matrix.Add(Row("BatchEditRoster", Needs::kWrite, &S::BatchEditRoster, batch));
}

void AddGradingRows(authz::AuthorizationMatrix& matrix, const Seeded& seeded) {
  using S = v1::GradingWindowService::Stub;
  v1::CreateGradingWindowRequest create;
  create.set_parent(kCalendarName);
  create.mutable_grading_window()->set_task("q2-progress");
  create.mutable_grading_window()->set_term("s1");
  *create.mutable_grading_window()->mutable_open_time() = Ts(kOpen);
  *create.mutable_grading_window()->mutable_close_time() = Ts(kClose);
  matrix.Add(Row("CreateGradingWindow", Needs::kWrite, &S::CreateGradingWindow, create));
  v1::GetGradingWindowRequest get;
  get.set_name(seeded.window);
  matrix.Add(Row("GetGradingWindow", Needs::kRead, &S::GetGradingWindow, get));
  v1::ListGradingWindowsRequest list;
  list.set_parent(kCalendarName);
  matrix.Add(Row("ListGradingWindows", Needs::kRead, &S::ListGradingWindows, list));
  v1::UpdateGradingWindowRequest update;
  update.mutable_grading_window()->set_name(seeded.window);
  *update.mutable_grading_window()->mutable_close_time() = Ts(kClose + 24 * 3600);
  update.mutable_update_mask()->add_paths("close_time");
  matrix.Add(Row("UpdateGradingWindow", Needs::kWrite, &S::UpdateGradingWindow, update));
  v1::DeleteGradingWindowRequest del;
  del.set_name(seeded.window.substr(0, seeded.window.rfind('/') + 1) + "no-such-window");
  matrix.Add(Row("DeleteGradingWindow", Needs::kWrite, &S::DeleteGradingWindow, del));
  v1::AddGradingExceptionRequest add;
  add.set_name(seeded.window);
  add.mutable_exception()->set_section(SectionName("eng9-1"));
  *add.mutable_exception()->mutable_close_time() = Ts(kClose + 2 * 24 * 3600);
  matrix.Add(Row("AddGradingException", Needs::kWrite, &S::AddGradingException, add));
  v1::RemoveGradingExceptionRequest remove;
  remove.set_name(seeded.window);
  remove.set_section(SectionName("eng9-1"));
  matrix.Add(Row("RemoveGradingException", Needs::kWrite, &S::RemoveGradingException, remove));
  v1::IsGradingOpenRequest open;
  open.set_section(SectionName("eng9-1"));
  open.set_task("q1-progress");
  matrix.Add(Row("IsGradingOpen", Needs::kRead, &S::IsGradingOpen, open));
  v1::ListOpenWindowsRequest open_windows;
  open_windows.set_parent(kCalendarName);
  matrix.Add(Row("ListOpenWindows", Needs::kRead, &S::ListOpenWindows, open_windows));
}

void AddReportAndExportRows(authz::AuthorizationMatrix& matrix) {
  using S = v1::ScheduleReportService::Stub;
  v1::ListMasterScheduleRequest master;
  master.set_parent(kTrial);
  master.set_view(v1::BY_TEACHER);
  matrix.Add(Row("ListMasterSchedule", Needs::kRead, &S::ListMasterSchedule, master));
  v1::ListSectionBalanceRequest balance;
  balance.set_parent(kTrial);
  matrix.Add(Row("ListSectionBalance", Needs::kRead, &S::ListSectionBalance, balance));
  v1::ListUnscheduledRequestsRequest unscheduled;
  unscheduled.set_parent(kTrial);
  matrix.Add(
      Row("ListUnscheduledRequests", Needs::kRead, &S::ListUnscheduledRequests, unscheduled));
  v1::GetLoadMetricsRequest metrics;
  metrics.set_parent(kTrial);
  matrix.Add(Row("GetLoadMetrics", Needs::kRead, &S::GetLoadMetrics, metrics));
  v1::ListTrialEnrollmentsRequest enrollments;
  enrollments.set_parent(kTrial);
  matrix.Add(Row("ListTrialEnrollments", Needs::kRead, &S::ListTrialEnrollments, enrollments));
  v1::ExportScheduleReportRequest report;
  report.set_parent(kTrial);
  report.set_report(v1::SECTION_BALANCE);
  matrix.Add(Row("ExportScheduleReport", Needs::kRead, &S::ExportScheduleReport, report));

  using E = v1::ScheduleExportService::Stub;
  v1::ExportOneRosterRequest calendar;
  calendar.set_calendar(kCalendarName);
  matrix.Add(Row("ExportOneRoster", Needs::kRead, &E::ExportOneRoster, calendar));
  // The district's export leaves out what the caller may not read: with nothing left it is
  // FAILED_PRECONDITION, not a leak and not a refusal.
  v1::ExportOneRosterRequest district;
  district.set_calendar("calendars/-");
  const authz::Outcome nothing_to_export =
      authz::Outcome::Is(grpc::StatusCode::FAILED_PRECONDITION);
  matrix.Add(Row("ExportOneRoster (district)", Needs::kRead, &E::ExportOneRoster, district)
                 .Except(kOtherSchoolStaff, nothing_to_export)
                 .Except(kOtherSchoolScheduler, nothing_to_export)
                 .Except(kRevoked, nothing_to_export)
                 .Except(kLmsFeed, nothing_to_export));
}

class SectioningAuthorization : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    env_ = new SectioningEnv();
    env_->access().GrantSchedulingAccess("dana", SectioningEnv::kSchool);
    env_->access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
    env_->access().GrantSchedulingAccess("riley", SectioningEnv::kSchool);
    seeded_ = new Seeded(Seed(*env_));
  }
  static void TearDownTestSuite() {
    delete seeded_;
    delete env_;
  }

  static authz::AuthorizationMatrix Matrix() {
    authz::AuthorizationMatrix matrix(env_->channel());
    AddTrialRows(matrix, *seeded_);
    AddSectionRows(matrix);
    AddRosterRows(matrix);
    AddGradingRows(matrix, *seeded_);
    AddReportAndExportRows(matrix);
    return matrix;
  }

  static SectioningEnv* env_;
  static Seeded* seeded_;
};
SectioningEnv* SectioningAuthorization::env_ = nullptr;
Seeded* SectioningAuthorization::seeded_ = nullptr;

TEST_F(SectioningAuthorization, EveryRpcOfEveryServiceHasARow) {
  Matrix().ExpectEveryRpcHasARow(
      {"secsched.sectioning.v1.SectioningService", "secsched.sectioning.v1.SectionService",
       "secsched.sectioning.v1.RosterService", "secsched.sectioning.v1.GradingWindowService",
       "secsched.sectioning.v1.ScheduleReportService",
       "secsched.sectioning.v1.ScheduleExportService"});
}

TEST_F(SectioningAuthorization, EveryCallerGetsTheRightAnswerFromEveryRpc) {
  const authz::AuthorizationMatrix matrix = Matrix();
  // Riley was allowed at east-high a moment ago; the transfer revokes it at once.
  const std::string riley = MintTestToken("riley", {});
  ASSERT_TRUE(matrix.Call("GetTrial", riley).ok());
  env_->access().TransferTo("riley", SectioningEnv::kOtherSchool);
  ASSERT_TRUE(secsched::testing::WaitFor(
      [&] {
        return matrix.Call("GetTrial", riley).error_code() == grpc::StatusCode::PERMISSION_DENIED;
      },
      std::chrono::seconds(10)));

  authz::MatrixCaller reader = authz::Reader("service:report");
  reader.reads = authz::Ok();
  authz::MatrixCaller other_school_scheduler = authz::OtherSchoolStaff("wes", {"scheduler"});
  other_school_scheduler.name = kOtherSchoolScheduler;
  matrix.Check({authz::NoToken(), authz::BadSignature(), authz::ExpiredToken(),
                authz::OtherSchoolStaff("wes"), other_school_scheduler,
                authz::RevokedStaff("riley"), reader,
                authz::Refused(kLmsFeed, "service:lms", {"lms-feed"})});
  // Nothing a refused caller sent was written: t1 has only its seeded sections.
  v1::ListSectionsRequest list;
  list.set_parent(kTrial);
  v1::ListSectionsResponse sections;
  ASSERT_TRUE(
      env_->sections().ListSections(SectioningEnv::Scheduler().get(), list, &sections).ok());
  EXPECT_EQ(sections.sections_size(), 3);

  matrix.Check({authz::StaffWithAccess("dana"), authz::Admin()});
}

}  // namespace
}  // namespace secsched::sectioning::testing
