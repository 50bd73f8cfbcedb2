"""Shared helpers for the browser checks: the pages of a built site, their kinds, Chromium.

Needs Debian's chromium and chromium-driver, and selenium from PyPI (scripts/install-deps).
"""
import os
import re
import shutil
import sys
import urllib.parse

# Where Debian installs them; CHROMIUM / CHROMEDRIVER override.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"

# The kinds of page a site has, by where they are in public/ (first match wins).
KINDS = [
    ("home", r"^index\.html$"),
    ("not-found", r"^404\.html$"),
    ("notices", r"^notices/(page/\d+/)?index\.html$"),
    ("notice", r"^notices/.+/index\.html$"),
    ("rankings", r"^rankings/index\.html$"),
    ("ranking", r"^rankings/[^/]+/index\.html$"),
    ("units", r"^units/index\.html$"),
    ("unit", r"^units/[^/]+/index\.html$"),
    ("unit-reports", r"^units/[^/]+/page/\d+/index\.html$"),
    ("reports", r"^reports/(page/\d+/)?index\.html$"),
    ("report", r"^reports/.+/index\.html$"),
    ("kind", r"^kinds/[^/]+/(page/\d+/)?index\.html$"),
    ("community", r"^communities/[^/]+/(page/\d+/)?index\.html$"),
    ("rectification", r"^rectification/index\.html$"),
    ("volunteer", r"^volunteer/index\.html$"),
    ("intersections", r"^intersections/index\.html$"),
    ("intersection", r"^intersections/[^/]+/index\.html$"),
    ("criteria", r"^criteria/index\.html$"),
    ("search", r"^search/index\.html$"),
]


def kind_of(relative):
    for name, pattern in KINDS:
        if re.search(pattern, relative):
            return name
    return "page"  # free pages (about/, contact/) and any kind added later


def html_pages(public):
    """Every HTML file under public/, relative, sorted."""
    pages = []
    for folder, dirs, files in os.walk(public):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(folder, name), public).replace(os.sep, "/"))
    return sorted(pages)


def file_url(public, relative):
    return "file://" + urllib.parse.quote(os.path.abspath(os.path.join(public, relative)))


def start_chrome(width=390, height=844):
    """Headless Chromium through chromedriver, the viewport set to width x height CSS pixels."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        sys.exit("selenium is missing: run scripts/install-deps (python3 -m pip install selenium)")
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(program):
            sys.exit(f"{program} is missing: run scripts/install-deps (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--window-size={width},{height}", "--lang=zh-CN",
                     "--allow-file-access-from-files"):
        options.add_argument(argument)
    # chromedriver from Debian, never a download by Selenium Manager.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    # A phone: 390 CSS px wide, the page's viewport meta honoured.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    return driver
