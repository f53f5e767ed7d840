// gRPC face of the schedule exports (ScheduleExportService, export.proto): the OneRoster zip,
// streamed in chunks.
#pragma once

#include "common/auth/jwt.h"
#include "secsched/sectioning/v1/export.grpc.pb.h"
#include "services/sectioning/domain/oneroster.h"

namespace secsched::sectioning {

// The most bytes one ExportChunk carries (well under gRPC's 4 MiB message limit).
inline constexpr size_t kExportChunkBytes = 64 * 1024;

class ExportHandler final : public v1::ScheduleExportService::Service {
 public:
  ExportHandler(OneRosterExport& oneroster, const auth::JwtVerifier& verifier)
      : oneroster_(oneroster), verifier_(verifier) {}

  grpc::Status ExportOneRoster(grpc::ServerContext* context,
                               const v1::ExportOneRosterRequest* request,
                               grpc::ServerWriter<v1::ExportChunk>* writer) override;

 private:
  OneRosterExport& oneroster_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace secsched::sectioning
