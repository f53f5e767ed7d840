// ResourceService: the room methods.
#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "services/catalog/api/resource_convert.h"
#include "services/catalog/api/resource_handler.h"

namespace secsched::catalog {

grpc::Status ResourceHandler::CreateRoom(grpc::ServerContext *context,
                                         const v1::CreateRoomRequest *request, v1::Room *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    Room room = RoomFromProto(request->room());
    room.calendar_id = (*parent)[0];
    room.id = request->room_id();
    absl::StatusOr<Room> created =
        resources_.CreateRoom(caller, std::move(room), request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::GetRoom(grpc::ServerContext *context,
                                      const v1::GetRoomRequest *request, v1::Room *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kRoomNamePattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<Room> room = resources_.GetRoom(caller, (*ids)[0], (*ids)[1]);
    if (!room.ok()) return room.status();
    ToProto(*room, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::ListRooms(grpc::ServerContext *context,
                                        const v1::ListRoomsRequest *request,
                                        v1::ListRoomsResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<ListOptions> options =
        ListOptionsOf(request->page_size(), request->page_token(), request->active_only());
    if (!options.ok()) return options.status();
    absl::StatusOr<api::Page<Room>> page = resources_.ListRooms(caller, (*parent)[0], *options);
    if (!page.ok()) return page.status();
    for (const Room &room : page->items) ToProto(room, response->add_rooms());
    response->set_next_page_token(api::EncodePageToken(page->next_after));
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::UpdateRoom(grpc::ServerContext *context,
                                         const v1::UpdateRoomRequest *request, v1::Room *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->room().name(), kRoomNamePattern, "room.name");
    if (!ids.ok()) return ids.status();
    Room values = RoomFromProto(request->room());
    values.calendar_id = (*ids)[0];
    values.id = (*ids)[1];
    absl::StatusOr<Room> updated =
        resources_.UpdateRoom(caller, values, MaskPaths(request->update_mask()));
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::DeleteRoom(grpc::ServerContext *context,
                                         const v1::DeleteRoomRequest *request,
                                         google::protobuf::Empty * /*response*/) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto ids = api::ParseName(request->name(), kRoomNamePattern);
    if (!ids.ok()) return ids.status();
    return resources_.DeleteRoom(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status ResourceHandler::ImportRooms(grpc::ServerContext *context,
                                          const v1::ImportRoomsRequest *request,
                                          v1::ImportResourcesResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<ImportCounts> counts =
        resources_.ImportRooms(caller, (*parent)[0], request->csv_data(), request->validate_only());
    if (!counts.ok()) return counts.status();
    response->set_created(counts->created);
    response->set_updated(counts->updated);
    response->set_unchanged(counts->unchanged);
    return absl::OkStatus();
  });
}

grpc::Status ResourceHandler::ExportRooms(grpc::ServerContext *context,
                                          const v1::ExportRoomsRequest *request,
                                          v1::ExportResourcesResponse *response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller &caller) -> absl::Status {
    auto parent = api::ParseName(request->parent(), kCalendarNamePattern, "parent");
    if (!parent.ok()) return parent.status();
    absl::StatusOr<CsvExport> exported = resources_.ExportRooms(caller, (*parent)[0]);
    if (!exported.ok()) return exported.status();
    response->set_csv_data(std::move(exported->csv));
    response->set_row_count(exported->rows);
    return absl::OkStatus();
  });
}

}  // namespace secsched::catalog
