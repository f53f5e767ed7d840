// The requests service for integration tests: every RequestsService and RequestPlanningService
// (planning()) handler on an in-process gRPC server over real PostgreSQL (a fresh schema with
// the requests migrations), the REAL access
// service in-process (AccessEnv) answering CheckAccess, an in-memory catalog (StaticCatalogReader
// — the catalog *service* is faked, the database never is) and a static calendar → school map.
//
//   RequestsEnv env;                                    // calendar "east-2026" of "east-high"
//   env.catalog().SetCourses("east-2026", {...});
//   env.access().GrantSchedulingAccess("dana", "east-high");
//   env.stub().CreateStudent(RequestsEnv::As("dana").get(), request, &student);
#pragma once

#include <grpcpp/client_context.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/access/access_client.h"
#include "common/access/calendar_schools.h"
#include "common/catalog/catalog_reader.h"
#include "common/grpc/testing/in_process_server.h"
#include "common/pg/pool.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "services/access/tests/access_fixture.h"
#include "services/requests/api/planning_handler.h"
#include "services/requests/api/requests_handler.h"
#include "services/requests/storage/pg_constraint_repository.h"
#include "services/requests/storage/pg_planning_repository.h"
#include "services/requests/storage/pg_request_repository.h"
#include "services/requests/storage/pg_student_repository.h"
#include "services/requests/storage/pg_team_repository.h"

namespace secsched::requests::testing {

using access::StaticCalendarSchools;

class RequestsEnv {
 public:
  static constexpr char kCalendar[] = "east-2026";
  static constexpr char kSchool[] = "east-high";
  static constexpr char kOtherCalendar[] = "west-2026";
  static constexpr char kOtherSchool[] = "west-high";

  RequestsEnv();
  ~RequestsEnv();

  v1::RequestsService::Stub& stub() { return *stub_; }
  v1::RequestPlanningService::Stub& planning() { return *planning_stub_; }
  std::shared_ptr<grpc::Channel> channel() { return server_->channel(); }
  access::testing::AccessEnv& access() { return *access_; }
  catalog::StaticCatalogReader& catalog() { return catalog_; }
  StaticCalendarSchools& schools() { return schools_; }
  pg::PgPool& pool() { return *pool_; }
  const std::string& schema() const { return schema_; }

  // A context with a token for `subject` and `scopes` ("" subject = no token at all).
  static std::unique_ptr<grpc::ClientContext> As(const std::string& subject,
                                                 const std::vector<std::string>& scopes = {});
  // The scheduler service account: may read and write every calendar.
  static std::unique_ptr<grpc::ClientContext> Scheduler() {
    return As("service:sis", {"scheduler"});
  }

 private:
  std::unique_ptr<access::testing::AccessEnv> access_;
  std::string schema_;
  std::unique_ptr<pg::PgPool> pool_;
  catalog::StaticCatalogReader catalog_;
  StaticCalendarSchools schools_;
  std::unique_ptr<access::AccessClient> checker_;
  std::unique_ptr<PgStudentRepository> student_repository_;
  std::unique_ptr<PgTeamRepository> team_repository_;
  std::unique_ptr<PgRequestRepository> request_repository_;
  std::unique_ptr<PgConstraintRepository> constraint_repository_;
  std::unique_ptr<Students> students_;
  std::unique_ptr<Teams> teams_;
  std::unique_ptr<CourseRequests> course_requests_;
  std::unique_ptr<BulkRequests> bulk_;
  std::unique_ptr<StudentConstraints> constraints_;
  std::unique_ptr<RequestsHandler> handler_;
  // Other services of this binary (planning) add their domain objects and handlers here.
  std::unique_ptr<PgPlanningRepository> planning_repository_;
  std::unique_ptr<RequestPlanning> planning_;
  std::unique_ptr<PlanningHandler> planning_handler_;
  std::unique_ptr<InProcessServer> server_;
  std::unique_ptr<v1::RequestsService::Stub> stub_;
  std::unique_ptr<v1::RequestPlanningService::Stub> planning_stub_;
};

}  // namespace secsched::requests::testing
