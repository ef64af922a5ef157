// Results computed once per store revision and shared by every request that asks for the same
// thing while nothing changed (a plan's overview, a calendar feed). "Single flight": when many
// requests ask at once for a result not yet computed, one computes it and the others wait for
// that result instead of all computing it. Bounded: past `capacity` keys the oldest revision's
// entries go first. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace roadmap::web {

template <class T>
class Memo {
 public:
  explicit Memo(std::size_t capacity = 256) : capacity_(capacity) {}

  // The value for (key, revision): the stored one, the one being computed, or compute() now. An
  // exception from compute() reaches every waiter and is not remembered.
  std::shared_ptr<const T> get(const std::string& key, std::int64_t revision,
                               const std::function<std::shared_ptr<const T>()>& compute) {
    std::promise<std::shared_ptr<const T>> promise;
    std::shared_future<std::shared_ptr<const T>> future;
    bool compute_here = false;
    {
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.revision == revision) {
        future = it->second.value;
      } else {
        if (it == entries_.end() && entries_.size() >= capacity_) evict();
        future = promise.get_future().share();
        entries_[key] = Entry{revision, future};
        compute_here = true;
      }
    }
    if (!compute_here) return future.get();  // waits, without the lock, if it is still being computed
    // This request computes; the others wait on the future.
    try {
      promise.set_value(compute());
    } catch (...) {
      promise.set_exception(std::current_exception());
      std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.revision == revision) entries_.erase(it);
    }
    return future.get();
  }

 private:
  struct Entry {
    std::int64_t revision;
    std::shared_future<std::shared_ptr<const T>> value;
  };
  void evict() {
    // The entries of the oldest revision seen: they are the least likely to be asked for again.
    std::int64_t oldest = entries_.begin()->second.revision;
    for (const auto& [k, e] : entries_) oldest = std::min(oldest, e.revision);
    for (auto it = entries_.begin(); it != entries_.end();) it = it->second.revision == oldest ? entries_.erase(it) : std::next(it);
    if (entries_.size() >= capacity_) entries_.clear();
  }

  std::size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace roadmap::web
