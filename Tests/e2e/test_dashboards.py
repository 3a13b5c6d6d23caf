"""The dashboards (SPEC §5, issue 6) in a real Chromium on SQLite and PostgreSQL: SRES (survey responses) and SRP
(service recovery performance), held to their HTML contract (ids, names, classes) only. Every view names its dates
(November 2026), so nothing depends on today's date except the date of a note saved now."""
import csv
import io
import re
import urllib.parse
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import (browser, chromium, click_and_wait, find, find_all, login, no_alert_open, path_of, save,  # noqa: F401
                     screenshot, script, status, text, text_of, visit)
from conftest import Instance, create_instance

SYDNEY = ZoneInfo("Australia/Sydney")  # +11:00 all November
PASSWORD = "correct-horse-battery"
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


# ---- data, through the public API -------------------------------------------------------------------------------

def add_contact(api, name, email_address):
    created = api.post("/contacts", json={"name": name, "email": email_address, "mobile": "+61412345678"})
    assert created.status_code == 201, created.text
    return created.json()["id"]


def put_group(api, code, name, lead, department=None, also=()):
    body = {"name": name, "lead": lead, "department": department,
            "alsoAlerts": [{"contact": c, "access": a} for c, a in also]}
    put = api.put(f"/support-groups/{code}", json=body)
    assert put.status_code in (200, 201), put.text


def respond(api, tid, group, rating, at, customer="Casey Nguyen", segment="ENT", agent="Priya Shah",
            factors=("Speed",), comment="It took a while."):
    """Posts a response received at `at` ("2026-11-16T10:00", Sydney time); returns its id."""
    body = {"ticketId": tid, "supportGroupCode": group, "segmentCode": segment, "rating": rating, "agent": agent,
            "customer": {"name": customer, "email": f"{tid.lower()}@example.com"}, "factors": list(factors),
            "comment": comment, "receivedAt": f"{at}:00+11:00"}
    created = api.post("/survey-responses", json=body)
    assert created.status_code == 201, created.text
    return created.json()["id"]


def add_note(api, response_id, author, text, spoke, at=None):
    body = {"author": author, "spokeToCustomer": spoke, "text": text, **({"createdAt": f"{at}:00+11:00"} if at else {})}
    posted = api.post(f"/survey-responses/{response_id}/notes", json=body)
    assert posted.status_code == 201, posted.text


def add_member(api, email_address, contact):
    created = api.post("/users", json={"email": email_address, "role": "member", "contact": contact, "password": PASSWORD})
    assert created.status_code == 201, created.text



# ---- pages ------------------------------------------------------------------------------------------------------

def dashboard(server, cpc, dashid, **query) -> str:
    return f"{server.base_url}/dashboards?" + urllib.parse.urlencode({"cpc": cpc, "dashid": dashid, **query}, doseq=True)


def as_admin(browser, server, instance, url):
    assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password, path_of(url)) == 200


def tickets(driver) -> list:
    return [r.get_attribute("data-ticket") for r in find_all(driver, "table#responses tbody tr.response")]


def row(driver, tid, cell) -> str:
    return text(driver, f"tr.response[data-ticket='{tid}'] td.{cell}")


def sort_link(driver, label):
    """The one column-header sort link whose text starts with label (the active one also shows an arrow)."""
    links = [a for a in find_all(driver, "table#responses thead th a.sort") if text_of(a).startswith(label)]
    assert len(links) == 1, label
    return links[0]


def cell(tr, name) -> str:
    return text_of(tr.find_element(By.CSS_SELECTOR, f"td.{name}"))


def fetch(driver, url) -> requests.Response:
    """GETs url outside the browser with the browser's session cookies."""
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    return requests.get(urllib.parse.urljoin(driver.current_url, url), cookies=cookies, timeout=60)


def shown_query(driver) -> dict:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(driver.current_url).query)


def form_state(driver) -> dict:
    """What the filters form shows: the URL's filters must come back in it."""
    form = "form#filters"
    return {"from": find(driver, f"{form} input[name=from]").get_attribute("value"),
            "to": find(driver, f"{form} input[name=to]").get_attribute("value"),
            "seg": [o.get_attribute("value") for o in Select(find(driver, f"{form} select[name=seg]")).all_selected_options],
            "srn": Select(find(driver, f"{form} select#srn")).first_selected_option.get_attribute("value")}


# ---- the tests ---------------------------------------------------------------------------------------------------

def test_a_note_saved_in_the_dialog_shows_in_the_sr_and_comments_cells_on_the_next_load(server, instance, structure, browser):
    """SRES is live: a note saved through the dialog dates the SR cell and is appended to Comments on the next load."""
    respond(instance.api, "N-1", "TEAM", 3, "2026-11-16T10:00", customer="Margaret Chen", comment="Waited four days.")
    sres = dashboard(server, instance.cpc, "SRES", **{"from": "2026-11-16", "to": "2026-11-16"})
    as_admin(browser, server, instance, sres)
    assert tickets(browser) == ["N-1"]
    assert row(browser, "N-1", "sr") == "✎ Add note" and row(browser, "N-1", "comment") == "Waited four days."
    assert not find_all(browser, "tr.response[data-ticket='N-1'] span.latest-note")

    pencil = urllib.parse.urlsplit(find(browser, "tr.response[data-ticket='N-1'] td.sr a.pencil").get_attribute("href"))
    assert pencil.path == "/service-recovery-notes" and urllib.parse.parse_qs(pencil.query)["tid"] == ["N-1"], pencil
    before = datetime.now(SYDNEY).date().isoformat()
    assert visit(browser, pencil.geturl()) == 200
    assert save(browser, "save", name="Lee Lead", text="Called Margaret; refunded the fee.", spoke=True) == 200
    after = datetime.now(SYDNEY).date().isoformat()

    assert visit(browser, sres) == 200
    assert row(browser, "N-1", "sr") in {f"✎ {before}", f"✎ {after}"}, "the local date of the latest note"
    note = "SR note (Lee Lead): Called Margaret; refunded the fee."
    assert text(browser, "tr.response[data-ticket='N-1'] td.comment span.latest-note") == note
    assert row(browser, "N-1", "comment").startswith("Waited four days.") and row(browser, "N-1", "comment").endswith(note)


SRN_EXPECTED = {  # value -> (label, tickets shown)
    "": ("(none)", {"A-3", "B-3", "C-5", "D-8", "E-9", "F-10"}),
    "r": ("All needing recovery", {"A-3", "B-3", "C-5"}),
    "x": ("No SR notes", {"A-3"}),
    "w": ("With SR notes", {"B-3", "C-5", "E-9", "F-10"}),
    "v": ("SR notes - Never spoken", {"B-3", "E-9"}),
    "s": ("SR notes - Has spoken", {"C-5", "F-10"}),
}


def test_each_service_recovery_notes_setting_shows_exactly_its_rows(server, instance, structure, browser):
    """The six ServiceRecoveryNotes settings, chosen in select#srn and applied, each show exactly the expected rows."""
    api = instance.api
    ids = {t: respond(api, t, "TEAM", int(t.split("-")[1]), f"2026-11-16T{10 + n}:00")
           for n, t in enumerate(["A-3", "B-3", "C-5", "D-8", "E-9", "F-10"])}
    for tid, spokes in {"B-3": [False], "C-5": [False, True], "E-9": [False], "F-10": [True]}.items():
        for spoke in spokes:
            add_note(api, ids[tid], "Lee Lead", f"Spoke: {spoke}", spoke)
    as_admin(browser, server, instance, dashboard(server, instance.cpc, "SRES", **{"from": "2026-11-16", "to": "2026-11-16"}))
    options = [(o.get_attribute("value"), text_of(o)) for o in Select(find(browser, "select#srn")).options]
    assert options == [(value, label) for value, (label, _) in SRN_EXPECTED.items()]

    for value, (label, expected) in SRN_EXPECTED.items():
        Select(find(browser, "form#filters select#srn")).select_by_value(value)
        assert click_and_wait(browser, find(browser, "form#filters button#apply")) == 200, label
        assert set(tickets(browser)) == expected, label
        assert len(tickets(browser)) == len(expected) and text(browser, "#count").startswith(f"{len(expected)} response"), label
        assert shown_query(browser).get("srn", [""]) == [value] and form_state(browser)["srn"] == value, label
        assert form_state(browser)["from"] == "2026-11-16" and form_state(browser)["to"] == "2026-11-16", label


def test_sorting_and_paging_keep_the_filters_and_the_csv_has_the_whole_view(server, instance, structure, browser):
    """With 62 rows in view: sorting by Rating then paging keeps every filter, the pages don't overlap, CSV has all."""
    api = instance.api
    assert api.put("/segments/SMB", json={"name": "Small Business"}).status_code == 201
    view = {f"P-{i:02d}" for i in range(62)}
    for i in range(62):  # ratings 1..6 (all need recovery), ties across the page boundary on purpose
        respond(api, f"P-{i:02d}", "TEAM", 1 + i % 6, f"2026-11-{10 + i % 3}T{8 + i % 12:02d}:{i % 60:02d}", customer=f"Customer {i}")
    respond(api, "Q-SMB", "TEAM", 3, "2026-11-11T10:00", segment="SMB")      # another segment
    respond(api, "Q-HAPPY", "TEAM", 9, "2026-11-11T10:00")                   # needs no recovery
    respond(api, "Q-LATE", "TEAM", 2, "2026-11-13T10:00")                    # after `to`
    filters = {"from": "2026-11-10", "to": "2026-11-12", "seg": ["ENT"], "srn": "r"}
    as_admin(browser, server, instance, dashboard(server, instance.cpc, "SRES", **filters))
    assert text(browser, "#count") == "62 responses" and text(browser, "#page-label") == "Page 1 of 2"
    assert len(tickets(browser)) == 50

    def keeps_filters(page, sort=None):
        q = shown_query(browser)
        assert (q["from"], q["to"], q["seg"], q["srn"]) == (["2026-11-10"], ["2026-11-12"], ["ENT"], ["r"]), q
        assert q.get("page", ["1"]) == [str(page)] and (sort is None or (q["sort"], q["dir"]) == sort), q
        assert form_state(browser) == filters, "the form shows the view's filters"
        assert text(browser, "#page-label") == f"Page {page} of 2"

    assert click_and_wait(browser, find(browser, "a#next-page")) == 200
    keeps_filters(2)
    assert click_and_wait(browser, sort_link(browser, "Rating")) == 200
    keeps_filters(1, (["rating"], ["desc"]))  # sorting starts again at page 1
    assert text_of(sort_link(browser, "Rating")) == "Rating ▼" and text_of(sort_link(browser, "Date")) == "Date"
    first = {t: int(row(browser, t, "rating")) for t in tickets(browser)}
    assert click_and_wait(browser, find(browser, "a#next-page")) == 200
    keeps_filters(2, (["rating"], ["desc"]))
    second = {t: int(row(browser, t, "rating")) for t in tickets(browser)}
    assert len(first) == 50 and len(second) == 12 and not set(first) & set(second), "pages overlap"
    assert set(first) | set(second) == view
    ratings = [first[t] for t in first] + [second[t] for t in second]
    assert ratings == sorted(ratings, reverse=True), "Rating ▼ across both pages"
    assert find_all(browser, "a#previous-page") and not find_all(browser, "a#next-page")

    exported = fetch(browser, find(browser, "a#csv").get_attribute("href"))
    assert exported.status_code == 200 and exported.headers["Content-Type"].startswith("text/csv"), exported.text[:300]
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(r["Ticket"] for r in rows) == sorted(view), "the CSV holds every row of the view, not one page"


# The SRP fixture: a Department (Customer Care) with two Teams, and a group outside it. Alerts run at 09:00 Sydney the
# day after receipt. Hand-computed for 16–22 Nov (target 24 h; hours from alert to first note, nearest rank):
#   BILL: 2041 spoke +3h ✓; 2046 note +1h, spoke +30h ✗; 2052 no note          → 3 2 2  33.3%  1  3
#   TECH: 2039 spoke +24h exactly ✓; 2044 spoke before the alert (0h) ✓; 2047 +5h not spoken → 3 3 2 66.7%  5 24
#   ONB:  2060 received 20 Nov, after the last alert run: counted, not measured → 1 1 1 — — —
SRP_RESPONSES = [  # ticket, group, rating, received, customer, segment, agent, comment, notes [(hh:mm day, spoke, text)]
    ("HD-1988", "BILL", 3, "02T10:15", "Emma Wilson", "SMB", "Tom Okafor", "My direct debit was taken twice this month.",
     [("03T11:00", True, "Called Emma, reversed the second debit while she was on the phone.")]),
    ("HD-1995", "TECH", 5, "05T15:00", "James Park", "ENT", "Aisha Rahman", "The export keeps timing out on big reports.",
     [("07T13:00", True, "Spoke with James; the export limit is raised for his team.")]),
    ("HD-2003", "TECH", 8, "06T09:40", "Chloe Dubois", "SMB", "Ben Carter", "Helpful, if a little slow.", []),
    ("HD-2012", "BILL", 2, "10T10:00", "Noah Kim", "ENT", "Liam Walsh", "Nobody could tell me why my plan changed.",
     [("11T16:00", True, "Rang Noah: the plan change was our error and has been undone.")]),
    ("HD-2018", "TECH", 6, "12T11:00", "Isabella Rossi", "SMB", "Aisha Rahman", "Fixed, but I had to chase it.",
     [("13T10:30", True, "Called Isabella to apologise for the chasing.")]),
    ("HD-2024", "ONB", 9, "13T14:20", "William Tran", "SMB", "Maya Singh", "Setup was painless, thanks Maya!", []),
    ("HD-2039", "TECH", 1, "16T09:30", "Daniel Kowalski", "ENT", "Aisha Rahman", "The sync errors came back the next day.",
     [("18T09:00", True, "Spoke with Daniel and escalated to engineering (ENG-5521).")]),
    ("HD-2041", "BILL", 2, "16T10:00", "Margaret Chen", "ENT", "Tom Okafor", "I waited four days for a reply.",
     [("17T12:00", True, "Called Margaret, apologised and credited this month's fee.")]),
    ("HD-2046", "BILL", 4, "16T11:00", "Grace O'Brien", "SMB", "Liam Walsh", "I'd have liked a call, not an email.",
     [("17T10:00", False, "Left a voicemail offering a call back."), ("18T15:00", True, "Spoke with Grace; invoice reissued.")]),
    ("HD-2050", "BILL", 9, "16T12:30", "Oliver Schmidt", "SMB", "Liam Walsh", "Quick and friendly.", []),
    ("HD-2047", "TECH", 3, "16T13:00", "Kofi Mensah", "ENT", "Ben Carter", "Three agents, three different answers.",
     [("17T14:00", False, "Emailed Kofi a summary; waiting to hear back.")]),
    ("HD-2052", "BILL", 5, "16T14:00", "Sofía Martínez", "ENT", "Tom Okafor", "The refund came, but nobody told me.", []),
    ("HD-2044", "TECH", 6, "16T16:00", "Henry Liu", "ENT", "Ben Carter", "Fine in the end, after two emails.",
     [("16T17:00", True, "Henry rang us first; talked it through.")]),
    ("HD-2055", "TECH", 10, "16T17:40", "Mei Tanaka", "SMB", "Aisha Rahman", "Solved in one call. Couldn't ask for more.", []),
    ("HD-2060", "ONB", 4, "20T10:00", "Lucas Fernandes", "ENT", "Maya Singh", "The welcome pack had the wrong logins.",
     [("20T12:00", True, "Walked Lucas through his new logins.")]),
]
SRP_EXPECTED = {  # name -> (needing, with note, spoken, recovered, median, p90), 16–22 Nov
    "Billing (BILL)": ("3", "2", "2", "33.3%", "1", "3"),
    "Customer Care (CARE)": ("0", "0", "0", "—", "—", "—"),
    "Onboarding (ONB)": ("1", "1", "1", "—", "—", "—"),
    "Technical Support (TECH)": ("3", "3", "2", "66.7%", "5", "24"),
    "Customer Care (CARE) and its 2 teams": ("6", "5", "4", "50%", "3", "24"),
    "All groups shown": ("7", "6", "5", "50%", "3", "24"),
}
WEEKLY = {"recovered": ["50", "100", "50", None], "hours": ["2", "1.5", "3", None]}  # weeks from 2, 9, 16, 23 Nov


def build_care_instance(server) -> Instance:
    """A realistic instance (it is photographed for the README), with the alerts of 3–20 Nov run."""
    acme = create_instance(server, "Acme Support", "dana.wright@acme.example")
    api = acme.api
    for code, name in (("ENT", "Enterprise"), ("SMB", "Small Business")):
        assert api.put(f"/segments/{code}", json={"name": name}).status_code == 201
    leads = {p: add_contact(api, p, p.lower().replace(" ", ".") + "@acme.example")
             for p in ("Dana Wright", "Sam Rivera", "Priya Natarajan", "Marcus Bell")}
    put_group(api, "CARE", "Customer Care", leads["Dana Wright"])
    put_group(api, "BILL", "Billing", leads["Sam Rivera"], department="CARE")
    put_group(api, "TECH", "Technical Support", leads["Priya Natarajan"], department="CARE")
    put_group(api, "ONB", "Onboarding", leads["Marcus Bell"])
    author = {"BILL": "Sam Rivera", "TECH": "Priya Natarajan", "ONB": "Marcus Bell"}
    for tid, group, rating, at, customer, segment, agent, comment, notes in SRP_RESPONSES:
        rid = respond(api, tid, group, rating, f"2026-11-{at}", customer=customer, segment=segment, agent=agent,
                      factors=["Speed", "Communication"] if rating <= 6 else ["Knowledge"], comment=comment)
        for when, spoke, note in notes:
            add_note(api, rid, author[group], note, spoke, f"2026-11-{when}")
    for at in ("2026-11-03T09:00:00+11:00", "2026-11-20T09:00:00+11:00"):  # the first run, then every day up to the 20th
        server.run_cli("alerts", "run", "--at", at, "--cpc", acme.cpc)
    return acme


def chart_points(svg_bytes) -> list:
    """The value each week's <g class="point"> states in its title (None for a week without data)."""
    root = ET.fromstring(svg_bytes)  # also proves the SVG is well-formed XML
    assert root.tag == f"{SVG}svg" and root.find(f"{SVG}title").get("id") == "chart-title"
    points = [g for g in root.iter(f"{SVG}g") if "point" in (g.get("class") or "").split()]
    values = [re.search(r":\s*([\d.]+)", g.findtext(f"{SVG}title") or "") for g in points]
    return [v.group(1) if v else None for v in values]


def test_srp_shows_hand_computed_figures_and_weekly_svg_charts_that_render(server, browser):
    """SRP figures match a hand-computed fixture; both SVG charts are valid XML, one point per week, and render."""
    acme = build_care_instance(server)
    week3 = {"from": "2026-11-16", "to": "2026-11-22"}
    as_admin(browser, server, acme, dashboard(server, acme.cpc, "SRP", **week3))
    cells = ("needing", "with-note", "spoken", "recovered", "median", "p90")
    rows = find_all(browser, "table#performance tr.group, table#performance tr.department, table#performance tr.total")
    shown = {cell(tr, "name"): tuple(cell(tr, c) for c in cells) for tr in rows}
    assert shown == SRP_EXPECTED
    api = acme.api.get("/performance", params=week3).json()
    by_code = {g["supportGroupCode"]: g for g in api["groups"]}
    assert [(by_code[c]["needingRecovery"], by_code[c]["withNote"], by_code[c]["spokenTo"]) for c in ("BILL", "TECH")] == [(3, 2, 2), (3, 3, 2)]
    assert round(by_code["TECH"]["recoveredWithinTargetPercent"], 1) == 66.7

    november = {"from": "2026-11-02", "to": "2026-11-29"}
    assert visit(browser, dashboard(server, acme.cpc, "SRP", **november)) == 200
    for metric in ("recovered", "hours"):
        img = f"{metric}-chart"
        WebDriverWait(browser, 20).until(lambda d: script(d, f"const i = document.getElementById('{img}'); return i.complete"))
        assert script(browser, f"return document.getElementById('{img}').naturalWidth") > 0, f"{img} did not render"
        src = find(browser, f"img#{img}").get_attribute("src")
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(src).query)
        assert urllib.parse.urlsplit(src).path == "/dashboards/srp-trend.svg" and q["metric"] == [metric]
        assert (q["cpc"], q["from"], q["to"]) == ([acme.cpc], ["2026-11-02"], ["2026-11-29"])
        chart = fetch(browser, src)
        assert chart.status_code == 200 and chart.headers["Content-Type"].startswith("image/svg+xml")
        assert chart_points(chart.content) == WEEKLY[metric], metric
    for to, weeks in (("2026-11-22", 3), ("2026-11-10", 2), ("2026-11-02", 1)):  # the last week may be short
        src = f"/dashboards/srp-trend.svg?cpc={acme.cpc}&from=2026-11-02&to={to}&metric=recovered"
        assert len(chart_points(fetch(browser, src).content)) == weeks, to

    if server.env["MAKEGOOD_DATABASE"].startswith("sqlite"):  # the README's pictures, taken once
        screenshot(browser, "dashboard-srp.png", 1280)
        assert visit(browser, dashboard(server, acme.cpc, "SRES", **{"from": "2026-11-02", "to": "2026-11-22"})) == 200
        assert len(tickets(browser)) == len(SRP_RESPONSES)
        screenshot(browser, "dashboard-sres.png", 1280)


def test_dashboards_refuse_alerts_only_members_other_instances_and_visitors_not_logged_in(server, instance, structure, browser):
    """§6: alertsOnly → 403, dashboard Also Alert → 200, another instance's admin → 404, no login → /login."""
    api = instance.api
    ona, dee = add_contact(api, "Ona Alerts", "ona@example.com"), add_contact(api, "Dee Dash", "dee@example.com")
    put_group(api, "TEAM", "Team", structure, also=[(ona, "alertsOnly"), (dee, "dashboard")])
    respond(api, "R-1", "TEAM", 2, "2026-11-16T10:00", customer="Private Person")
    add_member(api, "ona@example.com", ona)
    add_member(api, "dee@example.com", dee)
    days = {"from": "2026-11-16", "to": "2026-11-16"}
    urls = [dashboard(server, instance.cpc, d, **days) for d in ("SRES", "SRP")]
    chart = f"/dashboards/srp-trend.svg?cpc={instance.cpc}&from=2026-11-16&to=2026-11-16&metric=recovered"

    for url in urls:
        visit(browser, url)
        assert status(browser) == 200 and urllib.parse.urlsplit(browser.current_url).path == "/login", "sent to log in"
        assert "Private Person" not in browser.page_source

    assert login(browser, server.base_url, instance.cpc, "ona@example.com", PASSWORD, path_of(urls[0])) == 403
    assert visit(browser, urls[1]) == 403 and "Private Person" not in browser.page_source
    assert fetch(browser, chart).status_code == 403

    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, instance.cpc, "dee@example.com", PASSWORD, path_of(urls[0])) == 200
    assert tickets(browser) == ["R-1"] and visit(browser, urls[1]) == 200

    other = create_instance(server)
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    assert login(browser, server.base_url, other.cpc, other.admin_email, other.admin_password) == 200
    for url in urls:
        assert visit(browser, url) == 404, url
        assert "Private Person" not in browser.page_source
    assert fetch(browser, chart).status_code == 404


def test_hostile_customer_text_and_notes_show_as_text_and_run_nothing(server, instance, structure, browser):
    """Markup in a customer name, a comment, a note (and a chart's group list) stays text; no script runs, no element appears."""
    rid = respond(instance.api, "X-1", "TEAM", 1, "2026-11-16T10:00", customer=HOSTILE, comment=HOSTILE)
    add_note(instance.api, rid, "Lee Lead", HOSTILE, True)
    as_admin(browser, server, instance, dashboard(server, instance.cpc, "SRES", **{"from": "2026-11-16", "to": "2026-11-16"}))
    assert no_alert_open(browser), "customer text ran as script"
    assert row(browser, "X-1", "customer") == HOSTILE
    assert text(browser, "tr.response[data-ticket='X-1'] span.latest-note") == f"SR note (Lee Lead): {HOSTILE}"
    assert row(browser, "X-1", "comment").startswith(HOSTILE)
    assert not find_all(browser, "table#responses script, table#responses img"), "markup became elements"
    exported = fetch(browser, find(browser, "a#csv").get_attribute("href"))
    assert HOSTILE in exported.content.decode("utf-8-sig")
    # The chart names the groups of its URL in its description: markup there must stay text in the XML too.
    chart = fetch(browser, f"/dashboards/srp-trend.svg?cpc={instance.cpc}&from=2026-11-16&to=2026-11-16"
                           f"&metric=recovered&rgid={urllib.parse.quote(HOSTILE)}")
    assert chart.status_code in (200, 400), chart.status_code
    if chart.status_code == 200:
        root = ET.fromstring(chart.content)
        assert HOSTILE in root.findtext(f"{SVG}desc")
        assert not [e.tag for e in root.iter() if e.tag.split("}")[-1] in ("script", "img", "foreignObject")]
    assert no_alert_open(browser)
