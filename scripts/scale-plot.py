#!/usr/bin/env python3
"""Draws docs/scale.svg from the CSV that `scripts/bench --scale` writes (no libraries needed).

    python3 scripts/scale-plot.py docs/scale.csv docs/scale.svg

Two log-log panels against the number of reports: time (cold build, the disk floor, the
one-report rebuild, median) and peak memory of a cold build. Each has a dashed line of
slope 1 through its first point: a measure that stays on or under it grows like the
content (or slower); one that climbs above it grows faster.
"""
import csv, math, sys
from html import escape

src, dst = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(src)))


def num(v):
    return float(v) if v not in ("", None) else None


xs = [float(r["reports"]) for r in rows]
series_time = [
    ("cold build", "#1f5fa8", [num(r["cold_s"]) for r in rows], ""),
    ("disk floor (C: mkdir/open/write/close)", "#6b6b6b", [num(r["floor_s"]) for r in rows], ""),
    ("one-report rebuild, median", "#b5452a", [num(r["rebuild_median_s"]) for r in rows], ""),
]
series_mem = [("peak memory, cold build", "#2d7a3a", [num(r["peak_mib"]) for r in rows], "")]

W, H = 900, 430
PW, PH = 330, 270  # plot area of one panel
ML, MT = 80, 60


def decades(lo, hi):
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    if a == b:
        b += 1
    return a, b


def label(v):
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def panel(x0, title, unit, series):
    values = [v for _, _, ys, _ in series for v in ys if v]
    if not values:
        return []
    ya, yb = decades(min(values), max(values) * 1.01)
    xa, xb = decades(min(xs), max(xs))
    X = lambda x: x0 + (math.log10(x) - xa) / (xb - xa) * PW
    Y = lambda y: MT + PH - (math.log10(y) - ya) / (yb - ya) * PH
    out = [f'<text x="{x0 + PW / 2}" y="{MT - 28}" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
           f'<rect x="{x0}" y="{MT}" width="{PW}" height="{PH}" fill="none" stroke="#444"/>']
    for d in range(xa, xb + 1):
        for m in (1, 2, 5):
            v = m * 10 ** d
            if not (10 ** xa <= v <= 10 ** xb):
                continue
            out.append(f'<line x1="{X(v):.1f}" y1="{MT}" x2="{X(v):.1f}" y2="{MT + PH}" stroke="#ddd"/>')
            out.append(f'<text x="{X(v):.1f}" y="{MT + PH + 16}" text-anchor="middle" font-size="11">{label(v)}</text>')
    for d in range(ya, yb + 1):
        for m in (1, 2, 5):
            v = m * 10 ** d
            if not (10 ** ya <= v <= 10 ** yb):
                continue
            out.append(f'<line x1="{x0}" y1="{Y(v):.1f}" x2="{x0 + PW}" y2="{Y(v):.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{x0 - 6}" y="{Y(v) + 4:.1f}" text-anchor="end" font-size="11">{label(v)}</text>')
    out.append(f'<text x="{x0 + PW / 2}" y="{MT + PH + 36}" text-anchor="middle" font-size="12">reports (log)</text>')
    out.append(f'<text x="{x0 - 52}" y="{MT + PH / 2}" text-anchor="middle" font-size="12" '
               f'transform="rotate(-90 {x0 - 52} {MT + PH / 2})">{escape(unit)} (log)</text>')
    # Slope 1 through the first point of the first series: grows like the content.
    first = next(((x, y) for x, y in zip(xs, series[0][2]) if y), None)
    if first:
        x1, y1 = first
        x2 = 10 ** xb
        y2 = y1 * x2 / x1
        if y2 > 10 ** yb:
            y2, x2 = 10 ** yb, x1 * 10 ** yb / y1
        out.append(f'<line x1="{X(x1):.1f}" y1="{Y(y1):.1f}" x2="{X(x2):.1f}" y2="{Y(y2):.1f}" '
                   f'stroke="#999" stroke-dasharray="6 4"/>')
    legend_y = MT + PH + 58
    for i, (name, colour, ys, _) in enumerate(series + [("slope 1: grows like the content", "#999", [], "")]):
        ly = legend_y + 16 * i
        dash = ' stroke-dasharray="6 4"' if not ys else ""
        out.append(f'<line x1="{x0}" y1="{ly - 4}" x2="{x0 + 24}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"{dash}/>')
        if ys:
            out.append(f'<circle cx="{x0 + 12}" cy="{ly - 4}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{x0 + 30}" y="{ly}" font-size="12">{escape(name)}</text>')
        pts = [(X(x), Y(y)) for x, y in zip(xs, ys) if y]
        if pts:
            out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                       + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
            out.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.5" fill="{colour}"/>' for a, b in pts)
    return out


parts = panel(ML, "Time against reports", "seconds", series_time) + \
        panel(ML + PW + 130, "Peak memory against reports", "MiB", series_mem)
svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H + 70}" viewBox="0 0 {W} {H + 70}" '
       f'font-family="sans-serif" font-size="13">\n<title>Gongshi at scale: time and memory against reports</title>\n'
       f'<rect width="100%" height="100%" fill="#fff"/>\n' + "\n".join(parts) + "\n</svg>\n")
open(dst, "w").write(svg)
