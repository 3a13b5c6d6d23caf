#!/usr/bin/env python3
"""Runs the SQL on stdin against a SQLite file (Python's own sqlite3; no CLI needed), printing each
`-- ` progress marker of Benchmarks/gensql.py to stderr as it gets there.

  python3 Benchmarks/gensql.py responses --kind sqlite … | python3 Benchmarks/runsql.py FILE.sqlite
"""
import sqlite3
import sys
import time

path = sys.argv[1]
script = sys.stdin.read()
connection = sqlite3.connect(path, isolation_level=None, timeout=60)
started = time.monotonic()
for number, part in enumerate(script.split("\n-- ")):
    if number > 0:
        print(f"  {part.splitlines()[0]} ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
        part = "-- " + part
    connection.executescript(part)
connection.close()
