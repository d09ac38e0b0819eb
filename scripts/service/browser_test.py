#!/usr/bin/env python3
"""Headless Chromium drives the dashboard as a new user would: paste the quickstart scenario, save it, run it, watch
the progress, open the report; then save a second version, see its diff and its paired comparison.

Usage: browser_test.py BASE_URL SCREENSHOT_DIR   (the server must be running and empty)
"""
import pathlib
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE, SHOTS = sys.argv[1], pathlib.Path(sys.argv[2])
SHOTS.mkdir(parents=True, exist_ok=True)

options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1100"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 120)


def by_id(name):
    return driver.find_element(By.ID, name)


def set_text(text):
    """Puts `text` in the editor as a paste would, firing the input event the page listens to."""
    driver.execute_script(
        "const t = document.getElementById('text'); t.value = arguments[0];"
        "t.dispatchEvent(new Event('input', {bubbles: true}));", text)


def text_of(name):
    return by_id(name).text


try:
    quickstart = (ROOT / "examples/quickstart.yaml").read_text()
    driver.get(BASE + "/")
    wait.until(lambda d: "server" in text_of("health"))
    by_id("new-scenario").click()
    by_id("scenario-id").send_keys("quickstart")

    # A broken paste first: the error is shown inline at its line.
    set_text(quickstart.replace("months: 60 ", "months: -60 "))
    wait.until(lambda d: "problem" in text_of("validation"))
    bad_line = quickstart.split("\n").index(next(l for l in quickstart.split("\n") if l.startswith("months: 60 "))) + 1
    marked = driver.find_elements(By.CSS_SELECTOR, "#gutter .bad")
    assert [m.text for m in marked] == [str(bad_line)], [m.text for m in marked]
    assert f"line {bad_line}:" in text_of("diagnostics"), text_of("diagnostics")

    set_text(quickstart)
    wait.until(lambda d: text_of("validation").startswith("Valid: 2 providers"))
    by_id("version-message").send_keys("the quickstart, as shipped")
    by_id("save").click()
    wait.until(lambda d: "saved version 1" in text_of("save-status"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "#versions tbody tr")) == 1

    # Run it and watch the progress.
    paths = by_id("run-paths")
    paths.clear()
    paths.send_keys("100000")
    by_id("run").click()
    wait.until(lambda d: by_id("live").is_displayed())
    seen = set()
    deadline = time.time() + 300
    while time.time() < deadline:
        status = text_of("live-status")
        seen.add(status.split(" · ")[0])
        if status.startswith(("succeeded", "failed", "cancelled")):
            break
        time.sleep(0.05)
    assert status.startswith("succeeded"), status
    assert "running" in seen, seen
    driver.save_screenshot(str(SHOTS / "dashboard-run.png"))

    # Open the report.
    wait.until(lambda d: d.find_elements(By.XPATH, "//table[@id='runs']//button[text()='Report']"))
    driver.find_element(By.XPATH, "//table[@id='runs']//button[text()='Report']").click()
    wait.until(lambda d: by_id("report-pane").is_displayed())
    driver.switch_to.frame(by_id("report-frame"))
    wait.until(EC.presence_of_element_located((By.TAG_NAME, "svg")))
    charts = len(driver.find_elements(By.TAG_NAME, "svg"))
    title = driver.find_element(By.TAG_NAME, "h1").text
    driver.switch_to.default_content()
    assert charts >= 4, charts
    driver.save_screenshot(str(SHOTS / "dashboard-report.png"))
    by_id("close-report").click()

    # A second version: its diff and its paired comparison.
    set_text(quickstart.replace("    price_usd_per_mw_month: 1.4e+6", "    price_usd_per_mw_month: 1.2e+6"))
    wait.until(lambda d: text_of("validation").startswith("Valid"))
    by_id("version-message").send_keys("cheaper lease")
    by_id("save").click()
    wait.until(lambda d: "saved version 2" in text_of("save-status"))
    by_id("show-diff").click()
    wait.until(lambda d: by_id("diff-panel").is_displayed())
    rows = driver.find_elements(By.CSS_SELECTOR, "#diff tbody tr")
    assert len(rows) == 1 and "contracts[lakeside-lease].price_usd_per_mw_month" in rows[0].text, [r.text for r in rows]
    paths.clear()
    paths.send_keys("20000")
    by_id("compare").click()
    wait.until(lambda d: by_id("comparison-panel").is_displayed())
    figures = driver.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
    assert len(figures) >= 3, len(figures)
    spend = next(r.text for r in figures if "spend" in r.text)
    driver.save_screenshot(str(SHOTS / "dashboard-compare.png"))
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    print(f"service: browser: saved, ran 100,000 paths with live progress ({', '.join(sorted(seen))}), opened the report "
          f"({charts} charts, '{title}'), diffed and compared a second version ({spend})")
finally:
    driver.quit()
