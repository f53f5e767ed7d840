// Run a unit of work in one PostgreSQL transaction, with retries for the failures that
// PostgreSQL asks clients to retry (serialization failure, deadlock).
//
//   absl::Status s = WithTransaction(pool, [&](pqxx::work& tx) -> absl::Status {
//     tx.exec_params("INSERT INTO catalog.rooms(id, name) VALUES ($1, $2)", id, name);
//     return absl::OkStatus();
//   });
//   absl::StatusOr<Room> r = WithTransaction(pool, [&](pqxx::work& tx) -> absl::StatusOr<Room> {
//     ...
//   }, {.isolation = Isolation::kSerializable});
//
// fn commits when it returns OK and rolls back otherwise. It may run more than once, so it must
// not have side effects outside the transaction (no RPCs, no Redis writes). pqxx exceptions
// thrown inside fn (and by commit) are caught and translated with StatusFromPqxx; they never
// escape. fn may also catch them itself and return StatusFromPqxx(e): the retry decision looks
// at the translated status, so both styles retry the same way.
#pragma once

#include <optional>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <type_traits>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/pg/pool.h"

namespace secsched::pg {

enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };

struct TxOptions {
  Isolation isolation = Isolation::kReadCommitted;
  // Total tries, including the first. Retries happen only for serialization failures and
  // deadlocks, after a short jittered backoff.
  int max_attempts = 5;
};

namespace internal {
// The non-template engine behind WithTransaction: acquire, begin, run fn, commit or roll back,
// retry retryable failures.
absl::Status RunTransaction(PgPool& pool, const TxOptions& options,
                            absl::FunctionRef<absl::Status(pqxx::work&)> fn);
// The engine behind WithSingleStatementRead: acquire, run fn outside a transaction.
absl::Status RunWithoutTransaction(PgPool& pool,
                                   absl::FunctionRef<absl::Status(pqxx::nontransaction&)> fn);

// Runs `run` with a body that calls fn (absl::StatusOr<T>(Tx&)) and keeps the value of the call
// that `run` finished with: fn's value, or the error.
template <class Result, class Tx, class Fn, class Run>
Result KeepingTheValue(Fn& fn, Run&& run) {
  std::optional<typename Result::value_type> value;
  auto body = [&](Tx& tx) -> absl::Status {
    Result result = fn(tx);
    if (!result.ok()) return result.status();
    value.emplace(*std::move(result));
    return absl::OkStatus();
  };
  absl::Status status = run(body);
  if (!status.ok()) return status;
  return *std::move(value);
}
}  // namespace internal

// fn: absl::Status(pqxx::work&).
template <class Fn>
requires std::is_same_v<std::invoke_result_t<Fn&, pqxx::work&>, absl::Status> absl::Status
WithTransaction(PgPool& pool, Fn&& fn, TxOptions options = {}) {
  return internal::RunTransaction(pool, options, fn);
}

// fn: absl::StatusOr<T>(pqxx::work&). The value of the attempt that committed is returned.
template <class Fn, class Result = std::invoke_result_t<Fn&, pqxx::work&>>
requires(!std::is_same_v<Result, absl::Status> &&
         std::is_same_v<Result, absl::StatusOr<typename Result::value_type>>) Result
    WithTransaction(PgPool& pool, Fn&& fn, TxOptions options = {}) {
  return internal::KeepingTheValue<Result, pqxx::work>(
      fn, [&](auto& body) { return internal::RunTransaction(pool, options, body); });
}

// A read that is a single statement needs no transaction: PostgreSQL runs every statement on a
// snapshot of its own, so BEGIN and COMMIT would only add two round trips to each call (on a hot
// read such as GetCourse, most of the server's work). fn: absl::StatusOr<T>(pqxx::nontransaction&);
// it must not write, and must not run several statements that need to agree with each other
// (use WithTransaction then). pqxx exceptions are translated as WithTransaction does; nothing is
// retried (a lone read fails neither on serialization nor on deadlock).
template <class Fn, class Result = std::invoke_result_t<Fn&, pqxx::nontransaction&>>
requires std::is_same_v<Result, absl::StatusOr<typename Result::value_type>> Result
WithSingleStatementRead(PgPool& pool, Fn&& fn) {
  return internal::KeepingTheValue<Result, pqxx::nontransaction>(
      fn, [&](auto& body) { return internal::RunWithoutTransaction(pool, body); });
}

}  // namespace secsched::pg
