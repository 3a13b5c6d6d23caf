"""Passwords, API tokens, invitation tokens and signed links never reach the server's log, even at trace level."""
import json
import os
import re

import pytest
import requests

from conftest import postgres_database, random_name, start_server, stop_server


def form_token(session, url):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_secrets_never_reach_the_log(tmp_path, database):
    """Log in, invite, accept, create and use a token, open a signed-looking link; grep the trace log for each secret."""
    # start_server passes this process's environment on, so the server logs at trace level.
    os.environ["MAKEGOOD_LOG_LEVEL"] = "trace"
    try:
        url = f"sqlite://{tmp_path}/makegood.sqlite" if database == "sqlite" else postgres_database()
        server = start_server(url, str(tmp_path))
    finally:
        del os.environ["MAKEGOOD_LOG_LEVEL"]
    try:
        cpc = random_name()
        created = server.run_cli("instance", "create", "--cpc", cpc, "--name", "Logs", "--timezone", "Australia/Sydney")
        credentials = json.loads(created.stdout)
        base = server.base_url
        admin = requests.Session()
        csrf = form_token(admin, f"{base}/login?cpc={cpc}")
        login = admin.post(f"{base}/login", data={"csrf": csrf, "cpc": cpc, "email": credentials["adminEmail"],
                                                  "password": credentials["adminPassword"]}, allow_redirects=False, timeout=30)
        assert login.status_code == 303
        csrf = form_token(admin, f"{base}/portal/users?cpc={cpc}")
        invited = admin.post(f"{base}/portal/users", data={"csrf": csrf, "cpc": cpc, "email": "ivy@example.com", "role": "admin"},
                             timeout=30)
        link = re.search(r'<code id="invitation-link">([^<]+)</code>', invited.text).group(1).replace("&amp;", "&")
        invitation_token = link.split("token=")[1]
        guest = requests.Session()
        page = guest.get(link, timeout=30)
        guest_csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        new_password = "ivy's very own password"
        accepted = guest.post(f"{base}/invitation", data={"csrf": guest_csrf, "token": invitation_token, "password": new_password,
                                                          "confirm": new_password}, allow_redirects=False, timeout=30)
        assert accepted.status_code == 303
        csrf = form_token(admin, f"{base}/portal/tokens?cpc={cpc}")
        made = admin.post(f"{base}/portal/tokens", data={"csrf": csrf, "cpc": cpc, "name": "Help desk"}, timeout=30)
        api_token = re.search(r'<code id="token-text">([^<]+)</code>', made.text).group(1)
        assert requests.get(f"{base}/api/v1/preferences", headers={"Authorization": f"Bearer {api_token}"},
                            timeout=30).status_code == 200
        signature = "S1gnatureThatMustNotBeLogged"
        guest.get(f"{base}/service-recovery-notes?cpc={cpc}&rgid=A&tid=1&exp=9999999999&sig={signature}", timeout=30)
    finally:
        stop_server(server)
    log = open(server.log_path).read()
    assert "request" in log, "the trace log was written"
    for name, secret in {"admin password": credentials["adminPassword"], "first API token": credentials["apiToken"],
                         "new password": new_password, "invitation token": invitation_token, "API token": api_token,
                         "link signature": signature}.items():
        assert secret not in log, f"the {name} is in the log"
