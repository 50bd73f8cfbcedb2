#!/usr/bin/env python3
"""Search, opened from disk, in headless Chromium at 390 px (issue 12, item 3).

    python3 Tests/Browser/search_test.py PUBLIC [--words N]

Opens PUBLIC/search/index.html as a file:// URL (no --allow-file-access-from-files: the
index must load as a citizen's browser loads it) and, for Chinese words taken from the
built pages (words of 2, 3 and 4 characters from reports, notices and units, and a few
common ones), types each word and reads every result (pressing 显示更多结果 until all are
shown). A Python scan of the built pages says which pages must be found:

- must: every unit, report and notice page whose title or text contains the word
  (a report's and a unit's text: its `.prose`; a notice's: its whole `<main>` but the tables of its
  ranking blocks, which name every unit of a category (issue 13)) is a result;
- may: no result is a page whose `<main>` does not contain the word (no false matches);
- each result shows a title link, its kind and unit (`.meta`), a date (reports and notices),
  and the word marked with <mark> (in the title or the text shown under it).

Also: the form shows with JavaScript and the note with the lists' links without it; a word
found nowhere says so in the live region; a single character matches titles only; nothing
scrolls sideways. Uses Tests/Browser/browser.py's Chromium and chromedriver (Debian).
Exit status 0 when every check passes, 1 when one fails (each printed), 2 when it cannot run.
"""
import html
import html.parser
import os
import pathlib
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

WIDTH = 390
failures = []
CJK = r"[\u3400-\u9fff]"

# Tags inside a line of text: they part no words (SearchText.inlineTags).
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
          "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)
    return ok


class Text(html.parser.HTMLParser):
    """The text a reader sees, block tags parting words, with the parts of the page that matter:
    the title (h1), the prose (`.prose`), the whole of <main>, and <main> without the tables of
    ranking blocks (`.ranking-block` `.table-scroll`, or its `.empty` note): what a notice is indexed by."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.main, self.prose, self.title, self.indexed = [], [], [], []
        self.in_main = self.in_h1 = False
        self.prose_depth = 0  # >0 inside a .prose div (counting nested divs)
        self.skip = 0  # inside script/style
        self.block_depth = 0  # >0 inside a .ranking-block div
        self.table_depth = 0  # >0 inside its .table-scroll div
        self.in_empty = False  # inside its p.empty

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "main":
            self.in_main = True
        if tag == "h1":
            self.in_h1 = True
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            if self.prose_depth:
                self.prose_depth += 1
            elif "prose" in classes:
                self.prose_depth = 1
            if self.table_depth:
                self.table_depth += 1
            elif self.block_depth and "table-scroll" in classes:
                self.table_depth = 1
            if self.block_depth:
                self.block_depth += 1
            elif "ranking-block" in classes:
                self.block_depth = 1
        if tag == "p" and self.block_depth and "empty" in classes:
            self.in_empty = True
        if tag not in INLINE:
            self.text("\u0001")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag not in INLINE:
            self.text("\u0001")
        if tag == "main":
            self.in_main = False
        if tag == "h1":
            self.in_h1 = False
        if tag == "div" and self.prose_depth:
            self.prose_depth -= 1
        if tag == "div" and self.table_depth:
            self.table_depth -= 1
        if tag == "div" and self.block_depth:
            self.block_depth -= 1
        if tag == "p":
            self.in_empty = False

    def handle_data(self, data):
        if not self.skip:
            self.text(data)

    def text(self, data):
        if self.in_main:
            self.main.append(data)
            if not self.table_depth and not self.in_empty:
                self.indexed.append(data)
            if self.prose_depth:
                self.prose.append(data)
            if self.in_h1:
                self.title.append(data)


def one_line(parts):
    """White space collapsed; a line break between two Chinese characters joins them (SearchText.plain)."""
    text = "".join(parts)
    text = re.sub(rf"(?<={CJK})[ \t]*[\r\n]+[ \t]*(?={CJK})", "", text)
    return re.sub(r"[\s\u3000\u0001]+", " ", text).strip()


def scan(public):
    """Every unit, report and notice page: href from search/index.html → (must text, main text)."""
    pages = {}
    for relative in browser.html_pages(public):
        kind = browser.kind_of(relative)
        if kind not in ("unit", "report", "notice"):
            continue
        parser = Text()
        parser.feed((public / relative).read_text(encoding="utf-8"))
        title, prose, main = one_line(parser.title), one_line(parser.prose), one_line(parser.main)
        must = title + " \u0000 " + (one_line(parser.indexed) if kind == "notice" else prose)
        pages["../" + relative] = (must, title + " \u0000 " + main)
    return pages


def pick_words(pages, count):
    """Words of 2, 3 and 4 characters from the middle of Chinese runs of some pages' text, and common words."""
    words = ["文明", "社区", "志愿服务"]
    hrefs = sorted(pages)
    by_kind = [[h for h in hrefs if "/units/" in h], [h for h in hrefs if "/reports/" in h], [h for h in hrefs if "/notices/" in h]]
    k = 0
    while len(words) < count and any(by_kind):
        group = by_kind[k % 3]
        k += 1
        if not group:
            continue
        href = group.pop(len(group) // 2)
        runs = [r for r in re.findall(CJK + "{6,}", pages[href][0].split("\u0000", 1)[1])]
        if not runs:
            continue
        run = runs[len(runs) // 2]
        length = 2 + len(words) % 3
        middle = len(run) // 2
        word = run[middle - length // 2: middle - length // 2 + length]
        if word not in words:
            words.append(word)
    return words


def search_all(driver, query, timeout=20.0):
    """Types `query` into the box and returns (status, results) once every result is shown."""
    box = driver.find_element(browser_by(), "search-q")
    driver.execute_script("arguments[0].value = ''", box)
    box.send_keys(query)
    return driver.execute_async_script("""
        var query = arguments[0], done = arguments[arguments.length - 1], deadline = Date.now() + arguments[1];
        var status = document.getElementById('search-status'), more = document.getElementById('search-more');
        var list = document.getElementById('search-results'), clicked = null;
        (function wait() {
          var text = status.textContent;
          var finished = /^(找到|没有找到|请输入|搜索索引)/.test(text) && status.getAttribute('data-q') === query;
          // After a click on 显示更多结果, wait for what it shows (the status says how many are shown).
          if (clicked && text === clicked.text && list.children.length === clicked.length && Date.now() < clicked.at + 5000) finished = false;
          if (finished && !more.hidden) {
            clicked = { text: text, length: list.children.length, at: Date.now() };
            more.click();
          } else if (finished) {
            var items = Array.from(list.children).map(function (li) {
              var a = li.querySelector('h2 a'), meta = li.querySelector('.meta');
              return { href: a && a.getAttribute('href'), title: a ? a.textContent : '', text: li.textContent,
                       meta: meta ? meta.children.length : 0, time: !!li.querySelector('.meta time'),
                       marked: Array.from(li.querySelectorAll('mark')).map(function (m) { return m.textContent; }) };
            });
            return done([text, items]);
          }
          if (Date.now() > deadline) return done([text + ' (timed out)', []]);
          setTimeout(wait, 10);
        })();
    """, query, int(timeout * 1000))


def browser_by():
    from selenium.webdriver.common.by import By
    return By.ID


def start(javascript=True):
    """Chromium as browser.py starts it, but without --allow-file-access-from-files."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    for program in (browser.CHROMIUM, browser.CHROMEDRIVER):
        if not os.path.exists(program):
            print(f"{program} is missing: run scripts/install-deps")
            sys.exit(2)
    options = webdriver.ChromeOptions()
    options.binary_location = browser.CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--window-size={WIDTH},844", "--lang=zh-CN"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=browser.CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    return driver


def no_sideways_scroll(driver, what):
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= WIDTH, f"{what}: the page is {width} px wide at {WIDTH} px")


def main():
    args = sys.argv[1:]
    count = 14
    if "--words" in args:
        i = args.index("--words")
        count = int(args[i + 1])
        del args[i:i + 2]
    public = pathlib.Path(args[0] if args else "public").resolve()
    page = public / "search" / "index.html"
    if not page.exists():
        print(f"{page} is missing: build the site first (swift run gongshi build)")
        return 2
    try:
        import selenium  # noqa: F401
    except ImportError:
        print("selenium is missing: run scripts/install-deps")
        return 2
    pages = scan(public)
    check(len(pages) > 3, f"only {len(pages)} unit, report and notice pages under {public}")
    words = pick_words(pages, count)
    started = time.time()

    driver = start()
    try:
        driver.get(page.as_uri())
        check(driver.find_element(browser_by(), "search-form").is_displayed(), "the search form is hidden with JavaScript on")
        check(not driver.find_element(browser_by(), "search-nojs").is_displayed(), "the no-JavaScript note shows with JavaScript on")
        no_sideways_scroll(driver, "the empty search page")

        for word in words:
            must = {href for href, (text, _) in pages.items() if word in text}
            may = {href for href, (_, text) in pages.items() if word in text}
            status, items = search_all(driver, word)
            found = [item["href"] for item in items]
            check(len(found) == len(set(found)), f"“{word}”: a page is shown twice")
            missing, extra = must - set(found), set(found) - may
            check(not missing, f"“{word}”: {len(missing)} page(s) with it not found: {sorted(missing)[:5]} (status: {status})")
            check(not extra, f"“{word}”: {len(extra)} result(s) without it: {sorted(extra)[:5]}")
            if must:
                check(status.startswith("找到"), f"“{word}”: the live region says {status!r}")
            for item in items:
                what = f"“{word}”, result {item['href']}"
                check(item["title"].strip(), f"{what}: no title")
                check(item["meta"] >= 2 or "/units/" in item["href"] and item["meta"] >= 1, f"{what}: no kind and unit")
                if "/units/" not in item["href"]:
                    check(item["time"], f"{what}: no date")
                check(word in item["marked"], f"{what}: the word is not marked ({item['marked'][:3]})")
            print(f"ok: “{word}”: {len(found)} result(s), every one of the {len(must)} page(s) with it in title or text ({status})")
        no_sideways_scroll(driver, f"the results for “{words[-1]}”")

        # With results shown: axe (light and dark), a visible focus on a result reached with Tab.
        import check_pages
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        search_all(driver, words[1])
        axe_js = check_pages.axe_source()
        for scheme in ("light", "dark"):
            check_pages.set_scheme(driver, scheme)
            driver.execute_script(axe_js)
            ran = driver.execute_async_script(check_pages.RUN_AXE, {"resultTypes": ["violations"]})
            serious = [f"{v['id']} {n['target']}" for v in ran.get("violations", []) if v["impact"] in check_pages.FAILING_IMPACTS
                       for n in v["nodes"][:3]]
            check("error" not in ran and not serious, f"results for “{words[1]}”, {scheme}: axe {ran.get('error') or serious}")
        check_pages.set_scheme(driver, None)
        driver.execute_script("document.querySelector('#search-form button').focus()")
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focus = driver.execute_script("""var a = document.activeElement, s = getComputedStyle(a);
            return [a.closest('#search-results') !== null, s.outlineStyle, parseFloat(s.outlineWidth)]""")
        check(focus[0] and focus[1] != "none" and focus[2] >= 2, f"Tab from the button: no visible focus on the first result ({focus})")
        print(f"ok: results for “{words[1]}” pass axe in light and dark mode; Tab reaches the first result, outlined")

        # One character: titles only.
        char = "文"
        status, items = search_all(driver, char)
        check(items and all(char in item["title"] for item in items), f"“{char}” should match titles only, and some ({status})")
        titled = {href for href, (text, _) in pages.items() if char in text.split("\u0000")[0]}
        check(titled <= {item["href"] for item in items}, f"“{char}”: titles with it not found: {sorted(titled - {i['href'] for i in items})[:5]}")
        print(f"ok: “{char}” finds {len(items)} page(s), each with it in the title")

        # Nothing found: said in the live region.
        status, items = search_all(driver, "鑫龘")
        check(status.startswith("没有找到") and not items, f"a word found nowhere says {status!r}")
        no_sideways_scroll(driver, "no results")
    finally:
        driver.quit()

    # Without JavaScript: the note and the links to the lists.
    driver = start(javascript=False)
    try:
        driver.get(page.as_uri())
        check(driver.find_element(browser_by(), "search-nojs").is_displayed(), "without JavaScript the note is hidden")
        check(not driver.find_element(browser_by(), "search-form").is_displayed(), "without JavaScript the form shows")
        from selenium.webdriver.common.by import By
        links = driver.find_elements(By.CSS_SELECTOR, "#search-nojs a")
        check(len(links) >= 3, "without JavaScript the note links to fewer than 3 lists")
    finally:
        driver.quit()

    print(f"search: {len(words)} words in {time.time() - started:.1f} s, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
