// Runs `clients` copies of a call on as many threads, released at the same moment (a latch, not
// a sleep), and returns once all have finished: the way to make racing callers in a test.
//
//   std::vector<grpc::Status> statuses(10);
//   RunTogether(10, [&](int i) { statuses[i] = stub.CreateCourse(...); });
#pragma once

#include <functional>
#include <latch>
#include <thread>
#include <vector>

namespace secsched::testing {

inline void RunTogether(int clients, const std::function<void(int)>& call) {
  std::latch ready(clients);
  std::vector<std::thread> threads;
  threads.reserve(clients);
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      ready.arrive_and_wait();
      call(i);
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace secsched::testing
