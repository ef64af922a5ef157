// The reports as the web builds them (pages and the API share this): a report document over the
// plans and tasks the person may see, and its response in a format.
#pragma once

#include <optional>
#include <string>

#include "reports/document.hpp"
#include "server/app.hpp"

namespace roadmap::web {

// kind: overdue, completion, execution, discipline (nullopt for another); plan_id may be empty
// (every plan of the person's directory); period as `roadmap report --period`. Throws
// reports::Error for a bad period or when the person sees no plan.
std::optional<reports::Document> report_document(const Exchange& x, const std::string& kind, const std::string& plan_id,
                                                 const std::string& period);
// format: csv (a download), json, html (the printable page).
Response report_response(const Exchange& x, const reports::Document& doc, std::string_view format);

}  // namespace roadmap::web
