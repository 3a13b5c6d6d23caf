"""Survey invitations against the survey slice's contract (issue 22), on SQLite and PostgreSQL: a real `makegood serve`
with its scheduler (so the outbox sends) and aiosmtpd. An invitation through the API is emailed exactly once, as a
text and an HTML part with RFC 8058 one-click unsubscribe headers and ten rating links; clicking 3 in the received
email records the rating and the page's form adds factors and a comment; a hostile name is escaped in the email and
the page; a changed, foreign (another instance's cpc) or expired link is refused with a page; a second invitation
is 409 unless resent; the quiet period and one-click unsubscribing (by POST only) skip later invitations; another
instance sees none of it."""
import base64
import hashlib
import hmac
import time
import urllib.parse
from html.parser import HTMLParser

import pytest
import requests
from aiosmtpd.controller import Controller

from conftest import create_instance, free_port, postgres_database, start_server, stop_server
from test_alerts import Mailbox
from test_survey_email import take

SECRET = "e2e-survey-secret-e2e-survey-secret-0123"
SUBJECT = "How would you rate the support you received?"
HOSTILE = "<script>alert(1)</script>"
FACTORS = ["Speed", "Knowledge", "Communication", "Courtesy", "Outcome"]
COMMENT = "Quick & kind, but <b>two</b> calls."


@pytest.fixture(scope="module")
def mail():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def mailing(request, mail, tmp_path_factory):
    """`serve` WITH the scheduler, passing every second, its outbox sending to aiosmtpd; the signing secret is known."""
    controller, mailbox = mail
    workdir = str(tmp_path_factory.mktemp(f"survey-{request.param}"))
    database = f"sqlite://{workdir}/makegood.sqlite" if request.param == "sqlite" else postgres_database()
    server = start_server(database, workdir, args=("serve", "--scheduler-interval", "1"), extra_env={
        "MAKEGOOD_SMTP_URL": f"smtp://127.0.0.1:{controller.port}?starttls=off",
        "MAKEGOOD_SMTP_FROM": "Makegood <surveys@makegood.test>", "MAKEGOOD_SECRET": SECRET})
    mailbox.take()
    yield server, mailbox
    status = stop_server(server)
    if request.session.testsfailed:
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\n--- makegood log ({request.param}, exit {status}) ---\n" + open(server.log_path).read()[-20000:])


@pytest.fixture
def tenant(mailing):
    """An instance on the mailing server with segment ENT and group TEAM."""
    server, _ = mailing
    instance = create_instance(server)
    lead = instance.api.post("/contacts", json={"name": "Lee Lead", "email": f"lee-{instance.cpc}@example.com",
                                                    "mobile": "+61412345678"})
    assert lead.status_code == 201, lead.text
    assert instance.api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    assert instance.api.put("/support-groups/TEAM", json={"name": "Team", "lead": lead.json()["id"]}).status_code == 201
    return instance


class Page(HTMLParser):
    """The links, forms, controls and labels of an HTML page or email part (attribute values unescaped)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.inputs, self.textareas, self.labels = [], [], [], [], set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append(a)
        elif tag == "input":
            self.inputs.append(a)
        elif tag == "textarea":
            self.textareas.append(a)
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])

    def ratings(self):
        return {int(query(h)["q1"]): h for h in self.links if "q1" in query(h)}


def query(url):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def with_query(url, **changes):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode({**query(url), **changes})))


def address(tag, instance):
    return f"{tag}-{instance.cpc}@example.com"


def invite(instance, ticket, email, **extra):
    body = {"ticketId": ticket, "supportGroupCode": "TEAM", "segmentCode": "ENT", "agent": "Ann Agent",
            "customer": {"name": "Cas Customer", "email": email}, **extra}
    return instance.api.post("/survey-invitations", json=body)


def queued(instance, ticket, email, **extra):
    answer = invite(instance, ticket, email, **extra)
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "queued" and answer.json().get("skipped") is None, answer.text
    return answer.json()


def emails_to(mailbox, email, timeout=60):
    """Every message to `email` (any case) arriving until one has, and then two scheduler passes more."""
    return [m for to, m in take(mailbox, {email}, timeout) if to.lower() == email.lower()]


def the_email(mailbox, email):
    messages = emails_to(mailbox, email)
    assert len(messages) == 1, f"{len(messages)} emails to {email}, not exactly one"
    return messages[0]


def html_of(message):
    return message.get_body(("html",)).get_content()


def responses_for(instance, ticket):
    return [r for r in instance.api.get("/survey-responses").json()["items"] if r["ticketId"] == ticket]


def error(answer):
    """The API's error JSON: {"error": {"code", "message", "field"?}}."""
    return answer.json()["error"]


def signed(url, exp):
    """The survey link `url` with expiry `exp`, signed as the server signs (HMAC-SHA256 under MAKEGOOD_SECRET)."""
    q = query(url)
    fields = [q["cpc"], q["i"], "answer", str(exp)]
    canonical = "makegood-survey-v1|" + "|".join(f"{len(f.encode())}:{f}" for f in fields)
    key = hashlib.sha256(("makegood links|" + SECRET).encode()).digest()
    sig = base64.urlsafe_b64encode(hmac.new(key, canonical.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
    return with_query(url, exp=str(exp), sig=sig)


def test_an_invitation_is_emailed_once_with_text_and_html_one_click_headers_and_ten_rating_links(mailing, tenant):
    server, mailbox = mailing
    to = address("cas", tenant)
    before = time.time()
    invitation = queued(tenant, "T-1", to)
    assert invitation["ticketId"] == "T-1" and invitation["id"] and invitation["sendAt"]
    url = invitation["url"]
    assert url.startswith(server.base_url + "/survey?") and {"cpc", "i", "exp", "sig"} <= set(query(url)), url
    assert query(url)["cpc"] == tenant.cpc
    assert abs(int(query(url)["exp"]) - (before + 30 * 86400)) < 3600, "the links expire 30 days from the invitation"

    message = the_email(mailbox, to)
    assert SUBJECT in message["Subject"]
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip()
    assert unsubscribe.startswith(f"<{server.base_url}/survey/unsubscribe?") and unsubscribe.endswith(">"), unsubscribe
    page = Page(html_of(message))
    assert unsubscribe[1:-1] in page.links, "the body has the unsubscribe link too"

    ratings = page.ratings()
    assert sorted(ratings) == list(range(1, 11)), page.links
    text = message.get_body(("plain",)).get_content()
    for rating, link in ratings.items():
        assert link.startswith(server.base_url + "/survey?"), link
        assert {k: query(link)[k] for k in ("cpc", "i", "exp", "sig")} == {k: query(url)[k] for k in ("cpc", "i", "exp", "sig")}
        assert link in text, f"the text part lists rating {rating}'s URL"


def test_rating_3_clicked_in_the_email_is_recorded_and_the_form_adds_factors_and_a_comment(mailing, tenant):
    server, mailbox = mailing
    to = address("click", tenant)
    queued(tenant, "T-2", to)
    three = Page(html_of(the_email(mailbox, to))).ratings()[3]

    clicked = requests.get(three, timeout=30)
    assert clicked.status_code == 200 and "text/html" in clicked.headers["Content-Type"], clicked.text
    [recorded] = responses_for(tenant, "T-2")
    assert (recorded["rating"], recorded["needsRecovery"]) == (3, True), recorded
    assert (recorded["supportGroupCode"], recorded["segmentCode"], recorded["agent"]) == ("TEAM", "ENT", "Ann Agent")
    assert recorded["customer"]["email"] == to and recorded["customer"]["name"] == "Cas Customer"

    # The page's form: rating radios with 3 checked, the five factors, a comment of up to 10000, the link's grant.
    page = Page(clicked.text)
    assert [(f.get("method", "").lower(), f.get("action")) for f in page.forms] == [("post", "/survey")]
    radios = [i for i in page.inputs if i.get("type") == "radio" and i.get("name") == "q1"]
    assert [r["value"] for r in radios] == [str(n) for n in range(1, 11)]
    assert [r["value"] for r in radios if "checked" in r] == ["3"]
    assert [i["value"] for i in page.inputs if i.get("type") == "checkbox" and i.get("name") == "factors"] == FACTORS
    assert [(t.get("name"), t.get("maxlength")) for t in page.textareas] == [("comment", "10000")]
    hidden = {i["name"]: i["value"] for i in page.inputs if i.get("type") == "hidden"}
    assert set(hidden) == {"cpc", "i", "exp", "sig"} and hidden["cpc"] == tenant.cpc
    controls = [i for i in page.inputs if i.get("type") != "hidden"] + page.textareas
    assert all(c.get("id") in page.labels for c in controls), "every control has a <label>"

    form = list(hidden.items()) + [("q1", "3"), ("factors", "Speed"), ("factors", "Knowledge"), ("comment", COMMENT)]
    sent = requests.post(server.base_url + "/survey", data=form, timeout=30)
    assert sent.status_code == 200 and "Thank you" in sent.text, sent.text
    latest = responses_for(tenant, "T-2")[0]
    assert (latest["rating"], latest["factors"], latest["comment"], latest["needsRecovery"]) == (
        3, ["Speed", "Knowledge"], COMMENT, True), latest


def test_a_hostile_customer_name_is_escaped_in_the_email_and_inert_on_the_survey_page(mailing, tenant):
    _, mailbox = mailing
    to = address("hostile", tenant)
    invitation = queued(tenant, "T-3", to, customer={"name": f"{HOSTILE} Cas", "email": to}, agent=f"{HOSTILE} Ann")
    body = html_of(the_email(mailbox, to))
    assert HOSTILE not in body, "no raw tag in the email's HTML"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Cas" in body, "the name is shown as text"

    question = requests.get(invitation["url"], timeout=30)
    assert question.status_code == 200 and SUBJECT in question.text
    assert sorted(Page(question.text).ratings()) == list(range(1, 11)), "no q1: the question and ten rating links"
    answered = requests.get(invitation["url"] + "&q1=5", timeout=30)
    assert answered.status_code == 200
    for page in (question.text, answered.text):
        assert HOSTILE not in page
    assert responses_for(tenant, "T-3")[0]["customer"]["name"] == f"{HOSTILE} Cas", "stored as sent"


def test_changed_and_expired_links_are_refused_a_second_invitation_is_409_and_a_resend_is_201(mailing, tenant):
    _, mailbox = mailing
    to = address("again", tenant)
    invitation = queued(tenant, "T-4", to)
    the_email(mailbox, to)
    url = invitation["url"]
    sig = query(url)["sig"]
    tampered = requests.get(with_query(url, sig=("A" if sig[0] != "A" else "B") + sig[1:], q1="2"), timeout=30)
    assert tampered.status_code == 403 and "text/html" in tampered.headers["Content-Type"]
    assert "not valid" in tampered.text
    assert signed(url, query(url)["exp"]) == url, "the test signs links as the server does"
    expired = requests.get(signed(url, int(time.time()) - 60) + "&q1=2", timeout=30)
    assert expired.status_code == 410 and "text/html" in expired.headers["Content-Type"], expired.text
    assert responses_for(tenant, "T-4") == [], "a refused link records nothing"

    second = invite(tenant, "T-4", to)
    assert second.status_code == 409 and error(second)["message"], second.text
    resent = queued(tenant, "T-4", to, resend=True)
    assert resent["id"] == invitation["id"]
    assert SUBJECT in the_email(mailbox, to)["Subject"], "the resent invitation is emailed again, once"


def test_answers_are_shaped_as_the_contract_says_and_invalid_invitations_are_refused_naming_the_field(mailing, tenant):
    """As openapi.yaml has it: an absent optional field is left out of the answer; a body that can't be read as the
    document's shape (a required field missing, an unknown field) is 400 and a value the document forbids 422, each
    naming the field."""
    to = address("shape", tenant)
    problems = []
    answered = invite(tenant, "T-5", to).json()
    if answered.get("status") != "queued" or "skipped" in answered or not answered.get("url"):
        problems.append(f"a queued answer has a url and no skipped: {answered}")
    skipped = invite(tenant, "T-5b", to).json()
    if skipped.get("status") != "skipped" or skipped.get("skipped") != "quietPeriod" or "url" in skipped:
        problems.append(f"a skipped answer says why and has no url: {skipped}")
    for body, status, field in (
            ({"customer": {"email": to}}, 400, "ticketId"),
            ({"ticketId": "T-6", "customer": {}}, 400, "customer.email"),
            ({"ticketId": "T-6", "customer": {"email": to}, "colour": "red"}, 400, "colour"),
            ({"ticketId": "", "customer": {"email": to}}, 422, "ticketId"),
            ({"ticketId": "T-6", "customer": {"email": "nope"}}, 422, "email")):
        refused = tenant.api.post("/survey-invitations", json=body)
        named = refused.status_code < 500 and field in error(refused).get("field", "") + error(refused)["message"]
        if refused.status_code != status or not named:
            problems.append(f"{body} -> {refused.status_code} {refused.text}, not {status} naming {field}")
    assert not problems, "\n".join(problems)


def test_a_second_ticket_for_the_same_address_in_any_case_within_7_days_is_skipped_and_not_emailed(mailing, tenant):
    _, mailbox = mailing
    to = address("quiet", tenant)
    first = queued(tenant, "T-6", to)
    quiet = invite(tenant, "T-7", to.upper().replace("@EXAMPLE.COM", "@Example.com"))
    assert quiet.status_code == 201, quiet.text
    body = quiet.json()
    assert (body["status"], body["skipped"], body.get("url")) == ("skipped", "quietPeriod", None), body
    messages = emails_to(mailbox, to)
    assert len(messages) == 1, "one email, for the first ticket"
    assert query(Page(html_of(messages[0])).ratings()[1])["i"] == query(first["url"])["i"]
    assert responses_for(tenant, "T-7") == []


def test_one_click_unsubscribing_needs_a_post_and_then_skips_the_address(mailing, tenant):
    server, mailbox = mailing
    # The quiet period off, so a queued invitation after the GET shows the GET unsubscribed nothing.
    assert tenant.api.put("/preferences", json={"surveyQuietDays": 0}).status_code == 200
    to = address("leave", tenant)
    queued(tenant, "T-8", to)
    link = the_email(mailbox, to)["List-Unsubscribe"].strip().strip("<>")

    asked = requests.get(link, timeout=30)
    assert asked.status_code == 200
    assert [(f.get("method", "").lower(), f.get("action")) for f in Page(asked.text).forms] == [
        ("post", link.removeprefix(server.base_url))], "a button POSTing to the same URL"
    after_get = queued(tenant, "T-9", to)
    assert query(Page(html_of(the_email(mailbox, to))).ratings()[1])["i"] == query(after_get["url"])["i"]

    done = requests.post(link, data="List-Unsubscribe=One-Click", timeout=30,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert done.status_code == 200, done.text
    gone = invite(tenant, "T-10", to.upper())
    assert gone.status_code == 201, gone.text
    assert (gone.json()["status"], gone.json()["skipped"], gone.json().get("url")) == ("skipped", "unsubscribed", None)
    sentinel = address("sentinel", tenant)
    queued(tenant, "T-11", sentinel)
    arrived = [rcpt.lower() for rcpt, _ in take(mailbox, {sentinel})]
    assert sentinel in arrived and to not in arrived, "nothing for the unsubscribed address"


def test_another_instance_sees_no_response_and_a_link_moved_to_its_cpc_is_refused(mailing, tenant):
    server, _ = mailing
    other = create_instance(server)
    invitation = queued(tenant, "T-12", address("iso", tenant))
    assert requests.get(invitation["url"] + "&q1=4", timeout=30).status_code == 200
    assert [r["rating"] for r in responses_for(tenant, "T-12")] == [4]
    assert all(r["ticketId"] != "T-12" for r in other.api.get("/survey-responses").json()["items"])
    moved = requests.get(with_query(invitation["url"], cpc=other.cpc, q1="1"), timeout=30)
    assert moved.status_code == 403 and "text/html" in moved.headers["Content-Type"]
    assert other.api.get("/survey-responses").json()["items"] == []
    assert [r["rating"] for r in responses_for(tenant, "T-12")] == [4]
