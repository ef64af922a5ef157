#!/usr/bin/env python3
"""Writes a synthetic region for the scheduler benchmark (issue 4): one organisation directory with
N schools, one assessment-event calendar, and the five seed plans carried over two school years.

    make_region.py OUT_DIR [--schools 1000]

OUT_DIR/directory.yaml  every body the seed plans declare (their ids and aliases, merged with the
                        examples' bodies so `part_of` classes keep their members), N invented schools
                        (school-0001 "МБОУ СОШ №1" ...) in a few time zones, every named group of the
                        examples with ~10% of the schools (some with dated membership), invented people
                        (example.ru addresses): two per body, one per school.
OUT_DIR/events.yaml     the union of the examples' kinds, events and named schedules, for every school
                        year the generated plans cover.
OUT_DIR/plans/*.yaml    the seed plans verbatim, except `directory:` / `event_calendar:` (repointed
                        here) and the period (two school years; see `widen_period`).

Deterministic: the same input files give byte-identical output.
"""
import argparse
import copy
import datetime as dt
import os
import re
import sys

import yaml

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PLANS_DIR = os.path.join(ROOT, "plans")
TIMEZONES = ["Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Vladivostok"]


def name_key(s):
    """The directory's look-up key (plans/README.md, "Names and look-ups")."""
    s = str(s).lower().replace("ё", "е")
    for q in "«»“”„":
        s = s.replace(q, '"')
    for d in "–—":
        s = s.replace(d, "-")
    return "".join(ch for ch in s if not ch.isspace())


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def seed_files():
    return sorted(os.path.join(PLANS_DIR, f) for f in os.listdir(PLANS_DIR)
                  if re.match(r"^\d{3}-.*\.yaml$", f))


class Namespace:
    """Entries that share one namespace: a new entry whose names meet an existing one is merged
    into it (its other names become aliases), so no name is given to two entries."""

    def __init__(self):
        self.entries = []
        self.owner = {}  # name_key -> index

    @staticmethod
    def names(e):
        out = [e["id"]]
        for f in ("short_name", "name"):
            if e.get(f):
                out.append(e[f])
        out += e.get("aliases", [])
        return out

    def add(self, e, reserved=()):
        hits = [self.owner[name_key(n)] for n in self.names(e) if name_key(n) in self.owner]
        if hits:
            target = self.entries[hits[0]]
            for n in self.names(e):
                k = name_key(n)
                if k not in self.owner and k not in reserved:
                    target.setdefault("aliases", []).append(n)
                    self.owner[k] = hits[0]
            for f in ("part_of",):
                for p in e.get(f, []):
                    if p not in target.setdefault(f, []):
                        target[f].append(p)
            return target
        e = copy.deepcopy(e)
        keep = []
        for n in e.get("aliases", []):
            k = name_key(n)
            if k not in self.owner and k not in reserved and k not in [name_key(x) for x in keep]:
                keep.append(n)
        if "aliases" in e:
            e["aliases"] = keep
        idx = len(self.entries)
        self.entries.append(e)
        for n in self.names(e):
            self.owner.setdefault(name_key(n), idx)
        return e


def build_directory(seeds, n_schools):
    bodies = Namespace()
    example_school_names = {}  # name_key -> example school (for schedule targets)
    for seed in seeds:
        ex = load_yaml(seed["directory_path"])
        for b in ex.get("bodies", []):
            b = {k: v for k, v in b.items() if k in ("id", "short_name", "name", "kind", "aliases", "part_of")}
            bodies.add(b)
        for s in ex.get("schools", []):
            for n in Namespace.names(s):
                example_school_names.setdefault(name_key(n), s)
    for seed in seeds:  # the plans' own spellings
        for b in seed["plan"].get("bodies", []):
            e = {k: v for k, v in b.items() if k in ("id", "name", "kind", "aliases")}
            bodies.add(e)

    body_list = bodies.entries
    for b in body_list:
        b.setdefault("aliases", [])
        if not b["aliases"]:
            del b["aliases"]

    classes = {name_key(p) for b in body_list for p in b.get("part_of", [])}
    authorities = [b["id"] for b in body_list
                   if b["kind"] == "authority" and name_key(b["id"]) not in classes and not b.get("part_of")
                   and b["id"] != "ОИВ"]
    authorities += [b["id"] for b in body_list if b["kind"] == "authority" and b.get("part_of")]

    # people: two per body that is not a class, one per school
    people = []
    for i, b in enumerate(body_list):
        if b["kind"] in ("schools", "school_unit", "school_group") or name_key(b["id"]) in classes:
            continue
        head = f"body{i + 1:02d}-head"
        people.append({"id": head, "name": f"Руководитель {i + 1} Органа Управления",
                       "email": f"body{i + 1:02d}.head@example.ru", "role": "head", "body": b["id"]})
        people.append({"id": f"body{i + 1:02d}-exec", "name": f"Исполнитель {i + 1} Органа Управления",
                       "email": f"body{i + 1:02d}.exec@example.ru",
                       "role": "coordinator" if i == 0 else "executor", "body": b["id"]})
        b["head"] = head

    schools = []
    for i in range(1, n_schools + 1):
        sid = f"school-{i:04d}"
        pid = f"director-{i:04d}"
        schools.append({
            "id": sid,
            "short_name": f"МБОУ СОШ №{i}",
            "name": f"муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа №{i}»",
            "body": authorities[(i - 1) % len(authorities)],
            "director": pid,
            "timezone": TIMEZONES[(i - 1) % len(TIMEZONES)],
        })
        people.append({"id": pid, "name": f"Директор Школы {i}", "email": f"school{i:04d}@example.ru",
                       "role": "head", "school": sid})

    # groups: every named group of the examples (merged by name), ~10% of the schools each
    groups = Namespace()
    reserved = set(bodies.owner) | {name_key(n) for s in schools for n in Namespace.names(s)}
    for seed in seeds:
        ex = load_yaml(seed["directory_path"])
        for g in ex.get("groups", []):
            if name_key(g["id"]) in reserved:
                g = dict(g, id=f"{g['id']}-{seed['directory_id']}")
            groups.add({k: v for k, v in g.items() if k in ("id", "name", "aliases")}, reserved)
    boundaries = ["2020-03-01", "2021-09-01", "2022-02-01", "2023-09-01", "2024-01-15"]
    for gi, g in enumerate(groups.entries):
        members = []
        for i in range(1, n_schools + 1):
            if (i * 7 + gi * 3) % 10 != 0:
                continue
            short = f"МБОУ СОШ №{i}"
            m = len(members)
            if m % 5 == 1:  # left the group at a boundary
                b = boundaries[(gi + m // 5) % len(boundaries)]
                end = (dt.date.fromisoformat(b) - dt.timedelta(days=1)).isoformat()
                members.append({"school": short, "to": end, "note": "исключена из списка"})
            elif m % 5 == 3:  # joined it
                members.append({"school": short, "from": boundaries[(gi + m // 5) % len(boundaries)],
                                "note": "включена в список"})
            else:
                members.append(short)
        g["members"] = members
        if not g.get("aliases"):
            g.pop("aliases", None)

    directory = {
        "format": 1,
        "directory": {"id": f"region-{n_schools}", "title": f"Синтетический регион: {n_schools} школ",
                      "territory": "синтетический регион (для замеров)", "timezone": "Europe/Moscow"},
        "bodies": body_list,
        "schools": schools,
        "groups": groups.entries,
        "people": people,
    }
    return directory, example_school_names, reserved


def school_years_of(period):
    """School-year starts a period [from, to] touches."""
    a, b = period
    first = a.year if a.month >= 9 else a.year - 1
    last = b.year if b.month >= 9 else b.year - 1
    return list(range(first, last + 1))


def shift_date(s, years):
    d = dt.date.fromisoformat(str(s))
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).isoformat()


def shift_event(e, years):
    e = copy.deepcopy(e)
    for f in ("date", "from", "to"):
        if f in e:
            e[f] = shift_date(e[f], years)
    if "dates" in e:
        e["dates"] = [shift_date(x, years) for x in e["dates"]]
    return e


def event_identity(e):
    return repr(sorted((k, str(v)) for k, v in e.items() if k != "note"))


def build_events(seeds, years_needed, example_school_names, schools):
    kinds, years, schedules = Namespace(), {}, Namespace()
    for seed in seeds:
        ex = load_yaml(seed["events_path"])
        for k in ex.get("kinds", []):
            kinds.add(k)
        for y in ex.get("years", []):
            start = int(str(y["school_year"]).split("-")[0])
            years.setdefault(start, [])
            seen = {event_identity(e) for e in years[start]}
            for e in y.get("events", []):
                if event_identity(e) not in seen:
                    seen.add(event_identity(e))
                    years[start].append(e)
        for s in ex.get("schedules", []):
            entries = s.get("entries", [])
            merged = schedules.add({k: v for k, v in s.items() if k != "entries"})
            merged.setdefault("entries", []).extend(copy.deepcopy(entries))

    # a school year no example describes: the nearest one described, moved by whole years
    have = sorted(years)
    out_years = []
    for y in sorted(set(years_needed) | set(have)):
        if y in years:
            events = years[y]
        else:
            src = min(have, key=lambda h: (abs(h - y), h))
            events = [shift_event(e, y - src) for e in years[src]]
        out_years.append({"school_year": f"{y}-{y + 1}", "events": events})

    # schedules: targets become region schools (an example school -> the region's school of the same
    # position), every entry repeated a year later so the second school year has entries too
    school_map = {}
    for s in schedules.entries:
        entries = []
        for e in s["entries"]:
            t = e.get("target")
            if t is not None and name_key(t) in example_school_names:
                ex = example_school_names[name_key(t)]
                idx = school_map.setdefault(id(ex), len(school_map))
                e = dict(e, target=schools[idx % len(schools)]["short_name"])
            entries.append(e)
        seen, doubled = set(), []
        for e in entries + [shift_event(e, 1) for e in entries]:
            if event_identity(e) not in seen:
                seen.add(event_identity(e))
                doubled.append(e)
        s["entries"] = sorted(doubled, key=lambda e: str(e.get("date", e.get("from"))))

    cal = {"format": 1,
           "calendar": {"id": "region-events", "title": "Календарь оценочных процедур синтетического региона",
                        "territory": "синтетический регион (для замеров)"}}
    if kinds.entries:
        cal["kinds"] = kinds.entries
    cal["years"] = out_years
    cal["schedules"] = schedules.entries
    return cal


def widen_period(text, plan):
    """The plan's period over two years: `school_year: A-B` becomes `years: [A, B]` (the school year
    and the months around it); `years: [Y]` becomes `[Y, Y+1]`; two or more years are kept."""
    period = plan["plan"]["period"]
    if "school_year" in period:
        # Not `from: A-09-01` / `to: (A+2)-08-31`: the scheduler reads explicit bounds as the calendar
        # years they touch, so "июнь-август" would fall in June 2019, before the period (an error).
        a = int(str(period["school_year"]).split("-")[0])
        new, n = re.subn(r"(?m)^(\s+)school_year:\s*\S+[^\n]*$",
                         lambda m: f"{m.group(1)}years: [{a}, {a + 1}]", text, count=1)
        assert n == 1, "school_year line not found"
        return new, (dt.date(a, 1, 1), dt.date(a + 1, 12, 31))
    if "years" in period:
        ys = [int(y) for y in period["years"]]
        if len(ys) < 2:
            ys = ys + [ys[-1] + 1]
            new, n = re.subn(r"(?m)^(\s+)years:[^\n]*$", lambda m: f"{m.group(1)}years: [{', '.join(map(str, ys))}]",
                             text, count=1)
            assert n == 1, "years line not found"
            text = new
        return text, (dt.date(min(ys), 1, 1), dt.date(max(ys), 12, 31))
    a, b = dt.date.fromisoformat(str(period["from"])), dt.date.fromisoformat(str(period["to"]))
    if (b - a).days < 700:
        b2 = b.replace(year=b.year + 1)
        text = re.sub(r"(?m)^(\s+)to:\s*" + re.escape(str(period["to"])), lambda m: f"{m.group(1)}to: {b2}", text, count=1)
        b = b2
    return text, (a, b)


def repoint(text, key, path):
    new, n = re.subn(r"(?m)^(\s+)" + key + r":[^\n]*$", lambda m: f"{m.group(1)}{key}: {path}", text, count=1)
    assert n == 1, f"{key} line not found"
    return new


def dump(path, data, header):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False, width=200, default_flow_style=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--schools", type=int, default=1000)
    args = ap.parse_args()
    if args.schools < 10:
        ap.error("--schools must be at least 10")

    seeds = []
    for path in seed_files():
        plan = load_yaml(path)
        p = plan["plan"]
        base = os.path.dirname(path)
        d = os.path.normpath(os.path.join(base, p["directory"]))
        seeds.append({"path": path, "plan": plan, "directory_path": d,
                      "directory_id": load_yaml(d)["directory"]["id"],
                      "events_path": os.path.normpath(os.path.join(base, p["event_calendar"]))})

    os.makedirs(os.path.join(args.out_dir, "plans"), exist_ok=True)
    directory, example_schools, _ = build_directory(seeds, args.schools)

    years_needed = set()
    for seed in seeds:
        with open(seed["path"], encoding="utf-8") as f:
            text = f.read()
        text, period = widen_period(text, seed["plan"])
        years_needed.update(school_years_of(period))
        text = repoint(text, "directory", "../directory.yaml")
        text = repoint(text, "event_calendar", "../events.yaml")
        with open(os.path.join(args.out_dir, "plans", os.path.basename(seed["path"])), "w", encoding="utf-8") as f:
            f.write(text)

    events = build_events(seeds, years_needed, example_schools, directory["schools"])
    note = "# Generated by bench/region/make_region.py (synthetic region for bench/scheduler_bench); do not edit.\n"
    dump(os.path.join(args.out_dir, "directory.yaml"), directory, note)
    dump(os.path.join(args.out_dir, "events.yaml"), events, note)
    print(f"{args.out_dir}: {args.schools} schools, {len(directory['bodies'])} bodies, "
          f"{len(directory['groups'])} groups, {len(directory['people'])} people, "
          f"school years {min(years_needed)}-{max(years_needed) + 1}, {len(seeds)} plans")


if __name__ == "__main__":
    sys.exit(main())
