#include "common/pg/errors.h"

#include <spdlog/spdlog.h>

#include <pqxx/except>
#include <string_view>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"

namespace secsched::pg {
namespace {

// Debian's absl has its own string_view (not std::string_view), hence a char array.
constexpr char kSqlStatePayload[] = "type.secsched.dev/pg.sqlstate";

absl::Status WithSqlState(absl::Status status, const std::string& sqlstate) {
  if (!sqlstate.empty()) status.SetPayload(kSqlStatePayload, absl::Cord(sqlstate));
  return status;
}

// Classifies by SQLSTATE (PostgreSQL Appendix A): it is what the server actually said, and
// pqxx 6 maps only some codes to specific exception classes.
absl::Status StatusFromSqlState(const std::string& state) {
  const auto is = [&](const char* code) { return state == code; };
  const auto in_class = [&](const char* prefix) { return absl::StartsWith(state, prefix); };

  if (is("23505")) return absl::AlreadyExistsError("the record already exists");
  if (is("40001")) {
    return absl::AbortedError("the transaction conflicted with another one; try again");
  }
  if (is("40P01")) return absl::AbortedError("the transaction deadlocked; try again");
  if (is("55P03")) return absl::AbortedError("the record is locked by another operation");
  if (is("23503")) {
    return absl::FailedPreconditionError("the record refers to or is used by another record");
  }
  if (is("23001")) return absl::FailedPreconditionError("the record is still in use");
  if (is("23P01")) {
    return absl::FailedPreconditionError("the record conflicts with an existing record");
  }
  if (is("23514")) return absl::InvalidArgumentError("a value is outside its allowed range");
  if (is("23502")) return absl::InvalidArgumentError("a required value is missing");
  if (in_class("22")) return absl::InvalidArgumentError("a value is not valid");
  if (is("57014")) return absl::DeadlineExceededError("the database operation took too long");
  // 08: connection exception; 57P01-57P03: server shutting down or starting; 53300: too many
  // connections. All mean "the database is not reachable right now".
  if (in_class("08") || is("57P01") || is("57P02") || is("57P03") || is("53300")) {
    return absl::UnavailableError("the database is unavailable");
  }
  return absl::InternalError("internal database error");
}

}  // namespace

absl::Status StatusFromPqxx(const std::exception& error) {
  absl::Status status;
  std::string sqlstate;
  std::string query;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    sqlstate = sql->sqlstate();
    query = sql->query();
    status = StatusFromSqlState(sqlstate);
    // pqxx sometimes builds these without a SQLSTATE (e.g. errors raised client-side);
    // fall back to the exception class.
    if (sqlstate.empty()) {
      if (dynamic_cast<const pqxx::unique_violation*>(&error)) {
        status = StatusFromSqlState("23505");
      } else if (dynamic_cast<const pqxx::foreign_key_violation*>(&error)) {
        status = StatusFromSqlState("23503");
      } else if (dynamic_cast<const pqxx::restrict_violation*>(&error)) {
        status = StatusFromSqlState("23001");
      } else if (dynamic_cast<const pqxx::check_violation*>(&error)) {
        status = StatusFromSqlState("23514");
      } else if (dynamic_cast<const pqxx::not_null_violation*>(&error)) {
        status = StatusFromSqlState("23502");
      } else if (dynamic_cast<const pqxx::data_exception*>(&error)) {
        status = StatusFromSqlState("22000");
      }
    }
  } else if (dynamic_cast<const pqxx::serialization_failure*>(&error)) {
    sqlstate = "40001";
    status = StatusFromSqlState(sqlstate);
  } else if (dynamic_cast<const pqxx::deadlock_detected*>(&error)) {
    sqlstate = "40P01";
    status = StatusFromSqlState(sqlstate);
  } else if (dynamic_cast<const pqxx::in_doubt_error*>(&error) ||
             dynamic_cast<const pqxx::statement_completion_unknown*>(&error)) {
    // The connection died while committing: the outcome is unknown. Clients retry with the
    // same request_id, which makes that safe.
    status = absl::UnavailableError("the database connection was lost; the outcome is unknown");
  } else if (dynamic_cast<const pqxx::transaction_rollback*>(&error)) {
    status = absl::AbortedError("the transaction was rolled back by the database");
  } else if (dynamic_cast<const pqxx::broken_connection*>(&error)) {
    status = absl::UnavailableError("the database is unavailable");
  } else {
    status = absl::InternalError("internal database error");
  }

  if (status.code() == absl::StatusCode::kInternal) {
    spdlog::error("database error (sqlstate {}): {}{}{}", sqlstate.empty() ? "none" : sqlstate,
                  error.what(), query.empty() ? "" : " query: ", query);
  } else {
    spdlog::debug("database error mapped to {} (sqlstate {}): {}",
                  absl::StatusCodeToString(status.code()), sqlstate, error.what());
  }
  return WithSqlState(std::move(status), sqlstate);
}

std::optional<std::string> SqlStateOf(const absl::Status& status) {
  auto payload = status.GetPayload(kSqlStatePayload);  // absl::optional, not std::
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}

bool IsRetryableTransactionFailure(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kAborted) return false;
  const std::optional<std::string> state = SqlStateOf(status);
  return state == "40001" || state == "40P01";
}

}  // namespace secsched::pg
