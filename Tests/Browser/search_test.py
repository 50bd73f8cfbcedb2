#!/usr/bin/env python3
"""Search, opened from disk, in headless Chromium (issue 12, item 3).

    python3 Tests/Browser/search_test.py [PUBLIC]        # default: public (build it first)

Opens PUBLIC/search/index.html as a file:// URL at 390 px and checks that:
- the form is shown and the "needs JavaScript" note hidden (and the other way round
  with JavaScript off);
- a Chinese word taken from the text of a report, a notice and a unit page finds
  that page (pressing 显示更多结果 until it comes, if the word is common); results
  show the title, the kind and unit, the date, and the text around the match in <mark>;
- a Latin query (a unit's id, as in its address) finds the unit;
- a one-character query matches titles only;
- nothing scrolls sideways.

Needs selenium (pip install selenium) and chromedriver (Debian: chromium-driver);
CHROMEDRIVER and CHROME_BIN override where they are. Exit status 0 when every check
passes; each failure is printed.
"""
import html
import os
import pathlib
import re
import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

WIDTH = 390
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message)
    return ok


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDTH},900", "--lang=zh-CN"]:
        options.add_argument(arg)
    if os.environ.get("CHROME_BIN") or shutil.which("chromium"):
        options.binary_location = os.environ.get("CHROME_BIN") or shutil.which("chromium")
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    # The layout viewport 390 px wide, whatever the window's chrome takes.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    return driver


def main_text(path):
    """The text of a page's <main> (of a unit's page, its profile), tags dropped."""
    source = path.read_text(encoding="utf-8")
    main = re.search(r'<div class="prose">(.*?)</div>', source, re.S) if "/units/" in path.as_posix() else None
    main = main or re.search(r"<main[^>]*>(.*)</main>", source, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(1) if main else source)
    return html.unescape(text)


def words_from(path, title_too=False):
    """Chinese words (four characters of a run of Chinese text) from a page's text, not its title,
    skipping the first run (the heading)."""
    text = main_text(path)
    runs = re.findall(r"[\u4e00-\u9fff]{6,}", text)
    if not title_too and "/units/" not in path.as_posix():
        runs = runs[1:]
    words = []
    for run in runs:
        middle = len(run) // 2
        words.append(run[middle - 2: middle + 2])
    return words


def search(driver, query, timeout=10.0):
    box = driver.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys(query)
    return wait_done(driver, query, timeout)


def wait_done(driver, query, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = driver.find_element(By.ID, "search-status").text
        if status.startswith("找到") or status.startswith("没有找到") or status.startswith("请输入") or status.startswith("搜索索引"):
            return status
        time.sleep(0.02)
    return driver.find_element(By.ID, "search-status").text


def result_hrefs(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li h2 a')).map(a => a.getAttribute('href'))")


def find_page(driver, href, limit=400):
    """Whether a result links to href, pressing 显示更多结果 while it is not shown yet."""
    for _ in range(limit):
        if href in result_hrefs(driver):
            return True
        more = driver.find_element(By.ID, "search-more")
        if not more.is_displayed():
            return False
        count = len(result_hrefs(driver))
        more.click()
        deadline = time.time() + 10
        while len(result_hrefs(driver)) == count and time.time() < deadline:
            time.sleep(0.02)
    return href in result_hrefs(driver)


def no_sideways_scroll(driver, what):
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= WIDTH, f"{what}: the page is {width} px wide at {WIDTH} px")


def main():
    public = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public").resolve()
    page = public / "search" / "index.html"
    if not page.exists():
        print(f"{page} is missing: build the site first (swift run gongshi build)")
        return 2
    url = page.as_uri()

    # Pages to look for, each by words of its own text.
    reports = sorted(p for p in (public / "reports").glob("*/*/*/index.html"))
    notices = sorted(p for p in (public / "notices").glob("*/*/index.html"))
    units = sorted(p for p in (public / "units").glob("*/index.html"))
    targets = []
    for group in (reports, notices, units):
        if group:
            targets.append(group[len(group) // 2])
    check(targets, "no report or notice pages found under " + str(public))

    driver = browser()
    try:
        driver.get(url)
        check(driver.find_element(By.ID, "search-form").is_displayed(), "the search form is hidden with JavaScript on")
        check(not driver.find_element(By.ID, "search-nojs").is_displayed(), "the no-JavaScript note shows with JavaScript on")
        no_sideways_scroll(driver, "empty search page")

        for target in targets:
            href = "../" + target.parent.relative_to(public).as_posix() + "/index.html"
            words = words_from(target)
            if not check(words, f"no Chinese text found in {target}"):
                continue
            for word in words[:2]:
                status = search(driver, word)
                found = find_page(driver, href)
                check(found, f"“{word}”, from {target.relative_to(public)}, does not find it (status: {status})")
                if found:
                    print(f"ok: “{word}” finds {href} ({status})")
            # What the page's result shows: title link, kind and unit, date, the text around the match marked.
            item = driver.find_element(By.XPATH, f"//ol[@id='search-results']/li[.//h2/a[@href='{href}']]")
            check(item.find_elements(By.CSS_SELECTOR, "h2 a"), "a result has no title link")
            check(item.find_elements(By.CSS_SELECTOR, ".search-meta"), "a result shows no kind or unit")
            if "/units/" not in href:
                check(item.find_elements(By.CSS_SELECTOR, ".search-meta time"), "a result shows no date")
            check(item.find_elements(By.CSS_SELECTOR, "mark"), "a result marks no match")
            no_sideways_scroll(driver, f"results for “{words[0]}”")

        # Every result really contains the words (no false matches): check the shown ones' text.
        if targets:
            word = words_from(targets[0])[0]
            search(driver, word)
            texts = driver.execute_script(
                "return Array.from(document.querySelectorAll('#search-results li')).map(li => li.textContent)")
            check(all(word in t for t in texts), f"a result for “{word}” does not show it")

        # A unit by its id, as in its address (Latin letters).
        unit_ids = [p.parent.name for p in units if re.fullmatch(r"[a-z]{4,}", p.parent.name)]
        if unit_ids:
            unit = unit_ids[0]
            status = search(driver, unit)
            check(find_page(driver, f"../units/{unit}/index.html"), f"“{unit}” does not find units/{unit}/ ({status})")
            print(f"ok: “{unit}” finds units/{unit}/ ({status})")

        # One character: titles only.
        if targets:
            words = re.findall(r"[\u4e00-\u9fff]", main_text(targets[0]))
            char = words[0] if words else "文"
            search(driver, char)
            titles = driver.execute_script(
                "return Array.from(document.querySelectorAll('#search-results li h2')).map(h => h.textContent)")
            check(titles and all(char in t for t in titles), f"“{char}” should match titles only, and some")
            print(f"ok: “{char}” matches {len(titles)} shown titles, each with it")

        # Nothing found: said in the live region.
        status = search(driver, "鑫龘")
        check(status.startswith("没有找到"), f"a query with no match says {status!r}")
    finally:
        driver.quit()

    # Without JavaScript: the note and the links to the lists.
    driver = browser(javascript=False)
    try:
        driver.get(url)
        check(driver.find_element(By.ID, "search-nojs").is_displayed(), "without JavaScript the note is hidden")
        check(not driver.find_element(By.ID, "search-form").is_displayed(), "without JavaScript the form shows")
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-nojs a")]
        check(len(links) >= 3, "without JavaScript the note links to fewer than 3 lists")
    finally:
        driver.quit()

    print("search: %d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
