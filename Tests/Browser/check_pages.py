#!/usr/bin/env python3
"""Every page of a built site on a 390 px phone, in headless Chromium (issue 12, item 7).

    check_pages.py PUBLIC [--only PATH ...] [--timings]

For each HTML page under PUBLIC, opened from disk (file://) at 390 x 844 CSS px:
- no sideways scrolling: document.documentElement.scrollWidth <= 390;
- axe-core 4.x finds no serious or critical violation (all rules, light colours);
- in dark mode (prefers-color-scheme: dark, emulated through the DevTools protocol) the dark
  styles apply and axe's colour-contrast check finds nothing serious;
- the skip link is the first thing to focus, targets <main id="main">, and shows when focused;
- in every ranking table (table.ranking) and every other total cell (.total), the cells of the
  rank, unit, total and change columns lie within the screen (getBoundingClientRect().right <= 390).

Prints one line per problem, a summary of the lesser (moderate, minor) axe findings, and
"N passed, N failed" (pages). Exit status 1 when any page fails, 2 when it could not run.

--known FILE lists failures that are known and left to another branch, one "<page kind>: <problem>"
a line (the problem's words before its first " (" or ":", e.g. "ranking: total cell off-screen").
They are printed as KNOWN and do not fail a page; a listed failure that no longer happens fails
the run, so that its line is removed once it is fixed.
axe-core comes from the PyPI package axe-playwright-python (its axe.min.js alone; Playwright is not
used): scripts/install-deps installs it with --no-deps.
"""
import argparse
import collections
import importlib.util
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

WIDTH = 390
FAILING_IMPACTS = ("serious", "critical")


def axe_source():
    path = os.environ.get("AXE_JS")
    if not path:
        spec = importlib.util.find_spec("axe_playwright_python")  # found, never imported (no Playwright)
        if spec is None or not spec.submodule_search_locations:
            sys.exit("axe-core is missing: run scripts/install-deps "
                     "(python3 -m pip install --no-deps axe-playwright-python)")
        path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


RUN_AXE = """
const options = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, options).then(r => done({
  version: axe.version,
  violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))
})).catch(e => done({error: String(e)}));
"""

# Layout facts read in the page: overflow, the skip link, the cells that must stay in view.
MEASURE = """
const W = arguments[0];
window.scrollTo(0, 0);
document.querySelectorAll('*').forEach(e => { if (e.scrollLeft) e.scrollLeft = 0; });
const out = {scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
             wide: [], cells: [], skip: null};
if (out.scrollWidth > W) {
  // The widest elements that stick out, to say what to fix.
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > W + 0.5 && r.width > 0) out.wide.push({what: e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : ''), right: Math.round(r.right)});
    if (out.wide.length >= 5) break;
  }
}
// Cells that must be in view: in ranking tables the rank, unit, total and change columns;
// in any table a cell marked .total or under a header that starts with 总分.
function label(cell) {
  const t = cell.closest('table'), cap = t && t.querySelector('caption');
  const row = cell.closest('tr'), head = row && row.querySelector('th[scope=row], .unit');
  return (cap ? cap.textContent.trim() : 'table') + ' / ' + (head ? head.textContent.trim() : '?');
}
for (const table of document.querySelectorAll('table')) {
  const ranking = table.classList.contains('ranking');
  const heads = Array.from(table.querySelectorAll('thead th'));
  const totalColumns = heads.filter(h => h.textContent.trim().startsWith('总分')).map(h => h.cellIndex);
  for (const row of table.querySelectorAll('tbody tr')) {
    for (const cell of row.cells) {
      let role = null;
      if (cell.classList.contains('total') || totalColumns.includes(cell.cellIndex)) role = 'total';
      else if (ranking && cell.classList.contains('rank')) role = 'rank';
      else if (ranking && cell.classList.contains('unit')) role = 'unit';
      else if (ranking && cell.classList.contains('chg')) role = 'change';
      if (!role) continue;
      const r = cell.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;  // not shown at all (e.g. a closed disclosure)
      out.cells.push({role, ranking, right: r.right, left: r.left, where: label(cell)});
    }
  }
}
const first = firstFocusable();
if (first) {
  const href = first.getAttribute('href') || '';
  const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  out.skip = {text: first.textContent.trim(), href, target: target ? target.tagName.toLowerCase() : null};
}
return out;
"""

# The first focusable element, as Tab would reach it.
FIRST_FOCUSABLE = """
function firstFocusable() {
  return Array.from(document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]'))
    .filter(e => e.tabIndex >= 0 && !e.disabled)[0];
}
"""

# Focused (in a call of its own, so the :focus style has been applied), is it on the screen?
SKIP_SHOWN = """
const W = arguments[0], first = firstFocusable();
window.scrollTo(0, 0);
first.focus();
const r = first.getBoundingClientRect();
const shown = {focused: document.activeElement === first, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
               height: window.innerHeight,
               visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= W};
return shown;
"""

DARK_STATE = """
return {dark: matchMedia('(prefers-color-scheme: dark)').matches,
        background: getComputedStyle(document.body).backgroundColor};
"""


def problem_key(problem):
    """A problem's kind: its words before the first " (" or ":"."""
    return problem.split(" (")[0].split(":")[0].strip()


def set_scheme(driver, scheme):
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": features})


def check_page(driver, public, relative, axe_js, lesser):
    """The problems of one page, as lines."""
    problems = []
    kind = browser.kind_of(relative)
    set_scheme(driver, "light")
    driver.get(browser.file_url(public, relative))

    m = driver.execute_script(FIRST_FOCUSABLE + MEASURE, WIDTH)
    if m["scrollWidth"] > WIDTH:
        wide = ", ".join(f"{w['what']} (right edge {w['right']})" for w in m["wide"])
        problems.append(f"scrolls sideways: page is {m['scrollWidth']} px wide at {WIDTH} px; sticking out: {wide}")
    for cell in m["cells"]:
        if cell["right"] > WIDTH + 0.5 or cell["left"] < -0.5:
            problems.append(f"{cell['role']} cell off-screen (left {cell['left']:.0f}, right {cell['right']:.0f} px "
                            f"at {WIDTH} px): {cell['where']}")
    skip = m["skip"]
    if not skip or not skip["text"] or skip["target"] != "main":
        problems.append(f"the first focusable element is not a skip link to <main>: {skip}")
    else:
        for attempt in range(3):  # a busy machine may not have painted the focus yet
            shown = driver.execute_script(FIRST_FOCUSABLE + SKIP_SHOWN, WIDTH)
            if shown["focused"] and shown["visible"]:
                break
            time.sleep(0.2)
        else:
            problems.append(f"the skip link does not show when focused: {shown}")
        driver.execute_script("document.activeElement && document.activeElement.blur()")

    driver.execute_script(axe_js)
    light = driver.execute_async_script(RUN_AXE, {"resultTypes": ["violations"]})
    if "error" in light:
        return kind, [f"axe failed: {light['error']}"]
    if not light["version"].startswith("4."):
        problems.append(f"axe-core {light['version']} is not 4.x")
    for v in light["violations"]:
        if v["impact"] in FAILING_IMPACTS:
            for node in v["nodes"][:5]:
                problems.append(f"axe {v['impact']} {v['id']} ({v['help']}): {node['target']}")
        else:
            lesser[(v["id"], v["impact"])].append(relative)

    set_scheme(driver, "dark")
    state = driver.execute_script(DARK_STATE)
    if not state["dark"]:
        problems.append("dark mode could not be emulated")
    dark = driver.execute_async_script(
        RUN_AXE, {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
                  "resultTypes": ["violations"]})
    if "error" in dark:
        problems.append(f"axe (dark) failed: {dark['error']}")
    else:
        for v in dark["violations"]:
            if v["impact"] in FAILING_IMPACTS:
                for node in v["nodes"][:5]:
                    problems.append(f"dark mode: axe {v['impact']} {v['id']}: {node['target']} "
                                    f"({(node['summary'] or '').splitlines()[-1].strip()})")
    set_scheme(driver, None)
    return kind, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("public")
    parser.add_argument("--only", nargs="*", help="check these pages (paths under PUBLIC) only")
    parser.add_argument("--timings", action="store_true")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--known", help="known failures, one '<page kind>: <problem>' a line")
    args = parser.parse_args()
    known = set()
    if args.known:
        with open(args.known, encoding="utf-8") as f:
            known = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    seen_known = set()

    pages = args.only or browser.html_pages(args.public)
    if not pages:
        print(f"no HTML pages under {args.public}")
        return 2
    axe_js = axe_source()
    started = time.monotonic()
    driver = browser.start_chrome(WIDTH)
    results, lesser, kinds = {}, collections.defaultdict(list), collections.Counter()
    try:
        for relative in pages:
            t = time.monotonic()
            try:
                kind, problems = check_page(driver, args.public, relative, axe_js, lesser)
            except Exception as error:  # a page that breaks the check is a failure, not a crash
                kind, problems = browser.kind_of(relative), [f"could not be checked: {error!r}"]
            kinds[kind] += 1
            expected = [p for p in problems if f"{kind}: {problem_key(p)}" in known]
            problems = [p for p in problems if p not in expected]
            seen_known.update(f"{kind}: {problem_key(p)}" for p in expected)
            results[relative] = {"kind": kind, "problems": problems, "known": expected}
            for p in problems:
                print(f"FAIL {relative} [{kind}]: {p}")
            for p in expected:
                print(f"KNOWN {relative} [{kind}]: {p}")
            if args.timings:
                print(f"  {relative}: {time.monotonic() - t:.2f} s")
    finally:
        driver.quit()

    failed = [p for p, r in results.items() if r["problems"]]
    gone = sorted(known - seen_known) if not args.only else []
    for line in gone:
        print(f"FAIL known failure no longer happens: remove '{line}' from {args.known}")
    known_pages = [p for p, r in results.items() if r["known"] and not r["problems"]]
    if known_pages:
        print(f"known failures (left to another branch, listed in {args.known}) on {len(known_pages)} pages: "
              + ", ".join(sorted(seen_known)))
    print(f"checked {len(results)} pages of {len(kinds)} kinds ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) "
          f"at {WIDTH} px in {time.monotonic() - started:.1f} s")
    for (rule, impact), where in sorted(lesser.items()):
        print(f"note: axe {impact} {rule} on {len(where)} pages (not failing), e.g. {where[0]}")
    if failed:
        by_kind = collections.Counter(results[p]["kind"] for p in failed)
        print("failing pages by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)
    print(f"{len(results) - len(failed)} passed, {len(failed) + len(gone)} failed")
    return 1 if failed or gone else 0


if __name__ == "__main__":
    sys.exit(main())
