"""The admin Portal's setup pages (issue 7: Contacts and Segments, Support Groups, Users and invitations, Alerts
history, API tokens) in a real Chromium as a new admin uses them, on SQLite and PostgreSQL, held to the HTML contract
(ids, names, classes) only. Each test makes its own instance with `instance create`, named like a real one because
the SQLite run takes the README's pictures of these pages."""
import email
import json
import os
import re
import subprocess
import urllib.parse
from email import policy

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser import (browser, chromium, click_and_wait, find, find_all, login, path_of, screenshot,  # noqa: F401
                     text, text_of, type_into, visit)
from conftest import Instance, create_instance, makegood_bin

DAY, ALERT_DAY = "2026-11-16", "2026-11-17"
ALERT_AT = f"{ALERT_DAY}T09:00:00+11:00"
NEW_PASSWORD = "priya-sets-her-own-42"
PEOPLE = [  # name, email, mobile: every contact the first test types into the form
    ("Sam Rivera", "sam.rivera@acme.example", "+61412345601"),
    ("Priya Natarajan", "priya.natarajan@acme.example", "+61412345602"),
    ("Marcus Bell", "marcus.bell@acme.example", "+61412345603"),
    ("Aisha Rahman", "aisha.rahman@acme.example", "+61412345604"),
    ("Grace Kim", "grace.kim@acme.example", "+61412345605"),
    ("Tom Okafor", "tom.okafor@acme.example", "+61412345606"),
    ("Liam Walsh", "liam.walsh@acme.example", "+61412345607"),
    ("Mei Tanaka", "mei.tanaka@acme.example", "+61412345608"),
    ("Ben Carter", "ben.carter@acme.example", "+61412345609"),
]
SEGMENTS = [("ENT", "Enterprise"), ("SMB", "Small Business"), ("GOV", "Government")]
PORTAL_PAGES = {"/portal/preferences", "/portal/groups", "/portal/contacts", "/portal/data-errors", "/portal/reassign",
                "/portal/alerts", "/portal/users", "/portal/tokens", "/dashboards"}


# ---- instances, pages and pictures --------------------------------------------------------------------------------

def new_instance(server) -> Instance:
    """A fresh instance from `instance create`, as the `instance` fixture makes one, but with a name fit for the README."""
    return create_instance(server, "Acme Support", "dana.wright@acme.example")


def portal(server, cpc, page="/portal", **query) -> str:
    return f"{server.base_url}{page}?" + urllib.parse.urlencode({"cpc": cpc, **query})


def as_admin(browser, server, acme, page):
    url = portal(server, acme.cpc, page)
    assert login(browser, server.base_url, acme.cpc, acme.admin_email, acme.admin_password, path_of(url)) == 200
    assert urllib.parse.urlsplit(browser.current_url).path == page


def picture(server, driver, name):
    """docs/images/<name>, 1280 wide, from the SQLite run only."""
    if server.env["MAKEGOOD_DATABASE"].startswith("sqlite"):
        screenshot(driver, name, 1280)


def value(driver, css) -> str:
    return find(driver, css).get_attribute("value")


def chosen(select_element) -> str:
    return Select(select_element).first_selected_option.get_attribute("value")


# ---- Contacts and Segments ----------------------------------------------------------------------------------------

def save_contact(driver, name, address, mobile) -> int:
    type_into(find(driver, "#contact-name"), name)
    type_into(find(driver, "#contact-email"), address)
    type_into(find(driver, "#contact-mobile"), mobile)
    return click_and_wait(driver, find(driver, "form#contact-form button#save-contact"))


def contact_ids(driver) -> dict:
    """The contacts table as name -> id."""
    return {text_of(r.find_element(By.CSS_SELECTOR, "td.name")): r.get_attribute("data-id")
            for r in find_all(driver, "table#contacts tr.contact[data-id]")}


def save_segment(driver, code, name) -> int:
    type_into(find(driver, "#segment-code"), code)
    type_into(find(driver, "#segment-name"), name)
    return click_and_wait(driver, find(driver, "form#segment-form button#save-segment"))


# ---- Support Groups -----------------------------------------------------------------------------------------------

def save_group(driver, code, name, department, lead, also=()) -> int:
    """Fills the group form like a person: code (unless it is read-only), name, parent, lead, all 7 Also Alert rows."""
    if find(driver, "#group-code").get_dom_attribute("readonly") is None:
        type_into(find(driver, "#group-code"), code)
    type_into(find(driver, "#group-name"), name)
    Select(find(driver, "select#group-department")).select_by_value(department or "")
    Select(find(driver, "select#group-lead")).select_by_value(lead)
    rows = find_all(driver, "form#group-form div.also-row")
    assert len(rows) == 7, f"seven Also Alert rows expected, the form has {len(rows)}"
    for row, (contact, access) in zip(rows, list(also) + [("", "alertsOnly")] * (7 - len(also))):
        Select(row.find_element(By.CSS_SELECTOR, "select.also-contact")).select_by_value(contact)
        Select(row.find_element(By.CSS_SELECTOR, "select.also-access")).select_by_value(access)
    return click_and_wait(driver, find(driver, "form#group-form button#save-group"))


def group_form(driver) -> dict:
    """What the group form holds: its fields, and the Also Alert rows with a contact chosen."""
    also = [tuple(chosen(r.find_element(By.CSS_SELECTOR, css)) for css in ("select.also-contact", "select.also-access"))
            for r in find_all(driver, "form#group-form div.also-row")]
    return {"code": value(driver, "#group-code"), "name": value(driver, "#group-name"),
            "department": chosen(find(driver, "select#group-department")), "lead": chosen(find(driver, "select#group-lead")),
            "also": [a for a in also if a[0]]}


def tree(driver) -> list:
    """The groups table, top to bottom, as (code, depth)."""
    rows = []
    for row in find_all(driver, "table#groups tr.group[data-code]"):
        depths = [c for c in row.get_attribute("class").split() if re.fullmatch(r"depth-\d+", c)]
        assert len(depths) == 1, row.get_attribute("outerHTML")
        rows.append((row.get_attribute("data-code"), int(depths[0][6:])))
    return rows


# ---- the invitation email -----------------------------------------------------------------------------------------

def invitation_links(server, to, cpc) -> list:
    """The /invitation links of every email in the server's folder outbox to `to` that names instance `cpc`."""
    folder = os.path.join(server.env["MAKEGOOD_OUTBOX"], "email")
    links = []
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), "rb") as f:
            message = email.message_from_bytes(f.read(), policy=policy.default)
        body = message.get_body(("plain",)).get_content()
        if message["To"].addresses[0].addr_spec == to and cpc in body:
            links += re.findall(r"https?://\S+/invitation\?token=[^\s<>\"]+", body)
    return links


# ---- the tests ------------------------------------------------------------------------------------------------------

def test_a_new_admin_builds_contacts_segments_a_department_with_two_teams_and_invites_a_member(server, browser):
    """Steps 1–4: log in, contacts and segments, the group tree, a 7th Also Alert refused, an invitation used once."""
    acme = new_instance(server)
    api = acme.api
    as_admin(browser, server, acme, "/portal")
    assert {"Home", "Password", "Log out"} <= {text_of(a) for a in find_all(browser, "header a")}
    links = {urllib.parse.urlsplit(a.get_attribute("href")).path: a for a in find_all(browser, "ul.portal-links a")}
    assert PORTAL_PAGES <= set(links), sorted(links)
    picture(server, browser, "portal-index.png")

    # Contacts and Segments, reached from the portal's own link.
    assert click_and_wait(browser, links["/portal/contacts"]) == 200
    for name, address, mobile in PEOPLE:
        assert save_contact(browser, name, address, mobile) == 200, name
        assert text(browser, "p#notice") and name in contact_ids(browser), name
    typed = ("Noah Fraser", "noah.fraser@acme.example", "0412 345 610")
    assert save_contact(browser, *typed) == 422, "a mobile that is not E.164"
    assert re.search(r"mobile|E\.164", text(browser, "p#form-error"), re.I), text(browser, "p#form-error")
    assert tuple(value(browser, f"#contact-{f}") for f in ("name", "email", "mobile")) == typed, "what was typed is kept"
    assert "Noah Fraser" not in contact_ids(browser)
    assert save_contact(browser, "Noah Fraser", "noah.fraser@acme.example", "+61412345610") == 200, "corrected, it saves"
    ids = contact_ids(browser)
    listed = {c["name"]: (c["email"], c["mobile"]) for c in api.get("/contacts").json()["items"]}
    assert listed == {n: (e, m) for n, e, m in PEOPLE + [("Noah Fraser", "noah.fraser@acme.example", "+61412345610")]}
    assert {ids[n] for n in listed} == {c["id"] for c in api.get("/contacts").json()["items"]}
    for code, name in SEGMENTS:
        assert save_segment(browser, code, name) == 200 and text(browser, "p#notice"), code
    segments = [tuple(text_of(td) for td in r.find_elements(By.CSS_SELECTOR, "td"))
                for r in find_all(browser, "table#segments tr.segment")]
    assert sorted(segments) == sorted(SEGMENTS)
    picture(server, browser, "portal-contacts.png")

    # A Department with two Teams, and a Team on its own.
    assert visit(browser, portal(server, acme.cpc, "/portal/groups")) == 200
    sam, priya, marcus, aisha = (ids[n] for n in ("Sam Rivera", "Priya Natarajan", "Marcus Bell", "Aisha Rahman"))
    assert save_group(browser, "SUPPORT", "Customer Support", None, sam) == 200 and text(browser, "p#notice")
    assert save_group(browser, "BILL", "Billing", "SUPPORT", priya, [(aisha, "dashboard")]) == 200 and text(browser, "p#notice")
    assert save_group(browser, "TECH", "Technical Support", "SUPPORT", marcus) == 200 and text(browser, "p#notice")
    assert save_group(browser, "ONB", "Onboarding", None, ids["Grace Kim"]) == 200 and text(browser, "p#notice")
    rows = tree(browser)
    at = rows.index(("SUPPORT", 0))
    assert sorted(rows[at + 1:at + 3]) == [("BILL", 1), ("TECH", 1)], f"the Teams right under their Department: {rows}"
    assert sorted(rows) == sorted([("SUPPORT", 0), ("BILL", 1), ("TECH", 1), ("ONB", 0)]), rows
    bill_row = text(browser, "tr.group[data-code='BILL']")
    assert "Priya Natarajan" in bill_row and "Aisha Rahman" in bill_row, bill_row
    groups = {g["code"]: g for g in api.get("/support-groups").json()["items"]}
    assert {c: (g["name"], g.get("department"), g["lead"]) for c, g in groups.items()} == {
        "SUPPORT": ("Customer Support", None, sam), "BILL": ("Billing", "SUPPORT", priya),
        "TECH": ("Technical Support", "SUPPORT", marcus), "ONB": ("Onboarding", None, ids["Grace Kim"])}
    assert groups["BILL"]["alsoAlerts"] == [{"contact": aisha, "access": "dashboard"}]
    assert [g["alsoAlerts"] for c, g in groups.items() if c != "BILL"] == [[], [], []]

    # Billing's Edit link opens it as saved; a seventh Also Alert is refused and the form keeps what was chosen.
    edit = find(browser, "tr.group[data-code='BILL'] a")
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(edit.get_attribute("href")).query).get("edit") == ["BILL"]
    assert click_and_wait(browser, edit) == 200
    assert group_form(browser) == {"code": "BILL", "name": "Billing", "department": "SUPPORT", "lead": priya,
                                   "also": [(aisha, "dashboard")]}
    seven = [(aisha, "dashboard")] + [(ids[n], "alertsOnly") for n in ("Sam Rivera", "Marcus Bell", "Tom Okafor",
                                                                       "Liam Walsh", "Mei Tanaka", "Ben Carter")]
    assert save_group(browser, "BILL", "Billing and Accounts", "SUPPORT", priya, seven) == 422
    assert "at most 6 Also Alerts" in text(browser, "p#form-error"), text(browser, "p#form-error")
    assert group_form(browser) == {"code": "BILL", "name": "Billing and Accounts", "department": "SUPPORT",
                                   "lead": priya, "also": seven}
    refused = api.get("/support-groups/BILL").json()
    assert (refused["name"], refused["alsoAlerts"]) == ("Billing", [{"contact": aisha, "access": "dashboard"}])
    assert visit(browser, portal(server, acme.cpc, "/portal/groups")) == 200
    picture(server, browser, "portal-groups.png")

    # A contact who still leads a group can't be deleted, and the page says which group.
    assert visit(browser, portal(server, acme.cpc, "/portal/contacts")) == 200
    assert click_and_wait(browser, find(browser, f"tr.contact[data-id='{priya}'] button.delete")) == 409
    assert re.search(r"\bBILL\b|Billing", text(browser, "#form-error")), text(browser, "#form-error")
    assert api.get(f"/contacts/{priya}").status_code == 200
    noah = ids["Noah Fraser"]
    assert click_and_wait(browser, find(browser, f"tr.contact[data-id='{noah}'] button.delete")) == 200
    assert noah not in contact_ids(browser).values() and api.get(f"/contacts/{noah}").status_code == 404

    # Invite Priya, Billing's lead, as a member linked to her contact.
    assert visit(browser, portal(server, acme.cpc, "/portal/users")) == 200
    assert not find(browser, f"tr.user[data-email='{acme.admin_email}']").find_elements(By.CSS_SELECTOR, "button.disable")
    type_into(find(browser, "#invite-email"), "priya.natarajan@acme.example")
    Select(find(browser, "select#invite-role")).select_by_value("member")
    Select(find(browser, "select#invite-contact")).select_by_value(priya)
    assert click_and_wait(browser, find(browser, "form#invite-form button#invite")) == 200
    assert "priya.natarajan@acme.example" in text(browser, "div#invited")
    link = text(browser, "code#invitation-link")
    assert link.startswith(f"{server.base_url}/invitation?token="), link
    member = text(browser, "tr.user[data-email='priya.natarajan@acme.example']")
    assert "member" in member and "Priya Natarajan" in member, member
    assert find_all(browser, "tr.user[data-email='priya.natarajan@acme.example'] button.disable")
    picture(server, browser, "portal-users.png")
    delivered = json.loads(server.run_cli("outbox", "send").stdout)["delivered"]
    assert delivered >= 1 and invitation_links(server, "priya.natarajan@acme.example", acme.cpc) == [link], \
        "the invitation email carries the same link"

    # Priya, in a session of her own, sets her password through the link and lands on home with the dashboards.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert visit(browser, link) == 200 and find(browser, "form#password-form")
    type_into(find(browser, "#password"), NEW_PASSWORD)
    type_into(find(browser, "#confirm"), NEW_PASSWORD)
    assert click_and_wait(browser, find(browser, "button#set-password")) == 200
    assert urllib.parse.urlsplit(browser.current_url).path == "/", browser.current_url
    assert "Log out" in {text_of(a) for a in find_all(browser, "header a")}, "logged in"
    dashboards = [a.get_attribute("href") for a in find_all(browser, "main a") if "/dashboards" in a.get_attribute("href")]
    assert dashboards, "a Support Lead's home links the dashboards"
    assert visit(browser, link) == 403, "the invitation works once"
    assert not find_all(browser, "form#password-form")
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, acme.cpc, "priya.natarajan@acme.example", NEW_PASSWORD) == 200
    assert visit(browser, link) == 403


def test_the_alerts_history_lists_a_run_its_messages_as_sent_and_each_emails_pdf(server, browser, tmp_path):
    """Step 5: responses to Teams, a real `alerts run`, then the run, its deliveries (as the API has them) and the PDFs."""
    acme = new_instance(server)
    api = acme.api
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    ids = {}
    for name, address, mobile in PEOPLE[:4]:
        created = api.post("/contacts", json={"name": name, "email": address, "mobile": mobile})
        assert created.status_code == 201, created.text
        ids[name] = created.json()["id"]
    for code, name, department, lead, also in (
            ("SUPPORT", "Customer Support", None, "Sam Rivera", []),
            ("BILL", "Billing", "SUPPORT", "Priya Natarajan", [{"contact": ids["Aisha Rahman"], "access": "dashboard"}]),
            ("TECH", "Technical Support", "SUPPORT", "Marcus Bell", [])):
        body = {"name": name, "department": department, "lead": ids[lead], "alsoAlerts": also}
        put = api.put(f"/support-groups/{code}", json=body)
        assert put.status_code == 201, put.text
    for tid, group, rating, hour, customer in (
            ("HD-2041", "BILL", 2, 9, "Margaret Chen"), ("HD-2047", "TECH", 2, 13, "Daniel Kowalski"),
            ("HD-2052", "BILL", 2, 15, "Sofía Martínez"), ("HD-2055", "TECH", 10, 17, "Mei Tanaka")):
        body = {"ticketId": tid, "supportGroupCode": group, "segmentCode": "ENT", "rating": rating, "agent": "Tom Okafor",
                "customer": {"name": customer, "email": "customer@example.com"}, "factors": ["Speed"],
                "comment": "It took a while.", "receivedAt": f"{DAY}T{hour:02d}:00:00+11:00"}
        created = api.post("/survey-responses", json=body)
        assert created.status_code == 201 and created.json()["status"] == "valid", created.text
    # No MAKEGOOD_SECRET: the CLI signs with the secret kept in the database, which the server also uses.
    env = {k: v for k, v in server.env.items() if k != "MAKEGOOD_SECRET"} | {"MAKEGOOD_OUTBOX": str(tmp_path / "outbox")}
    run = subprocess.run([makegood_bin(), "alerts", "run", "--at", ALERT_AT, "--cpc", acme.cpc],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    runs = api.get("/alert-runs").json()["items"]
    assert [r["day"] for r in runs] == [ALERT_DAY], runs
    deliveries = {d["id"]: d for d in runs[0]["deliveries"]}
    assert {d["state"] for d in deliveries.values()} == {"sent"}, deliveries
    emailed = {d["address"] for d in deliveries.values() if d["channel"] == "email"}
    assert {"priya.natarajan@acme.example", "aisha.rahman@acme.example", "marcus.bell@acme.example"} <= emailed

    as_admin(browser, server, acme, "/portal/alerts")
    assert [h.get_attribute("data-day") for h in find_all(browser, "h2.run")] == [ALERT_DAY]
    rows = find_all(browser, "table.deliveries tr.delivery[data-id]")
    shown = {r.get_attribute("data-id"): text_of(r.find_element(By.CSS_SELECTOR, "td.state")) for r in rows}
    assert shown == {i: "sent" for i in deliveries}, "the page lists the run's messages as the API does, all sent"
    with_pdf = {r.get_attribute("data-id"): r.find_element(By.CSS_SELECTOR, "a.pdf").get_attribute("href")
                for r in rows if r.find_elements(By.CSS_SELECTOR, "a.pdf")}
    assert set(with_pdf) == {i for i, d in deliveries.items() if d["channel"] == "email"}, "each email's PDF, and only those"
    assert not find_all(browser, "button.resend"), "nothing failed"
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    for href in with_pdf.values():
        pdf = requests.get(href, cookies=cookies, timeout=60)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), (href, pdf.status_code, pdf.content[:80])
        stranger = requests.get(href, allow_redirects=False, timeout=60)
        assert stranger.status_code != 200 and not stranger.content.startswith(b"%PDF"), "a PDF without a login"
    picture(server, browser, "portal-alerts.png")


def test_an_api_token_is_shown_once_works_and_a_revoked_one_is_refused(server, browser):
    """Step 6: create a token on the page, use it, reload (not shown again), revoke a second one (401)."""
    acme = new_instance(server)
    as_admin(browser, server, acme, "/portal/tokens")

    def create(name) -> str:
        type_into(find(browser, "#token-name"), name)
        assert click_and_wait(browser, find(browser, "form#token-form button#create-token")) == 200
        assert name in text(browser, "div#created")
        return text(browser, "code#token-text")

    def row(name):
        found = [r for r in find_all(browser, "table#tokens tr.token")
                 if text_of(r.find_elements(By.CSS_SELECTOR, "td")[0]) == name]
        assert len(found) == 1, f"one row named {name!r}"
        return found[0]

    def preferences(token) -> int:
        bearer = {"Authorization": f"Bearer {token}"}
        return requests.get(f"{server.base_url}/api/v1/preferences", headers=bearer, timeout=60).status_code

    webhook = create("Help desk webhook")
    assert len(webhook) >= 20 and webhook not in (acme.token, acme.admin_password)
    assert preferences(webhook) == 200
    assert visit(browser, portal(server, acme.cpc, "/portal/tokens")) == 200
    assert not find_all(browser, "div#created, code#token-text") and webhook not in browser.page_source, "shown once"
    assert text_of(row("Help desk webhook").find_elements(By.CSS_SELECTOR, "td")[2]), "its last use is listed"

    spare = create("Old Zendesk trigger")
    assert spare != webhook
    assert click_and_wait(browser, row("Old Zendesk trigger").find_element(By.CSS_SELECTOR, "button.revoke")) == 200
    revoked = row("Old Zendesk trigger")
    assert text_of(revoked.find_elements(By.CSS_SELECTOR, "td")[3]), "when it was revoked"
    assert not revoked.find_elements(By.CSS_SELECTOR, "button.revoke")
    assert row("Help desk webhook").find_elements(By.CSS_SELECTOR, "button.revoke"), "only the one revoked"
    picture(server, browser, "portal-tokens.png")
    assert visit(browser, f"{server.base_url}/account/password") == 200 and find(browser, "form#password-form")
    picture(server, browser, "account-password.png")
    assert preferences(spare) == 401, "a revoked token is refused"
    assert preferences(webhook) == 200 and preferences(acme.token) == 200
