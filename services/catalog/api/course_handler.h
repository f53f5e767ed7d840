// gRPC face of CourseService: the district course masters and each calendar's courses. Checks
// request shape (names, masks), converts proto ⇄ domain, and runs each call through HandleCall.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/catalog/v1/courses.grpc.pb.h"
#include "services/catalog/domain/course_masters.h"
#include "services/catalog/domain/courses.h"

namespace secsched::catalog {

class CourseHandler final : public v1::CourseService::Service {
 public:
  CourseHandler(Courses& courses, CourseMasters& masters, const auth::JwtVerifier& verifier)
      : courses_(courses), masters_(masters), verifier_(verifier) {}

  grpc::Status GetCourse(grpc::ServerContext* context, const v1::GetCourseRequest* request,
                         v1::Course* response) override;
  grpc::Status ListCourses(grpc::ServerContext* context, const v1::ListCoursesRequest* request,
                           v1::ListCoursesResponse* response) override;
  grpc::Status CreateCourse(grpc::ServerContext* context, const v1::CreateCourseRequest* request,
                            v1::Course* response) override;
  grpc::Status UpdateCourse(grpc::ServerContext* context, const v1::UpdateCourseRequest* request,
                            v1::Course* response) override;
  grpc::Status DeleteCourse(grpc::ServerContext* context, const v1::DeleteCourseRequest* request,
                            google::protobuf::Empty* response) override;
  grpc::Status MassSetCourses(grpc::ServerContext* context,
                              const v1::MassSetCoursesRequest* request,
                              v1::MassSetCoursesResponse* response) override;
  grpc::Status ImportCourses(grpc::ServerContext* context, const v1::ImportCoursesRequest* request,
                             v1::ImportCoursesResponse* response) override;
  grpc::Status ExportCourses(grpc::ServerContext* context, const v1::ExportCoursesRequest* request,
                             v1::ExportCoursesResponse* response) override;

  grpc::Status CreateCourseMaster(grpc::ServerContext* context,
                                  const v1::CreateCourseMasterRequest* request,
                                  v1::CourseMaster* response) override;
  grpc::Status GetCourseMaster(grpc::ServerContext* context,
                               const v1::GetCourseMasterRequest* request,
                               v1::CourseMaster* response) override;
  grpc::Status ListCourseMasters(grpc::ServerContext* context,
                                 const v1::ListCourseMastersRequest* request,
                                 v1::ListCourseMastersResponse* response) override;
  grpc::Status UpdateCourseMaster(grpc::ServerContext* context,
                                  const v1::UpdateCourseMasterRequest* request,
                                  v1::CourseMaster* response) override;
  grpc::Status PushCourseMaster(grpc::ServerContext* context,
                                const v1::PushCourseMasterRequest* request,
                                v1::PushCourseMasterResponse* response) override;

 private:
  Courses& courses_;
  CourseMasters& masters_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::catalog
