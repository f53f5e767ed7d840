#include "services/requests/api/planning_handler.h"

#include <google/protobuf/util/field_mask_util.h>

#include <algorithm>

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/requests/api/planning_convert.h"
#include "services/requests/api/snapshot_convert.h"

namespace secsched::requests {
namespace {

using namespace planning_api;

absl::StatusOr<std::string> ParseCalendar(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kCalendarPattern, field);
  if (!ids.ok()) return ids.status();
  return (*ids)[0];
}

absl::StatusOr<AutoLoadRule> AutoLoadFromProto(const v1::AutoLoadRule& in,
                                               const std::string& calendar_id) {
  AutoLoadRule rule{.calendar_id = calendar_id,
                    .grade = in.grade(),
                    .team = in.team(),
                    .required = in.required(),
                    .priority = in.priority()};
  absl::StatusOr<std::string> course =
      ParseCourse(in.course(), calendar_id, "auto_load_rule.course");
  if (!course.ok()) return course.status();
  rule.course_id = *course;
  return rule;
}

absl::StatusOr<AutoLoadRuleMask> MaskFromProto(const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) return AutoLoadRuleMask{};
  AutoLoadRuleMask out{false, false, false, false, false};
  for (const std::string& path : mask.paths()) {
    if (path == "grade")
      out.grade = true;
    else if (path == "team")
      out.team = true;
    else if (path == "course")
      out.course = true;
    else if (path == "required")
      out.required = true;
    else if (path == "priority")
      out.priority = true;
    else
      return InvalidField("update_mask", "unknown field " + path);
  }
  return out;
}

}  // namespace

grpc::Status PlanningHandler::CreateCourseRule(grpc::ServerContext* context,
                                               const v1::CreateCourseRuleRequest* request,
                                               v1::CourseRule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    const v1::CourseRule& in = request->course_rule();
    FieldValidator v;
    absl::StatusOr<CourseRuleType> type = FromProto(in.type());
    if (!type.ok()) v.Add("course_rule.type", "must be one of the rule types");
    absl::StatusOr<CourseRuleScope> scope = FromProto(in.scope());
    if (!scope.ok()) v.Add("course_rule.scope", "must be STUDENT or MASTER");
    absl::StatusOr<std::string> a = ParseCourse(in.course_a(), *calendar, "course_rule.course_a");
    if (!a.ok()) v.Add("course_rule.course_a", "must be a course of " + request->parent());
    absl::StatusOr<std::string> b = ParseCourse(in.course_b(), *calendar, "course_rule.course_b");
    if (!b.ok()) v.Add("course_rule.course_b", "must be a course of " + request->parent());
    if (absl::Status s = v.Finish("The course rule has invalid fields."); !s.ok()) return s;
    absl::StatusOr<CourseRule> created = planning_.CreateCourseRule(
        caller,
        {.calendar_id = *calendar, .type = *type, .scope = *scope, .course_a = *a, .course_b = *b},
        request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::ListCourseRules(grpc::ServerContext* context,
                                              const v1::ListCourseRulesRequest* request,
                                              v1::ListCourseRulesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    std::string course;
    if (!request->course().empty()) {
      absl::StatusOr<std::string> parsed = ParseCourse(request->course(), *calendar, "course");
      if (!parsed.ok()) return parsed.status();
      course = *parsed;
    }
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<std::vector<CourseRule>> rules =
        planning_.ListCourseRules(caller, *calendar, course, *page);
    if (!rules.ok()) return rules.status();
    response->set_next_page_token(api::EncodePageToken(
        api::TrimToPage(*rules, page->size, [](const CourseRule& r) { return r.id; })));
    for (const CourseRule& rule : *rules) ToProto(rule, response->add_course_rules());
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::DeleteCourseRule(grpc::ServerContext* context,
                                               const v1::DeleteCourseRuleRequest* request,
                                               google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kCourseRulePattern);
    if (!ids.ok()) return ids.status();
    return planning_.DeleteCourseRule(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status PlanningHandler::CreateAutoLoadRule(grpc::ServerContext* context,
                                                 const v1::CreateAutoLoadRuleRequest* request,
                                                 v1::AutoLoadRule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<AutoLoadRule> rule = AutoLoadFromProto(request->auto_load_rule(), *calendar);
    if (!rule.ok()) return rule.status();
    rule->id = request->auto_load_rule_id();
    absl::StatusOr<AutoLoadRule> created =
        planning_.CreateAutoLoadRule(caller, *rule, request->request_id());
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::GetAutoLoadRule(grpc::ServerContext* context,
                                              const v1::GetAutoLoadRuleRequest* request,
                                              v1::AutoLoadRule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kAutoLoadRulePattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<AutoLoadRule> rule = planning_.GetAutoLoadRule(caller, (*ids)[0], (*ids)[1]);
    if (!rule.ok()) return rule.status();
    ToProto(*rule, response);
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::ListAutoLoadRules(grpc::ServerContext* context,
                                                const v1::ListAutoLoadRulesRequest* request,
                                                v1::ListAutoLoadRulesResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<std::vector<AutoLoadRule>> rules =
        planning_.ListAutoLoadRules(caller, *calendar, *page);
    if (!rules.ok()) return rules.status();
    response->set_next_page_token(api::EncodePageToken(
        api::TrimToPage(*rules, page->size, [](const AutoLoadRule& r) { return r.id; })));
    for (const AutoLoadRule& rule : *rules) ToProto(rule, response->add_auto_load_rules());
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::UpdateAutoLoadRule(grpc::ServerContext* context,
                                                 const v1::UpdateAutoLoadRuleRequest* request,
                                                 v1::AutoLoadRule* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids = api::ParseName(
        request->auto_load_rule().name(), kAutoLoadRulePattern, "auto_load_rule.name");
    if (!ids.ok()) return ids.status();
    absl::StatusOr<AutoLoadRuleMask> mask = MaskFromProto(request->update_mask());
    if (!mask.ok()) return mask.status();
    AutoLoadRule update;
    if (mask->course) {
      absl::StatusOr<AutoLoadRule> parsed = AutoLoadFromProto(request->auto_load_rule(), (*ids)[0]);
      if (!parsed.ok()) return parsed.status();
      update = *parsed;
    } else {
      const v1::AutoLoadRule& in = request->auto_load_rule();
      update = {.grade = in.grade(),
                .team = in.team(),
                .required = in.required(),
                .priority = in.priority()};
    }
    update.calendar_id = (*ids)[0];
    update.id = (*ids)[1];
    absl::StatusOr<AutoLoadRule> updated = planning_.UpdateAutoLoadRule(caller, update, *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::DeleteAutoLoadRule(grpc::ServerContext* context,
                                                 const v1::DeleteAutoLoadRuleRequest* request,
                                                 google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kAutoLoadRulePattern);
    if (!ids.ok()) return ids.status();
    return planning_.DeleteAutoLoadRule(caller, (*ids)[0], (*ids)[1]);
  });
}

grpc::Status PlanningHandler::RunAutoLoad(grpc::ServerContext* context,
                                          const v1::RunAutoLoadRequest* request,
                                          v1::RunAutoLoadResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<AutoLoadPlan> plan =
        planning_.RunAutoLoad(caller, *calendar, request->dry_run());
    if (!plan.ok()) return plan.status();
    response->set_dry_run(request->dry_run());
    ToProto(*calendar, *plan, response);
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::GetCreditRanges(grpc::ServerContext* context,
                                              const v1::GetCreditRangesRequest* request,
                                              v1::CreditRanges* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(request->name(), kCreditRangesPattern);
    if (!ids.ok()) return ids.status();
    absl::StatusOr<std::vector<GradeCreditRange>> ranges =
        planning_.GetCreditRanges(caller, (*ids)[0]);
    if (!ranges.ok()) return ranges.status();
    response->set_name(request->name());
    for (const GradeCreditRange& r : *ranges) {
      v1::GradeCreditRange* out = response->add_ranges();
      out->set_grade(r.grade);
      out->set_min_credits(r.min_credits);
      out->set_max_credits(r.max_credits);
    }
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::UpdateCreditRanges(grpc::ServerContext* context,
                                                 const v1::UpdateCreditRangesRequest* request,
                                                 v1::CreditRanges* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::CreditRanges& in = request->credit_ranges();
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(in.name(), kCreditRangesPattern, "credit_ranges.name");
    if (!ids.ok()) return ids.status();
    std::vector<GradeCreditRange> ranges;
    for (const v1::GradeCreditRange& r : in.ranges()) {
      ranges.push_back({r.grade(), r.min_credits(), r.max_credits()});
    }
    absl::StatusOr<std::vector<GradeCreditRange>> stored =
        planning_.UpdateCreditRanges(caller, (*ids)[0], std::move(ranges));
    if (!stored.ok()) return stored.status();
    response->set_name(in.name());
    for (const GradeCreditRange& r : *stored) {
      v1::GradeCreditRange* out = response->add_ranges();
      out->set_grade(r.grade);
      out->set_min_credits(r.min_credits);
      out->set_max_credits(r.max_credits);
    }
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::VerifyRequests(grpc::ServerContext* context,
                                             const v1::VerifyRequestsRequest* request,
                                             v1::VerificationReport* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<VerificationResult> result = planning_.Verify(caller, *calendar);
    if (!result.ok()) return result.status();
    v1::VerificationSummary* summary = response->mutable_summary();
    summary->set_students_checked(result->students_checked);
    summary->set_students_with_findings(static_cast<int>(result->students.size()));
    for (const auto& [check, count] : result->counts) {
      v1::VerificationCheckCount* c = summary->add_checks();
      c->set_check(ToProto(check));
      c->set_findings(count.findings);
      c->set_students(count.students);
    }
    if (request->summary_only()) return absl::OkStatus();
    auto first = std::upper_bound(result->students.begin(), result->students.end(), page->after,
                                  [](const std::string& after, const StudentFindings& s) {
                                    return after < s.student_number;
                                  });
    int taken = 0;
    for (auto it = first; it != result->students.end(); ++it) {
      if (taken == page->size) {
        response->set_next_page_token(api::EncodePageToken(std::prev(it)->student_number));
        break;
      }
      ++taken;
      v1::StudentVerification* s = response->add_students();
      s->set_student(StudentName(*calendar, it->student_number));
      s->set_grade(it->grade);
      for (const Finding& f : it->findings) {
        v1::VerificationFinding* out = s->add_findings();
        out->set_check(ToProto(f.check));
        if (!f.course_id.empty()) out->set_course(CourseName(*calendar, f.course_id));
        out->set_message(f.message);
      }
    }
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::GetCourseTally(grpc::ServerContext* context,
                                             const v1::GetCourseTallyRequest* request,
                                             v1::CourseTally* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<CourseTally> tally = planning_.Tally(caller, *calendar);
    if (!tally.ok()) return tally.status();
    for (const TallyRow& row : tally->rows) ToProto(*calendar, row, response->add_courses());
    response->set_sections_needed(tally->coverage.sections_needed);
    response->set_teacher_sections_covered(tally->coverage.sections_covered);
    response->set_teacher_section_shortage(tally->coverage.shortage());
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::GetConflictMatrix(grpc::ServerContext* context,
                                                const v1::GetConflictMatrixRequest* request,
                                                v1::ConflictMatrix* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    if (request->top_n() < 0) return InvalidField("top_n", "must not be negative");
    absl::StatusOr<ConflictMatrix> matrix = planning_.Conflicts(caller, *calendar);
    if (!matrix.ok()) return matrix.status();
    response->set_students_counted(matrix->students_counted);
    for (const MatrixCourse& c : matrix->courses) {
      v1::ConflictMatrixCourse* out = response->add_courses();
      out->set_course(CourseName(*calendar, c.course_id));
      out->set_course_number(c.course_number);
      out->set_primaries(c.primaries);
      out->set_sections(c.sections);
    }
    if (!request->top_only()) {
      for (const CoursePairCount& p : matrix->pairs) {
        ToProto(*calendar, *matrix, p, response->add_pairs());
      }
    }
    for (const CoursePairCount& p : matrix->Top(request->top_n() == 0 ? 20 : request->top_n())) {
      ToProto(*calendar, *matrix, p, response->add_top_pairs());
    }
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::ExportConflictMatrix(grpc::ServerContext* context,
                                                   const v1::ExportConflictMatrixRequest* request,
                                                   v1::ExportConflictMatrixResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<ConflictMatrix> matrix = planning_.Conflicts(caller, *calendar);
    if (!matrix.ok()) return matrix.status();
    response->set_csv(ConflictMatrixCsv(*matrix));
    return absl::OkStatus();
  });
}

grpc::Status PlanningHandler::StreamSchedulingSnapshot(
    grpc::ServerContext* context, const v1::StreamSchedulingSnapshotRequest* request,
    grpc::ServerWriter<v1::SchedulingSnapshotChunk>* writer) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    if (request->chunk_size() < 0 || request->chunk_size() > 5000) {
      return InvalidField("chunk_size", "must be between 0 and 5000");
    }
    absl::StatusOr<SchedulingSnapshot> snapshot =
        planning_.ReadSchedulingSnapshot(caller, *calendar);
    if (!snapshot.ok()) return snapshot.status();
    ForEachSnapshotChunk(*calendar, *snapshot,
                         request->chunk_size() == 0 ? 500 : request->chunk_size(),
                         [&](const v1::SchedulingSnapshotChunk& chunk) {
                           return !context->IsCancelled() && writer->Write(chunk);
                         });
    return absl::OkStatus();
  });
}

}  // namespace secsched::requests
