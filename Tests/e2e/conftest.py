"""Black-box fixtures: a real `makegood serve` on SQLite or PostgreSQL, and instances made with the real CLI."""
import json
import os
import random
import signal
import socket
import string
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field

import pytest
import requests


def makegood_bin() -> str:
    path = os.environ.get("MAKEGOOD_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("MAKEGOOD_BIN must name the built makegood executable (make test sets it)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def random_name(length: int = 8) -> str:
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=length))


def postgres_database() -> str:
    """A fresh database on the throwaway cluster; PostgreSQL is required, never skipped."""
    admin = os.environ.get("MAKEGOOD_TEST_POSTGRES_URL")
    if not admin:
        pytest.fail("MAKEGOOD_TEST_POSTGRES_URL is not set: the black-box suite needs PostgreSQL (make test starts one)")
    # A database of its own per server, on the cluster `make test` started, so runs never see each other's rows.
    name = "e2e_" + random_name(10)
    created = subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], capture_output=True, text=True)
    if created.returncode != 0:
        pytest.fail(f"could not create database {name} via {admin}:\n{created.stderr}")
    parts = urllib.parse.urlsplit(admin)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@dataclass
class Server:
    base_url: str
    env: dict
    log_path: str
    process: subprocess.Popen = field(repr=False)

    def run_cli(self, *args, input=None, check=True, timeout=600):
        result = subprocess.run(
            [makegood_bin(), *args], env=self.env, input=input, capture_output=True, text=True, timeout=timeout
        )
        if check and result.returncode != 0:
            raise AssertionError(f"makegood {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
        return result


def start_server(database_url: str, workdir: str, args=("serve", "--no-scheduler"), extra_env: dict | None = None) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "MAKEGOOD_DATABASE": database_url,
        "MAKEGOOD_BASE_URL": f"http://127.0.0.1:{port}",
        "MAKEGOOD_OUTBOX": os.path.join(workdir, "outbox"),
        **(extra_env or {}),
    }
    log_path = os.path.join(workdir, "server.log")
    with open(log_path, "w") as log:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(
            [makegood_bin(), *args, "--hostname", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=workdir,
        )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"makegood exited {process.returncode}:\n{open(log_path).read()}")
        try:
            if requests.get(base_url + "/health", timeout=1).status_code == 200:
                return Server(base_url, env, log_path, process)
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"makegood did not answer /health within 120 s:\n{open(log_path).read()}")


def stop_server(server: Server) -> int:
    server.process.send_signal(signal.SIGTERM)
    try:
        return server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        return server.process.wait()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def server(request, tmp_path_factory):
    workdir = str(tmp_path_factory.mktemp(request.param))
    database = f"sqlite://{workdir}/makegood.sqlite" if request.param == "sqlite" else postgres_database()
    server = start_server(database, workdir)
    yield server
    status = stop_server(server)
    if request.session.testsfailed:
        # Teardown output is captured and usually never shown, so write past the capture.
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\n--- makegood log ({request.param}, exit {status}) ---\n" + open(server.log_path).read()[-20000:])


class API:
    """requests against /api/v1 as one instance."""

    def __init__(self, base_url: str, token: str):
        self.base = base_url + "/api/v1"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def __getattr__(self, method):
        if method not in ("get", "post", "put", "patch", "delete"):
            raise AttributeError(method)
        return lambda path, **kw: self.session.request(method.upper(), self.base + path, timeout=60, **kw)


@dataclass
class Instance:
    cpc: str
    token: str
    admin_email: str
    admin_password: str
    api: API


def create_instance(server, name=None, admin_email=None) -> Instance:
    """A new tenant on the server, made with the real CLI; `name` defaults to "Test <cpc>"."""
    cpc = random_name()
    email_option = ["--admin-email", admin_email] if admin_email else []
    out = server.run_cli("instance", "create", "--cpc", cpc, "--name", name or f"Test {cpc}", "--timezone", "Australia/Sydney",
                         *email_option)
    created = json.loads(out.stdout)
    assert set(created) == {"cpc", "apiToken", "adminEmail", "adminPassword"}
    return Instance(cpc, created["apiToken"], created["adminEmail"], created["adminPassword"], API(server.base_url, created["apiToken"]))


@pytest.fixture
def instance(server) -> Instance:
    return create_instance(server)


@pytest.fixture
def structure(instance):
    """A lead, segment ENT and group TEAM in the instance."""
    lead = instance.api.post("/contacts", json={"name": "Lee Lead", "email": "lee@example.com", "mobile": "+61412345678"})
    assert lead.status_code == 201, lead.text
    assert instance.api.put("/segments/ENT", json={"name": "Enterprise"}).status_code == 201
    group = instance.api.put("/support-groups/TEAM", json={"name": "Team", "lead": lead.json()["id"]})
    assert group.status_code == 201, group.text
    return lead.json()["id"]
