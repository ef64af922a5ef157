// Parses an .ics file with ical.js (the iCalendar parser of Thunderbird) and prints what a client
// sees as JSON: every VEVENT / VTODO with its dates (and the end of the term, X-ROADMAP-DEADLINE,
// as ical.js resolves its TZID through the file's VTIMEZONE), and for each VTIMEZONE the UTC time
// of given local wall times (argv: FILE [TZID=YYYY-MM-DDTHH:MM:SS ...]).
// Usage: node parse_ics.mjs FILE.ics [Europe/Moscow=2012-07-01T12:00:00 ...]
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [file, ...probes] = process.argv.slice(2);
const text = readFileSync(file, "utf8");
const root = new ICAL.Component(ICAL.parse(text));
const out = { method: root.getFirstPropertyValue("method"), events: [], todos: [], timezones: {}, probes: [] };

for (const vtz of root.getAllSubcomponents("vtimezone")) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz, tz.tzid);
  out.timezones[tz.tzid] = vtz.getAllSubcomponents().length;
}

const dateOf = (t) => (t ? { value: t.toString(), isDate: t.isDate, zone: t.zone ? t.zone.tzid : null,
                             utc: t.isDate ? null : t.toUnixTime() } : null);

for (const v of root.getAllSubcomponents("vevent")) {
  const e = new ICAL.Event(v);
  out.events.push({
    uid: e.uid, sequence: e.sequence, summary: e.summary, description: e.description,
    status: v.getFirstPropertyValue("status"), start: dateOf(e.startDate), end: dateOf(e.endDate),
    organizer: e.organizer, attendees: e.attendees.map((a) => ({ value: a.getFirstValue(), cn: a.getParameter("cn") })),
    alarms: v.getAllSubcomponents("valarm").length,
    deadline: dateOf(v.getFirstPropertyValue("x-roadmap-deadline")),
  });
}
for (const v of root.getAllSubcomponents("vtodo")) {
  out.todos.push({
    uid: v.getFirstPropertyValue("uid"), status: v.getFirstPropertyValue("status"),
    due: dateOf(v.getFirstPropertyValue("due")), start: dateOf(v.getFirstPropertyValue("dtstart")),
  });
}
for (const probe of probes) {
  const [tzid, local] = probe.split("=");
  const zone = ICAL.TimezoneService.get(tzid);
  if (!zone) { out.probes.push({ tzid, local, error: "no such VTIMEZONE" }); continue; }
  const t = ICAL.Time.fromDateTimeString(local);
  t.zone = zone;
  out.probes.push({ tzid, local, utc: t.toUnixTime(), offset: zone.utcOffset(t) });
}
process.stdout.write(JSON.stringify(out));
