"""`makegood demo`: seeds the demo instance once, serves it, and prints what to open."""
import re
import signal
import subprocess
import time

import pytest
import requests

from conftest import free_port, makegood_bin


def start_demo(tmp_path, port):
    env = {"MAKEGOOD_DATABASE": f"sqlite://{tmp_path}/demo.sqlite", "MAKEGOOD_OUTBOX": str(tmp_path / "outbox"),
           "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen([makegood_bin(), "demo", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    printed = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        printed.append(line)
        if line.startswith("Press Ctrl-C"):
            return process, "".join(printed)
    process.kill()
    pytest.fail("demo printed no URLs:\n" + "".join(printed))


def stop(process):
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=20)


def test_demo_prints_urls_serves_health_and_its_data_is_queryable(tmp_path):
    port = free_port()
    process, printed = start_demo(tmp_path, port)
    try:
        health = re.search(r"Health:\s+(\S+)", printed).group(1)
        token = re.search(r"API token:\s+(\S+)", printed).group(1)
        assert re.search(r"Admin login:\s+\S+@\S+ / \S{20}", printed)
        deadline = time.time() + 30
        while True:
            try:
                if requests.get(health, timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert time.time() < deadline, "/health never answered"
            time.sleep(0.2)

        api = f"http://127.0.0.1:{port}/api/v1"
        headers = {"Authorization": f"Bearer {token}"}
        groups = requests.get(api + "/support-groups", headers=headers, timeout=10).json()["items"]
        assert {g["department"] for g in groups if g.get("department")} == {"SUP"}
        assert len(requests.get(api + "/contacts", headers=headers, timeout=10).json()["items"]) == 12
        responses, cursor = [], None
        while True:
            page = requests.get(api + "/survey-responses", headers=headers, timeout=30,
                                params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
            responses += page["items"]
            cursor = page.get("next")
            if not cursor:
                break
        assert 450 <= len(responses) <= 500
        assert any(r["status"] == "invalid" for r in responses)
        assert any(r.get("replaces") for r in responses)
        assert any(r["noteCount"] > 0 for r in responses)
        assert any(any(ord(c) > 0x3000 for c in (r.get("comment") or "")) for r in responses), "a Japanese verbatim"
    finally:
        assert stop(process) == 0, "SIGTERM stops the demo gracefully"

    # A second start finds the instance and does not seed it again; the old token no longer matters.
    process, printed = start_demo(tmp_path, port)
    try:
        assert "already exists" in printed
        token = re.search(r"API token:\s+(\S+)", printed).group(1)
        count = 0
        cursor = None
        while True:
            page = requests.get(f"http://127.0.0.1:{port}/api/v1/survey-responses", timeout=30,
                                headers={"Authorization": f"Bearer {token}"},
                                params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
            count += len(page["items"])
            cursor = page.get("next")
            if not cursor:
                break
        assert count == len(responses)
    finally:
        stop(process)
