// The catalog's integration-test environment: every catalog gRPC service on one in-process
// server, over real PostgreSQL (the `catalog` schema, all catalog migrations, in a database of
// its own) and the REAL access service in-process (AccessEnv), whose AccessClient is the
// catalog's AccessChecker — so authorization tests exercise CheckAccess and its Redis cache.
//
//   class MyTest : public CatalogEnvTest {};          // one environment per test suite
//   TEST_F(MyTest, Works) {
//     env().GrantSchedulingAccess("dana", "east-high");
//     v1::Calendar calendar;
//     ASSERT_TRUE(env().catalog().CreateCalendar(As("dana", {"scheduler"}).get(), request,
//                                                &calendar).ok());
//   }
//
// Each environment has a database of its own (not just a schema) because catalog SQL is written
// schema-qualified ("catalog.courses"), as docs/architecture.md describes; the connection's
// search_path is also `catalog`, so unqualified SQL works too.
#pragma once

#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "common/access/access_client.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/pg/pool.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "secsched/catalog/v1/reports.grpc.pb.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "services/access/tests/access_fixture.h"
#include "services/catalog/api/catalog_handler.h"
#include "services/catalog/api/course_handler.h"
#include "services/catalog/api/report_handler.h"
#include "services/catalog/api/resource_handler.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/calendar_setups.h"
#include "services/catalog/domain/course_masters.h"
#include "services/catalog/domain/courses.h"
#include "services/catalog/domain/school.h"
#include "services/catalog/storage/pg_calendar_repository.h"
#include "services/catalog/storage/pg_course_repository.h"
#include "services/catalog/storage/pg_report_repository.h"
#include "services/catalog/storage/pg_resource_repository.h"
#include "services/catalog/storage/pg_school_repository.h"

namespace secsched::catalog::testing {

struct CatalogEnvOptions {
  // Submission minimums (the --min-instructional-days / --min-instructional-minutes settings).
  SubmissionMinimums minimums;
  int pool_size = 4;
};

class CatalogEnv {
 public:
  explicit CatalogEnv(CatalogEnvOptions options = {});
  ~CatalogEnv();

  access::testing::AccessEnv& access() { return *access_env_; }
  pg::PgPool& pool() { return *pool_; }
  std::shared_ptr<grpc::Channel> channel() { return server_->channel(); }
  // The checker the catalog's domain objects use (the real client of the access service).
  access::AccessChecker& checker() { return *checker_; }
  // Which school owns a calendar, read from this environment's catalog (for calendar-scoped
  // services: access::AuthorizeCalendarAccess(caller, calendar_id, mode, calendar_schools(),
  // checker())).
  access::CalendarSchools& calendar_schools() { return *calendar_schools_; }

  v1::CatalogService::Stub& catalog() { return *catalog_stub_; }
  v1::CourseService::Stub& courses() { return *course_stub_; }
  v1::ResourceService::Stub& resources() { return *resource_stub_; }
  v1::ReportService::Stub& reports() { return *report_stub_; }

  // Makes `staff_id` a School Counselor with Secondary Scheduling access at `school_id` (waits
  // until CheckAccess allows it), and moves them to another school (revoking the first at once).
  void GrantSchedulingAccess(const std::string& staff_id, const std::string& school_id) {
    access_env_->GrantSchedulingAccess(staff_id, school_id);
  }
  void TransferTo(const std::string& staff_id, const std::string& new_school_id) {
    access_env_->TransferTo(staff_id, new_school_id);
  }

 private:
  CatalogEnvOptions options_;
  std::unique_ptr<access::testing::AccessEnv> access_env_;
  std::unique_ptr<access::AccessClient> checker_;
  std::unique_ptr<pg::PgPool> pool_;

  // Calendars and schools.
  std::unique_ptr<PgCalendarRepository> calendar_repository_;
  std::unique_ptr<PgSchoolRepository> school_repository_;
  std::unique_ptr<RepositoryCalendarSchools> calendar_schools_;
  std::unique_ptr<Schools> schools_;
  std::unique_ptr<Calendars> calendars_;
  std::unique_ptr<CalendarSetups> setups_;
  std::unique_ptr<CatalogHandler> catalog_handler_;
  // Courses and course masters.
  std::unique_ptr<PgCourseRepository> course_repository_;
  std::unique_ptr<Courses> courses_;
  std::unique_ptr<CourseMasters> course_masters_;
  std::unique_ptr<CourseHandler> course_handler_;
  // Teachers, rooms and reports.
  std::unique_ptr<PgResourceRepository> resource_repository_;
  std::unique_ptr<Resources> resources_;
  std::unique_ptr<ResourceHandler> resource_handler_;
  std::unique_ptr<PgReportRepository> report_repository_;
  std::unique_ptr<Reports> reports_;
  std::unique_ptr<ReportHandler> report_handler_;

  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<v1::CatalogService::Stub> catalog_stub_;
  std::unique_ptr<v1::CourseService::Stub> course_stub_;
  std::unique_ptr<v1::ResourceService::Stub> resource_stub_;
  std::unique_ptr<v1::ReportService::Stub> report_stub_;
};

// A context carrying a token for `subject` with `scopes` ("" = no token at all).
std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                        const std::vector<std::string>& scopes = {});

// Base for test suites: one CatalogEnv per suite (set up once; tests use distinct ids).
class CatalogEnvTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env_ = new CatalogEnv(); }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  static CatalogEnv& env() { return *env_; }

 private:
  static inline CatalogEnv* env_ = nullptr;
};

}  // namespace secsched::catalog::testing
