"""The Service Recovery Notes dialog, the login and the Survey Responses Report in a real Chromium, on SQLite and
PostgreSQL, held to the HTML contract (ids, names, classes) only. The signed links followed here come out of
real alert emails (`alerts run`), so they are the links a Support Lead clicks."""
import email
import html
import random
import re
import subprocess
import time
import unicodedata
import urllib.parse
from dataclasses import dataclass
from email import policy

import pytest
import requests

from browser import (browser, chromium, at, author, buttons, click_and_wait, field, find, find_all, log, login,  # noqa: F401
                     no_alert_open, path_of, save, screenshot, text, text_of, visit)
from conftest import create_instance, makegood_bin

# Responses are received on DAY (Sydney keeps +11:00 all November) and alerted the next morning. Signed links
# live MAKEGOOD_LINK_DAYS from their alert (30 by default); the alerts these tests send use a century, so the
# links of a fixed past day still open whatever the date the suite runs on.
YEAR = 2026
DAY, NEXT_DAY, LATER_DAY = f"{YEAR}-11-16", f"{YEAR}-11-17", f"{YEAR}-11-18"
ALERT_AT = f"{NEXT_DAY}T09:00:00+11:00"
PREFIX = "https://help.example.com/t/"
PASSWORD = "correct-horse-battery"
NO_MATCH = "Your URL is formed correctly but we couldn't find any surveys that matched the criteria in your URL"


# ---- data, through the public API -------------------------------------------------------------------------------

def add_contact(api, name, email_address):
    created = api.post("/contacts", json={"name": name, "email": email_address, "mobile": f"+614{random.randrange(10**8):08d}"})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def put_group(api, code, name, lead, also=()):
    body = {"name": name, "lead": lead, "alsoAlerts": [{"contact": c, "access": a} for c, a in also]}
    put = api.put(f"/support-groups/{code}", json=body)
    assert put.status_code in (200, 201), put.text


def respond(api, tid, group, rating, at=f"{DAY}T10:00", customer="Casey Nguyen", agent="Priya Shah",
            factors=("Speed",), comment="It took a while.", segment="ENT", customer_email="customer@example.com"):
    """Posts a survey response received at `at` Sydney time (+11:00 in November); returns the created body."""
    body = {"ticketId": tid, "supportGroupCode": group, "segmentCode": segment, "rating": rating, "agent": agent,
            "customer": {"name": customer, "email": customer_email}, "factors": list(factors),
            "comment": comment, "receivedAt": f"{at}:00+11:00"}
    created = api.post("/survey-responses", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def notes_of(api, response_id):
    return api.get(f"/survey-responses/{response_id}/notes").json()["items"]


def add_note(api, response_id, author, text, spoke, created_at=None):
    body = {"author": author, "spokeToCustomer": spoke, "text": text, **({"createdAt": created_at} if created_at else {})}
    posted = api.post(f"/survey-responses/{response_id}/notes", json=body)
    assert posted.status_code == 201, posted.text


def add_user(api, email_address, role, contact=None):
    body = {"email": email_address, "role": role, "password": PASSWORD, **({"contact": contact} if contact else {})}
    created = api.post("/users", json=body)
    assert created.status_code == 201, created.text



# ---- alert emails and their pencil links --------------------------------------------------------------------------

@dataclass
class Pencils:
    title: str  # the report title's link: date + r, walks the whole report
    items: dict  # ticket id -> that response's link (which names its recipient too, as r)


def query(url) -> dict:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


LINK_DAYS = "36500"


def alert_links(server, instance, tmp_path, at=ALERT_AT, link_days=LINK_DAYS) -> dict:
    """Runs the real daily alert into a folder outbox and returns each recipient's pencil links by email address.

    No MAKEGOOD_SECRET: the CLI then signs with the secret kept in the database, which the server also uses."""
    outbox = tmp_path / f"outbox-{instance.cpc}"
    env = {k: v for k, v in server.env.items() if k != "MAKEGOOD_SECRET"} | {
        "MAKEGOOD_OUTBOX": str(outbox), "MAKEGOOD_LINK_DAYS": link_days}
    run = subprocess.run([makegood_bin(), "alerts", "run", "--at", at, "--cpc", instance.cpc],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    links = {}
    for path in sorted((outbox / "email").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        body = message.get_body(("html",)).get_content()
        hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', body)]
        pencils = [h for h in hrefs if "/service-recovery-notes?" in h]
        titles = [h for h in pencils if "r" in query(h) and "tid" not in query(h)]
        assert len(titles) == 1, f"one report-title link expected in {path.name}: {pencils}"
        links[message["To"].addresses[0].addr_spec] = Pencils(titles[0], {query(h)["tid"]: h for h in pencils if "tid" in query(h)})
    assert links, f"alerts run sent no email: {run.stdout}"
    return links


def dialog(server, instance, **criteria) -> str:
    return f"{server.base_url}/service-recovery-notes?" + urllib.parse.urlencode({"cpc": instance.cpc, **criteria})


def report(server, instance, **filters) -> str:
    """The Survey Responses Report of DAY, with filters."""
    query = {"cpc": instance.cpc, "from": DAY, "to": DAY, **filters}
    return f"{server.base_url}/reports/survey-responses?" + urllib.parse.urlencode(query, doseq=True)


# ---- the tests ---------------------------------------------------------------------------------------------------

def test_a_pencil_link_from_an_alert_email_opens_the_dialog_without_login_and_saves_a_note(server, instance, structure, browser, tmp_path):
    """The path a Support Lead takes the morning after: email, pencil, call, note — with no account at all."""
    api = instance.api
    assert api.put("/preferences", json={"ticketUrlPrefix": PREFIX}).status_code == 200
    created = respond(api, "HD-1042", "TEAM", 3, customer="Margaret Chen", agent="Tom Okafor", factors=["Speed", "Communication"],
                      comment="I waited four days for a reply and had to explain the problem twice.")
    link = alert_links(server, instance, tmp_path)["lee@example.com"].items["HD-1042"]

    assert visit(browser, link) == 200
    assert field(browser, "ticket") == "HD-1042"
    ticket = find(browser, "a#ticket-link")
    assert text_of(ticket) == "Ticket" and ticket.get_attribute("href") == PREFIX + "HD-1042"
    assert "Margaret Chen" in field(browser, "customer") and "Tom Okafor" in field(browser, "agent")
    assert "Team" in field(browser, "group") and "Enterprise" in field(browser, "segment")
    assert "3" in field(browser, "rating") and "Speed" in field(browser, "factors") and "Communication" in field(browser, "factors")
    assert field(browser, "verbatim") == "I waited four days for a reply and had to explain the problem twice."
    assert "16" in field(browser, "received") and "10:00" in field(browser, "received"), "received in Sydney time"
    assert log(browser) == [] and author(browser) == "Lee Lead"

    note = "Called Margaret, apologised and refunded the delivery fee."
    assert save(browser, "save", text=note, spoke=True) == 200
    assert field(browser, "ticket") == "HD-1042", "Save stays on the same response"
    assert log(browser) == [("Lee Lead", "(Spoke? Yes)", note)]
    assert text_of(find(browser, "ol#notes-log > li.note .via")) == "via the report link sent to Lee Lead", "the log says whose link"
    assert [(n["author"], n["spokeToCustomer"], n["text"]) for n in notes_of(api, created["id"])] == [("Lee Lead", True, note)]


def test_your_name_defaults_to_the_logged_in_person_else_the_report_recipient_else_the_support_lead(server, instance, structure, browser, tmp_path):
    """Three different people, so each rule of the default is seen to win where it should."""
    api = instance.api
    ari = add_contact(api, "Ari Also", "ari@example.com")
    mo = add_contact(api, "Mo Member", "mo@example.com")
    put_group(api, "TEAM", "Team", structure, also=[(ari, "dashboard"), (mo, "dashboard")])
    ids = {t: respond(api, t, "TEAM", r, at=f"{DAY}T{h}:00")["id"] for t, r, h in [("T-1", 2, 10), ("T-2", 4, 11)]}
    ari_links = alert_links(server, instance, tmp_path)["ari@example.com"]

    assert visit(browser, ari_links.title) == 200
    assert author(browser) == "Ari Also", "the report title's link: the report's recipient"
    assert at(browser, 1, 2)
    seen = [field(browser, "ticket")]
    assert save(browser, "save-next", text="Left a voicemail.") == 200
    assert at(browser, 2, 2) and author(browser) == "Ari Also"
    seen.append(field(browser, "ticket"))
    assert sorted(seen) == ["T-1", "T-2"] and not buttons(browser)["save-next"]

    assert visit(browser, ari_links.items["T-1"]) == 200
    assert author(browser) == "Lee Lead", "a per-response link: the group's Support Lead"
    assert [(n["author"], n["spokeToCustomer"]) for n in notes_of(api, ids[seen[0]])] == [("Ari Also", False)]

    add_user(api, "mo@example.com", "member", mo)
    target = dialog(server, instance, rgid="TEAM", tid="T-1")
    assert login(browser, server.base_url, instance.cpc, "mo@example.com", PASSWORD, next_path=path_of(target)) == 200
    assert field(browser, "ticket") == "T-1" and author(browser) == "Mo Member", "logged in: that user's contact"

    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(target)) == 200
    assert author(browser) == instance.admin_email, "a user without a contact: their email"


def test_save_and_next_walks_a_groups_day_of_responses_needing_recovery_and_save_and_previous_walks_back(server, instance, structure, browser):
    """Neighbours that must not be walked: a promoter, the next Sydney day, another group, and UTC's idea of the day."""
    api = instance.api
    put_group(api, "OTHER", "Other", structure)
    ids = {t: respond(api, t, g, r, at=at)["id"] for t, g, r, at in [
        ("W-1", "TEAM", 2, f"{DAY}T00:30"),      # still the 15th in UTC: the day is Sydney's
        ("W-P", "TEAM", 10, f"{DAY}T11:00"),     # a promoter: nothing to recover
        ("W-2", "TEAM", 5, f"{DAY}T12:00"),
        ("W-3", "TEAM", 6, f"{DAY}T23:30"),      # rating = threshold still needs recovery
        ("W-X", "TEAM", 1, f"{NEXT_DAY}T00:30"),  # the next day in Sydney
        ("W-O", "OTHER", 1, f"{DAY}T13:00"),     # another group
    ]}
    start = dialog(server, instance, rgid="TEAM", date=DAY)
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(start)) == 200

    assert at(browser, 1, 3) and field(browser, "ticket") == "W-1"
    assert buttons(browser) == {"save-previous": False, "save": True, "save-next": True}
    assert save(browser, "save-next", name="Dana Admin", text="Left a voicemail about the refund.") == 200
    assert at(browser, 2, 3) and field(browser, "ticket") == "W-2"
    assert buttons(browser) == {"save-previous": True, "save": True, "save-next": True}
    assert save(browser, "save-next") == 200, "empty notes save nothing but still move on"
    assert at(browser, 3, 3) and field(browser, "ticket") == "W-3"
    assert buttons(browser) == {"save-previous": True, "save": True, "save-next": False}
    assert save(browser, "save-previous", name="Dana Admin", text="Spoke to the customer; sorted.", spoke=True) == 200
    assert at(browser, 2, 3) and field(browser, "ticket") == "W-2"
    assert save(browser, "save-previous") == 200
    assert at(browser, 1, 3) and field(browser, "ticket") == "W-1"
    assert buttons(browser)["save-previous"] is False
    assert log(browser) == [("Dana Admin", "(Spoke? No)", "Left a voicemail about the refund.")]

    saved = {t: [(n["author"], n["spokeToCustomer"]) for n in notes_of(api, i)] for t, i in ids.items()}
    assert saved == {"W-1": [("Dana Admin", False)], "W-2": [], "W-3": [("Dana Admin", True)], "W-P": [], "W-X": [], "W-O": []}


def test_one_ticket_previous_and_next_are_inactive(server, instance, structure, browser):
    api = instance.api
    respond(api, "ONE-1", "TEAM", 3)
    respond(api, "ONE-2", "TEAM", 4, at=f"{DAY}T11:00")
    by_group = dialog(server, instance, rgid="TEAM", tid="ONE-2")
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(by_group)) == 200
    for url in (by_group, dialog(server, instance, date=DAY, tid="ONE-2")):
        assert visit(browser, url) == 200 and field(browser, "ticket") == "ONE-2"
        assert buttons(browser) == {"save-previous": False, "save": True, "save-next": False}
    assert save(browser, "save", text="Emailed an apology.") == 200 and field(browser, "ticket") == "ONE-2"
    assert visit(browser, dialog(server, instance, date=NEXT_DAY, tid="ONE-2")) in (200, 404)
    assert text(browser, "#no-match") == NO_MATCH, "tid with the wrong date matches nothing"


def test_an_old_link_after_a_duplicate_or_a_reassign_says_nothing_matches(server, instance, structure, browser, tmp_path):
    """A report in someone's inbox outlives the response it shows; its link must say so, not show another one."""
    api = instance.api
    put_group(api, "OTHER", "Other", structure)
    old = respond(api, "D-1", "TEAM", 2)
    moved = respond(api, "M-1", "TEAM", 3, at=f"{DAY}T11:00")
    links = alert_links(server, instance, tmp_path)["lee@example.com"].items
    assert {"rgid", "date", "tid"} <= set(query(links["D-1"])), f"a per-response link names group, day and ticket: {links['D-1']}"
    assert visit(browser, links["D-1"]) == 200 and field(browser, "ticket") == "D-1"

    assert respond(api, "D-1", "TEAM", 4, at=f"{LATER_DAY}T10:00")["replaces"] == old["id"]
    reassigned = api.post(f"/survey-responses/{moved['id']}/reassign", json={"supportGroupCode": "OTHER"})
    assert reassigned.status_code == 200, reassigned.text

    for tid in ("D-1", "M-1"):
        visit(browser, links[tid])
        assert text(browser, "#no-match") == NO_MATCH, tid
        assert not find_all(browser, "form#notes-form"), "nothing to write notes on"


def test_fewer_than_two_criteria_is_a_400_naming_them(server, instance, structure, browser):
    respond(instance.api, "C-1", "TEAM", 3)
    fine = dialog(server, instance, rgid="TEAM", tid="C-1")
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(fine)) == 200
    for criteria in ({"rgid": "TEAM"}, {"date": DAY}, {"tid": "C-1"}, {}):
        assert visit(browser, dialog(server, instance, **criteria)) == 400, criteria
        message = text(browser, "#error")
        assert all(name in message for name in ("rgid", "date", "tid")), message


def test_an_altered_or_forged_link_is_refused(server, instance, structure, browser, tmp_path):
    """A signed link grants only what it names: every changed field, and age, takes the grant away."""
    api = instance.api
    respond(api, "S-1", "TEAM", 3)
    respond(api, "S-2", "TEAM", 2, customer="Secret Sally", at=f"{DAY}T11:00")
    link = alert_links(server, instance, tmp_path)["lee@example.com"].items["S-1"]
    q = query(link)
    assert q["r"] == structure, "a pencil link names the recipient it was sent to"
    # The first character: the last one of 43 base64url characters also holds 2 unused bits.
    flipped = ("A" if q["sig"][0] != "A" else "B") + q["sig"][1:]
    forgeries = {
        "altered sig": q | {"sig": flipped},
        "altered tid": q | {"tid": "S-2"},
        "altered recipient": q | {"r": "00000000-0000-4000-8000-000000000000"},
        "removed recipient": {k: v for k, v in q.items() if k != "r"},
        "later expiry": q | {"exp": str(int(q["exp"]) + 86_400)},
    }
    # A genuine link of an alert sent on 1 January 2020 with the default 30-day lifetime: long expired.
    old = create_instance(server)
    lead = add_contact(old.api, "Lee Lead", "lee@example.com")
    assert old.api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    put_group(old.api, "TEAM", "Team", lead)
    respond(old.api, "S-0", "TEAM", 3, at="2019-12-31T10:00", customer="Secret Sally")
    expired = alert_links(server, old, tmp_path, at="2020-01-01T09:00:00+11:00", link_days="30")["lee@example.com"].items["S-0"]
    for what, forged in (forgeries | {"expired": query(expired)}).items():
        assert visit(browser, f"{server.base_url}/service-recovery-notes?" + urllib.parse.urlencode(forged)) == 403, what
        assert re.search(r"invalid|expired", text(browser, "#error"), re.I), what
        assert "Secret Sally" not in browser.page_source and not find_all(browser, "form#notes-form"), what
    visit(browser, dialog(server, instance, rgid="TEAM", tid="S-1"))
    assert urllib.parse.urlsplit(browser.current_url).path == "/login", "neither a login nor a signature: log in first"


def test_customer_text_and_author_names_are_shown_as_text_never_run(server, instance, structure, browser, tmp_path):
    api = instance.api
    script = "<script>alert(1)</script>"
    img = '<img src=x onerror="alert(2)">'
    created = respond(api, "X-1", "TEAM", 1, customer=img, agent='"><svg onload=alert(3)>', comment=script)
    link = alert_links(server, instance, tmp_path)["lee@example.com"].items["X-1"]

    assert visit(browser, link) == 200 and no_alert_open(browser)
    assert field(browser, "verbatim") == script and img in field(browser, "customer")
    assert save(browser, "save", name=script, text=img + " & <b>bold</b>", spoke=True) == 200
    assert no_alert_open(browser), "an author name ran as script"
    assert log(browser) == [(script, "(Spoke? Yes)", img + " & <b>bold</b>")]
    assert notes_of(api, created["id"])[0]["author"] == script

    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password,
                 path_of(report(server, instance, srn="y"))) == 200
    assert no_alert_open(browser) and text(browser, "tr.response[data-ticket='X-1'] td.comment") == script
    assert img in text(browser, "tr.response[data-ticket='X-1'] td.notes")


def test_a_post_without_a_valid_csrf_token_is_refused(server, instance, structure, tmp_path):
    api = instance.api
    created = respond(api, "F-1", "TEAM", 3)
    link = alert_links(server, instance, tmp_path)["lee@example.com"].items["F-1"]
    assert requests.get(link, timeout=30).status_code == 200
    for extra in ({}, {"csrf": ""}, {"csrf": "forged-token"}):
        posted = requests.post(link, data={"author": "Mallory", "text": "Forged", "spoke": "on", **extra},
                               allow_redirects=False, timeout=30)
        assert posted.status_code == 403, (extra, posted.status_code)
    assert notes_of(api, created["id"]) == []


def test_notes_without_a_name_are_a_422_that_keeps_what_was_typed(server, instance, structure, browser, tmp_path):
    api = instance.api
    created = respond(api, "N-1", "TEAM", 3)
    link = alert_links(server, instance, tmp_path)["lee@example.com"].items["N-1"]
    typed = "Rang twice, no answer.\nWill try again after lunch — café closes at 2."
    assert visit(browser, link) == 200
    assert save(browser, "save", name="", text=typed, spoke=True, browser_checks=False) == 422
    assert text(browser, "#form-error")
    assert find(browser, "textarea#notes").get_attribute("value") == typed
    assert find(browser, "input#spoke").is_selected()
    assert notes_of(api, created["id"]) == []

    assert save(browser, "save", name="Lee Lead", text=typed, spoke=False) == 200, "the form still works after the error"
    saved = [(n["author"], n["text"].replace("\r\n", "\n")) for n in notes_of(api, created["id"])]
    assert saved == [("Lee Lead", typed)], "a form posts CRLF line ends; LF or CRLF are both fine"


def test_an_alerts_only_member_sees_only_their_groups_dialog_and_nothing_of_create_instance(server, instance, structure, browser):
    """§6: alertsOnly means the dialog of one's own groups only; no login reaches another instance."""
    api = instance.api
    ona = add_contact(api, "Ona Alerts", "ona@example.com")
    put_group(api, "A", "Alpha", structure, also=[(ona, "alertsOnly")])
    put_group(api, "B", "Beta", structure)
    respond(api, "A-1", "A", 3)
    respond(api, "B-1", "B", 2, customer="Bea Private")
    add_user(api, "ona@example.com", "member", ona)
    mine = dialog(server, instance, rgid="A", tid="A-1")
    assert login(browser, server.base_url, instance.cpc, "ona@example.com", PASSWORD, path_of(mine)) == 200
    assert field(browser, "ticket") == "A-1" and author(browser) == "Ona Alerts"

    for criteria in ({"rgid": "B", "tid": "B-1"}, {"date": DAY, "tid": "B-1"}, {"rgid": "B", "date": DAY}):
        assert visit(browser, dialog(server, instance, **criteria)) == 403, criteria
        assert "Bea Private" not in browser.page_source
    assert visit(browser, report(server, instance)) == 403

    other = create_instance(server)
    lead = add_contact(other.api, "Olly Other", "olly@example.com")
    assert other.api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    put_group(other.api, "A", "Alpha", lead)
    respond(other.api, "A-1", "A", 3, customer="Otto Elsewhere")
    assert visit(browser, dialog(server, other, rgid="A", tid="A-1")) == 404
    assert "Otto Elsewhere" not in browser.page_source


def test_login_with_a_wrong_password_is_a_401_without_a_session_and_logout_ends_it(server, instance, browser):
    target = path_of(report(server, instance))
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, "wrong-password-123", target) == 401
    assert text(browser, ".error") and browser.get_cookie("mg_session") is None

    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, target) == 200
    assert find(browser, "table#responses") and browser.get_cookie("mg_session")["httpOnly"]
    visit(browser, server.base_url + "/logout")
    assert click_and_wait(browser, find(browser, "form#logout-form button#logout")) == 200
    left = browser.get_cookie("mg_session")  # expired "now" (to the second), so Chromium may keep it till the second ends
    assert left is None or left.get("expiry", 0) <= time.time() + 1, f"logging out left the session cookie: {left}"
    visit(browser, server.base_url + target)
    assert urllib.parse.urlsplit(browser.current_url).path == "/login", "after logout the report asks for a login"


def test_the_report_filters_by_srn_r_and_s(server, instance, structure, browser):
    """Two srn values end to end through the page (the whole matrix is in the Swift tests)."""
    api = instance.api
    ids = {t: respond(api, t, "TEAM", r, at=at)["id"] for t, r, at in [
        ("R-1", 2, f"{DAY}T10:00"), ("R-2", 5, f"{DAY}T11:00"), ("R-3", 6, f"{DAY}T12:00"),
        ("R-4", 8, f"{DAY}T13:00"), ("R-5", 10, f"{DAY}T14:00"), ("R-6", 1, f"{NEXT_DAY}T10:00")]}
    add_note(api, ids["R-1"], "Lee Lead", "Spoke to them; fixed.", True)
    add_note(api, ids["R-2"], "Lee Lead", "Voicemail only.", False)
    add_note(api, ids["R-4"], "Lee Lead", "Called to say thanks.", True)
    all_day = report(server, instance)
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(all_day)) == 200

    def rows():
        return [r.get_attribute("data-ticket") for r in find_all(browser, "table#responses tbody tr.response")]

    assert rows() == ["R-5", "R-4", "R-3", "R-2", "R-1"], "all of the day, newest first"
    assert "5" in text(browser, "#count") and not find_all(browser, "td.notes") and not find_all(browser, "a.pencil")
    bands = {r.get_attribute("data-ticket"): r.get_attribute("class").split() for r in find_all(browser, "tr.response")}
    assert "band-promoter" in bands["R-5"] and "band-passive" in bands["R-4"] and "band-detractor" in bands["R-3"]

    assert visit(browser, report(server, instance, srn="r")) == 200
    assert rows() == ["R-3", "R-2", "R-1"] and "3" in text(browser, "#count")
    assert visit(browser, report(server, instance, srn="s")) == 200
    assert rows() == ["R-4", "R-1"]
    assert text(browser, "tr.response[data-ticket='R-1'] td.notes li.note")
    pencil = find(browser, "tr.response[data-ticket='R-1'] a.pencil")
    assert "/service-recovery-notes?" in pencil.get_attribute("href")
    visit(browser, pencil.get_attribute("href"))
    assert field(browser, "ticket") == "R-1" and log(browser) == [("Lee Lead", "(Spoke? Yes)", "Spoke to them; fixed.")]


SCREENSHOT_RESPONSES = [  # ticket, group, rating, received, customer, segment, agent, factors, comment
    ("HD-2039", "TECH", 10, "08:15", "Aroha Ngata", "SMB", "Ben Carter", ["Knowledge", "Communication"],
     "Ben walked me through the whole setup. Brilliant, thank you!"),
    ("HD-2041", "BILL", 2, "09:05", "Margaret Chen", "ENT", "Tom Okafor", ["Speed", "Communication"],
     "I waited four days for a reply and then had to explain the whole problem again to someone new."),
    ("HD-2043", "BILL", 9, "10:20", "Oliver Schmidt", "SMB", "Liam Walsh", ["Speed"], "Quick and friendly."),
    ("HD-2044", "TECH", 7, "11:45", "Henry Liu", "ENT", "Aisha Rahman", ["Speed"],
     "Fine in the end, though it took two emails to get a straight answer."),
    ("HD-2047", "TECH", 4, "13:10", "Daniel Kowalski", "ENT", "Aisha Rahman", ["Knowledge"],
     "The fix worked for a day, then the sync errors came back. I'd like someone to actually look at the logs."),
    ("HD-2050", "BILL", 8, "14:30", "Grace O'Brien", "SMB", "Tom Okafor", ["Knowledge", "Speed"],
     "Sorted my invoice quickly. I would have liked a phone call rather than an email."),
    ("HD-2052", "BILL", 6, "15:55", "Sofía Martínez", "ENT", "Liam Walsh", ["Communication"],
     "The refund arrived in the end, but nobody told me it was coming."),
    ("HD-2055", "TECH", 10, "17:40", "Mei Tanaka", "SMB", "Ben Carter", ["Speed", "Knowledge"],
     "Problem solved in one call. Couldn't ask for more."),
]


def ascii_name(name) -> str:
    """'Sofía Martínez' -> 'sofia.martinez', for a customer's email address."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(re.sub(r"[^a-z]", "", part) for part in plain.lower().split())


def test_screenshots_of_the_real_pages_for_the_readme(server, browser, tmp_path):
    """docs/images: the notes dialog on a desktop and on a phone, and the Survey Responses Report (SQLite run only),
    of an instance named like a real one, since the pictures go into the README."""
    if not server.env["MAKEGOOD_DATABASE"].startswith("sqlite"):
        pytest.skip("the pictures are taken once, from the SQLite run")
    instance = create_instance(server, "Acme Support", "dana.wright@acme.example")
    api = instance.api
    assert api.put("/preferences", json={"ticketUrlPrefix": "https://help.example.com/tickets/"}).status_code == 200
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    assert api.put("/segments/SMB", json={"name": "Small Business"}).status_code == 201
    sam = add_contact(api, "Sam Rivera", "sam.rivera@example.com")
    priya = add_contact(api, "Priya Natarajan", "priya.natarajan@example.com")
    put_group(api, "BILL", "Billing", sam)
    put_group(api, "TECH", "Technical Support", priya)
    ids = {t: respond(api, t, g, r, at=f"{DAY}T{hm}", customer=c, segment=seg, agent=a, factors=f, comment=v,
                      customer_email=f"{ascii_name(c)}@example.com")["id"]
           for t, g, r, hm, c, seg, a, f, v in SCREENSHOT_RESPONSES}
    add_note(api, ids["HD-2041"], "Sam Rivera", "Left a voicemail and sent an email offering a call back this afternoon.",
             False, f"{NEXT_DAY}T09:40:00+11:00")
    add_note(api, ids["HD-2047"], "Priya Natarajan", "Spoke with Daniel and escalated to engineering (ENG-5521); "
             "he will hear from us by Friday.", True, f"{NEXT_DAY}T10:15:00+11:00")
    link = alert_links(server, instance, tmp_path)["sam.rivera@example.com"].items["HD-2041"]

    assert visit(browser, link) == 200 and field(browser, "ticket") == "HD-2041"
    find(browser, "textarea#notes").send_keys("Called Margaret back: apologised for the delay and credited this month's fee.")
    find(browser, "input#spoke").click()
    screenshot(browser, "notes-dialog-desktop.png", 1280)
    screenshot(browser, "notes-dialog-phone.png", 390, 844, phone=True)

    day_report = report(server, instance, srn="y")
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(day_report)) == 200
    assert len(find_all(browser, "table#responses tbody tr.response")) == len(SCREENSHOT_RESPONSES)
    screenshot(browser, "survey-responses-report.png", 1280)

    # My queue, the admin's: every group's open cases, overdue first (the alert was long ago).
    assert visit(browser, f"{server.base_url}/") == 200
    assert len(find_all(browser, "ol#queue-list > li.case-item")) >= 3
    screenshot(browser, "queue-desktop.png", 1280)
    screenshot(browser, "queue-phone.png", 390, 844, phone=True)
