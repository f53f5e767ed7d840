// A network namespace joined to this one by a veth pair on a private /30, for tests that cut a
// process's network: a process started with `ip netns exec <name>` reaches this machine only
// through the pair, and SetLink(false) cuts it as a pulled cable would (packets are dropped; no
// reset reaches either side). Needs CAP_NET_ADMIN and iproute2; Create says why when it cannot.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace secsched::testing {
namespace internal {
class ExitGuardian;
}

class VethNamespace {
 public:
  // null, with the reason in `why_not`, when namespaces cannot be made here (not root, no
  // `ip`, a container without CAP_NET_ADMIN).
  static std::unique_ptr<VethNamespace> Create(std::string* why_not);
  ~VethNamespace();  // deletes the namespace (and with it the pair)

  const std::string& name() const { return name_; }
  const std::string& host_address() const { return host_address_; }  // this side, e.g. 10.x.y.1
  // Brings this side's end of the pair down (false) or up (true); throws on failure.
  void SetLink(bool up);

 private:
  VethNamespace() = default;
  std::string name_;
  std::string host_link_;
  std::string host_address_;
  std::string log_;  // what `ip` said, for errors
  std::unique_ptr<internal::ExitGuardian> guardian_;
};

}  // namespace secsched::testing
