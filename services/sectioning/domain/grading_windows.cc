#include "services/sectioning/domain/grading_windows.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/api/resource_name.h"
#include "common/status/status.h"
#include "services/sectioning/domain/calendar_guard.h"

namespace secsched::sectioning {
namespace {

std::string Rfc3339(GradingTime t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromChrono(t), absl::UTCTimeZone());
}

const GradingException* FindException(const GradingWindow& window, const GradingException& key) {
  const std::string wanted = key.Key();
  for (const GradingException& e : window.exceptions) {
    if (e.Key() == wanted) return &e;
  }
  return nullptr;
}

// The checks Create and Update share (fields named as in the requests: grading_window.*).
void ValidateWindow(const GradingWindow& w, FieldValidator& v) {
  v.Require(api::IsValidId(w.task), "grading_window.task",
            "must be 1-63 characters of a-z, 0-9 and - (e.g. q1-progress)");
  v.Require(api::IsValidId(w.term_id), "grading_window.term", "must be a term id (e.g. s1)");
  // The epoch stands for "not given" (nobody grades in 1970).
  v.Require(w.open_time != GradingTime{}, "grading_window.open_time", "is required");
  v.Require(w.close_time > w.open_time, "grading_window.close_time", "must be after open_time");
}

}  // namespace

std::string GradingException::Key() const {
  if (IsSection()) return "section/" + trial_id + "/" + section_id;
  return "teacher/" + teacher_id;
}

GradingDecision DecideGrading(const GradingWindow& window, const GradedSection& section,
                              GradingTime at) {
  GradingDecision d;
  d.window = window;
  d.primary_teacher_id = section.primary_teacher_id;
  d.close_source = CloseSource::kWindow;
  d.effective_close = window.close_time;
  std::string why = "the window's close";
  GradingException as_section{.trial_id = section.trial_id, .section_id = section.section_id};
  GradingException as_teacher{.teacher_id = section.primary_teacher_id};
  if (const GradingException* e = FindException(window, as_section)) {
    d.close_source = CloseSource::kSectionException;
    d.effective_close = e->close_time;
    why = "the section's exception";
  } else if (const GradingException* t =
                 section.primary_teacher_id.empty() ? nullptr : FindException(window, as_teacher)) {
    d.close_source = CloseSource::kTeacherException;
    d.effective_close = t->close_time;
    why = "the exception of teacher " + section.primary_teacher_id;
  }
  const std::string what = "Grading " + window.task + " for term " + window.term_id;
  if (at < window.open_time) {
    d.state = GradingState::kNotYetOpen;
    d.explanation = what + " opens at " + Rfc3339(window.open_time) + ".";
  } else if (at >= d.effective_close) {
    d.state = GradingState::kClosed;
    d.explanation = what + " closed at " + Rfc3339(d.effective_close) + " (" + why + ").";
  } else {
    d.state = GradingState::kOpen;
    d.explanation = what + " is open until " + Rfc3339(d.effective_close) + " (" + why + ").";
  }
  return d;
}

GradingDecision DecideGrading(const std::vector<GradingWindow>& windows,
                              const GradedSection& section, GradingTime at) {
  if (windows.empty()) {
    GradingDecision none;
    none.primary_teacher_id = section.primary_teacher_id;
    none.explanation = "No grading window of this task in a term the section meets in.";
    return none;
  }
  std::optional<GradingDecision> next, last;
  for (const GradingWindow& w : windows) {
    GradingDecision d = DecideGrading(w, section, at);
    switch (d.state) {
      case GradingState::kOpen:
        return d;
      case GradingState::kNotYetOpen:
        if (!next || d.window->open_time < next->window->open_time) next = std::move(d);
        break;
      case GradingState::kClosed:
        if (!last || d.effective_close > last->effective_close) last = std::move(d);
        break;
      case GradingState::kNoWindow:
        break;
    }
  }
  return next ? *std::move(next) : *std::move(last);
}

absl::Status GradingWindows::AuthorizeWrite(const auth::Caller& caller,
                                            std::string_view calendar_id) {
  if (absl::Status s = access::AuthorizeCalendarAccess(caller, calendar_id, access::Mode::kWrite,
                                                       schools_, access_);
      !s.ok()) {
    return s;
  }
  return RequireApprovedCalendar(catalog_, calendar_id);
}

absl::Status GradingWindows::AuthorizeRead(const auth::Caller& caller,
                                           std::string_view calendar_id) {
  return access::AuthorizeCalendarAccess(caller, calendar_id, access::Mode::kRead, schools_,
                                         access_);
}

absl::Status GradingWindows::RequireTerm(std::string_view calendar_id, std::string_view term_id) {
  absl::StatusOr<catalog::CatalogCalendar> calendar = catalog_.Calendar(calendar_id);
  if (!calendar.ok()) return calendar.status();
  for (const catalog::CatalogTerm& term : calendar->terms) {
    if (term.id == term_id) return absl::OkStatus();
  }
  return InvalidField(
      "grading_window.term",
      "is not a term of calendar " + std::string(calendar_id) + ": " + std::string(term_id));
}

absl::StatusOr<GradingWindow> GradingWindows::Create(const auth::Caller& caller,
                                                     const NewGradingWindow& request) {
  GradingWindow window = request.window;
  FieldValidator v;
  v.Require(window.window_id.empty() || api::IsValidId(window.window_id), "grading_window_id",
            "must be 1-63 characters of a-z, 0-9 and -");
  v.Require(request.request_id.size() <= 128, "request_id", "must be at most 128 characters");
  ValidateWindow(window, v);
  if (absl::Status s = v.Finish("The grading window has invalid fields."); !s.ok()) return s;
  if (absl::Status s = AuthorizeWrite(caller, window.calendar_id); !s.ok()) return s;
  if (absl::Status s = RequireTerm(window.calendar_id, window.term_id); !s.ok()) return s;
  if (window.window_id.empty()) window.window_id = api::NewId("gw-");
  window.exceptions.clear();
  return repository_.Create(window, request.request_id);
}

absl::StatusOr<GradingWindow> GradingWindows::Get(const auth::Caller& caller,
                                                  std::string_view calendar_id,
                                                  std::string_view window_id) {
  if (absl::Status s = AuthorizeRead(caller, calendar_id); !s.ok()) return s;
  return repository_.Get(calendar_id, window_id);
}

absl::StatusOr<api::Page<GradingWindow>> GradingWindows::List(const auth::Caller& caller,
                                                              std::string_view calendar_id,
                                                              const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, calendar_id); !s.ok()) return s;
  return repository_.List(calendar_id, page, std::nullopt);
}

absl::StatusOr<GradingWindow> GradingWindows::Update(const auth::Caller& caller,
                                                     const GradingWindow& changes,
                                                     const api::UpdateMask& mask) {
  if (absl::Status s = AuthorizeWrite(caller, changes.calendar_id); !s.ok()) return s;
  absl::StatusOr<GradingWindow> current = repository_.Get(changes.calendar_id, changes.window_id);
  if (!current.ok()) return current.status();
  GradingWindow updated = *current;
  if (mask.Has("task")) updated.task = changes.task;
  if (mask.Has("term")) updated.term_id = changes.term_id;
  if (mask.Has("open_time")) updated.open_time = changes.open_time;
  if (mask.Has("close_time")) updated.close_time = changes.close_time;
  FieldValidator v;
  ValidateWindow(updated, v);
  if (absl::Status s = v.Finish("The updated grading window has invalid fields."); !s.ok()) {
    return s;
  }
  if (mask.Has("term")) {
    if (absl::Status s = RequireTerm(updated.calendar_id, updated.term_id); !s.ok()) return s;
  }
  return repository_.Update(updated);
}

absl::Status GradingWindows::Delete(const auth::Caller& caller, std::string_view calendar_id,
                                    std::string_view window_id) {
  if (absl::Status s = AuthorizeWrite(caller, calendar_id); !s.ok()) return s;
  return repository_.Delete(calendar_id, window_id);
}

absl::StatusOr<GradingWindow> GradingWindows::AddException(const auth::Caller& caller,
                                                           std::string_view calendar_id,
                                                           std::string_view window_id,
                                                           const GradingException& exception) {
  if (absl::Status s = AuthorizeWrite(caller, calendar_id); !s.ok()) return s;
  absl::StatusOr<GradingWindow> window = repository_.Get(calendar_id, window_id);
  if (!window.ok()) return window.status();
  if (exception.close_time <= window->open_time) {
    return InvalidField("exception.close_time",
                        "must be after the window's open_time " + Rfc3339(window->open_time));
  }
  if (!exception.IsSection()) {
    absl::StatusOr<std::vector<catalog::CatalogTeacher>> teachers = catalog_.Teachers(calendar_id);
    if (!teachers.ok()) return teachers.status();
    const bool known =
        std::any_of(teachers->begin(), teachers->end(),
                    [&](const catalog::CatalogTeacher& t) { return t.id == exception.teacher_id; });
    if (!known) {
      return InvalidField(
          "exception.teacher",
          "is not a teacher of calendar " + std::string(calendar_id) + ": " + exception.teacher_id);
    }
  }
  return repository_.PutException(calendar_id, window_id, exception);
}

absl::StatusOr<GradingWindow> GradingWindows::RemoveException(const auth::Caller& caller,
                                                              std::string_view calendar_id,
                                                              std::string_view window_id,
                                                              const GradingException& target) {
  if (absl::Status s = AuthorizeWrite(caller, calendar_id); !s.ok()) return s;
  return repository_.RemoveException(calendar_id, window_id, target);
}

absl::StatusOr<GradingDecision> GradingWindows::IsGradingOpen(
    const auth::Caller& caller, std::string_view calendar_id, std::string_view trial_id,
    std::string_view section_id, std::string_view task, GradingTime at) {
  if (!api::IsValidId(task)) {
    return InvalidField("task", "must be 1-63 characters of a-z, 0-9 and - (e.g. q1-progress)");
  }
  if (absl::Status s = AuthorizeRead(caller, calendar_id); !s.ok()) return s;
  absl::StatusOr<GradedSection> section = repository_.Section(calendar_id, trial_id, section_id);
  if (!section.ok()) return section.status();
  absl::StatusOr<std::vector<GradingWindow>> windows =
      repository_.WindowsFor(calendar_id, task, section->term_ids);
  if (!windows.ok()) return windows.status();
  return DecideGrading(*windows, *section, at);
}

absl::StatusOr<api::Page<GradingWindow>> GradingWindows::ListOpen(const auth::Caller& caller,
                                                                  std::string_view calendar_id,
                                                                  GradingTime at,
                                                                  const api::PageRequest& page) {
  if (absl::Status s = AuthorizeRead(caller, calendar_id); !s.ok()) return s;
  return repository_.List(calendar_id, page, at);
}

}  // namespace secsched::sectioning
