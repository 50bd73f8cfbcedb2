#!/usr/bin/env python3
"""Notices printed by Chromium look like GB/T 9704-2012 documents (issue 12, item 4).

    print_notice.py PUBLIC [--only notices/…/index.html ...] [--keep DIR]

Each notice page of a built site is printed with `chromium --headless --print-to-pdf` (no flag
against the browser's own header and footer: the stylesheet must keep them off), then read with
poppler-utils (pdfinfo, pdftotext, pdftoppm):
- every page is A4 (595 x 842 pt, the MediaBox);
- nothing of the site is printed: page 1 starts with the issuer (发文机关标志), no navigation, skip
  link, breadcrumb, footer or browser header/footer text on any page;
- each page carries its number as "— N —" outside the text block (below it), right on odd pages and
  left on even ones;
- the body is on the grid: lines 225/22 mm apart (22 lines in the 225 mm text block) and at most
  28 characters on a line, full lines exactly 156 mm wide (28 characters);
- a red rule as wide as the text block (156 mm) lies between the doc number and the title;
- ranking tables: every page with ranking rows repeats the table header, and no row is split
  between pages (each unit's name is whole on one page).
Also, with print media emulated in the browser: navigation is not displayed, table headers repeat
(thead is a table-header-group), rows avoid breaks, and every chart (svg) is displayed, its fills
and strokes in black and greys.
Prints problems, then "N passed, N failed" (notices). Exit 1 on a failure, 2 when it could not run.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

PT_PER_MM = 72 / 25.4
A4 = (210 * PT_PER_MM, 297 * PT_PER_MM)           # 595.28 x 841.89
LEFT, TOP, RIGHT, BOTTOM = 28, 37, 26, 35          # GB/T 9704 margins, mm
BLOCK_W, BLOCK_H = 156 * PT_PER_MM, 225 * PT_PER_MM
PITCH = BLOCK_H / 22                               # 28.98 pt between body lines
CHAR = BLOCK_W / 28                                # 15.79 pt a character


def run(arguments, **kw):
    return subprocess.run(arguments, capture_output=True, text=True, **kw)


def need(program, package):
    if not shutil.which(program):
        sys.exit(f"{program} is missing: run scripts/install-deps (apt-get install {package})")


def print_pdf(url, pdf):
    """The exact command an inspector or the issue would use."""
    r = run([browser.CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--print-to-pdf={pdf}", url], timeout=180)
    if not os.path.exists(pdf):
        raise RuntimeError(f"chromium printed nothing (exit {r.returncode}): {r.stderr[-500:]}")


def media_boxes(pdf):
    with open(pdf, "rb") as f:
        data = f.read()
    boxes = [tuple(float(x) for x in m.split()) for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)]
    pages = int(re.search(r"Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout).group(1))
    return boxes, pages


def page_texts(pdf, pages):
    return [run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-"]).stdout for p in range(1, pages + 1)]


def raw_texts(pdf, pages):
    return [run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"]).stdout for p in range(1, pages + 1)]


def bbox_lines(pdf, page):
    """[(xMin, yMin, xMax, yMax, text)] of each text line pdftotext finds on a page."""
    out = run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", pdf, "-"]).stdout
    lines = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', out, re.S):
        words = re.findall(r"<word[^>]*>(.*?)</word>", m.group(5), re.S)
        lines.append((*(float(m.group(i)) for i in range(1, 5)), html.unescape("".join(words))))
    return lines


def width_in_characters(text):
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def red_rule(pdf, work):
    """(y in pt, width in pt) of the widest continuous red run on page 1, rendered at 72 dpi."""
    base = os.path.join(work, "page")
    run(["pdftoppm", "-f", "1", "-l", "1", "-r", "72", pdf, base])
    png = [f for f in os.listdir(work) if f.startswith("page") and f.endswith(".ppm")]
    if not png:
        return None
    with open(os.path.join(work, png[0]), "rb") as f:
        data = f.read()
    # P6 PPM: header "P6\nW H\n255\n" then RGB bytes.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(header.group(1)), int(header.group(2))
    pixels = data[header.end():]
    best = (0, 0)
    for y in range(h):
        row, run_length, longest = pixels[y * w * 3:(y + 1) * w * 3], 0, 0
        for x in range(w):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if r > 150 and g < 90 and b < 90:
                run_length += 1
                longest = max(longest, run_length)
            else:
                run_length = 0
        if longest > best[1]:
            best = (y * 297 * PT_PER_MM / h, longest * 210 * PT_PER_MM / w)
    for f in png:
        os.remove(os.path.join(work, f))
    return best


def notice_facts(path):
    """What the notice page's HTML says: issuer, doc number, title, nav labels, ranking rows."""
    with open(path, encoding="utf-8") as f:
        page = f.read()

    def text(pattern):
        m = re.search(pattern, page, re.S)
        return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""

    nav = re.search(r'<nav class="site-nav".*?</nav>', page, re.S)
    labels = [html.unescape(re.sub(r"<[^>]+>", "", a)).strip() for a in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(0), re.S)] if nav else []
    tables = re.findall(r'<table class="ranking">.*?</table>', page, re.S)
    units = []
    for t in tables:
        # The unit's name: not the line of component scores under it (.parts, shown on phones only).
        units += [html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="parts">.*', "", u, flags=re.S))).strip()
                  for u in re.findall(r'<th scope="row" class="unit">(.*?)</th>', t, re.S)]
    first_head = text(r'<table class="ranking">.*?<thead>.*?<th[^>]*>(.*?)</th>')
    return {"issuer": text(r'<p class="doc-issuer">(.*?)</p>'), "number": text(r'<p class="doc-number[^"]*">(.*?)</p>'),
            "title": text(r'<h1 class="doc-title">(.*?)</h1>'), "nav": labels,
            "site": text(r'<a class="site-title"[^>]*>(.*?)</a>'), "units": units, "head": first_head}


def squeeze(s):
    return re.sub(r"\s+", "", s)


def check_notice(public, relative, work):
    problems = []
    facts = notice_facts(os.path.join(public, relative))
    pdf = os.path.join(work, "notice.pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    print_pdf(browser.file_url(public, relative), pdf)
    boxes, pages = media_boxes(pdf)
    if len(boxes) < pages:
        problems.append(f"{pages} pages but {len(boxes)} MediaBoxes")
    for i, box in enumerate(boxes, 1):
        w, h = box[2] - box[0], box[3] - box[1]
        if abs(w - A4[0]) > 2 or abs(h - A4[1]) > 2:
            problems.append(f"page {i} is {w:.1f} x {h:.1f} pt, not A4 (595 x 842)")

    texts, raws = page_texts(pdf, pages), raw_texts(pdf, pages)
    first_lines = [l.strip() for l in texts[0].splitlines() if l.strip()]
    if not first_lines or squeeze(first_lines[0]) != squeeze(facts["issuer"]):
        problems.append(f"page 1 does not start with the issuer {facts['issuer']!r}: {first_lines[:3]}")
    for line in first_lines[:3]:
        for label in facts["nav"] + ([facts["site"]] if facts["site"] else []):
            if label and label in line and label not in facts["issuer"] + facts["number"] + facts["title"]:
                problems.append(f"navigation or site title printed at the top of page 1: {line!r}")
    for i, t in enumerate(texts, 1):
        for line in t.splitlines():
            if sum(1 for label in facts["nav"] if label in line) >= 3:
                problems.append(f"page {i}: the navigation is printed: {line.strip()!r}")
        for chrome in ("跳到正文", "订阅更新", "数据截至", "监督与意见反映", "file://", "通报公告 ›", "通报公告 >"):
            if chrome in t:
                problems.append(f"page {i}: site chrome {chrome!r} is printed")

    block_bottom = A4[1] - BOTTOM * PT_PER_MM
    for page in range(1, pages + 1):
        lines = bbox_lines(pdf, page)
        number = [l for l in lines if squeeze(l[4]) == f"—{page}—"]
        if not number:
            problems.append(f"page {page}: no page number '— {page} —' (lines at the bottom: "
                            f"{[l[4] for l in lines if l[1] > block_bottom - 20]})")
            continue
        x0, y0, x1, y1, _ = number[0]
        middle = (y0 + y1) / 2
        if not block_bottom + 3 * PT_PER_MM <= middle <= block_bottom + 15 * PT_PER_MM:
            problems.append(f"page {page}: the page number is not just below the text block "
                            f"({(middle - block_bottom) / PT_PER_MM:.1f} mm under it)")
        left_edge, right_edge = LEFT * PT_PER_MM, LEFT * PT_PER_MM + BLOCK_W
        if page % 2 == 1 and not (right_edge - 2 * CHAR <= x1 <= right_edge):
            problems.append(f"page {page} (odd): the page number is not at the right (x {x0:.0f}-{x1:.0f} pt)")
        if page % 2 == 0 and not (left_edge <= x0 <= left_edge + 2 * CHAR):
            problems.append(f"page {page} (even): the page number is not at the left (x {x0:.0f}-{x1:.0f} pt)")

    # The grid, read off page 1's body: lines starting at the text block's left edge (or indented
    # two characters) in the body size.
    lines = bbox_lines(pdf, 1)
    left_edge, right_edge = LEFT * PT_PER_MM, LEFT * PT_PER_MM + BLOCK_W
    title_bottom = max((l[3] for l in lines if squeeze(facts["title"]).startswith(squeeze(l[4])) and l[4].strip()), default=0)
    body = [l for l in lines if l[1] >= title_bottom - 5 and l[1] < block_bottom
            and (abs(l[0] - left_edge) < 1.5 or abs(l[0] - left_edge - 2 * CHAR) < 1.5)
            and 35 < l[3] - l[1] < 48]
    full = [l for l in body if abs(l[2] - right_edge) < 2 and abs(l[0] - left_edge) < 1.5]
    if len(body) < 4:
        problems.append(f"page 1: too few body lines to check the grid ({len(body)})")
    else:
        steps = [b[1] - a[1] for a, b in zip(body, body[1:]) if 20 < b[1] - a[1] < 36]
        mean = sum(steps) / len(steps) if steps else 0
        if not steps or abs(mean - PITCH) > 0.4:
            problems.append(f"page 1: body lines are {mean:.2f} pt apart, not {PITCH:.2f} (22 lines in 225 mm)")
        widest = max(width_in_characters(l[4]) for l in body)
        if widest > 28.5:
            problems.append(f"page 1: a body line holds {widest} characters, more than 28")
        for l in full:
            # Lines of full-width characters only: Latin letters and digits have widths of their own.
            if len(l[4]) != 28 or width_in_characters(l[4]) != 28:
                continue
            per_char = (l[2] - l[0]) / 28
            if abs(per_char - CHAR) > 0.2:
                problems.append(f"page 1: characters are {per_char:.2f} pt apart, not {CHAR:.2f} (28 in 156 mm)")
                break
        if not any(width_in_characters(l[4]) >= 27.5 for l in full):
            problems.append("page 1: no body line of 28 characters (the grid holds fewer than 28)")

    rule = red_rule(pdf, work)
    number_line = [l for l in lines if facts["number"] and squeeze(l[4]) == squeeze(facts["number"])]
    title_line = [l for l in lines if l[4].strip() and squeeze(facts["title"]).startswith(squeeze(l[4]))]
    if not rule or rule[1] < BLOCK_W * 0.97:
        problems.append(f"page 1: no red rule as wide as the text block (widest red run {rule[1] / PT_PER_MM if rule else 0:.0f} mm)")
    elif number_line and title_line and not (number_line[0][1] < rule[0] < title_line[0][3]):
        problems.append(f"page 1: the red rule (y {rule[0]:.0f} pt) is not between the doc number and the title")

    if facts["units"]:
        # The text of each column of each page: lines with the same left edge, top to bottom, joined.
        # Body text (at the text block's edge or indented two characters) is left out.
        columns = []
        for page in range(1, pages + 1):
            groups = {}
            for l in sorted(bbox_lines(pdf, page), key=lambda l: l[1]):
                if abs(l[0] - left_edge) < 1.5 or abs(l[0] - left_edge - 2 * CHAR) < 1.5:
                    continue
                groups.setdefault(round(l[0]), []).append(squeeze(l[4]))
            columns.append(["".join(g) for g in groups.values()])
        for unit in facts["units"]:
            if not any(squeeze(unit) in c for page in columns for c in page):
                problems.append(f"ranking row split between pages, or not printed: {unit}")
        for i, page in enumerate(columns, 1):
            if any(squeeze(u) in c for u in facts["units"] for c in page) and facts["head"] not in squeeze(raws[i - 1]):
                problems.append(f"page {i}: ranking rows without the table header ({facts['head']!r})")
    return pages, problems


PRINT_STYLE = """
const out = {shown: [], charts: [], heads: [], rows: []};
for (const e of document.querySelectorAll('.site-header, .site-nav, .site-footer, .skip, .crumbs'))
  if (e.getClientRects().length > 0) out.shown.push(e.className);  // laid out, so printed
for (const t of document.querySelectorAll('thead')) out.heads.push(getComputedStyle(t).display);
for (const r of document.querySelectorAll('tbody tr')) out.rows.push(getComputedStyle(r).breakInside);
// A colour is grey when its red, green and blue are within 16 of each other ("none" and
// transparent count as grey). Charts are vectors in the PDF, so they are checked part by part.
function grey(c) {
  const m = c.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/);
  if (!m) return true;
  if (m[4] !== undefined && Number(m[4]) === 0) return true;
  const v = [m[1], m[2], m[3]].map(Number);
  return Math.max(...v) - Math.min(...v) <= 16;
}
for (const s of document.querySelectorAll('main svg')) {
  const r = s.getBoundingClientRect(), st = getComputedStyle(s);
  const colours = [];
  for (const e of [s, ...s.querySelectorAll('*')]) {
    const c = getComputedStyle(e);
    for (const v of [c.fill, c.stroke]) if (!grey(v) && !colours.includes(v)) colours.push(v);
  }
  out.charts.push({shown: s.getClientRects().length > 0 && st.visibility !== 'hidden' && r.width > 0 && r.height > 0,
                   colours, cls: s.getAttribute('class') || ''});
}
return out;
"""


def check_print_styles(public, pages):
    """Print media emulated in the browser: chrome hidden, table headers repeat, rows whole, charts in greys."""
    problems = []
    driver = browser.start_chrome(794, 1123)
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        for relative in pages:
            driver.get(browser.file_url(public, relative))
            s = driver.execute_script(PRINT_STYLE)
            where = f"{relative} (print)"
            if s["shown"]:
                problems.append(f"{where}: site chrome displayed: {s['shown']}")
            if any(d != "table-header-group" for d in s["heads"]):
                problems.append(f"{where}: a table header does not repeat on each page: {set(s['heads'])}")
            if any(b != "avoid" for b in s["rows"]):
                problems.append(f"{where}: table rows may be split between pages: {set(s['rows'])}")
            for c in s["charts"]:
                if not c["shown"]:
                    problems.append(f"{where}: chart svg.{c['cls']} is not printed")
                if c["colours"]:
                    problems.append(f"{where}: chart svg.{c['cls']} prints in colour: {', '.join(c['colours'])} "
                                    "(give it the grey print palette)")
    finally:
        driver.quit()
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("public")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--keep", help="keep the PDFs in this folder")
    args = parser.parse_args()
    for program, package in (("pdfinfo", "poppler-utils"), ("pdftotext", "poppler-utils"), ("pdftoppm", "poppler-utils")):
        need(program, package)
    if not os.path.exists(browser.CHROMIUM):
        sys.exit(f"{browser.CHROMIUM} is missing: run scripts/install-deps (apt-get install chromium)")

    all_pages = browser.html_pages(args.public)
    notices = args.only or [p for p in all_pages if browser.kind_of(p) == "notice"]
    if not notices:
        print(f"no notice pages under {args.public}")
        return 2
    failed = 0
    with tempfile.TemporaryDirectory(prefix="gongshi-print-") as work:
        for relative in notices:
            try:
                pages, problems = check_notice(args.public, relative, work)
            except Exception as error:
                pages, problems = 0, [f"could not be checked: {error!r}"]
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
                name = relative.replace("/index.html", "").replace("/", "_") + ".pdf"
                if os.path.exists(os.path.join(work, "notice.pdf")):
                    shutil.copy(os.path.join(work, "notice.pdf"), os.path.join(args.keep, name))
            print(f"{relative}: {pages} A4 pages, {'ok' if not problems else f'{len(problems)} problems'}")
            for p in problems:
                print(f"FAIL {relative}: {p}")
            failed += bool(problems)
    # Print media in the browser, on the notices and on one page of each kind with a chart or a table.
    styled, seen = list(notices), set()
    for p in all_pages:
        kind = browser.kind_of(p)
        if kind not in seen and kind != "notice":
            with open(os.path.join(args.public, p), encoding="utf-8") as f:
                page = f.read()
            if "<svg" in page or "<table" in page:
                styled.append(p)
                seen.add(kind)
    style_problems = check_print_styles(args.public, styled)
    for p in style_problems:
        print(f"FAIL {p}")
    print(f"print media checked on {len(styled)} pages ({len(styled) - len(notices)} besides the notices): "
          f"{'ok' if not style_problems else f'{len(style_problems)} problems'}")
    failed += bool(style_problems)
    # Each notice is one check, the print media check one more.
    print(f"{len(notices) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
