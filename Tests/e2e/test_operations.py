"""Operating the server: graceful shutdown, and /health that tells the truth about the database."""
import subprocess
import time

import requests

from conftest import postgres_database, start_server, stop_server


def test_sigterm_shuts_down_gracefully(tmp_path):
    server = start_server(f"sqlite://{tmp_path}/makegood.sqlite", str(tmp_path))
    assert stop_server(server) == 0


def test_health_is_503_when_postgresql_is_gone(tmp_path):
    database = postgres_database()
    server = start_server(database, str(tmp_path))
    try:
        assert requests.get(server.base_url + "/health", timeout=5).status_code == 200
        admin, name = database.rsplit("/", 1)
        subprocess.run(["psql", admin + "/postgres", "-q", "-c", f"DROP DATABASE {name} WITH (FORCE)"],
                       check=True, capture_output=True)
        deadline = time.time() + 30
        status = 200
        while time.time() < deadline and status == 200:
            status = requests.get(server.base_url + "/health", timeout=15).status_code
            time.sleep(0.2)
        assert status == 503
    finally:
        stop_server(server)
