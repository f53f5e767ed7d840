// gRPC face of the requests service.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "services/requests/domain/student.h"

namespace secsched::requests {

class RequestsHandler final : public v1::RequestsService::Service {
 public:
  RequestsHandler(Students& students, const auth::JwtVerifier& verifier)
      : students_(students), verifier_(verifier) {}

  grpc::Status CreateStudent(grpc::ServerContext* context, const v1::CreateStudentRequest* request,
                             v1::Student* response) override;
  grpc::Status GetStudent(grpc::ServerContext* context, const v1::GetStudentRequest* request,
                          v1::Student* response) override;

 private:
  Students& students_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::requests
