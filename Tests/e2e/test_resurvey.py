"""The re-survey on `serve --clock-file`, on SQLite and PostgreSQL, with aiosmtpd (issue 22): two days after a case
is closed as recovered, its customer gets the survey again, once; a case closed otherwise gets none. The customer
answers 9 from the email; the SRP's "Won back?" table and the API's `/performance` show the detractor now a promoter.

The responses are received on 16 November 2026 and alerted the next morning by the clock file. Closing a case goes
through the API, which keeps the system clock, so the clock file is then moved two days past today to reach the
re-survey."""
import datetime

import pytest
import requests

from browser import browser, chromium, find_all, login, text_of, visit  # noqa: F401
from conftest import create_instance, postgres_database, start_server, stop_server
from test_alerts import smtp  # noqa: F401  (the fixture)
from test_pages import ALERT_AT, DAY, NEXT_DAY, respond
from test_survey_email import hrefs, take
from test_two_nodes import set_clock


def rating_url(message, rating):
    urls = [h for h in hrefs(message) if "q1=" in h]
    assert len(urls) == 10, urls
    return [u for u in urls if u.endswith(f"q1={rating}")][0]


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_recovered_customers_are_surveyed_again_once_and_the_srp_shows_who_was_won_back(kind, smtp, browser, tmp_path):  # noqa: F811
    controller, mailbox = smtp
    database = f"sqlite://{tmp_path}/makegood.sqlite" if kind == "sqlite" else postgres_database()
    clock = str(tmp_path / "clock")
    set_clock(clock, "2026-11-16T12:00:00Z")
    server = start_server(database, str(tmp_path), args=("serve", "--clock-file", clock), extra_env={
        "MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{controller.port}?starttls=off"})
    try:
        instance = create_instance(server)
        api = instance.api
        lead = api.post("/contacts", json={"name": "Lee Lead", "email": "lee@example.com", "mobile": "+61412345678"}).json()["id"]
        assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
        assert api.put("/support-groups/TEAM", json={"name": "Team", "lead": lead}).status_code == 201
        assert api.put("/preferences", json={"resurveyAfterDays": 2}).json()["resurveyAfterDays"] == 2
        customers = {"R-1": ("ruth@example.com", 2), "R-2": ("raj@example.com", 3), "R-3": ("rosa@example.com", 1)}
        for ticket, (address, rating) in customers.items():
            respond(api, ticket, "TEAM", rating, customer_email=address)

        # The morning's alert opens the three cases.
        set_clock(clock, ALERT_AT)
        assert [to for to, _ in take(mailbox, {"lee@example.com"})] == ["lee@example.com"]
        cases = {c["ticketId"]: c["id"] for c in api.get("/cases").json()["items"]}
        assert sorted(cases) == ["R-1", "R-2", "R-3"]
        for ticket, resolution in (("R-1", "recovered"), ("R-2", "recovered"), ("R-3", "notRecovered")):
            note = {"author": "Lee Lead", "spokeToCustomer": True, "text": f"Called about {ticket}."}
            closed = api.patch(f"/cases/{cases[ticket]}", json={"note": note, "resolution": resolution})
            assert closed.status_code == 200, closed.text

        # Two days after closing (today, by the API's clock), the recovered ones are surveyed again; R-3 is not.
        today = datetime.datetime.now(datetime.timezone.utc)
        set_clock(clock, (today + datetime.timedelta(days=2, hours=1)).isoformat())
        arrived = take(mailbox, {"ruth@example.com", "raj@example.com"})
        assert sorted(to for to, _ in arrived) == ["raj@example.com", "ruth@example.com"], [to for to, _ in arrived]
        message = dict(arrived)
        assert "We followed up on your ticket" in message["ruth@example.com"].get_body(("plain",)).get_content()
        assert message["ruth@example.com"]["List-Unsubscribe"]

        # Ruth answers 9, Raj 7; the answers are the cases' outcomes, and the tickets' responses stay as they were.
        for address, rating in (("ruth@example.com", 9), ("raj@example.com", 7)):
            page = requests.get(rating_url(message[address], rating), timeout=30)
            assert page.status_code == 200 and f"rating of {rating} out of 10 is recorded" in page.text
        ratings = sorted((r["ticketId"], r["rating"]) for r in api.get("/survey-responses").json()["items"])
        assert ratings == [("R-1", 2), ("R-2", 3), ("R-3", 1)]

        # A day later nobody is surveyed a second time.
        set_clock(clock, (today + datetime.timedelta(days=3, hours=1)).isoformat())
        assert [to for to, _ in take(mailbox, set(), timeout=3)] == []

        performance = api.get("/performance", params={"from": DAY, "to": NEXT_DAY}).json()
        team = [g for g in performance["groups"] if g["supportGroupCode"] == "TEAM"][0]["resurvey"]
        assert team == {"resurveyed": 2, "answered": 2, "averageRatingBefore": 2.5, "averageRatingAfter": 8,
                        "detractorsToPromotersPercent": 50, "detractorsToPassivesPercent": 50}

        assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password) == 200
        assert visit(browser, f"{server.base_url}/dashboards?cpc={instance.cpc}&dashid=SRP&from={DAY}&to={NEXT_DAY}") == 200
        row = [tr for tr in find_all(browser, "table#resurvey tbody tr.group") if "(TEAM)" in text_of(tr)][0]
        cells = {c: text_of(row.find_element("css selector", f".{c}")) for c in
                 ("resurveyed", "answered", "before", "after", "to-promoters", "to-passives")}
        assert cells == {"resurveyed": "2", "answered": "2", "before": "2.5", "after": "8", "to-promoters": "50%", "to-passives": "50%"}
    finally:
        status = stop_server(server)
        print(f"--- makegood ({kind}, exit {status}) ---\n" + open(server.log_path).read()[-6000:])
