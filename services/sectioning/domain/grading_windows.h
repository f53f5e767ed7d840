// Grading windows: a grading task (q1-progress, s1-final) in one term of a calendar, open between
// two instants, with exceptions that give one section or one teacher its own close. The rule that
// decides whether a section's marks may be entered (DecideGrading) is pure and unit-tested; the
// GradingWindows class adds validation, authorization and the repository.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/access/authorize.h"
#include "common/access/calendar_schools.h"
#include "common/api/paging.h"
#include "common/api/update_mask.h"
#include "common/auth/caller.h"
#include "common/catalog/catalog_reader.h"

namespace secsched::sectioning {

using GradingTime = std::chrono::system_clock::time_point;

// Exactly one of (trial_id + section_id) and teacher_id is set.
struct GradingException {
  std::string trial_id;
  std::string section_id;
  std::string teacher_id;
  GradingTime close_time;

  bool IsSection() const { return !section_id.empty(); }
  // The storage key: "section/{trial}/{section}" or "teacher/{teacher}" (ids hold no '/').
  std::string Key() const;
};

struct GradingWindow {
  std::string calendar_id;
  std::string window_id;
  std::string task;
  std::string term_id;
  GradingTime open_time;
  GradingTime close_time;
  std::vector<GradingException> exceptions;  // ordered by Key()
  GradingTime create_time;                   // read only
  GradingTime update_time;                   // read only
};

// ---- The rule ----------------------------------------------------------------------------------

enum class GradingState { kOpen, kNotYetOpen, kClosed, kNoWindow };
enum class CloseSource { kNone, kWindow, kSectionException, kTeacherException };

struct GradingDecision {
  GradingState state = GradingState::kNoWindow;
  CloseSource close_source = CloseSource::kNone;
  std::optional<GradingWindow> window;
  GradingTime effective_close;
  std::string primary_teacher_id;  // the section's, whose exception was looked for
  std::string explanation;

  bool open() const { return state == GradingState::kOpen; }
};

// The section whose marks are asked about: where it is and who teaches it.
struct GradedSection {
  std::string trial_id;
  std::string section_id;
  std::string primary_teacher_id;     // "" = unstaffed
  std::vector<std::string> term_ids;  // the terms it meets in
};

// One window for one section: the effective close is the section's exception's close, else the
// primary teacher's exception's close, else the window's; open iff open_time ≤ at < that close.
GradingDecision DecideGrading(const GradingWindow& window, const GradedSection& section,
                              GradingTime at);

// Over every window of the task in the section's terms: an open one wins; else the one that
// opens next; else the one that closed last. kNoWindow when `windows` is empty.
GradingDecision DecideGrading(const std::vector<GradingWindow>& windows,
                              const GradedSection& section, GradingTime at);

// ---- Storage port ------------------------------------------------------------------------------

class GradingRepository {
 public:
  virtual ~GradingRepository() = default;
  // ALREADY_EXISTS for a taken id or (task, term). A non-empty request_id seen before returns
  // the window it created.
  virtual absl::StatusOr<GradingWindow> Create(const GradingWindow& window,
                                               std::string_view request_id) = 0;
  virtual absl::StatusOr<GradingWindow> Get(std::string_view calendar_id,
                                            std::string_view window_id) = 0;  // NOT_FOUND
  // Ordered by id after `page.after`. With `open_at`, only windows open then for everyone or for
  // some exception (see ListOpenWindows).
  virtual absl::StatusOr<api::Page<GradingWindow>> List(std::string_view calendar_id,
                                                        const api::PageRequest& page,
                                                        std::optional<GradingTime> open_at) = 0;
  // Replaces task, term, open and close. NOT_FOUND; ALREADY_EXISTS for a taken (task, term).
  virtual absl::StatusOr<GradingWindow> Update(const GradingWindow& window) = 0;
  virtual absl::Status Delete(std::string_view calendar_id, std::string_view window_id) = 0;
  // Inserts or replaces the exception of its target. NOT_FOUND for the window or the section.
  virtual absl::StatusOr<GradingWindow> PutException(std::string_view calendar_id,
                                                     std::string_view window_id,
                                                     const GradingException& exception) = 0;
  // NOT_FOUND for the window or when it has no exception with that key.
  virtual absl::StatusOr<GradingWindow> RemoveException(std::string_view calendar_id,
                                                        std::string_view window_id,
                                                        const GradingException& target) = 0;
  // The section's terms and primary teacher. NOT_FOUND.
  virtual absl::StatusOr<GradedSection> Section(std::string_view calendar_id,
                                                std::string_view trial_id,
                                                std::string_view section_id) = 0;
  // The windows of `task` in any of `term_ids`, ordered by term.
  virtual absl::StatusOr<std::vector<GradingWindow>> WindowsFor(
      std::string_view calendar_id, std::string_view task,
      const std::vector<std::string>& term_ids) = 0;
};

// ---- The use cases -----------------------------------------------------------------------------

struct NewGradingWindow {
  GradingWindow window;  // calendar_id set; window_id optional (generated)
  std::string request_id;
};

class GradingWindows {
 public:
  GradingWindows(GradingRepository& repository, catalog::CatalogReader& catalog,
                 access::CalendarSchools& schools, access::AccessChecker& access)
      : repository_(repository), catalog_(catalog), schools_(schools), access_(access) {}

  // Writes: INVALID_ARGUMENT first, then PERMISSION_DENIED without write access, then
  // FAILED_PRECONDITION unless the calendar is APPROVED. Reads need read access.
  absl::StatusOr<GradingWindow> Create(const auth::Caller& caller, const NewGradingWindow& request);
  absl::StatusOr<GradingWindow> Get(const auth::Caller& caller, std::string_view calendar_id,
                                    std::string_view window_id);
  absl::StatusOr<api::Page<GradingWindow>> List(const auth::Caller& caller,
                                                std::string_view calendar_id,
                                                const api::PageRequest& page);
  // `changes` carries the new values of the paths in `mask` (calendar_id and window_id name it).
  absl::StatusOr<GradingWindow> Update(const auth::Caller& caller, const GradingWindow& changes,
                                       const api::UpdateMask& mask);
  absl::Status Delete(const auth::Caller& caller, std::string_view calendar_id,
                      std::string_view window_id);
  // Field names in errors: exception.section / exception.teacher / exception.close_time.
  absl::StatusOr<GradingWindow> AddException(const auth::Caller& caller,
                                             std::string_view calendar_id,
                                             std::string_view window_id,
                                             const GradingException& exception);
  // `target`'s close_time is ignored.
  absl::StatusOr<GradingWindow> RemoveException(const auth::Caller& caller,
                                                std::string_view calendar_id,
                                                std::string_view window_id,
                                                const GradingException& target);
  absl::StatusOr<GradingDecision> IsGradingOpen(const auth::Caller& caller,
                                                std::string_view calendar_id,
                                                std::string_view trial_id,
                                                std::string_view section_id, std::string_view task,
                                                GradingTime at);
  absl::StatusOr<api::Page<GradingWindow>> ListOpen(const auth::Caller& caller,
                                                    std::string_view calendar_id, GradingTime at,
                                                    const api::PageRequest& page);

 private:
  absl::Status AuthorizeWrite(const auth::Caller& caller, std::string_view calendar_id);
  absl::Status AuthorizeRead(const auth::Caller& caller, std::string_view calendar_id);
  // INVALID_ARGUMENT on grading_window.term unless the calendar has the term.
  absl::Status RequireTerm(std::string_view calendar_id, std::string_view term_id);

  GradingRepository& repository_;
  catalog::CatalogReader& catalog_;
  access::CalendarSchools& schools_;
  access::AccessChecker& access_;
};

}  // namespace secsched::sectioning
