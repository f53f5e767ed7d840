#!/usr/bin/env bash
# Installs every build, run and test dependency of secsched from Debian 12's package registry.
# Idempotent: packages already present are left alone; nothing is downloaded from anywhere else.
# Run as root (or with sudo) on Debian 12 (bookworm).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # the house style check in the test command (tests/format-check.sh)
  clang-format
  # gRPC + protobuf (+ protoc and the C++ gRPC plugin)
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
  # shared runtime
  libabsl-dev libspdlog-dev libpqxx-dev libpq-dev libhiredis-dev prometheus-cpp-dev
  libjwt-dev libssl-dev nlohmann-json3-dev libcsv-dev libzip-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev coinor-libcbc-dev
  # headless browser for the master-schedule board's test (tests/board/)
  chromium
  # servers for the local stack and integration tests (run on loopback, never as a system service)
  postgresql redis-server
  # used by scripts: free-port discovery and readiness checks; `ip netns` for the network-cut
  # fault test (tests/e2e/network_cut_e2e_test.cc)
  procps iproute2 python3
  # deploy/local/test-servers.sh: the throwaway CA and certificate for PostgreSQL over TLS
  openssl
  # deploy/k8s/check.py (the image and manifest checks in the test command)
  python3-yaml
  # the Python client example (docs/examples/list_sections.py, docs/api.md)
  python3-grpcio python3-protobuf
  # deploy/k8s/k8s_schema.py: the official client's models validate the rendered manifests offline
  python3-kubernetes
  # promtool, for deploy/k8s/check_monitoring.py (`promtool test rules` on the alerts); the
  # package's server is never started (policy-rc.d below)
  prometheus
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends keeps CI lean; policy-rc.d stops Debian from auto-starting the system
# PostgreSQL/Redis services we never use (the stack runs its own servers in a throwaway folder).
if [ ! -e /usr/sbin/policy-rc.d ] && [ "$(id -u)" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
