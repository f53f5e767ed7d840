// The main() of every GoogleTest binary in the suite. Throwaway servers (see servers.h) start
// lazily on first use and stop when the process exits, so a binary shares one PostgreSQL and
// one Redis across all its tests.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
