#!/usr/bin/env python3
"""SQL for `make bench`, written straight into Makegood's schema (Sources/MakegoodStore/Migrations), never through
the API. It prints set-based SQL (a recursive CTE on SQLite, generate_series on PostgreSQL), so ten million rows
are made by the database itself, a million rows a statement; pipe it to Benchmarks/runsql.py or psql.

  gensql.py org       --kind K --instance ID [--groups 20] [--segments 3]
      Contacts (one lead per group), Support Groups G01… and Segments S1… for an instance that exists already.
  gensql.py alerts    --kind K --instances 1000 --groups 20 --unhappy 10 --at-ms MS
      Instances i0001… (UTC, alerts at 09:00, weekend alerts on), each with its groups, leads, one segment, and
      `unhappy` valid responses needing recovery per group, received in the 24 hours before MS.
  gensql.py responses --kind K --instance ID [--instance ID …] --rows N --days D --now-ms MS
      N current, valid responses spread evenly over the instances (interleaved, as traffic arrives) and over the
      D days before MS; ratings 1–10 evenly, so 60 % need recovery at the default threshold 6; a note on every
      tenth response needing recovery (half of them "spoke to customer"); responses needing recovery are
      marked alerted at the first 09:00 UTC after they came (when that is past), as the daily run leaves them. Instances after the first that do not
      exist yet are created (filler tenants, no logins).

Ids are valid lowercase UUIDs, made from a counter so the primary key grows in order.
"""
import argparse
import sys

CHUNK = 1_000_000
# How many days of cases a generated instance has not closed yet.
CASE_OPEN_DAYS = 3


def hex12(kind, expr):
    return f"printf('%012x', {expr})" if kind == "sqlite" else f"lpad(to_hex({expr}), 12, '0')"


def series(kind, lo, hi):
    """A FROM-able row source of integers i in [lo, hi]."""
    if kind == "sqlite":
        return f"(WITH RECURSIVE s(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM s WHERE i < {hi}) SELECT i FROM s) AS s"
    return f"generate_series({lo}::bigint, {hi}::bigint) AS s(i)"


def uid(kind, prefix, expr):
    """A UUID-shaped id: eight hex digits of kind, then the counter."""
    return f"('{prefix}-0000-4000-8000-' || {hex12(kind, expr)})"


def begin(kind):
    if kind == "sqlite":
        # Loading only: a bigger page cache, and no fsync per commit (the files are thrown away after the run).
        return "PRAGMA cache_size = -1000000;\nPRAGMA synchronous = OFF;\n"
    return "SET synchronous_commit = off;\n"


def org(kind, instance, groups, segments, contact_base):
    """Contacts (a lead per group), groups and segments of one instance, as plain VALUES."""
    rows = []
    for g in range(1, groups + 1):
        contact = f"e0000000-0000-4000-8000-{contact_base * 1000 + g:012x}"
        rows.append(
            f"INSERT INTO contacts (id, instance_id, name, email, mobile, created_at) VALUES ('{contact}', '{instance}', "
            f"'Lead {g:02d}', 'lead{g:02d}.{contact_base}@example.com', '+6141{contact_base * 100 + g:07d}', 0);"
        )
        rows.append(
            f"INSERT INTO support_groups (instance_id, code, name, department_code, lead_contact_id) VALUES "
            f"('{instance}', 'G{g:02d}', 'Group {g:02d}', NULL, '{contact}');"
        )
    for s in range(1, segments + 1):
        rows.append(f"INSERT INTO segments (instance_id, code, name) VALUES ('{instance}', 'S{s}', 'Segment {s}');")
    return "\n".join(rows) + "\n"


def instance_row(instance, cpc, name):
    return (
        "INSERT INTO instances (id, cpc, name, threshold, alert_time, timezone, weekend_alerts, target_hours, "
        f"ticket_url_prefix, created_at) VALUES ('{instance}', '{cpc}', '{name}', 6, '09:00', 'UTC', TRUE, 24, NULL, 0);\n"
    )


RESPONSE_COLUMNS = (
    "id, instance_id, ticket_id, support_group_code, segment_code, customer_name, customer_email, agent, rating, "
    "factors, comment, received_at, created_at, status, problems, valid_since, note_thread_id, replaces_id, "
    "superseded_by, superseded_at, alerted_at, alert_run_id, data_error_digest_id, first_note_at, first_spoken_at"
)


def cmd_org(a):
    sys.stdout.write(begin(a.kind) + "BEGIN;\n" + org(a.kind, a.instance[0], a.groups, a.segments, 0) + "COMMIT;\n")


def cmd_alerts(a):
    out = [begin(a.kind), "BEGIN;\n"]
    for n in range(1, a.instances + 1):
        instance = f"b0000000-0000-4000-8000-{n:012x}"
        out.append(instance_row(instance, f"i{n:04d}", f"Instance {n}"))
        out.append(org(a.kind, instance, a.groups, 1, n))
    out.append("COMMIT;\n")
    # One response per (instance, group, k): rating 1–6, received in the 24 hours before the run, never alerted.
    per_instance = a.groups * a.unhappy
    total = a.instances * per_instance
    step = 86_400_000 // (per_instance + 1)
    i = "s.i"
    inst = f"(({i} - 1) / {per_instance} + 1)"
    k = f"(({i} - 1) % {per_instance})"
    hx = hex12(a.kind, inst)
    lpad2 = f"printf('%02d', {k} % {a.groups} + 1)" if a.kind == "sqlite" else f"lpad(({k} % {a.groups} + 1)::text, 2, '0')"
    out.append(
        f"""INSERT INTO survey_responses ({RESPONSE_COLUMNS})
SELECT {uid(a.kind, 'c0000000', i)}, ('b0000000-0000-4000-8000-' || {hx}), ('T' || {i}), ('G' || {lpad2}), 'S1',
    ('Customer ' || {i}), ('customer' || {i} || '@example.com'), ('Agent ' || ({i} % 37)), ({i} % 6 + 1),
    '["Speed"]', ('Waited too long for an answer, ticket ' || {i} || '.'),
    {a.at_ms} - 86400000 + ({k} + 1) * {step}, {a.at_ms} - 86400000, 'valid', '[]', {a.at_ms} - 86400000,
    {uid(a.kind, 'c0000000', i)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM {series(a.kind, 1, total)};
"""
    )
    sys.stdout.write("".join(out))


def cmd_responses(a):
    instances = a.instance
    count = len(instances)
    out = [begin(a.kind), "BEGIN;\n"]
    # Filler tenants share the table (no logins, no groups): created here when missing.
    for n, instance in enumerate(instances[1:], start=1):
        out.append(
            "INSERT INTO instances (id, cpc, name, threshold, alert_time, timezone, weekend_alerts, target_hours, "
            f"ticket_url_prefix, created_at) SELECT '{instance}', 'filler{n:03d}', 'Filler {n}', 6, '09:00', 'UTC', TRUE, 24, "
            f"NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM instances WHERE id = '{instance}');\n"
        )
    out.append("COMMIT;\n")
    values = ", ".join(f"({k}, '{instance}')" for k, instance in enumerate(instances))
    # SQLite names a VALUES table's columns column1, column2…; PostgreSQL takes names.
    tenants = f"(VALUES {values}) AS t(k, id)" if a.kind == "postgres" else f"(SELECT column1 AS k, column2 AS id FROM (VALUES {values}))  AS t"
    span = a.days * 86_400_000
    start = a.now_ms - span
    per_instance = (a.rows + count - 1) // count
    step = max(1, span // per_instance)
    i = "s.i"
    nth = f"({i} / {count})"  # the how-manieth response of its instance
    rating = f"({nth} % 10 + 1)"
    received = f"({start} + {nth} * {step} + {i} % {count})"
    # A note on every tenth response needing recovery; every other one of those spoke to the customer. The
    # response row carries its first note times (migration 7) as the server keeps them.
    noted = f"({rating} <= 6 AND {nth} / 200 % 10 = 0)"
    spoke = f"({nth} / 2000 % 2 = 0)"
    # The daily run marks what it alerted with its own instant: the first 09:00 UTC after the response came.
    alerted = f"(({received} - 32400000) / 86400000 + 1) * 86400000 + 32400000"
    # Ten responses in a row to a group, one of each rating, then the next group: every group sees every rating.
    group = f"printf('%02d', {nth} / 10 % 20 + 1)" if a.kind == "sqlite" else f"lpad(({nth} / 10 % 20 + 1)::text, 2, '0')"
    for lo in range(1, a.rows + 1, CHUNK):
        hi = min(a.rows, lo + CHUNK - 1)
        out.append(f"-- responses {lo}..{hi}\nBEGIN;\n")
        out.append(
            f"""INSERT INTO survey_responses ({RESPONSE_COLUMNS})
SELECT {uid(a.kind, 'c0000000', i)}, t.id, ('T' || {i}), ('G' || {group}), ('S' || ({nth} % 3 + 1)),
    ('Customer ' || ({nth} % 100000)), ('customer' || ({nth} % 100000) || '@example.com'), ('Agent ' || ({nth} % 50)), {rating},
    CASE WHEN {i} % 3 = 0 THEN '["Speed","Knowledge"]' ELSE '["Speed"]' END,
    CASE WHEN {i} % 4 = 0 THEN NULL ELSE ('The answer took ' || ({i} % 9 + 1) || ' days and I had to ask twice.') END,
    {received}, {received}, 'valid', '[]', {received}, {uid(a.kind, 'c0000000', i)}, NULL, NULL, NULL,
    CASE WHEN {rating} <= 6 AND {alerted} <= {a.now_ms} THEN {alerted} ELSE NULL END, NULL, NULL,
    CASE WHEN {noted} THEN {received} + 7200000 END, CASE WHEN {noted} AND {spoke} THEN {received} + 7200000 END
FROM {series(a.kind, lo, hi)} JOIN {tenants} ON t.k = {i} % {count};
"""
        )
        # Every alerted response is a recovery case (migration 11), due a day after its alert. A team that works its
        # queue closes its cases within days: those alerted more than CASE_OPEN_DAYS ago are closed (half of them
        # recovered), the rest are open, or contacted where a note spoke to the customer.
        cutoff = a.now_ms - CASE_OPEN_DAYS * 86_400_000
        first, last = f"c0000000-0000-4000-8000-{lo:012x}", f"c0000000-0000-4000-8000-{hi:012x}"
        out.append(
            f"""INSERT INTO recovery_cases (id, instance_id, thread_id, response_id, alert_run_id, alerted_at, due_at, owner_id, state,
    resolution, contacted_at, closed_at, support_group_code)
SELECT id, instance_id, note_thread_id, id, NULL, alerted_at, alerted_at + 86400000, NULL,
    CASE WHEN alerted_at < {cutoff} THEN 'closed' WHEN first_spoken_at IS NOT NULL THEN 'contacted' ELSE 'open' END,
    CASE WHEN alerted_at >= {cutoff} THEN NULL WHEN rating % 4 = 0 THEN 'notRecovered' WHEN rating % 4 = 1 THEN 'unreachable'
        ELSE 'recovered' END,
    first_spoken_at, CASE WHEN alerted_at < {cutoff} THEN alerted_at + 72000000 END, support_group_code
FROM survey_responses WHERE id >= '{first}' AND id <= '{last}' AND alerted_at IS NOT NULL;
"""
        )
        # A note on every tenth response needing recovery, two hours after it arrived; every other one spoke to them.
        out.append(
            f"""INSERT INTO notes (id, instance_id, thread_id, author, spoke_to_customer, text, created_at, recorded_at, seq)
SELECT {uid(a.kind, 'd0000000', i)}, t.id, {uid(a.kind, 'c0000000', i)}, 'Lead 01', ({spoke}),
    'Called the customer and apologised; refund arranged.', {received} + 7200000, {received} + 7200000, 1
FROM {series(a.kind, lo, hi)} JOIN {tenants} ON t.k = {i} % {count}
WHERE {noted};
COMMIT;
"""
        )
    sys.stdout.write("".join(out))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("org", "alerts", "responses"):
        s = sub.add_parser(name)
        s.add_argument("--kind", choices=["sqlite", "postgres"], required=True)
        s.add_argument("--instance", action="append", default=[])
        s.add_argument("--groups", type=int, default=20)
        s.add_argument("--segments", type=int, default=3)
        s.add_argument("--instances", type=int, default=1000)
        s.add_argument("--unhappy", type=int, default=10)
        s.add_argument("--at-ms", type=int)
        s.add_argument("--rows", type=int, default=10_000_000)
        s.add_argument("--days", type=int, default=730)
        s.add_argument("--now-ms", type=int)
    a = p.parse_args()
    {"org": cmd_org, "alerts": cmd_alerts, "responses": cmd_responses}[a.command](a)


if __name__ == "__main__":
    main()
