#include "services/access/tests/access_fixture.h"

#include <stdexcept>

#include "common/api/timestamps.h"
#include "common/grpc/client.h"
#include "common/jobs/jobs_migration.h"
#include "common/service/service_main.h"
#include "common/testing/servers.h"
#include "services/access/api/proto_convert.h"
#include "services/access/migrations/embedded_migrations.h"

namespace secsched::access::testing {
namespace {

class DroppingEvaluationQueue final : public EvaluationQueue {
 public:
  absl::Status Enqueue(std::string_view) override { return absl::OkStatus(); }
};

void Check(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + ": " + status.error_message());
}

}  // namespace

const std::string& SharedDatabaseUrl() {
  static const std::string url = secsched::testing::FreshDatabaseUrl();
  return url;
}

AccessEnv::AccessEnv(AccessEnvOptions options) : options_(options) {
  schema_ = secsched::testing::UniqueName("access");
  cache_options_.prefix = secsched::testing::UniqueName("access_cache");
  auto pool = pg::PgPool::Create(
      {.url = UrlWithSearchPath(SharedDatabaseUrl(), schema_), .size = options.pool_size});
  if (!pool.ok()) throw std::runtime_error(pool.status().ToString());
  pool_ = *std::move(pool);
  std::vector<pg::MigrationFile> migrations = migrations::Migrations();
  migrations.push_back(jobs::JobsTableMigration(100));
  if (absl::Status s = MigrateSchema(*pool_, schema_, migrations); !s.ok()) {
    throw std::runtime_error(s.ToString());
  }
  auto redis_options = redis::RedisOptions::FromUrl(secsched::testing::SharedRedis().url());
  redis_ = std::make_unique<redis::RedisConnections>(*redis_options);
  clock_ = std::make_unique<ManualDistrictClock>(*LoadDistrictTimeZone("America/Denver"), Time());
  SetDay(options.start_day);
  repository_ = std::make_unique<PgAccessRepository>(*pool_);
  shared_cache_ = std::make_unique<RedisDecisionCache>(*redis_, cache_options_);
  cache_ = std::make_unique<RedisDecisionCacheAdapter>(*shared_cache_);
  store_ = std::make_unique<jobs::JobStore>(*pool_);
  queue_ = std::make_unique<jobs::JobQueue>(
      *redis_,
      jobs::JobQueueOptions{.stream_prefix = secsched::testing::UniqueName("access_jobs")});
  if (options.drop_evaluations) {
    evaluations_ = std::make_unique<DroppingEvaluationQueue>();
  } else {
    evaluations_ = std::make_unique<JobEvaluationQueue>(*store_, *queue_);
  }
  control_ = std::make_unique<AccessControl>(*repository_, *cache_, *evaluations_, *clock_,
                                             AccessControlOptions{});
  handler_ = std::make_unique<AccessHandler>(*control_, TestJwtVerifier());
  server_ = std::make_unique<InProcessServer>(std::vector<InProcessServer::ServiceToServe>{
      {handler_.get(), "secsched.access.v1.AccessService"}});
  stub_ = v1::AccessService::NewStub(server_->channel());
  if (options.run_worker) {
    background_ = std::make_unique<AccessBackground>(
        *control_, *store_, *queue_, *redis_,
        BackgroundOptions{.consumer = "test",
                          .sweep_interval = std::chrono::milliseconds(0),
                          .read_block = std::chrono::milliseconds(100)});
  }
}

AccessEnv::~AccessEnv() {
  background_.reset();  // stop the worker before what it uses goes away
  server_.reset();
}

void AccessEnv::SetDay(Date day, int hour) {
  clock_->Set(clock_->NoonOf(day) + std::chrono::hours(hour - 12));
}

std::unique_ptr<grpc::ClientContext> AccessEnv::As(const std::string& subject,
                                                   const std::vector<std::string>& scopes) {
  if (subject.empty()) return std::make_unique<grpc::ClientContext>();
  return WithToken(MintTestToken(subject, scopes));
}

std::unique_ptr<grpc::ClientContext> AccessEnv::WithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  PrepareClientContext(*context, token);
  return context;
}

void AccessEnv::Hire(const std::string& staff_id, const std::string& location_id, Role role,
                     Date effective) {
  v1::UpsertStaffRequest upsert;
  upsert.mutable_staff()->set_staff_id(staff_id);
  upsert.mutable_staff()->set_display_name("Staff " + staff_id);
  upsert.mutable_staff()->set_email(staff_id + "@district.example");
  upsert.mutable_staff()->set_employment_state(v1::Staff::ACTIVE);  // a hire, or a return
  v1::Staff staff;
  Check(stub_->UpsertStaff(As("service:hr", {"hr-feed"}).get(), upsert, &staff), "UpsertStaff");
  v1::SetAssignmentsRequest assign;
  assign.set_staff_id(staff_id);
  assign.set_effective_date(FormatDate(effective));
  v1::Assignment* a = assign.add_assignments();
  a->set_location_id(location_id);
  a->set_role(RoleToProto(role));
  v1::SetAssignmentsResponse assigned;
  Check(stub_->SetAssignments(As("service:hr", {"hr-feed"}).get(), assign, &assigned),
        "SetAssignments");
}

void AccessEnv::Complete(const std::string& staff_id, CertificationType type, Time at) {
  v1::RecordCompletionRequest request;
  request.mutable_completion()->set_staff_id(staff_id);
  request.mutable_completion()->set_certification(type == CertificationType::kSecondaryScheduling
                                                      ? v1::SECONDARY_SCHEDULING
                                                      : v1::WALK_IN_SCHEDULING);
  *request.mutable_completion()->mutable_complete_time() = api::ToProtoTime(at);
  request.mutable_completion()->set_source("learning-space");
  v1::Completion completion;
  Check(stub_->RecordCompletion(As("service:lms", {"lms-feed"}).get(), request, &completion),
        "RecordCompletion");
}

void AccessEnv::GrantSchedulingAccess(const std::string& staff_id, const std::string& school_id) {
  const Date today = clock_->LocalDate(clock_->Now());
  const Date long_ago = today - std::chrono::years(3);
  const std::string principal = "principal-" + school_id;
  Hire(principal, school_id, Role::kPrincipal, long_ago);
  Hire(staff_id, school_id, Role::kSchoolCounselor, long_ago);
  const Time certified = clock_->Now() - std::chrono::hours(24 * 30);
  Complete(staff_id, CertificationType::kWalkInScheduling, certified - std::chrono::hours(24));
  Complete(staff_id, CertificationType::kSecondaryScheduling, certified);
  v1::ApproveAccessRequest approve;
  approve.set_staff_id(staff_id);
  approve.set_location_id(school_id);
  v1::Approval approval;
  Check(stub_->ApproveAccess(As(principal).get(), approve, &approval), "ApproveAccess");
  v1::CheckAccessRequest check;
  check.set_staff_id(staff_id);
  check.set_location_id(school_id);
  const bool granted = secsched::testing::WaitFor(
      [&] {
        v1::CheckAccessResponse response;
        return stub_->CheckAccess(As("service:test", {"reader"}).get(), check, &response).ok() &&
               response.allowed();
      },
      std::chrono::seconds(10));
  if (!granted)
    throw std::runtime_error("access for " + staff_id + " at " + school_id + " was not granted");
}

void AccessEnv::TransferTo(const std::string& staff_id, const std::string& new_school_id) {
  Hire(staff_id, new_school_id, Role::kSchoolCounselor, clock_->LocalDate(clock_->Now()));
}

}  // namespace secsched::access::testing
