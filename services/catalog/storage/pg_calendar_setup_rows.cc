#include "services/catalog/storage/pg_calendar_setup_rows.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace secsched::catalog::storage {
namespace {

std::string_view StructureName(TermStructure structure) {
  switch (structure) {
    case TermStructure::kSemesters:
      return "SEMESTERS";
    case TermStructure::kTrimesters:
      return "TRIMESTERS";
    case TermStructure::kQuarters:
      return "QUARTERS";
  }
  return "SEMESTERS";
}

TermStructure ParseStructure(std::string_view text) {
  if (text == "TRIMESTERS") return TermStructure::kTrimesters;
  if (text == "QUARTERS") return TermStructure::kQuarters;
  return TermStructure::kSemesters;
}

// Dates travel as ISO text (to_char on the way out), independent of the session's DateStyle.
Date DateOf(const pqxx::field& field) { return *ParseIsoDate(field.as<std::string>()); }

}  // namespace

CalendarSetup LoadSetup(pqxx::work& tx, std::string_view calendar_id) {
  const std::string id(calendar_id);
  CalendarSetup setup;
  pqxx::result structure =
      tx.exec_params("SELECT term_structure FROM catalog.calendars WHERE id = $1", id);
  if (!structure.empty() && !structure[0][0].is_null()) {
    TermSet set{.structure = ParseStructure(structure[0][0].as<std::string>())};
    for (const pqxx::row& row :
         tx.exec_params("SELECT id, display_name, to_char(start_date, 'YYYY-MM-DD'), "
                        "to_char(end_date, 'YYYY-MM-DD') FROM catalog.terms WHERE calendar_id = $1 "
                        "ORDER BY sequence",
                        id)) {
      set.terms.push_back({.id = row[0].as<std::string>(),
                           .display_name = row[1].as<std::string>(),
                           .start = DateOf(row[2]),
                           .end = DateOf(row[3])});
    }
    setup.terms = std::move(set);
  }
  for (const pqxx::row& row : tx.exec_params("SELECT id, display_name FROM catalog.day_types WHERE "
                                             "calendar_id = $1 ORDER BY sequence",
                                             id)) {
    setup.periods.day_types.push_back(
        {.id = row[0].as<std::string>(), .display_name = row[1].as<std::string>()});
  }
  for (const pqxx::row& row :
       tx.exec_params("SELECT p.day_type, p.number, p.display_name, p.start_minute, p.end_minute "
                      "FROM catalog.periods p LEFT JOIN catalog.day_types d "
                      "  ON d.calendar_id = p.calendar_id AND d.id = p.day_type "
                      "WHERE p.calendar_id = $1 ORDER BY d.sequence NULLS FIRST, p.start_minute",
                      id)) {
    setup.periods.periods.push_back({.day_type = row[0].as<std::string>(),
                                     .number = row[1].as<int>(),
                                     .display_name = row[2].as<std::string>(),
                                     .start_minute = row[3].as<int>(),
                                     .end_minute = row[4].as<int>()});
  }
  pqxx::result pattern = tx.exec_params(
      "SELECT to_char(first_day, 'YYYY-MM-DD'), to_char(last_day, 'YYYY-MM-DD'), "
      "array_to_string(weekdays, ',') FROM catalog.day_patterns WHERE calendar_id = $1",
      id);
  if (!pattern.empty()) {
    DayPattern days{.first_day = DateOf(pattern[0][0]), .last_day = DateOf(pattern[0][1])};
    for (absl::string_view part : absl::StrSplit(pattern[0][2].as<std::string>(), ',')) {
      int weekday = 0;
      if (absl::SimpleAtoi(part, &weekday)) days.weekdays.push_back(weekday);
    }
    for (const pqxx::row& row :
         tx.exec_params("SELECT to_char(day, 'YYYY-MM-DD'), display_name FROM catalog.holidays "
                        "WHERE calendar_id = $1 ORDER BY day",
                        id)) {
      days.holidays.push_back({.date = DateOf(row[0]), .display_name = row[1].as<std::string>()});
    }
    setup.days = std::move(days);
  }
  return setup;
}

void WriteTerms(pqxx::work& tx, std::string_view calendar_id, const std::optional<TermSet>& terms) {
  const std::string id(calendar_id);
  tx.exec_params("DELETE FROM catalog.terms WHERE calendar_id = $1", id);
  if (!terms) {
    tx.exec_params(
        "UPDATE catalog.calendars SET term_structure = NULL, update_time = now() "
        "WHERE id = $1",
        id);
    return;
  }
  tx.exec_params(
      "UPDATE catalog.calendars SET term_structure = $2, update_time = now() "
      "WHERE id = $1",
      id, std::string(StructureName(terms->structure)));
  int sequence = 0;
  for (const Term& t : terms->terms) {
    tx.exec_params(
        "INSERT INTO catalog.terms (calendar_id, id, sequence, display_name, start_date, end_date) "
        "VALUES ($1, $2, $3, $4, $5::date, $6::date)",
        id, t.id, ++sequence, t.display_name, FormatIsoDate(t.start), FormatIsoDate(t.end));
  }
}

void WritePeriodSchedule(pqxx::work& tx, std::string_view calendar_id,
                         const PeriodSchedule& schedule) {
  const std::string id(calendar_id);
  tx.exec_params("DELETE FROM catalog.periods WHERE calendar_id = $1", id);
  tx.exec_params("DELETE FROM catalog.day_types WHERE calendar_id = $1", id);
  int sequence = 0;
  for (const DayType& t : schedule.day_types) {
    tx.exec_params(
        "INSERT INTO catalog.day_types (calendar_id, id, sequence, display_name) "
        "VALUES ($1, $2, $3, $4)",
        id, t.id, ++sequence, t.display_name);
  }
  for (const Period& p : schedule.periods) {
    tx.exec_params(
        "INSERT INTO catalog.periods (calendar_id, day_type, number, display_name, start_minute, "
        "end_minute) VALUES ($1, $2, $3, $4, $5, $6)",
        id, p.day_type, p.number, p.display_name, p.start_minute, p.end_minute);
  }
  tx.exec_params("UPDATE catalog.calendars SET update_time = now() WHERE id = $1", id);
}

void WriteDayPattern(pqxx::work& tx, std::string_view calendar_id,
                     const std::optional<DayPattern>& pattern) {
  const std::string id(calendar_id);
  tx.exec_params("DELETE FROM catalog.day_patterns WHERE calendar_id = $1", id);  // cascades
  if (pattern) {
    tx.exec_params(
        "INSERT INTO catalog.day_patterns (calendar_id, first_day, last_day, weekdays) "
        "VALUES ($1, $2::date, $3::date, $4::int[])",
        id, FormatIsoDate(pattern->first_day), FormatIsoDate(pattern->last_day),
        "{" + absl::StrJoin(pattern->weekdays, ",") + "}");
    for (const Holiday& h : pattern->holidays) {
      tx.exec_params(
          "INSERT INTO catalog.holidays (calendar_id, day, display_name) VALUES ($1, $2::date, $3)",
          id, FormatIsoDate(h.date), h.display_name);
    }
  }
  tx.exec_params("UPDATE catalog.calendars SET update_time = now() WHERE id = $1", id);
}

}  // namespace secsched::catalog::storage
