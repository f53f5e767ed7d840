#include "services/sectioning/bound/load_optimum_apart.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace secsched::bound {
namespace {

// What the child writes to the pipe: the figures, or the error. Plain data, one write.
struct Answer {
  int ok = 0;
  int code = 0;
  char message[512] = {};
  int variables = 0, rows = 0, students_in_model = 0, groups = 0, section_classes = 0;
  int requests = 0, cbc_rounds = 0;
  double lp_relaxation = 0, best_integer = -1, best_bound = 0, lp_seconds = 0, ip_seconds = 0;
  bool lp_optimal = false, proven_optimal = false, hit_time_limit = false, split_failed = false;
};

Answer AnswerOf(const absl::StatusOr<LoadOptimum>& r) {
  Answer a;
  if (!r.ok()) {
    a.code = static_cast<int>(r.status().code());
    const auto message = r.status().message();
    std::snprintf(a.message, sizeof a.message, "%.*s", static_cast<int>(message.size()),
                  message.data());
    return a;
  }
  a.ok = 1;
  a.variables = r->variables;
  a.rows = r->rows;
  a.students_in_model = r->students_in_model;
  a.groups = r->groups;
  a.section_classes = r->section_classes;
  a.requests = r->requests;
  a.cbc_rounds = r->cbc_rounds;
  a.lp_relaxation = r->lp_relaxation;
  a.best_integer = r->best_integer;
  a.best_bound = r->best_bound;
  a.lp_seconds = r->lp_seconds;
  a.ip_seconds = r->ip_seconds;
  a.lp_optimal = r->lp_optimal;
  a.proven_optimal = r->proven_optimal;
  a.hit_time_limit = r->hit_time_limit;
  a.split_failed = r->split_failed;
  return a;
}

absl::StatusOr<LoadOptimum> FromAnswer(const Answer& a) {
  if (!a.ok) return absl::Status(static_cast<absl::StatusCode>(a.code), a.message);
  LoadOptimum r;
  r.variables = a.variables;
  r.rows = a.rows;
  r.students_in_model = a.students_in_model;
  r.groups = a.groups;
  r.section_classes = a.section_classes;
  r.requests = a.requests;
  r.cbc_rounds = a.cbc_rounds;
  r.lp_relaxation = a.lp_relaxation;
  r.best_integer = a.best_integer;
  r.best_bound = a.best_bound;
  r.lp_seconds = a.lp_seconds;
  r.ip_seconds = a.ip_seconds;
  r.lp_optimal = a.lp_optimal;
  r.proven_optimal = a.proven_optimal;
  r.hit_time_limit = a.hit_time_limit;
  r.split_failed = a.split_failed;
  return r;
}

std::string Ended(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    return "killed by signal " + std::to_string(WTERMSIG(wait_status));
  }
  return "exit code " + std::to_string(WEXITSTATUS(wait_status));
}

}  // namespace

absl::StatusOr<LoadOptimum> SolveLoadOptimumApart(const engine::School& school,
                                                  const LoadOptimumOptions& options,
                                                  const std::atomic<bool>& cancel,
                                                  std::chrono::milliseconds poll_every) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return absl::InternalError(std::string("pipe for the CBC process: ") + std::strerror(errno));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    return absl::InternalError(std::string("starting the CBC process: ") + std::strerror(error));
  }
  if (pid == 0) {
    // The child: only this thread exists here; it solves, answers and leaves without running
    // the parent's exit handlers.
    close(fds[0]);
    // Dies with the worker: a SIGKILLed worker's job is redelivered, its solve must not go on.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    const Answer answer = AnswerOf(SolveLoadOptimum(school, options));
    const char* bytes = reinterpret_cast<const char*>(&answer);
    size_t written = 0;
    while (written < sizeof answer) {
      const ssize_t n = write(fds[1], bytes + written, sizeof answer - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(1);
      written += static_cast<size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  Answer answer;
  char* bytes = reinterpret_cast<char*>(&answer);
  size_t got = 0;
  while (got < sizeof answer) {
    if (cancel.load(std::memory_order_relaxed)) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      close(fds[0]);
      return absl::CancelledError("cancelled while CBC was solving");
    }
    pollfd readable{.fd = fds[0], .events = POLLIN, .revents = 0};
    const int ready = poll(&readable, 1, static_cast<int>(poll_every.count()));
    if (ready <= 0) continue;  // timeout, or EINTR: look at `cancel` again
    const ssize_t n = read(fds[0], bytes + got, sizeof answer - got);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (n == 0 || errno != EINTR) {
      break;  // the child closed the pipe without a whole answer
    }
  }
  close(fds[0]);
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0 && errno == EINTR) {
  }
  if (got < sizeof answer) {
    return absl::InternalError("the CBC process ended without an answer (" + Ended(wait_status) +
                               ")");
  }
  return FromAnswer(answer);
}

}  // namespace secsched::bound
