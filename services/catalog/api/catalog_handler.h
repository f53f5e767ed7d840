// gRPC face of the catalog service: checks request shape, converts proto ⇄ domain, and runs
// each call through HandleCall (request id, authentication, error mapping).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "services/catalog/domain/calendar.h"

namespace secsched::catalog {

class CatalogHandler final : public v1::CatalogService::Service {
 public:
  CatalogHandler(Calendars& calendars, const auth::JwtVerifier& verifier)
      : calendars_(calendars), verifier_(verifier) {}

  grpc::Status CreateCalendar(grpc::ServerContext* context, const v1::CreateCalendarRequest* request,
                              v1::Calendar* response) override;
  grpc::Status GetCalendar(grpc::ServerContext* context, const v1::GetCalendarRequest* request,
                           v1::Calendar* response) override;

 private:
  Calendars& calendars_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::catalog
