// The sign-in mail (issue 7): a person asked for a link on the sign-in page, and gets one message
// with the personal link (text and HTML, in their language), queued in the outbox like every other
// mail so it is delivered, retried and shown by `roadmap outbox` the same way.
#pragma once

#include <chrono>
#include <string>

#include "mail/policy.hpp"
#include "store/outbox.hpp"

namespace roadmap::mail {

struct SigninRecipient {
  std::string directory_id, person, name, email;
  std::string language = "ru";
};

// The message (not yet queued): key "signin|<directory>/<person>|<hash of the link>", kind "signin".
// `valid_hours` is how long the link works. Throws BadAddress for an unusable address.
store::OutboxMessage signin_message(const Policy& policy, const SigninRecipient& to, const std::string& link,
                                    int valid_hours, std::chrono::sys_seconds now);

}  // namespace roadmap::mail
