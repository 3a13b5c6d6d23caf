"""Two `serve` nodes on one PostgreSQL database share three days of alerts; one is SIGKILLed in the middle of a
day's pass over the instances. Every lead still gets each day's email and SMS exactly once.

Both nodes go by one --clock-file, so a day passes when the test rewrites it. A node runs every due run and only
then sends what the outbox holds, so killing A while it is still logging "alert run" lines kills it between
committed runs (the claim and the messages are in one transaction), never between handing a message to the
provider and recording it: no duplicate is excused here, unlike test_outbox_kill.
"""
import datetime
import json
import os
import re
import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from conftest import API, postgres_database, random_name, start_server, stop_server
from test_alerts import TwilioLike, smtp, twilio  # noqa: F401  (the fixtures)

INSTANCES = 12
GROUPS = 2
# Tuesday to Thursday of last week: weekdays, so no weekend rule applies, and in the past, because the API refuses
# a `receivedAt` ahead of the system clock (the clock file moves only the scheduler and the outbox worker). The
# instances are on UTC and alert at 09:00.
_TUESDAY = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday() + 6)
DAYS = [(_TUESDAY + datetime.timedelta(days=n)).isoformat() for n in range(3)]
BEFORE_DAY_1 = f"{DAYS[0]}T08:00:00Z"
# "cpc=… day=… responses=N [MakegoodAlerts] alert run" in swift-log's StreamLogHandler format.
RUN_LINE = re.compile(r"\bcpc=(\S+) day=(\S+) responses=(\d+) \[\S+\] alert run$", re.M)


def set_clock(path, instant):
    # A node may read the file at any moment: replace it whole.
    with open(path + ".tmp", "w") as f:
        f.write(instant)
    os.replace(path + ".tmp", path)


def transport_env(controller, twilio):
    """What sends a node's email to the aiosmtpd fake and its SMS to the Twilio-like endpoint."""
    return {"MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{controller.port}?starttls=off",
            "MAKEGOOD_SMS_URL": f"http://127.0.0.1:{twilio.server_address[1]}", "MAKEGOOD_SMS_ACCOUNT": "AC123",
            "MAKEGOOD_SMS_TOKEN": "secret", "MAKEGOOD_SMS_FROM": "+61400999999"}


class Nodes:
    """`serve` nodes on one database and one --clock-file, each in a folder of its own (start_server truncates its
    server.log, and a killed node's log is still wanted); every log is kept, restarts included."""

    def __init__(self, database, tmp_path, clock, extra_env):
        self.database, self.tmp_path, self.extra_env = database, tmp_path, extra_env
        self.args = ("serve", "--scheduler-interval", "1", "--clock-file", clock)
        self.logs = {}
        self.running = []

    def start(self, name):
        workdir = self.tmp_path / name
        workdir.mkdir()
        node = start_server(self.database, str(workdir), args=self.args, extra_env=self.extra_env)
        self.logs[name] = node.log_path
        self.running.append(node)
        return node

    def stop_all(self):
        for node in self.running:
            stop_server(node)


def problems(count, expected):
    """What is missing, came twice or was not expected, by (channel, recipient, day)."""
    missing = sorted(expected - set(count))
    duplicated = sorted((k, n) for k, n in count.items() if n > 1)
    unexpected = sorted(k for k in count if k not in expected)
    return {name: v for name, v in [("missing", missing), ("duplicated", duplicated), ("unexpected", unexpected)] if v}


def previous_day(day):
    return (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()


def lead(i, g):
    return f"lead-{i}-{g}@example.test", f"+61491{i:03d}{g:03d}"


def runs_logged(log_path, day):
    """The instances whose run for `day` this log says it executed (a run claimed by the other node logs nothing)."""
    with open(log_path) as f:
        return [cpc for cpc, d, _ in RUN_LINE.findall(f.read()) if d == day]


class Arrivals:
    """Every email and SMS the fakes received, keyed by channel, recipient and the day the message reports: the
    email's PDF is named service-recovery-report-DAY.pdf, the SMS link's signed grant carries date=DAY."""

    def __init__(self, mailbox):
        self.mailbox = mailbox
        self.count = Counter()

    def collect(self):
        # Nobody calls in this test, so from day 3 the cases of day 1 bring reminders and escalations: those are
        # test_case_chasing's to count.
        for to, message in self.mailbox.take():
            if "overdue recovery case" in message["Subject"] or "escalated to you" in message["Subject"]:
                continue
            names = " ".join(part.get_filename() or "" for part in message.iter_attachments())
            day = re.search(r"service-recovery-report-(\d{4}-\d\d-\d\d)\.pdf", names)
            self.count["email", to, day[1] if day else "?"] += 1
        for text in TwilioLike.take():
            if "/queue?cpc=" in text["Body"]:
                continue
            day = re.search(r"[?&]date=(\d{4}-\d\d-\d\d)", text["Body"])
            self.count["sms", text["To"], day[1] if day else "?"] += 1

    def problems(self, expected):
        return problems(self.count, expected)


def test_two_nodes_three_days_one_killed_mid_run_every_message_exactly_once(smtp, twilio, tmp_path):  # noqa: F811
    controller, mailbox = smtp
    database = postgres_database()
    clock = str(tmp_path / "clock")
    set_clock(clock, BEFORE_DAY_1)
    nodes = Nodes(database, tmp_path, clock, transport_env(controller, twilio))
    logs, start = nodes.logs, nodes.start

    def tails():
        """For failure messages: per node, whose runs of which day it logged and how much it sent; then its log's end."""
        out = ""
        for name, path in logs.items():
            text = open(path).read()
            runs = Counter(day for _, day, _ in RUN_LINE.findall(text))
            out += f"\n--- {name}: runs per day {dict(runs)}, {text.count('] delivered')} delivered; log ends ---\n{text[-3000:]}"
        return out

    arrivals = Arrivals(mailbox)
    expected = set()

    def await_day(day, timeout=90):
        """Polls until every message of `day` is in, then gives stragglers two quiet seconds to show up."""
        expected.update(("email", lead(i, g)[0], day) for i in range(INSTANCES) for g in range(GROUPS))
        expected.update(("sms", lead(i, g)[1], day) for i in range(INSTANCES) for g in range(GROUPS))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not expected <= set(arrivals.count):
            time.sleep(0.1)
            arrivals.collect()
        time.sleep(2)
        arrivals.collect()
        problems = arrivals.problems(expected)
        assert not problems, f"after {day}: {problems}{tails()}"

    try:
        a, b = start("a"), start("b")
        # Setup through B (it is never killed). An instance's first run happens as soon as a node sees it (Monday,
        # covering the day before: nothing to send), so its day-1 run covers Monday 09:00 to Tuesday 09:00.
        def create(i):
            out = b.run_cli("instance", "create", "--cpc", f"n{i:02d}{random_name(6)}", "--name", f"Node test {i}",
                            "--timezone", "UTC")
            created = json.loads(out.stdout)
            api = API(b.base_url, created["apiToken"])
            assert api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
            for g in range(GROUPS):
                email, mobile = lead(i, g)
                contact = api.post("/contacts", json={"name": f"Lead {i}-{g}", "email": email, "mobile": mobile})
                assert contact.status_code == 201, contact.text
                group = api.put(f"/support-groups/G{g}", json={"name": f"Group {g}", "lead": contact.json()["id"]})
                assert group.status_code == 201, group.text
            return created["cpc"], api

        with ThreadPoolExecutor(INSTANCES) as pool:
            instances = list(pool.map(create, range(INSTANCES)))

        def post_responses(day):
            """Per group one unhappy (2 ≤ default threshold 6) and one happy response, inside the day's window."""
            received = previous_day(day)
            for _, api in instances:
                for g in range(GROUPS):
                    for ticket, rating, hour in ((f"U{g}-{day}", 2, 12), (f"H{g}-{day}", 10, 13)):
                        body = {"ticketId": ticket, "supportGroupCode": f"G{g}", "segmentCode": "ENT", "rating": rating,
                                "receivedAt": f"{received}T{hour}:00:00Z"}
                        response = api.post("/survey-responses", json=body)
                        assert response.status_code == 201, response.text

        # Day 1: both nodes tick; the claim in the database gives each instance's run to one of them.
        post_responses(DAYS[0])
        set_clock(clock, f"{DAYS[0]}T09:00:30Z")
        await_day(DAYS[0])

        # Day 2: A is killed in the middle of its pass. B is paused (SIGSTOP) while the clock moves, so that A
        # is the one to start the day: with both running, B alone sometimes finishes the whole pass before A's
        # next tick, and there would be nothing of A's to interrupt. Before the move both only read (the outbox
        # is empty), so the pause holds no lock A needs.
        post_responses(DAYS[1])
        b.process.send_signal(signal.SIGSTOP)
        try:
            set_clock(clock, f"{DAYS[1]}T09:00:30Z")
            deadline = time.monotonic() + 30
            while not runs_logged(a.log_path, DAYS[1]):
                assert time.monotonic() < deadline and a.process.poll() is None, f"A ran nothing of day 2{tails()}"
                time.sleep(0.005)
            a.process.send_signal(signal.SIGKILL)
            a.process.wait()
        finally:
            b.process.send_signal(signal.SIGCONT)
        nodes.running.remove(a)
        await_day(DAYS[1])
        by_a, by_b = runs_logged(a.log_path, DAYS[1]), runs_logged(b.log_path, DAYS[1])
        assert 1 <= len(by_a) < INSTANCES, f"A ran {len(by_a)} of day 2's runs before the kill{tails()}"
        assert not set(by_a) & set(by_b), f"day 2 run twice: {set(by_a) & set(by_b)}{tails()}"
        print(f"day 2: A ran {len(by_a)} of {INSTANCES} runs before SIGKILL, B ran {len(by_b)}")
        a = start("a-restarted")

        # Day 3: both again, the restarted A included.
        post_responses(DAYS[2])
        set_clock(clock, f"{DAYS[2]}T09:00:30Z")
        await_day(DAYS[2])

        # No instance's run of a day was executed by two nodes (a run A committed in the instant before SIGKILL may
        # not be logged at all, so the messages, checked in await_day, are what proves every run happened).
        logged = Counter((cpc, day) for path in logs.values() for cpc, day, _ in RUN_LINE.findall(open(path).read()))
        twice = {k: n for k, n in logged.items() if n > 1}
        assert not twice, f"runs executed more than once: {twice}{tails()}"
        assert len(arrivals.count) == len(expected) == 3 * 2 * INSTANCES * GROUPS
    finally:
        nodes.stop_all()
