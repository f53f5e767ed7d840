#include "services/sectioning/api/export_handler.h"

#include <algorithm>

#include "common/grpc/call.h"
#include "services/sectioning/api/names.h"

namespace secsched::sectioning {

grpc::Status ExportHandler::ExportOneRoster(grpc::ServerContext* context,
                                            const v1::ExportOneRosterRequest* request,
                                            grpc::ServerWriter<v1::ExportChunk>* writer) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<OneRosterArchive> archive;
    if (request->calendar() == "calendars/-") {
      archive = oneroster_.District(caller);
    } else {
      absl::StatusOr<std::string> calendar = ParseCalendar(request->calendar(), "calendar");
      if (!calendar.ok()) return calendar.status();
      archive = oneroster_.Calendar(caller, *calendar);
    }
    if (!archive.ok()) return archive.status();
    const std::string& bytes = archive->zip;
    size_t offset = 0;
    do {
      v1::ExportChunk chunk;
      const size_t size = std::min(kExportChunkBytes, bytes.size() - offset);
      chunk.set_data(bytes.substr(offset, size));
      if (offset == 0) {
        chunk.set_filename(archive->filename);
        chunk.set_total_bytes(static_cast<int64_t>(bytes.size()));
        chunk.set_calendars(archive->calendars);
      }
      if (!writer->Write(chunk)) {
        return absl::CancelledError("The client went away during the export.");
      }
      offset += size;
    } while (offset < bytes.size());
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
