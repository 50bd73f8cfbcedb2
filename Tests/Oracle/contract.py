#!/usr/bin/env python3
"""An independent reading of the Gongshi content contract (shared/spec/content-format.md, r2).

Written from the contract text (and, where the contract is silent, docs/decisions.md) only,
never from the Swift sources, so that comparing the two finds places where either strays.

    contract.py CONTENT_DIR [--as-of YYYY-MM-DD] [--out DIR]

Without --out it prints {"<file name>": <contents>, ...} as JSON; with --out it writes
DIR/data/rankings-<period>.json, DIR/data/units.json and DIR/data/reports.json.

Only the plain forms of the contract are read (ids, YYYY-MM-DD dates, plain numbers, .csv
sheets); the Chinese names and other date and number forms Gongshi also accepts are not.
Numbers are `decimal.Decimal` throughout, never floats.
"""

import argparse
import csv
import datetime
import decimal
import io
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import yaml

# Plenty of digits: division is the only inexact operation, and it is rounded right after.
decimal.getcontext().prec = 60

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STATUSES = ("active", "suspended", "revoked")


class ContractError(Exception):
    """The content breaks the contract (the oracle does not try to be a checker; it stops)."""


# --------------------------------------------------------------------------- reading

class _Loader(yaml.SafeLoader):
    """SafeLoader with exact numbers (Decimal from the scalar's text) and dates kept as text."""


def _construct_float(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    low = text.lower()
    if low in (".nan", ".inf", "+.inf", "-.inf"):
        raise ContractError("not a plain number: %r" % text)
    return Decimal(text)


def _construct_timestamp(loader, node):
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_text(path):
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text.replace("\r\n", "\n")


def load_yaml(text, where):
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise ContractError("%s: %s" % (where, error))


def front_matter(path):
    text = read_text(path)
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise ContractError("%s: no front matter" % path)
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            meta = load_yaml("\n".join(lines[1:i]), path)
            return meta or {}
    raise ContractError("%s: front matter not closed" % path)


def read_csv(path):
    """Rows of a sheet as dicts, header first row; cells stripped."""
    text = read_text(path)
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return [], []
    header = [h.strip() for h in rows[0]]
    result = []
    for r in rows[1:]:
        r = r + [""] * (len(header) - len(r))
        result.append({h: r[i].strip() for i, h in enumerate(header)})
    return header, result


def as_id(value, what):
    if isinstance(value, bool) or value is None:
        raise ContractError("%s: not an id: %r" % (what, value))
    text = str(value)
    return text


def as_date(value, what):
    text = str(value) if value is not None else ""
    if not DATE_RE.match(text):
        raise ContractError("%s: not a YYYY-MM-DD date: %r" % (what, value))
    datetime.date.fromisoformat(text)  # a day that exists
    return text


def as_number(value, what):
    if isinstance(value, bool) or value is None:
        raise ContractError("%s: not a number: %r" % (what, value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise ContractError("%s: inexact number" % what)
    try:
        return Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ContractError("%s: not a number: %r" % (what, value))


def half_up(value, places):
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- the content

class Site:
    def __init__(self, content, as_of=None):
        self.content = content
        cfg = load_yaml(read_text(os.path.join(content, "site.yaml")), "site.yaml") or {}
        self.cfg = cfg
        if as_of is None:
            as_of = cfg.get("as_of")
        self.as_of = as_date(as_of, "as_of") if as_of is not None else datetime.date.today().isoformat()

        self.categories = [(as_id(c["id"], "category"), c["name"]) for c in cfg.get("categories") or []]
        self.periods = []
        for p in cfg.get("periods") or []:
            self.periods.append({"id": as_id(p["id"], "period"), "name": p["name"],
                                 "start": as_date(p["start"], "period start"), "end": as_date(p["end"], "period end")})
        self.kinds = []  # (id, [figure ids])
        for kid, kind in (cfg.get("activity_kinds") or {}).items():
            figures = [as_id(f, "figure") for f in ((kind or {}).get("figures") or {})]
            self.kinds.append((as_id(kid, "kind"), figures))

        scoring = cfg.get("scoring") or {}
        self.components = []
        for c in scoring.get("components") or []:
            comp = {"id": as_id(c["id"], "component"), "name": c.get("name"), "weight": as_number(c["weight"], "weight"),
                    "source": c["source"]}
            if comp["source"] == "duty":
                comp["base"] = as_number(c.get("base", 100), "base")
                comp["max"] = as_number(c.get("max", 100), "max")
                events = {}
                for eid, ev in (c.get("events") or {}).items():
                    if isinstance(ev, dict):  # (r2) {name, points}
                        events[as_id(eid, "event")] = as_number(ev["points"], "event points")
                    else:  # the short form `absent: -5`
                        events[as_id(eid, "event")] = as_number(ev, "event points")
                comp["events"] = events
            elif comp["source"] not in ("assessment", "deductions"):
                raise ContractError("unknown source %r" % comp["source"])
            self.components.append(comp)

        target = scoring.get("volunteer_points_target")
        per = "period"
        if "volunteer" in scoring:
            vol = scoring.get("volunteer") or {}
            target = vol.get("target")
            per = vol.get("per", "period")
        self.target = as_number(target, "volunteer target") if target is not None else None
        if per not in ("period", "year"):
            raise ContractError("unknown volunteer per %r" % per)
        self.per = per

        self._read_catalogues()
        self._read_units()
        self._read_sheets()
        self._read_reports()
        self._read_plans()

    # ------------------------------------------------------------------ files

    def _read_catalogues(self):
        self.items = {}  # item id -> {component, points, group, name}
        self.full = {}   # component id -> full
        for comp in self.components:
            if comp["source"] != "deductions":
                continue
            path = os.path.join(self.content, "data", comp["id"] + ".yaml")
            cat = load_yaml(read_text(path), path) or {}
            self.full[comp["id"]] = as_number(cat.get("full", 100), "full")
            for item in cat.get("items") or []:
                iid = as_id(item["id"], "item id")
                if iid in self.items:
                    raise ContractError("item id %s in two catalogues" % iid)
                self.items[iid] = {"component": comp["id"], "points": as_number(item["points"], "item points")}

    def _read_units(self):
        self.units = {}
        folder = os.path.join(self.content, "units")
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".md"):
                continue
            uid = name[:-3]
            meta = front_matter(os.path.join(folder, name))
            staff = meta.get("staff")
            history = []
            for h in meta.get("history") or []:
                entry = {"date": as_date(h["date"], uid + " history"), "status": h["status"], "decision": str(h["decision"])}
                if h.get("note") is not None:
                    entry["note"] = str(h["note"])
                if h.get("notice") is not None:
                    entry["notice"] = str(h["notice"])
                if entry["status"] not in STATUSES:
                    raise ContractError("%s: unknown status %r" % (uid, entry["status"]))
                history.append(entry)
            status = meta.get("status", "active")
            if status not in STATUSES:
                raise ContractError("%s: unknown status %r" % (uid, status))
            self.units[uid] = {"id": uid, "name": str(meta["name"]), "category": as_id(meta["category"], "category"),
                               "status": status, "community": meta.get("community"),
                               "staff": as_number(staff, "staff") if staff is not None else None,
                               "history": history}

    def _sheet(self, name):
        path = os.path.join(self.content, "data", name + ".csv")
        if not os.path.exists(path):
            return []
        return read_csv(path)[1]

    def _read_sheets(self):
        self.assessed = {}  # (period, unit) -> {component: score}
        for row in self._sheet("assessments"):
            key = (row["period"], row["unit"])
            if key in self.assessed:
                raise ContractError("two assessments rows for %s" % (key,))
            self.assessed[key] = {c["id"]: as_number(row[c["id"]], "assessment")
                                  for c in self.components if c["source"] == "assessment"}
        self.duty_rows = []  # (period, unit, event)
        for row in self._sheet("duty"):
            day = as_date(row["date"], "duty date")
            period = self.period_of(day)
            if period is None:
                continue  # dated in no period: not counted (decisions.md)
            self.duty_rows.append((period, row["unit"], row["event"]))
        self.volunteer = {}  # (period, unit) -> points
        for row in self._sheet("volunteer"):
            key = (row["period"], row["unit"])
            if key in self.volunteer:
                raise ContractError("two volunteer rows for %s" % (key,))
            self.volunteer[key] = as_number(row["points"], "volunteer points")
        self.lost = {}  # (period, unit, item) -> points
        for row in self._sheet("deductions"):
            key = (row["period"], row["unit"], row["item"])
            if row["item"] not in self.items:
                raise ContractError("unknown item %s" % row["item"])
            self.lost[key] = self.lost.get(key, Decimal(0)) + as_number(row["points"], "deduction points")

    def _read_reports(self):
        self.reports = []
        root = os.path.join(self.content, "reports")
        if not os.path.isdir(root):
            return
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            if "index.md" in files and rel != ".":
                self._add_report(os.path.join(folder, "index.md"), rel)
                continue
            for name in sorted(files):
                if name.endswith(".md"):
                    path = name[:-3] if rel == "." else rel + "/" + name[:-3]
                    self._add_report(os.path.join(folder, name), path)

    def _add_report(self, file, path):
        meta = front_matter(file)
        figures = {}
        for key, value in (meta.get("figures") or {}).items():
            figures[as_id(key, "figure")] = as_number(value, file + " figure")
        unit = as_id(meta["unit"], "report unit")
        community = meta.get("community")
        if community is None and unit in self.units:
            community = self.units[unit]["community"]
        self.reports.append({"path": "reports/" + path + "/", "title": str(meta["title"]), "unit": unit,
                             "date": as_date(meta["date"], file + " date"), "kind": as_id(meta["kind"], "kind"),
                             "community": None if community is None else str(community),
                             "figures": figures, "draft": meta.get("draft") is True})

    def _read_plans(self):
        self.plans = {}
        folder = os.path.join(self.content, "rectification")
        if not os.path.isdir(folder):
            return
        for name in sorted(os.listdir(folder)):
            if name.endswith(".yaml"):
                plan = load_yaml(read_text(os.path.join(folder, name)), name) or {}
                self.plans[name[:-5]] = plan

    # ------------------------------------------------------------------ meaning

    def period_of(self, day):
        for p in self.periods:
            if p["start"] <= day <= p["end"]:
                return p["id"]
        return None

    def status_on(self, uid, day):
        unit = self.units[uid]
        status = unit["status"]
        for entry in unit["history"]:  # oldest first; on one day the later one written wins
            if entry["date"] <= day:
                status = entry["status"]
        return status

    def ranked(self, period, uid):
        if (period["id"], uid) not in self.assessed or uid not in self.units:
            return False
        return self.status_on(uid, min(period["end"], self.as_of)) == "active"

    def duty_component(self):
        for c in self.components:
            if c["source"] == "duty":
                return c
        return None

    def duty_score(self, comp, period, uid):
        total = comp["base"]
        for (p, u, event) in self.duty_rows:
            if p == period and u == uid:
                total += comp["events"][event]
        return min(max(total, Decimal(0)), comp["max"])

    def deductions_lost(self, comp, period, uid):
        """item -> points lost, in the catalogue's order."""
        lost = {}
        for item, info in self.items.items():
            if info["component"] == comp["id"] and (period, uid, item) in self.lost:
                lost[item] = self.lost[(period, uid, item)]
        return lost

    def deductions_score(self, comp, period, uid):
        lost = self.deductions_lost(comp, period, uid)
        return max(self.full[comp["id"]] - sum(lost.values(), Decimal(0)), Decimal(0))

    def scores(self, period, uid):
        result = {}
        for c in self.components:
            if c["source"] == "assessment":
                result[c["id"]] = self.assessed[(period, uid)][c["id"]]
            elif c["source"] == "duty":
                result[c["id"]] = self.duty_score(c, period, uid)
            else:
                result[c["id"]] = self.deductions_score(c, period, uid)
        weights = sum((c["weight"] for c in self.components), Decimal(0))
        weighted = sum((c["weight"] * result[c["id"]] for c in self.components), Decimal(0))
        return result, half_up(weighted / weights, 2)

    # ------------------------------------------------------------------ rankings

    def rankings(self):
        """period id -> the object of data/rankings-<period>.json."""
        out = {}
        previous = None  # category -> unit -> rank
        for period in self.periods:
            ranks = {}
            categories = []
            for cid, cname in self.categories:
                rows = []
                for uid in sorted(self.units):
                    if self.units[uid]["category"] == cid and self.ranked(period, uid):
                        scores, total = self.scores(period["id"], uid)
                        rows.append({"unit": uid, "total": total, "scores": scores})
                rows.sort(key=lambda r: (-r["total"], r["unit"]))
                result = []
                for r in rows:
                    rank = 1 + sum(1 for o in rows if o["total"] > r["total"])
                    ranks.setdefault(cid, {})[r["unit"]] = rank
                    before = (previous or {}).get(cid, {}).get(r["unit"])
                    result.append({"rank": rank, "unit": r["unit"], "name": self.units[r["unit"]]["name"],
                                   "total": r["total"], "scores": r["scores"],
                                   "change": None if before is None else before - rank})
                categories.append({"id": cid, "name": cname, "rows": result})
            out[period["id"]] = {"period": period["id"], "name": period["name"], "categories": categories}
            previous = ranks
        return out

    # ------------------------------------------------------------------ units.json

    def published_reports(self):
        return [r for r in self.reports if not r["draft"] and r["date"] <= self.as_of]

    def per_head(self, points, staff):
        if points is None or staff is None or staff == 0:
            return None
        return half_up(points / staff, 1)

    def target_met(self, per_head):
        if per_head is None or self.target is None:
            return None
        return per_head >= self.target

    def units_json(self):
        published = self.published_reports()
        result = []
        for uid in sorted(self.units):
            unit = self.units[uid]
            obj = {"id": uid, "name": unit["name"], "category": unit["category"],
                   "status": self.status_on(uid, self.as_of)}

            activities = {}
            for kid, figures in self.kinds:
                mine = [r for r in published if r["unit"] == uid and r["kind"] == kid]
                if mine:
                    sums = {f: sum((r["figures"].get(f, Decimal(0)) for r in mine), Decimal(0)) for f in figures}
                    activities[kid] = {"count": len(mine), "figures": sums}
            obj["activities"] = activities

            volunteer = {}
            for p in self.periods:
                points = self.volunteer.get((p["id"], uid))
                if points is None:
                    continue
                per_head = self.per_head(points, unit["staff"])
                volunteer[p["id"]] = {"points": points, "per_head": per_head,
                                      "target_met": self.target_met(per_head) if self.per == "period" else None}
            obj["volunteer"] = volunteer

            plan = self.plans.get(uid)
            if plan is None:
                obj["rectification"] = None
            else:
                items = plan.get("items") or []
                done = sum(1 for i in items if i.get("status", "todo") == "done")
                overdue = sum(1 for i in items if i.get("status", "todo") != "done"
                              and as_date(i["deadline"], "deadline") < self.as_of)
                obj["rectification"] = {"items": len(items), "done": done, "overdue": overdue}

            obj["status_history"] = [dict(e) for e in unit["history"] if e["date"] <= self.as_of]

            duty = {}
            comp = self.duty_component()
            if comp is not None:
                for p in self.periods:
                    mine = [e for (pid, u, e) in self.duty_rows if pid == p["id"] and u == uid]
                    if self.ranked(p, uid) or mine:
                        duty[p["id"]] = {"score": self.duty_score(comp, p["id"], uid),
                                         "events": {e: mine.count(e) for e in comp["events"]}}
            obj["duty"] = duty

            deductions = {}
            for p in self.periods:
                for c in self.components:
                    if c["source"] != "deductions":
                        continue
                    lost = self.deductions_lost(c, p["id"], uid)
                    if self.ranked(p, uid) or lost:
                        deductions.setdefault(p["id"], {})[c["id"]] = {
                            "score": self.deductions_score(c, p["id"], uid), "lost": lost}
            obj["deductions"] = deductions

            if self.per == "year":
                years = {}
                ended = [p for p in self.periods if p["end"] <= self.as_of]
                for year in sorted({p["end"][:4] for p in ended}):
                    of_year = [p for p in self.periods if p["end"][:4] == year]
                    missing = any((p["id"], uid) not in self.volunteer for p in of_year if p["end"] <= self.as_of)
                    if missing:
                        years[year] = {"points": None, "per_head": None, "target_met": None}
                        continue
                    points = sum((self.volunteer.get((p["id"], uid), Decimal(0)) for p in of_year), Decimal(0))
                    per_head = self.per_head(points, unit["staff"])
                    years[year] = {"points": points, "per_head": per_head, "target_met": self.target_met(per_head)}
                obj["volunteer_years"] = years
            result.append(obj)
        return result

    # ------------------------------------------------------------------ reports.json

    def reports_json(self):
        order = {kid: figures for kid, figures in self.kinds}
        rows = sorted(self.published_reports(), key=lambda r: r["path"])
        rows.sort(key=lambda r: r["date"], reverse=True)  # stable: equal dates stay by path
        result = []
        for r in rows:
            figures = {f: r["figures"][f] for f in order.get(r["kind"], []) if f in r["figures"]}
            result.append({"path": r["path"], "title": r["title"], "unit": r["unit"], "date": r["date"],
                           "kind": r["kind"], "community": r["community"], "figures": figures})
        return result


def expected(content, as_of=None):
    """File name under data/ -> the object Gongshi should write there."""
    site = Site(content, as_of)
    files = {}
    for pid, obj in site.rankings().items():
        files["rankings-%s.json" % pid] = obj
    files["units.json"] = site.units_json()
    files["reports.json"] = site.reports_json()
    return files


def dumps(obj, indent=""):
    """JSON text with decimals written digit for digit (json.dumps would go through float)."""
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        inner = indent + " "
        return "{\n" + ",\n".join(inner + json.dumps(str(k), ensure_ascii=False) + ": " + dumps(v, inner)
                                   for k, v in obj.items()) + "\n" + indent + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        inner = indent + " "
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in obj) + "\n" + indent + "]"
    return json.dumps(obj, ensure_ascii=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content")
    parser.add_argument("--as-of")
    parser.add_argument("--out", help="write DIR/data/*.json instead of printing")
    args = parser.parse_args(argv)
    try:
        files = expected(args.content, args.as_of)
    except (ContractError, KeyError, OSError) as error:
        print("contract.py: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 1
    if args.out:
        os.makedirs(os.path.join(args.out, "data"), exist_ok=True)
        for name, obj in files.items():
            with open(os.path.join(args.out, "data", name), "w", encoding="utf-8") as f:
                f.write(dumps(obj) + "\n")
    else:
        print(dumps(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
