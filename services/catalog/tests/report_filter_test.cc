// Ad hoc reports: the filter text parser, its formatter, and the per-entity whitelist of fields,
// operators and value types (pure domain).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/status/status.h"
#include "services/catalog/domain/report.h"

namespace secsched::catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> FieldsOf(const absl::Status &status) {
  std::vector<std::string> fields;
  for (const FieldViolation &v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

std::string FirstDescription(const absl::Status &status) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  return violations.empty() ? "" : violations[0].description;
}

TEST(FilterParser, ReadsConditionsJoinedByAnd) {
  absl::StatusOr<std::vector<FilterCondition>> parsed =
      ParseFilter(R"(department = "World Languages" and max_students>=25 AND Number prefix MA-)"
                  R"( AND tags contains ap AND credits != 0.5)");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_THAT(*parsed,
              ElementsAre(FilterCondition{"department", FilterOp::kEqual, "World Languages"},
                          FilterCondition{"max_students", FilterOp::kGreaterOrEqual, "25"},
                          FilterCondition{"number", FilterOp::kPrefix, "MA-"},
                          FilterCondition{"tags", FilterOp::kContains, "ap"},
                          FilterCondition{"credits", FilterOp::kNotEqual, "0.5"}));
}

TEST(FilterParser, EmptyTextIsNoConditions) {
  EXPECT_THAT(*ParseFilter(""), IsEmpty());
  EXPECT_THAT(*ParseFilter("   "), IsEmpty());
}

TEST(FilterParser, QuotedValuesKeepSpacesQuotesAndBackslashes) {
  absl::StatusOr<std::vector<FilterCondition>> parsed =
      ParseFilter(R"(display_name = "O\"Brien \\ Co" AND number = "")");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ((*parsed)[0].value, "O\"Brien \\ Co");
  EXPECT_EQ((*parsed)[1].value, "");
}

TEST(FilterParser, RefusesBadSyntaxSayingWhere) {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  for (const Case &c : std::vector<Case>{
           {"department", "expected an operator"},
           {"department ==", "expected a value"},  // "=" then "=" as a bare value is fine...
           {"= 5", "expected a field name"},
           {"a = 1 OR b = 2", "expected AND"},
           {"a = 1 AND", "expected a field name"},
           {"a = \"open", "not closed"},
           {"a = x\"y", "quote inside a bare value"},
           {"a = \"\\n\"", "backslash"},
           {"a like 5", "expected an operator"},
           {"1a = 5", "expected a field name"},
       }) {
    absl::Status status = ParseFilter(c.text).status();
    if (c.text == "department ==") {
      // "==" reads as "=" followed by the bare value "=": valid syntax, refused later by type.
      EXPECT_TRUE(status.ok()) << status;
      continue;
    }
    ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_THAT(FieldsOf(status), ElementsAre("filter")) << c.text;
    EXPECT_THAT(FirstDescription(status), HasSubstr(c.message)) << c.text;
    EXPECT_THAT(FirstDescription(status), HasSubstr("at character")) << c.text;
  }
}

TEST(FilterParser, FormatReadsBackToTheSameConditions) {
  std::vector<FilterCondition> conditions = {
      {"department", FilterOp::kEqual, "World Languages"},
      {"display_name", FilterOp::kContains, "a \"quoted\" \\ name"},
      {"max_students", FilterOp::kLess, "30"},
      {"number", FilterOp::kPrefix, ""},
      {"active", FilterOp::kNotEqual, "false"}};
  std::string text = FormatFilter(conditions);
  EXPECT_THAT(text, HasSubstr("department = \"World Languages\" AND display_name contains"));
  absl::StatusOr<std::vector<FilterCondition>> back = ParseFilter(text);
  ASSERT_TRUE(back.ok()) << back.status() << " " << text;
  EXPECT_EQ(*back, conditions);
}

TEST(FilterParser, AtMostTwentyConditions) {
  std::string text = "a = 1";
  for (int i = 0; i < 20; ++i) text += " AND a = 1";
  EXPECT_EQ(ParseFilter(text).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ReportWhitelist, EveryEntityStartsWithIdAndHasUniqueFields) {
  for (ReportEntity entity : {ReportEntity::kCourses, ReportEntity::kTeachers, ReportEntity::kRooms,
                              ReportEntity::kTerms}) {
    const std::vector<ReportField> &fields = ReportFieldsOf(entity);
    ASSERT_FALSE(fields.empty());
    EXPECT_EQ(fields[0].name, "id");
    std::set<std::string_view> names;
    for (const ReportField &f : fields) EXPECT_TRUE(names.insert(f.name).second) << f.name;
  }
}

TEST(ReportWhitelist, RefusesUnknownFieldsAndSqlLookalikes) {
  absl::Status status = ValidateReportQuery(
      ReportEntity::kCourses, {"number", "password", "number", "name; DROP TABLE x"},
      {{"1=1 OR id", FilterOp::kEqual, "x"}, {"department", FilterOp::kEqual, "x' OR '1'='1"}},
      "definition.");
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  // The quote-laden value is fine: it is a value, bound as a parameter, never SQL.
  EXPECT_THAT(FieldsOf(status), ElementsAre("definition.fields", "definition.fields",
                                            "definition.fields", "definition.conditions[0].field"));
}

TEST(ReportWhitelist, FieldsBelongToTheirEntity) {
  EXPECT_TRUE(ValidateReportQuery(ReportEntity::kRooms, {"number", "capacity"}, {}, "").ok());
  EXPECT_FALSE(ValidateReportQuery(ReportEntity::kRooms, {"credits"}, {}, "").ok());
  EXPECT_TRUE(ValidateReportQuery(ReportEntity::kTerms, {"start_date"}, {}, "").ok());
  EXPECT_FALSE(ValidateReportQuery(ReportEntity::kTeachers, {"capacity"}, {}, "").ok());
}

TEST(ReportWhitelist, OperatorsMustSuitTheFieldType) {
  EXPECT_TRUE(OpAllowed(FieldType::kText, FilterOp::kPrefix));
  EXPECT_TRUE(OpAllowed(FieldType::kList, FilterOp::kContains));
  EXPECT_FALSE(OpAllowed(FieldType::kList, FilterOp::kEqual));
  EXPECT_FALSE(OpAllowed(FieldType::kBool, FilterOp::kLess));
  EXPECT_FALSE(OpAllowed(FieldType::kInteger, FilterOp::kContains));
  EXPECT_TRUE(OpAllowed(FieldType::kDate, FilterOp::kGreaterOrEqual));
  absl::Status status = ValidateReportQuery(ReportEntity::kCourses, {},
                                            {{"tags", FilterOp::kEqual, "ap"},
                                             {"active", FilterOp::kGreater, "true"},
                                             {"max_students", FilterOp::kPrefix, "2"}},
                                            "");
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("conditions[0].op", "conditions[1].op", "conditions[2].op"));
}

TEST(ReportWhitelist, ValuesMustParseAsTheFieldType) {
  struct Case {
    ReportEntity entity;
    std::string field;
    std::string value;
    bool ok;
  };
  for (const Case &c : std::vector<Case>{
           {ReportEntity::kCourses, "max_students", "25", true},
           {ReportEntity::kCourses, "max_students", "-3", true},
           {ReportEntity::kCourses, "max_students", "2.5", false},
           {ReportEntity::kCourses, "max_students", "", false},
           {ReportEntity::kCourses, "credits", "0.25", true},
           {ReportEntity::kCourses, "credits", "nan", false},
           {ReportEntity::kCourses, "credits", "0x10", false},
           {ReportEntity::kCourses, "active", "true", true},
           {ReportEntity::kCourses, "active", "yes", false},
           {ReportEntity::kTerms, "start_date", "2026-09-01", true},
           {ReportEntity::kTerms, "start_date", "2026-02-30", false},
           {ReportEntity::kTerms, "start_date", "9/1/2026", false},
           {ReportEntity::kCourses, "department", std::string(201, 'x'), false},
       }) {
    absl::Status status =
        ValidateReportQuery(c.entity, {}, {{c.field, FilterOp::kEqual, c.value}}, "");
    EXPECT_EQ(status.ok(), c.ok) << c.field << " = " << c.value << ": " << status;
  }
}

}  // namespace
}  // namespace secsched::catalog
