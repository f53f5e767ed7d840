// gRPC face of the trial's sections (SectionService): parse names, pages and masks, call the
// domain, convert (section_convert.h).
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/sections.grpc.pb.h"
#include "services/sectioning/domain/section.h"

namespace secsched::sectioning {

class SectionHandler final : public v1::SectionService::Service {
 public:
  SectionHandler(Sections& sections, const auth::JwtVerifier& verifier)
      : sections_(sections), verifier_(verifier) {}

  using Context = grpc::ServerContext;
  grpc::Status CreateSection(Context* context, const v1::CreateSectionRequest* request,
                             v1::Section* response) override;
  grpc::Status GetSection(Context* context, const v1::GetSectionRequest* request,
                          v1::Section* response) override;
  grpc::Status ListSections(Context* context, const v1::ListSectionsRequest* request,
                            v1::ListSectionsResponse* response) override;
  grpc::Status UpdateSection(Context* context, const v1::UpdateSectionRequest* request,
                             v1::Section* response) override;
  grpc::Status DeleteSection(Context* context, const v1::DeleteSectionRequest* request,
                             google::protobuf::Empty* response) override;
  grpc::Status MoveSection(Context* context, const v1::MoveSectionRequest* request,
                           v1::MoveSectionResponse* response) override;
  grpc::Status GetPlacementGrid(Context* context, const v1::GetPlacementGridRequest* request,
                                v1::PlacementGrid* response) override;

 private:
  Sections& sections_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
