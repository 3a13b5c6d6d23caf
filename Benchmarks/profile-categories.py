#!/usr/bin/env python3
"""Splits a perf profile of `makegood serve` by thread group and by the part of the stack a sample is in.

    perf script -i ingest.perf -F comm,tid,ip,sym | swift demangle --simplified > stacks.txt
    python3 Benchmarks/profile-categories.py stacks.txt

Thread groups: `pool` (Swift's cooperative threads), `loop` (NIO's event loops), `tp` (the database's thread pool:
SQLiteNIO's statements, and the API intake's SQLite connection).
Each sample counts for the first frame, from the leaf up, that matches a category below (so time in malloc under
JSONEncoder counts as json-encode); `other` is what matches none. Prints shares of all samples.
"""
import collections
import re
import sys

CATEGORIES = [(name, re.compile(pattern)) for name, pattern in [
    ("json-encode", r"JSONEncoder|JSONWriter"),
    ("json-decode", r"JSONDecoder|JSONScanner"),
    ("openapi-mime", r"OpenAPIMIMEType"),
    ("auth", r"APIAuthMiddleware|APITokenVerifier|APIToken"),
    ("sqlite-c", r"^sqlite3|sqlite_nio"),
    ("sqlkit/sqlitenio", r"SQLiteSQL|SQLiteConnection|SQLiteData|SQLSerializer|SQLDatabase|SQLKit|SQLiteRow|SQLiteStatement"),
    ("repo", r"Repository|KnownCodes|InstanceScope"),
    ("intake", r"SurveyIntake|Batcher|SQLiteIntakeWriter|SQLiteResponseInserter|SQLiteBulkConnection"),
    ("domain", r"SurveySubmission|PlainText|RFC3339|MakegoodDomain"),
    ("openapi", r"UniversalServer|Converter|OpenAPIRuntime|Components\.|Operations\.|MakegoodAPI"),
    ("router", r"Router|Middleware|Hummingbird"),
    ("nio-http", r"HTTPDecoder|HTTPEncoder|HTTPParser|HTTPServer|HTTPChannel|llhttp|c_nio"),
    ("nio", r"NIO|Channel|EventLoop|Selector|Socket"),
    ("task-sched", r"swift_task|swift_job|AsyncTask|Continuation|dispatch|futex|schedule"),
]]


def samples(path):
    current = None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if not line.strip():
            if current:
                yield current
            current = None
        elif not line.startswith((" ", "\t")):
            current = (line.split()[0], [])
        elif current:
            parts = line.strip().split(" ", 1)
            current[1].append(parts[1] if len(parts) > 1 else "?")
    if current:
        yield current


def group(thread):
    if thread.startswith("oot") or "qos" in thread:
        return "pool"
    if "NIO" in thread:
        return "loop"
    return "tp" if thread.startswith("TP") else thread


def category(frames):
    for frame in frames:
        for name, pattern in CATEGORIES:
            if pattern.search(frame):
                return name
    return "other"


def main():
    counts = collections.defaultdict(collections.Counter)
    total = 0
    for thread, frames in samples(sys.argv[1]):
        counts[group(thread)][category(frames)] += 1
        total += 1
    for name, counter in sorted(counts.items(), key=lambda item: -sum(item[1].values())):
        print(f"{name} {sum(counter.values())} {100 * sum(counter.values()) / total:.1f}%")
        for part, count in counter.most_common():
            print(f"   {part:20s} {100 * count / total:5.1f}%")


if __name__ == "__main__":
    main()
