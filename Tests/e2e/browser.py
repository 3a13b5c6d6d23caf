"""A real headless Chromium driven by Selenium, and the few page helpers every browser test needs.

Selenium cannot see HTTP status codes, so `status()` reads the Navigation Timing entry's `responseStatus`
(Chromium ≥ 109): the status of the document the browser is showing, after any redirects."""
import os
import re
import urllib.parse

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DESKTOP = (1280, 900)
WAIT = 20  # seconds; a page of this server answers in milliseconds, so this only bounds a hang


def start_chromium() -> webdriver.Chrome:
    """One headless Chromium; fails at once (on a data: URL) if the browser or its driver cannot start."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                f"--window-size={DESKTOP[0]},{DESKTOP[1]}", "--lang=en-AU", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.get("data:text/html,<title>ready</title><p id=p>ok</p>")
    assert driver.title == "ready" and driver.find_element(By.ID, "p").text == "ok", "Chromium did not render a data: URL"
    return driver


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: starting Chromium costs a second, a test costs less."""
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium):
    """The module's browser with no cookies from earlier tests (of any port: cookies ignore ports) and no alert."""
    dismiss_alerts(chromium)
    chromium.execute_cdp_cmd("Network.clearBrowserCookies", {})
    chromium.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    chromium.set_window_size(*DESKTOP)
    yield chromium
    dismiss_alerts(chromium)


def dismiss_alerts(driver):
    """Closes any alert a failed XSS test left open, so the next test can drive the page."""
    try:
        driver.switch_to.alert.dismiss()
    except NoAlertPresentException:
        pass


def no_alert_open(driver) -> bool:
    """True when no JavaScript alert/confirm/prompt is showing."""
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def script(driver, js: str):
    """Runs js in the page; a JavaScript alert the page opened (injected markup that ran) fails the test clearly."""
    try:
        return driver.execute_script(js)
    except UnexpectedAlertPresentException as opened:
        raise AssertionError(f"the page opened a JavaScript alert ({opened.alert_text!r}): markup ran as script") from None


def status(driver) -> int:
    """The HTTP status of the document on screen (after redirects)."""
    return script(driver, "const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;")


def wait_loaded(driver):
    WebDriverWait(driver, WAIT).until(lambda d: script(d, "return document.readyState") == "complete")


def visit(driver, url: str) -> int:
    """Opens url and returns its HTTP status."""
    driver.get(url)
    wait_loaded(driver)
    return status(driver)


def click_and_wait(driver, element) -> int:
    """Clicks something that submits a form, waits for the next document and returns its HTTP status.

    The old page is marked with a window property that the next document no longer has; while Chromium swaps
    documents, a poll can fail with a transient DevTools error, which only means "not yet"."""
    script(driver, "window.__mgOldPage = true")
    element.click()

    def next_page_loaded(d):
        try:  # script() turns an open alert into an AssertionError, which is not caught here
            return script(d, "return !window.__mgOldPage && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, WAIT).until(next_page_loaded)
    return status(driver)


def find(driver, css: str):
    return driver.find_element(By.CSS_SELECTOR, css)


def find_all(driver, css: str):
    return driver.find_elements(By.CSS_SELECTOR, css)


def text_of(element) -> str:
    """An element's text as written in the HTML (textContent, so CSS such as text-transform cannot alter it),
    with runs of whitespace made one space."""
    return " ".join(element.get_attribute("textContent").split())


def text(driver, css: str) -> str:
    """The text of the one element css names (fails if there is none)."""
    return text_of(find(driver, css))


def disabled(element) -> bool:
    """A button is inactive when it carries the `disabled` attribute."""
    return element.get_dom_attribute("disabled") is not None


def type_into(element, value: str):
    element.clear()
    if value:
        element.send_keys(value)


def path_of(url) -> str:
    """The path and query of url: what a login's `next` takes."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}"


def login(driver, base_url: str, cpc: str, email: str, password: str, next_path: str = "/") -> int:
    """Logs in through the real form (`/login?cpc=…&next=…`) and returns the status of the page it lands on."""
    visit(driver, f"{base_url}/login?" + urllib.parse.urlencode({"cpc": cpc, "next": next_path}))
    form = find(driver, "form#login-form")
    cpc_input = form.find_element(By.CSS_SELECTOR, "[name=cpc]")
    if not cpc_input.get_attribute("value"):
        if cpc_input.is_displayed():
            cpc_input.send_keys(cpc)
        else:
            driver.execute_script("arguments[0].value = arguments[1]", cpc_input, cpc)
    type_into(form.find_element(By.CSS_SELECTOR, "input[name=email]"), email)
    type_into(form.find_element(By.CSS_SELECTOR, "input[name=password]"), password)
    return click_and_wait(driver, find(driver, "button#login"))


# ---- the Service Recovery Notes dialog (the HTML contract's ids and names) ----

def field(driver, name) -> str:
    return text(driver, f"dl#response dd[data-field={name}]")


def author(driver) -> str:
    return find(driver, "input#author[name=author]").get_attribute("value")


def buttons(driver) -> dict:
    """Which of the three save buttons are active."""
    return {b: not disabled(find(driver, f"form#notes-form button#{b}")) for b in ("save-previous", "save", "save-next")}


def save(driver, button="save", text="", spoke=False, name=None, browser_checks=True) -> int:
    """Fills the notes form like a person and presses one of its buttons; returns the status of the page shown next.

    browser_checks=False turns off the browser's own form validation (`required`), to reach the server's."""
    if not browser_checks:
        driver.execute_script("document.querySelector('form#notes-form').noValidate = true")
    if name is not None:
        type_into(find(driver, "input#author"), name)
    type_into(find(driver, "textarea#notes[name=text]"), text)
    box = find(driver, "input#spoke[type=checkbox][name=spoke]")
    if box.is_selected() != spoke:
        box.click()
    return click_and_wait(driver, find(driver, f"button#{button}"))


def log(driver) -> list:
    """The notes log, oldest first, as (author, spoke, text); each entry must also carry a time element."""
    entries = []
    for li in find_all(driver, "ol#notes-log > li.note"):
        assert text_of(li.find_element(By.CSS_SELECTOR, "time")), "a note without its time"
        entries.append(tuple(text_of(li.find_element(By.CSS_SELECTOR, c)) for c in (".author", ".spoke", ".text")))
    return entries


def at(driver, n, total) -> bool:
    """Whether #position says "n of total"."""
    return re.search(rf"\b{n} of {total}\b", text(driver, "#position")) is not None


def screenshot(driver, name: str, width: int, height: int | None = None, phone: bool = False) -> str:
    """Writes docs/images/<name> from the page on screen: the whole page at `width`, or exactly width×height.

    The viewport is set through DevTools so the picture is exactly that size; phone=True also makes Chromium
    behave as a phone (`<meta name=viewport>` and media queries apply as they would on one)."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, "docs", "images", name)

    def viewport(h):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": h, "deviceScaleFactor": 1, "mobile": phone})

    viewport(height or DESKTOP[1])
    if height is None:  # as tall as the page, so the picture shows all of it
        tall = script(driver, "return Math.ceil(document.documentElement.getBoundingClientRect().height)")
        viewport(max(400, min(tall, 4000)))
    wait_loaded(driver)
    shown = script(driver, "return window.innerWidth")
    assert shown == width, f"the page lays out {shown} px wide in a {width} px viewport (no <meta name=viewport>?)"
    assert driver.save_screenshot(path), f"could not write {path}"
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path
