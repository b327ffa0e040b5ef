"""Casebook's reader features in a real browser: search, the facet filter, the charts, the notice
print layout, keyboard use and accessibility, on the built sample opened from file:// and served by
a static web server under a subpath.

Run through scripts/browser-test.sh, which builds the site, starts nginx and sets CASEBOOK_SITE
(the built folder), CASEBOOK_HTTP (its address on the server) and CASEBOOK_ROOT (the project).
What a search should find is worked out here from Content/ itself, not from Casebook's index.
"""

import functools
import os
import pathlib
import re
import unicodedata
import unittest
from urllib.parse import quote, unquote, urlsplit

import yaml
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

PROJECT = pathlib.Path(os.environ.get("CASEBOOK_ROOT", pathlib.Path(__file__).resolve().parents[2]))
SITE = pathlib.Path(os.environ["CASEBOOK_SITE"]).resolve()
HTTP = os.environ["CASEBOOK_HTTP"]
SCREENSHOTS = pathlib.Path(os.environ.get("CASEBOOK_SCREENSHOTS", "/tmp/casebook-browser"))


def fold(text):
    return unicodedata.normalize("NFKC", text).lower()


def read_cases():
    """Every published case of the sample: slug, front matter and the whole searchable text."""
    cases = {}
    for path in sorted((PROJECT / "Content/cases").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        if meta.get("draft"):
            continue
        figures = " ".join(" ".join(str(f.get(k, "")) for k in ("label", "before", "value", "unit"))
                           for f in meta.get("figures", []))
        fields = [meta["title"], meta.get("summary", ""), " ".join(meta["district"]), " ".join(meta.get("mechanisms", [])),
                  " ".join(meta.get("outcomes", [])), figures, body]
        cases[meta.get("slug", path.stem)] = {"meta": meta, "text": fold("\n".join(fields))}
    return cases


CASES = read_cases()


def expected_search(query):
    words = fold(query).split()
    return {slug for slug, case in CASES.items() if all(word in case["text"] for word in words)}


def keeps_screenshot(test):
    """Saves a screenshot of the browser when a test fails, and names it in the failure."""
    @functools.wraps(test)
    def run(self, *args, **kwargs):
        try:
            return test(self, *args, **kwargs)
        except Exception:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            shot = SCREENSHOTS / f"{type(self).__name__}-{test.__name__}.png"
            self.driver.save_screenshot(str(shot))
            print(f"\nscreenshot of the failure: {shot} ({self.driver.current_url})")
            raise
    return run


class SiteInBrowser:
    """The tests; subclasses say where the site is opened from."""

    base = None

    @classmethod
    def setUpClass(cls):
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400", "--lang=zh-CN"):
            options.add_argument(argument)
        options.binary_location = "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.driver = webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def open(self, page):
        self.driver.get(self.base + page)
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def console_errors(self):
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def search(self, query):
        """The slugs of every result of a search, after clicking "more" until all are shown."""
        self.open("search.html?q=" + quote(query))
        status = self.driver.find_element(By.ID, "search-status")
        WebDriverWait(self.driver, 10).until(lambda d: status.text and "正在" not in status.text)
        more = self.driver.find_element(By.ID, "search-more")
        while more.is_displayed():
            count = len(self.driver.find_elements(By.CSS_SELECTOR, "#search-results li"))
            more.click()
            WebDriverWait(self.driver, 10).until(
                lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results li")) > count or not more.is_displayed())
        links = self.driver.find_elements(By.CSS_SELECTOR, "#search-results h2 a")
        return [re.search(r"cases/([^/]+)\.html$", link.get_attribute("href")).group(1) for link in links], status.text

    def visible_cases(self):
        cards = self.driver.find_elements(By.CSS_SELECTOR, "#case-list .filter-item")
        return {re.search(r"cases/([^/]+)\.html$", card.find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")).group(1)
                for card in cards if card.is_displayed()}

    @keeps_screenshot
    def test_search_finds_exactly_the_cases_whose_text_holds_the_query(self):
        for query in ["充电桩", "楼长", "时间银行", "议事会", "党员 积分", "12345", "桩", "加装电梯", "停车"]:
            with self.subTest(query=query):
                found, status = self.search(query)
                expected = expected_search(query)
                self.assertTrue(expected, f"the sample should hold {query!r}")
                self.assertEqual(set(found), expected)
                self.assertEqual(len(found), len(expected), "each case once")
                self.assertIn(str(len(expected)), status)
                self.assertEqual(self.driver.find_element(By.ID, "search-q").get_attribute("value"), query)
                self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#search-results mark"))
        self.assertEqual(self.console_errors(), [])

    @keeps_screenshot
    def test_search_ranks_title_hits_first_and_says_when_nothing_matches(self):
        found, _ = self.search("时间银行")
        titles = {slug: case["meta"]["title"] for slug, case in CASES.items()}
        self.assertIn("时间银行", titles[found[0]])
        found, status = self.search("火星基地")
        self.assertEqual(found, [])
        self.assertIn("没有找到", status)

    @keeps_screenshot
    def test_the_search_field_on_every_page_leads_to_the_search(self):
        self.open("cases/" + sorted(CASES)[0] + ".html")
        field = self.driver.find_element(By.ID, "site-search-q")
        field.send_keys("楼长", Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: "search.html" in d.current_url)
        self.assertEqual(unquote(urlsplit(self.driver.current_url).query), "q=楼长")
        status = self.driver.find_element(By.ID, "search-status")
        WebDriverWait(self.driver, 10).until(lambda d: "找到" in status.text)

    @keeps_screenshot
    def test_the_facet_filter_narrows_the_list_and_comes_back_from_the_address(self):
        self.open("cases/index.html")
        self.assertEqual(self.visible_cases(), set(CASES))
        mechanism = self.driver.find_element(By.CSS_SELECTOR, "fieldset[data-facet=mechanism] input")
        name = mechanism.find_element(By.XPATH, "..").text.rsplit(" ", 1)[0].strip()
        mechanism.click()
        with_mechanism = {slug for slug, case in CASES.items() if name in case["meta"].get("mechanisms", [])}
        self.assertEqual(self.visible_cases(), with_mechanism)
        self.assertIn("#mechanism=", self.driver.current_url)

        # OR within a group: a second mechanism adds its cases.
        second = self.driver.find_elements(By.CSS_SELECTOR, "fieldset[data-facet=mechanism] input")[1]
        second_name = second.find_element(By.XPATH, "..").text.rsplit(" ", 1)[0].strip()
        second.click()
        either = {slug for slug, case in CASES.items() if {name, second_name} & set(case["meta"].get("mechanisms", []))}
        self.assertEqual(self.visible_cases(), either)

        # AND across groups: a province keeps only its cases.
        province = self.driver.find_element(By.CSS_SELECTOR, "fieldset[data-facet=district] li:not(.nested) input")
        province_name = province.find_element(By.XPATH, "..").text.rsplit(" ", 1)[0].strip()
        province.click()
        both = {slug for slug in either if CASES[slug]["meta"]["district"][0] == province_name}
        self.assertEqual(self.visible_cases(), both)
        counts = self.driver.find_elements(By.CSS_SELECTOR, "fieldset[data-facet=mechanism] .count")
        self.assertEqual(int(counts[0].text),
                         len({s for s in with_mechanism if CASES[s]["meta"]["district"][0] == province_name}))

        address = self.driver.current_url
        self.driver.refresh()
        WebDriverWait(self.driver, 10).until(lambda d: d.find_element(By.ID, "facet-filter").is_displayed())
        self.assertEqual(self.visible_cases(), both)
        self.open("index.html")
        self.driver.get(address)
        WebDriverWait(self.driver, 10).until(lambda d: d.find_element(By.ID, "facet-filter").is_displayed())
        self.assertEqual(self.visible_cases(), both)
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "fieldset[data-facet=mechanism] input").is_selected())

        self.driver.find_element(By.ID, "facet-clear").click()
        self.assertEqual(self.visible_cases(), set(CASES))
        self.assertNotIn("#", self.driver.current_url)
        self.assertEqual(self.console_errors(), [])

    @keeps_screenshot
    def test_the_charts_render_with_titles_and_bars(self):
        self.open("stats.html")
        charts = self.driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        self.assertGreaterEqual(len(charts), 5)
        for chart in charts:
            self.assertTrue(chart.find_element(By.TAG_NAME, "title").get_attribute("textContent"))
            self.assertTrue(chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent"))
            bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
            self.assertTrue(bars)
            self.assertTrue(all(bar.rect["width"] > 0 and bar.rect["height"] > 0 for bar in bars))
        years = self.driver.find_element(By.ID, "chart-years")
        self.assertEqual(sum(int(t.get_attribute("textContent")) for t in years.find_elements(By.CSS_SELECTOR, "text.value")),
                         len(CASES))
        self.assertEqual(self.console_errors(), [])

    @keeps_screenshot
    def test_a_case_prints_as_a_notice_without_navigation(self):
        self.open("cases/" + sorted(CASES)[0] + ".html")
        button = self.driver.find_element(By.CSS_SELECTOR, "[data-print]")
        self.assertTrue(button.is_displayed())
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            for selector in (".site-header", ".site-footer", ".pager", "[data-print]"):
                self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, selector).is_displayed(), selector)
            self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, ".case h1").is_displayed())
            source = self.driver.find_elements(By.CSS_SELECTOR, ".source a[href^='http']")
            if source:
                after = self.driver.execute_script("return getComputedStyle(arguments[0], '::after').content", source[0])
                self.assertIn("http", after)
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        pdf = self.driver.print_page()
        self.assertGreater(len(pdf), 1000)

    @keeps_screenshot
    def test_the_keyboard_reaches_the_skip_link_first_and_focus_is_visible(self):
        self.open("index.html")
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        active = self.driver.switch_to.active_element
        self.assertEqual(active.get_attribute("class"), "skip")
        self.assertTrue(active.is_displayed())
        outline = self.driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", active)
        self.assertNotEqual(outline, "none")

    @keeps_screenshot
    def test_no_serious_accessibility_violations_on_the_main_page_types(self):
        district = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "districts").rglob("*.html") if p.name != "index.html")[0]
        mechanism = sorted(p.name for p in (SITE / "mechanisms").glob("*.html") if p.name != "index.html")[0]
        pages = ["index.html", "cases/index.html", "cases/" + sorted(CASES)[0] + ".html", "search.html?q=" + quote("议事"),
                 "stats.html", "districts/index.html", district, "mechanisms/index.html", "mechanisms/" + mechanism,
                 "pages/about.html"]
        for page in pages:
            with self.subTest(page=page):
                self.open(page)
                if page.startswith("search"):
                    WebDriverWait(self.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
                axe = Axe(self.driver)
                axe.inject()
                results = axe.run()
                serious = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                           for v in results["violations"] if v["impact"] in ("serious", "critical")]
                self.assertEqual(serious, [])
                self.assertEqual(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang"), "zh-Hans")


class NotFoundUnderASubpath(unittest.TestCase):
    """nginx sends 404.html for a missing address in any folder: the page must still load its
    stylesheet and lead back into the site, with base_url (/bulletin/) and without it (/plain/)."""

    @classmethod
    def setUpClass(cls):
        SiteInBrowser.setUpClass.__func__(cls)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def test_the_not_found_page_works_at_any_depth(self):
        plain = os.environ["CASEBOOK_HTTP_PLAIN"]
        addresses = [(site, missing) for site in (HTTP, plain)
                     for missing in ("no-such-page.html", "cases/no-such-case.html", "districts/hubei/no/such.html")]
        # A folder the site does not have: only base_url can tell where the site begins.
        addresses.append((HTTP, "2019/old/page.html"))
        for site, missing in addresses:
            with self.subTest(address=site + missing):
                self.driver.get(site + missing)
                WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
                self.assertIn("没有找到", self.driver.title)
                styled = self.driver.execute_script(
                    "return Array.from(document.styleSheets).some(s => { try { return s.cssRules.length > 0 } catch (e) { return false } })")
                self.assertTrue(styled, "the stylesheet did not load")
                home = self.driver.find_element(By.CSS_SELECTOR, ".site-title").get_attribute("href")
                self.assertEqual(home, site + "index.html")
                listing = self.driver.find_element(By.CSS_SELECTOR, ".not-found a[href$='cases/index.html']").get_attribute("href")
                self.assertEqual(listing, site + "cases/index.html")
                # The skip link stays on the page.
                skip = self.driver.find_element(By.CSS_SELECTOR, "a.skip").get_attribute("href")
                self.assertEqual(skip, site + missing + "#main")

    def test_an_address_cannot_point_the_page_at_another_host(self):
        # "//other.example/" at the start of a path would make a root of another host; the site
        # without base_url is also served at the server's root for this.
        origin = HTTP.split("/bulletin/")[0]
        for address in (origin + "//other.example/x.html", origin + "//other.example/cases/x.html",
                        origin + "/plain//other.example/cases/x.html"):
            with self.subTest(address=address):
                self.driver.get(address)
                WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
                for element in self.driver.find_elements(By.CSS_SELECTOR, "link[href], script[src], a[href]"):
                    target = element.get_attribute("href") or element.get_attribute("src")
                    self.assertTrue(target.startswith(origin + "/"), target)


class FromDisk(SiteInBrowser, unittest.TestCase):
    """The site opened straight from a folder, as from a USB stick."""
    base = SITE.as_uri() + "/"


class FromServerSubpath(SiteInBrowser, unittest.TestCase):
    """The same files served by nginx under a subpath."""
    base = HTTP


if __name__ == "__main__":
    unittest.main(verbosity=2)
