// gRPC face of the access service.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/access/v1/access.grpc.pb.h"
#include "services/access/domain/staff.h"

namespace secsched::access {

class AccessHandler final : public v1::AccessService::Service {
 public:
  AccessHandler(StaffDirectory& staff, const auth::JwtVerifier& verifier)
      : staff_(staff), verifier_(verifier) {}

  grpc::Status UpsertStaff(grpc::ServerContext* context, const v1::UpsertStaffRequest* request,
                           v1::Staff* response) override;
  grpc::Status GetStaff(grpc::ServerContext* context, const v1::GetStaffRequest* request,
                        v1::Staff* response) override;

 private:
  StaffDirectory& staff_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::access
