#!/usr/bin/env python3
"""Page latency for `make bench`: logs in to the portal as a browser does, then times dashboard pages.

  pages.py --base http://127.0.0.1:PORT --cpc CPC --email E --password P [--requests 50] [--from D --to D]

GET /login gives the `mg_csrf` cookie and the form's hidden `csrf` field; POST /login with cpc, email, password
and csrf gives the `mg_session` cookie. Then each page is fetched `--requests` times, one after another on one
kept-alive connection, after two untimed warm-up fetches; wall-clock time per request, body read to the end.
Prints one JSON object: {"NAME": {"p50": ms, "p95": ms, "max": ms, "n": N, "bytes": B}, …}. Any status but 200 fails.
"""
import argparse
import http.client
import json
import re
import statistics
import sys
import time
import urllib.parse


def percentile(values, p):
    ordered = sorted(values)
    # Nearest rank: the smallest value with at least p % of the values at or below it.
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


class Client:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data, response


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--cpc", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--requests", type=int, default=50)
    p.add_argument("--from", dest="from_", required=True)
    p.add_argument("--to", required=True)
    a = p.parse_args()

    client = Client(a.base)
    status, page, _ = client.request("GET", "/login?cpc=" + urllib.parse.quote(a.cpc))
    match = re.search(rb'name="csrf" value="([^"]+)"', page)
    if status != 200 or not match or "mg_csrf" not in client.cookies:
        sys.exit(f"pages.py: GET /login gave {status} without the csrf field or cookie")
    form = urllib.parse.urlencode(
        {"cpc": a.cpc, "email": a.email, "password": a.password, "csrf": match.group(1).decode()})
    status, _, _ = client.request("POST", "/login", body=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status not in (302, 303) or "mg_session" not in client.cookies:
        sys.exit(f"pages.py: POST /login gave {status}, no session cookie: check the credentials")

    cpc = urllib.parse.quote(a.cpc)
    pages = {
        "health": "/health",
        "SRES": f"/dashboards?cpc={cpc}&dashid=SRES&from={a.from_}&to={a.to}",
        "SRES srn=r": f"/dashboards?cpc={cpc}&dashid=SRES&from={a.from_}&to={a.to}&srn=r",
        "SRP": f"/dashboards?cpc={cpc}&dashid=SRP",
        # The admin's queue: every group's unclosed cases, the 100 most urgent listed.
        "My queue": f"/queue?cpc={cpc}",
        "My queue rgid=G01": f"/queue?cpc={cpc}&rgid=G01",
    }
    results = {}
    for name, path in pages.items():
        times = []
        size = 0
        for attempt in range(a.requests + 2):
            started = time.perf_counter()
            status, body, _ = client.request("GET", path)
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                sys.exit(f"pages.py: GET {path} gave {status}: {body[:300]!r}")
            if attempt >= 2:
                times.append(elapsed)
            size = len(body)
        results[name] = {
            "p50": round(statistics.median(times), 2), "p95": round(percentile(times, 95), 2),
            "max": round(max(times), 2), "n": len(times), "bytes": size, "path": path,
        }
        print(f"  {name}: p50 {results[name]['p50']} ms, p95 {results[name]['p95']} ms ({size} bytes)", file=sys.stderr, flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
