// Internet messages for the notifier (RFC 5322, MIME RFC 2045-2049, RFC 2047 encoded words, iMIP
// RFC 6047): a small builder with nothing hidden. Every header value that may come from a plan or a
// directory (names, subjects) is stripped of control characters -- CR and LF included, so plan text
// can never add a header -- and encoded; addresses are checked and refused when malformed. Bodies
// are UTF-8 in base64 (lines of 76), line ends are CRLF throughout.
//
// Layout of a message:
//   multipart/alternative
//     text/plain; charset=UTF-8
//     text/html; charset=UTF-8
// and of an iMIP message (RFC 6047), which carries exactly one calendar object:
//   multipart/mixed
//     multipart/alternative
//       text/plain; charset=UTF-8
//       text/html; charset=UTF-8
//       text/calendar; charset=UTF-8; method=REQUEST   (the scheduling part)
//     application/ics; name="invite.ics"               (the same object as an attachment)
// One text/calendar part with one METHOD and one UID, because that is what clients act on: RFC
// 6047 2.4 lets a multipart/mixed carry several objects (REQUEST beside CANCEL) and asks receivers
// to process them all, but Gmail and Outlook take one text/calendar part per message; inside one
// object Outlook takes the first UID only and Thunderbird treats a REQUEST for several UIDs as a
// PUBLISH (grommunio/gromox#262); Exchange reads no second VCALENDAR in a stream ([MS-OXCICAL]
// 2.1.3.1.1, note <1>); a CalDAV server files an iTIP message as one resource, and a resource
// holds one UID (RFC 4791 4.1, RFC 6638). So notifiers/mail/planner.hpp sends each invite or
// cancel as a message of its own. The scheduling part sits in the multipart/alternative beside
// its human-readable text (RFC 6047 2.4: "SHOULD be sent with an alternative, human-readable
// form"), as Google Calendar and Exchange send it; the application/ics copy (not text/calendar,
// so no client takes it for a second scheduling part) is there to be opened or imported by hand
// in webmail that does not process iMIP.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace roadmap::mail {

// Thrown for an address that cannot be written into a header safely.
class BadAddress : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Address {
  std::string name;   // display name, any UTF-8 (encoded as needed)
  std::string email;  // addr-spec: local@domain, ASCII, no spaces, controls, <>, quotes, commas
};

// True when `email` is a plain addr-spec we are willing to put into a header and an SMTP envelope.
bool valid_email(std::string_view email);

// Control characters (C0, DEL, and the Unicode line/paragraph separators) become spaces, runs of
// white space one space, ends trimmed; invalid UTF-8 bytes become U+FFFD.
std::string clean_header_text(std::string_view text);

// RFC 2047: `text` (after clean_header_text) as is when it is printable ASCII without "=?", else
// as "=?UTF-8?B?...?=" encoded words of at most 75 characters, split only between whole UTF-8
// characters, joined by CRLF + space (folding). `first_line_used` is the length of "Subject: ".
std::string encode_header_text(std::string_view text, std::size_t first_line_used = 0);

// Decodes encoded words (B and Q, UTF-8 only) and unfolds; for tests and `roadmap outbox show`.
std::string decode_header_text(std::string_view text);

// "=?UTF-8?B?...?= <a@b.ru>" or "a@b.ru" when there is no name. Throws BadAddress.
std::string format_address(const Address& a);

// RFC 5322 date-time in the zone `tz` (IANA; UTC when empty or unknown):
// "Wed, 25 Nov 2026 18:11:33 +0300".
std::string rfc5322_date(std::chrono::sys_seconds t, std::string_view tz);

// "<24 hex digits>@host": from `seed` (what makes the message unique: its outbox key) and host.
std::string make_message_id(std::string_view seed, std::string_view host);

std::string base64(std::string_view data, std::size_t line_length = 76);  // CRLF between lines; 0 = one line
std::string base64_decode(std::string_view text);  // skips white space; for tests

struct CalendarPart {
  std::string method;  // REQUEST, CANCEL, PUBLISH: must equal the object's METHOD (RFC 6047 2.4)
  std::string text;    // the VCALENDAR, CRLF line ends
  std::string filename = "invite.ics";  // of the application/ics copy
};

struct Message {
  Address from, to;
  std::string subject;
  std::chrono::sys_seconds date{};
  std::string date_zone;   // the zone the Date header is written in (the sender's)
  std::string message_id;  // without angle brackets
  std::string text, html;  // text/plain and text/html bodies (UTF-8)
  std::optional<CalendarPart> calendar;  // at most one per message: see the layout above
  std::string boundary_seed;  // makes boundaries deterministic for a message (its key)
};

// The whole message, headers and body, CRLF line ends. Throws BadAddress.
std::string render(const Message& m);

// HTML-escapes & < > " ' for the HTML part.
std::string html_escape(std::string_view text);

}  // namespace roadmap::mail
