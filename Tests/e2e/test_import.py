"""`makegood import responses`: 100,000 rows with 10 bad ones keeps 99,990 and names the 10 lines."""
import csv
import os


def write_csv(path, rows, bad_lines):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["ticketId", "supportGroupCode", "segmentCode", "customerName", "customerEmail", "agent",
                         "rating", "factors", "comment", "receivedAt"])
        for index in range(rows):
            line = index + 2
            rating = str(index % 10 + 1)
            received = f"2026-11-{index % 14 + 1:02d}T{index % 24:02d}:00:00Z"
            if line in bad_lines:
                # Alternate the kinds of bad data.
                if line % 3 == 0:
                    rating = "0"
                elif line % 3 == 1:
                    rating = "seven"
                else:
                    received = "not a date"
            writer.writerow([f"IMP-{index}", "TEAM", "ENT", f"Customer {index}", f"c{index}@example.com", "Ann", rating,
                             "Speed;Knowledge", "Ça va, 対応が遅い, \"quoted\"", received])


def test_import_keeps_good_rows_and_names_bad_lines(server, instance, structure, tmp_path):
    bad = {57, 1_234, 9_999, 20_000, 33_333, 50_001, 64_000, 77_777, 88_888, 100_001}
    path = tmp_path / "responses.csv"
    write_csv(path, 100_000, bad)

    result = server.run_cli("import", "responses", "--cpc", instance.cpc, str(path), check=False, timeout=900)

    assert result.returncode == 1, result.stderr[-2000:]
    reported = sorted(int(line.split(":")[0].split()[1]) for line in result.stderr.splitlines() if line.startswith("line "))
    assert reported == sorted(bad)
    assert "99990 imported" in result.stderr
    total = 0
    cursor = None
    while True:
        page = instance.api.get("/survey-responses", params={"limit": 500, **({"cursor": cursor} if cursor else {})}).json()
        total += len(page["items"])
        cursor = page.get("next")
        if not cursor:
            break
    assert total == 99_990
