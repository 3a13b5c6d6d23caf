"""Alerts when things go wrong: the mail server is down, an address bounces, two runs start at once."""
import json
from datetime import datetime, timedelta, timezone
import subprocess
import urllib.parse

import pytest
from aiosmtpd.controller import Controller

from conftest import free_port, makegood_bin
from test_alerts import Mailbox, TwilioLike, twilio  # noqa: F401  (the fixture)

AT = "2026-11-17T09:00:00+11:00"


class BouncingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce@"):
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def setup_instance(api, lead_email="lee@example.com"):
    lee = api.post("/contacts", json={"name": "Lee", "email": lead_email, "mobile": "+61400000001"}).json()["id"]
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    assert api.put("/support-groups/A", json={"name": "Alpha", "lead": lee}).status_code == 201
    body = {"ticketId": "T-1", "supportGroupCode": "A", "segmentCode": "ENT", "rating": 2, "receivedAt": "2026-11-16T10:00:00+11:00"}
    assert api.post("/survey-responses", json=body).status_code == 201


def environment(server, smtp_port, twilio_server, tmp_path):
    return {**server.env, "MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off",
            "MAKEGOOD_SMS_URL": f"http://127.0.0.1:{twilio_server.server_address[1]}", "MAKEGOOD_SMS_ACCOUNT": "AC123",
            "MAKEGOOD_SMS_TOKEN": "secret", "MAKEGOOD_SMS_FROM": "+61400999999", "MAKEGOOD_OUTBOX": str(tmp_path / "outbox")}


def cli(env, *args):
    result = subprocess.run([makegood_bin(), *args], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def later(hours):
    """An instant some hours after the attempt just made, to pass a back-off without sleeping."""
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat(timespec="seconds")


def email_deliveries(api):
    return [d for run in api.get("/alert-runs").json()["items"] for d in run["deliveries"] if d["channel"] == "email"]


def test_mail_waits_while_the_server_is_down_and_arrives_once_it_is_back(server, instance, twilio, tmp_path):
    setup_instance(instance.api)
    port = free_port()
    env = environment(server, port, twilio, tmp_path)

    summary = cli(env, "alerts", "run", "--at", AT, "--cpc", instance.cpc)

    assert summary["runs"][0]["emails"] == 1 and summary["delivered"] == 1  # the SMS went; the mail could not
    [queued] = email_deliveries(instance.api)
    assert queued["state"] == "queued" and queued["attempts"] == 1 and "unreachable" in queued["lastError"]
    # Messages are sent now, whatever instant the run was for: the back-off counts from the failed attempt.
    assert cli(env, "outbox", "send")["delivered"] == 0, "still within the back-off"

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert cli(env, "outbox", "send", "--at", later(hours=2))["delivered"] == 1
        assert cli(env, "outbox", "send", "--at", later(hours=3))["delivered"] == 0
    finally:
        controller.stop()
    assert [to for to, _ in mailbox.take()] == ["lee@example.com"]
    [sent] = email_deliveries(instance.api)
    assert sent["state"] == "sent" and sent["attempts"] == 2


def test_a_bounced_address_is_marked_failed_and_listed(server, instance, twilio, tmp_path):
    setup_instance(instance.api, lead_email="bounce@example.com")
    mailbox = BouncingMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = environment(server, controller.port, twilio, tmp_path)
        cli(env, "alerts", "run", "--at", AT, "--cpc", instance.cpc)
        assert cli(env, "outbox", "send", "--at", later(hours=24))["delivered"] == 0
    finally:
        controller.stop()
    [failed] = email_deliveries(instance.api)
    assert failed["state"] == "failed" and "550" in failed["lastError"] and failed["attempts"] == 1


def test_two_alert_runs_started_together_send_each_message_once(server, instance, twilio, tmp_path):
    if not server.env["MAKEGOOD_DATABASE"].startswith("postgres"):
        pytest.skip("two processes writing at once is the PostgreSQL deployment; SQLite has one writer")
    api = instance.api
    contacts = [api.post("/contacts", json={"name": f"Lead {i}", "email": f"lead{i}@example.com", "mobile": f"+6140000010{i}"}).json()["id"]
                for i in range(5)]
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    for i, lead in enumerate(contacts):
        assert api.put(f"/support-groups/G{i}", json={"name": f"Group {i}", "lead": lead}).status_code == 201
        for j in range(3):
            body = {"ticketId": f"T-{i}-{j}", "supportGroupCode": f"G{i}", "segmentCode": "ENT", "rating": 1,
                    "receivedAt": f"2026-11-16T1{j}:00:00+11:00"}
            assert api.post("/survey-responses", json=body).status_code == 201
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = environment(server, controller.port, twilio, tmp_path)
        command = [makegood_bin(), "alerts", "run", "--at", AT, "--cpc", instance.cpc]
        processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in processes]
        assert all(p.returncode == 0 for p in processes), outputs
    finally:
        controller.stop()
    runs = [json.loads(out)["runs"] for out, _ in outputs]
    assert sorted(len(r) for r in runs) == [0, 1]
    assert sorted(to for to, _ in mailbox.take()) == sorted(f"lead{i}@example.com" for i in range(5))
    assert sorted(t["To"] for t in TwilioLike.take()) == sorted(f"+6140000010{i}" for i in range(5))


@pytest.mark.parametrize("password, delivered", [("p@ss word", True), ("wrong", False)])
def test_smtp_auth(server, instance, twilio, tmp_path, password, delivered):
    from aiosmtpd.smtp import AuthResult

    def authenticator(server_, session, envelope, mechanism, auth_data):
        # handled=False: aiosmtpd answers 535 itself on failure.
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"mg", b"p@ss word"), handled=False)

    setup_instance(instance.api)
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        env = environment(server, controller.port, twilio, tmp_path)
        quoted = urllib.parse.quote(password, safe="")
        env["MAKEGOOD_SMTP_URL"] = f"smtp://mg:{quoted}@127.0.0.1:{controller.port}?starttls=off"
        cli(env, "alerts", "run", "--at", AT, "--cpc", instance.cpc)
    finally:
        controller.stop()
    [mail] = email_deliveries(instance.api)
    assert (mail["state"] == "sent") == delivered
    assert len(mailbox.take()) == (1 if delivered else 0)
    if not delivered:
        assert mail["state"] == "failed" and "535" in mail["lastError"]


def test_a_silent_mail_server_times_out_and_the_mail_waits(server, instance, twilio, tmp_path):
    from aiosmtpd.smtp import AuthResult

    def never_answers(server_, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=True)  # handled, but nothing sent: the client hears nothing

    setup_instance(instance.api)
    controller = Controller(Mailbox(), hostname="127.0.0.1", port=free_port(), authenticator=never_answers, auth_require_tls=False)
    controller.start()
    try:
        env = environment(server, controller.port, twilio, tmp_path)
        env["MAKEGOOD_SMTP_URL"] = f"smtp://mg:pw@127.0.0.1:{controller.port}?starttls=off&timeout=2"
        cli(env, "alerts", "run", "--at", AT, "--cpc", instance.cpc)
    finally:
        controller.stop()
    [mail] = email_deliveries(instance.api)
    assert mail["state"] == "queued" and "did not answer" in mail["lastError"]
