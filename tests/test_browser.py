"""The front end in real headless Chromium (Selenium): a search journey and axe-core checks.

Needs /usr/bin/chromium, /usr/bin/chromedriver and axe-core's axe.min.js (found via
$AXE_JS, .ci/node_modules, node_modules or /tmp/axe/node_modules). Skipped with a
reason when they are missing, unless CI=true, where a missing tool fails the run.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from councilsearch.store import add_papers
from councilsearch.webapp import create_app
from test_search import make_paper, sample_papers

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
AXE_CANDIDATES = [
    os.environ.get("AXE_JS", ""),
    str(REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js"),
    str(REPO / "node_modules" / "axe-core" / "axe.min.js"),
    "/tmp/axe/node_modules/axe-core/axe.min.js",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run)")
    pytest.skip(reason)


def _axe_source() -> str:
    for candidate in AXE_CANDIDATES:
        if candidate and os.path.isfile(candidate):
            return Path(candidate).read_text(encoding="utf-8")
    _missing("axe-core not found: set AXE_JS or `npm install --prefix .ci axe-core`")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on waitress, on a free loopback port, in a thread."""
    from waitress.server import create_server

    folder = tmp_path_factory.mktemp("index")
    add_papers(str(folder), sample_papers() + [make_paper(
        "pg", "Allotment rents review", "Cabinet", "2022-05-05", "report",
        [("1.1", 1, "Rents", "Allotment rents are reviewed.", "text"),
         ("1.2", 1, "Rents", "Plot holders were consulted.", "text"),
         ("1.3", 1, "Rents", "Agreed unanimously.", "text")])])
    srv = create_server(create_app(str(folder)), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        _missing(f"chromium/chromedriver not installed ({CHROMIUM}, {CHROMEDRIVER})")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download drivers
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def test_search_journey(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    def wait_for_url(part: str):
        WebDriverWait(browser, 15).until(lambda d: part in d.current_url)

    browser.get(server + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("joint procurement", Keys.ENTER)
    wait_for_url("/search")
    assert "2 papers" in browser.find_element(By.ID, "results-heading").text

    # Both results are Cabinet, 2024: those facets are hidden, so tick ones that narrow.
    doc_type = browser.find_element(By.CSS_SELECTOR, 'input[name="doc_type"][value="report"]')
    doc_type.click()
    holder = browser.find_element(By.CSS_SELECTOR, 'input[name="portfolio_holder"][value="Cllr Ada Green"]')
    holder.send_keys(Keys.SPACE)  # facets work from the keyboard
    assert doc_type.is_selected() and holder.is_selected()
    browser.find_element(By.XPATH, '//button[normalize-space()="Apply filters"]').click()
    wait_for_url("portfolio_holder=")
    params = parse_qs(urlparse(browser.current_url).query)
    assert params["doc_type"] == ["report"] and params["portfolio_holder"] == ["Cllr Ada Green"]
    assert params["q"] == ["joint procurement"]
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="doc_type"][value="report"]').is_selected()

    feed = browser.find_element(By.CSS_SELECTOR, "a.feed-link").get_attribute("href")
    assert "/feed.atom" in feed and "doc_type=report" in feed and "portfolio_holder=Cllr+Ada+Green" in feed

    link = browser.find_element(By.CSS_SELECTOR, ".matches a")
    anchor = urlparse(link.get_attribute("href")).fragment
    link.click()
    wait_for_url("/papers/")
    assert "/papers/" in browser.current_url and browser.current_url.endswith("#" + anchor)
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.get_attribute("id") == anchor
    assert target.find_elements(By.TAG_NAME, "mark"), "search words are highlighted"

    browser.get(feed)
    assert "joint procurement" in browser.page_source.lower()


def _axe_violations(browser, axe_js: str) -> list[dict]:
    browser.execute_script(axe_js)
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )


@pytest.mark.parametrize("path", [
    "/", "/search?q=joint+procurement", "/search?q=&committee=Cabinet&year=2024&sort=newest",
    "/search?q=procurement+rents", "/search?q=procuremant", "/papers/p1?q=procurement",
    "/papers/p3", "/ask?q=who+approved+the+joint+procurement%3F", "/papers/missing",
    "/search?q=zzqxv&committee=Cabinet&committee=Council", "/ask?q=moon+base+budget%3F",
    "/ask?q=Were+plot+holders+consulted%3F",
])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_no_violations(server, browser, path, width):
    axe_js = _axe_source()
    browser.set_window_size(width, 900)
    browser.get(server + path)
    violations = _axe_violations(browser, axe_js)
    assert violations == [], violations


@pytest.mark.parametrize("path", ["/", "/search?q=joint+procurement&committee=Cabinet",
                                  "/papers/p1?q=procurement", "/ask?q=who+approved+it%3F"])
def test_mobile_width_never_scrolls_sideways(server, browser, path):
    browser.set_window_size(375, 900)
    browser.get(server + path)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths


def test_answer_shows_what_follows_in_the_paper(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 1000)
    browser.get(server + "/ask?q=Were+plot+holders+consulted%3F")
    following = browser.find_element(By.CSS_SELECTOR, ".answer-following")
    assert following.is_displayed() and "Next in the paper: Agreed unanimously." in following.text
    following.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 15).until(lambda d: "/papers/pg" in d.current_url)
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.get_attribute("id") == "p-1-3"


def test_filters_reachable_on_mobile_and_chip_removes_filter(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(375, 900)
    browser.get(server + "/search?q=&committee=Cabinet&year=2024")
    jump = browser.find_element(By.CSS_SELECTOR, ".jump-to-filters a")
    assert jump.is_displayed() and "2 selected" in jump.text
    jump.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("#filters-heading"))
    chip = browser.find_element(By.XPATH, '//a[@class="chip"][contains(., "Year: 2024")]')
    chip.click()
    WebDriverWait(browser, 10).until(lambda d: "year=" not in d.current_url)
    params = parse_qs(urlparse(browser.current_url).query)
    assert params["committee"] == ["Cabinet"] and "year" not in params
    browser.set_window_size(1280, 1000)
    assert not browser.find_element(By.CSS_SELECTOR, ".jump-to-filters a").is_displayed()


def test_print_shows_the_paper_not_the_chrome(server, browser):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 1000)
    browser.get(server + "/papers/p1?q=procurement")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        def shown(css):
            return browser.find_element(By.CSS_SELECTOR, css).is_displayed()

        assert shown("h1") and shown(".decisions") and shown(".paragraphs") and shown(".paper-meta")
        for css in (".site-header nav", ".contents", ".paper-actions", ".related", ".site-footer"):
            assert not shown(css), css
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_opened_paragraph_shows_its_page(server, browser):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 1000)
    browser.get(server + "/papers/pg")
    repeat = browser.find_element(By.CSS_SELECTOR, "#p-1-2 .page-link")
    assert not repeat.is_displayed()  # page 1 is already marked at 1.1
    browser.get(server + "/papers/pg#p-1-2")
    assert browser.find_element(By.CSS_SELECTOR, "#p-1-2 .page-link").is_displayed()


def test_keyboard_reaches_search_and_skip_link(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 1000)
    browser.get(server + "/search?q=parking")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "skip-link" and first.is_displayed()
    outline = first.value_of_css_property("outline-style")
    assert outline != "none", "focus must be visible"
    first.send_keys(Keys.ENTER)
    assert browser.current_url.endswith("#main")
