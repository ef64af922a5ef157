// What the application computes once per store revision (memo.hpp): plans' overviews, their JSON,
// calendar feeds with their ETags.
#pragma once

#include <string>

#include "server/memo.hpp"
#include "server/views.hpp"

namespace roadmap::web {

struct CachedText {
  std::string body;
  std::string etag;  // a strong validator of the body
};

struct Caches {
  Memo<Overview> overviews{128};
  Memo<CachedText> texts{512};
};

}  // namespace roadmap::web
