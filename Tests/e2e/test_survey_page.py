"""The survey page in a real Chromium, on SQLite and PostgreSQL (issue 22): on a 390 px phone a customer opens their
invitation's link, the rating is recorded at once, and every control of the page is reached with the keyboard alone
and sent with it. axe-core (axe-selenium-python) finds no serious or critical violation on the survey page, the
notes dialog or My queue."""
from axe_selenium_python import Axe
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import browser, chromium, click_and_wait, find, find_all, login, screenshot, script, text, visit  # noqa: F401
from test_pages import DAY, alert_links, dialog, respond

PHONE = (390, 844)


def invite(instance, ticket, name="Casey <i>Nguyen</i>"):
    answer = instance.api.post("/survey-invitations", json={
        "ticketId": ticket, "supportGroupCode": "TEAM", "segmentCode": "ENT", "agent": "Priya Shah",
        "customer": {"name": name, "email": f"{ticket.lower()}@example.com"}})
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "queued"
    return answer.json()["url"]


def serious_violations(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    found = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def focus_order(driver, limit=40):
    """What Tab reaches, in order, from the top of the page: each element as tag#id or tag[name=value]."""
    script(driver, "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    find(driver, "body").send_keys(Keys.TAB)
    reached = []
    for _ in range(limit):
        active = driver.switch_to.active_element
        key = script(driver, "const e = document.activeElement; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                             " + (e.name && !e.id ? '[' + e.name + ']' : '')")
        if reached and key == reached[0]:
            break
        reached.append(key)
        active.send_keys(Keys.TAB)
    return reached


def test_a_customer_answers_on_a_phone_with_the_keyboard_alone(server, instance, structure, browser):
    url = invite(instance, "S-1")
    browser.set_window_size(*PHONE)
    assert visit(browser, url) == 200
    ratings = find_all(browser, "ol.rating-links a.rating")
    assert [r.text for r in ratings] == [str(n) for n in range(1, 11)]
    assert script(browser, "return document.documentElement.scrollWidth") <= PHONE[0], "no sideways scrolling on a phone"
    assert serious_violations(browser) == []
    screenshot(browser, "survey-phone.png", PHONE[0], PHONE[1], phone=True)

    # The customer clicks 3: recorded at once, whatever they do next.
    assert click_and_wait(browser, ratings[2]) == 200
    assert "rating of 3 out of 10 is recorded" in text(browser, "#recorded")
    stored = instance.api.get("/survey-responses").json()["items"]
    assert [(r["ticketId"], r["rating"], r["needsRecovery"]) for r in stored] == [("S-1", 3, True)]
    assert "Casey <i>Nguyen</i>" == stored[0]["customer"]["name"]
    assert not find_all(browser, "i"), "the customer's name is never markup"
    assert script(browser, "return document.documentElement.scrollWidth") <= PHONE[0]
    assert serious_violations(browser) == []
    screenshot(browser, "survey-form-phone.png", PHONE[0], phone=True)
    browser.set_window_size(*PHONE)

    # Every control has a label, and Tab reaches each of them in the page's order.
    controls = find_all(browser, "form#survey-form input:not([type=hidden]), form#survey-form textarea")
    for control in controls:
        assert find_all(browser, f"label[for='{control.get_attribute('id')}']"), control.get_attribute("id")
    order = focus_order(browser)
    wanted = ["input#q1-3", *[f"input#factor-{n}" for n in range(1, 6)], "textarea#comment", "button#send"]
    assert [key for key in order if key in wanted] == wanted, order

    # Space ticks a factor, typing fills the comment, Enter on the button sends it.
    find(browser, "input#factor-1").send_keys(Keys.SPACE)
    find(browser, "input#factor-3").send_keys(Keys.SPACE)
    find(browser, "textarea#comment").send_keys("Quick once someone picked it up.")
    find(browser, "input#q1-3").send_keys(Keys.ARROW_RIGHT)  # radio buttons move with the arrows: now 4
    script(browser, "window.__mgOldPage = true")
    find(browser, "button#send").send_keys(Keys.ENTER)
    WebDriverWait(browser, 20).until(lambda d: script(d, "return !window.__mgOldPage && document.readyState === 'complete'"))
    assert text(browser, "h1#thanks") == "Thank you"
    latest = instance.api.get("/survey-responses").json()["items"]
    assert [(r["rating"], r["factors"], r["comment"]) for r in latest] == [(4, ["Speed", "Communication"], "Quick once someone picked it up.")]


def test_the_notes_dialog_and_my_queue_have_no_serious_accessibility_violations(server, instance, structure, browser, tmp_path):
    respond(instance.api, "A-1", "TEAM", 2, at=f"{DAY}T10:00")
    alert_links(server, instance, tmp_path)
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password) == 200
    assert find_all(browser, "ol#queue-list > li.case-item"), "the admin's queue shows the case"
    assert serious_violations(browser) == []
    assert visit(browser, dialog(server, instance, rgid="TEAM", date=DAY)) == 200
    assert text(browser, "dl#response dd[data-field=ticket]") == "A-1"
    assert serious_violations(browser) == []
    browser.set_window_size(*PHONE)
    assert serious_violations(browser) == []
