// gRPC face of rosters and walk-in scheduling (RosterService, rosters.proto).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/rosters.grpc.pb.h"
#include "services/sectioning/domain/rosters.h"

namespace secsched::sectioning {

class RosterHandler final : public v1::RosterService::Service {
 public:
  RosterHandler(Rosters& rosters, const auth::JwtVerifier& verifier)
      : rosters_(rosters), verifier_(verifier) {}

  grpc::Status ListRoster(grpc::ServerContext* context, const v1::ListRosterRequest* request,
                          v1::ListRosterResponse* response) override;
  grpc::Status GetStudentSchedule(grpc::ServerContext* context,
                                  const v1::GetStudentScheduleRequest* request,
                                  v1::StudentSchedule* response) override;
  grpc::Status GetTeacherSchedule(grpc::ServerContext* context,
                                  const v1::GetTeacherScheduleRequest* request,
                                  v1::TeacherSchedule* response) override;
  grpc::Status AddStudentToSection(grpc::ServerContext* context,
                                   const v1::AddStudentToSectionRequest* request,
                                   v1::Enrollment* response) override;
  grpc::Status DropStudentFromSection(grpc::ServerContext* context,
                                      const v1::DropStudentFromSectionRequest* request,
                                      google::protobuf::Empty* response) override;
  grpc::Status MoveStudent(grpc::ServerContext* context, const v1::MoveStudentRequest* request,
                           v1::Enrollment* response) override;
  grpc::Status ListScheduleChanges(grpc::ServerContext* context,
                                   const v1::ListScheduleChangesRequest* request,
                                   v1::ListScheduleChangesResponse* response) override;
  grpc::Status BatchEditRoster(grpc::ServerContext* context,
                               const v1::BatchEditRosterRequest* request,
                               v1::BatchEditRosterResponse* response) override;

 private:
  Rosters& rosters_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
