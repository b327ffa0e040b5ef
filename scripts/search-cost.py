#!/usr/bin/env python3
"""What a search costs a reader: for each query, the search data files Chromium loads (shards and
chunks of compressed case texts), their bytes, and the time from starting the search to the first
results on screen.

    scripts/search-cost.py SITE_FOLDER [QUERY ...]

SITE_FOLDER is a built site (e.g. Public/); it is opened from file://, as from a USB stick.
Needs chromium, chromium-driver and selenium (scripts/install-browser-deps.sh installs them).
"""
import os
import pathlib
import sys
from urllib.parse import quote, unquote, urlsplit

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

os.environ.setdefault("SE_AVOID_STATS", "true")
site = pathlib.Path(sys.argv[1]).resolve()
queries = sys.argv[2:] or ["充电桩", "楼长", "时间银行", "议事会", "12345"]

index = list((site / "search").glob("shard-*.js"))
texts = list((site / "search").glob("text-*.js"))
index_bytes, text_bytes = sum(f.stat().st_size for f in index), sum(f.stat().st_size for f in texts)
print(f"index: {len(index)} shards, {index_bytes:,} bytes; case texts: {len(texts)} files, {text_bytes:,} bytes; "
      f"together {index_bytes + text_bytes:,} bytes")

options = webdriver.ChromeOptions()
for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))
try:
    print(f"{'query':<10} {'found':>16} {'shards':>6} {'texts':>5} {'bytes loaded':>12} {'ms to results':>13}")
    for query in queries:
        driver.get((site / "search.html").as_uri() + "?q=" + quote(query))
        status = driver.find_element(By.ID, "search-status")
        WebDriverWait(driver, 60).until(lambda d: status.text and "……" not in status.text and "…" != status.text[-1:])
        loaded = [unquote(urlsplit(src).path) for src in driver.execute_script(
            "return Array.from(document.querySelectorAll('script[src*=\"search/\"]')).map(s => s.src)")]
        shards = [path for path in loaded if "/shard-" in path]
        size = sum(pathlib.Path(path).stat().st_size for path in loaded)
        took = driver.execute_script(
            "var s = performance.getEntriesByName('casebook-search-start')[0], e = performance.getEntriesByName('casebook-search-shown')[0];"
            "return s && e ? e.startTime - s.startTime : null")
        found = status.text.split("，")[0]
        print(f"{query:<10} {found:>16} {len(shards):>6} {len(loaded) - len(shards):>5} {size:>12,} {took if took is None else round(took):>13}")
finally:
    driver.quit()
