import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from model_server.metrics import LATENCY_BUCKETS, REQUEST_DURATION, REQUESTS_TOTAL
from model_server.model import LogisticModel
from model_server.server import ModelServer

ROOT = Path(__file__).resolve().parent.parent
MODEL = LogisticModel.load()


def example_instance():
    instance = {name: 1.0 for name in MODEL.numerical}
    instance.update({name: "unseen-value" for name in MODEL.categorical})
    return instance


@pytest.fixture()
def base_url():
    server = ModelServer(("127.0.0.1", 0), MODEL)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def call(url, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_model_declares_every_catalog_feature():
    catalog = (ROOT / "catalog-info.yaml").read_text(encoding="utf-8")
    for feature in MODEL.features:
        assert f"name: {json.dumps(feature)}" in catalog or f"name: {feature}" in catalog


def test_health_and_readiness(base_url):
    assert call(f"{base_url}/healthz") == (200, '{"status": "ok"}')
    code, body = call(f"{base_url}/readyz")
    assert code == 200
    assert json.loads(body)["model"] == MODEL.name


def test_readiness_fails_without_a_model():
    server = ModelServer(("127.0.0.1", 0), None)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        code, _ = call(f"http://127.0.0.1:{server.server_address[1]}/readyz")
        assert code == 503
    finally:
        server.shutdown()
        server.server_close()


def test_predict_returns_one_probability_per_instance(base_url):
    code, body = call(f"{base_url}/v1/models/{MODEL.name}:predict",
                      {"instances": [example_instance(), example_instance()]})
    assert code == 200, body
    predictions = json.loads(body)["predictions"]
    assert len(predictions) == 2
    assert all(0.0 < p < 1.0 for p in predictions)


def test_predict_names_the_missing_feature(base_url):
    if not MODEL.features:
        pytest.skip("the model declares no features")
    instance = example_instance()
    missing = MODEL.features[0]
    del instance[missing]
    code, body = call(f"{base_url}/v1/models/{MODEL.name}:predict", {"instances": [instance]})
    assert code == 400
    assert f"instances[0]: {missing} is required" in json.loads(body)["error"]


def test_predict_refuses_a_body_without_instances(base_url):
    code, body = call(f"{base_url}/v1/models/{MODEL.name}:predict", {"rows": []})
    assert code == 400
    assert "instances" in json.loads(body)["error"]


def test_metrics_count_requests_and_latency_with_the_slo_metric_names(base_url):
    call(f"{base_url}/v1/models/{MODEL.name}:predict", {"instances": [example_instance()]})
    call(f"{base_url}/v1/models/{MODEL.name}:predict", {"rows": []})
    code, text = call(f"{base_url}/metrics")
    assert code == 200
    label = f'model="{MODEL.name}"'
    assert f'{REQUESTS_TOTAL}{{{label},code="200"}} 1' in text
    assert f'{REQUESTS_TOTAL}{{{label},code="400"}} 1' in text
    assert f'{REQUEST_DURATION}_bucket{{{label},le="+Inf"}} 2' in text
    assert f"{REQUEST_DURATION}_count{{{label}}} 2" in text
    assert len([line for line in text.splitlines() if "_bucket{" in line]) == len(LATENCY_BUCKETS) + 1


def test_the_slo_latency_threshold_is_a_histogram_bucket():
    openslo = (ROOT / "slo" / "openslo.yaml").read_text(encoding="utf-8")
    assert REQUEST_DURATION in openslo
    thresholds = re.findall(r'le=\\?"([0-9.]+)', openslo)
    assert thresholds, "the latency SLO names its bucket"
    assert all(float(t) in LATENCY_BUCKETS for t in thresholds)
