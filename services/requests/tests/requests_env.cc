#include "services/requests/tests/requests_env.h"

#include <stdexcept>

#include "common/grpc/client.h"
#include "common/pg/request_ids.h"
#include "common/service/service_main.h"
#include "common/testing/servers.h"
#include "services/requests/migrations/embedded_migrations.h"

namespace secsched::requests::testing {

RequestsEnv::RequestsEnv() {
  access_ = std::make_unique<access::testing::AccessEnv>();
  schema_ = secsched::testing::UniqueName("requests");
  auto pool = pg::PgPool::Create(
      {.url = UrlWithSearchPath(access::testing::SharedDatabaseUrl(), schema_), .size = 4});
  if (!pool.ok()) throw std::runtime_error(pool.status().ToString());
  pool_ = *std::move(pool);
  std::vector<pg::MigrationFile> migrations = migrations::Migrations();
  migrations.push_back(pg::RequestIdsTableMigration(101));
  if (absl::Status s = MigrateSchema(*pool_, schema_, migrations); !s.ok()) {
    throw std::runtime_error(s.ToString());
  }
  schools_.Set(kCalendar, kSchool);
  schools_.Set(kOtherCalendar, kOtherSchool);
  checker_ = std::make_unique<access::AccessClient>(
      access_->channel(), access::MintingTokenSource(TestJwtConfig(), "requests"),
      &access_->redis(), access_->cache_options());

  student_repository_ = std::make_unique<PgStudentRepository>(*pool_);
  team_repository_ = std::make_unique<PgTeamRepository>(*pool_);
  request_repository_ = std::make_unique<PgRequestRepository>(*pool_);
  constraint_repository_ = std::make_unique<PgConstraintRepository>(*pool_);
  students_ = std::make_unique<Students>(*student_repository_, schools_, *checker_);
  teams_ = std::make_unique<Teams>(*team_repository_, schools_, *checker_);
  course_requests_ =
      std::make_unique<CourseRequests>(*request_repository_, catalog_, schools_, *checker_);
  bulk_ = std::make_unique<BulkRequests>(*request_repository_, catalog_, schools_, *checker_);
  constraints_ =
      std::make_unique<StudentConstraints>(*constraint_repository_, catalog_, schools_, *checker_);
  handler_ = std::make_unique<RequestsHandler>(RequestsDomain{.students = *students_,
                                                              .teams = *teams_,
                                                              .requests = *course_requests_,
                                                              .bulk = *bulk_,
                                                              .constraints = *constraints_},
                                               TestJwtVerifier());

  std::vector<InProcessServer::ServiceToServe> services = {
      {handler_.get(), "secsched.requests.v1.RequestsService"}};
  // ---- Planning (reqplan).
  planning_repository_ = std::make_unique<PgPlanningRepository>(*pool_);
  planning_ = std::make_unique<RequestPlanning>(*planning_repository_, *request_repository_,
                                                catalog_, schools_, *checker_);
  planning_handler_ = std::make_unique<PlanningHandler>(*planning_, TestJwtVerifier());
  services.push_back({planning_handler_.get(), "secsched.requests.v1.RequestPlanningService"});
  server_ = std::make_unique<InProcessServer>(std::move(services));
  stub_ = v1::RequestsService::NewStub(server_->channel());
  planning_stub_ = v1::RequestPlanningService::NewStub(server_->channel());
}

RequestsEnv::~RequestsEnv() {
  server_.reset();  // stop serving before the handlers go away
}

std::unique_ptr<grpc::ClientContext> RequestsEnv::As(const std::string& subject,
                                                     const std::vector<std::string>& scopes) {
  return access::testing::AccessEnv::As(subject, scopes);
}

}  // namespace secsched::requests::testing
