"""The server answers, and serves the document its API is generated from."""
import requests
import yaml


def test_health_answers_200(server):
    assert requests.get(server.base_url + "/health", timeout=5).status_code == 200


def test_openapi_document_is_served(server):
    response = requests.get(server.base_url + "/openapi.yaml", timeout=5)
    assert response.status_code == 200
    document = yaml.safe_load(response.text)
    assert document["openapi"].startswith("3.")
    assert "/survey-responses" in document["paths"]


def test_metrics_count_ingested_responses(server, instance, structure):
    body = {"ticketId": "M-1", "supportGroupCode": "TEAM", "segmentCode": "ENT", "rating": 4}
    assert instance.api.post("/survey-responses", json=body).status_code == 201
    metrics = requests.get(server.base_url + "/metrics", timeout=5).text
    assert 'makegood_responses_ingested_total{status="valid"}' in metrics
    assert "http_server_request_duration" in metrics


def test_instance_create_refuses_a_taken_cpc(server, instance):
    again = server.run_cli("instance", "create", "--cpc", instance.cpc, "--name", "x", "--timezone", "UTC", check=False)
    assert again.returncode != 0
    assert "already exists" in again.stderr
