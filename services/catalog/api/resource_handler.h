// gRPC face of ResourceService (teachers and rooms): checks request shape, converts proto ⇄ domain,
// and runs each call through HandleCall. Teacher methods: resource_handler_teachers.cc; rooms:
// resource_handler_rooms.cc; conversions: resource_convert.h.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/catalog/v1/resources.grpc.pb.h"
#include "services/catalog/domain/resource_service.h"

namespace secsched::catalog {

class ResourceHandler final : public v1::ResourceService::Service {
 public:
  ResourceHandler(Resources &resources, const auth::JwtVerifier &verifier)
      : resources_(resources), verifier_(verifier) {}

  grpc::Status CreateTeacher(grpc::ServerContext *context, const v1::CreateTeacherRequest *request,
                             v1::Teacher *response) override;
  grpc::Status GetTeacher(grpc::ServerContext *context, const v1::GetTeacherRequest *request,
                          v1::Teacher *response) override;
  grpc::Status ListTeachers(grpc::ServerContext *context, const v1::ListTeachersRequest *request,
                            v1::ListTeachersResponse *response) override;
  grpc::Status UpdateTeacher(grpc::ServerContext *context, const v1::UpdateTeacherRequest *request,
                             v1::Teacher *response) override;
  grpc::Status DeleteTeacher(grpc::ServerContext *context, const v1::DeleteTeacherRequest *request,
                             google::protobuf::Empty *response) override;
  grpc::Status ImportTeachers(grpc::ServerContext *context,
                              const v1::ImportTeachersRequest *request,
                              v1::ImportResourcesResponse *response) override;
  grpc::Status ExportTeachers(grpc::ServerContext *context,
                              const v1::ExportTeachersRequest *request,
                              v1::ExportResourcesResponse *response) override;

  grpc::Status CreateRoom(grpc::ServerContext *context, const v1::CreateRoomRequest *request,
                          v1::Room *response) override;
  grpc::Status GetRoom(grpc::ServerContext *context, const v1::GetRoomRequest *request,
                       v1::Room *response) override;
  grpc::Status ListRooms(grpc::ServerContext *context, const v1::ListRoomsRequest *request,
                         v1::ListRoomsResponse *response) override;
  grpc::Status UpdateRoom(grpc::ServerContext *context, const v1::UpdateRoomRequest *request,
                          v1::Room *response) override;
  grpc::Status DeleteRoom(grpc::ServerContext *context, const v1::DeleteRoomRequest *request,
                          google::protobuf::Empty *response) override;
  grpc::Status ImportRooms(grpc::ServerContext *context, const v1::ImportRoomsRequest *request,
                           v1::ImportResourcesResponse *response) override;
  grpc::Status ExportRooms(grpc::ServerContext *context, const v1::ExportRoomsRequest *request,
                           v1::ExportResourcesResponse *response) override;

 private:
  Resources &resources_;
  const auth::JwtVerifier &verifier_;
};

}  // namespace secsched::catalog
