// Calendar feeds (issue 7): /ics/person/<id>.ics, /ics/body/<id>.ics, /ics/school/<id>.ics for
// calendar apps to subscribe to (webcal://), authorised by the person's feed token (?token=) or a
// session; each answer carries an ETag, and If-None-Match gets 304 while nothing changed.
#include <boost/beast/http/field.hpp>

#include "calendar/feed.hpp"
#include "server/caches.hpp"
#include "server/html.hpp"
#include "server/views.hpp"
#include "store/sha256.hpp"

namespace roadmap::web {

namespace {

Response feed(Exchange& x, invites::FeedRequest::Scope scope) {
  const auto& who = x.principal();
  std::string id = x.args[0];
  if (id.size() > 4 && id.compare(id.size() - 4, 4, ".ics") == 0) id.resize(id.size() - 4);
  bool allowed = false;
  switch (scope) {
    case invites::FeedRequest::Scope::person: allowed = access::can_view_person_feed(who, {who.ref.directory_id, id}); break;
    case invites::FeedRequest::Scope::body: allowed = access::can_view_unit_feed(who, who.ref.directory_id, "body", id); break;
    case invites::FeedRequest::Scope::school: allowed = access::can_view_unit_feed(who, who.ref.directory_id, "school", id); break;
  }
  if (!allowed) return error_response(x, http::status::forbidden, "forbidden", x.tr("web.err.forbidden"));
  invites::FeedRequest r;
  r.scope = scope;
  r.id = id;
  r.directory = who.ref.directory_id;
  r.plan_id = x.target.query.get("plan");
  r.todo = x.target.query.get("todo") == "1";
  r.base_url = x.app.config().base_url;
  r.lang = x.lang;
  std::string key = "ics|" + std::to_string(static_cast<int>(scope)) + "|" + r.directory + "|" + id + "|" + r.plan_id + "|" +
                    (r.todo ? "todo" : "event") + "|" + (x.lang == i18n::Lang::en ? "en" : "ru");
  std::shared_ptr<const CachedText> feed;
  try {
    feed = x.app.caches().texts.get(key, App::revision(x.db), [&] {
      // libical's own lock is taken inside (notifiers/calendar/invite.hpp), not around the store.
      std::optional<invites::Feed> f = invites::build_feed(x.db, r);
      if (!f) throw std::out_of_range("no such person");
      // A strong validator of the exact bytes (DTSTAMP included): a client asking with the same
      // ETag gets 304 until a task of the feed changes.
      std::string etag = "\"" + store::sha256_hex(f->text).substr(0, 32) + "\"";
      return std::make_shared<const CachedText>(CachedText{std::move(f->text), std::move(etag)});
    });
  } catch (const std::out_of_range&) {
    return error_response(x, http::status::not_found, "not_found", x.tr("web.err.not_found"));
  }
  const std::string& etag = feed->etag;
  if (x.req[http::field::if_none_match] == etag) {
    Response res{http::status::not_modified, 11};
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "private, no-cache");
    return res;
  }
  auto res = text_response(http::status::ok, feed->body, "text/calendar; charset=utf-8");
  res.set(http::field::etag, etag);
  res.set(http::field::cache_control, "private, no-cache");
  res.set(http::field::content_disposition, "inline; filename=\"roadmap.ics\"");
  return res;
}

}  // namespace

void register_feed_routes(App& app) {
  app.add_route(http::verb::get, "/ics/person/{}", Gate::feed,
                [](Exchange& x) { return feed(x, invites::FeedRequest::Scope::person); });
  app.add_route(http::verb::get, "/ics/body/{}", Gate::feed,
                [](Exchange& x) { return feed(x, invites::FeedRequest::Scope::body); });
  app.add_route(http::verb::get, "/ics/school/{}", Gate::feed,
                [](Exchange& x) { return feed(x, invites::FeedRequest::Scope::school); });
}

}  // namespace roadmap::web
