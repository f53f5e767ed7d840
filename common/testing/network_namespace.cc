#include "common/testing/network_namespace.h"

#include <unistd.h>

#include <random>
#include <stdexcept>
#include <vector>

#include "common/testing/process.h"
#include "common/testing/servers.h"

namespace secsched::testing {

std::unique_ptr<VethNamespace> VethNamespace::Create(std::string* why_not) {
  if (!internal::RunningAsRoot()) {
    *why_not = "network namespaces need root (CAP_NET_ADMIN)";
    return nullptr;
  }
  const std::string dir = internal::MakeTempDir("secsched-netns", false);
  const std::string log = dir + "/ip.log";
  // Short names (interface names are at most 15 bytes) unique to this process; a random /30 in
  // 10.213.0.0/16 so concurrent test runs do not collide.
  std::random_device random;
  const int block = static_cast<int>(random() % 16384);
  const std::string prefix =
      "10.213." + std::to_string(block / 64) + "." + std::to_string((block % 64) * 4);
  std::unique_ptr<VethNamespace> ns(new VethNamespace());
  ns->log_ = log;
  const std::string tag = std::to_string(::getpid() % 100000) + std::to_string(random() % 100);
  ns->name_ = "secsched" + tag;
  ns->host_link_ = "vh" + tag;
  const std::string peer = "vn" + tag;
  const std::string base = prefix.substr(0, prefix.rfind('.') + 1);
  const int last = std::stoi(prefix.substr(prefix.rfind('.') + 1));
  ns->host_address_ = base + std::to_string(last + 1);
  const std::string ns_address = base + std::to_string(last + 2);

  if (internal::Run({"ip", "netns", "add", ns->name_}, log) != 0) {
    *why_not =
        "`ip netns add` failed (no iproute2, or no CAP_NET_ADMIN): " + internal::LogTail(log);
    internal::Run({"rm", "-rf", dir}, "/dev/null");
    return nullptr;
  }
  ns->guardian_ =
      std::make_unique<internal::ExitGuardian>("ip netns del " + internal::ShellQuote(ns->name_) +
                                               " 2>/dev/null; rm -rf " + internal::ShellQuote(dir));
  const std::vector<std::vector<std::string>> steps = {
      {"ip", "link", "add", ns->host_link_, "type", "veth", "peer", "name", peer},
      {"ip", "link", "set", peer, "netns", ns->name_},
      {"ip", "addr", "add", ns->host_address_ + "/30", "dev", ns->host_link_},
      {"ip", "link", "set", ns->host_link_, "up"},
      {"ip", "-n", ns->name_, "addr", "add", ns_address + "/30", "dev", peer},
      {"ip", "-n", ns->name_, "link", "set", peer, "up"},
      {"ip", "-n", ns->name_, "link", "set", "lo", "up"}};
  for (const std::vector<std::string>& step : steps) {
    if (internal::Run(step, log) != 0) {
      *why_not = "cannot set the veth pair up: " + internal::LogTail(log);
      return nullptr;
    }
  }
  return ns;
}

VethNamespace::~VethNamespace() {
  if (guardian_) guardian_->Release("");
}

void VethNamespace::SetLink(bool up) {
  if (internal::Run({"ip", "link", "set", host_link_, up ? "up" : "down"}, log_) != 0) {
    throw std::runtime_error("ip link set failed: " + internal::LogTail(log_));
  }
}

}  // namespace secsched::testing
