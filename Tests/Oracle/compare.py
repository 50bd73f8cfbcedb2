#!/usr/bin/env python3
"""Compares what Gongshi wrote in PUBLIC_DIR/data/*.json with what the contract oracle expects.

    compare.py CONTENT_DIR PUBLIC_DIR [--as-of YYYY-MM-DD] [--key-order] [--csv] [--limit N]

Numbers are compared as exact decimals (93 == 93.0 == 93.00); everything else exactly:
strings, booleans, null against an absent key, the keys of every object and the order of
every list. --key-order also compares the order of keys in objects. --csv also compares
data/rankings-<period>.csv (`category,rank,unit,name,total,<component ids...>,change`) with
the JSON the oracle expects. Prints every difference with its JSON path; exit 1 when there
is any, 2 when the oracle cannot read the content or a file is not JSON.
"""

import argparse
import csv
import io
import json
import os
import sys
from decimal import Decimal, InvalidOperation

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import contract  # noqa: E402

MISSING = object()


def is_number(v):
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def show(v):
    if v is MISSING:
        return "(absent)"
    text = contract.dumps(v).replace("\n", "")
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:157] + "..."


def label(item):
    """A readable name for a list element, so paths say which unit or row they are about."""
    if isinstance(item, dict):
        for key in ("id", "unit", "path", "period"):
            if isinstance(item.get(key), str):
                return "%s=%s" % (key, item[key])
    return None


class Differ:
    def __init__(self, key_order=False):
        self.key_order = key_order
        self.differences = []

    def add(self, path, message):
        self.differences.append("%s: %s" % (path, message))

    def compare(self, path, want, got):
        if is_number(want) and is_number(got):
            if Decimal(want) != Decimal(got):
                self.add(path, "expected %s, gongshi wrote %s" % (show(want), show(got)))
            return
        if isinstance(want, dict) and isinstance(got, dict):
            for key in want:
                if key not in got:
                    self.add("%s.%s" % (path, key), "expected %s, gongshi left the key out" % show(want[key]))
            for key in got:
                if key not in want:
                    self.add("%s.%s" % (path, key), "not expected, gongshi wrote %s" % show(got[key]))
            for key in want:
                if key in got:
                    self.compare("%s.%s" % (path, key), want[key], got[key])
            if self.key_order:
                common_want = [k for k in want if k in got]
                common_got = [k for k in got if k in want]
                if common_want != common_got:
                    self.add(path, "key order: expected %s, gongshi wrote %s" % (common_want, common_got))
            return
        if isinstance(want, list) and isinstance(got, list):
            self.compare_lists(path, want, got)
            return
        if type(want) is not type(got) or want != got:
            if not (isinstance(want, bool) and isinstance(got, bool) and want == got):
                self.add(path, "expected %s, gongshi wrote %s" % (show(want), show(got)))

    def compare_lists(self, path, want, got):
        want_labels = [label(x) for x in want]
        got_labels = [label(x) for x in got]
        keyed = (want or got) and all(want_labels) and all(got_labels) \
            and len(set(want_labels)) == len(want_labels) and len(set(got_labels)) == len(got_labels)
        if keyed:
            missing = [l for l in want_labels if l not in got_labels]
            extra = [l for l in got_labels if l not in want_labels]
            for l in missing:
                self.add("%s[%s]" % (path, l), "expected %s, gongshi left it out" % show(want[want_labels.index(l)]))
            for l in extra:
                self.add("%s[%s]" % (path, l), "not expected, gongshi wrote %s" % show(got[got_labels.index(l)]))
            common_want = [l for l in want_labels if l in got_labels]
            common_got = [l for l in got_labels if l in want_labels]
            if common_want != common_got:
                self.add(path, "order: expected %s, gongshi wrote %s" % (", ".join(common_want), ", ".join(common_got)))
            for i, l in enumerate(want_labels):
                if l in got_labels:
                    j = got_labels.index(l)
                    self.compare("%s[%d %s]" % (path, i, l), want[i], got[j])
            return
        if len(want) != len(got):
            self.add(path, "expected %d elements, gongshi wrote %d" % (len(want), len(got)))
        for i in range(min(len(want), len(got))):
            self.compare("%s[%d]" % (path, i), want[i], got[i])
        for i in range(len(got), len(want)):
            self.add("%s[%d]" % (path, i), "expected %s, gongshi left it out" % show(want[i]))
        for i in range(len(want), len(got)):
            self.add("%s[%d]" % (path, i), "not expected, gongshi wrote %s" % show(got[i]))


def load_json(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), parse_float=Decimal, parse_int=int)


def number_cell(text):
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def compare_csv(differ, name, want, path, component_ids):
    text = open(path, "rb").read().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = ["category", "rank", "unit", "name", "total"] + component_ids + ["change"]
    if not rows or rows[0] != header:
        differ.add(name + "[header]", "expected %s, gongshi wrote %s" % (",".join(header), ",".join(rows[0]) if rows else "nothing"))
        return
    expected_rows = []
    for category in want["categories"]:
        for row in category["rows"]:
            expected_rows.append([category["id"], row["rank"], row["unit"], row["name"], row["total"]]
                                 + [row["scores"][c] for c in component_ids] + [row["change"]])
    got_rows = rows[1:]
    if len(expected_rows) != len(got_rows):
        differ.add(name, "expected %d rows, gongshi wrote %d" % (len(expected_rows), len(got_rows)))
    for i, (w, g) in enumerate(zip(expected_rows, got_rows)):
        for column, wv, gv in zip(header, w, g):
            where = "%s[row %d].%s" % (name, i + 1, column)
            if wv is None:
                if gv != "":
                    differ.add(where, "expected an empty cell, gongshi wrote %r" % gv)
            elif is_number(wv):
                if number_cell(gv) != Decimal(wv):
                    differ.add(where, "expected %s, gongshi wrote %r" % (wv, gv))
            else:
                cell = gv[1:] if gv[:1] == "'" and wv[:1] in "=+-@" else gv
                if cell != wv:
                    differ.add(where, "expected %r, gongshi wrote %r" % (wv, gv))


def run(content, public, as_of=None, key_order=False, with_csv=False):
    """The list of differences (strings)."""
    files = contract.expected(content, as_of)
    differ = Differ(key_order)
    data = os.path.join(public, "data")
    written = sorted(n for n in os.listdir(data) if n.endswith(".json")) if os.path.isdir(data) else []
    for name in files:
        if name not in written:
            differ.add(name, "expected the file, gongshi did not write it")
    for name in written:
        if name not in files:
            differ.add(name, "gongshi wrote a file the contract does not describe")
    for name, want in files.items():
        if name in written:
            differ.compare(name, want, load_json(os.path.join(data, name)))
    if with_csv:
        site = contract.Site(content, as_of)
        component_ids = [c["id"] for c in site.components]
        for name, want in files.items():
            if name.startswith("rankings-"):
                csv_name = name[:-5] + ".csv"
                path = os.path.join(data, csv_name)
                if not os.path.exists(path):
                    differ.add(csv_name, "expected the file, gongshi did not write it")
                else:
                    compare_csv(differ, csv_name, want, path, component_ids)
    return differ.differences


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content")
    parser.add_argument("public")
    parser.add_argument("--as-of")
    parser.add_argument("--key-order", action="store_true", help="also compare the order of keys in objects")
    parser.add_argument("--csv", action="store_true", help="also compare data/rankings-<period>.csv")
    parser.add_argument("--limit", type=int, default=0, help="print at most N differences (0: all)")
    args = parser.parse_args(argv)
    try:
        differences = run(args.content, args.public, args.as_of, args.key_order, args.csv)
    except (contract.ContractError, KeyError, OSError, ValueError) as error:
        print("compare.py: cannot compare: %s: %s" % (type(error).__name__, error), file=sys.stderr)
        return 2
    shown = differences if not args.limit else differences[:args.limit]
    for line in shown:
        print(line)
    if len(shown) < len(differences):
        print("... and %d more" % (len(differences) - len(shown)))
    if differences:
        print("%d difference(s) between gongshi and the contract oracle" % len(differences), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
