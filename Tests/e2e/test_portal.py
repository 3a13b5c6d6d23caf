"""The admin Portal (issue 7: Preferences, Fix Data Errors, Reassign Transactional Surveys) in a real Chromium, on
SQLite and PostgreSQL, held to its HTML contract (ids, names, classes) only. Responses are received on fixed days of
November 2026, except the one whose "will the next run alert it?" depends on the clock: it is received just now."""
import json
import re
import urllib.parse
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import (browser, chromium, click_and_wait, find, find_all, login, no_alert_open, path_of,  # noqa: F401
                     screenshot, script, text, text_of, type_into, visit)
from conftest import create_instance

PASSWORD = "correct-horse-battery"
PREFIX = "https://help.example.com/tickets/"
HOSTILE = "<script>alert(1)</script>"
PAGES = ("/portal", "/portal/preferences", "/portal/data-errors", "/portal/reassign")
NO_MATCH = "Your URL is formed correctly but we couldn't find any surveys that matched the criteria in your URL"


# ---- data, through the public API -------------------------------------------------------------------------------

def add_contact(api, name, email_address):
    created = api.post("/contacts", json={"name": name, "email": email_address, "mobile": "+61412345678"})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def put_group(api, code, name, lead):
    put = api.put(f"/support-groups/{code}", json={"name": name, "lead": lead})
    assert put.status_code in (200, 201), put.text


def respond(api, tid, group, at="2026-11-16T10:00", segment="ENT", rating=3, customer="Casey Nguyen",
            agent="Priya Shah", comment="It took a while."):
    """Posts a response received at `at` (an aware datetime, or "2026-11-16T10:00" Sydney time); returns its body."""
    received = at.isoformat(timespec="seconds") if isinstance(at, datetime) else f"{at}:00+11:00"
    body = {"ticketId": tid, "supportGroupCode": group, "segmentCode": segment, "rating": rating, "agent": agent,
            "customer": {"name": customer, "email": "customer@example.com"}, "factors": ["Speed"],
            "comment": comment, "receivedAt": received}
    created = api.post("/survey-responses", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def response(api, rid) -> dict:
    return api.get(f"/survey-responses/{rid}").json()



# ---- pages ------------------------------------------------------------------------------------------------------

def portal(server, cpc, page="/portal", **query) -> str:
    return f"{server.base_url}{page}?" + urllib.parse.urlencode({"cpc": cpc, **query})


def as_admin(browser, server, instance, url):
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(url)) == 200


def set_value(driver, css, value):
    """Sets a time or date input: what keys Chromium's own widget takes depends on its locale, its value does not."""
    script(driver, f"document.querySelector({json.dumps(css)}).value = {json.dumps(value)}")


def value(driver, css) -> str:
    return find(driver, css).get_attribute("value")


def fix_form(driver, rid):
    return find(driver, f"form.fix[data-id='{rid}']")


def listed(driver) -> set:
    """The ids of the responses Fix Data Errors lists."""
    return {f.get_attribute("data-id") for f in find_all(driver, "form.fix")}


def fix(driver, rid, group=None, segment=None, ticket=None) -> int:
    """Fills one response's fix form like a person and submits it; returns the status of the page shown next."""
    form = fix_form(driver, rid)
    if ticket is not None:
        type_into(form.find_element(By.CSS_SELECTOR, "input[name=ticketId]"), ticket)
    for name, code in (("supportGroupCode", group), ("segmentCode", segment)):
        if code is not None:
            Select(form.find_element(By.CSS_SELECTOR, f"select[name={name}]")).select_by_value(code)
    return click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def tickets(driver) -> list:
    return [r.get_attribute("data-ticket") for r in find_all(driver, "table#responses tbody tr.response")]


def move(driver, ticked, target) -> int:
    """Ticks the rows of `ticked` on the reassign page, chooses the target group and presses Move."""
    for tid in ticked:
        find(driver, f"tr.response[data-ticket='{tid}'] input[type=checkbox][name=id]").click()
    Select(find(driver, "select#target")).select_by_value(target)
    return click_and_wait(driver, find(driver, "button#move"))


def audit(driver) -> list:
    """The audit list as (ticket, from, to, by); each row must also say when."""
    rows = [[text_of(td) for td in tr.find_elements(By.CSS_SELECTOR, "td")] for tr in find_all(driver, "table#audit tbody tr")]
    assert all(len(r) == 5 and r[0] for r in rows), rows
    return sorted(tuple(r[1:]) for r in rows)


def fill_preferences(driver, threshold, alert_time, tz, weekend, target, prefix):
    type_into(find(driver, "#threshold"), threshold)
    set_value(driver, "#alertTime", alert_time)
    type_into(find(driver, "#timezone"), tz)
    if find(driver, "#weekendAlerts").is_selected() != weekend:
        find(driver, "#weekendAlerts").click()
    type_into(find(driver, "#targetHours"), target)
    type_into(find(driver, "#ticketUrlPrefix"), prefix)
    return click_and_wait(driver, find(driver, "form#preferences-form button#save"))


# ---- the tests ---------------------------------------------------------------------------------------------------

def test_a_new_admin_sets_the_preferences_and_sees_the_next_alert_in_local_time_and_utc(server, instance, browser):
    """From `instance create`'s login to saved preferences; the page, the next alert and the API agree; bad values are 422s."""
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password,
                 path_of(portal(server, instance.cpc))) == 200
    links = {text_of(a): a for a in find_all(browser, "ul.portal-links a")}
    assert {"Preferences", "Fix Data Errors", "Reassign Transactional Surveys"} <= set(links), list(links)
    assert {"SRES", "SRP"} <= {urllib.parse.parse_qs(urllib.parse.urlsplit(a.get_attribute("href")).query).get("dashid", [""])[0]
                               for a in links.values()}, "the dashboards are linked"
    assert click_and_wait(browser, links["Preferences"]) == 200
    assert urllib.parse.urlsplit(browser.current_url).path == "/portal/preferences"

    assert fill_preferences(browser, "5", "07:30", "Europe/Paris", False, "48", PREFIX) == 200
    assert text(browser, "p#saved")
    shown = text(browser, "p#next-alert")
    found = re.search(r"(\d{1,2} \w{3} \d{4}), (\d\d:\d\d) \(Europe/Paris\) · (\S+Z)$", shown)
    assert found, shown
    utc = datetime.fromisoformat(found[3].replace("Z", "+00:00"))
    paris = utc.astimezone(ZoneInfo("Europe/Paris"))
    assert found[2] == f"{paris:%H:%M}" == "07:30" and found[1] == f"{paris.day} {paris:%b %Y}", "local = UTC in Paris"
    now = datetime.now(timezone.utc)
    assert now < utc <= now + timedelta(days=1), f"the next 07:30 in Paris after {now}: {shown}"
    saved = {"threshold": 5, "alertTime": "07:30", "timezone": "Europe/Paris", "weekendAlerts": False,
             "targetHours": 48, "ticketUrlPrefix": PREFIX, "remindOverdue": True, "escalateAfterHours": 48,
             "surveyQuietDays": 7, "surveyLinkDays": 30, "resurveyAfterDays": 0}
    assert instance.api.get("/preferences").json() == saved
    assert (value(browser, "#threshold"), value(browser, "#alertTime"), value(browser, "#timezone")) == ("5", "07:30", "Europe/Paris")
    assert not find(browser, "#weekendAlerts").is_selected() and value(browser, "#targetHours") == "48"

    page = portal(server, instance.cpc, "/portal/preferences")
    for name, bad in (("alertTime", "05:00"), ("alertTime", "18:01"), ("timezone", "Europe/Atlantis"),
                      ("threshold", "0"), ("threshold", "10")):
        visit(browser, page)
        script(browser, "document.querySelector('form#preferences-form').noValidate = true")  # reach the server's checks
        typed = {"threshold": "3", "alertTime": "08:15", "timezone": "Asia/Tokyo"} | {name: bad}
        assert fill_preferences(browser, typed["threshold"], typed["alertTime"], typed["timezone"], True, "72",
                                "https://support.example.org/t/") == 422, (name, bad)
        error = text(browser, "p#form-error")
        assert name in error and bad in error, f"says what to change: {error}"
        kept = {n: value(browser, f"#{n}") for n in typed}
        assert kept == typed and value(browser, "#targetHours") == "72", (name, bad)
        assert find(browser, "#weekendAlerts").is_selected() and value(browser, "#ticketUrlPrefix") == "https://support.example.org/t/"
    assert instance.api.get("/preferences").json() == saved, "a refused form changes nothing"


def test_fix_data_errors_makes_a_response_valid_says_what_the_next_run_does_and_keeps_a_conflict_typed(server, instance, structure, browser):
    """An unknown group code is listed with its problem; fixing it validates it; a ticket-id conflict is a 422 in that form."""
    api = instance.api
    recent = respond(api, "T-1", "TEAMX", at=datetime.now(timezone.utc) - timedelta(minutes=2))  # in the next run's window
    old = respond(api, "T-2", "TEAMX", at="2026-11-02T10:00")
    clash = respond(api, "T-3", "TEAM", segment="GOV", at="2026-11-03T10:00")
    respond(api, "T-9", "TEAM", at="2026-11-03T11:00")
    assert [r["status"] for r in (recent, old, clash)] == ["invalid"] * 3
    as_admin(browser, server, instance, portal(server, instance.cpc, "/portal/data-errors"))
    assert listed(browser) == {recent["id"], old["id"], clash["id"]}, "the valid T-9 is not listed"
    assert text(browser, "#count").startswith("3")

    form = fix_form(browser, recent["id"])
    problems = [text_of(li) for li in form.find_elements(By.CSS_SELECTOR, "ul.problems li")]
    assert len(problems) == 1 and "TEAMX" in problems[0], problems
    group = Select(form.find_element(By.CSS_SELECTOR, "select[name=supportGroupCode]"))
    assert text_of(group.first_selected_option) == "TEAMX — unknown"
    assert value(browser, f"form.fix[data-id='{recent['id']}'] input[name=ticketId]") == "T-1"
    assert fix(browser, recent["id"], group="TEAM") == 200
    fixed = text(browser, "p#fixed")
    assert re.match(r"T-1 is valid since .+ will alert it\.$", fixed), fixed
    assert response(api, recent["id"])["status"] == "valid" and response(api, recent["id"])["supportGroupCode"] == "TEAM"
    assert listed(browser) == {old["id"], clash["id"]}

    assert fix(browser, old["id"], group="TEAM") == 200
    assert re.match(r"T-2 is valid since .+too long ago for the next run", text(browser, "p#fixed")), text(browser, "p#fixed")
    assert response(api, old["id"])["status"] == "valid" and listed(browser) == {clash["id"]}

    form = fix_form(browser, clash["id"])
    assert text_of(Select(form.find_element(By.CSS_SELECTOR, "select[name=segmentCode]")).first_selected_option) == "GOV — unknown"
    assert fix(browser, clash["id"], ticket="T-9", segment="ENT") == 422
    form = fix_form(browser, clash["id"])
    assert "T-9" in text_of(form.find_element(By.CSS_SELECTOR, ".form-error")), "the error shows in the form it is about"
    assert value(browser, f"form.fix[data-id='{clash['id']}'] input[name=ticketId]") == "T-9"
    assert Select(form.find_element(By.CSS_SELECTOR, "select[name=segmentCode]")).first_selected_option.get_attribute("value") == "ENT"
    unchanged = response(api, clash["id"])
    assert (unchanged["status"], unchanged["ticketId"], unchanged["segmentCode"]) == ("invalid", "T-3", "GOV")


def test_reassign_moves_the_ticked_responses_records_who_and_old_group_links_match_nothing(server, instance, structure, browser):
    """Two of three TEAM responses move to OTHER; the page and the audit say so; the old per-group dialog URL shows #no-match."""
    api = instance.api
    put_group(api, "OTHER", "Other", structure)
    ids = {t: respond(api, t, "TEAM", at=f"2026-11-16T{h}:00")["id"] for t, h in (("R-1", 10), ("R-2", 11), ("R-3", 12))}
    respond(api, "R-0", "TEAM", at="2026-11-12T10:00")  # before `from`
    as_admin(browser, server, instance, portal(server, instance.cpc, "/portal/reassign"))
    Select(find(browser, "form#filters select[name=rgid]")).select_by_value("TEAM")
    set_value(browser, "form#filters input[name=from]", "2026-11-16")
    set_value(browser, "form#filters input[name=to]", "2026-11-16")
    assert click_and_wait(browser, find(browser, "form#filters button#show")) == 200
    assert sorted(tickets(browser)) == ["R-1", "R-2", "R-3"]

    assert click_and_wait(browser, find(browser, "button#move")) == 422, "nothing ticked"
    assert text(browser, "p#form-error") and not audit(browser)
    assert move(browser, ["R-1", "R-3"], "OTHER") == 200
    assert re.match(r"Moved 2 responses", text(browser, "p#moved")), text(browser, "p#moved")
    assert sorted(tickets(browser)) == ["R-1", "R-3"], "the list now shows the target group"
    assert {text(browser, f"tr.response[data-ticket='{t}'] td.group") for t in ("R-1", "R-3")} == {"Other"}
    assert audit(browser) == [(t, "Team", "Other", instance.admin_email) for t in ("R-1", "R-3")]
    assert {t: response(api, i)["supportGroupCode"] for t, i in ids.items()} == {"R-1": "OTHER", "R-2": "TEAM", "R-3": "OTHER"}

    old_link = portal(server, instance.cpc, "/service-recovery-notes", rgid="TEAM", tid="R-1")
    visit(browser, old_link)
    assert text(browser, "#no-match") == NO_MATCH and not find_all(browser, "form#notes-form")
    assert visit(browser, portal(server, instance.cpc, "/service-recovery-notes", rgid="OTHER", tid="R-1")) == 200
    assert not find_all(browser, "#no-match") and find_all(browser, "form#notes-form")


def test_portal_pages_are_for_this_instances_admins_only(server, instance, structure, browser):
    """Logged out → /login; a member (a Support Lead) → 403; another instance's admin → 404 — on every page."""
    respond(instance.api, "P-1", "NOPE", customer="Private Person")
    for page in PAGES:
        visit(browser, portal(server, instance.cpc, page))
        assert urllib.parse.urlsplit(browser.current_url).path == "/login", page

    member = {"email": "lee@example.com", "role": "member", "contact": structure, "password": PASSWORD}
    assert instance.api.post("/users", json=member).status_code == 201
    assert login(browser, server.base_url, instance.cpc, "lee@example.com", PASSWORD, path_of(portal(server, instance.cpc))) == 403
    for page in PAGES:
        assert visit(browser, portal(server, instance.cpc, page)) == 403, page
        assert "Private Person" not in browser.page_source and not find_all(browser, "form#preferences-form, form.fix")

    other = create_instance(server)
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, other.cpc, other.admin_email, other.admin_password) == 200
    for page in PAGES:
        assert visit(browser, portal(server, instance.cpc, page)) == 404, page
        assert "Private Person" not in browser.page_source


def test_a_portal_post_without_the_csrf_token_is_refused_and_changes_nothing(server, instance, structure, browser):
    """Each portal form, posted with the admin's own session cookies but no (or a forged) csrf field, is a 403."""
    api = instance.api
    put_group(api, "OTHER", "Other", structure)
    broken = respond(api, "C-1", "NOPE")
    kept = respond(api, "C-2", "TEAM")
    before = api.get("/preferences").json()
    as_admin(browser, server, instance, portal(server, instance.cpc, "/portal/preferences"))
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    forms = {
        "/portal/preferences": {"threshold": "1", "alertTime": "06:00", "timezone": "UTC", "targetHours": "1"},
        "/portal/data-errors": {"id": broken["id"], "ticketId": "C-1", "supportGroupCode": "TEAM", "segmentCode": "ENT"},
        "/portal/reassign": {"id": kept["id"], "target": "OTHER", "rgid": "TEAM"},
    }
    for path, fields in forms.items():
        for csrf in ({}, {"csrf": "forged-token"}):
            posted = requests.post(server.base_url + path, data={"cpc": instance.cpc, **fields, **csrf},
                                   cookies=cookies, allow_redirects=False, timeout=30)
            assert posted.status_code == 403, (path, csrf, posted.status_code)
    assert api.get("/preferences").json() == before
    assert response(api, broken["id"])["status"] == "invalid" and response(api, kept["id"])["supportGroupCode"] == "TEAM"

    token = value(browser, "form#preferences-form input[name=csrf]")  # the control: the same cookies with the token work
    posted = requests.post(server.base_url + "/portal/preferences", cookies=cookies, allow_redirects=False, timeout=30,
                           data={"cpc": instance.cpc, "csrf": token, **forms["/portal/preferences"]})
    assert posted.status_code in (200, 303), posted.status_code
    assert api.get("/preferences").json()["threshold"] == 1


def test_hostile_customer_text_shows_as_text_on_the_portal_pages(server, instance, structure, browser):
    """A script tag as a customer name (and as an unknown group code) stays text on Fix Data Errors and Reassign."""
    api = instance.api
    code = '<img src=x onerror="alert(2)">'
    broken = respond(api, "X-1", code, customer=HOSTILE)
    respond(api, "X-2", "TEAM", customer=HOSTILE)
    as_admin(browser, server, instance, portal(server, instance.cpc, "/portal/data-errors"))
    assert no_alert_open(browser), "customer text ran as script"
    form = fix_form(browser, broken["id"])
    assert HOSTILE in text_of(form) and code in text_of(form.find_element(By.CSS_SELECTOR, "ul.problems"))
    assert text_of(Select(form.find_element(By.CSS_SELECTOR, "select[name=supportGroupCode]")).first_selected_option) == f"{code} — unknown"
    assert not find_all(browser, "main script, main img"), "markup became elements"

    assert visit(browser, portal(server, instance.cpc, "/portal/reassign", rgid="TEAM", **{"from": "2026-11-16", "to": "2026-11-16"})) == 200
    assert no_alert_open(browser) and HOSTILE in text_of(find(browser, "tr.response[data-ticket='X-2']"))
    assert not find_all(browser, "main script, main img")


SCREENSHOT_RESPONSES = [  # ticket, group, segment, rating, received (16 Nov), customer, agent
    ("HD-2039", "TECH", "SMB", 10, "08:15", "Aroha Ngata", "Ben Carter"),
    ("HD-2041", "BILL", "ENT", 2, "09:05", "Margaret Chen", "Tom Okafor"),
    ("HD-2044", "TECH", "ENT", 7, "11:45", "Henry Liu", "Aisha Rahman"),
    ("HD-2047", "TECH", "ENT", 4, "13:10", "Daniel Kowalski", "Aisha Rahman"),
    ("HD-2050", "TECH", "SMB", 8, "14:30", "Grace O'Brien", "Ben Carter"),
    ("HD-2052", "TECH", "ENT", 6, "15:55", "Sofía Martínez", "Aisha Rahman"),
    ("HD-2058", "TECHSUPPORT", "SMB", 3, "16:20", "Kofi Mensah", "Liam Walsh"),   # a retired code
    ("HD-2061", "BILL", "GOV", 5, "16:45", "Isabella Rossi", "Tom Okafor"),        # a segment not set up yet
    ("HD-2063", "", "ENT", 9, "17:05", "William Tran", "Maya Singh"),              # no group at all
]


def test_screenshots_of_the_portal_pages_for_the_docs(server, browser):
    """docs/images: Preferences after a save, Fix Data Errors after a fix, Reassign after a move (SQLite run only)."""
    if not server.env["MAKEGOOD_DATABASE"].startswith("sqlite"):
        pytest.skip("the pictures are taken once, from the SQLite run")
    acme = create_instance(server, "Acme Support", "dana.wright@acme.example")
    api = acme.api
    for code, name in (("ENT", "Enterprise"), ("SMB", "Small Business")):
        assert api.put(f"/segments/{code}", json={"name": name}).status_code == 201
    for code, name, lead in (("BILL", "Billing", "Sam Rivera"), ("TECH", "Technical Support", "Priya Natarajan"),
                             ("ONB", "Onboarding", "Marcus Bell")):
        put_group(api, code, name, add_contact(api, lead, lead.lower().replace(" ", ".") + "@acme.example"))
    ids = {t: respond(api, t, g, at=f"2026-11-16T{hm}", segment=s, rating=r, customer=c, agent=a)["id"]
           for t, g, s, r, hm, c, a in SCREENSHOT_RESPONSES}
    fresh = respond(api, "HD-2070", "BILLING", at=datetime.now(timezone.utc) - timedelta(hours=1), rating=2,
                    customer="Emma Wilson", agent="Liam Walsh")

    as_admin(browser, server, acme, portal(server, acme.cpc, "/portal/preferences"))
    assert fill_preferences(browser, "6", "08:30", "Australia/Sydney", False, "24", "https://help.acme.example/tickets/") == 200
    screenshot(browser, "portal-preferences.png", 1280)

    assert visit(browser, portal(server, acme.cpc, "/portal/data-errors")) == 200
    assert fix(browser, fresh["id"], group="BILL") == 200 and text(browser, "p#fixed")
    assert listed(browser) == {ids["HD-2058"], ids["HD-2061"], ids["HD-2063"]}
    screenshot(browser, "portal-data-errors.png", 1280)

    assert visit(browser, portal(server, acme.cpc, "/portal/reassign", rgid="TECH", **{"from": "2026-11-16", "to": "2026-11-16"})) == 200
    assert move(browser, ["HD-2047", "HD-2052"], "BILL") == 200 and text(browser, "p#moved")
    screenshot(browser, "portal-reassign.png", 1280)
