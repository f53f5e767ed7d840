// SectionService through gRPC on real PostgreSQL, Redis and the access service, with the static
// catalog: every RPC's success path, each validation refusal, the write guards (locked trial,
// calendar not APPROVED, another school), delete with enrolled students, live conflicts, and
// MoveSection (validate_only writes nothing; applied, it lists the students it breaks).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/pg/transaction.h"
#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kTrial[] = "calendars/east-2026/trials/t1";

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

v1::SectionMeeting* AddMeeting(v1::Section& section, const std::string& term, int period) {
  v1::SectionMeeting* m = section.add_placement();
  m->set_term(term);
  m->set_period(period);
  return m;
}

// A year course in both semesters at `period`.
v1::Section YearSection(const std::string& course, const std::string& teacher,
                        const std::string& room, int period) {
  v1::Section s;
  s.set_course(course);
  s.set_primary_teacher(teacher);
  s.set_room(room);
  AddMeeting(s, "s1", period);
  AddMeeting(s, "s2", period);
  return s;
}

class SectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.catalog().SetCourses(
        SectioningEnv::kCalendar,
        {{.id = "eng9", .number = "ENG9", .department = "English", .max_students = 30},
         {.id = "bio",
          .number = "BIO",
          .department = "Science",
          .max_students = 28,
          .room_type = "lab"},
         {.id = "chem", .number = "CHEM", .department = "Science", .periods_per_meeting = 2},
         {.id = "hlth",
          .number = "HLTH",
          .department = "PE",
          .term_length = catalog::TermLength::kSemester,
          .room_type = "gym"}});
    env_.catalog().SetTeachers(
        SectioningEnv::kCalendar,
        {{.id = "t-lopez", .departments = {"English"}, .max_sections = 5},
         {.id = "t-kim", .departments = {"Science", "English"}},
         {.id = "t-ruiz", .departments = {"PE"}, .unavailable = {{.period = 7, .term_id = ""}}}});
    env_.catalog().SetRooms(SectioningEnv::kCalendar,
                            {{.id = "r101", .capacity = 24},
                             {.id = "lab1", .capacity = 28, .room_type = "lab"},
                             {.id = "gym", .capacity = 60, .room_type = "gym"}});
    v1::CreateTrialRequest trial;
    trial.set_parent(std::string("calendars/") + SectioningEnv::kCalendar);
    trial.set_trial_id("t1");
    trial.mutable_trial()->set_display_name("Draft");
    v1::Trial created;
    ASSERT_TRUE(env_.trials().CreateTrial(SectioningEnv::Scheduler().get(), trial, &created).ok());
  }

  grpc::Status Create(const v1::Section& section, v1::Section* out,
                      const std::string& section_id = "", const std::string& request_id = "") {
    v1::CreateSectionRequest request;
    request.set_parent(kTrial);
    *request.mutable_section() = section;
    request.set_section_id(section_id);
    request.set_request_id(request_id);
    return env_.sections().CreateSection(SectioningEnv::Scheduler().get(), request, out);
  }

  v1::Section MustCreate(const v1::Section& section, const std::string& section_id) {
    v1::Section out;
    grpc::Status status = Create(section, &out, section_id);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::Section Get(const std::string& id) {
    v1::GetSectionRequest request;
    request.set_name(std::string(kTrial) + "/sections/" + id);
    v1::Section out;
    grpc::Status status =
        env_.sections().GetSection(SectioningEnv::Scheduler().get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  v1::ListSectionsResponse List(v1::ListSectionsRequest request) {
    request.set_parent(kTrial);
    v1::ListSectionsResponse out;
    grpc::Status status =
        env_.sections().ListSections(SectioningEnv::Scheduler().get(), request, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  long Count(const std::string& sql) {
    absl::StatusOr<long> n = pg::WithTransaction(
        env_.pool(),
        [&](pqxx::work& tx) -> absl::StatusOr<long> { return tx.exec(sql)[0][0].as<long>(); });
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  void Exec(const std::string& sql) {
    absl::Status s = pg::WithTransaction(env_.pool(), [&](pqxx::work& tx) -> absl::Status {
      tx.exec(sql);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  void Enroll(const std::string& student, const std::string& section, const std::string& course) {
    Exec(
        "INSERT INTO enrollments (calendar_id, trial_id, section_id, student_id, course_id, "
        "source) VALUES ('east-2026', 't1', '" +
        section + "', '" + student + "', '" + course + "', 'MANUAL')");
  }

  SectioningEnv env_;
};

std::vector<v1::SectionConflict::Kind> Kinds(const v1::Section& s) {
  std::vector<v1::SectionConflict::Kind> out;
  for (const v1::SectionConflict& c : s.conflicts()) out.push_back(c.kind());
  return out;
}

TEST_F(SectionsTest, CreatedSectionIsReadBackWithDefaultsAndARetryReturnsTheFirst) {
  v1::Section section = YearSection("eng9", "t-lopez", "r101", 2);
  section.add_co_teachers("t-kim");
  v1::Section created;
  grpc::Status status = Create(section, &created, "eng9-a", "req-1");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.name(), "calendars/east-2026/trials/t1/sections/eng9-a");
  EXPECT_EQ(created.section_number(), 1);  // the next free number
  EXPECT_EQ(created.capacity(), 24);       // min(course 30, room 24)
  EXPECT_EQ(created.source(), v1::Section::MANUAL);
  EXPECT_THAT(created.co_teachers(), ElementsAre("t-kim"));
  EXPECT_EQ(created.placement_size(), 2);
  EXPECT_THAT(created.conflicts(), IsEmpty());

  v1::Section again;
  ASSERT_TRUE(Create(section, &again, "eng9-a", "req-1").ok());
  EXPECT_EQ(again.name(), created.name());
  // The same request_id with another body is refused (AIP-155), not answered with the first.
  EXPECT_EQ(Create(section, &again, "other-id", "req-1").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Count("SELECT count(*) FROM sections"), 1);

  v1::Section second = MustCreate(YearSection("eng9", "t-lopez", "r101", 3), "");
  EXPECT_EQ(second.section_number(), 2);
  EXPECT_THAT(second.name(), ::testing::StartsWith("calendars/east-2026/trials/t1/sections/"));

  v1::Section read = Get("eng9-a");
  EXPECT_EQ(read.primary_teacher(), "t-lopez");
  EXPECT_EQ(read.room(), "r101");
  EXPECT_EQ(read.enrolled(), 0);
  EXPECT_EQ(read.placement(0).term(), "s1");
  EXPECT_EQ(read.placement(1).period(), 2);

  v1::Section numbered = YearSection("eng9", "t-lopez", "r101", 4);
  numbered.set_section_number(2);
  v1::Section dup;
  EXPECT_EQ(Create(numbered, &dup).error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(SectionsTest, EachInvalidFieldIsNamedAndNothingIsWritten) {
  struct Case {
    std::string field;
    std::function<void(v1::Section&)> breaks;
  };
  std::vector<Case> cases = {
      {"section.course", [](v1::Section& s) { s.set_course("nope"); }},
      {"section.primary_teacher", [](v1::Section& s) { s.set_primary_teacher("ghost"); }},
      {"section.primary_teacher", [](v1::Section& s) { s.set_primary_teacher("t-ruiz"); }},
      {"section.co_teachers[0]", [](v1::Section& s) { s.add_co_teachers("t-ruiz"); }},
      {"section.room", [](v1::Section& s) { s.set_room("r999"); }},
      {"section.capacity", [](v1::Section& s) { s.set_capacity(-3); }},
      {"section.placement[1].term", [](v1::Section& s) { s.mutable_placement(1)->set_term("q9"); }},
      {"section.placement[1].period",
       [](v1::Section& s) { s.mutable_placement(1)->set_period(8); }},
      {"section.placement[0].day_type",
       [](v1::Section& s) { s.mutable_placement(0)->set_day_type("A"); }},
      {"section.placement", [](v1::Section& s) { s.mutable_placement()->RemoveLast(); }},
  };
  for (const Case& c : cases) {
    v1::Section section = YearSection("eng9", "t-lopez", "r101", 2);
    c.breaks(section);
    v1::Section out;
    grpc::Status status = Create(section, &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_THAT(ViolatedFields(status), Contains(c.field)) << status.error_message();
  }
  // A double-period course in periods that are not consecutive.
  v1::Section chem = YearSection("chem", "t-kim", "lab1", 2);
  AddMeeting(chem, "s1", 4);
  AddMeeting(chem, "s2", 3);
  v1::Section out;
  grpc::Status status = Create(chem, &out);
  EXPECT_THAT(ViolatedFields(status), Contains("section.placement[2].period"));
  v1::Section bad_id = YearSection("eng9", "t-lopez", "r101", 2);
  EXPECT_THAT(ViolatedFields(Create(bad_id, &out, "Not An Id")), Contains("section_id"));
  EXPECT_EQ(Count("SELECT count(*) FROM sections"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM section_meetings"), 0);
}

TEST_F(SectionsTest, ListFiltersAndPages) {
  MustCreate(YearSection("eng9", "t-lopez", "r101", 1), "a");
  v1::Section b = YearSection("eng9", "t-lopez", "r101", 2);
  b.add_co_teachers("t-kim");
  MustCreate(b, "b");
  MustCreate(YearSection("bio", "t-kim", "lab1", 3), "c");

  v1::ListSectionsRequest all;
  EXPECT_EQ(List(all).sections_size(), 3);
  v1::ListSectionsRequest by_course;
  by_course.set_course("bio");
  EXPECT_EQ(List(by_course).sections(0).name(), std::string(kTrial) + "/sections/c");
  v1::ListSectionsRequest by_teacher;
  by_teacher.set_teacher("t-kim");  // co-teacher of b, primary of c
  EXPECT_EQ(List(by_teacher).sections_size(), 2);
  v1::ListSectionsRequest by_room;
  by_room.set_room("r101");
  EXPECT_EQ(List(by_room).sections_size(), 2);
  v1::ListSectionsRequest by_period;
  by_period.set_period(2);
  ASSERT_EQ(List(by_period).sections_size(), 1);
  EXPECT_EQ(List(by_period).sections(0).name(), std::string(kTrial) + "/sections/b");

  v1::ListSectionsRequest paged;
  paged.set_page_size(2);
  v1::ListSectionsResponse first = List(paged);
  ASSERT_EQ(first.sections_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  paged.set_page_token(first.next_page_token());
  v1::ListSectionsResponse second = List(paged);
  ASSERT_EQ(second.sections_size(), 1);
  EXPECT_EQ(second.sections(0).name(), std::string(kTrial) + "/sections/c");
  EXPECT_TRUE(second.next_page_token().empty());

  v1::ListSectionsRequest bad;
  bad.set_parent(kTrial);
  bad.set_page_token("garbage!");
  v1::ListSectionsResponse out;
  EXPECT_EQ(env_.sections().ListSections(SectioningEnv::Scheduler().get(), bad, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SectionsTest, GetAndListReturnLiveConflicts) {
  MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  v1::Section b = YearSection("eng9", "t-kim", "r101", 2);  // same room, same period
  b.add_co_teachers("t-lopez");                             // and the same teacher
  b.set_capacity(30);                                       // over r101's 24
  MustCreate(b, "b");
  v1::Section lab = YearSection("bio", "t-kim", "r101", 5);  // a lab course in a regular room
  MustCreate(lab, "c");
  v1::Section health;
  health.set_course("hlth");
  health.set_primary_teacher("t-ruiz");
  health.set_room("gym");
  AddMeeting(health, "s1", 7);  // t-ruiz is never available in period 7
  MustCreate(health, "d");

  v1::Section a = Get("a");
  EXPECT_THAT(Kinds(a), ElementsAre(v1::SectionConflict::TEACHER_DOUBLE_BOOKED,
                                    v1::SectionConflict::ROOM_DOUBLE_BOOKED));
  EXPECT_EQ(a.conflicts(0).other_section(), std::string(kTrial) + "/sections/b");
  EXPECT_THAT(Kinds(Get("b")), Contains(v1::SectionConflict::CAPACITY_OVER_ROOM));
  EXPECT_THAT(Kinds(Get("c")), ElementsAre(v1::SectionConflict::ROOM_TYPE_MISMATCH));
  EXPECT_THAT(Kinds(Get("d")), ElementsAre(v1::SectionConflict::TEACHER_UNAVAILABLE));

  // A MASTER-scope NOT_SAME_PERIOD rule between eng9 and hlth; d moves into period 2.
  env_.master_rules().Set(SectioningEnv::kCalendar, {{"eng9", "hlth"}});
  Exec("UPDATE section_meetings SET period = 2 WHERE section_id = 'd'");
  EXPECT_THAT(Kinds(Get("d")), ElementsAre(v1::SectionConflict::RULE_NOT_SAME_PERIOD,
                                           v1::SectionConflict::RULE_NOT_SAME_PERIOD));

  v1::ListSectionsRequest all;
  v1::ListSectionsResponse listed = List(all);
  ASSERT_EQ(listed.sections_size(), 4);
  EXPECT_EQ(Kinds(listed.sections(0)).size(), 3u);  // a: teacher, room, rule (d)
  EXPECT_THAT(Kinds(listed.sections(3)), Contains(v1::SectionConflict::RULE_NOT_SAME_PERIOD));
}

TEST_F(SectionsTest, TeacherOverMaxSections) {
  env_.catalog().SetTeachers(SectioningEnv::kCalendar,
                             {{.id = "t-lopez", .departments = {"English"}, .max_sections = 1}});
  MustCreate(YearSection("eng9", "t-lopez", "", 1), "a");
  EXPECT_THAT(Get("a").conflicts(), IsEmpty());
  MustCreate(YearSection("eng9", "t-lopez", "", 2), "b");
  EXPECT_THAT(Kinds(Get("a")), ElementsAre(v1::SectionConflict::TEACHER_OVER_MAX_SECTIONS));
}

TEST_F(SectionsTest, TeamMismatchNamesEnrolledStudentsOffTheSectionsTeam) {
  v1::Section academy = YearSection("eng9", "t-lopez", "r101", 2);
  academy.set_team("academy");
  MustCreate(academy, "a");
  MustCreate(YearSection("eng9", "t-kim", "", 3), "b");  // no team: anyone may sit here
  Enroll("stu-1", "a", "eng9");
  Enroll("stu-2", "a", "eng9");
  Enroll("stu-3", "b", "eng9");
  env_.student_teams().Set(SectioningEnv::kCalendar, "stu-1", "academy");
  env_.student_teams().Set(SectioningEnv::kCalendar, "stu-2", "arts");
  env_.student_teams().Set(SectioningEnv::kCalendar, "stu-3", "arts");

  v1::Section a = Get("a");
  ASSERT_THAT(Kinds(a), ElementsAre(v1::SectionConflict::TEAM_MISMATCH));
  EXPECT_EQ(a.conflicts(0).message(), "1 enrolled student is not on team academy: stu-2.");
  EXPECT_THAT(Get("b").conflicts(), IsEmpty());

  env_.student_teams().Set(SectioningEnv::kCalendar, "stu-2", "academy");
  EXPECT_THAT(Get("a").conflicts(), IsEmpty());
}

TEST_F(SectionsTest, UpdateReplacesMaskedFieldsOnly) {
  v1::Section created = MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  v1::UpdateSectionRequest request;
  request.mutable_section()->set_name(created.name());
  request.mutable_section()->set_primary_teacher("t-kim");
  request.mutable_section()->add_co_teachers("t-lopez");
  AddMeeting(*request.mutable_section(), "s1", 6);
  AddMeeting(*request.mutable_section(), "s2", 6);
  request.mutable_section()->set_room("lab1");  // not in the mask: kept
  for (const char* path : {"primary_teacher", "co_teachers", "placement"}) {
    request.mutable_update_mask()->add_paths(path);
  }
  v1::Section updated;
  grpc::Status status =
      env_.sections().UpdateSection(SectioningEnv::Scheduler().get(), request, &updated);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(updated.primary_teacher(), "t-kim");
  EXPECT_THAT(updated.co_teachers(), ElementsAre("t-lopez"));
  EXPECT_EQ(updated.placement(0).period(), 6);
  EXPECT_EQ(updated.room(), "r101");
  EXPECT_EQ(Get("a").primary_teacher(), "t-kim");

  // An empty mask means the populated fields: capacity and locked.
  v1::UpdateSectionRequest populated;
  populated.mutable_section()->set_name(created.name());
  populated.mutable_section()->set_capacity(20);
  populated.mutable_section()->set_locked(true);
  ASSERT_TRUE(
      env_.sections().UpdateSection(SectioningEnv::Scheduler().get(), populated, &updated).ok());
  EXPECT_EQ(updated.capacity(), 20);
  EXPECT_TRUE(updated.locked());
  EXPECT_EQ(updated.primary_teacher(), "t-kim");

  v1::UpdateSectionRequest bad_path;
  bad_path.mutable_section()->set_name(created.name());
  bad_path.mutable_update_mask()->add_paths("course");
  status = env_.sections().UpdateSection(SectioningEnv::Scheduler().get(), bad_path, &updated);
  EXPECT_THAT(ViolatedFields(status), Contains("update_mask"));

  v1::UpdateSectionRequest bad_teacher;
  bad_teacher.mutable_section()->set_name(created.name());
  bad_teacher.mutable_section()->set_primary_teacher("t-ruiz");  // PE only
  status = env_.sections().UpdateSection(SectioningEnv::Scheduler().get(), bad_teacher, &updated);
  EXPECT_THAT(ViolatedFields(status), Contains("section.primary_teacher"));
  EXPECT_EQ(Get("a").primary_teacher(), "t-kim");

  v1::UpdateSectionRequest missing;
  missing.mutable_section()->set_name(std::string(kTrial) + "/sections/nope");
  missing.mutable_section()->set_locked(true);
  EXPECT_EQ(env_.sections()
                .UpdateSection(SectioningEnv::Scheduler().get(), missing, &updated)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Each applied write is one audit row, refused ones none: the create and two updates, each
  // with the paths it changed and the section as it became.
  const std::string audit = "SELECT count(*) FROM schedule_changes WHERE section_id = 'a' AND ";
  EXPECT_EQ(Count(audit + "action = 'SECTION_CREATE' AND actor = 'service:sis'"), 1);
  EXPECT_EQ(Count(audit + "action = 'SECTION_UPDATE'"), 2);
  EXPECT_EQ(
      Count(audit + "action = 'SECTION_UPDATE' AND detail::jsonb -> 'paths' ? 'placement' AND "
                    "detail::jsonb -> 'section' ->> 'primary_teacher' = 't-kim'"),
      1);
}

TEST_F(SectionsTest, DeleteIsRefusedWhileStudentsAreEnrolledUnlessForced) {
  v1::Section created = MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  Enroll("stu-1", "a", "eng9");
  EXPECT_EQ(Get("a").enrolled(), 1);
  v1::DeleteSectionRequest request;
  request.set_name(created.name());
  google::protobuf::Empty empty;
  grpc::Status status =
      env_.sections().DeleteSection(SectioningEnv::Scheduler().get(), request, &empty);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(Count("SELECT count(*) FROM sections"), 1);

  request.set_force(true);
  status = env_.sections().DeleteSection(SectioningEnv::Scheduler().get(), request, &empty);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Count("SELECT count(*) FROM sections"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM enrollments"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM schedule_changes WHERE action = 'SECTION_DELETE'"), 1);
  EXPECT_EQ(
      env_.sections().DeleteSection(SectioningEnv::Scheduler().get(), request, &empty).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(SectionsTest, WritesAreRefusedOnALockedTrial) {
  v1::Section created = MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  Exec("UPDATE trials SET locked = true");
  v1::Section out;
  EXPECT_EQ(Create(YearSection("eng9", "t-lopez", "r101", 3), &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::UpdateSectionRequest update;
  update.mutable_section()->set_name(created.name());
  update.mutable_section()->set_locked(true);
  EXPECT_EQ(
      env_.sections().UpdateSection(SectioningEnv::Scheduler().get(), update, &out).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  v1::MoveSectionRequest move;
  move.set_name(created.name());
  v1::MoveSectionResponse moved;
  EXPECT_EQ(
      env_.sections().MoveSection(SectioningEnv::Scheduler().get(), move, &moved).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  v1::DeleteSectionRequest del;
  del.set_name(created.name());
  google::protobuf::Empty empty;
  EXPECT_EQ(
      env_.sections().DeleteSection(SectioningEnv::Scheduler().get(), del, &empty).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_FALSE(Get("a").locked());  // reads still work; nothing changed
}

TEST_F(SectionsTest, WritesAreRefusedWhileTheCalendarIsNotApproved) {
  MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  catalog::CatalogCalendar draft{.id = SectioningEnv::kCalendar,
                                 .school_id = SectioningEnv::kSchool,
                                 .state = catalog::CatalogCalendarState::kDraft,
                                 .terms = {{"s1", "", ""}, {"s2", "", ""}}};
  for (int p = 1; p <= 7; ++p) draft.periods.push_back({p, ""});
  env_.catalog().SetCalendar(draft);
  v1::Section out;
  grpc::Status status = Create(YearSection("eng9", "t-lopez", "r101", 3), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
  EXPECT_EQ(Get("a").placement_size(), 2);  // reads are fine
}

TEST_F(SectionsTest, AnotherSchoolsCounselorAndAReaderCannotWrite) {
  v1::Section created = MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "a");
  env_.access().GrantSchedulingAccess("wes", SectioningEnv::kOtherSchool);
  v1::CreateSectionRequest request;
  request.set_parent(kTrial);
  *request.mutable_section() = YearSection("eng9", "t-lopez", "r101", 3);
  v1::Section out;
  EXPECT_EQ(
      env_.sections().CreateSection(SectioningEnv::As("wes").get(), request, &out).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  v1::GetSectionRequest get;
  get.set_name(created.name());
  EXPECT_EQ(env_.sections().GetSection(SectioningEnv::As("wes").get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  auto reader = [] { return SectioningEnv::As("service:report", {"reader"}); };
  EXPECT_TRUE(env_.sections().GetSection(reader().get(), get, &out).ok());
  EXPECT_EQ(env_.sections().CreateSection(reader().get(), request, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SectionsTest, MoveValidateOnlyWritesNothingAndAnAppliedMoveListsBrokenStudents) {
  v1::Section eng = MustCreate(YearSection("eng9", "t-lopez", "r101", 2), "eng-a");
  MustCreate(YearSection("bio", "t-kim", "lab1", 4), "bio-a");
  MustCreate(YearSection("eng9", "t-kim", "r101", 6), "eng-b");
  Enroll("ann", "eng-a", "eng9");
  Enroll("ann", "bio-a", "bio");
  Enroll("bob", "eng-a", "eng9");

  v1::MoveSectionRequest request;
  request.set_name(eng.name());
  v1::SectionMeeting* m1 = request.add_placement();
  m1->set_term("s1");
  m1->set_period(4);
  v1::SectionMeeting* m2 = request.add_placement();
  m2->set_term("s2");
  m2->set_period(4);
  request.set_validate_only(true);
  request.set_reason("Lopez teaches at the middle school in period 2");
  v1::MoveSectionResponse response;
  grpc::Status status =
      env_.sections().MoveSection(SectioningEnv::Scheduler().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(response.applied());
  ASSERT_EQ(response.broken_students_size(), 1);
  EXPECT_EQ(response.broken_students(0).student(), "ann");
  EXPECT_THAT(response.broken_students(0).clashing_sections(),
              ElementsAre(std::string(kTrial) + "/sections/bio-a"));
  EXPECT_THAT(response.new_conflicts(), IsEmpty());
  EXPECT_EQ(response.section().placement(0).period(), 4);
  EXPECT_EQ(Get("eng-a").placement(0).period(), 2);  // nothing written
  EXPECT_EQ(Count("SELECT count(*) FROM schedule_changes WHERE action = 'SECTION_MOVE'"), 0);

  // Into eng-b's room and period: the conflict it would create.
  request.mutable_placement(0)->set_period(6);
  request.mutable_placement(1)->set_period(6);
  ASSERT_TRUE(
      env_.sections().MoveSection(SectioningEnv::Scheduler().get(), request, &response).ok());
  EXPECT_THAT(response.new_conflicts(),
              Contains(::testing::Property(&v1::SectionConflict::kind,
                                           v1::SectionConflict::ROOM_DOUBLE_BOOKED)));

  request.mutable_placement(0)->set_period(4);
  request.mutable_placement(1)->set_period(4);
  request.set_validate_only(false);
  status = env_.sections().MoveSection(SectioningEnv::Scheduler().get(), request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.applied());
  ASSERT_EQ(response.broken_students_size(), 1);
  EXPECT_EQ(response.broken_students(0).student(), "ann");
  v1::Section moved = Get("eng-a");
  EXPECT_EQ(moved.placement(0).period(), 4);
  EXPECT_EQ(moved.enrolled(), 2);  // the enrollments stay with the section
  EXPECT_EQ(Count("SELECT count(*) FROM schedule_changes WHERE action = 'SECTION_MOVE' AND "
                  "section_id = 'eng-a' AND actor = 'service:sis' AND reason LIKE 'Lopez%' AND "
                  "detail LIKE '%ann%'"),
            1);

  // A bad placement is refused by field.
  request.mutable_placement(1)->set_term("s7");
  status = env_.sections().MoveSection(SectioningEnv::Scheduler().get(), request, &response);
  EXPECT_THAT(ViolatedFields(status), Contains("placement[1].term"));
}

TEST_F(SectionsTest, PlacementGridByTeacherRoomAndCourse) {
  v1::Section a = YearSection("eng9", "t-lopez", "r101", 2);
  a.add_co_teachers("t-kim");
  MustCreate(a, "a");
  MustCreate(YearSection("bio", "t-kim", "lab1", 3), "b");
  v1::GetPlacementGridRequest request;
  request.set_parent(kTrial);
  request.set_view(v1::GetPlacementGridRequest::TEACHER);
  v1::PlacementGrid grid;
  grpc::Status status =
      env_.sections().GetPlacementGrid(SectioningEnv::Scheduler().get(), request, &grid);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(grid.cells_size(), 14);  // 2 terms × 7 periods
  const v1::PlacementGrid::Cell& s1p2 = grid.cells(1);
  EXPECT_EQ(s1p2.term(), "s1");
  EXPECT_EQ(s1p2.period(), 2);
  ASSERT_EQ(s1p2.groups_size(), 2);
  EXPECT_EQ(s1p2.groups(0).key(), "t-kim");
  EXPECT_EQ(s1p2.groups(1).key(), "t-lopez");
  EXPECT_THAT(s1p2.groups(1).sections(), ElementsAre(std::string(kTrial) + "/sections/a"));

  request.set_view(v1::GetPlacementGridRequest::ROOM);
  ASSERT_TRUE(
      env_.sections().GetPlacementGrid(SectioningEnv::Scheduler().get(), request, &grid).ok());
  EXPECT_EQ(grid.cells(9).groups(0).key(), "lab1");  // s2 period 3
  request.set_view(v1::GetPlacementGridRequest::COURSE);
  ASSERT_TRUE(
      env_.sections().GetPlacementGrid(SectioningEnv::Scheduler().get(), request, &grid).ok());
  EXPECT_EQ(grid.cells(9).groups(0).key(), "bio");

  request.set_view(v1::GetPlacementGridRequest::VIEW_UNSPECIFIED);
  status = env_.sections().GetPlacementGrid(SectioningEnv::Scheduler().get(), request, &grid);
  EXPECT_THAT(ViolatedFields(status), Contains("view"));
  request.set_parent("calendars/east-2026/trials/nope");
  request.set_view(v1::GetPlacementGridRequest::ROOM);
  EXPECT_EQ(env_.sections()
                .GetPlacementGrid(SectioningEnv::Scheduler().get(), request, &grid)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace secsched::sectioning::testing
