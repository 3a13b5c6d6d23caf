"""Recovery cases in a real Chromium, on SQLite and PostgreSQL (issue 21): a Support Lead logs in, finds their queue,
opens an overdue case, calls, saves with Resolution recovered, and the queue, SRES, SRP and the API agree on the next
load; an alertsOnly Also Alert sees only their group's cases; another instance's admin finds nothing.

The responses are received on 16 November 2026 and alerted the next morning with a 24-hour target, so every case is
long overdue whatever day the suite runs on."""
import re
import urllib.parse

import requests

from browser import browser, chromium, click_and_wait, find, find_all, login, text, text_of, visit  # noqa: F401
from conftest import create_instance
from test_pages import DAY, NEXT_DAY, PASSWORD, add_contact, add_user, alert_links, put_group, respond


def queue_tickets(driver):
    return [text_of(li.find_element("css selector", ".ticket")) for li in find_all(driver, "ol#queue-list > li.case-item")]


def counts(driver):
    return text(driver, "#count-open"), text(driver, "#count-overdue"), text(driver, "#count-closed")


def cases_page(server, instance, dashid, **query):
    return f"{server.base_url}/dashboards?" + urllib.parse.urlencode({"cpc": instance.cpc, "dashid": dashid, "from": DAY, "to": DAY, **query})


def test_a_lead_works_an_overdue_case_from_the_queue_and_every_view_agrees(server, instance, structure, browser, tmp_path):
    api = instance.api
    olive = add_contact(api, "Olive Other", "olive@example.com")
    ari = add_contact(api, "Ari Also", "ari@example.com")
    put_group(api, "OTHER", "Other team", olive, also=[(ari, "alertsOnly")])
    created = {t: respond(api, t, g, r, at=f"{DAY}T{h}:00", customer=c)
               for t, g, r, h, c in [("T-1", "TEAM", 2, 10, "Margaret <b>Chen</b>"), ("T-2", "TEAM", 4, 11, "Daniel Park"),
                                     ("T-3", "TEAM", 10, 12, "Happy Harriet"), ("O-1", "OTHER", 3, 13, "Olga Other")]}
    alert_links(server, instance, tmp_path)
    add_user(api, "lee@example.com", "member", structure)
    add_user(api, "ari@example.com", "member", ari)

    # The lead's home page is their queue: the two TEAM cases, overdue, most overdue first; a promoter is no case.
    assert login(browser, server.base_url, instance.cpc, "lee@example.com", PASSWORD) == 200
    assert sorted(queue_tickets(browser)) == ["T-1", "T-2"]
    assert counts(browser) == ("2 open", "2 overdue", "0 closed this week")
    first = [li for li in find_all(browser, "ol#queue-list > li.case-item") if "T-1" in text_of(li)][0]
    assert "overdue" in first.get_attribute("class") and re.search(r"overdue by \d+ d", text_of(first))
    assert "Margaret <b>Chen</b>" in text_of(first), "customer text is shown as text"
    assert not find_all(browser, "ol#queue-list b"), "…and never as markup"

    # One click to the dialog, which shows the case; the lead calls and closes it as recovered.
    assert click_and_wait(browser, first.find_element("css selector", "a")) == 200
    assert text(browser, "dl#response dd[data-field=ticket]") == "T-1"
    assert text(browser, "dd[data-field=case-state]") == "Open" and text(browser, "dd[data-field=case-owner]") == "Lee Lead"
    assert "overdue by" in text(browser, "dd[data-field=case-due]")
    find(browser, "textarea#notes").send_keys("Called Margaret, apologised and refunded the fee. She is happy now.")
    find(browser, "input#spoke").click()
    find(browser, "select#resolution option[value=recovered]").click()
    assert click_and_wait(browser, find(browser, "button#save")) == 200
    assert text(browser, "dd[data-field=case-state]") == "Closed: recovered"
    history = [text_of(li.find_element("css selector", ".text")) for li in find_all(browser, "ol#case-log > li")]
    assert history == ["Case opened by the alert", "Customer contacted", "Closed: recovered"]

    # On the next load the queue, SRES, SRP and the API agree.
    assert visit(browser, f"{server.base_url}/") == 200
    assert queue_tickets(browser) == ["T-2"]
    assert counts(browser) == ("1 open", "1 overdue", "1 closed this week")
    assert visit(browser, cases_page(server, instance, "SRES", state="closed")) == 200
    rows = find_all(browser, "table#responses tbody tr.response")
    assert [r.get_attribute("data-ticket") for r in rows] == ["T-1"]
    assert text_of(rows[0].find_element("css selector", ".case-state")) == "Closed: recovered"
    assert text_of(rows[0].find_element("css selector", ".case-owner")) == "Lee Lead"
    # The SRP counts the cases its period's alerts opened: 16 November's responses were alerted on the 17th.
    assert visit(browser, cases_page(server, instance, "SRP", to=NEXT_DAY)) == 200
    team = [tr for tr in find_all(browser, "table#cases tbody tr.group") if "(TEAM)" in text_of(tr)][0]
    cell = {c: text_of(team.find_element("css selector", f".{c}")) for c in ("open", "overdue", "closed", "res-recovered", "recovered-share")}
    assert cell == {"open": "1", "overdue": "1", "closed": "1", "res-recovered": "1", "recovered-share": "100%"}
    closed = api.get("/cases", params={"state": "closed"}).json()["items"]
    assert [(c["ticketId"], c["resolution"]) for c in closed] == [("T-1", "recovered")]
    assert sorted(c["ticketId"] for c in api.get("/cases", params={"overdue": "true"}).json()["items"]) == ["O-1", "T-2"]

    # An alertsOnly Also Alert of OTHER sees OTHER's case only, and can open it.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, instance.cpc, "ari@example.com", PASSWORD) == 200
    assert queue_tickets(browser) == ["O-1"]
    assert click_and_wait(browser, find(browser, "ol#queue-list > li.case-item a")) == 200
    assert text(browser, "dd[data-field=case-owner]") == "Olive Other"

    # Another instance's admin: every case URL of this instance is a 404, and so is its API.
    other = create_instance(server)
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, other.cpc, other.admin_email, other.admin_password) == 200
    assert queue_tickets(browser) == []
    case_id = closed[0]["id"]
    for url in [f"/queue?cpc={instance.cpc}", f"/service-recovery-notes?cpc={instance.cpc}&rgid=TEAM&tid=T-1",
                f"/dashboards?cpc={instance.cpc}&dashid=SRES&state=closed", f"/reports/survey-responses?cpc={instance.cpc}&state=closed"]:
        assert visit(browser, server.base_url + url) == 404, url
    for method in ("get", "patch"):
        answer = getattr(other.api, method)(f"/cases/{case_id}", **({"json": {"reopen": True}} if method == "patch" else {}))
        assert answer.status_code == 404, (method, answer.text)
    assert other.api.get("/cases").json()["items"] == []
    assert requests.get(f"{server.base_url}/queue?cpc={instance.cpc}", allow_redirects=False).status_code in (302, 303)
