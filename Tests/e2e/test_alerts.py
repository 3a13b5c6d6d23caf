"""Daily alerts, black-box: a real SMTP server (aiosmtpd) and a local endpoint speaking Twilio's Messages API
receive exactly the mails and texts the rules say, day by day and per recipient."""
import email
import hashlib
import hmac
import io
import json
import os
import re
import subprocess
import threading
import urllib.parse
import base64
from base64 import b64decode
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from pypdf import PdfReader

from conftest import free_port, makegood_bin


class Mailbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((envelope.rcpt_tos[0], email.message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def take(self):
        with self.lock:
            taken, self.messages = self.messages, []
        return taken


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


class TwilioLike(BaseHTTPRequestHandler):
    received = []
    lock = threading.Lock()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        user, _, token = b64decode(self.headers["Authorization"].split()[1]).decode().partition(":")
        ok = self.path == "/2010-04-01/Accounts/AC123/Messages.json" and (user, token) == ("AC123", "secret")
        if ok:
            with TwilioLike.lock:
                TwilioLike.received.append({k: v[0] for k, v in form.items()})
        body = json.dumps({"sid": "SM" + str(len(TwilioLike.received)), "status": "queued"} if ok else {"code": 20003}).encode()
        self.send_response(201 if ok else 401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

    @classmethod
    def take(cls):
        with cls.lock:
            taken, cls.received = cls.received, []
        return taken


@pytest.fixture
def twilio():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), TwilioLike)
    TwilioLike.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_a_week_of_alerts_arrives_exactly_as_the_rules_say(server, instance, smtp, twilio, tmp_path):
    api = instance.api
    assert api.put("/preferences", json={"ticketUrlPrefix": "https://help.example.com/tickets/"}).status_code == 200
    lee = api.post("/contacts", json={"name": "Lee Lead", "email": "lee@example.com", "mobile": "+61400000001"}).json()["id"]
    bo = api.post("/contacts", json={"name": "Bo Both", "email": "bo@example.com", "mobile": "+61400000002"}).json()["id"]
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    assert api.put("/support-groups/A", json={"name": "Alpha", "lead": lee, "alsoAlerts": [{"contact": bo, "access": "dashboard"}]}).status_code == 201
    assert api.put("/support-groups/B", json={"name": "Beta", "lead": bo}).status_code == 201

    # Monday 16 to Saturday 21 November 2026 (Sydney, UTC+11): A has an unhappy customer every day, B on Mon and Wed.
    for day in range(16, 22):
        def post(ticket, group, rating, hour):
            body = {"ticketId": ticket, "supportGroupCode": group, "segmentCode": "ENT", "rating": rating,
                    "customer": {"name": "Cas <script>alert(1)</script>"}, "comment": "Still broken <b>!</b>",
                    "receivedAt": f"2026-11-{day:02d}T{hour:02d}:00:00+11:00"}
            assert api.post("/survey-responses", json=body).status_code == 201
        post(f"A-{day}", "A", 3, 10)
        post(f"P-{day}", "A", 10, 11)
        if day in (16, 18):
            post(f"B-{day}", "B", 2, 14)

    controller, mailbox = smtp
    env = {**server.env, "MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{controller.port}?starttls=off",
           "MAKEGOOD_SMTP_FROM": "Makegood <alerts@makegood.test>",
           "MAKEGOOD_SMS_URL": f"http://127.0.0.1:{twilio.server_address[1]}", "MAKEGOOD_SMS_ACCOUNT": "AC123",
           "MAKEGOOD_SMS_TOKEN": "secret", "MAKEGOOD_SMS_FROM": "+61400999999", "MAKEGOOD_OUTBOX": str(tmp_path / "outbox"),
           "MAKEGOOD_SECRET": SECRET}

    def alerts_run(at):
        result = subprocess.run([makegood_bin(), "alerts", "run", "--at", at, "--cpc", instance.cpc], env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def chase_kind(message):
        subject = message["Subject"]
        return "reminder" if "overdue recovery case" in subject else "escalation" if "escalated to you" in subject else None

    for day in range(17, 23):
        summary = alerts_run(f"2026-11-{day:02d}T09:00:00+11:00")
        mails = mailbox.take()
        texts = TwilioLike.take()
        b_yesterday = (day - 1) in (16, 18)

        # Nobody calls in this week: from the 19th each lead is reminded of the cases alerted two days or more
        # before (due a day after their alert), and the cases alerted two days before escalate to the admins
        # (the groups have no Department), each once.
        chased = sorted((to, chase_kind(m)) for to, m in mails if chase_kind(m))
        chase_texts = [t for t in texts if "/queue?cpc=" in t["Body"]]
        expected = [] if day < 19 else [(instance.admin_email, "escalation"), ("bo@example.com", "reminder"),
                                        ("lee@example.com", "reminder")]
        assert chased == sorted(expected), f"day {day}"
        assert sorted(t["To"] for t in chase_texts) == ([] if day < 19 else ["+61400000001", "+61400000002"]), f"day {day}"
        escalation = next((m for to, m in mails if chase_kind(m) == "escalation"), None)
        if escalation:
            escalated = {19: ["A-16", "B-16"], 20: ["A-17"], 21: ["A-18", "B-18"], 22: ["A-19"]}[day]
            body = escalation.get_body(("plain",)).get_content()
            assert sorted(re.findall(r"Ticket ([AB]-\d+)", body)) == escalated, body
            assert "<script>" not in escalation.get_body(("html",)).get_content()
        summary_chased = summary["chased"][0] if summary["chased"] else {}
        assert summary_chased.get("escalatedCases", 0) == (len(escalated) if escalation else 0)
        mails = [(to, m) for to, m in mails if not chase_kind(m)]
        texts = [t for t in texts if t not in chase_texts]

        assert [run["day"] for run in summary["runs"]] == [f"2026-11-{day:02d}"]
        assert sorted(to for to, _ in mails) == ["bo@example.com", "lee@example.com"], f"day {day}"
        assert sorted(t["To"] for t in texts) == ["+61400000001", "+61400000002"], f"day {day}"
        bo_text = next(t["Body"] for t in texts if t["To"] == "+61400000002")
        assert f"{2 if b_yesterday else 1} unhappy customer" in bo_text
        assert ("Alpha, Beta" in bo_text) == b_yesterday
        assert all(t["From"] == "+61400999999" for t in texts)
        bo_mail = next(m for to, m in mails if to == "bo@example.com")
        html = bo_mail.get_body(("html",)).get_content()
        assert f">A-{day - 1}<" in html and f">P-{day - 1}<" not in html
        assert (f">B-{day - 1}<" in html) == b_yesterday
        assert "<script>" not in html and "&lt;script&gt;" in html
        assert bo_mail["Message-ID"]
        pdf = next(part for part in bo_mail.iter_attachments() if part.get_content_type() == "application/pdf")
        reader = PdfReader(io.BytesIO(pdf.get_content()))
        pdf_text = "".join(page.extract_text() for page in reader.pages)
        assert f"Ticket A-{day - 1}" in pdf_text and "Bo Both" in pdf_text and "<script>" in pdf_text
        uris = [a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots", [])
                if a.get_object().get("/A", {}).get("/URI")]
        assert f"https://help.example.com/tickets/A-{day - 1}" in uris
        pencils = [u for u in uris if "/service-recovery-notes?" in u]
        assert len(pencils) >= 2 and all(verified(u) for u in pencils)

        # Running the same instant again sends nothing.
        again = alerts_run(f"2026-11-{day:02d}T09:00:00+11:00")
        assert again["runs"] == [] and again["delivered"] == 0
        assert mailbox.take() == [] and TwilioLike.take() == []

    runs = api.get("/alert-runs").json()["items"]
    assert len(runs) == 6
    assert all(d["state"] == "sent" for run in runs for d in run["deliveries"])


SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret"


def verified(url):
    """Checks a pencil link's signature the way the server does: HMAC-SHA256 over the grant and its expiry."""
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    fields = [query.get(name, "") for name in ("cpc", "rgid", "date", "tid", "r", "exp")]
    canonical = "makegood-link-v1|" + "|".join(f"{len(f.encode())}:{f}" for f in fields)
    key = hashlib.sha256(("makegood links|" + SECRET).encode()).digest()
    expected = base64.urlsafe_b64encode(hmac.new(key, canonical.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    return hmac.compare_digest(expected, query["sig"])
