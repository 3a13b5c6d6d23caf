#!/usr/bin/env python3
"""The results table of `make bench`: scripts/bench.sh adds one row per figure, then prints them all.

  table.py add FILE --figure F --measured M --baseline B --baseline-name N --unit U --rule R --target T [--p50 X] [--note S]
      R is `ratio-at-least` (met when M / B >= T; throughput) or `below` (met when M < T, in U).
  table.py print FILE [--markdown]
"""
import argparse
import json
import sys


def number(value, unit):
    if value is None:
        return "—"
    if unit in ("req/s",):
        return f"{value:,.0f} {unit}"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def cells(row):
    unit = row["unit"]
    measured = number(row["measured"], unit)
    if row.get("p50") is not None:
        measured = f"p50 {row['p50']:.1f} / p95 {row['measured']:.1f} ms"
    baseline = number(row.get("baseline"), unit)
    if row.get("baseline_name"):
        baseline = f"{baseline} ({row['baseline_name']})"
    ratio = "—"
    if row.get("baseline") and row["measured"] is not None:
        r = row["measured"] / row["baseline"]
        ratio = f"{r * 100:.0f} %" if row["rule"] in ("ratio-at-least", "at-least") else f"{r:.1f}×"
    if row["rule"] == "ratio-at-least":
        target = f"≥ {row['target'] * 100:.0f} % of baseline"
        met = row["measured"] is not None and row.get("baseline") and row["measured"] / row["baseline"] >= row["target"]
    elif row["rule"] == "at-least":
        target = f"≥ {row['target']:,.0f} {unit}"
        met = row["measured"] is not None and row["measured"] >= row["target"]
    else:
        target = f"{'p95 ' if row.get('p50') is not None else ''}< {row['target']:g} {unit}"
        met = row["measured"] is not None and row["measured"] < row["target"]
    figure = row["figure"] + (f" ({row['note']})" if row.get("note") else "")
    return [figure, measured, baseline, ratio, target, "yes" if met else "NO"]


HEAD = ["figure", "measured", "baseline (same run)", "ratio", "target", "met?"]


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("add")
    a.add_argument("file")
    a.add_argument("--figure", required=True)
    a.add_argument("--measured", type=float)
    a.add_argument("--baseline", type=float)
    a.add_argument("--baseline-name", default="")
    a.add_argument("--unit", required=True)
    a.add_argument("--rule", choices=["ratio-at-least", "at-least", "below"], required=True)
    a.add_argument("--target", type=float, required=True)
    a.add_argument("--p50", type=float)
    a.add_argument("--note", default="")
    pr = sub.add_parser("print")
    pr.add_argument("file")
    pr.add_argument("--markdown", action="store_true")
    args = p.parse_args()

    if args.command == "add":
        row = {k: v for k, v in vars(args).items() if k not in ("command", "file")}
        with open(args.file, "a") as f:
            f.write(json.dumps(row) + "\n")
        return

    try:
        rows = [cells(json.loads(line)) for line in open(args.file) if line.strip()]
    except FileNotFoundError:
        rows = []
    if args.markdown:
        print("| " + " | ".join(HEAD) + " |")
        print("|" + "|".join("---" for _ in HEAD) + "|")
        for r in rows:
            print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        return
    widths = [max(len(r[i]) for r in rows + [HEAD]) for i in range(len(HEAD))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    print(line(HEAD))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


if __name__ == "__main__":
    sys.exit(main())
