#!/usr/bin/env python3
"""Writes a random but valid content folder that exercises the revision-2 contract.

    r2corpus.py --out DIR --seed N [--units 40] [--reports 300]

The same seed always writes the same folder. site.yaml carries `as_of`, so a build and
the oracle agree on the day without being told. What varies with the seed (variant = seed % 5):

  variant 0: per: year with a target, two deductions components (deductions.csv in GB18030),
             duty with long-form events and max 100
  variant 1: no assessment component (assessments.csv has just period,unit), duty max above base,
             an empty category, volunteer.csv with a BOM and CRLF, sheet columns in another order
  variant 2: per: period with a target, duty base 90 and max 95 (praise is clipped), the as-of date
             inside the period before the last (which has a roster already), duty.csv in GB18030
  variant 3: no duty component (duty.csv absent), `volunteer: {per: year}` without a target,
             an empty category, nobody assessed in the second period (the third has no change)
  variant 4: the short form `volunteer_points_target`, duty events all in the short form,
             no roster yet for the last period

Every variant has an assessments roster with units that are not active, units with histories
(suspended then restored, revoked, entries after the as-of date, two entries on one day, one on
a period's last day, one on the as-of date), volunteer rows with some missing (未报送), units
without staff or community, ties and near ties (0.01 apart before rounding) in totals on purpose,
duty rows after the as-of date and outside every period, deductions with several rows per item
and scores kept at 0, reports with figures (drafts, reports after the as-of date, bundles, equal
dates), notices (public periods, ranking blocks with top and bottom, rectification blocks), and
rectification plans with slips, groups, evidence and a review. Some unit and report files have a
BOM and CRLF line ends.

--without leaves a feature out, to look at everything else with a Gongshi that lacks it.
"""

import argparse
import datetime
import json
import os
import random
import shutil
from decimal import Decimal

D = datetime.date


def q(text):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def num(d):
    """A decimal in plain digits (never 1E+1)."""
    return format(Decimal(d).normalize(), "f")


def day(d):
    return d.isoformat()


def rand_day(rng, start, end):
    return D.fromordinal(rng.randint(start.toordinal(), end.toordinal()))


def csv_cell(text):
    text = str(text)
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write(root, rel, text, form=None):
    """form: None (UTF-8, LF), "bom-crlf" (a BOM and CRLF line ends), "gb18030" (what Chinese Excel writes)."""
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if form == "bom-crlf":
        data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    elif form == "gb18030":
        data = text.replace("\n", "\r\n").encode("gb18030")
    else:
        data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def sheet(header, order, rows):
    """CSV text with the columns in `order` (the contract: columns may come in any order)."""
    lines = [",".join(order)]
    for row in rows:
        cells = dict(zip(header, row))
        lines.append(",".join(csv_cell(cells[h]) for h in order))
    return "\n".join(lines) + "\n"


DEPARTMENTS = ["财政局", "税务局", "公路局", "民政局", "司法局", "教育局", "卫健委", "城管局", "农业银行", "建设银行",
               "供电公司", "电信分公司", "人民检察院", "公积金中心", "自然资源局", "统计局", "审计局", "水利局", "气象局",
               "住建局", "交通局", "商务局", "文旅局", "体育局", "医保局", "人社局", "生态环境局", "应急局", "市场监管局",
               "信访局", "档案馆", "图书馆", "博物馆", "烟草公司", "邮政分公司", "移动分公司", "联通分公司", "工商银行",
               "中国银行", "人民医院", "中医院", "妇幼保健院", "职业学院", "第一中学", "第二中学", "实验小学"]
SYLLABLES = ["cai", "shui", "gong", "lu", "min", "zheng", "si", "fa", "jiao", "yu", "wei", "jian", "cheng", "guan",
             "nong", "ye", "dian", "xin", "tong", "ji", "shen", "ren", "yi", "yuan", "xue", "ke", "a", "b"]
COMMUNITIES = ["湖北社区", "湖南社区", "馨苑社区", "李太屯社区", "单光屯社区", "站前社区", "古楼社区", "柳园社区",
               "新区社区", "花园社区"]
ROADS = ["东昌路", "柳园路", "花园路", "建设路", "光岳路", "兴华路", "昌润路", "卫育路", "湖南路", "振兴路"]
GROUPS = ["组织领导", "帮包社区", "帮包路口", "志愿服务", "宣传教育", "负面清单"]
NOTES = ["", "", "", "全天无人到岗", "迟到15分钟", "主动劝导行人, 秩序良好", "站位不规范", "冒雨坚持执勤", '被群众称为"好帮手"']


class Corpus:
    def __init__(self, seed, units, reports, without=()):
        self.without = set(without)
        self.rng = random.Random(seed)
        self.seed = seed
        self.variant = seed % 5
        self.n_units = units
        self.n_reports = reports
        self.files = {}
        self.forms = {}  # file -> how it is written (see `write`)

    # ------------------------------------------------------------------ site.yaml

    def design(self):
        rng, v = self.rng, self.variant
        y = 2017 + rng.randint(0, 2)
        self.year = y
        layout = rng.choice(["halves", "three", "quarters"]) if v != 0 else "halves"
        if layout == "halves":
            periods = [("%d-h1" % y, "%d年年中考核" % y, D(y, 1, 1), D(y, 6, 30)),
                       ("%d-h2" % y, "%d年年终考核" % y, D(y, 7, 1), D(y, 12, 31)),
                       ("%d-h1" % (y + 1), "%d年年中考核" % (y + 1), D(y + 1, 1, 1), D(y + 1, 6, 30)),
                       ("%d-h2" % (y + 1), "%d年年终考核" % (y + 1), D(y + 1, 7, 1), D(y + 1, 12, 31))]
        elif layout == "three":
            periods = [("%d-h2" % y, "%d年下半年考核" % y, D(y, 7, 1), D(y, 12, 31)),
                       ("%d-h1" % (y + 1), "%d年上半年考核" % (y + 1), D(y + 1, 1, 1), D(y + 1, 6, 30)),
                       ("%d-h2" % (y + 1), "%d年下半年考核" % (y + 1), D(y + 1, 7, 1), D(y + 1, 12, 31))]
        else:  # quarters with a gap (duty rows in the gap belong to no period)
            periods = [("%d-h2" % y, "%d年下半年考核" % y, D(y, 7, 1), D(y, 12, 31)),
                       ("%d-q1" % (y + 1), "%d年一季度考核" % (y + 1), D(y + 1, 1, 1), D(y + 1, 3, 31)),
                       ("%d-q2" % (y + 1), "%d年二季度考核" % (y + 1), D(y + 1, 4, 1), D(y + 1, 6, 25)),
                       ("%d-h2" % (y + 1), "%d年下半年考核" % (y + 1), D(y + 1, 7, 1), D(y + 1, 12, 31))]
        self.periods = [{"id": p[0], "name": p[1], "start": p[2], "end": p[3]} for p in periods]
        # The as-of date: inside the last period (it has rows but has not ended), or on its last day.
        last = self.periods[-1]
        if v == 2:
            # Inside the period before the last: the last one has not started, yet it has a roster already
            # (ranked by the status on the as-of date) and some volunteer rows.
            before = self.periods[-2]
            self.as_of = rand_day(rng, before["start"] + datetime.timedelta(days=20), before["end"] - datetime.timedelta(days=10))
        elif rng.random() < 0.7:
            self.as_of = rand_day(rng, last["start"] + datetime.timedelta(days=20), last["end"] - datetime.timedelta(days=10))
        else:
            self.as_of = last["end"]

        self.categories = [("national", "现有全国文明单位"), ("provincial", "省级文明单位"), ("municipal", "市级文明单位")]
        if rng.random() < 0.6:
            self.categories.insert(2, ("provincial-new", "新申报省级文明单位"))
        self.empty_category = ("national-new", "新申报全国文明单位") if v in (1, 3) else None

        # Components.
        comps = []
        n_assessment = 0 if v == 1 else rng.choice([1, 2])
        weights = rng.choice([["30", "30", "40", "20"], ["1", "1", "1", "1"], ["25.5", "30", "44.5", "10"], ["2", "3", "2", "1"]])
        w = iter(weights)
        if n_assessment >= 1:
            comps.append({"id": "community", "name": "帮包社区", "weight": next(w), "source": "assessment"})
        self.has_duty = v != 3
        if self.has_duty:
            base = rng.choice(["100", "90", "100"])
            if v == 2:
                # max below base + positives, so clipping happens (Gongshi refuses max below base: see the report)
                base, maximum = "90", "95"
            elif v == 1:
                maximum = "105"
            elif v == 0:
                maximum = "100"
            else:
                maximum = rng.choice([None, "100", "98"]) if base == "90" else rng.choice([None, "100"])
            long_events = [("absent", "缺勤", "-5"), ("late", "迟到早退", "-3"), ("careless", "工作不认真", "-2"),
                           ("diligent", "工作认真负责", "2"), ("praised", "受到群众表扬", "3.5")]
            comps.append({"id": "intersection", "name": "帮包路口", "weight": next(w), "source": "duty", "base": base,
                          "max": maximum, "events": long_events})
        if n_assessment >= 2:
            comps.append({"id": "criteria", "name": "考核细则", "weight": next(w), "source": "assessment"})
        if "deductions" not in self.without:
            comps.append({"id": "xize", "name": "测评细则", "weight": next(w), "source": "deductions"})
        if v == 0 and "deductions" not in self.without:
            comps.append({"id": "fumian", "name": "负面清单", "weight": "5", "source": "deductions"})
        self.components = comps

        # Volunteer standings.
        if v == 2:
            self.volunteer = ("period", Decimal(750))
        elif v == 3:
            self.volunteer = ("year", None)
        elif v == 4:
            self.volunteer = ("short", Decimal(1500))
        else:
            self.volunteer = ("year", Decimal(1500))

    def site_yaml(self):
        rng = self.rng
        if self.empty_category:  # a category no unit is in: its tables are empty
            self.categories.insert(1, self.empty_category)
        lines = ["title: 聊城市文明单位创建公示（测试语料 %d）" % self.seed, "base_url: https://wenming.example.org/",
                 "language: zh-CN", "as_of: %s" % day(self.as_of), "categories:"]
        for cid, name in self.categories:
            lines.append("  - {id: %s, name: %s}" % (cid, name))
        lines.append("periods:")
        for p in self.periods:
            lines.append("  - {id: %s, name: %s, start: %s, end: %s}" % (p["id"], p["name"], day(p["start"]), day(p["end"])))
        lines += ["activity_kinds:",
                  "  donation:  {name: 捐赠, figures: {amount_yuan: 金额（元）, items: 物品（件）}}",
                  "  signboard: {name: 宣传牌匾, figures: {count: 数量（块）, cost_yuan: 投入（元）}}",
                  "  lecture:   {name: 讲座, figures: {attendees: 参加人数}}",
                  "  volunteer: {name: 志愿服务, figures: {participants: 参加人数, hours: 服务时长（小时）}}",
                  "scoring:", "  components:"]
        for c in self.components:
            if c["source"] == "duty":
                lines += ["    - id: %s" % c["id"], "      name: %s" % c["name"], "      weight: %s" % c["weight"],
                          "      source: duty", "      base: %s" % c["base"]]
                if c["max"] is not None and "duty-r2" not in self.without:
                    lines.append("      max: %s" % c["max"])
                lines.append("      events:")
                short_all = self.variant == 4 or "duty-r2" in self.without
                for i, (eid, name, points) in enumerate(c["events"]):
                    if short_all or (i == 2 and rng.random() < 0.5):
                        lines.append("        %s: %s" % (eid, points))  # the short form, shown by its id
                    else:
                        lines.append("        %s: {name: %s, points: %s}" % (eid, name, points))
            else:
                lines.append("    - {id: %s, name: %s, weight: %s, source: %s}" % (c["id"], c["name"], c["weight"], c["source"]))
        per, target = self.volunteer
        if per == "short":
            lines.append("  volunteer_points_target: %s" % target)
        else:
            lines.append("  volunteer:")
            if target is not None:
                lines.append("    target: %s" % target)
            lines.append("    per: %s" % per)
        if rng.random() < 0.7:
            lines += ["supervision:", "  phone: 0635-8241234", "  email: wmb@example.org",
                      "  address: 聊城市东昌府区东昌路1号 市文明办", "  hours: 工作日 8:30-17:30"]
        if rng.random() < 0.5:
            lines += ["slips:", "  white:  {name: 白色提醒单, meaning: 交办督促}", "  yellow: {name: 黄色警示单, meaning: 警示提醒}",
                      "  red:    {name: 红色责任单, meaning: 移交问责}"]
        self.files["site.yaml"] = "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ units

    def make_units(self):
        rng = self.rng
        ids, names = set(), set()
        self.units = []
        while len(self.units) < self.n_units:
            uid = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
            r = rng.random()
            if r < 0.2:
                uid += "-" + str(rng.randint(1, 12))
            elif r < 0.3:
                uid += str(rng.randint(1, 12))
            if uid in ids:
                continue
            name = "聊城市" + rng.choice(DEPARTMENTS)
            if name in names:
                name += "第%d分局" % len(self.units)
            ids.add(uid)
            names.add(name)
            unit = {"id": uid, "name": name, "category": rng.choice(self.categories)[0],
                    "community": rng.choice(COMMUNITIES) if rng.random() < 0.9 else None,
                    "intersection": "%s与%s路口" % tuple(rng.sample(ROADS, 2)),
                    "staff": None if rng.random() < 0.1 else rng.choice([20, 24, 37, 50, 64, 88, 120, 124, 182, 230, 301]),
                    "status": None, "history": []}
            self.units.append(unit)
        # Ties by id order matter: make sure a few ids differ only by '-' against a digit.
        self.units[0]["id"], self.units[1]["id"] = "jian-2", "jian10"
        self.units[1]["category"] = self.units[0]["category"]
        self.by_id = {u["id"]: u for u in self.units}
        self.notices = {}  # path -> (date, title)

    def status_on(self, unit, d):
        status = unit["status"] or "active"
        for h in unit["history"]:
            if h["date"] <= d:
                status = h["status"]
        return status

    def notice_for(self, d, slug, title):
        path = "%d/%s" % (d.year, slug)
        self.notices[path] = (d, title)
        return path

    def make_histories(self):
        rng = self.rng
        first, last = self.periods[0], self.periods[-1]
        shuffled = self.units[2:]
        rng.shuffle(shuffled)
        k = 0

        def take(n):
            nonlocal k
            chosen = shuffled[k:k + n]
            k += n
            return chosen

        # Suspended during the second period, restored in the third.
        for u in take(4):
            s = rand_day(rng, self.periods[1]["start"], self.periods[1]["end"])
            r = rand_day(rng, self.periods[2]["start"], max(self.periods[2]["start"], min(self.periods[2]["end"], self.as_of)))
            u["history"] = [
                {"date": first["start"] - datetime.timedelta(days=rng.randint(200, 900)), "status": "active", "decision": "认定",
                 "note": "获评文明单位"},
                {"date": s, "status": "suspended", "decision": "暂停", "note": "复查中创建资料不齐全",
                 "notice": self.notice_for(s, "zanting-%s" % u["id"], "关于暂停%s文明单位称号的通报" % u["name"])},
                {"date": r, "status": "active", "decision": "恢复",
                 "notice": self.notice_for(r, "huifu-%s" % u["id"], "关于恢复%s文明单位称号的通报" % u["name"])}]
        # Revoked.
        for u in take(2):
            s = rand_day(rng, self.periods[0]["start"], self.periods[2]["end"])
            u["history"] = [{"date": s, "status": "revoked", "decision": "撤销",
                             "notice": self.notice_for(s, "chexiao-%s" % u["id"], "关于撤销%s文明单位称号的决定" % u["name"])}]
        # Suspended exactly on a period's end (not ranked there), restored the next day.
        for u in take(1):
            e = self.periods[0]["end"]
            u["history"] = [{"date": e, "status": "suspended", "decision": "黄牌警告"},
                            {"date": e + datetime.timedelta(days=1), "status": "active", "decision": "恢复", "note": "整改到位"}]
        # Entries after the as-of date: not shown, and do not change the current status.
        for u in take(2):
            later = self.as_of + datetime.timedelta(days=rng.randint(1, 40))
            u["history"] = [{"date": first["start"] - datetime.timedelta(days=30), "status": "active", "decision": "保留"},
                            {"date": later, "status": rng.choice(["suspended", "revoked"]), "decision": "自动终止",
                             "notice": self.notice_for(later, "zhongzhi-%s" % u["id"], "关于%s称号自动终止的公示" % u["name"])}]
        # Suspended on the as-of date itself.
        for u in take(1):
            u["history"] = [{"date": self.as_of, "status": "suspended", "decision": "暂停", "note": "当日暂停"}]
        # Two entries on one day: the later one written wins.
        for u in take(1):
            d = rand_day(rng, self.periods[1]["start"], self.periods[1]["end"])
            u["history"] = [{"date": d, "status": "suspended", "decision": "暂停"},
                            {"date": d, "status": "active", "decision": "恢复", "note": "同日复核后恢复"}]
        # A status field without a history, and one overridden by a history.
        for u in take(1):
            u["status"] = "suspended"
        for u in take(1):
            u["status"] = "revoked"
            u["history"] = [{"date": self.periods[1]["start"], "status": "active", "decision": "恢复"}]

    def write_units(self):
        for u in self.units:
            lines = ["---", "name: %s" % q(u["name"]), "short_name: %s" % q(u["name"].replace("聊城市", "市")),
                     "category: %s" % u["category"], "intersection: %s" % u["intersection"]]
            if u["community"]:
                lines.append("community: %s" % u["community"])
            if u["staff"] is not None:
                lines.append("staff: %d" % u["staff"])
            if u["status"]:
                lines.append("status: %s" % u["status"])
            if u["history"]:
                lines.append("history:")
                for h in u["history"]:
                    parts = ["date: %s" % day(h["date"]), "status: %s" % h["status"], "decision: %s" % h["decision"]]
                    if h.get("note"):
                        parts.append("note: %s" % q(h["note"]))
                    if h.get("notice"):
                        parts.append("notice: %s" % h["notice"])
                    lines.append("  - {%s}" % ", ".join(parts))
            lines += ["---", "%s是本市文明单位创建单位之一。" % u["name"], ""]
            self.files["units/%s.md" % u["id"]] = "\n".join(lines)

    # ------------------------------------------------------------------ sheets

    def score_text(self):
        rng = self.rng
        whole = rng.randint(70, 99)
        form = rng.random()
        if form < 0.01:
            return rng.choice(["100", "100.0"])
        if form < 0.25:
            return str(whole)
        if form < 0.5:
            return "%d.0" % whole
        if form < 0.85:
            return "%d.%d" % (whole, rng.choice([5, 5, 2, 8]))
        return "%d.%02d" % (whole, rng.randint(1, 99))

    def make_catalogues(self):
        rng = self.rng
        self.catalogues = {}
        for c in self.components:
            if c["source"] != "deductions":
                continue
            items = []
            if c["id"] == "xize":
                full = rng.choice([None, "100", "60"])
                for g, group in enumerate(GROUPS[:5], start=1):
                    for i in range(1, rng.randint(2, 4) + 1):
                        items.append({"id": "%d.%d" % (g, i), "group": group,
                                      "name": "%s第%d项要求落实到位" % (group, i), "points": rng.choice(["2", "3", "5", "2.5", "10"])})
                items.append({"id": "N1", "group": "负面清单", "name": "发生严重违法违纪事件", "points": "60"})
            else:
                full = "20"
                for i in range(1, 4):
                    items.append({"id": "F%d" % i, "group": "负面清单", "name": "负面清单第%d项" % i, "points": "20"})
            self.catalogues[c["id"]] = (full, items)
            lines = []
            if full is not None:
                lines.append("full: %s" % full)
            lines.append("items:")
            for it in items:
                lines.append("  - {id: %s, group: %s, name: %s, points: %s}" % (q(it["id"]), it["group"], q(it["name"]), it["points"]))
            self.files["data/%s.yaml" % c["id"]] = "\n".join(lines) + "\n"

    def make_sheets(self):
        rng = self.rng
        assessment_ids = [c["id"] for c in self.components if c["source"] == "assessment"]
        duty = next((c for c in self.components if c["source"] == "duty"), None)
        assessments, duty_rows, deduction_rows, volunteer_rows = [], [], [], []
        for pi, p in enumerate(self.periods):
            # Who is on the roster: most units; the last period (not ended) only some of them.
            roster = [u for u in self.units if rng.random() < (0.93 if pi < len(self.periods) - 1 else 0.7)]
            if (self.variant == 3 and pi == 1) or (self.variant == 4 and pi == len(self.periods) - 1):
                roster = []
            # A few that are not active on the period's end (or as-of) still have a row.
            profiles = {}
            for u in roster:
                profiles[u["id"]] = {
                    "scores": {cid: self.score_text() for cid in assessment_ids},
                    "events": [rng.choice(duty["events"])[0] for _ in range(rng.choice([0, 0, 1, 2, 3, 5]))] if duty else [],
                    "lost": self.random_losses(),
                }
            # Ties on purpose: pairs in the same category get the same profile.
            by_category = {}
            for u in roster:
                by_category.setdefault(u["category"], []).append(u)
            for cid, members in by_category.items():
                rng.shuffle(members)
                for a, b in zip(members[0:4:2], members[1:4:2]):
                    profiles[b["id"]] = json.loads(json.dumps(profiles[a["id"]]))
                if len(members) >= 6 and assessment_ids:
                    a, b = members[4], members[5]
                    near = json.loads(json.dumps(profiles[a["id"]]))
                    cid = assessment_ids[-1]
                    value = Decimal(near["scores"][cid])
                    near["scores"][cid] = num(value + Decimal("0.01") if value < 99 else value - Decimal("0.01"))
                    profiles[b["id"]] = near
            if "jian-2" in profiles and "jian10" in profiles:
                profiles["jian10"] = json.loads(json.dumps(profiles["jian-2"]))
            for u in roster:
                prof = profiles[u["id"]]
                assessments.append([p["id"], u["id"]] + [prof["scores"][cid] for cid in assessment_ids])
                for event in prof["events"]:
                    duty_rows.append((rand_day(rng, p["start"], p["end"]), u["id"], event, rng.choice(NOTES)))
                for comp_id, rows in prof["lost"].items():
                    for item, points, note in rows:
                        deduction_rows.append((p["id"], u["id"], item, points, note))
            # Duty rows of units not on the roster (suspended ones keep their duty log).
            if duty:
                for u in rng.sample(self.units, 3):
                    if u not in roster:
                        duty_rows.append((rand_day(rng, p["start"], p["end"]), u["id"], rng.choice(duty["events"])[0], ""))
                # Clipping: a run of praise for one unit, a run of absences for another.
                lucky, unlucky = rng.sample(roster if len(roster) >= 2 else self.units, 2)
                for _ in range(4):
                    duty_rows.append((rand_day(rng, p["start"], p["end"]), lucky["id"], "diligent", "连续工作认真负责"))
                for _ in range(rng.choice([3, 25])):
                    duty_rows.append((rand_day(rng, p["start"], p["end"]), unlucky["id"], "absent", ""))
            # Deductions of a unit not on the roster.
            outsiders = [u for u in self.units if u not in roster]
            if outsiders:
                u = rng.choice(outsiders)
                for comp_id, rows in self.random_losses(at_least_one=True).items():
                    for item, points, note in rows:
                        deduction_rows.append((p["id"], u["id"], item, points, note))
            # Volunteer points: most units; some missing (未报送); the last period only if it ended or by chance.
            ended = p["end"] <= self.as_of
            for u in self.units:
                if rng.random() < (0.88 if ended else 0.4):
                    staff = u["staff"] or 50
                    per_head = rng.choice([600, 700, 750, 749.96, 760, 800, 900]) if rng.random() < 0.8 else rng.randint(300, 1000)
                    points = int(round(Decimal(str(per_head)) * staff))
                    if rng.random() < 0.05:
                        points = num(Decimal(points) + Decimal("0.5"))  # half points exist
                    volunteer_rows.append((p["id"], u["id"], points))
        if duty:
            # A row dated in no period (before the first): not counted.
            duty_rows.append((self.periods[0]["start"] - datetime.timedelta(days=3), self.units[2]["id"], "absent", "考核期外"))
            if self.periods[2]["end"] + datetime.timedelta(days=1) < self.periods[3]["start"] if len(self.periods) > 3 else False:
                duty_rows.append((self.periods[2]["end"] + datetime.timedelta(days=2), self.units[3]["id"], "late", "两期之间"))
        # One unit with a year exactly on the line after rounding (29999 / 20 = 1499.95 -> 1500.0).
        twenty = next((u for u in self.units if u["staff"] == 20), None)
        if twenty and self.volunteer[0] != "period":
            year_periods = [p for p in self.periods if p["end"].year == self.periods[-1]["end"].year - 1]
            volunteer_rows = [r for r in volunteer_rows if not (r[1] == twenty["id"] and r[0] in [p["id"] for p in year_periods])]
            share = 29999 // len(year_periods)
            for i, p in enumerate(year_periods):
                volunteer_rows.append((p["id"], twenty["id"], share if i else 29999 - share * (len(year_periods) - 1)))

        duty_rows.sort(key=lambda r: (r[0], r[1]))
        header = ["period", "unit"] + assessment_ids
        if rng.random() < 0.5:  # columns in any order
            header = ["unit", "period"] + assessment_ids[::-1]
        lines = [",".join(header)]
        for row in assessments:
            cells = dict(zip(["period", "unit"] + assessment_ids, row))
            lines.append(",".join(cells[h] for h in header))
        self.files["data/assessments.csv"] = "\n".join(lines) + "\n"
        shuffle = self.variant in (1, 2, 4)
        if duty:
            header = ["date", "unit", "event", "note"]
            self.files["data/duty.csv"] = sheet(header, ["event", "date", "note", "unit"] if shuffle else header,
                                                [(day(d), u, e, n) for d, u, e, n in duty_rows])
            if self.variant == 2:
                self.forms["data/duty.csv"] = "gb18030"
        header = ["period", "unit", "points"]
        self.files["data/volunteer.csv"] = sheet(header, ["points", "unit", "period"] if shuffle else header, volunteer_rows)
        if self.variant == 1:
            self.forms["data/volunteer.csv"] = "bom-crlf"
        if self.catalogues:
            header = ["period", "unit", "item", "points", "note"]
            self.files["data/deductions.csv"] = sheet(header, ["unit", "period", "points", "item", "note"] if shuffle else header,
                                                      deduction_rows)
            if self.variant in (0, 4):
                self.forms["data/deductions.csv"] = "gb18030"
        for rel in self.files:
            if rel.startswith("units/") and rng.random() < 0.1:
                self.forms[rel] = "bom-crlf"
        self.assessments = assessments

    def random_losses(self, at_least_one=False):
        """component id -> [(item, points, note)], several rows per item sometimes, within the item's points."""
        rng = self.rng
        result = {}
        for comp_id, (full, items) in self.catalogues.items():
            rows = []
            n = rng.choice([0, 0, 1, 2, 3]) if not at_least_one else rng.choice([1, 2])
            for it in rng.sample(items, min(n, len(items))):
                most = Decimal(it["points"])
                if it["id"] in ("N1",) and rng.random() < 0.7:
                    continue
                if rng.random() < 0.35 and most >= 2:
                    # several rows for one item, summing to at most its points
                    first = most / 2
                    rows.append((it["id"], num(first), "第一次检查"))
                    rows.append((it["id"], num(rng.choice([Decimal("0.5"), Decimal(1), first])), "第二次检查"))
                else:
                    rows.append((it["id"], num(rng.choice([Decimal("0.5"), Decimal(1), most])),
                                 rng.choice(["台账不全", "", "现场检查发现问题, 已反馈", "未按要求公示"])))
            if rows:
                result[comp_id] = rows
        return result

    # ------------------------------------------------------------------ reports

    def make_reports(self):
        rng = self.rng
        kinds = {"donation": ["amount_yuan", "items"], "signboard": ["count", "cost_yuan"],
                 "lecture": ["attendees"], "volunteer": ["participants", "hours"]}
        start = self.periods[0]["start"]
        end = self.as_of + datetime.timedelta(days=60)
        self.reports = []
        used = set()
        for i in range(self.n_reports):
            u = rng.choice(self.units)
            kind = rng.choice(list(kinds))
            d = rand_day(rng, start, end) if rng.random() < 0.85 else rand_day(rng, self.as_of - datetime.timedelta(days=30), self.as_of)
            if i % 17 == 0:
                d = self.as_of
            slug = "%s-%s-%d" % (u["id"], kind, i)
            r = rng.random()
            folder = "%d/%02d" % (d.year, d.month) if r < 0.9 else "%d" % d.year if r < 0.97 else ""
            path = "%s/%s" % (folder, slug) if folder else slug
            if path in used:
                continue
            used.add(path)
            figures = {}
            for f in kinds[kind]:
                if rng.random() < 0.85:
                    value = rng.randint(0, 5000) if f in ("amount_yuan", "cost_yuan") else rng.randint(1, 300)
                    if f == "hours" and rng.random() < 0.3:
                        value = "%d.5" % rng.randint(1, 200)
                    if f == "amount_yuan" and rng.random() < 0.1:
                        value = "%d.%02d" % (rng.randint(100000, 99999999), rng.randint(0, 99))
                    figures[f] = value
            draft = rng.random() < 0.08
            community = rng.choice(COMMUNITIES) if rng.random() < 0.15 else None
            bundle = rng.random() < 0.05
            title = "%s开展%s活动（第%d期）" % (u["name"], {"donation": "捐赠", "signboard": "宣传牌匾", "lecture": "讲座",
                                                       "volunteer": "志愿服务"}[kind], i)
            if i % 23 == 0:
                title += " & <共建> “文明”"
            lines = ["---", "title: %s" % q(title), "unit: %s" % u["id"], "date: %s" % day(d), "kind: %s" % kind]
            if figures:
                lines.append("figures:")
                for f, value in figures.items():
                    lines.append("  %s: %s" % (f, value))
            if community:
                lines.append("community: %s" % community)
            if rng.random() < 0.3:
                lines.append("tags: [志愿服务, 帮包社区]")
            if draft:
                lines.append("draft: true")
            lines += ["---", "%s于%d年%d月%d日组织开展活动。" % (u["name"], d.year, d.month, d.day), ""]
            rel = "reports/%s/index.md" % path if bundle else "reports/%s.md" % path
            self.files[rel] = "\n".join(lines)
            if rng.random() < 0.05:
                self.forms[rel] = "bom-crlf"
            self.reports.append({"path": path, "date": d, "draft": draft, "unit": u["id"]})

    # ------------------------------------------------------------------ plans and notices

    def make_plans(self):
        rng = self.rng
        published = [r for r in self.reports if not r["draft"] and r["date"] <= self.as_of]
        planned = rng.sample(self.units, 6)
        self.planned = [u["id"] for u in planned]
        for u in planned:
            s = self.as_of - datetime.timedelta(days=rng.randint(60, 200))
            lines = ["title: %s" % q("%s文明单位创建反馈意见整改方案" % u["name"]), "stages:",
                     "  - {name: 安排部署阶段, start: %s, end: %s}" % (day(s), day(s + datetime.timedelta(days=20))),
                     "  - {name: 全面整改阶段, start: %s, end: %s}" % (day(s + datetime.timedelta(days=21)), day(s + datetime.timedelta(days=150))),
                     "items:"]
            for i in range(1, rng.randint(2, 7) + 1):
                deadline = s + datetime.timedelta(days=rng.randint(10, 200))
                status = rng.choice(["todo", "doing", "done", "done", None])
                lines += ["  - id: %d" % i, "    problem: %s" % q("第%d个问题：创建资料不齐全" % i),
                          "    measures: |", "      逐条逐项对照测评体系，完善相关台账资料。",
                          "    leaders: [阮建文, 高明新]", "    department: 办公室", "    deadline: %s" % day(deadline)]
                if rng.random() < 0.3:
                    lines.append("    ongoing: true")
                if status:
                    lines.append("    status: %s" % status)
                if status == "done":
                    lines.append("    done_on: %s" % day(min(self.as_of, deadline + datetime.timedelta(days=rng.randint(-20, 20)))))
                if rng.random() < 0.6:
                    lines.append("    group: %s" % rng.choice(["创建基础工作", "帮包社区", "帮包路口", "志愿服务"]))
                slip = None
                if rng.random() < 0.5:
                    colours = sorted(rng.sample(["white", "yellow", "red"], rng.randint(1, 3)),
                                     key=["white", "yellow", "red"].index)
                    d = s
                    lines.append("    slips:")
                    for c in colours:
                        d = d + datetime.timedelta(days=rng.randint(0, 30))
                        note = ", note: 资料未按期报送" if rng.random() < 0.5 else ""
                        lines.append("      - {date: %s, color: %s%s}" % (day(d), c, note))
                    slip = colours[-1] if rng.random() < 0.7 else None
                elif rng.random() < 0.3:
                    slip = rng.choice(["white", "yellow", "red"])
                if slip:
                    lines.append("    slip: %s" % slip)
                mine = [r for r in published if r["unit"] == u["id"]] or published
                if mine and rng.random() < 0.5:
                    lines.append("    evidence: [%s]" % ", ".join(r["path"] for r in rng.sample(mine, min(2, len(mine)))))
            if rng.random() < 0.5:
                applied = self.as_of - datetime.timedelta(days=20)
                decided = self.as_of - datetime.timedelta(days=5)
                notice = self.notice_for(decided, "fuping-%s" % u["id"], "关于%s复评结果的通报" % u["name"])
                lines += ["review:", "  applied_on: %s" % day(applied), "  date: %s" % day(decided), "  result: 通过",
                          "  notice: %s" % notice]
            self.files["rectification/%s.yaml" % u["id"]] = "\n".join(lines) + "\n"

    def make_notices(self):
        rng = self.rng
        ended = [p for p in self.periods if p["end"] <= self.as_of]
        for path, (d, title) in sorted(self.notices.items()):
            lines = ["---", "title: %s" % q(title), "date: %s" % day(d), "issuer: 聊城市精神文明建设委员会办公室",
                     "doc_number: %s" % q("聊文明办〔%d〕%d号" % (d.year, rng.randint(1, 60))), "kind: 通报", "---",
                     "经研究，决定如下。", ""]
            self.files["notices/%s.md" % path] = "\n".join(lines)
        # Ranking notices with top and bottom blocks, a public notice, a rectification notice.
        for p in ended:
            d = p["end"] + datetime.timedelta(days=10)
            if d > self.as_of:
                continue
            cat = rng.choice(self.categories)[0]
            lines = ["---", "title: %s" % q("关于%s结果的通报" % p["name"]), "date: %s" % day(d),
                     "issuer: 聊城市精神文明建设委员会办公室", "period: %s" % p["id"], "cc: [市委办公室, 市政府办公室]"]
            if rng.random() < 0.6:
                start = d + datetime.timedelta(days=1)
                lines.append("public_period: {start: %s, end: %s}" % (day(start), day(start + datetime.timedelta(days=6))))
                if rng.random() < 0.5:
                    lines.append("supervision: {phone: 0635-8888888, email: jiandu@example.org}")
            lines += ["---", "现将考核结果通报如下。", "", "```ranking", "top: 5", "```", "",
                      "红黑榜：", "", "```ranking", "category: %s" % cat,
                      "top: 3" if "bottom" in self.without else "bottom: 3", "```", ""]
            if self.planned:
                lines += ["```rectification", "unit: %s" % rng.choice(self.planned), "```", ""]
            self.files["notices/%d/kaohe-%s.md" % (d.year, p["id"])] = "\n".join(lines)
        # A draft notice (not published) and one dated after the as-of date (a warning).
        self.files["notices/%d/caogao.md" % self.as_of.year] = "\n".join(
            ["---", "title: 草稿通知", "date: %s" % day(self.as_of), "issuer: 市文明办", "draft: true", "---", "草稿。", ""])
        later = self.as_of + datetime.timedelta(days=3)
        self.files["notices/%d/jijiang-fabu.md" % later.year] = "\n".join(
            ["---", "title: 即将发布的通知", "date: %s" % day(later), "issuer: 市文明办", "kind: 通知", "---", "待发布。", ""])

    # ------------------------------------------------------------------ all

    def generate(self):
        self.design()
        self.make_units()
        self.make_histories()
        self.site_yaml()
        self.write_units()
        self.make_catalogues()
        self.make_sheets()
        self.make_reports()
        self.make_plans()
        self.make_notices()
        return self.files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--without", action="append", default=[], choices=["deductions", "duty-r2", "bottom"],
                        help="leave a revision-2 feature out (to look at the rest with a Gongshi that lacks it): "
                             "deductions = no deductions component, catalogue or sheet; "
                             "duty-r2 = duty events in the short form only and no max; "
                             "bottom = ranking blocks with `top` only")
    args = parser.parse_args(argv)
    if args.units < 20:
        parser.error("--units must be at least 20 (the histories alone use 16 units)")
    corpus = Corpus(args.seed, args.units, args.reports, args.without)
    files = corpus.generate()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    for rel, text in sorted(files.items()):
        write(args.out, rel, text, corpus.forms.get(rel))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
