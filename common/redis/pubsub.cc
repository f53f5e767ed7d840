#include "common/redis/pubsub.h"

#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/time.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/redis/hiredis_connect.h"
#include "common/redis/hiredis_conversion.h"
#include "common/status/strings.h"
#include "spdlog/spdlog.h"

namespace secsched::redis {

absl::StatusOr<int64_t> Publish(RedisClient& client, std::string_view channel,
                                std::string_view message) {
  absl::StatusOr<RedisReply> reply =
      client.Command({"PUBLISH", std::string(channel), std::string(message)});
  if (!reply.ok()) return reply.status();
  return reply->integer;
}

struct Subscriber::State {
  RedisOptions options;
  std::vector<std::string> channels;
  redisContext* context = nullptr;

  ~State() { Close(); }
  void Close() {
    if (context != nullptr) redisFree(context);
    context = nullptr;
  }

  absl::Status Unavailable(std::string_view what) const {
    return absl::UnavailableError(
        absl::StrCat("Redis subscriber at ", options.Describe(), ": ", ToAbsl(what)));
  }

  // Connects, sends SUBSCRIBE and waits for one confirmation per channel.
  absl::Status Open() {
    Close();
    absl::StatusOr<redisContext*> connected = ConnectHiredis(options);
    if (!connected.ok()) return connected.status();
    context = *connected;
    std::vector<const char*> args{"SUBSCRIBE"};
    std::vector<size_t> lengths{9};
    for (const std::string& channel : channels) {
      args.push_back(channel.data());
      lengths.push_back(channel.size());
    }
    redisAppendCommandArgv(context, static_cast<int>(args.size()), args.data(), lengths.data());
    for (size_t confirmed = 0; confirmed < channels.size(); ++confirmed) {
      void* raw = nullptr;
      if (redisGetReply(context, &raw) != REDIS_OK) return Unavailable(context->errstr);
      RedisReply reply = RedisReplyFromHiredis(*static_cast<redisReply*>(raw));
      freeReplyObject(raw);
      if (reply.type == RedisReply::Type::kError) return StatusFromRedisError(reply.str);
    }
    return absl::OkStatus();
  }
};

Subscriber::Subscriber(std::unique_ptr<State> state) : state_(std::move(state)) {}
Subscriber::~Subscriber() = default;

absl::StatusOr<std::unique_ptr<Subscriber>> Subscriber::Subscribe(
    RedisOptions options, std::vector<std::string> channels) {
  if (channels.empty()) return absl::InvalidArgumentError("Subscribe needs a channel.");
  auto state = std::make_unique<State>();
  state->options = std::move(options);
  state->channels = std::move(channels);
  if (absl::Status opened = state->Open(); !opened.ok()) return opened;
  return std::unique_ptr<Subscriber>(new Subscriber(std::move(state)));
}

absl::StatusOr<std::optional<PubSubMessage>> Subscriber::Next(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool reconnected = false;
  while (true) {
    if (state_->context == nullptr || state_->context->err != 0) {
      if (reconnected) return state_->Unavailable("connection lost again after reconnecting");
      reconnected = true;
      if (absl::Status opened = state_->Open(); !opened.ok()) return opened;
      spdlog::warn("Redis subscriber reconnected; messages sent meanwhile were missed");
    }
    // hiredis may already hold whole messages read together with an earlier one; only when
    // its buffer is empty is it worth waiting on the socket.
    void* raw = nullptr;
    if (redisGetReplyFromReader(state_->context, &raw) != REDIS_OK) {
      state_->Close();
      continue;
    }
    if (raw == nullptr) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd fd{state_->context->fd, POLLIN, 0};
      const int ready = poll(&fd, 1, static_cast<int>(left.count()));
      if (ready == 0) return std::nullopt;
      if (ready < 0 || redisGetReply(state_->context, &raw) != REDIS_OK) {
        state_->Close();
        continue;
      }
    }
    RedisReply reply = RedisReplyFromHiredis(*static_cast<redisReply*>(raw));
    freeReplyObject(raw);
    // ["message", channel, payload]; confirmations of (re)subscribing are skipped.
    if (reply.is_array() && reply.elements.size() == 3 && reply.elements[0].str == "message") {
      return PubSubMessage{std::move(reply.elements[1].str), std::move(reply.elements[2].str)};
    }
  }
}

}  // namespace secsched::redis
