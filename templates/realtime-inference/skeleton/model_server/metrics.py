"""Prometheus metrics in the text exposition format, without a client library.

The names and labels are the ones the service level objectives in
``slo/openslo.yaml`` and the generated rules in ``slo/prometheus-rules.yaml``
query: ``model_requests_total{model, code}`` and the histogram
``model_request_duration_seconds{model}``. Renaming one breaks the SLOs.
"""

import bisect
import threading
from typing import Dict, List, Tuple

REQUESTS_TOTAL = "model_requests_total"
REQUEST_DURATION = "model_request_duration_seconds"

# Bucket boundaries in seconds; an SLO latency threshold must be one of them.
LATENCY_BUCKETS: Tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


def _format_float(value: float) -> str:
    return repr(float(value)) if value != int(value) else f"{value:.1f}"


class ServerMetrics:
    def __init__(self, model_name: str) -> None:
        self._model = model_name
        self._lock = threading.Lock()
        self._requests: Dict[str, int] = {}
        self._bucket_counts: List[int] = [0] * len(LATENCY_BUCKETS)
        self._duration_count = 0
        self._duration_sum = 0.0

    def observe(self, code: int, seconds: float) -> None:
        with self._lock:
            key = str(code)
            self._requests[key] = self._requests.get(key, 0) + 1
            index = bisect.bisect_left(LATENCY_BUCKETS, seconds)
            if index < len(LATENCY_BUCKETS):
                self._bucket_counts[index] += 1
            self._duration_count += 1
            self._duration_sum += seconds

    def render(self) -> str:
        label = f'model="{self._model}"'
        with self._lock:
            lines = [
                f"# HELP {REQUESTS_TOTAL} Prediction requests by HTTP status code.",
                f"# TYPE {REQUESTS_TOTAL} counter",
            ]
            for code in sorted(self._requests):
                lines.append(f'{REQUESTS_TOTAL}{{{label},code="{code}"}} {self._requests[code]}')
            lines += [
                f"# HELP {REQUEST_DURATION} Prediction request latency in seconds.",
                f"# TYPE {REQUEST_DURATION} histogram",
            ]
            cumulative = 0
            for boundary, count in zip(LATENCY_BUCKETS, self._bucket_counts):
                cumulative += count
                lines.append(
                    f'{REQUEST_DURATION}_bucket{{{label},le="{_format_float(boundary)}"}} {cumulative}'
                )
            lines.append(f'{REQUEST_DURATION}_bucket{{{label},le="+Inf"}} {self._duration_count}')
            lines.append(f"{REQUEST_DURATION}_sum{{{label}}} {self._duration_sum}")
            lines.append(f"{REQUEST_DURATION}_count{{{label}}} {self._duration_count}")
        return "\n".join(lines) + "\n"
