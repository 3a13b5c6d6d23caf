#!/usr/bin/env python3
"""Survey clicks for `make bench` (issue 22): how long a customer's click on a rating takes to be stored, while wrk
sends survey responses to the API.

  survey.py invite --base URL --token T --count N URLS_FILE   POST N invitations, write their survey URLs
  survey.py click --base URL URLS_FILE                        GET each URL with a rating; time it and GET /health

The clicks go one after another on one kept-alive connection, each followed by a `GET /health` on a second one (the
baseline: what any request waits for under the same load). A click is answered once its response is committed (the
page says it is recorded), so its time is the time to stored. Prints {"click": {...}, "health": {...}} with p50, p95,
max and n in ms. Any status but 200 (201 for an invitation) fails.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse

from pages import percentile


def connect(base):
    url = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def invite(a):
    connection = connect(a.base)
    urls = []
    for n in range(a.count):
        body = json.dumps({"ticketId": f"survey-{n}", "supportGroupCode": "G01", "segmentCode": "S1", "agent": "Agent 1",
                           "customer": {"name": f"Customer {n}", "email": f"survey-{n}@example.com"}})
        connection.request("POST", "/api/v1/survey-invitations", body=body,
                           headers={"Authorization": f"Bearer {a.token}", "Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        if response.status != 201:
            sys.exit(f"invitation {n}: {response.status} {answer[:300]!r}")
        urls.append(json.loads(answer)["url"])
    with open(a.file, "w") as f:
        f.write("\n".join(urls) + "\n")


def click(a):
    clicks, health = connect(a.base), connect(a.base)
    times = {"click": [], "health": []}
    urls = [line.strip() for line in open(a.file) if line.strip()]
    for n, url in enumerate(urls):
        parts = urllib.parse.urlsplit(url)
        for name, connection, path in (("click", clicks, f"{parts.path}?{parts.query}&q1={n % 10 + 1}"), ("health", health, "/health")):
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            page = response.read()
            times[name].append((time.perf_counter() - started) * 1000)
            if response.status != 200 or (name == "click" and b"is recorded" not in page):
                sys.exit(f"{name} {path}: {response.status} {page[:300]!r}")
    print(json.dumps({name: {"p50": round(percentile(v, 50), 2), "p95": round(percentile(v, 95), 2),
                             "max": round(max(v), 2), "n": len(v)} for name, v in times.items()}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    i = sub.add_parser("invite")
    i.add_argument("--base", required=True)
    i.add_argument("--token", required=True)
    i.add_argument("--count", type=int, default=200)
    i.add_argument("file")
    c = sub.add_parser("click")
    c.add_argument("--base", required=True)
    c.add_argument("file")
    a = p.parse_args()
    invite(a) if a.command == "invite" else click(a)


if __name__ == "__main__":
    main()
