// gRPC face of request planning (RequestPlanningService in planning.proto).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/requests/v1/planning.grpc.pb.h"
#include "services/requests/domain/request_planning.h"

namespace secsched::requests {

class PlanningHandler final : public v1::RequestPlanningService::Service {
 public:
  PlanningHandler(RequestPlanning& planning, const auth::JwtVerifier& verifier)
      : planning_(planning), verifier_(verifier) {}

  grpc::Status CreateCourseRule(grpc::ServerContext* context,
                                const v1::CreateCourseRuleRequest* request,
                                v1::CourseRule* response) override;
  grpc::Status ListCourseRules(grpc::ServerContext* context,
                               const v1::ListCourseRulesRequest* request,
                               v1::ListCourseRulesResponse* response) override;
  grpc::Status DeleteCourseRule(grpc::ServerContext* context,
                                const v1::DeleteCourseRuleRequest* request,
                                google::protobuf::Empty* response) override;

  grpc::Status CreateAutoLoadRule(grpc::ServerContext* context,
                                  const v1::CreateAutoLoadRuleRequest* request,
                                  v1::AutoLoadRule* response) override;
  grpc::Status GetAutoLoadRule(grpc::ServerContext* context,
                               const v1::GetAutoLoadRuleRequest* request,
                               v1::AutoLoadRule* response) override;
  grpc::Status ListAutoLoadRules(grpc::ServerContext* context,
                                 const v1::ListAutoLoadRulesRequest* request,
                                 v1::ListAutoLoadRulesResponse* response) override;
  grpc::Status UpdateAutoLoadRule(grpc::ServerContext* context,
                                  const v1::UpdateAutoLoadRuleRequest* request,
                                  v1::AutoLoadRule* response) override;
  grpc::Status DeleteAutoLoadRule(grpc::ServerContext* context,
                                  const v1::DeleteAutoLoadRuleRequest* request,
                                  google::protobuf::Empty* response) override;
  grpc::Status RunAutoLoad(grpc::ServerContext* context, const v1::RunAutoLoadRequest* request,
                           v1::RunAutoLoadResponse* response) override;

  grpc::Status GetCreditRanges(grpc::ServerContext* context,
                               const v1::GetCreditRangesRequest* request,
                               v1::CreditRanges* response) override;
  grpc::Status UpdateCreditRanges(grpc::ServerContext* context,
                                  const v1::UpdateCreditRangesRequest* request,
                                  v1::CreditRanges* response) override;

  grpc::Status VerifyRequests(grpc::ServerContext* context,
                              const v1::VerifyRequestsRequest* request,
                              v1::VerificationReport* response) override;
  grpc::Status GetCourseTally(grpc::ServerContext* context,
                              const v1::GetCourseTallyRequest* request,
                              v1::CourseTally* response) override;
  grpc::Status GetConflictMatrix(grpc::ServerContext* context,
                                 const v1::GetConflictMatrixRequest* request,
                                 v1::ConflictMatrix* response) override;
  grpc::Status ExportConflictMatrix(grpc::ServerContext* context,
                                    const v1::ExportConflictMatrixRequest* request,
                                    v1::ExportConflictMatrixResponse* response) override;
  grpc::Status StreamSchedulingSnapshot(
      grpc::ServerContext* context, const v1::StreamSchedulingSnapshotRequest* request,
      grpc::ServerWriter<v1::SchedulingSnapshotChunk>* writer) override;

 private:
  RequestPlanning& planning_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::requests
