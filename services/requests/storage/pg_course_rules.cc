// PgPlanningRepository: course rules and credit ranges.
#include <pqxx/pqxx>

#include "common/pg/request_ids.h"
#include "common/pg/timestamps.h"
#include "common/pg/transaction.h"
#include "services/requests/storage/pg_planning_repository.h"
#include "services/requests/storage/pg_snapshot_reads.h"

namespace secsched::requests {
namespace {

const std::string kRuleColumns =
    "calendar_id, rule_id, rule_type, scope, course_a, course_b, creator, " +
    pg::MicrosOf("create_time") + " AS create_us";

std::optional<CourseRuleType> TypeFromName(std::string_view name) {
  for (CourseRuleType t :
       {CourseRuleType::kSamePeriod, CourseRuleType::kNotSamePeriod, CourseRuleType::kSameTerm,
        CourseRuleType::kDifferentTerm, CourseRuleType::kPrecedes, CourseRuleType::kLinked}) {
    if (CourseRuleTypeName(t) == name) return t;
  }
  return std::nullopt;
}

CourseRule RuleFromRow(const pqxx::row& row) {
  return CourseRule{
      .calendar_id = row["calendar_id"].as<std::string>(),
      .id = row["rule_id"].as<std::string>(),
      // The table's CHECK admits only known names.
      .type = TypeFromName(row["rule_type"].as<std::string>()).value_or(CourseRuleType::kLinked),
      .scope = row["scope"].as<std::string>() == "MASTER" ? CourseRuleScope::kMaster
                                                          : CourseRuleScope::kStudent,
      .course_a = row["course_a"].as<std::string>(),
      .course_b = row["course_b"].as<std::string>(),
      .creator = row["creator"].as<std::string>(),
      .create_time = pg::TimeFromMicros(row["create_us"].as<int64_t>()),
  };
}

std::vector<CourseRule> RulesFrom(const pqxx::result& rows) {
  std::vector<CourseRule> out;
  out.reserve(rows.size());
  for (const pqxx::row& row : rows) out.push_back(RuleFromRow(row));
  return out;
}

}  // namespace

absl::StatusOr<CourseRule> PgPlanningRepository::CreateCourseRule(
    const CourseRule& rule, std::string_view request_id,
    const std::function<absl::Status(const std::vector<CourseRule>&)>& check) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<CourseRule> {
    if (!request_id.empty()) {
      if (absl::Status s = pg::ClaimRequestId(tx, "course_rules", request_id); !s.ok()) return s;
      pqxx::result existing =
          tx.exec_params("SELECT " + kRuleColumns + " FROM course_rules WHERE request_id = $1",
                         std::string(request_id));
      if (!existing.empty()) return RuleFromRow(existing[0]);
    }
    // One writer per pair of courses at a time, so two contradicting rules cannot both pass.
    const std::string low = std::min(rule.course_a, rule.course_b);
    const std::string high = std::max(rule.course_a, rule.course_b);
    tx.exec_params(
        "SELECT pg_advisory_xact_lock(hashtext('course_rules|' || $1 || '|' || $2 || "
        "'|' || $3))",
        rule.calendar_id, low, high);
    pqxx::result on_pair = tx.exec_params(
        "SELECT " + kRuleColumns +
            " FROM course_rules WHERE calendar_id = $1 AND "
            "((course_a = $2 AND course_b = $3) OR (course_a = $3 AND course_b = $2)) "
            "ORDER BY rule_id",
        rule.calendar_id, low, high);
    if (absl::Status allowed = check(RulesFrom(on_pair)); !allowed.ok()) return allowed;
    pqxx::result inserted = tx.exec_params(
        "INSERT INTO course_rules (calendar_id, rule_id, rule_type, scope, course_a, course_b, "
        "creator, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) RETURNING " +
            kRuleColumns,
        rule.calendar_id, rule.id, std::string(CourseRuleTypeName(rule.type)),
        std::string(CourseRuleScopeName(rule.scope)), rule.course_a, rule.course_b, rule.creator,
        std::string(request_id));
    return RuleFromRow(inserted[0]);
  });
}

absl::StatusOr<std::vector<CourseRule>> PgPlanningRepository::ListCourseRules(
    std::string_view calendar_id, std::string_view course, const api::PageRequest& page) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<CourseRule>> {
    return RulesFrom(
        tx.exec_params("SELECT " + kRuleColumns +
                           " FROM course_rules WHERE calendar_id = $1 "
                           "AND ($2 = '' OR course_a = $2 OR course_b = $2) AND rule_id > $3 "
                           "ORDER BY rule_id LIMIT $4",
                       std::string(calendar_id), std::string(course), page.after,
                       page.size > 0 ? page.size + 1 : 1000000));
  });
}

absl::Status PgPlanningRepository::DeleteCourseRule(std::string_view calendar_id,
                                                    std::string_view id) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result deleted = tx.exec_params(
        "DELETE FROM course_rules WHERE calendar_id = $1 AND rule_id = $2 RETURNING 1",
        std::string(calendar_id), std::string(id));
    if (deleted.empty()) {
      return absl::NotFoundError("Course rule " + std::string(id) + " not found in calendar " +
                                 std::string(calendar_id) + ".");
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<GradeCreditRange>> PgPlanningRepository::CreditRanges(
    std::string_view calendar_id) {
  return pg::WithTransaction(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<GradeCreditRange>> {
        pqxx::result rows = tx.exec_params(
            "SELECT grade, min_credits, max_credits FROM credit_ranges "
            "WHERE calendar_id = $1 ORDER BY grade",
            std::string(calendar_id));
        std::vector<GradeCreditRange> out;
        for (const pqxx::row& row : rows) {
          out.push_back({row[0].as<int>(), row[1].as<double>(), row[2].as<double>()});
        }
        return out;
      });
}

absl::Status PgPlanningRepository::ReplaceCreditRanges(
    std::string_view calendar_id, const std::vector<GradeCreditRange>& ranges) {
  return pg::WithTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params("DELETE FROM credit_ranges WHERE calendar_id = $1", std::string(calendar_id));
    for (const GradeCreditRange& r : ranges) {
      tx.exec_params(
          "INSERT INTO credit_ranges (calendar_id, grade, min_credits, max_credits) "
          "VALUES ($1, $2, $3, $4)",
          std::string(calendar_id), r.grade, r.min_credits, r.max_credits);
    }
    return absl::OkStatus();
  });
}

std::vector<CourseRule> ReadCalendarRules(pqxx::work& tx, std::string_view calendar_id) {
  return RulesFrom(tx.exec_params(
      "SELECT " + kRuleColumns + " FROM course_rules WHERE calendar_id = $1 ORDER BY rule_id",
      std::string(calendar_id)));
}

}  // namespace secsched::requests
