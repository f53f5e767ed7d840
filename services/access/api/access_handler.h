// gRPC face of the access service: checks request shape, converts proto ⇄ domain and calls
// AccessControl, which decides who may do what.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/access/v1/access.grpc.pb.h"
#include "services/access/domain/access_control.h"

namespace secsched::access {

class AccessHandler final : public v1::AccessService::Service {
 public:
  AccessHandler(AccessControl& control, const auth::JwtVerifier& verifier)
      : control_(control), verifier_(verifier) {}

  grpc::Status UpsertStaff(grpc::ServerContext* context, const v1::UpsertStaffRequest* request,
                           v1::Staff* response) override;
  grpc::Status GetStaff(grpc::ServerContext* context, const v1::GetStaffRequest* request,
                        v1::Staff* response) override;
  grpc::Status SetAssignments(grpc::ServerContext* context,
                              const v1::SetAssignmentsRequest* request,
                              v1::SetAssignmentsResponse* response) override;
  grpc::Status RecordDeparture(grpc::ServerContext* context,
                               const v1::RecordDepartureRequest* request,
                               v1::Staff* response) override;
  grpc::Status RecordCompletion(grpc::ServerContext* context,
                                const v1::RecordCompletionRequest* request,
                                v1::Completion* response) override;
  grpc::Status ApproveAccess(grpc::ServerContext* context, const v1::ApproveAccessRequest* request,
                             v1::Approval* response) override;
  grpc::Status RevokeApproval(grpc::ServerContext* context,
                              const v1::RevokeApprovalRequest* request,
                              v1::Approval* response) override;
  grpc::Status GetGrant(grpc::ServerContext* context, const v1::GetGrantRequest* request,
                        v1::Grant* response) override;
  grpc::Status ListGrants(grpc::ServerContext* context, const v1::ListGrantsRequest* request,
                          v1::ListGrantsResponse* response) override;
  grpc::Status Explain(grpc::ServerContext* context, const v1::ExplainRequest* request,
                       v1::ExplainResponse* response) override;
  grpc::Status ListExpiring(grpc::ServerContext* context, const v1::ListExpiringRequest* request,
                            v1::ListExpiringResponse* response) override;
  grpc::Status ListAuditEntries(grpc::ServerContext* context,
                                const v1::ListAuditEntriesRequest* request,
                                v1::ListAuditEntriesResponse* response) override;
  grpc::Status CheckAccess(grpc::ServerContext* context, const v1::CheckAccessRequest* request,
                           v1::CheckAccessResponse* response) override;
  grpc::Status RunSweep(grpc::ServerContext* context, const v1::RunSweepRequest* request,
                        v1::SweepReport* response) override;

 private:
  AccessControl& control_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::access
