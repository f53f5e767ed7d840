// Placeholder until the throwaway-server launcher lands; replaced by its real tests.
#include <gtest/gtest.h>
TEST(ServersPlaceholder, Builds) { EXPECT_TRUE(true); }
