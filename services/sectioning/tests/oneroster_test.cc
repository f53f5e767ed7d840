// The OneRoster 1.1 export through the gRPC stream on seeded rows: the zip parsed back, every
// header checked against the 1.1 CSV binding's column lists (written out here, independently of
// the code), every reference resolved, two exports of an unchanged trial byte for byte the same,
// a change moving dateLastModified, the district export, and the refusals.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/csv/csv.h"
#include "common/status/grpc_status.h"
#include "common/status/status.h"
#include "common/zip/zip_archive.h"
#include "services/sectioning/tests/schedule_seed.h"
#include "services/sectioning/tests/sectioning_env.h"

namespace secsched::sectioning::testing {
namespace {

// The OneRoster v1.1 CSV binding: file → columns, in order.
const std::map<std::string, std::vector<std::string>> kBinding = {
    {"manifest.csv", {"propertyName", "value"}},
    {"orgs.csv",
     {"sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"}},
    {"academicSessions.csv",
     {"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
      "parentSourcedId", "schoolYear"}},
    {"courses.csv",
     {"sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode",
      "grades", "orgSourcedId", "subjects", "subjectCodes"}},
    {"classes.csv",
     {"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
      "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes",
      "periods"}},
    {"users.csv",
     {"sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username",
      "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone",
      "agentSourcedIds", "grades", "password"}},
    {"enrollments.csv",
     {"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
      "userSourcedId", "role", "primary", "beginDate", "endDate"}},
};

using Record = std::map<std::string, std::string>;
using Export = std::map<std::string, std::vector<Record>>;  // file → records

struct Fetched {
  grpc::Status status;
  std::string bytes;
  std::string filename;
  int64_t total_bytes = 0;
  int calendars = 0;
  int chunks = 0;
};

Fetched Fetch(SectioningEnv& env, const std::string& calendar,
              std::unique_ptr<grpc::ClientContext> context = SectioningEnv::Scheduler()) {
  v1::ExportOneRosterRequest request;
  request.set_calendar(calendar);
  Fetched out;
  auto reader = env.exports().ExportOneRoster(context.get(), request);
  v1::ExportChunk chunk;
  while (reader->Read(&chunk)) {
    if (out.chunks++ == 0) {
      out.filename = chunk.filename();
      out.total_bytes = chunk.total_bytes();
      out.calendars = chunk.calendars();
    }
    out.bytes += chunk.data();
  }
  out.status = reader->Finish();
  return out;
}

// The archive parsed: exactly the binding's files, each header exactly its columns.
Export Parse(const std::string& bytes) {
  Export out;
  absl::StatusOr<std::vector<zip::Entry>> entries = zip::ReadArchive(bytes);
  EXPECT_TRUE(entries.ok()) << entries.status();
  if (!entries.ok()) return out;
  std::set<std::string> names;
  for (const zip::Entry& entry : *entries) {
    names.insert(entry.name);
    auto binding = kBinding.find(entry.name);
    EXPECT_NE(binding, kBinding.end()) << "not a 1.1 file: " << entry.name;
    if (binding == kBinding.end()) continue;
    absl::StatusOr<csv::Table> table = csv::Parse(entry.data);
    EXPECT_TRUE(table.ok()) << entry.name << ": " << table.status();
    if (!table.ok()) continue;
    EXPECT_EQ(table->header, binding->second) << entry.name;
    for (const csv::Row& row : table->rows) {
      EXPECT_EQ(row.fields.size(), binding->second.size()) << entry.name << " line " << row.line;
      Record record;
      for (size_t i = 0; i < row.fields.size() && i < table->header.size(); ++i) {
        record[table->header[i]] = row.fields[i];
      }
      out[entry.name].push_back(std::move(record));
    }
  }
  EXPECT_EQ(names.size(), kBinding.size());
  return out;
}

std::set<std::string> Ids(const Export& e, const std::string& file) {
  std::set<std::string> ids;
  if (auto it = e.find(file); it != e.end()) {
    for (const Record& r : it->second) ids.insert(r.at("sourcedId"));
  }
  return ids;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Every enrollment's class, school and user exist; every class's course, school and terms exist;
// every course's school year and org exist; sourcedIds are unique in each file.
void ExpectReferencesResolve(const Export& e) {
  const std::set<std::string> orgs = Ids(e, "orgs.csv"), sessions = Ids(e, "academicSessions.csv"),
                              courses = Ids(e, "courses.csv"), classes = Ids(e, "classes.csv"),
                              users = Ids(e, "users.csv");
  for (const auto& [file, records] : e) {
    if (file == "manifest.csv") continue;
    EXPECT_EQ(Ids(e, file).size(), records.size()) << "repeated sourcedId in " << file;
  }
  for (const Record& r : e.at("enrollments.csv")) {
    EXPECT_TRUE(classes.contains(r.at("classSourcedId"))) << r.at("sourcedId");
    EXPECT_TRUE(users.contains(r.at("userSourcedId"))) << r.at("sourcedId");
    EXPECT_TRUE(orgs.contains(r.at("schoolSourcedId"))) << r.at("sourcedId");
  }
  for (const Record& r : e.at("classes.csv")) {
    EXPECT_TRUE(courses.contains(r.at("courseSourcedId"))) << r.at("sourcedId");
    EXPECT_TRUE(orgs.contains(r.at("schoolSourcedId"))) << r.at("sourcedId");
    EXPECT_FALSE(r.at("termSourcedIds").empty()) << r.at("sourcedId");
    for (const std::string& term : SplitList(r.at("termSourcedIds"))) {
      EXPECT_TRUE(sessions.contains(term)) << r.at("sourcedId") << " term " << term;
    }
  }
  for (const Record& r : e.at("courses.csv")) {
    EXPECT_TRUE(sessions.contains(r.at("schoolYearSourcedId"))) << r.at("sourcedId");
    EXPECT_TRUE(orgs.contains(r.at("orgSourcedId"))) << r.at("sourcedId");
  }
  for (const Record& r : e.at("users.csv")) {
    for (const std::string& org : SplitList(r.at("orgSourcedIds"))) {
      EXPECT_TRUE(orgs.contains(org)) << r.at("sourcedId");
    }
  }
}

const Record* Find(const Export& e, const std::string& file, const std::string& id) {
  for (const Record& r : e.at(file)) {
    if (r.at("sourcedId") == id) return &r;
  }
  return nullptr;
}

std::vector<std::string> BadFields(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(FromGrpcStatus(status))) {
    fields.push_back(v.field);
  }
  return fields;
}

const char kEast[] = "calendars/east-2026";

// east-2026, trial t1 (ACTIVE): three sections, four students; t2 (DRAFT) has its own section.
//   eng9-1  eng9  Ada (Bob co)  r101  s1 P1, s2 P1  st-1, st-2
//   art-1   art   Cy            r102  s1 P3 A       st-1, st-3 (left the school: inactive)
//   chem-1  chem  —             —     —             nobody (not placed, unstaffed)
class OneRosterExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string cal = SectioningEnv::kCalendar;
    env_.catalog().SetCourses(
        cal, {{.id = "art", .number = "ART1", .display_name = "Art", .department = "Arts"},
              {.id = "chem",
               .number = "CHEM",
               .display_name = "Chemistry",
               .department = "Science",
               .min_grade = 10},
              {.id = "eng9",
               .number = "ENG9",
               .display_name = "English 9",
               .department = "English",
               .max_grade = 9}});
    env_.catalog().SetTeachers(cal, {{.id = "t-ada", .staff_id = "S1", .display_name = "Ada L"},
                                     {.id = "t-bob", .staff_id = "S2", .display_name = "Bob M"},
                                     {.id = "t-cy", .staff_id = "S3", .display_name = "Cy N"}});
    env_.catalog().SetRooms(cal,
                            {{.id = "r101", .number = "101"}, {.id = "r102", .number = "102"}});
    env_.roster_students().Set(
        cal, {{.id = "st-1", .display_name = "Grace Hopper", .grade = 9},
              {.id = "st-2", .display_name = "Alan Turing", .grade = 9},
              {.id = "st-3", .display_name = "Old Timer", .grade = 12, .active = false},
              {.id = "st-4", .display_name = "Not Enrolled", .grade = 10}});
    SeedTrial(env_.pool(), trial_);
    SeedTrial(env_.pool(), {cal, "t2"});
    Section(trial_, "eng9-1", "eng9", "t-ada", {"t-bob"}, "r101", {{"s1", 1, ""}, {"s2", 1, ""}});
    Section(trial_, "art-1", "art", "t-cy", {}, "r102", {{"s1", 3, "A"}});
    Section(trial_, "chem-1", "chem", "", {}, "", {});
    Section({cal, "t2"}, "draft-1", "eng9", "t-ada", {}, "r101", {{"s1", 5, ""}});
    Enroll("eng9-1", "st-1", "eng9");
    Enroll("eng9-1", "st-2", "eng9");
    Enroll("art-1", "st-1", "art");
    Enroll("art-1", "st-3", "art");
    v1::ActivateTrialRequest activate;
    activate.set_name(std::string(kEast) + "/trials/t1");
    v1::Trial activated;
    grpc::Status s =
        env_.trials().ActivateTrial(SectioningEnv::Scheduler().get(), activate, &activated);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  void Section(const TrialKey& trial, std::string id, std::string course, std::string primary,
               std::vector<std::string> co, std::string room, std::vector<Meeting> meetings) {
    SeedSection(env_.pool(), {.calendar_id = trial.calendar_id,
                              .trial_id = trial.trial_id,
                              .section_id = std::move(id),
                              .course_id = std::move(course),
                              .primary_teacher_id = std::move(primary),
                              .co_teacher_ids = std::move(co),
                              .room_id = std::move(room),
                              .capacity = 25,
                              .meetings = std::move(meetings)});
  }
  void Enroll(std::string section, std::string student, std::string course) {
    SeedEnrollment(env_.pool(), {.calendar_id = trial_.calendar_id,
                                 .trial_id = trial_.trial_id,
                                 .section_id = std::move(section),
                                 .student_id = std::move(student),
                                 .course_id = std::move(course),
                                 .source = EnrollmentSource::kEngine,
                                 .request_rank = 0});
  }

  SectioningEnv env_;
  const TrialKey trial_{SectioningEnv::kCalendar, "t1"};
};

TEST_F(OneRosterExportTest, ACalendarsActiveTrialExportsTheBindingsFilesWithResolvingReferences) {
  Fetched fetched = Fetch(env_, kEast);
  ASSERT_TRUE(fetched.status.ok()) << fetched.status.error_message();
  EXPECT_EQ(fetched.filename, "oneroster_east-2026_t1.zip");
  EXPECT_EQ(fetched.total_bytes, static_cast<int64_t>(fetched.bytes.size()));
  EXPECT_EQ(fetched.calendars, 1);
  Export e = Parse(fetched.bytes);
  ASSERT_EQ(e.size(), kBinding.size());  // every file has rows
  ExpectReferencesResolve(e);

  // The active trial's sections only (not t2's), one class each.
  EXPECT_EQ(Ids(e, "classes.csv"),
            (std::set<std::string>{"class.east-2026.eng9-1", "class.east-2026.art-1",
                                   "class.east-2026.chem-1"}));
  const Record* eng = Find(e, "classes.csv", "class.east-2026.eng9-1");
  EXPECT_EQ(eng->at("periods"), "1");
  EXPECT_EQ(eng->at("location"), "101");
  EXPECT_EQ(eng->at("termSourcedIds"), "term.east-2026.s1,term.east-2026.s2");
  EXPECT_EQ(Find(e, "classes.csv", "class.east-2026.art-1")->at("termSourcedIds"),
            "term.east-2026.s1");
  // Students: the three active ones and the enrolled inactive one; teachers of the sections.
  EXPECT_EQ(Ids(e, "users.csv"),
            (std::set<std::string>{"student.east-2026.st-1", "student.east-2026.st-2",
                                   "student.east-2026.st-3", "student.east-2026.st-4",
                                   "teacher.east-2026.t-ada", "teacher.east-2026.t-bob",
                                   "teacher.east-2026.t-cy"}));
  EXPECT_EQ(Find(e, "users.csv", "student.east-2026.st-2")->at("familyName"), "Turing");
  EXPECT_EQ(Find(e, "users.csv", "teacher.east-2026.t-cy")->at("username"), "S3");
  // Enrollments: four students, three teachers (Ada primary, Bob co, Cy primary).
  EXPECT_EQ(e.at("enrollments.csv").size(), 7u);
  EXPECT_EQ(Find(e, "enrollments.csv", "teaching.east-2026.eng9-1.t-ada")->at("primary"), "true");
  EXPECT_EQ(Find(e, "enrollments.csv", "teaching.east-2026.eng9-1.t-bob")->at("primary"), "false");
  EXPECT_EQ(Find(e, "enrollments.csv", "enrollment.east-2026.art-1.st-3")->at("role"), "student");
  // One org, the school year and two terms.
  EXPECT_EQ(Ids(e, "orgs.csv"), std::set<std::string>{"org.east-high"});
  EXPECT_EQ(Ids(e, "academicSessions.csv"),
            (std::set<std::string>{"year.east-2026", "term.east-2026.s1", "term.east-2026.s2"}));
  // Every record is stamped with the same instant.
  std::set<std::string> stamps;
  for (const auto& [file, records] : e) {
    for (const Record& r : records) {
      if (file != "manifest.csv") stamps.insert(r.at("dateLastModified"));
    }
  }
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps.begin()->size(), std::string("2026-12-07T19:03:02.123Z").size());
}

TEST_F(OneRosterExportTest, AnUnchangedTrialExportsTheSameBytesAndAChangeMovesTheDate) {
  Fetched first = Fetch(env_, kEast);
  Fetched second = Fetch(env_, kEast);
  ASSERT_TRUE(first.status.ok() && second.status.ok());
  EXPECT_EQ(first.bytes, second.bytes);

  Enroll("chem-1", "st-4", "chem");
  Fetched changed = Fetch(env_, kEast);
  ASSERT_TRUE(changed.status.ok());
  EXPECT_NE(changed.bytes, first.bytes);
  Export before = Parse(first.bytes), after = Parse(changed.bytes);
  EXPECT_NE(Find(after, "enrollments.csv", "enrollment.east-2026.chem-1.st-4"), nullptr);
  // ISO 8601 UTC strings of the same shape compare as instants.
  EXPECT_GT(after.at("orgs.csv")[0].at("dateLastModified"),
            before.at("orgs.csv")[0].at("dateLastModified"));
  // The ids of what did not change stay the same.
  for (const char* file : {"classes.csv", "courses.csv", "users.csv"}) {
    EXPECT_EQ(Ids(after, file), Ids(before, file)) << file;
  }
}

TEST_F(OneRosterExportTest, TheDistrictHoldsEveryReadableCalendarWithAnActiveTrial) {
  // west-2026 has no active trial: refused alone, left out of the district.
  Fetched west = Fetch(env_, std::string("calendars/") + SectioningEnv::kOtherCalendar);
  EXPECT_EQ(west.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(west.bytes.empty());

  Fetched district = Fetch(env_, "calendars/-");
  ASSERT_TRUE(district.status.ok()) << district.status.error_message();
  EXPECT_EQ(district.filename, "oneroster_district.zip");
  EXPECT_EQ(district.calendars, 1);
  Export e = Parse(district.bytes);
  ExpectReferencesResolve(e);
  EXPECT_EQ(Ids(e, "classes.csv").size(), 3u);

  // A person with access at east-high only gets east; a person with none gets nothing.
  env_.access().GrantSchedulingAccess("dana", SectioningEnv::kSchool);
  Fetched dana = Fetch(env_, "calendars/-", SectioningEnv::As("dana"));
  ASSERT_TRUE(dana.status.ok()) << dana.status.error_message();
  EXPECT_EQ(dana.bytes, district.bytes);
  Fetched nobody = Fetch(env_, "calendars/-", SectioningEnv::As("erin"));
  EXPECT_EQ(nobody.status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(OneRosterExportTest, RefusesBadNamesCallersWithoutAccessAndNoToken) {
  Fetched bad = Fetch(env_, "calendar/east-2026");
  EXPECT_EQ(bad.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadFields(bad.status), std::vector<std::string>{"calendar"});
  Fetched denied = Fetch(env_, kEast, SectioningEnv::As("erin"));
  EXPECT_EQ(denied.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(denied.bytes.empty());
  Fetched anonymous = Fetch(env_, kEast, SectioningEnv::As(""));
  EXPECT_EQ(anonymous.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace secsched::sectioning::testing
