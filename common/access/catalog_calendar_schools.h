// CalendarSchools answered by the catalog service (GetCalendar), remembered in-process: a
// calendar's school never changes, so an answer never goes stale.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <mutex>
#include <unordered_map>

#include "common/access/access_client.h"
#include "common/access/calendar_schools.h"

namespace secsched::access {

class CatalogCalendarSchools final : public CalendarSchools {
 public:
  CatalogCalendarSchools(std::shared_ptr<grpc::Channel> catalog, TokenSource token);
  ~CatalogCalendarSchools() override;

  absl::StatusOr<std::string> SchoolOf(std::string_view calendar_id) override;

 private:
  struct Stub;
  std::unique_ptr<Stub> stub_;
  TokenSource token_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> school_by_calendar_;  // guarded by mutex_
};

// --catalog-address (SECSCHED_CATALOG_ADDR).
std::vector<Setting> CatalogClientSettings();

// AccessClientSettings() + CatalogClientSettings(): what a service that authorizes by calendar
// (requests, sectioning) adds to its extra_settings.
std::vector<Setting> CrossServiceSettings();

absl::StatusOr<std::unique_ptr<CatalogCalendarSchools>> CalendarSchoolsFromConfig(
    const Config& config, const auth::JwtVerifier& verifier, std::string service_name);

}  // namespace secsched::access
