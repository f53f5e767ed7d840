// The catalog-setup, import and planning commands against fake CourseService, CatalogService and
// RequestPlanningService on a loopback port: what they send (the file's text, flags mapped to
// request fields, every page fetched) and the tables they print.
#include <gmock/gmock.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "tools/schedctl/command_line_for_test.h"

namespace secsched::schedctl {
namespace {

namespace catalog = secsched::catalog::v1;
namespace requests = secsched::requests::v1;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class FakeCourses final : public catalog::CourseService::Service {
 public:
  grpc::Status ImportCourses(grpc::ServerContext*, const catalog::ImportCoursesRequest* request,
                             catalog::ImportCoursesResponse* response) override {
    std::lock_guard lock(mutex_);
    last_import_ = *request;
    response->add_rows()->set_number("ENG9");
    response->add_rows()->set_number("ART1");
    response->set_created_count(1);
    response->set_updated_count(1);
    catalog::CourseFieldChange& change = *response->add_changes();
    change.set_course("calendars/c/courses/art1");
    change.set_field("max_students");
    change.set_old_value("24");
    change.set_new_value("28");
    return grpc::Status::OK;
  }

  // Two pages: eng9 then (page token "p2") art1.
  grpc::Status ListCourses(grpc::ServerContext*, const catalog::ListCoursesRequest* request,
                           catalog::ListCoursesResponse* response) override {
    std::lock_guard lock(mutex_);
    page_tokens_.push_back(request->page_token());
    catalog::Course& course = *response->add_courses();
    course.set_active(true);
    course.set_min_grade(9);
    course.set_max_grade(12);
    if (request->page_token().empty()) {
      course.set_name("calendars/c/courses/eng9");
      course.set_number("ENG9");
      response->set_next_page_token("p2");
    } else {
      course.set_name("calendars/c/courses/art1");
      course.set_number("ART1");
      course.set_sections_to_build(2);
    }
    return grpc::Status::OK;
  }

  catalog::ImportCoursesRequest last_import() {
    std::lock_guard lock(mutex_);
    return last_import_;
  }
  std::vector<std::string> page_tokens() {
    std::lock_guard lock(mutex_);
    return page_tokens_;
  }

 private:
  std::mutex mutex_;
  catalog::ImportCoursesRequest last_import_;
  std::vector<std::string> page_tokens_;
};

class FakeCalendars final : public catalog::CatalogService::Service {
 public:
  grpc::Status ReplaceTerms(grpc::ServerContext*, const catalog::ReplaceTermsRequest* request,
                            catalog::ListTermsResponse* response) override {
    std::lock_guard lock(mutex_);
    last_terms_ = *request;
    response->set_structure(request->structure());
    int i = 0;
    for (const catalog::Term& term : request->terms()) {
      catalog::Term& out = *response->add_terms();
      out = term;
      out.set_name(request->parent() + "/terms/s" + std::to_string(++i));
    }
    return grpc::Status::OK;
  }

  catalog::ReplaceTermsRequest last_terms() {
    std::lock_guard lock(mutex_);
    return last_terms_;
  }

 private:
  std::mutex mutex_;
  catalog::ReplaceTermsRequest last_terms_;
};

class FakePlanning final : public requests::RequestPlanningService::Service {
 public:
  grpc::Status CreateAutoLoadRule(grpc::ServerContext*,
                                  const requests::CreateAutoLoadRuleRequest* request,
                                  requests::AutoLoadRule* response) override {
    *response = request->auto_load_rule();
    response->set_name(request->parent() + "/autoLoadRules/" + request->auto_load_rule_id());
    return grpc::Status::OK;
  }

  grpc::Status GetConflictMatrix(grpc::ServerContext*,
                                 const requests::GetConflictMatrixRequest* request,
                                 requests::ConflictMatrix* response) override {
    std::lock_guard lock(mutex_);
    last_matrix_ = *request;
    for (auto [id, number] : {std::pair{"eng9", "ENG9"}, {"ap-lit", "AP-LIT"}}) {
      requests::ConflictMatrixCourse& course = *response->add_courses();
      course.set_course(request->parent() + "/courses/" + id);
      course.set_course_number(number);
    }
    requests::CoursePair& pair = *response->add_top_pairs();
    pair.set_course_a(request->parent() + "/courses/ap-lit");
    pair.set_course_b(request->parent() + "/courses/eng9");
    pair.set_students(17);
    pair.set_course_a_sections(1);
    pair.set_course_b_sections(1);
    pair.set_singleton_pair(true);
    response->set_students_counted(400);
    return grpc::Status::OK;
  }

  grpc::Status GetCourseTally(grpc::ServerContext*, const requests::GetCourseTallyRequest*,
                              requests::CourseTally* response) override {
    for (auto [number, primaries, shortfall] :
         {std::tuple{"ENG9", 100, false}, {"BAND", 61, true}}) {
      requests::CourseTallyRow& row = *response->add_courses();
      row.set_course_number(number);
      row.set_primaries(primaries);
      row.set_sections_needed(primaries / 28 + 1);
      row.set_teacher_shortfall(shortfall);
      row.set_active(true);
      requests::GradeCount& by_grade = *row.add_primaries_by_grade();
      by_grade.set_grade(9);
      by_grade.set_count(primaries);
    }
    response->set_sections_needed(7);
    response->set_teacher_sections_covered(5);
    response->set_teacher_section_shortage(2);
    return grpc::Status::OK;
  }

  requests::GetConflictMatrixRequest last_matrix() {
    std::lock_guard lock(mutex_);
    return last_matrix_;
  }

 private:
  std::mutex mutex_;
  requests::GetConflictMatrixRequest last_matrix_;
};

class ImportCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&courses_);
    builder.RegisterService(&calendars_);
    builder.RegisterService(&planning_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    csv_path_ = std::filesystem::temp_directory_path() /
                ("schedctl-import-test-" + std::to_string(port_) + ".csv");
    std::ofstream(csv_path_) << "number,max_students\nENG9,28\nART1,28\n";
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
    std::filesystem::remove(csv_path_);
  }

  // Every service at the fake, as --server would do.
  Outcome Run(std::vector<std::string> args) {
    const std::string address = "127.0.0.1:" + std::to_string(port_);
    return RunCommandLine(args, {{"SECSCHED_TOKEN", "test-token"},
                                 {"SECSCHED_CATALOG_ADDR", address},
                                 {"SECSCHED_REQUESTS_ADDR", address}});
  }

  FakeCourses courses_;
  FakeCalendars calendars_;
  FakePlanning planning_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::filesystem::path csv_path_;
};

TEST_F(ImportCommandsTest, CoursesImportSendsTheFileAndPrintsCountsAndChanges) {
  Outcome outcome =
      Run({"courses", "import", "--calendar", "c", "--file", csv_path_.string(), "--dry-run"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const catalog::ImportCoursesRequest sent = courses_.last_import();
  EXPECT_EQ(sent.parent(), "calendars/c");
  EXPECT_EQ(sent.csv_data(), "number,max_students\nENG9,28\nART1,28\n");
  EXPECT_TRUE(sent.dry_run());
  EXPECT_EQ(outcome.out,
            "rows       2\n"
            "created    1\n"
            "updated    1\n"
            "unchanged  0\n"
            "\n"
            "COURSE  FIELD         OLD  NEW\n"
            "art1    max_students  24   28\n"
            "dry run: nothing was written\n");
}

TEST_F(ImportCommandsTest, CoursesImportAsJsonPrintsTheWholeResponse) {
  Outcome outcome = Run(
      {"--output", "json", "courses", "import", "--calendar", "c", "--file", csv_path_.string()});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_FALSE(courses_.last_import().dry_run());
  EXPECT_THAT(outcome.out, StartsWith("{"));
  EXPECT_THAT(outcome.out, HasSubstr("\"created_count\": 1"));
  EXPECT_THAT(outcome.out, HasSubstr("\"number\": \"ART1\""));
}

TEST_F(ImportCommandsTest, AnUnreadableFileIsAUsageErrorAndSendsNothing) {
  Outcome outcome =
      Run({"courses", "import", "--calendar", "c", "--file", "/nonexistent/courses.csv"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, StartsWith("error: cannot read /nonexistent/courses.csv\n"));
  EXPECT_EQ(courses_.last_import().parent(), "");
}

TEST_F(ImportCommandsTest, CoursesListFetchesEveryPage) {
  Outcome outcome = Run({"courses", "list", "--calendar", "calendars/c"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(courses_.page_tokens(), (std::vector<std::string>{"", "p2"}));
  EXPECT_THAT(outcome.out, StartsWith("NUMBER  ID    NAME  DEPARTMENT  GRADES  TERM"));
  EXPECT_THAT(outcome.out, HasSubstr("\nENG9    eng9"));
  EXPECT_THAT(outcome.out, HasSubstr("\nART1    art1"));
  EXPECT_THAT(outcome.out, HasSubstr("9-12"));
  EXPECT_THAT(outcome.out, HasSubstr("\n2 courses\n"));
}

TEST_F(ImportCommandsTest, TermsReplaceSendsEveryRange) {
  Outcome outcome = Run({"terms", "replace", "--calendar", "c", "--structure", "semesters",
                         "--dates", "2026-08-24..2027-01-15,2027-01-19..2027-06-04"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const catalog::ReplaceTermsRequest sent = calendars_.last_terms();
  EXPECT_EQ(sent.structure(), catalog::SEMESTERS);
  ASSERT_EQ(sent.terms_size(), 2);
  EXPECT_EQ(sent.terms(1).start_date(), "2027-01-19");
  EXPECT_EQ(sent.terms(1).end_date(), "2027-06-04");
  EXPECT_THAT(outcome.out, HasSubstr("\ns2          2027-01-19  2027-06-04\n"));
}

TEST_F(ImportCommandsTest, BadSetupValuesAreUsageErrors) {
  EXPECT_THAT(Run({"terms", "replace", "--calendar", "c", "--structure", "semesters", "--dates",
                   "2026-08-24"})
                  .err,
              StartsWith("error: --dates: \"2026-08-24\" is not START..END\n"));
  EXPECT_EQ(Run({"terms", "replace", "--calendar", "c", "--structure", "halves", "--dates", "a..b"})
                .exit_code,
            2);
  EXPECT_EQ(Run({"days", "set", "--calendar", "c", "--first", "2026-08-24", "--last", "2027-06-04",
                 "--weekdays", "mon-fri"})
                .exit_code,
            2);
  EXPECT_EQ(calendars_.last_terms().parent(), "") << "nothing may be sent";
}

TEST_F(ImportCommandsTest, ConflictsAsksForTheTopPairsAndNamesCoursesByNumber) {
  Outcome outcome = Run({"requests", "conflicts", "--calendar", "c", "--top", "3"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_EQ(planning_.last_matrix().top_n(), 3);
  EXPECT_TRUE(planning_.last_matrix().top_only());
  EXPECT_EQ(outcome.out,
            "students_counted  400\n"
            "courses           2\n"
            "\n"
            "COURSE A  COURSE B  STUDENTS  SECTIONS A  SECTIONS B  KIND\n"
            "AP-LIT    ENG9      17        1           1           singleton\n");
  EXPECT_EQ(Run({"requests", "conflicts", "--calendar", "c", "--top", "many"}).exit_code, 2);
}

TEST_F(ImportCommandsTest, TallyPrintsARowPerCourseAndTotals) {
  Outcome outcome = Run({"requests", "tally", "--calendar", "c"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("\nBAND    61 "));
  EXPECT_THAT(outcome.out, HasSubstr(" 9:61 "));
  EXPECT_THAT(outcome.out, HasSubstr("2 courses: 161 primary requests, 0 alternates, 7 sections "
                                     "needed, 1 with a teacher shortfall; the teachers can give 5 "
                                     "of 7 sections together (short 2)\n"));
}

TEST_F(ImportCommandsTest, AutoloadCreateNamesTheCourseInTheCalendar) {
  Outcome outcome = Run({"--output", "json", "autoload", "create", "--calendar", "c", "--course",
                         "ENG9", "--grade", "9", "--required", "--id", "eng9-core"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_THAT(outcome.out, HasSubstr("\"course\": \"calendars/c/courses/eng9\""));
  EXPECT_THAT(outcome.out, HasSubstr("\"required\": true"));
  EXPECT_THAT(outcome.out, HasSubstr("\"name\": \"calendars/c/autoLoadRules/eng9-core\""));
}

}  // namespace
}  // namespace secsched::schedctl
