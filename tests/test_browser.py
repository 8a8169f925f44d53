"""``extract serve`` in a real headless Chromium, driven by Selenium and the system chromedriver.

The test starts the real command on a free loopback port over a database the real pipeline wrote,
opens a canned query and a document page as a user would, and leaves a screenshot of the document
page in ``out/screenshots/`` for a reviewer. ``make test`` installs Debian's chromium and
chromium-driver when they are missing; run directly without them, these tests skip.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.paths import PROJECT_ROOT
from pipeline.serve import database_name
from test_serve import SERVE_TEXTS, build_served_db

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = PROJECT_ROOT / "out" / "screenshots"
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1280,1100",
)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("chromium and chromium-driver are not installed (make test installs them)",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"extract serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``extract serve`` running on a free port; yields (base URL, database path); stopped after."""
    db_path = build_served_db(tmp_path_factory.mktemp("browser"))
    port = free_port()
    extract = Path(sys.executable).with_name("extract")
    command = [str(extract), "serve", "--db", str(db_path), "--port", str(port)]
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/-/metadata.json", process)
        yield base, db_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def result_rows(browser, url: str, seconds: float = 20):
    """Open a table or query page and wait for its rows; fail with what the page said instead
    (an interrupted query, an error page) rather than with an empty list."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    selector = "table.rows-and-columns tbody tr"
    try:
        WebDriverWait(browser, seconds).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, selector))
    except TimeoutException:
        page = browser.find_element(By.TAG_NAME, "body").text
        pytest.fail(f"{url} shows no result rows; the page says:\n{page[:2000]}")
    return browser.find_elements(By.CSS_SELECTOR, selector)


def test_server_binds_loopback_and_is_read_only(served):
    base, db_path = served
    with urllib.request.urlopen(f"{base}/-/databases.json") as response:
        databases = json.load(response)
    (database,) = [d for d in databases if d["name"] == database_name(db_path)]
    assert database["is_mutable"] is True  # read afresh on each request: a running extract shows live
    before = db_path.read_bytes()
    for path in ("/", f"/{database_name(db_path)}/mentions", "/-/document/1"):
        urllib.request.urlopen(f"{base}{path}").read()
    assert db_path.read_bytes() == before  # opened mode=ro: browsing never writes
    assert base.startswith("http://127.0.0.1:")


def test_canned_query_renders_rows(served, browser):
    base, db_path = served
    rows = result_rows(browser, f"{base}/{database_name(db_path)}/documents_at_a_glance")
    assert "Documents at a glance" in browser.find_element(By.TAG_NAME, "h1").text
    assert len(rows) == len(SERVE_TEXTS)
    links = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-document_id a")
    assert links and all("/-/document/" in link.get_attribute("href") for link in links)


def test_plan_vs_actual_by_place_shows_both_figures_and_whether_the_target_was_met(served, browser):
    base, db_path = served
    rows = result_rows(browser, f"{base}/{database_name(db_path)}/plan_vs_actual_by_place?place=Th%C3%A1i+B%C3%ACnh")
    assert "Plan vs actual" in browser.find_element(By.TAG_NAME, "h1").text
    assert len(rows) == sqlite_utils.Database(db_path)["plan_vs_actual"].count
    labels = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-indicator_label")]
    assert "Tổng thu ngân sách nhà nước trên địa bàn" in labels
    assert {td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-met")} <= {"yes", "no", "unknown"}
    target = browser.find_elements(By.CSS_SELECTOR, "td.col-target_value a")
    assert target and all("/-/document/" in a.get_attribute("href") for a in target)
    # the view itself is reachable: no canned query of the same name hides it
    result_rows(browser, f"{base}/{database_name(db_path)}/plan_vs_actual")
    assert "plan_vs_actual" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns td.col-indicator_label")


def test_document_page_highlights_every_span(served, browser):
    base, db_path = served
    db = sqlite_utils.Database(db_path)
    document = next(db.query(
        "select d.id, d.text, (select count(*) from mentions m where m.document_id = d.id)"
        " + (select count(*) from entities e where e.document_id = d.id) as spans"
        " from documents d order by spans desc, d.path limit 1"))
    assert document["spans"], "the pipeline found no spans in the test texts"
    browser.get(f"{base}/-/document/{document['id']}")
    article = browser.find_element(By.CSS_SELECTOR, "article.vnf-text")
    assert " ".join(article.text.split()) == " ".join(document["text"].split())
    marks = browser.find_elements(By.CSS_SELECTOR, "article.vnf-text mark[id]")
    assert len(marks) == document["spans"]
    for mark in marks:
        assert mark.get_attribute("title")
        colour = mark.value_of_css_property("background-color")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 0)"), colour
    # a figure's hover says which rule read it and what decided its kind, and how sure that is
    figures = [m for m in marks if m.get_attribute("id").startswith("m")]
    decided = [m.get_attribute("title") for m in figures if "decided by:" in m.get_attribute("title")]
    assert decided and all("read by: " in title and "confidence)" in title for title in decided)
    assert any("“" in title and "→" in title for title in decided)  # a cue word in its sentence
    money = [m for m in marks if "vnf-money" in m.get_attribute("class")]
    others = [m for m in marks if "vnf-money" not in m.get_attribute("class")]
    if money and others:
        assert money[0].value_of_css_property("background-color") != others[0].value_of_css_property(
            "background-color")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "document.png"))
    label = marks[0].get_attribute("class").split()[2].removeprefix("vnf-")
    browser.find_element(By.CSS_SELECTOR, f'.vnf-legend input[data-label="{label}"]').click()
    assert marks[0].value_of_css_property("background-color") in ("rgba(0, 0, 0, 0)", "transparent")
    assert marks[0].text  # hidden highlight, text still there


def test_a_mention_row_opens_its_span_in_the_document(served, browser):
    base, db_path = served
    db = sqlite_utils.Database(db_path)
    mention = next(db.query("select id, document_id from mentions order by value desc limit 1"), None)
    assert mention is not None, "the pipeline found no mentions in the test texts"
    result_rows(browser, f"{base}/{database_name(db_path)}/mentions?id={mention['id']}")
    browser.find_element(By.CSS_SELECTOR, "td.col-text a").click()
    assert browser.current_url.endswith(f"/-/document/{mention['document_id']}#m{mention['id']}")
    target = browser.find_element(By.CSS_SELECTOR, f"mark#m{mention['id']}")
    assert target.is_displayed()
    assert target.value_of_css_property("outline-style") == "solid"  # the :target outline
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "mention-target.png"))


def test_plan_vs_actual_page_draws_target_against_result(served, browser):
    base, db_path = served
    browser.get(f"{base}/-/plan-vs-actual?place=thai+binh&year=2025")  # no accents: folded
    assert browser.find_element(By.TAG_NAME, "h1").text == "Plan vs actual: Thái Bình, 2025"
    chart = browser.find_element(By.CSS_SELECTOR, "svg.vnf-chart")
    rows = sqlite_utils.Database(db_path)["plan_vs_actual"].count_where("place = 'Thái Bình'")
    bars = chart.find_elements(By.CSS_SELECTOR, ".vnf-chart-row rect")
    assert rows and len(bars) >= 2 * rows
    assert all(bar.size["width"] > 0 and bar.size["height"] > 0 for bar in bars)  # drawn, not just present
    met = chart.find_elements(By.CSS_SELECTOR, ".vnf-chart-row rect.vnf-met-yes")
    assert met and met[0].value_of_css_property("fill") == "rgb(27, 127, 59)"
    table_rows = browser.find_elements(By.CSS_SELECTOR, "table.vnf-plan-rows tbody tr")
    assert len(table_rows) == rows
    assert all("/-/document/" in a.get_attribute("href")
               for a in browser.find_elements(By.CSS_SELECTOR, "td.col-target a, td.col-actual a"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "plan-vs-actual.png"))


def test_map_of_figures_by_place_shows_markers(served, browser):
    """The cluster map's scripts are served by the plugins themselves: markers show offline; the
    tiles under them come from OpenStreetMap and need a connection."""
    from selenium.webdriver.support.ui import WebDriverWait

    base, db_path = served
    browser.get(f"{base}/{database_name(db_path)}/figures_by_place")
    WebDriverWait(browser, 20).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".leaflet-container .leaflet-marker-icon"))
    markers = browser.find_elements(By.CSS_SELECTOR, ".leaflet-container .leaflet-marker-icon")
    assert markers and all(marker.is_displayed() for marker in markers)
    counts = [int(m.text) for m in markers if m.text.strip().isdigit()]  # a cluster shows how many
    assert sum(counts) + sum(1 for m in markers if not m.text.strip()) == sqlite_utils.Database(db_path)["figures_by_place"].count
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    leaflet = browser.find_element(By.CSS_SELECTOR, ".leaflet-container")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", leaflet)
    assert leaflet.screenshot(str(SCREENSHOTS / "map.png"))


def test_a_resolution_is_titled_by_its_subject_in_lists_and_on_its_page(served, browser):
    base, db_path = served
    db = sqlite_utils.Database(db_path)
    (document,) = db.query("select id, title, text from documents where path = 'nghi-quyet-thai-binh-2025.txt'")
    assert document["text"].startswith("HỘI ĐỒNG NHÂN DÂN")  # a letterhead first …
    assert document["title"].startswith("Nghị quyết về kế hoạch phát triển kinh tế")  # … is not the title
    browser.get(f"{base}/-/document/{document['id']}")
    assert browser.find_element(By.CSS_SELECTOR, "h1.vnf-heading").text == document["title"]
    result_rows(browser, f"{base}/{database_name(db_path)}/documents_at_a_glance")
    titles = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-title")]
    assert document["title"] in titles and not any(t.startswith("HỘI ĐỒNG") for t in titles)


def test_search_without_accents_finds_the_accented_words(served, browser):
    base, db_path = served
    rows = result_rows(browser, f"{base}/{database_name(db_path)}/search_documents?q=ngan+sach")
    snippets = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "td.col-snippet")]
    assert len(rows) == 2 and all("«ngân»" in snippet and "«sách»" in snippet for snippet in snippets)
