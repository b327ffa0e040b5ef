"""`casebook serve` in a real browser: a saved case reloads the open page within a second, a broken
edit shows its error on the page while the last good site stays, and fixing it brings the page back.

Run through scripts/browser-test.sh, which sets CASEBOOK_BINARY (the casebook executable) and
CASEBOOK_ROOT (the project). The sample is copied to a scratch folder, so Content/ is never touched.
"""

import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PROJECT = pathlib.Path(os.environ.get("CASEBOOK_ROOT", pathlib.Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("CASEBOOK_BINARY", str(PROJECT / ".build/debug/casebook"))
SCREENSHOTS = pathlib.Path(os.environ.get("CASEBOOK_SCREENSHOTS", "/tmp/casebook-browser"))
CASE = "Content/cases/tianshui-luoyu-shijian-yinhang.md"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveReload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = pathlib.Path(tempfile.mkdtemp())
        cls.root = cls.work / "site"
        # The sample has no templates of its own: the built-in theme serves.
        shutil.copytree(PROJECT / "Content", cls.root / "Content")
        cls.port = free_port()
        cls.log = open(cls.work / "serve.log", "w+")
        cls.server = subprocess.Popen([BINARY, "serve", "--root", str(cls.root), "--port", str(cls.port),
                                       "--output", str(cls.work / "preview")], stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.binary_location = "/usr/bin/chromium"
        cls.browser = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.work)

    def tearDown(self):
        if any(error for _, error in getattr(self._outcome.result, "errors", []) + getattr(self._outcome.result, "failures", [])):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.browser.save_screenshot(str(SCREENSHOTS / f"serve-{self._testMethodName}.png"))

    def edit(self, old, new):
        path = self.root / CASE
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    def heading(self):
        # Read in one script call: an element found before a reload goes stale after it.
        return self.browser.execute_script("var h = document.querySelector('h1'); return h ? h.textContent.trim() : null")

    def test_save_reloads_the_page_within_a_second_and_errors_show_until_fixed(self):
        page = f"http://127.0.0.1:{self.port}/cases/tianshui-luoyu-shijian-yinhang.html"
        self.browser.get(page)
        title = self.heading()
        time.sleep(0.5)  # let the page's WebSocket connect

        saved = time.monotonic()
        self.edit(f"title: {title}", "title: 预览里改过的标题")
        WebDriverWait(self.browser, 3, poll_frequency=0.02).until(lambda b: self.heading() == "预览里改过的标题")
        elapsed = time.monotonic() - saved
        print(f"page reloaded {elapsed * 1000:.0f} ms after the save")
        self.assertLess(elapsed, 1.0)

        self.edit("title: 预览里改过的标题", "title: [没有闭合")
        alert = WebDriverWait(self.browser, 3, poll_frequency=0.02).until(lambda b: b.execute_script(
            "var a = document.querySelector('pre[role=alert]'); return a ? a.textContent : null"))
        self.assertIn(CASE, alert)
        self.assertIn("error", alert)
        self.assertEqual(self.heading(), "预览里改过的标题")  # the last good page stays

        self.edit("title: [没有闭合", f"title: {title}")
        WebDriverWait(self.browser, 3, poll_frequency=0.02).until(lambda b: self.heading() == title)
        self.assertEqual(self.browser.find_elements(By.CSS_SELECTOR, "pre[role=alert]"), [])
        self.assertEqual([entry for entry in self.browser.get_log("browser") if entry["level"] == "SEVERE"], [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
