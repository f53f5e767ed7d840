// gRPC face of ReportService (ad hoc reports): request shape, proto ⇄ domain, HandleCall.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/catalog/v1/reports.grpc.pb.h"
#include "services/catalog/domain/report_service.h"

namespace secsched::catalog {

class ReportHandler final : public v1::ReportService::Service {
 public:
  ReportHandler(Reports &reports, const auth::JwtVerifier &verifier)
      : reports_(reports), verifier_(verifier) {}

  grpc::Status RunReport(grpc::ServerContext *context, const v1::RunReportRequest *request,
                         v1::RunReportResponse *response) override;
  grpc::Status SaveReportDefinition(grpc::ServerContext *context,
                                    const v1::SaveReportDefinitionRequest *request,
                                    v1::ReportDefinition *response) override;
  grpc::Status GetReportDefinition(grpc::ServerContext *context,
                                   const v1::GetReportDefinitionRequest *request,
                                   v1::ReportDefinition *response) override;
  grpc::Status ListReportDefinitions(grpc::ServerContext *context,
                                     const v1::ListReportDefinitionsRequest *request,
                                     v1::ListReportDefinitionsResponse *response) override;
  grpc::Status DeleteReportDefinition(grpc::ServerContext *context,
                                      const v1::DeleteReportDefinitionRequest *request,
                                      google::protobuf::Empty *response) override;

 private:
  Reports &reports_;
  const auth::JwtVerifier &verifier_;
};

}  // namespace secsched::catalog
