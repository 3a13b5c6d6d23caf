#!/usr/bin/env python3
"""The bulk-import figure of `make bench`.

  importcsv.py generate --rows 1000000 --now-ms MS FILE.csv
      A CSV in the header `makegood import responses` reads (ResponseCSVImport.swift): unique ticket ids, groups
      G01–G20 and segments S1–S3 (Benchmarks/gensql.py org makes them), ratings 1–10, factors separated by `;`,
      comments some of which hold commas and quotes, receivedAt (whole seconds, UTC) over the 30 days before MS.
  importcsv.py baseline --instance ID FILE.csv DB.sqlite
      The baseline: the same rows into the same survey_responses table (a database `makegood migrate` made, so the
      same indexes), read with Python's csv module and inserted by executemany in one transaction. It keeps none of
      Makegood's rules (no checks, no replacement of a ticket's earlier response, no invalid-code lookup).
Both print what they did to stderr.
"""
import argparse
import csv
import datetime
import json
import sqlite3
import sys
import time
import uuid

HEADER = ["ticketId", "supportGroupCode", "segmentCode", "customerName", "customerEmail", "agent", "rating", "factors",
          "comment", "receivedAt"]
FACTORS = ["Speed", "Speed;Knowledge", "", "Courtesy;Outcome;Speed"]
COMMENTS = ["Quick and friendly.", "Took a week, and I had to call twice.", 'They said "sorted" but it was not, again.', ""]


def generate(a):
    start = a.now_ms - 30 * 86_400_000
    step = 30 * 86_400_000 // a.rows
    with open(a.file, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(1, a.rows + 1):
            received = datetime.datetime.fromtimestamp((start + n * step) / 1000, datetime.timezone.utc)
            writer.writerow([
                f"IMP-{n}", f"G{n // 10 % 20 + 1:02d}", f"S{n % 3 + 1}", f"Customer {n % 100000}",
                f"customer{n % 100000}@example.com", f"Agent {n % 50}", n % 10 + 1, FACTORS[n % 4], COMMENTS[n % 4],
                received.strftime("%Y-%m-%dT%H:%M:%SZ"),
            ])
    print(f"wrote {a.rows} rows to {a.file}", file=sys.stderr)


def to_ms(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def baseline(a):
    started = time.monotonic()
    now = int(time.time() * 1000)
    connection = sqlite3.connect(a.db, isolation_level=None)
    connection.execute("PRAGMA synchronous = FULL")  # as Makegood opens it (SQLitePragmas), in WAL mode
    rows = 0

    def records():
        nonlocal rows
        with open(a.file, newline="") as f:
            reader = csv.reader(f)
            next(reader)
            for r in reader:
                rows += 1
                id = str(uuid.uuid4())
                factors = json.dumps([x for x in r[7].split(";") if x])
                yield (id, a.instance, r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), factors, r[8] or None, to_ms(r[9]),
                       now, "valid", "[]", now, id)

    connection.execute("BEGIN")
    connection.executemany(
        """INSERT INTO survey_responses (id, instance_id, ticket_id, support_group_code, segment_code, customer_name,
           customer_email, agent, rating, factors, comment, received_at, created_at, status, problems, valid_since,
           note_thread_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        records(),
    )
    connection.execute("COMMIT")
    connection.close()
    print(f"baseline: inserted {rows} rows in {time.monotonic() - started:.2f} s", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--rows", type=int, default=1_000_000)
    g.add_argument("--now-ms", type=int, required=True)
    g.add_argument("file")
    b = sub.add_parser("baseline")
    b.add_argument("--instance", required=True)
    b.add_argument("file")
    b.add_argument("db")
    a = p.parse_args()
    {"generate": generate, "baseline": baseline}[a.command](a)


if __name__ == "__main__":
    main()
