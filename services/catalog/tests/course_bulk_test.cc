// Mass set and CSV import/export through gRPC with real PostgreSQL: dry run then apply (audited),
// bad mass sets changing nothing, an import with one bad row writing nothing, and the export →
// import round trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "common/pg/transaction.h"
#include "services/catalog/tests/course_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CourseBulk : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    env().GrantSchedulingAccess("dana", "east-high");
  }

  // 10 Math courses (MA-00..MA-09) and 5 English ones (EN-0..EN-4).
  static std::string CalendarWithCourses(const std::string& id, const std::string& year) {
    const std::string calendar = MakeCalendar(env(), "east-high", year, id);
    for (int i = 0; i < 10; ++i) {
      if (!CreateCourse(env(), As("dana").get(), calendar, "MA-0" + std::to_string(i), "Math")
               .ok()) {
        throw std::runtime_error("setup");
      }
    }
    for (int i = 0; i < 5; ++i) {
      if (!CreateCourse(env(), As("dana").get(), calendar, "EN-" + std::to_string(i), "English")
               .ok()) {
        throw std::runtime_error("setup");
      }
    }
    return calendar;
  }

  static v1::MassSetCoursesRequest MathMaxStudents(const std::string& calendar, int value,
                                                   bool dry_run) {
    v1::MassSetCoursesRequest request;
    request.set_parent(CalendarName(calendar));
    request.mutable_filter()->set_department("Math");
    request.mutable_update_mask()->add_paths("max_students");
    request.mutable_values()->set_max_students(value);
    request.set_dry_run(dry_run);
    return request;
  }

  static std::vector<int> MaxStudents(const std::string& calendar) {
    std::vector<int> values;
    for (const v1::Course& c : AllCourses(env(), calendar)) values.push_back(c.max_students());
    return values;
  }

  static long long AuditRows(const std::string& calendar) {
    long long count = -1;
    absl::Status s = pg::WithTransaction(env().pool(), [&](pqxx::work& tx) -> absl::Status {
      count = tx.exec_params(
                    "SELECT count(*) FROM catalog.course_mass_set_audit "
                    "WHERE calendar_id = $1",
                    calendar)[0][0]
                  .as<long long>();
      return absl::OkStatus();
    });
    return s.ok() ? count : -1;
  }

  static grpc::Status Import(const std::string& calendar, const std::string& csv,
                             v1::ImportCoursesResponse* response, bool dry_run = false) {
    v1::ImportCoursesRequest request;
    request.set_parent(CalendarName(calendar));
    request.set_csv_data(csv);
    request.set_dry_run(dry_run);
    return env().courses().ImportCourses(As("dana").get(), request, response);
  }

  static std::string Export(const std::string& calendar) {
    v1::ExportCoursesRequest request;
    request.set_parent(CalendarName(calendar));
    v1::ExportCoursesResponse response;
    grpc::Status status = env().courses().ExportCourses(As("dana").get(), request, &response);
    if (!status.ok()) throw std::runtime_error("ExportCourses: " + status.error_message());
    return response.csv_data();
  }
};

TEST_F(CourseBulk, DryRunReportsTheDiffThenApplyWritesAndAuditsIt) {
  const std::string calendar = CalendarWithCourses("east-mass", "2026-2027");
  v1::MassSetCoursesResponse preview;
  grpc::Status status = env().courses().MassSetCourses(
      As("dana").get(), MathMaxStudents(calendar, 28, /*dry_run=*/true), &preview);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(preview.matched_count(), 10);
  EXPECT_EQ(preview.changed_count(), 10);
  ASSERT_EQ(preview.changes_size(), 10);
  EXPECT_EQ(preview.changes(0).course(), CourseName(calendar, "ma-00"));
  EXPECT_EQ(preview.changes(0).field(), "max_students");
  EXPECT_EQ(preview.changes(0).old_value(), "30");
  EXPECT_EQ(preview.changes(0).new_value(), "28");
  EXPECT_EQ(preview.audit_id(), 0);
  EXPECT_THAT(MaxStudents(calendar), ::testing::Each(30));  // the dry run wrote nothing
  EXPECT_EQ(AuditRows(calendar), 0);

  v1::MassSetCoursesResponse applied;
  ASSERT_TRUE(env()
                  .courses()
                  .MassSetCourses(As("dana").get(), MathMaxStudents(calendar, 28, false), &applied)
                  .ok());
  EXPECT_EQ(applied.changed_count(), 10);
  EXPECT_GT(applied.audit_id(), 0);
  std::vector<int> after = MaxStudents(calendar);  // EN-* sort before MA-*
  EXPECT_EQ(std::count(after.begin(), after.end(), 28), 10);
  EXPECT_EQ(std::count(after.begin(), after.end(), 30), 5);
  EXPECT_EQ(AuditRows(calendar), 1);

  // The same mass set again matches everything and changes nothing (and is not audited).
  ASSERT_TRUE(env()
                  .courses()
                  .MassSetCourses(As("dana").get(), MathMaxStudents(calendar, 28, false), &applied)
                  .ok());
  EXPECT_EQ(applied.matched_count(), 10);
  EXPECT_EQ(applied.changed_count(), 0);
  EXPECT_EQ(AuditRows(calendar), 1);
}

TEST_F(CourseBulk, ABadMassSetChangesNothing) {
  const std::string calendar = CalendarWithCourses("east-mass-bad", "2027-2028");
  // A course made from a master that locks max_students, among the Math courses.
  v1::CreateCourseMasterRequest master_request;
  FillCourse(master_request.mutable_course_master(), "MA-LOCK", "Math");
  master_request.mutable_course_master()->add_locked_fields("max_students");
  v1::CourseMaster master;
  ASSERT_TRUE(env().courses().CreateCourseMaster(District().get(), master_request, &master).ok());
  v1::CreateCourseRequest from_master;
  from_master.set_parent(CalendarName(calendar));
  from_master.set_course_master(master.name());
  v1::Course locked;
  ASSERT_TRUE(env().courses().CreateCourse(As("dana").get(), from_master, &locked).ok());

  v1::MassSetCoursesResponse response;
  grpc::Status refused = env().courses().MassSetCourses(
      As("dana").get(), MathMaxStudents(calendar, 28, false), &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("MA-LOCK"));
  EXPECT_THAT(refused.error_message(), HasSubstr("max_students"));
  EXPECT_THAT(MaxStudents(calendar), ::testing::Each(30));

  // A value that would make one course invalid refuses the batch too.
  v1::UpdateCourseRequest narrow;
  narrow.mutable_course()->set_name(CourseName(calendar, "ma-05"));
  narrow.mutable_course()->set_max_grade(10);
  narrow.mutable_update_mask()->add_paths("max_grade");
  v1::Course narrowed;
  ASSERT_TRUE(env().courses().UpdateCourse(As("dana").get(), narrow, &narrowed).ok());
  v1::MassSetCoursesRequest grades;
  grades.set_parent(CalendarName(calendar));
  grades.mutable_filter()->set_number_prefix("MA-0");
  grades.mutable_update_mask()->add_paths("min_grade");
  grades.mutable_values()->set_min_grade(11);
  refused = env().courses().MassSetCourses(As("dana").get(), grades, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(), HasSubstr("MA-05"));
  for (const v1::Course& c : AllCourses(env(), calendar)) EXPECT_EQ(c.min_grade(), 9);

  // Numbers cannot be mass set; bad values are field violations.
  v1::MassSetCoursesRequest numbers = MathMaxStudents(calendar, 500, false);
  numbers.mutable_update_mask()->add_paths("number");
  refused = env().courses().MassSetCourses(As("dana").get(), numbers, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("update_mask", "values.max_students"));
  EXPECT_EQ(AuditRows(calendar), 0);
}

TEST_F(CourseBulk, AnImportWithOneBadRowWritesNothing) {
  const std::string calendar = MakeCalendar(env(), "east-high", "2028-2029", "east-import-bad");
  const std::string csv =
      "number,display_name,department,credits,min_grade,max_grade,max_students\n"
      "ENG9,English 9,English,1,9,9,30\n"
      "ENG10,English 10,English,1,10,10,30\n"
      "ART1,\"Art, Studio\",Arts,half,9,12,24\n"
      "MA-1,Algebra 1,Math,1,9,12,30\n";
  v1::ImportCoursesResponse response;
  grpc::Status status = Import(calendar, csv, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("rows[4].credits"));
  EXPECT_TRUE(AllCourses(env(), calendar).empty());

  // Fixed, it imports all four.
  std::string fixed = csv;
  fixed.replace(fixed.find("half"), 4, "0.5");
  status = Import(calendar, fixed, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.created_count(), 4);
  EXPECT_EQ(AllCourses(env(), calendar).size(), 4u);

  // A repeated number and a new course without name and department: errors per line.
  status = Import(calendar, "number,max_students\nENG9,20\nENG9,25\nNEW1,30\n", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("rows[3].number", "rows[4].display_name", "rows[4].department"));
  for (const v1::Course& c : AllCourses(env(), calendar)) EXPECT_NE(c.max_students(), 20);
}

TEST_F(CourseBulk, ExportThenImportRoundTrips) {
  const std::string calendar = CalendarWithCourses("east-export", "2029-2030");
  v1::UpdateCourseRequest tags;
  tags.mutable_course()->set_name(CourseName(calendar, "en-1"));
  tags.mutable_course()->set_display_name("English, \"Honors\"");
  tags.mutable_course()->add_tags("honors");
  tags.mutable_course()->add_tags("ap");
  tags.mutable_update_mask()->add_paths("display_name");
  tags.mutable_update_mask()->add_paths("tags");
  v1::Course updated;
  ASSERT_TRUE(env().courses().UpdateCourse(As("dana").get(), tags, &updated).ok());
  const std::string exported = Export(calendar);
  EXPECT_THAT(exported, HasSubstr("\"English, \"\"Honors\"\"\""));

  // Into the same calendar: every row unchanged.
  v1::ImportCoursesResponse same;
  ASSERT_TRUE(Import(calendar, exported, &same).ok());
  EXPECT_EQ(same.unchanged_count(), 15);
  EXPECT_EQ(same.changes_size(), 0);

  // Into an empty calendar: the same export comes back out.
  const std::string copy = MakeCalendar(env(), "east-high", "2030-2031", "east-export-copy");
  v1::ImportCoursesResponse created;
  ASSERT_TRUE(Import(copy, exported, &created, /*dry_run=*/true).ok());
  EXPECT_EQ(created.created_count(), 15);
  EXPECT_TRUE(AllCourses(env(), copy).empty());  // dry run
  ASSERT_TRUE(Import(copy, exported, &created).ok());
  EXPECT_EQ(Export(copy), exported);

  // An edited sheet updates only what changed.
  std::string edited = exported;
  edited.replace(edited.find("Course MA-03"), 12, "Geometry");
  v1::ImportCoursesResponse changed;
  ASSERT_TRUE(Import(copy, edited, &changed).ok());
  EXPECT_EQ(changed.updated_count(), 1);
  ASSERT_EQ(changed.changes_size(), 1);
  EXPECT_EQ(changed.changes(0).field(), "display_name");
  EXPECT_EQ(changed.changes(0).new_value(), "Geometry");
  EXPECT_THAT(Export(copy), HasSubstr("MA-03,Geometry,Math"));
}

}  // namespace
}  // namespace secsched::catalog::testing
