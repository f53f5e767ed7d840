// Statements prepared once per connection: PostgreSQL parses and plans a prepared statement the
// first time a connection runs it and reuses the plan afterwards. For the short, hot statements
// of a request (a student's schedule, a walk-in) parsing and planning cost more server CPU than
// executing; an unprepared `exec_params` pays them on every call.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace secsched::pg {

// The statement's name on the connection: derived from its text, so the same text is prepared
// once per connection and two texts never share a name.
inline std::string PreparedName(const std::string& sql) {
  return "secsched_" + std::to_string(std::hash<std::string>{}(sql));
}

// Runs `sql` with `args` as a prepared statement on the transaction's connection, preparing it
// on first use. pqxx keeps the definitions per connection (a repeated identical definition is a
// lookup) and prepares them on the server lazily; a replaced connection starts empty. Use for
// statements whose text is fixed or drawn from a small set (the text is the cache key).
template <class... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  std::string name = PreparedName(sql);
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, std::forward<Args>(args)...);
}

}  // namespace secsched::pg
