// PgPool over TLS with sslmode=verify-full, against the throwaway PostgreSQL that
// deploy/local/test-servers.sh starts with ssl=on (a server certificate for `localhost` signed by
// the CA in SECSCHED_TEST_PG_TLS_CA). Services connect through this same PgPool::Create.
#include <gtest/gtest.h>

#include <cstdlib>
#include <pqxx/nontransaction>
#include <string>

#include "absl/strings/match.h"
#include "common/pg/pool.h"
#include "common/testing/servers.h"

namespace secsched::pg {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// FreshDatabaseUrl() is postgresql://postgres@127.0.0.1:<port>/<db>?sslmode=disable; the same
// server and database reached as `host` (what the certificate must name) over TLS.
std::string TlsUrl(const std::string& plain_url, const std::string& host,
                   const std::string& root_certificate) {
  const std::string without_query = plain_url.substr(0, plain_url.find('?'));
  const size_t at = without_query.find("@127.0.0.1:");
  EXPECT_NE(at, std::string::npos) << plain_url;
  return without_query.substr(0, at + 1) + host +
         without_query.substr(at + std::string("@127.0.0.1").size()) +
         "?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=" + root_certificate;
}

bool ConnectionUsesTls(PgPool& pool) {
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  EXPECT_TRUE(lease.ok()) << lease.status();
  pqxx::nontransaction tx(**lease);
  return tx.exec1("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].as<bool>();
}

class PgTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = Env("SECSCHED_TEST_PG_TLS_CA");
    other_ca_ = Env("SECSCHED_TEST_PG_TLS_OTHER_CA");
    if (ca_.empty() || other_ca_.empty()) {
      GTEST_SKIP() << "no TLS PostgreSQL: run with the servers of deploy/local/test-servers.sh "
                      "(. <dir>/env), as tests/run-all.sh does";
    }
    plain_url_ = secsched::testing::FreshDatabaseUrl();
  }
  std::string ca_, other_ca_, plain_url_;
};

TEST_F(PgTlsTest, VerifyFullWithTheServersCaConnectsOverTls) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool =
      PgPool::Create({.url = TlsUrl(plain_url_, "localhost", ca_), .size = 2});
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_TRUE(ConnectionUsesTls(**pool));
}

TEST_F(PgTlsTest, TheSuitesDefaultUrlIsPlain) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool = PgPool::Create({.url = plain_url_, .size = 1});
  ASSERT_TRUE(pool.ok()) << pool.status();
  EXPECT_FALSE(ConnectionUsesTls(**pool));
}

TEST_F(PgTlsTest, HostNameTheCertificateDoesNotNameFailsClearly) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool =
      PgPool::Create({.url = TlsUrl(plain_url_, "127.0.0.1", ca_), .size = 1});
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(pool.status().message(), "TLS verification failed"))
      << pool.status();
  EXPECT_TRUE(absl::StrContains(pool.status().message(), "does not match host name \"127.0.0.1\""))
      << pool.status();
}

TEST_F(PgTlsTest, CaThatDidNotSignTheServerFailsClearly) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool =
      PgPool::Create({.url = TlsUrl(plain_url_, "localhost", other_ca_), .size = 1});
  ASSERT_FALSE(pool.ok());
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(pool.status().message(), "TLS verification failed"))
      << pool.status();
  EXPECT_TRUE(absl::StrContains(pool.status().message(), "certificate verify failed"))
      << pool.status();
}

TEST_F(PgTlsTest, MissingRootCertificateFileFailsClearly) {
  absl::StatusOr<std::unique_ptr<PgPool>> pool =
      PgPool::Create({.url = TlsUrl(plain_url_, "localhost", ca_ + ".missing"), .size = 1});
  ASSERT_FALSE(pool.ok());
  EXPECT_TRUE(absl::StrContains(pool.status().message(), "root certificate file")) << pool.status();
  EXPECT_TRUE(absl::StrContains(pool.status().message(), ".missing")) << pool.status();
}

}  // namespace
}  // namespace secsched::pg
