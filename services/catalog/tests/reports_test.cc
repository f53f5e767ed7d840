// Ad hoc reports through gRPC with real PostgreSQL: every entity and field, filters (text and
// structured), paging, CSV output, saved definitions run twice, and refusals.
#include <gmock/gmock.h>

#include "services/catalog/storage/pg_report_repository.h"
#include "services/catalog/tests/resource_test_helpers.h"

namespace secsched::catalog::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kCalendar = "rep-2026";
const std::string kSchool = "rep-high";

class AdHocReports : public CatalogEnvTest {
 protected:
  static void SetUpTestSuite() {
    CatalogEnvTest::SetUpTestSuite();
    CreateResourceCalendar(env(), kCalendar, kSchool,
                           {{"ENG9", "English"},
                            {"ENG10", "English"},
                            {"ENG11", "English"},
                            {"MA-210", "Math"},
                            {"SCI-1", "Science"}});
    v1::ImportTeachersRequest teachers;
    teachers.set_parent(Name(kCalendar));
    teachers.set_csv_data(
        "staff_id,name,departments,can_teach,max_sections,unavailable\n"
        "amy,Amy Reyes,English;Drama,ENG9,5,1@s1\n"
        "ben,Ben Cho,Math,MA-210,6,\n");
    v1::ImportResourcesResponse counts;
    grpc::Status s = env().resources().ImportTeachers(Scheduler().get(), teachers, &counts);
    ASSERT_TRUE(s.ok()) << s.error_message();
    v1::ImportRoomsRequest rooms;
    rooms.set_parent(Name(kCalendar));
    rooms.set_csv_data("number,capacity,type\nB-104,28,lab\nGYM,60,gym\nA-1,30,regular\n");
    s = env().resources().ImportRooms(Scheduler().get(), rooms, &counts);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  static grpc::Status Run(v1::RunReportRequest request, v1::RunReportResponse *out) {
    if (request.parent().empty()) request.set_parent(Name(kCalendar));
    return env().reports().RunReport(Scheduler().get(), request, out);
  }

  static v1::RunReportRequest Inline(v1::ReportEntity entity, const std::string &filter,
                                     const std::vector<std::string> &fields) {
    v1::RunReportRequest request;
    request.mutable_definition()->set_entity(entity);
    request.mutable_definition()->set_filter(filter);
    for (const std::string &f : fields) request.mutable_definition()->add_fields(f);
    return request;
  }

  static std::vector<std::string> Column(const v1::RunReportResponse &response, int index) {
    std::vector<std::string> values;
    for (const v1::ReportRow &row : response.rows()) values.push_back(row.values(index));
    return values;
  }
};

TEST_F(AdHocReports, FiltersCoursesWithTheTextForm) {
  v1::RunReportResponse response;
  grpc::Status s = Run(Inline(v1::COURSES, R"(department = "English" AND number != ENG10)",
                              {"number", "department", "credits", "active", "tags"}),
                       &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_THAT(response.columns(), ElementsAre("number", "department", "credits", "active", "tags"));
  EXPECT_THAT(Column(response, 0), ElementsAre("ENG11", "ENG9"));  // ordered by id
  EXPECT_EQ(response.rows(0).values(2), "1");                      // numeric without zeros
  EXPECT_EQ(response.rows(0).values(3), "true");
  EXPECT_EQ(response.row_count(), 2);
  EXPECT_TRUE(response.next_page_token().empty());
}

TEST_F(AdHocReports, StructuredConditionsAndEveryOperatorKind) {
  v1::RunReportRequest request;
  v1::ReportDefinition *d = request.mutable_definition();
  d->set_entity(v1::ROOMS);
  d->add_fields("number");
  v1::ReportCondition *c = d->add_conditions();
  c->set_field("capacity");
  c->set_op(v1::ReportCondition::GREATER_OR_EQUAL);
  c->set_value("30");
  v1::RunReportResponse response;
  ASSERT_TRUE(Run(request, &response).ok());
  EXPECT_THAT(Column(response, 0), ::testing::UnorderedElementsAre("GYM", "A-1"));

  struct Case {
    v1::ReportEntity entity;
    std::string filter;
    std::vector<std::string> ids_or_numbers;
    std::string field;
  };
  for (const Case &k : std::vector<Case>{
           {v1::COURSES, "number prefix ENG", {"ENG10", "ENG11", "ENG9"}, "number"},
           {v1::COURSES, "display_name contains \"course ma\"", {"MA-210"}, "number"},
           {v1::COURSES,
            "max_students < 31 AND max_students > 29",
            {"ENG10", "ENG11", "ENG9", "MA-210", "SCI-1"},
            "number"},
           {v1::TEACHERS, "departments contains Drama", {"amy"}, "staff_id"},
           {v1::TEACHERS, "unavailable contains 1@s1", {"amy"}, "staff_id"},
           {v1::TEACHERS, "can_teach_courses contains ma-210", {"ben"}, "staff_id"},
           {v1::TEACHERS, "active = false", {}, "staff_id"},
           {v1::ROOMS, "room_type = lab", {"B-104"}, "number"},
           {v1::TERMS, "start_date >= 2027-01-01", {"s2"}, "id"},
           {v1::TERMS, "sequence <= 2", {"s1", "s2"}, "id"},
           // A value full of SQL is only ever a value.
           {v1::COURSES, R"(number = "x' OR '1'='1")", {}, "number"},
       }) {
    v1::RunReportResponse out;
    grpc::Status s = Run(Inline(k.entity, k.filter, {k.field}), &out);
    ASSERT_TRUE(s.ok()) << k.filter << ": " << s.error_message();
    EXPECT_EQ(Column(out, 0), k.ids_or_numbers) << k.filter;
  }
}

TEST_F(AdHocReports, EveryFieldOfEveryEntityCanBeSelected) {
  for (v1::ReportEntity entity : {v1::COURSES, v1::TEACHERS, v1::ROOMS, v1::TERMS}) {
    v1::RunReportResponse out;
    grpc::Status s = Run(Inline(entity, "", {}), &out);  // no fields = all of them
    ASSERT_TRUE(s.ok()) << v1::ReportEntity_Name(entity) << ": " << s.error_message();
    EXPECT_EQ(out.columns(0), "id");
    ASSERT_GT(out.rows_size(), 0) << v1::ReportEntity_Name(entity);
    EXPECT_EQ(out.rows(0).values_size(), out.columns_size());
  }
  v1::RunReportResponse teachers;
  ASSERT_TRUE(
      Run(Inline(v1::TEACHERS, "staff_id = amy", {"departments", "unavailable", "max_sections"}),
          &teachers)
          .ok());
  EXPECT_THAT(teachers.rows(0).values(), ElementsAre("English;Drama", "1@s1", "5"));
  v1::RunReportResponse terms;
  ASSERT_TRUE(Run(Inline(v1::TERMS, "id = s1", {"start_date", "end_date"}), &terms).ok());
  EXPECT_THAT(terms.rows(0).values(), ElementsAre("2026-08-24", "2026-12-18"));
}

TEST_F(AdHocReports, PagesThroughRows) {
  v1::RunReportRequest request = Inline(v1::COURSES, "", {"number"});
  request.set_page_size(2);
  std::vector<std::string> numbers;
  int pages = 0;
  do {
    v1::RunReportResponse out;
    ASSERT_TRUE(Run(request, &out).ok());
    for (const auto &row : out.rows()) numbers.push_back(row.values(0));
    request.set_page_token(out.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(numbers, ElementsAre("ENG10", "ENG11", "ENG9", "MA-210", "SCI-1"));
}

TEST_F(AdHocReports, CsvOutput) {
  v1::RunReportRequest request =
      Inline(v1::ROOMS, "capacity < 50", {"number", "capacity", "room_type"});
  request.set_format(v1::CSV);
  request.set_page_size(1);  // CSV ignores paging: every row
  v1::RunReportResponse out;
  ASSERT_TRUE(Run(request, &out).ok());
  EXPECT_EQ(out.row_count(), 2);
  EXPECT_EQ(out.rows_size(), 0);
  // Rooms are ordered by id (generated), so check the lines, not their order.
  EXPECT_THAT(out.csv_data(), ::testing::StartsWith("number,capacity,room_type\r\n"));
  EXPECT_THAT(out.csv_data(), HasSubstr("B-104,28,lab\r\n"));
  EXPECT_THAT(out.csv_data(), HasSubstr("A-1,30,regular\r\n"));
  EXPECT_THAT(out.csv_data(), ::testing::Not(HasSubstr("GYM")));
}

TEST_F(AdHocReports, ASavedReportRunsTwice) {
  v1::SaveReportDefinitionRequest save;
  v1::ReportDefinition *d = save.mutable_report_definition();
  d->set_name("schools/" + kSchool + "/reports/busy-teachers");
  d->set_display_name("Teachers with 5 or more sections");
  d->set_entity(v1::TEACHERS);
  d->add_fields("staff_id");
  d->add_fields("max_sections");
  d->set_filter("max_sections >= 5");
  v1::ReportDefinition saved;
  grpc::Status s = env().reports().SaveReportDefinition(Scheduler().get(), save, &saved);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(saved.filter(), "max_sections >= 5");
  ASSERT_EQ(saved.conditions_size(), 1);
  EXPECT_EQ(saved.conditions(0).op(), v1::ReportCondition::GREATER_OR_EQUAL);
  EXPECT_EQ(saved.creator(), "service:scheduling");

  v1::RunReportRequest run;
  run.set_report(saved.name());
  v1::RunReportResponse first;
  ASSERT_TRUE(Run(run, &first).ok());
  EXPECT_THAT(Column(first, 0), ::testing::UnorderedElementsAre("amy", "ben"));

  // The definition is stored, not the rows: a second run sees the catalog as it is now. (The new
  // teacher teaches Art only, outside every other test's filters.)
  v1::CreateTeacherRequest add;
  add.set_parent(Name(kCalendar));
  add.mutable_teacher()->set_staff_id("cy");
  add.mutable_teacher()->set_display_name("Cy Moss");
  add.mutable_teacher()->add_departments("Art");
  add.mutable_teacher()->set_max_sections(7);
  add.mutable_teacher()->set_active(true);
  v1::Teacher added;
  s = env().resources().CreateTeacher(Scheduler().get(), add, &added);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::RunReportResponse second;
  ASSERT_TRUE(Run(run, &second).ok());
  EXPECT_THAT(Column(second, 0), ::testing::UnorderedElementsAre("amy", "ben", "cy"));

  // Saving the same name replaces it; list, get, delete.
  d->set_filter("max_sections >= 6 AND departments contains Art");
  ASSERT_TRUE(env().reports().SaveReportDefinition(Scheduler().get(), save, &saved).ok());
  v1::RunReportResponse third;
  ASSERT_TRUE(Run(run, &third).ok());
  EXPECT_THAT(Column(third, 0), ElementsAre("cy"));

  v1::ListReportDefinitionsRequest list;
  list.set_parent("schools/" + kSchool);
  v1::ListReportDefinitionsResponse listed;
  ASSERT_TRUE(env().reports().ListReportDefinitions(Scheduler().get(), list, &listed).ok());
  ASSERT_EQ(listed.report_definitions_size(), 1);
  EXPECT_EQ(listed.report_definitions(0).display_name(), "Teachers with 5 or more sections");

  v1::DeleteReportDefinitionRequest remove;
  remove.set_name(saved.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(env().reports().DeleteReportDefinition(Scheduler().get(), remove, &empty).ok());
  v1::GetReportDefinitionRequest get;
  get.set_name(saved.name());
  EXPECT_EQ(env().reports().GetReportDefinition(Scheduler().get(), get, &saved).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Run(run, &first).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AdHocReports, UnknownFieldsAndBadFiltersAreInvalidArguments) {
  v1::RunReportResponse out;
  grpc::Status s = Run(Inline(v1::COURSES, "password = x", {"number"}), &out);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("definition.conditions[0].field"));

  s = Run(Inline(v1::ROOMS, "", {"number", "credits"}), &out);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("definition.fields"));
  s = Run(Inline(v1::COURSES, "max_students >= many", {}), &out);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("definition.conditions[0].value"));
  s = Run(Inline(v1::COURSES, "number = ENG9 OR 1 = 1", {}), &out);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("definition.filter"));
  s = Run(Inline(v1::REPORT_ENTITY_UNSPECIFIED, "", {}), &out);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("definition.entity"));

  v1::RunReportRequest neither;
  EXPECT_EQ(Run(neither, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::RunReportRequest other_school;
  other_school.set_report("schools/another-high/reports/x");
  s = Run(other_school, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(ViolatedFields(s), ElementsAre("report"));
  v1::RunReportRequest no_calendar = Inline(v1::COURSES, "", {});
  no_calendar.set_parent("calendars/no-such-calendar");
  EXPECT_EQ(Run(no_calendar, &out).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::SaveReportDefinitionRequest save;
  save.mutable_report_definition()->set_name("schools/" + kSchool + "/reports/bad");
  save.mutable_report_definition()->set_entity(v1::TEACHERS);
  save.mutable_report_definition()->add_fields("capacity");
  v1::ReportDefinition saved;
  s = env().reports().SaveReportDefinition(Scheduler().get(), save, &saved);
  EXPECT_THAT(ViolatedFields(s),
              ElementsAre("report_definition.display_name", "report_definition.fields"));
}

TEST(ReportSql, ValuesAreParametersAndNamesComeFromTheTable) {
  ReportQuery query{.calendar_id = "c1",
                    .entity = ReportEntity::kCourses,
                    .fields = {"number", "tags"},
                    .conditions = {{"department", FilterOp::kEqual, "x'; DROP TABLE y; --"},
                                   {"tags", FilterOp::kContains, "ap"}},
                    .limit = 10};
  absl::StatusOr<ReportSql> sql = BuildReportSql(query);
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_THAT(sql->sql, ::testing::Not(HasSubstr("DROP")));
  EXPECT_THAT(sql->sql, HasSubstr("department = $4::text"));
  EXPECT_THAT(sql->sql, HasSubstr("$5::text = ANY(tags)"));
  EXPECT_THAT(sql->params, ElementsAre("c1", "", "11", "x'; DROP TABLE y; --", "ap"));
  query.fields = {"number; DELETE"};
  EXPECT_EQ(BuildReportSql(query).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace secsched::catalog::testing
