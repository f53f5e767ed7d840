#include "tests/bench/load_driver.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace secsched::bench {
namespace {

// The group a process counts in, by its command name; "" = not counted.
std::string GroupOf(const std::string& comm, bool self) {
  if (self) return "generator";
  if (comm == "postgres") return "postgres";
  if (comm == "redis-server") return "redis";
  if (comm.rfind("secsched-", 0) == 0) return "services";
  return "";
}

}  // namespace

CpuSample SampleCpu() {
  CpuSample sample;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const pid_t self = getpid();
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return sample;
  while (dirent* entry = readdir(proc)) {
    const std::string name = entry->d_name;
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    std::ifstream stat("/proc/" + name + "/stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    // pid (comm) state ppid ... utime(14) stime(15): comm may hold spaces, so split after ')'.
    const size_t open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    const std::string group =
        GroupOf(line.substr(open + 1, close - open - 1), std::stol(name) == self);
    if (group.empty()) continue;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
      if (i == 14) utime = std::stod(field);
      if (i == 15) stime = std::stod(field);
    }
    sample.seconds[group] += (utime + stime) / ticks;
  }
  closedir(proc);
  return sample;
}

double LoadResult::Percentile(double p) const {
  if (latencies_ms.empty()) return 0;
  const size_t index = std::min(latencies_ms.size() - 1,
                                static_cast<size_t>(std::ceil(p * latencies_ms.size())) - 1);
  return latencies_ms[index];
}

LoadResult RunLoad(std::vector<std::unique_ptr<CallSlot>>& slots, Clock::duration warmup,
                   Clock::duration measure) {
  grpc::CompletionQueue queue;
  LoadResult result;
  const Clock::time_point begin = Clock::now();
  const Clock::time_point window_start = begin + warmup, window_end = window_start + measure;
  for (auto& slot : slots) slot->Start(queue);
  size_t in_flight = slots.size();
  bool window_open = false;
  CpuSample cpu_before;
  void* tag = nullptr;
  bool ok = false;
  while (in_flight > 0 && queue.Next(&tag, &ok)) {
    CallSlot& slot = *static_cast<CallSlot*>(tag);
    const Clock::time_point now = Clock::now();
    if (!window_open && now >= window_start) {
      window_open = true;
      cpu_before = SampleCpu();
    }
    if (slot.started >= window_start && now <= window_end) {
      const grpc::Status status = slot.Finished();
      ++result.calls;
      result.latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(now - slot.started).count());
      if (!status.ok()) {
        ++result.errors[status.error_code()];
        if (result.first_error.empty()) result.first_error = status.error_message();
      }
    }
    if (now < window_end) {
      slot.Start(queue);
    } else {
      --in_flight;
    }
  }
  const CpuSample cpu_after = SampleCpu();
  for (const auto& [group, seconds] : cpu_after.seconds) {
    result.cpu_seconds[group] = seconds - cpu_before.seconds[group];
  }
  result.seconds = std::chrono::duration<double>(measure).count();
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  return result;
}

}  // namespace secsched::bench
