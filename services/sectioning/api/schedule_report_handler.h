// gRPC face of the schedule reports (ScheduleReportService, schedule_reports.proto).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/schedule_reports.grpc.pb.h"
#include "services/sectioning/domain/schedule_reports.h"

namespace secsched::sectioning {

class ScheduleReportHandler final : public v1::ScheduleReportService::Service {
 public:
  ScheduleReportHandler(ScheduleReports& reports, const auth::JwtVerifier& verifier)
      : reports_(reports), verifier_(verifier) {}

  grpc::Status ListMasterSchedule(grpc::ServerContext* context,
                                  const v1::ListMasterScheduleRequest* request,
                                  v1::ListMasterScheduleResponse* response) override;
  grpc::Status ListSectionBalance(grpc::ServerContext* context,
                                  const v1::ListSectionBalanceRequest* request,
                                  v1::ListSectionBalanceResponse* response) override;
  grpc::Status ListUnscheduledRequests(grpc::ServerContext* context,
                                       const v1::ListUnscheduledRequestsRequest* request,
                                       v1::ListUnscheduledRequestsResponse* response) override;
  grpc::Status GetLoadMetrics(grpc::ServerContext* context,
                              const v1::GetLoadMetricsRequest* request,
                              v1::LoadMetrics* response) override;
  grpc::Status ListTrialEnrollments(grpc::ServerContext* context,
                                    const v1::ListTrialEnrollmentsRequest* request,
                                    v1::ListTrialEnrollmentsResponse* response) override;
  grpc::Status ExportScheduleReport(grpc::ServerContext* context,
                                    const v1::ExportScheduleReportRequest* request,
                                    v1::ExportScheduleReportResponse* response) override;

 private:
  ScheduleReports& reports_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
