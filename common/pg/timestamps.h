// Instants between C++ and PostgreSQL: timestamptz columns travel as microseconds since the epoch
// (bigint), so nothing depends on the session's time zone or DateStyle. Used by every storage
// layer; SQL for a column is MicrosOf("create_time"), for a parameter TimestampParam(3).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

namespace secsched::pg {

using TimePoint = std::chrono::system_clock::time_point;

// SQL: "(extract(epoch FROM <column>) * 1000000)::bigint".
inline std::string MicrosOf(std::string_view column) {
  return "(extract(epoch FROM " + std::string(column) + ") * 1000000)::bigint";
}

// SQL: parameter $n, holding microseconds, as a timestamptz.
inline std::string TimestampParam(int n) {
  return "('epoch'::timestamptz + $" + std::to_string(n) + "::bigint * interval '1 microsecond')";
}

inline int64_t ToMicros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

inline std::optional<int64_t> ToMicros(const std::optional<TimePoint>& t) {
  if (!t) return std::nullopt;
  return ToMicros(*t);
}

inline TimePoint TimeFromMicros(int64_t micros) {
  return TimePoint(
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

// A MicrosOf(...) column of a result row.
inline TimePoint TimeOf(const pqxx::field& field) { return TimeFromMicros(field.as<int64_t>()); }

inline std::optional<TimePoint> OptionalTimeOf(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeOf(field);
}

}  // namespace secsched::pg
