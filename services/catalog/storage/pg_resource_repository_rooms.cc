// Rooms of PgResourceRepository (teachers and calendar facts: pg_resource_repository.cc).
#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/pg/transaction.h"
#include "common/status/strings.h"
#include "services/catalog/storage/pg_resource_repository.h"
#include "services/catalog/storage/pg_resource_table.h"
#include "services/catalog/storage/pg_text_arrays.h"

namespace secsched::catalog {
namespace {

const std::string kRoomColumns =
    "calendar_id, id, number, capacity, room_type, " + TextArrayColumn("unavailable") + ", active";

Room RoomOf(const pqxx::row &row) {
  return Room{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .id = row["id"].as<std::string>(),
      .number = row["number"].as<std::string>(),
      .capacity = row["capacity"].as<int>(),
      .room_type = row["room_type"].as<std::string>(),
      .unavailable = UnavailableOf(row["unavailable"]),
      .active = row["active"].as<bool>(),
  };
}

const PgResourceTable<Room> kRooms{"Room", "rooms", kRoomColumns, &RoomOf};

absl::Status CheckNumberFree(pqxx::work &tx, const Room &room, std::string_view self_id) {
  pqxx::result holder = tx.exec_params(
      "SELECT id FROM catalog.rooms WHERE calendar_id = $1 AND "
      "number = $2 AND id <> $3",
      room.calendar_id, room.number, std::string(self_id));
  if (holder.empty()) return absl::OkStatus();
  return absl::AlreadyExistsError(absl::StrCat("Room number ", room.number,
                                               " is already room calendars/", room.calendar_id,
                                               "/rooms/", holder[0][0].as<std::string>(), "."));
}

void InsertRoom(pqxx::work &tx, const Room &r, std::string_view request_id) {
  tx.exec_params(
      "INSERT INTO catalog.rooms (calendar_id, id, number, capacity, "
      "room_type, "
      "unavailable, active, request_id) VALUES ($1, $2, $3, $4, $5, " +
          TextArrayParam(6) + ", $7, NULLIF($8, ''))",
      r.calendar_id, r.id, r.number, r.capacity, r.room_type, UnavailableParam(r.unavailable),
      r.active, std::string(request_id));
}

void UpdateRoomRow(pqxx::work &tx, const Room &r) {
  tx.exec_params(
      "UPDATE catalog.rooms SET number = $3, capacity = $4, room_type = $5, "
      "unavailable = " +
          TextArrayParam(6) +
          ", active = $7, update_time = now() WHERE calendar_id = $1 AND id = "
          "$2",
      r.calendar_id, r.id, r.number, r.capacity, r.room_type, UnavailableParam(r.unavailable),
      r.active);
}

}  // namespace

absl::StatusOr<Room> PgResourceRepository::CreateRoom(const Room &room,
                                                      std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<Room> {
    absl::StatusOr<std::optional<Room>> earlier =
        kRooms.Earlier(tx, room.calendar_id, room.id, request_id);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) return **earlier;
    if (absl::Status s = CheckNumberFree(tx, room, ""); !s.ok()) return s;
    InsertRoom(tx, room, request_id);
    return room;
  });
}

absl::StatusOr<Room> PgResourceRepository::GetRoom(std::string_view calendar_id,
                                                   std::string_view id) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work &tx) { return kRooms.Get(tx, calendar_id, id, /*for_update=*/false); });
}

absl::StatusOr<api::Page<Room>> PgResourceRepository::ListRooms(std::string_view calendar_id,
                                                                const ListOptions &options) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<api::Page<Room>> {
    return kRooms.List(tx, calendar_id, options);
  });
}

absl::StatusOr<Room> PgResourceRepository::UpdateRoom(
    std::string_view calendar_id, std::string_view id,
    const std::function<absl::Status(Room &)> &change) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<Room> {
    absl::StatusOr<Room> room = kRooms.Get(tx, calendar_id, id, /*for_update=*/true);
    if (!room.ok()) return room.status();
    if (absl::Status s = change(*room); !s.ok()) return s;
    if (absl::Status s = CheckNumberFree(tx, *room, room->id); !s.ok()) return s;
    UpdateRoomRow(tx, *room);
    return room;
  });
}

absl::Status PgResourceRepository::DeleteRoom(std::string_view calendar_id, std::string_view id) {
  return pg::WithTransaction(pool_,
                             [&](pqxx::work &tx) { return kRooms.Delete(tx, calendar_id, id); });
}

absl::StatusOr<ImportCounts> PgResourceRepository::ImportRooms(std::string_view calendar_id,
                                                               const std::vector<Room> &rooms,
                                                               bool write) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<ImportCounts> {
    std::map<std::string, Room, std::less<>> existing;  // by number
    for (const pqxx::row &row : tx.exec_params(
             "SELECT " + kRoomColumns + " FROM catalog.rooms WHERE calendar_id = $1 FOR UPDATE",
             std::string(calendar_id))) {
      Room room = RoomOf(row);
      existing.emplace(room.number, std::move(room));
    }
    ImportCounts counts;
    for (const Room &incoming : rooms) {
      auto match = existing.find(incoming.number);
      if (match == existing.end()) {
        ++counts.created;
        if (write) InsertRoom(tx, incoming, "");
        continue;
      }
      Room merged = incoming;
      merged.calendar_id = match->second.calendar_id;
      merged.id = match->second.id;
      if (merged == match->second) {
        ++counts.unchanged;
        continue;
      }
      ++counts.updated;
      if (write) UpdateRoomRow(tx, merged);
    }
    return counts;
  });
}

absl::StatusOr<std::vector<Room>> PgResourceRepository::AllRooms(std::string_view calendar_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work &tx) -> absl::StatusOr<std::vector<Room>> {
    std::vector<Room> rooms;
    for (const pqxx::row &row : tx.exec_params("SELECT " + kRoomColumns +
                                                   " FROM catalog.rooms WHERE calendar_id = $1 "
                                                   "ORDER BY number",
                                               std::string(calendar_id))) {
      rooms.push_back(RoomOf(row));
    }
    return rooms;
  });
}

}  // namespace secsched::catalog
