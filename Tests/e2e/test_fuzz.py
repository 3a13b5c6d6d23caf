"""schemathesis 4 against /openapi.yaml with every check, on both databases: no server errors, every answer matches
the document, what the document allows is accepted and what it forbids is refused, undeclared methods are 405.

`make test` runs a short pass; `make fuzz` sets MAKEGOOD_FUZZ_EXAMPLES=100 or more examples an operation.
"""
import json
import os
import subprocess
import sys


def test_api_matches_its_document(server, instance, structure, tmp_path):
    per_operation = int(os.environ.get("MAKEGOOD_FUZZ_EXAMPLES", "10"))
    st = os.path.join(os.path.dirname(sys.executable), "st")
    report = tmp_path / "report.json"
    result = subprocess.run(
        [st, "--config-file", os.path.join(os.path.dirname(__file__), "schemathesis.toml"), "run", server.base_url + "/openapi.yaml", "--url", server.base_url + "/api/v1",
         "-H", f"Authorization: Bearer {instance.token}", "--checks", "all", "--mode", "all",
         "--max-examples", str(per_operation), "--seed", "20261123", "--suppress-health-check", "all",
         "--generation-database", "none", "--workers", "1", "--no-color",
         "--report", "json", "--report-json-path", str(report)],
        capture_output=True, text=True, timeout=3000,
    )
    print(result.stdout[-12000:])
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]
