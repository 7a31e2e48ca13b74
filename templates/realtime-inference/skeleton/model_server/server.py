"""HTTP server: predictions, health, readiness and Prometheus metrics.

Routes follow the KServe v1 protocol so the same client works whether the
model runs behind an Argo Rollout or a KServe InferenceService:

- ``POST /v1/models/<name>:predict`` with ``{"instances": [{...}, ...]}``
- ``GET /healthz`` (process alive), ``GET /readyz`` (model loaded)
- ``GET /metrics`` (Prometheus text format)
"""

import argparse
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional, Tuple

from .metrics import ServerMetrics
from .model import DEFAULT_WEIGHTS_PATH, InvalidInstanceError, LogisticModel

MAX_BODY_BYTES = 1024 * 1024


class ModelServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: Tuple[str, int], model: Optional[LogisticModel]) -> None:
        super().__init__(address, ModelRequestHandler)
        self.model = model
        self.metrics = ServerMetrics(model.name if model else "unknown")


class ModelRequestHandler(BaseHTTPRequestHandler):
    server: ModelServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - upstream signature
        if os.environ.get("MODEL_SERVER_ACCESS_LOG") == "1":
            super().log_message(format, *args)

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, code: int, payload: dict) -> None:
        self._send(code, json.dumps(payload).encode("utf-8"), "application/json")

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path == "/healthz":
            self._send_json(200, {"status": "ok"})
        elif self.path == "/readyz":
            if self.server.model is None:
                self._send_json(503, {"status": "model not loaded"})
            else:
                self._send_json(200, {"status": "ready", "model": self.server.model.name,
                                      "version": self.server.model.version})
        elif self.path == "/metrics":
            self._send(200, self.server.metrics.render().encode("utf-8"),
                       "text/plain; version=0.0.4; charset=utf-8")
        else:
            self._send_json(404, {"error": f"no route GET {self.path}"})

    def do_POST(self) -> None:  # noqa: N802 - http.server naming
        started = time.perf_counter()
        code, payload = self._predict()
        # Recorded before the answer leaves, so a client that has its answer
        # (and then scrapes /metrics) always finds its request counted.
        self.server.metrics.observe(code, time.perf_counter() - started)
        self._send_json(code, payload)

    def _predict(self) -> Tuple[int, dict]:
        model = self.server.model
        if model is None:
            return 503, {"error": "model not loaded"}
        if self.path != f"/v1/models/{model.name}:predict":
            return 404, {"error": f"no route POST {self.path}"}
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            return 413, {"error": f"body larger than {MAX_BODY_BYTES} bytes"}
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except json.JSONDecodeError as error:
            return 400, {"error": f"body is not JSON: {error}"}
        instances = body.get("instances") if isinstance(body, dict) else None
        if not isinstance(instances, list) or not instances:
            return 400, {"error": "instances must be a non-empty list"}
        try:
            scores = model.predict(instances)
        except InvalidInstanceError as error:
            return 400, {"error": str(error)}
        return 200, {"predictions": scores, "model": model.name, "version": model.version}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--weights", type=Path,
                        default=Path(os.environ.get("MODEL_WEIGHTS", str(DEFAULT_WEIGHTS_PATH))))
    args = parser.parse_args(argv)
    server = ModelServer((args.host, args.port), LogisticModel.load(args.weights))
    print(f"serving {server.model.name} {server.model.version} on {args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
