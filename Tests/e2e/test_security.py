"""Hardening, tried as an attacker would against a running server: hostile ticket ids in the PDFs' links, /metrics
behind a token, and connections that send nothing."""
import email
import html
import io
import re
import socket
import subprocess
import time
import urllib.parse
from email import policy

import requests
from pypdf import PdfReader

from conftest import makegood_bin, start_server, stop_server

PREFIX = "https://help.example.com/t/"
# Each would end cairo's `/URI (…)` string early and make the link something else if it went into the PDF as it is.
HOSTILE = ["HD-1) /S /JavaScript /JS (app.alert(1)", "HD-2\\) >> /A << /S /Launch /F (calc.exe", "HD-3' uri='https://evil.example",
           "HD 4\t(日本)", "HD-5%29"]
# What a PDF link may hold literally (PDFLinkURI): unreserved characters, the delimiters, and %XX escapes.
LITERAL = "-._~:/?#[]@!$&*+,;=%"


def pdf_encoded(url: str) -> str:
    """The URL as the server must write it into a PDF link, everything else percent-encoded."""
    return urllib.parse.quote(url, safe=LITERAL)


def annotations(pdf: bytes) -> list:
    """(action type, URI) of every link annotation, read with pypdf."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            assert annotation["/Subtype"] == "/Link"
            action = annotation["/A"]
            found.append((action["/S"], action.get("/URI")))
    return found


def respond_hostile(api):
    assert api.put("/preferences", json={"ticketUrlPrefix": PREFIX}).status_code == 200
    for ticket in HOSTILE:
        body = {"ticketId": ticket, "supportGroupCode": "TEAM", "segmentCode": "ENT", "rating": 2, "agent": "Ann",
                "customer": {"name": "Cas", "email": "cas@example.com"}, "factors": [], "comment": "c",
                "receivedAt": "2026-11-16T10:00:00+11:00"}
        created = api.post("/survey-responses", json=body)
        assert created.status_code == 201, created.text


def check_links(pdf: bytes, server, expected_hrefs: set):
    """Every annotation is a URI action to exactly one of the links meant, PDF-encoded, and every ticket is linked."""
    found = annotations(pdf)
    assert found and all(kind == "/URI" for kind, _ in found), found
    uris = {uri for _, uri in found}
    assert uris == {pdf_encoded(href) for href in expected_hrefs}, uris ^ {pdf_encoded(h) for h in expected_hrefs}
    for uri in uris:
        assert not set(uri) & set("()\\' \t\n<>\"") and uri.isascii(), uri
        parts = urllib.parse.urlsplit(uri)
        assert parts.scheme in ("http", "https") and parts.netloc in ("help.example.com", server.base_url.split("//")[1]), uri
    tickets = {urllib.parse.unquote(urllib.parse.urlsplit(u).path[len("/t/"):]) for u in uris if u.startswith(PREFIX)}
    assert tickets == set(HOSTILE)
    pencil_tickets = {urllib.parse.parse_qs(urllib.parse.urlsplit(u).query).get("tid", [None])[0] for u in uris} - {None}
    assert pencil_tickets == set(HOSTILE)


def test_hostile_ticket_ids_leave_every_pdf_link_a_uri_to_the_intended_url(server, instance, structure, tmp_path):
    respond_hostile(instance.api)

    # The alert PDF, as emailed: its links are the email's HTML links, written safely.
    outbox = tmp_path / "outbox"
    env = {k: v for k, v in server.env.items() if k != "MAKEGOOD_SECRET"} | {"MAKEGOOD_OUTBOX": str(outbox), "MAKEGOOD_LINK_DAYS": "36500"}
    run = subprocess.run([makegood_bin(), "alerts", "run", "--at", "2026-11-17T09:00:00+11:00", "--cpc", instance.cpc],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    [eml] = list((outbox / "email").glob("*.eml"))
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    hrefs = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', message.get_body(("html",)).get_content())}
    [attachment] = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    check_links(attachment.get_content(), server, hrefs)
    # The link a PDF reader opens is the one that was meant: it opens that ticket's dialog.
    pencil = next(u for _, u in annotations(attachment.get_content()) if "tid=HD-1" in u)
    opened = requests.get(pencil, timeout=30)
    assert opened.status_code == 200 and html.escape(HOSTILE[0], quote=False) in opened.text

    # The report's PDF, for a logged-in admin.
    browser = requests.Session()
    form = browser.get(f"{server.base_url}/login?cpc={instance.cpc}", timeout=30).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    login = browser.post(f"{server.base_url}/login", timeout=60, allow_redirects=False,
                         data={"csrf": csrf, "cpc": instance.cpc, "email": instance.admin_email, "password": instance.admin_password})
    assert login.status_code == 303
    query = {"cpc": instance.cpc, "from": "2026-11-16", "to": "2026-11-16", "srn": "r"}
    page = browser.get(f"{server.base_url}/reports/survey-responses", params=query, timeout=60)
    report_hrefs = {urllib.parse.urljoin(server.base_url, html.unescape(h)) for h in re.findall(r'href="([^"]+)"', page.text)
                    if "/service-recovery-notes?" in h or h.startswith(PREFIX)}
    pdf = browser.get(f"{server.base_url}/reports/survey-responses", params={**query, "format": "pdf"}, timeout=60)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"].startswith("application/pdf")
    check_links(pdf.content, server, report_hrefs)


def test_metrics_answer_only_their_token_when_one_is_set(tmp_path):
    token = "metrics-token-0123456789"
    server = start_server(f"sqlite://{tmp_path}/makegood.sqlite", str(tmp_path), extra_env={"MAKEGOOD_METRICS_TOKEN": token})
    try:
        assert requests.get(server.base_url + "/metrics", timeout=10).status_code == 401
        wrong = requests.get(server.base_url + "/metrics", headers={"Authorization": "Bearer wrong-token-0123456789"}, timeout=10)
        assert wrong.status_code == 401 and "MAKEGOOD_METRICS_TOKEN" in wrong.text
        right = requests.get(server.base_url + "/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert right.status_code == 200 and "# TYPE " in right.text
        assert requests.get(server.base_url + "/health", timeout=10).status_code == 200, "/health stays open"
    finally:
        stop_server(server)


def test_a_connection_that_sends_nothing_is_closed_after_the_idle_timeout(tmp_path):
    server = start_server(f"sqlite://{tmp_path}/makegood.sqlite", str(tmp_path), extra_env={"MAKEGOOD_HTTP_IDLE_TIMEOUT": "1"})
    try:
        host, port = server.base_url.split("//")[1].split(":")
        with socket.create_connection((host, int(port)), timeout=15) as connection:
            started = time.monotonic()
            assert connection.recv(1) == b"", "the server closes the silent connection"
            assert time.monotonic() - started < 10
    finally:
        stop_server(server)
