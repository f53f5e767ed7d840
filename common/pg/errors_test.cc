// StatusFromPqxx on constructed libpqxx exceptions: the mapping table without a server.
#include "common/pg/errors.h"

#include <gtest/gtest.h>

#include <pqxx/except>
#include <stdexcept>

namespace secsched::pg {
namespace {

absl::StatusCode CodeFor(const std::string& sqlstate) {
  return StatusFromPqxx(pqxx::sql_error("server text", "SELECT secret", sqlstate.c_str())).code();
}

TEST(StatusFromPqxx, MapsSqlStatesFromTheErrorTable) {
  EXPECT_EQ(CodeFor("23505"), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(CodeFor("40001"), absl::StatusCode::kAborted);
  EXPECT_EQ(CodeFor("40P01"), absl::StatusCode::kAborted);
  EXPECT_EQ(CodeFor("08006"), absl::StatusCode::kUnavailable);
  EXPECT_EQ(CodeFor("57P01"), absl::StatusCode::kUnavailable);
  EXPECT_EQ(CodeFor("23503"), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CodeFor("23001"), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CodeFor("23514"), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeFor("23502"), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeFor("22P02"), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeFor("42P01"), absl::StatusCode::kInternal);
}

TEST(StatusFromPqxx, MapsSpecificExceptionClasses) {
  EXPECT_EQ(StatusFromPqxx(pqxx::unique_violation("dup", "INSERT", "23505")).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromPqxx(pqxx::unique_violation("dup without sqlstate")).code(),
            absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromPqxx(pqxx::foreign_key_violation("fk")).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromPqxx(pqxx::restrict_violation("restrict")).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(StatusFromPqxx(pqxx::check_violation("check")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromPqxx(pqxx::not_null_violation("not null")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromPqxx(pqxx::data_exception("data")).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(StatusFromPqxx(pqxx::serialization_failure("serialize")).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(StatusFromPqxx(pqxx::deadlock_detected("deadlock")).code(), absl::StatusCode::kAborted);
  EXPECT_EQ(StatusFromPqxx(pqxx::broken_connection("gone")).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(StatusFromPqxx(pqxx::in_doubt_error("commit unknown")).code(),
            absl::StatusCode::kUnavailable);
}

TEST(StatusFromPqxx, UnexpectedErrorsAreInternalWithAGenericMessage) {
  const absl::Status status = StatusFromPqxx(pqxx::sql_error(
      "relation \"catalog.rooms\" does not exist", "SELECT * FROM catalog.rooms", "42P01"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(status.message(), "internal database error");

  EXPECT_EQ(StatusFromPqxx(std::runtime_error("not a database error")).code(),
            absl::StatusCode::kInternal);
}

TEST(StatusFromPqxx, MessagesCarryNoSqlOrServerText) {
  const absl::Status status = StatusFromPqxx(pqxx::unique_violation(
      "Key (id)=(r-101) already exists.", "INSERT INTO rooms VALUES ('r-101')", "23505"));
  EXPECT_EQ(status.message().find("INSERT"), std::string_view::npos);
  EXPECT_EQ(status.message().find("r-101"), std::string_view::npos);
}

TEST(StatusFromPqxx, OnlySerializationFailuresAndDeadlocksAreRetryable) {
  EXPECT_TRUE(IsRetryableTransactionFailure(StatusFromPqxx(pqxx::serialization_failure("s"))));
  EXPECT_TRUE(IsRetryableTransactionFailure(StatusFromPqxx(pqxx::sql_error("", "", "40P01"))));
  EXPECT_TRUE(IsRetryableTransactionFailure(StatusFromPqxx(pqxx::deadlock_detected("d"))));
  EXPECT_FALSE(IsRetryableTransactionFailure(StatusFromPqxx(pqxx::sql_error("", "", "55P03"))));
  // ABORTED for a business reason ("job already running") is not a database retry.
  EXPECT_FALSE(IsRetryableTransactionFailure(absl::AbortedError("job already running")));
  EXPECT_EQ(SqlStateOf(StatusFromPqxx(pqxx::sql_error("", "", "23505"))), "23505");
  EXPECT_EQ(SqlStateOf(absl::AbortedError("x")), std::nullopt);
}

}  // namespace
}  // namespace secsched::pg
