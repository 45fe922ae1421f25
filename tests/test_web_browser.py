"""`kg serve` in a real browser: Debian's chromium, headless, driven by selenium through
chromium-driver. A reader opens the home page, asks who visited Pyongyang from the query's form
(typing, then Enter), follows an event to its sources and one of its people to their page, and
the page fits a phone's width. Screenshots go to $KG_SCREENSHOTS (`make screenshots` sets it to
docs/screenshots), else to the test's own folder. Skipped, with the reason, where chromium or its
driver is absent; .ci/run installs both."""
import os
import shutil
from pathlib import Path

import pytest

from test_web import site  # noqa: F401 - the served seed store, shared with the HTTP tests

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="chromium and chromium-driver are not installed (apt install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900",
                "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def take(driver, name: str) -> Path:
        path = folder / f"{name}.png"
        assert driver.save_screenshot(str(path)), name
        return path
    return take


def pictures_loaded(driver) -> bool:
    return driver.execute_script("return [...document.images].every(i => i.complete && i.naturalWidth > 0)")


def test_a_reader_finds_who_visited_pyongyang_and_follows_an_event_to_its_sources(site, browser, shots):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    url, _ = site
    browser.set_window_size(1200, 900)
    browser.get(url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Diplomatic events from the news"
    assert shots(browser, "home").stat().st_size > 10_000

    browser.find_element(By.LINK_TEXT, "who-visited").click()
    field = browser.find_element(By.ID, "p-place")
    field.send_keys("Pyongyang", Keys.RETURN)        # the keyboard alone runs the query
    WebDriverWait(browser, 20).until(lambda d: "place=Pyongyang" in d.current_url)
    answer = browser.find_element(By.CLASS_NAME, "answer").text
    assert answer.split()[0].isdigit() and int(answer.split()[0]) > 0, answer
    travellers = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr td:first-child")]
    assert "Sergei Lavrov" in travellers
    shots(browser, "query")

    browser.find_element(By.CSS_SELECTOR, "table.results a[href^='/id/event/']").click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Visit ev:")
    sources = browser.find_elements(By.CSS_SELECTOR, "article.source")
    assert sources and all(s.find_elements(By.TAG_NAME, "mark") for s in sources)
    assert "Pyongyang" in browser.find_element(By.CSS_SELECTOR, "dl.facts").text
    shots(browser, "event")

    browser.find_element(By.CSS_SELECTOR, "dl.facts a[href^='/id/person/']").click()
    WebDriverWait(browser, 20).until(pictures_loaded)
    assert browser.find_element(By.CSS_SELECTOR, "img.timeline").size["height"] > 100
    assert browser.find_elements(By.XPATH, "//h2[text()='Met' or text()='Went to']")
    shots(browser, "actor")


def test_the_pages_fit_a_phone_and_every_link_can_be_reached_by_keyboard(site, browser, shots):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    url, _ = site
    browser.set_window_size(390, 844)
    for path in ("/", "/queries/who-visited?place=Pyongyang", "/id/person/kim-jong-un"):
        browser.get(url + path)
        WebDriverWait(browser, 20).until(pictures_loaded)
        width = browser.execute_script("return window.innerWidth")
        overflow = browser.execute_script(
            "return [...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll, pre')"
            " && e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName)")
        assert overflow == [], (path, width, overflow[:5])
    shots(browser, "phone")
    browser.get(url + "/")
    links = browser.find_elements(By.CSS_SELECTOR, "a[href]")
    assert links and all(a.get_attribute("tabindex") in (None, "0") for a in links)
    assert not browser.find_elements(By.CSS_SELECTOR, "[onclick], button:not([type=submit])")   # links, not buttons
    browser.set_window_size(1200, 900)
