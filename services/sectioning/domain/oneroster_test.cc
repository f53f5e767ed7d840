// The OneRoster files from plain values: rows, references and the values each column takes.
#include "services/sectioning/domain/oneroster.h"

#include <gtest/gtest.h>

#include <map>

#include "common/csv/csv.h"

namespace secsched::sectioning {
namespace {

// file → rows as column → value.
using Records = std::vector<std::map<std::string, std::string>>;

std::map<std::string, Records> Parsed(const std::vector<OneRosterFile>& files) {
  std::map<std::string, Records> out;
  for (const OneRosterFile& f : files) {
    absl::StatusOr<csv::Table> table = csv::Parse(f.csv);
    EXPECT_TRUE(table.ok()) << f.name << ": " << table.status();
    if (!table.ok()) continue;
    Records& records = out[f.name];
    for (const csv::Row& row : table->rows) {
      EXPECT_EQ(row.fields.size(), table->header.size()) << f.name << " line " << row.line;
      std::map<std::string, std::string> record;
      for (size_t i = 0; i < table->header.size() && i < row.fields.size(); ++i) {
        record[table->header[i]] = row.fields[i];
      }
      records.push_back(std::move(record));
    }
  }
  return out;
}

const std::map<std::string, std::string>* Find(const Records& records, const std::string& id) {
  for (const auto& r : records) {
    if (r.at("sourcedId") == id) return &r;
  }
  return nullptr;
}

OneRosterCalendar EastCalendar() {
  OneRosterCalendar c;
  c.calendar = {.id = "east-2026",
                .school_id = "east-high",
                .terms = {{"s1", "2026-08-24", "2027-01-15"}, {"s2", "2027-01-19", "2027-06-04"}}};
  c.courses = {{.id = "eng9",
                .number = "ENG9",
                .display_name = "English 9",
                .department = "English",
                .min_grade = 9,
                .max_grade = 9},
               {.id = "art",
                .number = "ART1",
                .display_name = "Art",
                .department = "Arts",
                .min_grade = 10,
                .max_grade = 12},
               {.id = "old", .number = "OLD", .display_name = "Retired", .active = false}};
  c.teachers = {{.id = "t-ada", .staff_id = "S100", .display_name = "Ada Lovelace"},
                {.id = "t-bob", .staff_id = "", .display_name = "Bob"}};
  c.rooms = {{.id = "r101", .number = "101"}};
  c.students = {{.id = "st-1", .display_name = "Grace Hopper", .grade = 9},
                {.id = "st-2", .display_name = "Turing, Alan", .grade = 10},
                {.id = "st-gone", .display_name = "Left School", .grade = 11, .active = false}};
  c.schedule.trial = {"east-2026", "t1"};
  c.schedule.last_modified = std::chrono::system_clock::from_time_t(1796000000);  // 2026-11-30
  c.schedule.sections = {
      {.section_id = "eng9-1",
       .course_id = "eng9",
       .section_number = 1,
       .primary_teacher_id = "t-ada",
       .co_teacher_ids = {"t-bob"},
       .room_id = "r101",
       .meetings = {{"s1", 3, ""}, {"s2", 3, ""}, {"s1", 4, ""}}},
      {.section_id = "art-1", .course_id = "art", .section_number = 1}};  // not placed, unstaffed
  c.schedule.enrollments = {
      {.section_id = "eng9-1", .student_id = "st-1", .course_id = "eng9"},
      {.section_id = "art-1",
       .student_id = "st-gone",
       .course_id = "art",
       .start_date = "2026-09-01"},
      {.section_id = "art-1", .student_id = "st-x", .course_id = "art"}};  // unknown to requests
  return c;
}

TEST(OneRosterFilesTest, SevenFilesInTheBindingsOrderWithItsHeaders) {
  std::vector<OneRosterFile> files = OneRosterFiles({EastCalendar()});
  ASSERT_EQ(files.size(), 7u);
  const std::vector<std::string> names = {"manifest.csv",   "orgs.csv",    "academicSessions.csv",
                                          "courses.csv",    "classes.csv", "users.csv",
                                          "enrollments.csv"};
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(files[i].name, names[i]);
    EXPECT_NE(files[i].csv.find("\r\n"), std::string::npos);
  }
  EXPECT_EQ(files[4].csv.substr(0, files[4].csv.find("\r\n")),
            "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
            "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods");
}

TEST(OneRosterFilesTest, RecordsCarryDerivedIdsAndTheTrialsLastChange) {
  std::map<std::string, Records> f = Parsed(OneRosterFiles({EastCalendar()}));
  std::map<std::string, std::string> manifest;
  for (const auto& r : f["manifest.csv"]) manifest[r.at("propertyName")] = r.at("value");
  EXPECT_EQ(manifest["oneroster.version"], "1.1");
  EXPECT_EQ(manifest["file.users"], "bulk");
  EXPECT_EQ(manifest["file.demographics"], "absent");

  ASSERT_EQ(f["orgs.csv"].size(), 1u);
  EXPECT_EQ(f["orgs.csv"][0].at("sourcedId"), "org.east-high");
  EXPECT_EQ(f["orgs.csv"][0].at("dateLastModified"), "2026-11-30T00:53:20.000Z");

  const auto* year = Find(f["academicSessions.csv"], "year.east-2026");
  ASSERT_NE(year, nullptr);
  EXPECT_EQ(year->at("type"), "schoolYear");
  EXPECT_EQ(year->at("startDate"), "2026-08-24");
  EXPECT_EQ(year->at("endDate"), "2027-06-04");
  EXPECT_EQ(year->at("schoolYear"), "2027");
  const auto* s2 = Find(f["academicSessions.csv"], "term.east-2026.s2");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->at("parentSourcedId"), "year.east-2026");
  EXPECT_EQ(s2->at("type"), "semester");

  // Active courses and every course a section has; the retired course is left out.
  EXPECT_EQ(f["courses.csv"].size(), 2u);
  EXPECT_EQ(Find(f["courses.csv"], "course.east-2026.old"), nullptr);
  const auto* art = Find(f["courses.csv"], "course.east-2026.art");
  ASSERT_NE(art, nullptr);
  EXPECT_EQ(art->at("grades"), "10,11,12");
  EXPECT_EQ(art->at("courseCode"), "ART1");

  const auto* eng = Find(f["classes.csv"], "class.east-2026.eng9-1");
  ASSERT_NE(eng, nullptr);
  EXPECT_EQ(eng->at("title"), "English 9 - 1");
  EXPECT_EQ(eng->at("classCode"), "ENG9-1");
  EXPECT_EQ(eng->at("location"), "101");
  EXPECT_EQ(eng->at("periods"), "3,4");
  EXPECT_EQ(eng->at("termSourcedIds"), "term.east-2026.s1,term.east-2026.s2");
  // A section not placed yet runs the year: every term.
  EXPECT_EQ(Find(f["classes.csv"], "class.east-2026.art-1")->at("termSourcedIds"),
            "term.east-2026.s1,term.east-2026.s2");
}

TEST(OneRosterFilesTest, UsersAreStudentsTheEnrolledAndTheTeachersOfSections) {
  std::map<std::string, Records> f = Parsed(OneRosterFiles({EastCalendar()}));
  const Records& users = f["users.csv"];
  // st-1, st-2 (active), st-gone and st-x (enrolled), t-ada and t-bob (teaching).
  EXPECT_EQ(users.size(), 6u);
  const auto* grace = Find(users, "student.east-2026.st-1");
  ASSERT_NE(grace, nullptr);
  EXPECT_EQ(grace->at("givenName"), "Grace");
  EXPECT_EQ(grace->at("familyName"), "Hopper");
  EXPECT_EQ(grace->at("grades"), "09");
  EXPECT_EQ(grace->at("role"), "student");
  EXPECT_EQ(grace->at("orgSourcedIds"), "org.east-high");
  EXPECT_EQ(Find(users, "student.east-2026.st-2")->at("givenName"), "Alan");
  EXPECT_EQ(Find(users, "student.east-2026.st-x")->at("givenName"), "st-x");
  const auto* ada = Find(users, "teacher.east-2026.t-ada");
  ASSERT_NE(ada, nullptr);
  EXPECT_EQ(ada->at("username"), "S100");
  EXPECT_EQ(ada->at("role"), "teacher");
  EXPECT_EQ(Find(users, "teacher.east-2026.t-bob")->at("username"), "t-bob");
}

TEST(OneRosterFilesTest, EnrollmentsFlagThePrimaryTeacherAndReferToExistingRecords) {
  std::map<std::string, Records> f = Parsed(OneRosterFiles({EastCalendar()}));
  const Records& enrollments = f["enrollments.csv"];
  ASSERT_EQ(enrollments.size(), 5u);  // two teachers, three students
  const auto* ada = Find(enrollments, "teaching.east-2026.eng9-1.t-ada");
  ASSERT_NE(ada, nullptr);
  EXPECT_EQ(ada->at("primary"), "true");
  EXPECT_EQ(Find(enrollments, "teaching.east-2026.eng9-1.t-bob")->at("primary"), "false");
  const auto* gone = Find(enrollments, "enrollment.east-2026.art-1.st-gone");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->at("beginDate"), "2026-09-01");
  EXPECT_EQ(gone->at("role"), "student");
  for (const auto& e : enrollments) {
    EXPECT_NE(Find(f["classes.csv"], e.at("classSourcedId")), nullptr) << e.at("sourcedId");
    EXPECT_NE(Find(f["users.csv"], e.at("userSourcedId")), nullptr) << e.at("sourcedId");
  }
}

// The requests service's students through RequestsReader::Students (the snapshot's students).
class SnapshotReader final : public requests::RequestsReader {
 public:
  absl::StatusOr<requests::RequestsStudent> Student(std::string_view, std::string_view) override {
    return absl::UnimplementedError("the export reads whole calendars");
  }
  absl::StatusOr<std::vector<requests::RequestsCourseRule>> CourseRules(std::string_view,
                                                                        std::string_view) override {
    return absl::UnimplementedError("the export reads no rules");
  }
  absl::StatusOr<requests::RequestsSnapshot> Snapshot(std::string_view calendar_id) override {
    if (calendar_id == "down") return absl::UnavailableError("requests is down");
    requests::RequestsSnapshot snapshot;
    snapshot.students = {{.id = "st-1", .grade = 9, .display_name = "Grace Hopper"},
                         {.id = "st-2", .grade = 11, .active = false, .display_name = "Al"}};
    return snapshot;
  }
};

TEST(RequestsCalendarStudentsTest, KeepsIdNameGradeAndActiveAndPassesErrorsOn) {
  SnapshotReader reader;
  RequestsCalendarStudents students(reader);
  absl::StatusOr<std::vector<RosterStudent>> got = students.Students("east-2026");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].id, "st-1");
  EXPECT_EQ((*got)[0].display_name, "Grace Hopper");
  EXPECT_EQ((*got)[0].grade, 9);
  EXPECT_TRUE((*got)[0].active);
  EXPECT_FALSE((*got)[1].active);
  EXPECT_EQ(students.Students("down").status().code(), absl::StatusCode::kUnavailable);
}

TEST(OneRosterFilesTest, SplitsDisplayNames) {
  EXPECT_EQ(SplitDisplayName("Ada King Lovelace"),
            (std::pair<std::string, std::string>{"Ada King", "Lovelace"}));
  EXPECT_EQ(SplitDisplayName(" Lovelace , Ada "),
            (std::pair<std::string, std::string>{"Ada", "Lovelace"}));
  EXPECT_EQ(SplitDisplayName("Plato"), (std::pair<std::string, std::string>{"Plato", "Plato"}));
}

}  // namespace
}  // namespace secsched::sectioning
