// The statements teachers and rooms share (one calendar-scoped table each, keyed by
// (calendar_id, id), with an `active` flag and an idempotency `request_id`), written once for
// PgResourceRepository: what differs per table is its name, columns and row mapper.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/api/paging.h"
#include "common/pg/request_ids.h"
#include "common/status/strings.h"
#include "services/catalog/domain/resources.h"

namespace secsched::catalog {

template <class Resource>
struct PgResourceTable {
  std::string_view kind;        // "Teacher", in messages
  std::string_view collection;  // "teachers": the resource name's collection and the table name
  const std::string& columns;   // the SELECT list
  Resource (*of)(const pqxx::row&);

  std::string Table() const { return absl::StrCat("catalog.", ToAbsl(collection)); }
  std::string Name(std::string_view calendar_id, std::string_view id) const {
    return absl::StrCat(ToAbsl(kind), " calendars/", ToAbsl(calendar_id), "/", ToAbsl(collection),
                        "/", ToAbsl(id));
  }
  absl::Status NotFound(std::string_view calendar_id, std::string_view id) const {
    return absl::NotFoundError(absl::StrCat(Name(calendar_id, id), " not found."));
  }

  // Create's checks: the resource an earlier call with `request_id` created (a retry returns it),
  // else ALREADY_EXISTS when the id is taken, else nothing (the caller inserts).
  absl::StatusOr<std::optional<Resource>> Earlier(pqxx::work& tx, const std::string& calendar_id,
                                                  const std::string& id,
                                                  std::string_view request_id) const {
    if (!request_id.empty()) {
      absl::Status claimed =
          pg::ClaimRequestId(tx, absl::StrCat(ToAbsl(collection), " ", calendar_id), request_id);
      if (!claimed.ok()) return claimed;
      pqxx::result earlier =
          tx.exec_params(absl::StrCat("SELECT ", columns, " FROM ", Table(),
                                      " WHERE calendar_id = $1 AND request_id = $2"),
                         calendar_id, std::string(request_id));
      if (!earlier.empty()) return std::optional<Resource>(of(earlier[0]));
    }
    if (!tx.exec_params(
               absl::StrCat("SELECT 1 FROM ", Table(), " WHERE calendar_id = $1 AND id = $2"),
               calendar_id, id)
             .empty())
      return absl::AlreadyExistsError(absl::StrCat(Name(calendar_id, id), " already exists."));
    return std::optional<Resource>();
  }

  // One row, NOT_FOUND when absent; `for_update` locks it for the transaction.
  absl::StatusOr<Resource> Get(pqxx::work& tx, std::string_view calendar_id, std::string_view id,
                               bool for_update) const {
    pqxx::result rows = tx.exec_params(
        absl::StrCat("SELECT ", columns, " FROM ", Table(), " WHERE calendar_id = $1 AND id = $2",
                     for_update ? " FOR UPDATE" : ""),
        std::string(calendar_id), std::string(id));
    if (rows.empty()) return NotFound(calendar_id, id);
    return of(rows[0]);
  }

  api::Page<Resource> List(pqxx::work& tx, std::string_view calendar_id,
                           const ListOptions& options) const {
    pqxx::result rows = tx.exec_params(
        absl::StrCat("SELECT ", columns, " FROM ", Table(),
                     " WHERE calendar_id = $1 AND id > $2 AND (active OR NOT $3) "
                     "ORDER BY id LIMIT $4"),
        std::string(calendar_id), options.after, options.active_only, options.limit + 1);
    api::Page<Resource> page;
    for (const pqxx::row& row : rows) page.items.push_back(of(row));
    page.next_after =
        api::TrimToPage(page.items, options.limit, [](const Resource& item) { return item.id; });
    return page;
  }

  absl::Status Delete(pqxx::work& tx, std::string_view calendar_id, std::string_view id) const {
    pqxx::result deleted =
        tx.exec_params(absl::StrCat("DELETE FROM ", Table(), " WHERE calendar_id = $1 AND id = $2"),
                       std::string(calendar_id), std::string(id));
    if (deleted.affected_rows() == 0) return NotFound(calendar_id, id);
    return absl::OkStatus();
  }
};

}  // namespace secsched::catalog
