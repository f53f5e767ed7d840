// gRPC face of the requests service's RequestsService (students, teams, course requests,
// constraints, batch creation and imports). Methods are split by topic over
// requests_handler.cc (students, teams), requests_handler_requests.cc (requests, constraints)
// and requests_handler_bulk.cc (batch, imports).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/requests/v1/requests.grpc.pb.h"
#include "services/requests/domain/bulk_requests.h"
#include "services/requests/domain/course_requests.h"
#include "services/requests/domain/student.h"
#include "services/requests/domain/student_constraint.h"
#include "services/requests/domain/team.h"

namespace secsched::requests {

// The domain objects the handler serves (owned by the caller).
struct RequestsDomain {
  Students& students;
  Teams& teams;
  CourseRequests& requests;
  BulkRequests& bulk;
  StudentConstraints& constraints;
};

class RequestsHandler final : public v1::RequestsService::Service {
 public:
  RequestsHandler(RequestsDomain domain, const auth::JwtVerifier& verifier)
      : domain_(domain), verifier_(verifier) {}

  using Context = grpc::ServerContext;
  using Empty = google::protobuf::Empty;

  grpc::Status CreateStudent(Context* c, const v1::CreateStudentRequest* r,
                             v1::Student* o) override;
  grpc::Status GetStudent(Context* c, const v1::GetStudentRequest* r, v1::Student* o) override;
  grpc::Status ListStudents(Context* c, const v1::ListStudentsRequest* r,
                            v1::ListStudentsResponse* o) override;
  grpc::Status UpdateStudent(Context* c, const v1::UpdateStudentRequest* r,
                             v1::Student* o) override;
  grpc::Status DeleteStudent(Context* c, const v1::DeleteStudentRequest* r, Empty* o) override;
  grpc::Status ImportStudents(Context* c, const v1::ImportStudentsRequest* r,
                              v1::ImportStudentsResponse* o) override;

  grpc::Status CreateTeam(Context* c, const v1::CreateTeamRequest* r, v1::Team* o) override;
  grpc::Status ListTeams(Context* c, const v1::ListTeamsRequest* r,
                         v1::ListTeamsResponse* o) override;
  grpc::Status DeleteTeam(Context* c, const v1::DeleteTeamRequest* r, Empty* o) override;

  grpc::Status CreateCourseRequest(Context* c, const v1::CreateCourseRequestRequest* r,
                                   v1::CourseRequest* o) override;
  grpc::Status ListCourseRequests(Context* c, const v1::ListCourseRequestsRequest* r,
                                  v1::ListCourseRequestsResponse* o) override;
  grpc::Status UpdateCourseRequest(Context* c, const v1::UpdateCourseRequestRequest* r,
                                   v1::CourseRequest* o) override;
  grpc::Status DeleteCourseRequest(Context* c, const v1::DeleteCourseRequestRequest* r,
                                   Empty* o) override;
  grpc::Status BatchCreateRequests(Context* c, const v1::BatchCreateRequestsRequest* r,
                                   v1::BatchCreateRequestsResponse* o) override;
  grpc::Status ImportRequests(Context* c, const v1::ImportRequestsRequest* r,
                              v1::ImportRequestsResponse* o) override;

  grpc::Status CreateStudentConstraint(Context* c, const v1::CreateStudentConstraintRequest* r,
                                       v1::StudentConstraint* o) override;
  grpc::Status ListStudentConstraints(Context* c, const v1::ListStudentConstraintsRequest* r,
                                      v1::ListStudentConstraintsResponse* o) override;
  grpc::Status DeleteStudentConstraint(Context* c, const v1::DeleteStudentConstraintRequest* r,
                                       Empty* o) override;

 private:
  RequestsDomain domain_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::requests
