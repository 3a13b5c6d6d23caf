"""Survey invitations end to end, on SQLite and PostgreSQL, with aiosmtpd (issue 22): an invitation through the API
arrives once; clicking rating 3 in the received email records a response that the next alert reports like any
other; the factors and comment sent from the survey page show in the notes dialog and the report. A changed link
is refused, a second invitation for the ticket is 409, the quiet period and unsubscribing hold, another instance
sees nothing, and a hostile name or comment is inert in the email, the page, the dialog and the PDF."""
import datetime
import html
import io
import re
import subprocess
import time
from zoneinfo import ZoneInfo

import pytest
import requests
from pypdf import PdfReader

from browser import browser, chromium, find, login, text, visit  # noqa: F401
from conftest import create_instance, makegood_bin, postgres_database, start_server, stop_server
from test_alerts import smtp  # noqa: F401  (the fixture)

HOSTILE = "<script>alert('x')</script> Cas"
COMMENT = "<img src=x onerror=alert(1)> It took a week & two calls."


def take(mailbox, wanted, timeout=60):
    """Every message that arrived, waiting until one has come for each address in `wanted`, then 2 s more."""
    got, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline and not wanted <= {to for to, _ in got}:
        got += mailbox.take()
        time.sleep(0.1)
    time.sleep(2)
    return got + mailbox.take()


def hrefs(message):
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', message.get_body(("html",)).get_content())]


def hidden_fields(page):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page))


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_an_emailed_survey_is_answered_alerted_and_shown_and_its_rules_hold(kind, smtp, browser, tmp_path):  # noqa: F811
    controller, mailbox = smtp
    database = f"sqlite://{tmp_path}/makegood.sqlite" if kind == "sqlite" else postgres_database()
    env = {"MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{controller.port}?starttls=off"}
    server = start_server(database, str(tmp_path), args=("serve",), extra_env=env)
    try:
        instance, other = create_instance(server), create_instance(server)
        api = instance.api
        lead = api.post("/contacts", json={"name": "Lee Lead", "email": "lee@example.com", "mobile": "+61412345678"}).json()["id"]
        assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
        assert api.put("/support-groups/TEAM", json={"name": "Team", "lead": lead}).status_code == 201

        invitation = {"ticketId": "S-1", "supportGroupCode": "TEAM", "segmentCode": "ENT", "agent": "Priya Shah",
                      "customer": {"name": HOSTILE, "email": "cas@example.com"}}
        created = api.post("/survey-invitations", json=invitation)
        assert created.status_code == 201 and created.json()["status"] == "queued", created.text
        assert api.post("/survey-invitations", json=invitation).status_code == 409
        arrived = take(mailbox, {"cas@example.com"})
        assert [to for to, _ in arrived] == ["cas@example.com"], "exactly one email"
        message = arrived[0][1]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = message["List-Unsubscribe"].strip("<>")
        body = message.get_body(("html",)).get_content()
        assert "&lt;script&gt;" in body and "<script>" not in body, "the hostile name is text in the email"
        ratings = [h for h in hrefs(message) if "q1=" in h]
        assert [int(h.rsplit("q1=", 1)[1]) for h in ratings] == list(range(1, 11))
        assert unsubscribe in hrefs(message)

        # A changed link is refused; the real one records rating 3 at once.
        assert requests.get(ratings[2].replace("sig=", "sig=A"), timeout=30).status_code == 403
        page = requests.get(ratings[2], timeout=30)
        assert page.status_code == 200 and "rating of 3 out of 10 is recorded" in page.text
        assert "<script>alert" not in page.text
        form = hidden_fields(page.text) | {"q1": "3", "comment": COMMENT}
        sent = requests.post(server.base_url + "/survey", data=list(form.items()) + [("factors", "Speed"), ("factors", "Courtesy")], timeout=30)
        assert sent.status_code == 200 and "Thank you" in sent.text
        stored = api.get("/survey-responses").json()["items"]
        assert [(r["ticketId"], r["rating"], r["factors"], r["comment"], r["needsRecovery"]) for r in stored] == [
            ("S-1", 3, ["Speed", "Courtesy"], COMMENT, True)]
        assert other.api.get("/survey-responses").json()["items"] == [], "another instance sees nothing"

        # The quiet period, then unsubscribing (one-click POST), skip later surveys to the address.
        quiet = api.post("/survey-invitations", json={"ticketId": "S-2", "customer": {"email": "CAS@example.com"}}).json()
        assert (quiet["status"], quiet["skipped"], quiet.get("url")) == ("skipped", "quietPeriod", None)
        assert requests.get(unsubscribe, timeout=30).status_code == 200
        assert requests.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}, timeout=30).status_code == 200
        assert api.put("/preferences", json={"surveyQuietDays": 0}).status_code == 200
        gone = api.post("/survey-invitations", json={"ticketId": "S-3", "customer": {"email": "cas@example.com"}}).json()
        assert gone["skipped"] == "unsubscribed"
        assert [to for to, _ in take(mailbox, set(), timeout=2)] == [], "no email for a skipped invitation"

        # The next alert instant reports it like any other response.
        sydney = datetime.datetime.now(ZoneInfo("Australia/Sydney"))
        alert_at = (sydney + datetime.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        run = subprocess.run([makegood_bin(), "alerts", "run", "--at", alert_at.isoformat(), "--cpc", instance.cpc],
                             env={**server.env, **env}, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        alerts = dict(take(mailbox, {"lee@example.com"}))
        alert = alerts["lee@example.com"]
        assert "S-1" in alert.get_body(("plain",)).get_content()
        assert "&lt;img src=x" in alert.get_body(("html",)).get_content()
        pdf = [part for part in alert.iter_attachments() if part.get_content_type() == "application/pdf"][0]
        pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_content())).pages)
        assert "<img src=x" in pdf_text.replace("\n", " "), "the comment is drawn as text in the PDF"

        # The pencil link opens the dialog with the factors and the comment; the report shows them too.
        pencil = [h for h in hrefs(alert) if "/service-recovery-notes?" in h and "tid=" in h][0]
        assert visit(browser, pencil) == 200
        assert text(browser, "dd[data-field=factors]") == "Speed, Courtesy"
        assert text(browser, "dd[data-field=verbatim]") == COMMENT
        assert not browser.find_elements("css selector", "img"), "the comment is never markup"
        assert login(browser, server.base_url, instance.cpc, instance.admin_email, instance.admin_password) == 200
        today = sydney.date().isoformat()
        assert visit(browser, f"{server.base_url}/reports/survey-responses?cpc={instance.cpc}&from={today}&to={today}") == 200
        assert text(browser, "td.factors") == "Speed, Courtesy" and COMMENT in text(browser, "td.comment")
    finally:
        status = stop_server(server)
        print(f"--- makegood ({kind}, exit {status}) ---\n" + open(server.log_path).read()[-6000:])
