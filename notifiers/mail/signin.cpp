// The sign-in mail: see signin.hpp.
#include "mail/signin.hpp"

#include "i18n/catalogue.hpp"
#include "mail/mime.hpp"
#include "store/sha256.hpp"

namespace roadmap::mail {

store::OutboxMessage signin_message(const Policy& policy, const SigninRecipient& to, const std::string& link,
                                    int valid_hours, std::chrono::sys_seconds now) {
  i18n::Lang lang = i18n::Lang::ru;
  i18n::parse_lang(to.language, lang);
  auto tr = [&](std::string_view key, const std::vector<std::string>& args = {}) { return i18n::format(lang, key, args); };
  std::string key = "signin|" + to.directory_id + "/" + to.person + "|" + store::sha256_hex(link).substr(0, 16);
  std::string host = policy.from_email.substr(policy.from_email.find('@') + 1);
  Message msg;
  msg.from = {policy.from_name, policy.from_email};
  msg.to = {to.name, to.email};
  msg.subject = tr("signin.mail.subject");
  msg.date = now;
  msg.date_zone = policy.sender_zone;
  msg.message_id = make_message_id(key, host.empty() ? "localhost" : host);
  msg.boundary_seed = key;
  std::string hello = tr("signin.mail.hello", {to.name.empty() ? to.email : to.name});
  std::string body = tr("signin.mail.body", {std::to_string(valid_hours)});
  std::string ignore = tr("signin.mail.ignore");
  msg.text = hello + "\n\n" + body + "\n\n" + link + "\n\n" + ignore + "\n";
  msg.html = "<!DOCTYPE html><html><body><p>" + html_escape(hello) + "</p><p>" + html_escape(body) + "</p><p><a href=\"" +
             html_escape(link) + "\">" + html_escape(tr("signin.mail.button")) + "</a></p><p><small>" + html_escape(link) +
             "</small></p><p><small>" + html_escape(ignore) + "</small></p></body></html>\n";
  store::OutboxMessage o;
  o.dedup_key = key;
  o.person = to.directory_id + "/" + to.person;
  o.email = to.email;
  o.kind = "signin";
  o.subject = clean_header_text(msg.subject);
  o.body = render(msg);
  o.created_at = store::iso_utc(now);
  o.next_attempt_at = o.created_at;
  return o;
}

}  // namespace roadmap::mail
