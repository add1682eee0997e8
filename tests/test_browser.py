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
from test_search import sample_papers

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
    add_papers(str(folder), sample_papers())
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

    committee = browser.find_element(By.CSS_SELECTOR, 'input[name="committee"][value="Cabinet"]')
    committee.click()
    year = browser.find_element(By.CSS_SELECTOR, 'input[name="year"][value="2024"]')
    year.send_keys(Keys.SPACE)  # facets work from the keyboard
    assert committee.is_selected() and year.is_selected()
    browser.find_element(By.XPATH, '//button[normalize-space()="Apply filters"]').click()
    wait_for_url("year=2024")
    params = parse_qs(urlparse(browser.current_url).query)
    assert params["committee"] == ["Cabinet"] and params["year"] == ["2024"]
    assert params["q"] == ["joint procurement"]
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="committee"][value="Cabinet"]').is_selected()

    feed = browser.find_element(By.CSS_SELECTOR, "a.feed-link").get_attribute("href")
    assert "/feed.atom" in feed and "committee=Cabinet" in feed and "year=2024" in feed

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
])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_no_violations(server, browser, path, width):
    axe_js = _axe_source()
    browser.set_window_size(width, 900)
    browser.get(server + path)
    violations = _axe_violations(browser, axe_js)
    assert violations == [], violations
