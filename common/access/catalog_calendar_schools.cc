#include "common/access/catalog_calendar_schools.h"

#include "common/grpc/client.h"
#include "common/status/status.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"

namespace secsched::access {

// Remembered calendars are few (one per school and year); past this many the memory is cleared
// rather than grown, which only costs a few extra lookups.
constexpr size_t kMaxRemembered = 10000;

struct CatalogCalendarSchools::Stub {
  std::unique_ptr<catalog::v1::CatalogService::Stub> catalog;
};

CatalogCalendarSchools::CatalogCalendarSchools(std::shared_ptr<grpc::Channel> catalog,
                                               TokenSource token)
    : stub_(std::make_unique<Stub>(Stub{catalog::v1::CatalogService::NewStub(catalog)})),
      token_(std::move(token)) {}

CatalogCalendarSchools::~CatalogCalendarSchools() = default;

absl::StatusOr<std::string> CatalogCalendarSchools::SchoolOf(std::string_view calendar_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = school_by_calendar_.find(std::string(calendar_id));
        it != school_by_calendar_.end()) {
      return it->second;
    }
  }
  absl::StatusOr<std::string> token = token_();
  if (!token.ok()) return token.status();
  grpc::ClientContext context;
  PrepareClientContext(context, *token, "", std::chrono::seconds(5));
  catalog::v1::GetCalendarRequest request;
  request.set_name("calendars/" + std::string(calendar_id));
  catalog::v1::Calendar calendar;
  grpc::Status status = stub_->catalog->GetCalendar(&context, request, &calendar);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError("Calendar " + std::string(calendar_id) + " not found.");
  }
  if (!status.ok()) {
    // The catalog refusing us or failing is not the caller's fault: report it as unavailable.
    return absl::UnavailableError("Cannot look up calendar " + std::string(calendar_id) +
                                  " in the catalog service: " + status.error_message());
  }
  std::lock_guard lock(mutex_);
  if (school_by_calendar_.size() >= kMaxRemembered) school_by_calendar_.clear();
  school_by_calendar_[std::string(calendar_id)] = calendar.school_id();
  return calendar.school_id();
}

std::vector<Setting> CatalogClientSettings() {
  return {{.flag = "catalog-address",
           .env = "SECSCHED_CATALOG_ADDR",
           .default_value = "127.0.0.1:50052",
           .help = "the catalog service (calendar schools, courses, teachers), host:port",
           .validate = HostPort()}};
}

std::vector<Setting> CrossServiceSettings() {
  std::vector<Setting> settings = AccessClientSettings();
  for (Setting& s : CatalogClientSettings()) settings.push_back(std::move(s));
  return settings;
}

absl::StatusOr<std::unique_ptr<CatalogCalendarSchools>> CalendarSchoolsFromConfig(
    const Config& config, const auth::JwtVerifier& verifier, std::string service_name) {
  absl::StatusOr<TokenSource> token =
      ServiceTokenFromConfig(config, verifier, std::move(service_name));
  if (!token.ok()) return token.status();
  return std::make_unique<CatalogCalendarSchools>(MakeChannel(config.Get("catalog-address")),
                                                  *std::move(token));
}

}  // namespace secsched::access
