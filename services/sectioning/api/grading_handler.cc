#include "services/sectioning/api/grading_handler.h"

#include "common/api/paging.h"
#include "common/api/resource_name.h"
#include "common/api/timestamps.h"
#include "common/api/update_mask.h"
#include "common/grpc/call.h"
#include "common/status/status.h"
#include "services/sectioning/api/names.h"

namespace secsched::sectioning {
namespace {

constexpr char kWindowPattern[] = "calendars/{calendar}/gradingWindows/{grading_window}";

struct WindowKey {
  std::string calendar_id;
  std::string window_id;
};

absl::StatusOr<WindowKey> ParseWindow(const std::string& name, std::string_view field) {
  absl::StatusOr<std::vector<std::string>> ids = api::ParseName(name, kWindowPattern, field);
  if (!ids.ok()) return ids.status();
  return WindowKey{(*ids)[0], (*ids)[1]};
}

void ToProto(const std::string& calendar_id, const GradingException& e, v1::GradingException* out) {
  if (e.IsSection()) {
    out->set_section(api::FormatName(kSectionPattern, {calendar_id, e.trial_id, e.section_id}));
  } else {
    out->set_teacher(e.teacher_id);
  }
  *out->mutable_close_time() = api::ToProtoTime(e.close_time);
}

void ToProto(const GradingWindow& w, v1::GradingWindow* out) {
  out->set_name(api::FormatName(kWindowPattern, {w.calendar_id, w.window_id}));
  out->set_task(w.task);
  out->set_term(w.term_id);
  *out->mutable_open_time() = api::ToProtoTime(w.open_time);
  *out->mutable_close_time() = api::ToProtoTime(w.close_time);
  for (const GradingException& e : w.exceptions) ToProto(w.calendar_id, e, out->add_exceptions());
  *out->mutable_create_time() = api::ToProtoTime(w.create_time);
  *out->mutable_update_time() = api::ToProtoTime(w.update_time);
}

// The window's values from the request (open/close unset → the epoch, refused by validation).
GradingWindow FromProto(const v1::GradingWindow& in) {
  GradingWindow w;
  w.task = in.task();
  w.term_id = in.term();
  if (in.has_open_time()) w.open_time = api::FromProtoTime(in.open_time());
  if (in.has_close_time()) w.close_time = api::FromProtoTime(in.close_time());
  return w;
}

// A section (name of `calendar_id`) or a teacher id: exactly one. `prefix` is "exception." for
// AddGradingException and "" for RemoveGradingException.
absl::StatusOr<GradingException> ParseTarget(const std::string& calendar_id,
                                             const std::string& section, const std::string& teacher,
                                             std::string_view prefix) {
  const std::string section_field = std::string(prefix) + "section";
  const std::string teacher_field = std::string(prefix) + "teacher";
  if (section.empty() == teacher.empty()) {
    return InvalidArgumentWithFields("Name exactly one of section and teacher.",
                                     {{section_field, "set exactly one of section and teacher"},
                                      {teacher_field, "set exactly one of section and teacher"}});
  }
  GradingException target;
  if (!section.empty()) {
    absl::StatusOr<std::vector<std::string>> ids =
        api::ParseName(section, kSectionPattern, section_field);
    if (!ids.ok()) return ids.status();
    if ((*ids)[0] != calendar_id) {
      return InvalidField(section_field, "must be a section of calendar " + calendar_id);
    }
    target.trial_id = (*ids)[1];
    target.section_id = (*ids)[2];
  } else {
    if (!api::IsValidId(teacher)) return InvalidField(teacher_field, "must be a teacher id");
    target.teacher_id = teacher;
  }
  return target;
}

api::TimePoint AtOrNow(bool has_at, const google::protobuf::Timestamp& at) {
  return has_at ? api::FromProtoTime(at) : std::chrono::system_clock::now();
}

v1::IsGradingOpenResponse::State ToProto(GradingState state) {
  switch (state) {
    case GradingState::kOpen:
      return v1::IsGradingOpenResponse::OPEN;
    case GradingState::kNotYetOpen:
      return v1::IsGradingOpenResponse::NOT_YET_OPEN;
    case GradingState::kClosed:
      return v1::IsGradingOpenResponse::CLOSED;
    case GradingState::kNoWindow:
      return v1::IsGradingOpenResponse::NO_WINDOW;
  }
  return v1::IsGradingOpenResponse::STATE_UNSPECIFIED;
}

v1::IsGradingOpenResponse::CloseSource ToProto(CloseSource source) {
  switch (source) {
    case CloseSource::kWindow:
      return v1::IsGradingOpenResponse::WINDOW;
    case CloseSource::kSectionException:
      return v1::IsGradingOpenResponse::SECTION_EXCEPTION;
    case CloseSource::kTeacherException:
      return v1::IsGradingOpenResponse::TEACHER_EXCEPTION;
    case CloseSource::kNone:
      break;
  }
  return v1::IsGradingOpenResponse::CLOSE_SOURCE_UNSPECIFIED;
}

}  // namespace

grpc::Status GradingHandler::CreateGradingWindow(grpc::ServerContext* context,
                                                 const v1::CreateGradingWindowRequest* request,
                                                 v1::GradingWindow* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    NewGradingWindow create{.window = FromProto(request->grading_window()),
                            .request_id = request->request_id()};
    create.window.calendar_id = *calendar;
    create.window.window_id = request->grading_window_id();
    absl::StatusOr<GradingWindow> created = windows_.Create(caller, create);
    if (!created.ok()) return created.status();
    ToProto(*created, response);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::GetGradingWindow(grpc::ServerContext* context,
                                              const v1::GetGradingWindowRequest* request,
                                              v1::GradingWindow* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<WindowKey> key = ParseWindow(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<GradingWindow> window = windows_.Get(caller, key->calendar_id, key->window_id);
    if (!window.ok()) return window.status();
    ToProto(*window, response);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::ListGradingWindows(grpc::ServerContext* context,
                                                const v1::ListGradingWindowsRequest* request,
                                                v1::ListGradingWindowsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    absl::StatusOr<api::Page<GradingWindow>> windows = windows_.List(caller, *calendar, *page);
    if (!windows.ok()) return windows.status();
    for (const GradingWindow& w : windows->items) ToProto(w, response->add_grading_windows());
    response->set_next_page_token(api::EncodePageToken(windows->next_after));
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::UpdateGradingWindow(grpc::ServerContext* context,
                                                 const v1::UpdateGradingWindowRequest* request,
                                                 v1::GradingWindow* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    const v1::GradingWindow& in = request->grading_window();
    absl::StatusOr<WindowKey> key = ParseWindow(in.name(), "grading_window.name");
    if (!key.ok()) return key.status();
    std::vector<std::string> populated;
    if (!in.task().empty()) populated.push_back("task");
    if (!in.term().empty()) populated.push_back("term");
    if (in.has_open_time()) populated.push_back("open_time");
    if (in.has_close_time()) populated.push_back("close_time");
    absl::StatusOr<api::UpdateMask> mask = api::UpdateMask::Parse(
        {request->update_mask().paths().begin(), request->update_mask().paths().end()},
        {"task", "term", "open_time", "close_time"}, populated);
    if (!mask.ok()) return mask.status();
    GradingWindow changes = FromProto(in);
    changes.calendar_id = key->calendar_id;
    changes.window_id = key->window_id;
    absl::StatusOr<GradingWindow> updated = windows_.Update(caller, changes, *mask);
    if (!updated.ok()) return updated.status();
    ToProto(*updated, response);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::DeleteGradingWindow(grpc::ServerContext* context,
                                                 const v1::DeleteGradingWindowRequest* request,
                                                 google::protobuf::Empty*) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<WindowKey> key = ParseWindow(request->name(), "name");
    if (!key.ok()) return key.status();
    return windows_.Delete(caller, key->calendar_id, key->window_id);
  });
}

grpc::Status GradingHandler::AddGradingException(grpc::ServerContext* context,
                                                 const v1::AddGradingExceptionRequest* request,
                                                 v1::GradingWindow* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<WindowKey> key = ParseWindow(request->name(), "name");
    if (!key.ok()) return key.status();
    const v1::GradingException& in = request->exception();
    absl::StatusOr<GradingException> exception =
        ParseTarget(key->calendar_id, in.section(), in.teacher(), "exception.");
    if (!exception.ok()) return exception.status();
    if (!in.has_close_time()) return InvalidField("exception.close_time", "is required");
    exception->close_time = api::FromProtoTime(in.close_time());
    absl::StatusOr<GradingWindow> window =
        windows_.AddException(caller, key->calendar_id, key->window_id, *exception);
    if (!window.ok()) return window.status();
    ToProto(*window, response);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::RemoveGradingException(
    grpc::ServerContext* context, const v1::RemoveGradingExceptionRequest* request,
    v1::GradingWindow* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<WindowKey> key = ParseWindow(request->name(), "name");
    if (!key.ok()) return key.status();
    absl::StatusOr<GradingException> target =
        ParseTarget(key->calendar_id, request->section(), request->teacher(), "");
    if (!target.ok()) return target.status();
    absl::StatusOr<GradingWindow> window =
        windows_.RemoveException(caller, key->calendar_id, key->window_id, *target);
    if (!window.ok()) return window.status();
    ToProto(*window, response);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::IsGradingOpen(grpc::ServerContext* context,
                                           const v1::IsGradingOpenRequest* request,
                                           v1::IsGradingOpenResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::vector<std::string>> section =
        api::ParseName(request->section(), kSectionPattern, "section");
    if (!section.ok()) return section.status();
    absl::StatusOr<GradingDecision> decision =
        windows_.IsGradingOpen(caller, (*section)[0], (*section)[1], (*section)[2], request->task(),
                               AtOrNow(request->has_at(), request->at()));
    if (!decision.ok()) return decision.status();
    response->set_open(decision->open());
    response->set_state(ToProto(decision->state));
    response->set_close_source(ToProto(decision->close_source));
    if (decision->window) {
      ToProto(*decision->window, response->mutable_window());
      *response->mutable_effective_close_time() = api::ToProtoTime(decision->effective_close);
    }
    response->set_primary_teacher(decision->primary_teacher_id);
    response->set_explanation(decision->explanation);
    return absl::OkStatus();
  });
}

grpc::Status GradingHandler::ListOpenWindows(grpc::ServerContext* context,
                                             const v1::ListOpenWindowsRequest* request,
                                             v1::ListOpenWindowsResponse* response) {
  return HandleCall(context, *request, verifier_, [&](const auth::Caller& caller) -> absl::Status {
    absl::StatusOr<std::string> calendar = ParseCalendar(request->parent(), "parent");
    if (!calendar.ok()) return calendar.status();
    absl::StatusOr<api::PageRequest> page =
        api::ParsePageRequest(request->page_size(), request->page_token());
    if (!page.ok()) return page.status();
    const api::TimePoint at = AtOrNow(request->has_at(), request->at());
    absl::StatusOr<api::Page<GradingWindow>> windows =
        windows_.ListOpen(caller, *calendar, at, *page);
    if (!windows.ok()) return windows.status();
    for (const GradingWindow& w : windows->items) {
      v1::OpenGradingWindow* out = response->add_windows();
      ToProto(w, out->mutable_window());
      out->set_open_by_window(w.open_time <= at && at < w.close_time);
    }
    response->set_next_page_token(api::EncodePageToken(windows->next_after));
    return absl::OkStatus();
  });
}

}  // namespace secsched::sectioning
