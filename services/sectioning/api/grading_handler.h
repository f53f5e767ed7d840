// gRPC face of grading windows (GradingWindowService, grading.proto).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/grading.grpc.pb.h"
#include "services/sectioning/domain/grading_windows.h"

namespace secsched::sectioning {

class GradingHandler final : public v1::GradingWindowService::Service {
 public:
  GradingHandler(GradingWindows& windows, const auth::JwtVerifier& verifier)
      : windows_(windows), verifier_(verifier) {}

  grpc::Status CreateGradingWindow(grpc::ServerContext* context,
                                   const v1::CreateGradingWindowRequest* request,
                                   v1::GradingWindow* response) override;
  grpc::Status GetGradingWindow(grpc::ServerContext* context,
                                const v1::GetGradingWindowRequest* request,
                                v1::GradingWindow* response) override;
  grpc::Status ListGradingWindows(grpc::ServerContext* context,
                                  const v1::ListGradingWindowsRequest* request,
                                  v1::ListGradingWindowsResponse* response) override;
  grpc::Status UpdateGradingWindow(grpc::ServerContext* context,
                                   const v1::UpdateGradingWindowRequest* request,
                                   v1::GradingWindow* response) override;
  grpc::Status DeleteGradingWindow(grpc::ServerContext* context,
                                   const v1::DeleteGradingWindowRequest* request,
                                   google::protobuf::Empty* response) override;
  grpc::Status AddGradingException(grpc::ServerContext* context,
                                   const v1::AddGradingExceptionRequest* request,
                                   v1::GradingWindow* response) override;
  grpc::Status RemoveGradingException(grpc::ServerContext* context,
                                      const v1::RemoveGradingExceptionRequest* request,
                                      v1::GradingWindow* response) override;
  grpc::Status IsGradingOpen(grpc::ServerContext* context, const v1::IsGradingOpenRequest* request,
                             v1::IsGradingOpenResponse* response) override;
  grpc::Status ListOpenWindows(grpc::ServerContext* context,
                               const v1::ListOpenWindowsRequest* request,
                               v1::ListOpenWindowsResponse* response) override;

 private:
  GradingWindows& windows_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
