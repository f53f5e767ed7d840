// gRPC face of CatalogService (schools, calendars, their setup, roll-over and submission):
// checks request shape, converts proto ⇄ domain (calendar_convert.h), and runs each call
// through HandleCall (request id, authentication, error mapping). Methods are split over
// catalog_handler_calendars.cc and catalog_handler_setup.cc.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/catalog/v1/catalog.grpc.pb.h"
#include "services/catalog/domain/calendar.h"
#include "services/catalog/domain/calendar_setups.h"
#include "services/catalog/domain/school.h"

namespace secsched::catalog {

// The domain objects the handler serves.
struct CatalogDomain {
  Schools& schools;
  Calendars& calendars;
  CalendarSetups& setups;
};

class CatalogHandler final : public v1::CatalogService::Service {
 public:
  CatalogHandler(CatalogDomain domain, const auth::JwtVerifier& verifier)
      : domain_(domain), verifier_(verifier) {}

  grpc::Status CreateSchool(grpc::ServerContext* context, const v1::CreateSchoolRequest* request,
                            v1::School* response) override;
  grpc::Status GetSchool(grpc::ServerContext* context, const v1::GetSchoolRequest* request,
                         v1::School* response) override;
  grpc::Status ListSchools(grpc::ServerContext* context, const v1::ListSchoolsRequest* request,
                           v1::ListSchoolsResponse* response) override;

  grpc::Status CreateCalendar(grpc::ServerContext* context,
                              const v1::CreateCalendarRequest* request,
                              v1::Calendar* response) override;
  grpc::Status GetCalendar(grpc::ServerContext* context, const v1::GetCalendarRequest* request,
                           v1::Calendar* response) override;
  grpc::Status ListCalendars(grpc::ServerContext* context, const v1::ListCalendarsRequest* request,
                             v1::ListCalendarsResponse* response) override;
  grpc::Status UpdateCalendar(grpc::ServerContext* context,
                              const v1::UpdateCalendarRequest* request,
                              v1::Calendar* response) override;
  grpc::Status RollOverCalendar(grpc::ServerContext* context,
                                const v1::RollOverCalendarRequest* request,
                                v1::Calendar* response) override;

  grpc::Status SubmitCalendar(grpc::ServerContext* context,
                              const v1::SubmitCalendarRequest* request,
                              v1::Calendar* response) override;
  grpc::Status ApproveCalendar(grpc::ServerContext* context,
                               const v1::ApproveCalendarRequest* request,
                               v1::Calendar* response) override;
  grpc::Status ReturnCalendar(grpc::ServerContext* context,
                              const v1::ReturnCalendarRequest* request,
                              v1::Calendar* response) override;
  grpc::Status ListCalendarTransitions(grpc::ServerContext* context,
                                       const v1::ListCalendarTransitionsRequest* request,
                                       v1::ListCalendarTransitionsResponse* response) override;

  grpc::Status ReplaceTerms(grpc::ServerContext* context, const v1::ReplaceTermsRequest* request,
                            v1::ListTermsResponse* response) override;
  grpc::Status ListTerms(grpc::ServerContext* context, const v1::ListTermsRequest* request,
                         v1::ListTermsResponse* response) override;
  grpc::Status ReplacePeriodSchedule(grpc::ServerContext* context,
                                     const v1::ReplacePeriodScheduleRequest* request,
                                     v1::PeriodSchedule* response) override;
  grpc::Status GetPeriodSchedule(grpc::ServerContext* context,
                                 const v1::GetPeriodScheduleRequest* request,
                                 v1::PeriodSchedule* response) override;
  grpc::Status SetInstructionalDays(grpc::ServerContext* context,
                                    const v1::SetInstructionalDaysRequest* request,
                                    v1::InstructionalDays* response) override;
  grpc::Status ListInstructionalDays(grpc::ServerContext* context,
                                     const v1::ListInstructionalDaysRequest* request,
                                     v1::InstructionalDays* response) override;

 private:
  CatalogDomain domain_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::catalog
