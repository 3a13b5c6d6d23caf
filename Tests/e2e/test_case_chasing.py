"""A week of recovery cases nobody called, on two `serve` nodes sharing one PostgreSQL database and one --clock-file
(issue 21): every day from the second, each Support Lead gets exactly one reminder email, and a text on weekdays and
on weekends where Weekend Alerts is on; on the third day each case still nobody spoke to escalates, once, to the
Department's lead; a case contacted in time is in no reminder. On the fourth day node A is SIGKILLed in the middle
of its pass and restarted; nothing is lost or sent twice.

The week is two weeks back (Monday to Sunday), because the API refuses a `receivedAt` ahead of the system clock; the
clock file moves the scheduler and the outbox. Instances are on UTC, alert at 09:00, with a 24-hour target.
"""
import datetime
import json
import re
import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from conftest import API, postgres_database, random_name
from test_alerts import TwilioLike, smtp, twilio  # noqa: F401  (the fixtures)
from test_two_nodes import Nodes, problems, set_clock, transport_env

INSTANCES = 6
_MONDAY = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday() + 14)
DAYS = [(_MONDAY + datetime.timedelta(days=n)).isoformat() for n in range(7)]
SUNDAY_BEFORE = (_MONDAY - datetime.timedelta(days=1)).isoformat()
WEEKEND = set(DAYS[5:])
# "cpc=… escalated=N reminders=N [MakegoodAlerts] cases chased" in swift-log's StreamLogHandler format.
CHASE_LINE = re.compile(r"\bcpc=(\S+) escalated=(\d+) reminders=(\d+) \[\S+\] cases chased$", re.M)


def people(i):
    return {"lee": (f"lee-{i}@example.test", f"+61492{i:03d}001"), "dana": (f"dana-{i}@example.test", f"+61492{i:03d}002")}


def weekend_texts(i):
    """Half the instances turn Weekend Alerts off."""
    return i % 2 == 0


class Arrivals:
    """Reminders and escalations the fakes received, keyed by kind, recipient and the simulated day they came on."""

    def __init__(self, mailbox):
        self.mailbox = mailbox
        self.count = Counter()
        self.bodies = []

    def collect(self, day):
        for to, message in self.mailbox.take():
            subject = message["Subject"]
            if "overdue recovery case" in subject:
                self.count["reminder", to, day] += 1
                self.bodies.append((to, message.get_body(("plain",)).get_content()))
            elif "escalated to you" in subject:
                self.count["escalation", to, day] += 1
                self.bodies.append((to, message.get_body(("plain",)).get_content()))
        for text in TwilioLike.take():
            if "/queue?cpc=" in text["Body"]:
                self.count["reminder-sms", text["To"], day] += 1

    def problems(self, expected):
        return problems(self.count, expected)


def test_a_week_of_reminders_and_escalations_on_two_nodes_one_killed(smtp, twilio, tmp_path):  # noqa: F811
    controller, mailbox = smtp
    database = postgres_database()
    clock = str(tmp_path / "clock")
    set_clock(clock, f"{DAYS[0]}T08:00:00Z")
    nodes = Nodes(database, tmp_path, clock, transport_env(controller, twilio))
    logs, start = nodes.logs, nodes.start

    def tails():
        out = ""
        for name, path in logs.items():
            text = open(path).read()
            out += f"\n--- {name}: {len(CHASE_LINE.findall(text))} chase passes; log ends ---\n{text[-3000:]}"
        return out

    arrivals = Arrivals(mailbox)
    expected = set()

    def expect_day(day):
        for i in range(INSTANCES):
            lee, dana = people(i)["lee"], people(i)["dana"]
            if day != DAYS[0]:
                expected.add(("reminder", lee[0], day))
                if day not in WEEKEND or weekend_texts(i):
                    expected.add(("reminder-sms", lee[1], day))
            if day == DAYS[2]:
                expected.add(("escalation", dana[0], day))

    def await_day(day, timeout=60):
        expect_day(day)
        wanted = {key for key in expected if key[2] == day}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not wanted <= set(arrivals.count):
            time.sleep(0.1)
            arrivals.collect(day)
        time.sleep(2)
        arrivals.collect(day)
        problems = arrivals.problems(expected)
        assert not problems, f"after {day}: {problems}{tails()}"

    try:
        a, b = start("a"), start("b")
        tickets = {}

        def create(i):
            out = b.run_cli("instance", "create", "--cpc", f"c{i:02d}{random_name(6)}", "--name", f"Chase test {i}",
                            "--timezone", "UTC")
            created = json.loads(out.stdout)
            api = API(b.base_url, created["apiToken"])
            assert api.put("/preferences", json={"weekendAlerts": weekend_texts(i)}).status_code == 200
            assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
            ids = {}
            for who, (email, mobile) in people(i).items():
                contact = api.post("/contacts", json={"name": who.title(), "email": email, "mobile": mobile})
                assert contact.status_code == 201, contact.text
                ids[who] = contact.json()["id"]
            assert api.put("/support-groups/DEPT", json={"name": "Support", "lead": ids["dana"]}).status_code == 201
            team = api.put("/support-groups/TEAM", json={"name": "Team", "department": "DEPT", "lead": ids["lee"]})
            assert team.status_code == 201, team.text
            # Received on Sunday: Monday's alert reports the two unhappy ones; both are due Tuesday 09:00.
            stored = {}
            for ticket, rating in (("LATE", 2), ("INTIME", 3), ("HAPPY", 10)):
                body = {"ticketId": f"{ticket}-{i}", "supportGroupCode": "TEAM", "segmentCode": "ENT", "rating": rating,
                        "receivedAt": f"{SUNDAY_BEFORE}T12:00:00Z"}
                response = api.post("/survey-responses", json=body)
                assert response.status_code == 201, response.text
                stored[ticket] = response.json()["id"]
            return created["cpc"], api, stored

        with ThreadPoolExecutor(INSTANCES) as pool:
            instances = list(pool.map(create, range(INSTANCES)))

        # Monday: the alert opens the cases; nobody is overdue yet. Lee calls the INTIME customer that afternoon.
        set_clock(clock, f"{DAYS[0]}T09:00:30Z")
        await_day(DAYS[0])
        for _, api, stored in instances:
            note = api.post(f"/survey-responses/{stored['INTIME']}/notes",
                            json={"author": "Lee", "spokeToCustomer": True, "text": "Called, sorted out",
                                  "createdAt": f"{DAYS[0]}T15:00:00Z"})
            assert note.status_code == 201, note.text

        # Tuesday and Wednesday (escalation at due + 24 h) with both nodes.
        for day in DAYS[1:3]:
            set_clock(clock, f"{day}T09:00:30Z")
            await_day(day)

        # Thursday: A starts the pass alone (B paused) and is killed as soon as it has chased one instance.
        def passes(node):
            return len(CHASE_LINE.findall(open(node.log_path).read()))

        before = passes(a)
        b.process.send_signal(signal.SIGSTOP)
        try:
            set_clock(clock, f"{DAYS[3]}T09:00:30Z")
            deadline = time.monotonic() + 30
            while passes(a) == before:
                assert time.monotonic() < deadline and a.process.poll() is None, f"A chased nothing on Thursday{tails()}"
                time.sleep(0.005)
            a.process.send_signal(signal.SIGKILL)
            a.process.wait()
        finally:
            b.process.send_signal(signal.SIGCONT)
        nodes.running.remove(a)
        by_a = passes(a) - before
        await_day(DAYS[3])
        print(f"Thursday: A chased {by_a} of {INSTANCES} instances before SIGKILL")
        a = start("a-restarted")

        for day in DAYS[4:]:
            set_clock(clock, f"{day}T09:00:30Z")
            await_day(day)

        assert len(arrivals.count) == len(expected)
        # The case contacted in time is in no message; the late one is in every reminder and the escalation.
        assert arrivals.bodies and all("INTIME-" not in body for _, body in arrivals.bodies)
        assert all("Ticket LATE-" in body for _, body in arrivals.bodies)
    finally:
        nodes.stop_all()
