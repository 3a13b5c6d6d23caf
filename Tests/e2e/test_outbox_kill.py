"""A worker killed with SIGKILL at random points loses nothing; a message is sent twice only when the kill fell
between handing it to the provider and committing that it was sent: the worker logs "sending" before and
"delivered" after, so a kill in that window shows as a "sending" with no "delivered"."""
import json
import random
import re
import signal
import subprocess
import time
from collections import Counter

from aiosmtpd.controller import Controller

from conftest import free_port, makegood_bin
from test_alert_faults import AT, environment, later
from test_alerts import Mailbox, TwilioLike, twilio  # noqa: F401  (the fixture)


class SlowMailbox(Mailbox):
    async def handle_DATA(self, server, session, envelope):
        import asyncio
        await asyncio.sleep(0.03)  # widen the window a kill can fall into
        return await super().handle_DATA(server, session, envelope)


def test_sigkill_at_random_points_loses_nothing(server, instance, twilio, tmp_path):
    api = instance.api
    assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    for g in range(4):
        ids = [api.post("/contacts", json={"name": f"C{g}-{i}", "email": f"c{g}-{i}@example.com",
                                           "mobile": f"+614000{g}{i:04d}"}).json()["id"] for i in range(4)]
        body = {"name": f"Group {g}", "lead": ids[0], "alsoAlerts": [{"contact": c, "access": "dashboard"} for c in ids[1:]]}
        assert api.put(f"/support-groups/G{g}", json=body).status_code == 201
        for j in range(2):
            response = {"ticketId": f"T{g}-{j}", "supportGroupCode": f"G{g}", "segmentCode": "ENT", "rating": 2,
                        "receivedAt": f"2026-11-16T1{j}:00:00+11:00"}
            assert api.post("/survey-responses", json=response).status_code == 201

    mailbox = SlowMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = {**environment(server, controller.port, twilio, tmp_path), "MAKEGOOD_LOG_LEVEL": "info"}
    TwilioLike.take()
    received = Counter()
    logs = []
    rng = random.Random(20261123)
    try:
        for attempt in range(20):
            # Kills fall in the run's transaction too (it must roll back whole) and in the sending; each
            # `outbox send` pass is past the leases of the workers killed before it.
            command = (["alerts", "run", "--at", AT, "--cpc", instance.cpc] if attempt % 3 == 0
                       else ["outbox", "send", "--at", later(hours=attempt)])
            log = tmp_path / f"worker-{attempt}.log"
            with open(log, "w") as out:
                process = subprocess.Popen([makegood_bin(), *command], env=env, stdout=subprocess.DEVNULL, stderr=out)
                time.sleep(rng.uniform(0.05, 1.2))
                process.send_signal(signal.SIGKILL)
                process.wait()
            logs.append(log.read_text())
        for command in (["alerts", "run", "--at", AT, "--cpc", instance.cpc], ["outbox", "send", "--at", later(hours=48)]):
            final = subprocess.run([makegood_bin(), *command], env=env, capture_output=True, text=True, timeout=300)
            assert final.returncode == 0, final.stderr
            logs.append(final.stderr)
    finally:
        controller.stop()

    # The outbox is shared by the whole server: earlier tests' retries may pass through too, so count only ours.
    for to, message in mailbox.take():
        if re.fullmatch(r"c\d-\d@example\.com", to):
            received["email", message["Message-ID"]] += 1
    for text in TwilioLike.take():
        if text["To"].startswith("+614000"):
            received["sms", text["To"]] += 1

    # Nothing lost: 16 recipients, one email and one text each.
    assert len([k for k in received if k[0] == "email"]) == 16
    assert len([k for k in received if k[0] == "sms"]) == 16
    # A duplicate only where a kill fell between acceptance and commit.
    in_flight = set()
    for text in logs:
        sending = set(re.findall(r"delivery=(\S+) \[\S+\] sending", text))
        committed = set(re.findall(r"delivery=(\S+) \[\S+\] delivered", text))
        in_flight |= sending - committed
    duplicates = sum(count - 1 for count in received.values())
    assert duplicates <= len(in_flight), (duplicates, in_flight)
    runs = api.get("/alert-runs").json()["items"]
    assert all(d["state"] == "sent" for run in runs for d in run["deliveries"])
    print(f"{duplicates} duplicate(s); {len(in_flight)} kill(s) between sending and commit")
