// SMTP over libcurl (see smtp.hpp).
#include "mail/smtp.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace roadmap::mail {

namespace {

struct Upload {
  std::string_view data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  std::size_t room = size * n;
  std::size_t left = up->data.size() - up->pos;
  std::size_t k = left < room ? left : room;
  std::memcpy(buf, up->data.data() + up->pos, k);
  up->pos += k;
  return k;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct SmtpSender::Impl {
  SmtpConfig config;
  CURL* curl = nullptr;
};

SmtpSender::SmtpSender(SmtpConfig config) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->config = std::move(config);
  impl_->curl = curl_easy_init();
}

SmtpSender::~SmtpSender() {
  if (impl_ && impl_->curl) curl_easy_cleanup(impl_->curl);
}

SendResult SmtpSender::send(std::string_view from, std::string_view to, std::string_view message) {
  SendResult r;
  CURL* c = impl_->curl;
  if (!c) {
    r.status = SendResult::Status::temporary;
    r.error = "curl_easy_init failed";
    return r;
  }
  const auto& cfg = impl_->config;
  curl_easy_reset(c);  // keeps the open connection in the handle's cache
  std::string url = cfg.url;
  if (!cfg.helo_host.empty() && url.find('/', url.find("://") + 3) == std::string::npos) url += "/" + cfg.helo_host;
  std::string mail_from = "<" + std::string(from) + ">";
  std::string rcpt = "<" + std::string(to) + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  Upload up{message, 0};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, cfg.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, cfg.timeout_s);
  if (cfg.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!cfg.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, cfg.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.password.c_str());
  }
  if (!cfg.verify_tls) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!cfg.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, cfg.ca_file.c_str());

  CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(rcpts);
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  r.reply_code = code;
  if (rc == CURLE_OK) {
    r.status = SendResult::Status::sent;
    return r;
  }
  r.error = std::string(errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (code) r.error += " (SMTP " + std::to_string(code) + ")";
  // A refused mailbox or message: 5xx to MAIL, RCPT or DATA. Authentication and TLS problems are
  // the sender's configuration, not the recipient's: they wait for a fix like a server that is down.
  // 530 (STARTTLS or AUTH first), 534, 535, 538 (authentication) are such problems too.
  bool config = code == 530 || code == 534 || code == 535 || code == 538;
  bool permanent = code >= 500 && code < 600 && !config && rc != CURLE_LOGIN_DENIED && rc != CURLE_USE_SSL_FAILED;
  r.status = permanent ? SendResult::Status::rejected : SendResult::Status::temporary;
  r.server_wide = !permanent && (code == 0 || config || rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_LOGIN_DENIED ||
                                 rc == CURLE_USE_SSL_FAILED || rc == CURLE_COULDNT_CONNECT ||
                                 rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_SSL_CONNECT_ERROR ||
                                 rc == CURLE_PEER_FAILED_VERIFICATION);
  return r;
}

}  // namespace roadmap::mail
