// Internal to secsched_auth: RAII ownership of libjwt objects and strings.
#pragma once

#include <jwt.h>

#include <cstdlib>
#include <memory>

#include "common/auth/jwt.h"

namespace secsched::auth::internal {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtHandle = std::unique_ptr<jwt_t, JwtDeleter>;

// libjwt returns malloc'ed strings (jwt_encode_str, jwt_get_grants_json).
struct MallocDeleter {
  void operator()(char* text) const { std::free(text); }
};
using MallocString = std::unique_ptr<char, MallocDeleter>;

inline jwt_alg_t ToLibjwt(JwtConfig::Algorithm algorithm) {
  return algorithm == JwtConfig::Algorithm::kRS256 ? JWT_ALG_RS256 : JWT_ALG_HS256;
}

}  // namespace secsched::auth::internal
