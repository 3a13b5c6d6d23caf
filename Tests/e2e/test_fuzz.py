"""schemathesis against /openapi.yaml: no server errors, and every answer matches the document.

`make test` runs a short pass; `make fuzz` sets MAKEGOOD_FUZZ_EXAMPLES=1000 for at least 1,000 cases.
"""
import os
import re
import subprocess
import sys

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def test_api_matches_its_document(server, instance, structure):
    wanted = int(os.environ.get("MAKEGOOD_FUZZ_EXAMPLES", "200"))
    # Hypothesis drops duplicate examples, so ask for more than needed and count what ran.
    per_operation = max(2, wanted * 2 // 23)
    st = os.path.join(os.path.dirname(sys.executable), "st")
    result = subprocess.run(
        [st, "run", server.base_url + "/openapi.yaml", "--base-url", server.base_url + "/api/v1",
         "-H", f"Authorization: Bearer {instance.token}", "--checks", CHECKS,
         "--hypothesis-max-examples", str(per_operation), "--data-generation-method", "all", "--hypothesis-seed", "20261123",
         "--hypothesis-suppress-health-check", "all", "--no-color", "--show-trace"],
        capture_output=True, text=True, timeout=1800,
    )
    print(result.stdout[-8000:])
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    performed = re.search(r"not_a_server_error\s+(\d+) / (\d+) passed", result.stdout)
    assert performed, "schemathesis printed no summary"
    assert int(performed.group(2)) >= wanted, f"only {performed.group(2)} cases ran; wanted {wanted}"
