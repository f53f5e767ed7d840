#include "services/sectioning/storage/pg_grading_repository.h"

#include <map>
#include <optional>
#include <pqxx/pqxx>

#include "absl/strings/str_split.h"
#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"

namespace secsched::sectioning {
namespace {

using pg::MicrosOf;
using pg::TimestampParam;

const std::string kWindowColumns =
    "w.calendar_id, w.window_id, w.task, w.term_id, " + MicrosOf("w.open_time") + " AS open_us, " +
    MicrosOf("w.close_time") + " AS close_us, " + MicrosOf("w.create_time") + " AS create_us, " +
    MicrosOf("w.update_time") + " AS update_us";

GradingWindow WindowFromRow(const pqxx::row& row) {
  return GradingWindow{.calendar_id = row["calendar_id"].as<std::string>(),
                       .window_id = row["window_id"].as<std::string>(),
                       .task = row["task"].as<std::string>(),
                       .term_id = row["term_id"].as<std::string>(),
                       .open_time = pg::TimeOf(row["open_us"]),
                       .close_time = pg::TimeOf(row["close_us"]),
                       .create_time = pg::TimeOf(row["create_us"]),
                       .update_time = pg::TimeOf(row["update_us"])};
}

// A PostgreSQL text[] literal: every element quoted, backslashes and quotes escaped.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// Fills in the exceptions of `windows` (all of one calendar) with one statement.
void LoadExceptions(pqxx::work& tx, std::string_view calendar_id,
                    std::vector<GradingWindow>& windows) {
  if (windows.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, GradingWindow*> by_id;
  for (GradingWindow& w : windows) {
    ids.push_back(w.window_id);
    by_id[w.window_id] = &w;
  }
  pqxx::result rows = tx.exec_params("SELECT window_id, trial_id, section_id, teacher_id, " +
                                         MicrosOf("close_time") +
                                         " AS close_us FROM grading_window_exceptions "
                                         "WHERE calendar_id = $1 AND window_id = ANY($2::text[]) "
                                         "ORDER BY window_id, exception_id",
                                     std::string(calendar_id), TextArray(ids));
  for (const pqxx::row& row : rows) {
    by_id[row["window_id"].as<std::string>()]->exceptions.push_back(
        GradingException{.trial_id = row["trial_id"].as<std::string>(),
                         .section_id = row["section_id"].as<std::string>(),
                         .teacher_id = row["teacher_id"].as<std::string>(),
                         .close_time = pg::TimeOf(row["close_us"])});
  }
}

std::optional<GradingWindow> ReadWindow(pqxx::work& tx, std::string_view calendar_id,
                                        std::string_view window_id, bool for_update = false) {
  pqxx::result rows = tx.exec_params("SELECT " + kWindowColumns +
                                         " FROM grading_windows w "
                                         "WHERE w.calendar_id = $1 AND w.window_id = $2" +
                                         (for_update ? " FOR UPDATE" : ""),
                                     std::string(calendar_id), std::string(window_id));
  if (rows.empty()) return std::nullopt;
  std::vector<GradingWindow> one = {WindowFromRow(rows[0])};
  LoadExceptions(tx, calendar_id, one);
  return std::move(one[0]);
}

absl::Status WindowNotFound(std::string_view calendar_id, std::string_view window_id) {
  return absl::NotFoundError("Grading window " + std::string(window_id) +
                             " not found in calendar " + std::string(calendar_id) + ".");
}

// ALREADY_EXISTS when another window of the calendar has (task, term): a clear message before
// the UNIQUE constraint (which still guards races) would answer with a generic one.
absl::Status RequireFreeTaskTerm(pqxx::work& tx, const GradingWindow& w) {
  pqxx::result taken = tx.exec_params(
      "SELECT window_id FROM grading_windows "
      "WHERE calendar_id = $1 AND task = $2 AND term_id = $3 AND window_id <> $4",
      w.calendar_id, w.task, w.term_id, w.window_id);
  if (taken.empty()) return absl::OkStatus();
  return absl::AlreadyExistsError("Calendar " + w.calendar_id + " already has grading window " +
                                  taken[0][0].as<std::string>() + " for task " + w.task +
                                  " in term " + w.term_id + ".");
}

}  // namespace

absl::StatusOr<GradingWindow> PgGradingRepository::Create(const GradingWindow& window,
                                                          std::string_view request_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradingWindow> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "grading_windows", request_id); !s.ok()) return s;
      pqxx::result existing =
          tx.exec_params("SELECT calendar_id, window_id FROM grading_windows WHERE request_id = $1",
                         std::string(request_id));
      if (!existing.empty()) {
        // request_id is unique over every calendar: a key first used for another calendar (the
        // caller may not even read it) is refused rather than answered with that window.
        if (existing[0][0].as<std::string>() != window.calendar_id) {
          return absl::AlreadyExistsError("request_id " + std::string(request_id) +
                                          " was already used for another request.");
        }
        std::optional<GradingWindow> first =
            ReadWindow(tx, existing[0][0].as<std::string>(), existing[0][1].as<std::string>());
        if (first) return *std::move(first);
      }
    }
    if (absl::Status s = RequireFreeTaskTerm(tx, window); !s.ok()) return s;
    if (ReadWindow(tx, window.calendar_id, window.window_id)) {
      return absl::AlreadyExistsError("Grading window " + window.window_id +
                                      " already exists in calendar " + window.calendar_id + ".");
    }
    tx.exec_params(
        "INSERT INTO grading_windows (calendar_id, window_id, task, term_id, open_time, "
        "close_time, request_id) VALUES ($1, $2, $3, $4, " +
            TimestampParam(5) + ", " + TimestampParam(6) + ", NULLIF($7, ''))",
        window.calendar_id, window.window_id, window.task, window.term_id,
        pg::ToMicros(window.open_time), pg::ToMicros(window.close_time), std::string(request_id));
    return *ReadWindow(tx, window.calendar_id, window.window_id);
  });
}

absl::StatusOr<GradingWindow> PgGradingRepository::Get(std::string_view calendar_id,
                                                       std::string_view window_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradingWindow> {
    std::optional<GradingWindow> window = ReadWindow(tx, calendar_id, window_id);
    if (!window) return WindowNotFound(calendar_id, window_id);
    return *std::move(window);
  });
}

absl::StatusOr<api::Page<GradingWindow>> PgGradingRepository::List(
    std::string_view calendar_id, const api::PageRequest& page,
    std::optional<GradingTime> open_at) {
  return pg::WithTransaction(
      pool_,
      [&](pqxx::work& tx) -> absl::StatusOr<api::Page<GradingWindow>> {
        // Open at $4: opened, and closing after $4 itself or for some exception.
        const std::string open_filter =
            open_at ? " AND w.open_time <= " + TimestampParam(4) + " AND (w.close_time > " +
                          TimestampParam(4) +
                          " OR EXISTS (SELECT 1 FROM grading_window_exceptions e "
                          "WHERE e.calendar_id = w.calendar_id AND e.window_id = w.window_id "
                          "AND e.close_time > " +
                          TimestampParam(4) + "))"
                    : " AND $4::bigint IS NOT NULL";
        pqxx::result rows = tx.exec_params("SELECT " + kWindowColumns +
                                               " FROM grading_windows w WHERE w.calendar_id = $1 "
                                               "AND w.window_id > $2" +
                                               open_filter + " ORDER BY w.window_id LIMIT $3",
                                           std::string(calendar_id), page.after, page.size + 1,
                                           open_at ? pg::ToMicros(*open_at) : int64_t{0});
        api::Page<GradingWindow> out;
        for (const pqxx::row& row : rows) out.items.push_back(WindowFromRow(row));
        out.next_after = api::TrimToPage(out.items, page.size,
                                         [](const GradingWindow& w) { return w.window_id; });
        LoadExceptions(tx, calendar_id, out.items);
        return out;
      },
      {.isolation = pg::Isolation::kRepeatableRead});
}

absl::StatusOr<GradingWindow> PgGradingRepository::Update(const GradingWindow& window) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradingWindow> {
    if (absl::Status s = RequireFreeTaskTerm(tx, window); !s.ok()) return s;
    pqxx::result updated = tx.exec_params(
        "UPDATE grading_windows SET task = $3, term_id = $4, open_time = " + TimestampParam(5) +
            ", close_time = " + TimestampParam(6) +
            ", update_time = now() WHERE calendar_id = $1 AND window_id = $2",
        window.calendar_id, window.window_id, window.task, window.term_id,
        pg::ToMicros(window.open_time), pg::ToMicros(window.close_time));
    if (updated.affected_rows() == 0) return WindowNotFound(window.calendar_id, window.window_id);
    return *ReadWindow(tx, window.calendar_id, window.window_id);
  });
}

absl::Status PgGradingRepository::Delete(std::string_view calendar_id, std::string_view window_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result deleted =
        tx.exec_params("DELETE FROM grading_windows WHERE calendar_id = $1 AND window_id = $2",
                       std::string(calendar_id), std::string(window_id));
    if (deleted.affected_rows() == 0) return WindowNotFound(calendar_id, window_id);
    return absl::OkStatus();
  });
}

absl::StatusOr<GradingWindow> PgGradingRepository::PutException(std::string_view calendar_id,
                                                                std::string_view window_id,
                                                                const GradingException& exception) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradingWindow> {
    // The window row locked: a concurrent Delete or Update waits, and the update_time is ours.
    if (!ReadWindow(tx, calendar_id, window_id, /*for_update=*/true)) {
      return WindowNotFound(calendar_id, window_id);
    }
    if (exception.IsSection()) {
      pqxx::result section = tx.exec_params(
          "SELECT 1 FROM sections WHERE calendar_id = $1 AND trial_id = $2 AND section_id = $3",
          std::string(calendar_id), exception.trial_id, exception.section_id);
      if (section.empty()) {
        return absl::NotFoundError("Section " + exception.section_id + " not found in trial " +
                                   exception.trial_id + " of calendar " + std::string(calendar_id) +
                                   ".");
      }
    }
    tx.exec_params(
        "INSERT INTO grading_window_exceptions (calendar_id, window_id, exception_id, trial_id, "
        "section_id, teacher_id, close_time) VALUES ($1, $2, $3, $4, $5, $6, " +
            TimestampParam(7) +
            ") ON CONFLICT (calendar_id, window_id, exception_id) "
            "DO UPDATE SET close_time = EXCLUDED.close_time",
        std::string(calendar_id), std::string(window_id), exception.Key(), exception.trial_id,
        exception.section_id, exception.teacher_id, pg::ToMicros(exception.close_time));
    tx.exec_params(
        "UPDATE grading_windows SET update_time = now() WHERE calendar_id = $1 AND window_id = $2",
        std::string(calendar_id), std::string(window_id));
    return *ReadWindow(tx, calendar_id, window_id);
  });
}

absl::StatusOr<GradingWindow> PgGradingRepository::RemoveException(std::string_view calendar_id,
                                                                   std::string_view window_id,
                                                                   const GradingException& target) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradingWindow> {
    if (!ReadWindow(tx, calendar_id, window_id, /*for_update=*/true)) {
      return WindowNotFound(calendar_id, window_id);
    }
    pqxx::result deleted = tx.exec_params(
        "DELETE FROM grading_window_exceptions "
        "WHERE calendar_id = $1 AND window_id = $2 AND exception_id = $3",
        std::string(calendar_id), std::string(window_id), target.Key());
    if (deleted.affected_rows() == 0) {
      return absl::NotFoundError(
          "Grading window " + std::string(window_id) + " has no exception for " +
          (target.IsSection() ? "section " + target.section_id : "teacher " + target.teacher_id) +
          ".");
    }
    tx.exec_params(
        "UPDATE grading_windows SET update_time = now() WHERE calendar_id = $1 AND window_id = $2",
        std::string(calendar_id), std::string(window_id));
    return *ReadWindow(tx, calendar_id, window_id);
  });
}

absl::StatusOr<GradedSection> PgGradingRepository::Section(std::string_view calendar_id,
                                                           std::string_view trial_id,
                                                           std::string_view section_id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<GradedSection> {
    pqxx::result rows = tx.exec_params(
        "SELECT coalesce((SELECT teacher_id FROM section_teachers t "
        "  WHERE t.calendar_id = s.calendar_id AND t.trial_id = s.trial_id "
        "  AND t.section_id = s.section_id AND t.role = 'PRIMARY'), '') AS primary_teacher, "
        "coalesce((SELECT string_agg(DISTINCT m.term_id, E'\\x1f' ORDER BY m.term_id) "
        "  FROM section_meetings m WHERE m.calendar_id = s.calendar_id "
        "  AND m.trial_id = s.trial_id AND m.section_id = s.section_id), '') AS terms "
        "FROM sections s WHERE s.calendar_id = $1 AND s.trial_id = $2 AND s.section_id = $3",
        std::string(calendar_id), std::string(trial_id), std::string(section_id));
    if (rows.empty()) {
      return absl::NotFoundError("Section " + std::string(section_id) + " not found in trial " +
                                 std::string(trial_id) + " of calendar " +
                                 std::string(calendar_id) + ".");
    }
    GradedSection section{.trial_id = std::string(trial_id),
                          .section_id = std::string(section_id),
                          .primary_teacher_id = rows[0]["primary_teacher"].as<std::string>()};
    const std::string terms = rows[0]["terms"].as<std::string>();
    if (!terms.empty()) {
      std::vector<std::string> term_ids = absl::StrSplit(terms, '\x1f');
      section.term_ids = std::move(term_ids);
    }
    return section;
  });
}

absl::StatusOr<std::vector<GradingWindow>> PgGradingRepository::WindowsFor(
    std::string_view calendar_id, std::string_view task, const std::vector<std::string>& term_ids) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<GradingWindow>> {
        std::vector<GradingWindow> windows;
        if (term_ids.empty()) return windows;
        pqxx::result rows =
            tx.exec_params("SELECT " + kWindowColumns +
                               " FROM grading_windows w WHERE w.calendar_id = $1 AND w.task = $2 "
                               "AND w.term_id = ANY($3::text[]) ORDER BY w.term_id",
                           std::string(calendar_id), std::string(task), TextArray(term_ids));
        for (const pqxx::row& row : rows) windows.push_back(WindowFromRow(row));
        LoadExceptions(tx, calendar_id, windows);
        return windows;
      });
}

}  // namespace secsched::sectioning
