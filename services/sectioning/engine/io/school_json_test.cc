// The JSON school format: round trips, the report, and errors that name where the input is wrong.
#include "services/sectioning/engine/io/school_json.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "services/sectioning/engine/evaluate_test_school.h"
#include "services/sectioning/engine/generator/generator.h"
#include "services/sectioning/engine/index.h"

namespace secsched::engine::io {
namespace {

using ::secsched::engine::testing::BaseSchool;
using ::secsched::engine::testing::SectionById;

// The tiny school with every optional field set, so the round trip covers them all.
School FullSchool() {
  School school = BaseSchool();
  school.courses[0].sections_to_build = 2;
  school.courses[0].team = "academy";
  school.courses[0].department = "English";
  school.teachers[0].unavailable = {PeriodSlot{6, 0}, PeriodSlot{5, 2}};
  school.rooms[1].unavailable = {PeriodSlot{0, 1}};
  school.sections[0].co_teacher_ids = {"T_BIO"};
  school.sections[0].team = "academy";
  school.sections[0].max_students = 20;
  school.sections[0].locked = true;
  school.sections[2].link_group = "g1";
  school.sections[4].placement = Placement{};
  Student& s1 = school.students[0];
  s1.team = "academy";
  s1.requests[2].alternate_course_ids = {"PE", "BIO"};
  s1.general_alternate_course_ids = {"HEALTH"};
  s1.locked_section_ids = {"ENG9-1"};
  s1.constraints = {
      StudentConstraint{StudentConstraintKind::kAvoidTeacher, "T_BIO", {}},
      StudentConstraint{StudentConstraintKind::kKeepPeriodFree, "", PeriodSlot{6, 1}}};
  school.rules = {CourseRule{RuleType::kSamePeriod, "HEALTH", "PE"},
                  CourseRule{RuleType::kNotSamePeriod, "ENG9", "BIO"},
                  CourseRule{RuleType::kSameTerm, "BIO", "HEALTH"},
                  CourseRule{RuleType::kDifferentTerm, "HEALTH", "PE"},
                  CourseRule{RuleType::kPrecedes, "HEALTH", "PE"},
                  CourseRule{RuleType::kLinked, "BIO", "ENG9"}};
  school.enrollments[3].is_alternate = true;
  return school;
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<School> parsed = ParseSchoolJson(text);
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << parsed.status();
  return std::string(parsed.status().message());
}

// A valid document with one member replaced (nlohmann patch-free: edit the parsed tree).
std::string Edited(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(SchoolToJson(BaseSchool()));
  edit(doc);
  return doc.dump();
}

TEST(SchoolJsonTest, RoundTripKeepsEveryField) {
  const std::string first = SchoolToJson(FullSchool());
  absl::StatusOr<School> parsed = ParseSchoolJson(first);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(SchoolToJson(*parsed), first);
  EXPECT_EQ(parsed->students[0].constraints[1].slot, (PeriodSlot{6, 1}));
  EXPECT_EQ(parsed->teachers[0].unavailable[0].terms, 0);  // "every term" stays every term
  EXPECT_EQ(parsed->courses[0].sections_to_build, 2);
  EXPECT_FALSE(parsed->sections[4].placement.placed());
  EXPECT_TRUE(parsed->enrollments[3].is_alternate);
}

TEST(SchoolJsonTest, RoundTripOfAGeneratedPlantedSchool) {
  generator::GeneratedSchool g =
      generator::GenerateSchool({120, 7, generator::SchoolLevel::kHigh, true});
  ASSERT_TRUE(g.planted_solution.has_value());
  for (const School* school : {&g.school, &*g.planted_solution}) {
    const std::string text = SchoolToJson(*school);
    absl::StatusOr<School> parsed = ParseSchoolJson(text);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(SchoolToJson(*parsed), text);
  }
}

TEST(SchoolJsonTest, ReportCarriesMetricsViolationsAndUnfilledRequests) {
  School school = BaseSchool();
  SectionById(school, "ENG9-2").placement.period = 0;  // teacher and room double-booked
  SchoolReport report;
  report.evaluation = *Evaluate(school);
  report.unfilled = std::vector<UnfilledRequest>{
      {"S2", "BIO", "SECTIONS_FULL", "all sections of BIO are full", {}}};
  const nlohmann::json doc = nlohmann::json::parse(SchoolToJson(school, &report));
  EXPECT_EQ(doc["report"]["metrics"]["primary_requests"], 5);
  EXPECT_EQ(doc["report"]["violation_counts"]["TEACHER_DOUBLE_BOOKED"], 1);
  EXPECT_EQ(doc["report"]["unfilled_requests"][0]["reason_code"], "SECTIONS_FULL");
  // An output file is a valid input: the report is ignored on the way in.
  EXPECT_TRUE(ParseSchoolJson(doc.dump()).ok());
}

// FullSchool (which has rules) with one member replaced.
std::string EditedFull(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(SchoolToJson(FullSchool()));
  edit(doc);
  return doc.dump();
}

TEST(SchoolJsonTest, RejectsTextThatIsNotJson) {
  EXPECT_NE(ErrorOf("{\"format\": ").find("not valid JSON"), std::string::npos);
}

// Found by tests/fuzz/fuzz_school_json: a number too large for a double threw out of the reader
// and ended the process.
TEST(SchoolJsonTest, RejectsANumberTooLargeForADouble) {
  EXPECT_NE(ErrorOf("{\"format\": \"secsched.school/v1\", \"id\": 3.5e400}").find("not valid JSON"),
            std::string::npos);
}

TEST(SchoolJsonTest, RejectsAnotherFormatVersion) {
  const std::string error =
      ErrorOf(Edited([](nlohmann::json& d) { d["format"] = "secsched.school/v4"; }));
  EXPECT_NE(error.find("secsched.school/v4"), std::string::npos) << error;
}

TEST(SchoolJsonTest, V3CarriesPerTermLoadAndRuleScopeAndRoundTrips) {
  School school = FullSchool();
  school.teachers[0].max_sections_per_term = 4;
  school.rules[1].scope = RuleScope::kMaster;  // ENG9 NOT_SAME_PERIOD BIO, master-wide
  const std::string text = SchoolToJson(school);
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["format"], "secsched.school/v3");
  EXPECT_EQ(doc["teachers"][0]["max_sections_per_term"], 4);
  EXPECT_FALSE(doc["teachers"][1].contains("max_sections_per_term"));
  EXPECT_EQ(doc["rules"][1]["scope"], "MASTER");
  EXPECT_EQ(doc["rules"][0]["scope"], "STUDENT");
  absl::StatusOr<School> back = ParseSchoolJson(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->teachers[0].max_sections_per_term, 4);
  EXPECT_FALSE(back->teachers[1].max_sections_per_term.has_value());
  EXPECT_EQ(back->rules[1].scope, RuleScope::kMaster);
  EXPECT_EQ(SchoolToJson(*back), text);
}

TEST(SchoolJsonTest, WritesV1WhenNoV3MemberIsUsed) {
  EXPECT_EQ(nlohmann::json::parse(SchoolToJson(BaseSchool()))["format"], "secsched.school/v1");
}

TEST(SchoolJsonTest, RefusesV3MembersInAnEarlierFormat) {
  EXPECT_NE(ErrorOf(Edited([](nlohmann::json& d) {
              d["teachers"][0]["max_sections_per_term"] = 3;
            })).find("needs format secsched.school/v3"),
            std::string::npos);
  EXPECT_NE(ErrorOf(EditedFull([](nlohmann::json& d) {
              d["rules"][0]["scope"] = "MASTER";
            })).find("needs format secsched.school/v3"),
            std::string::npos);
}

TEST(SchoolJsonTest, RefusesAnUnknownScopeAndAMasterScopeOnOtherRules) {
  EXPECT_NE(ErrorOf(EditedFull([](nlohmann::json& d) {
              d["format"] = "secsched.school/v3";
              d["rules"][1]["scope"] = "DISTRICT";
            })).find("unknown rule scope 'DISTRICT'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(EditedFull([](nlohmann::json& d) {
              d["format"] = "secsched.school/v3";
              d["rules"][0]["scope"] = "MASTER";  // SAME_PERIOD
            })).find("only NOT_SAME_PERIOD may bind the master"),
            std::string::npos);
}

// The tiny school on an A/B rotation (slot bit = term * 2 + day: S1/A 1, S1/B 2, S2/A 4, S2/B 8):
// HEALTH and PE meet every other day; a teacher blocked on B days of S2; a student keeping period
// 6 free on A days.
School RotationSchool() {
  School school = FullSchool();
  school.calendar.rotation_days = 2;
  school.courses[2].days_per_rotation = 1;  // HEALTH
  school.courses[3].days_per_rotation = 1;  // PE
  for (Section& s : school.sections) {
    if (!s.placement.placed()) continue;
    const TermMask terms = s.placement.terms;  // widen S1 -> S1 on A and B, ...
    s.placement.terms = SlotMask(school.calendar, terms, 0b11);
  }
  SectionById(school, "HEALTH-1").placement.terms = 0b0001;      // S1, day A
  SectionById(school, "PE-1").placement = Placement{4, 0b1000};  // S2, day B
  school.teachers[0].unavailable = {PeriodSlot{6, 0}, PeriodSlot{5, 0b1000}};
  school.rooms[1].unavailable = {PeriodSlot{0, 0b0011}};
  school.students[0].constraints[1].slot = PeriodSlot{6, 0b0101};
  return school;
}

TEST(SchoolJsonTest, RoundTripWithRotationDays) {
  const School school = RotationSchool();
  ASSERT_TRUE(SchoolIndex::Build(school).ok()) << SchoolIndex::Build(school).status();
  const std::string first = SchoolToJson(school);
  absl::StatusOr<School> parsed = ParseSchoolJson(first);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(SchoolToJson(*parsed), first);
  EXPECT_EQ(parsed->calendar.rotation_days, 2);
  EXPECT_EQ(parsed->courses[2].days_per_rotation, 1);
  EXPECT_EQ(SectionById(*parsed, "HEALTH-1").placement.terms, 0b0001);
  EXPECT_EQ(SectionById(*parsed, "ENG9-1").placement.terms, 0b1111);
  EXPECT_EQ(parsed->teachers[0].unavailable[0].terms, 0);  // every term, every day
  EXPECT_EQ(parsed->teachers[0].unavailable[1].terms, 0b1000);
  EXPECT_EQ(parsed->students[0].constraints[1].slot.terms, 0b0101);

  // Readable: term ids plus day ids, in a v2 document.
  const nlohmann::json doc = nlohmann::json::parse(first);
  EXPECT_EQ(doc["format"], kSchoolFormatV2);
  const nlohmann::json& health = doc["sections"][3];
  ASSERT_EQ(health["id"], "HEALTH-1");
  EXPECT_EQ(health["placement"]["terms"], nlohmann::json({"S1"}));
  EXPECT_EQ(health["placement"]["days"], nlohmann::json({"A"}));
  EXPECT_EQ(doc["students"][0]["constraints"][1]["days"], nlohmann::json({"A"}));
  EXPECT_EQ(doc["students"][0]["constraints"][1]["terms"], nlohmann::json({"S1", "S2"}));
  EXPECT_EQ(doc["courses"][2]["days_per_rotation"], 1);
}

TEST(SchoolJsonTest, WithoutRotationTheWriterWritesV1AsBefore) {
  const nlohmann::json doc = nlohmann::json::parse(SchoolToJson(FullSchool()));
  EXPECT_EQ(doc["format"], kSchoolFormatV1);
  EXPECT_FALSE(doc["courses"][0].contains("days_per_rotation"));
  EXPECT_FALSE(doc["sections"][0]["placement"].contains("days"));
  EXPECT_FALSE(doc["teachers"][0]["unavailable"][0].contains("days"));
}

TEST(SchoolJsonTest, MissingDaysMeanEveryDay) {
  // A v1 file with a rotation recorded (or a v2 file without "days"): sections meet every day.
  nlohmann::json doc = nlohmann::json::parse(SchoolToJson(BaseSchool()));
  doc["calendar"]["rotation_days"] = 2;
  absl::StatusOr<School> parsed = ParseSchoolJson(doc.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(SectionById(*parsed, "ENG9-1").placement.terms, 0b1111);
  EXPECT_EQ(SectionById(*parsed, "BIO-1").placement.terms, 0b0011);
  // A blocked slot naming days but no terms blocks those days in every term.
  doc["format"] = kSchoolFormatV2;
  doc["teachers"][0]["unavailable"] = {
      {{"period", 3}, {"terms", nlohmann::json::array()}, {"days", {"B"}}}};
  parsed = ParseSchoolJson(doc.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->teachers[0].unavailable[0].terms, 0b1010);
}

TEST(SchoolJsonTest, RotationMembersAreValidated) {
  auto rotation_doc = [](const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json doc = nlohmann::json::parse(SchoolToJson(RotationSchool()));
    edit(doc);
    return doc.dump();
  };
  // v2 members in a v1 document.
  std::string error =
      ErrorOf(Edited([](nlohmann::json& d) { d["sections"][0]["placement"]["days"] = {"A"}; }));
  EXPECT_NE(error.find("sections[0] (ENG9-1).placement.days"), std::string::npos) << error;
  EXPECT_NE(error.find(kSchoolFormatV2), std::string::npos) << error;
  error = ErrorOf(
      rotation_doc([](nlohmann::json& d) { d["sections"][3]["placement"]["days"] = {"C"}; }));
  EXPECT_NE(error.find("unknown day 'C'"), std::string::npos) << error;
  error = ErrorOf(rotation_doc([](nlohmann::json& d) { d["calendar"]["rotation_days"] = 0; }));
  EXPECT_NE(error.find("calendar.rotation_days"), std::string::npos) << error;
  error = ErrorOf(rotation_doc([](nlohmann::json& d) { d["calendar"]["rotation_days"] = 9; }));
  EXPECT_NE(error.find("terms x rotation_days at most 16"), std::string::npos) << error;
  error =
      ErrorOf(rotation_doc([](nlohmann::json& d) { d["courses"][2]["days_per_rotation"] = 3; }));
  EXPECT_NE(error.find("days_per_rotation"), std::string::npos) << error;
  EXPECT_NE(error.find("HEALTH"), std::string::npos) << error;
}

TEST(SchoolJsonTest, WrongTypeNamesThePathAndId) {
  const std::string error =
      ErrorOf(Edited([](nlohmann::json& d) { d["courses"][1]["max_students"] = "lots"; }));
  EXPECT_NE(error.find("courses[1] (BIO).max_students"), std::string::npos) << error;
}

TEST(SchoolJsonTest, UnknownKeyIsRejectedNotIgnored) {
  const std::string error =
      ErrorOf(Edited([](nlohmann::json& d) { d["rooms"][0]["capacty"] = 10; }));
  EXPECT_NE(error.find("rooms[0] (R101)"), std::string::npos) << error;
  EXPECT_NE(error.find("capacty"), std::string::npos) << error;
}

TEST(SchoolJsonTest, UnknownTermAndUnknownRuleTypeAreNamed) {
  EXPECT_NE(ErrorOf(Edited([](nlohmann::json& d) {
              d["sections"][2]["placement"]["terms"] = {"Q9"};
            })).find("unknown term 'Q9'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Edited([](nlohmann::json& d) {
              d["rules"] = {{{"type", "SAME_DAY"}, {"course_a", "BIO"}, {"course_b", "PE"}}};
            })).find("SAME_DAY"),
            std::string::npos);
}

TEST(SchoolJsonTest, DanglingReferenceNamesTheId) {
  const std::string error = ErrorOf(
      Edited([](nlohmann::json& d) { d["students"][1]["requests"][0]["course_id"] = "LATIN"; }));
  EXPECT_NE(error.find("LATIN"), std::string::npos) << error;
}

}  // namespace
}  // namespace secsched::engine::io
