#!/usr/bin/env python3
"""Load test: CLIENTS concurrent clients for SECONDS on loopback, each on its own keep-alive connection, sending
the dashboard's mix of requests (list scenarios, read a version with its ETag, validate the quickstart, read runs,
health; one run queued every 200 requests). Prints p50/p99 latency per kind, throughput, errors (5xx, broken
connections, unexpected statuses; 503 from a full run queue is counted apart, as designed back-pressure) and the
server's peak memory (VmHWM). Writes the figures as JSON to OUT.

Usage: load_test.py BASE_URL SERVER_PID OUT [CLIENTS] [SECONDS]
"""
import http.client
import json
import os
import pathlib
import sys
import threading
import time
import urllib.parse

BASE, PID, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
CLIENTS = int(sys.argv[4]) if len(sys.argv) > 4 else 100
SECONDS = float(sys.argv[5]) if len(sys.argv) > 5 else 30
ROOT = pathlib.Path(__file__).resolve().parents[2]
host = urllib.parse.urlparse(BASE)
quickstart = (ROOT / "examples/quickstart.yaml").read_text()
scenario = f"load-{int(time.time() * 1000)}"


def request(connection, method, path, body=None, headers=None):
    payload = json.dumps(body).encode() if body is not None else None
    all_headers = {"Content-Type": "application/json"} if payload is not None else {}
    all_headers.update(headers or {})
    connection.request(method, path, body=payload, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, response.getheader("ETag"), data


setup = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
status, etag, data = request(setup, "POST", "/v1/scenarios", {"id": scenario, "text": quickstart + f"\n# {scenario}\n"})
assert status == 201, (status, data)
version = json.loads(data)["hash"]
status, _, data = request(setup, "POST", "/v1/runs", {"scenario": scenario, "paths": 2000, "structures": False})
assert status == 202, (status, data)
run_id = json.loads(data)["id"]
setup.close()

MIX = [
    ("list", "GET", "/v1/scenarios", None, {}, {200}),
    ("version", "GET", f"/v1/scenarios/{scenario}/versions/{version}", None, {}, {200}),
    ("version-304", "GET", f"/v1/scenarios/{scenario}/versions/{version}", None, {"If-None-Match": f'"{version}"'}, {304}),
    ("validate", "POST", "/v1/validate", {"text": quickstart}, {}, {200}),
    ("run-status", "GET", f"/v1/runs/{run_id}", None, {}, {200}),
    ("runs", "GET", f"/v1/runs?scenario={scenario}&limit=20", None, {}, {200}),
    ("health", "GET", "/health", None, {}, {200}),
]
latencies = {kind: [] for kind, *_ in MIX}
latencies["start-run"] = []
counts = {"errors": 0, "queue_full": 0, "requests": 0}
error_samples = []
lock = threading.Lock()
stop_at = time.time() + SECONDS
peak_kb = [0]


def client(index):
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    n = index
    local = {kind: [] for kind in latencies}
    local_counts = {"errors": 0, "queue_full": 0, "requests": 0}
    while time.time() < stop_at:
        n += 1
        if n % 200 == 0:
            kind, method, path, body, headers, ok = (
                "start-run", "POST", "/v1/runs", {"scenario": scenario, "paths": 1000, "structures": False}, {},
                {202})
        else:
            kind, method, path, body, headers, ok = MIX[n % len(MIX)]
        started = time.perf_counter()
        try:
            status, _, data = request(connection, method, path, body, headers)
        except Exception as error:  # a broken connection is an error; reconnect and go on
            local_counts["errors"] += 1
            with lock:
                if len(error_samples) < 5:
                    error_samples.append(f"{kind}: {error!r}")
            connection.close()
            connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            continue
        elapsed = time.perf_counter() - started
        local_counts["requests"] += 1
        if status == 503 and kind == "start-run":
            local_counts["queue_full"] += 1
        elif status not in ok:
            local_counts["errors"] += 1
            with lock:
                if len(error_samples) < 5:
                    error_samples.append(f"{kind}: {status} {data[:200]!r}")
        local[kind].append(elapsed)
    connection.close()
    with lock:
        for kind, values in local.items():
            latencies[kind].extend(values)
        for key, value in local_counts.items():
            counts[key] += value


def watch_memory():
    while time.time() < stop_at + 1:
        try:
            for line in open(f"/proc/{PID}/status"):
                if line.startswith("VmHWM:"):
                    peak_kb[0] = max(peak_kb[0], int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.2)


def cpu_seconds():
    """The server's user + system CPU time so far."""
    try:
        fields = open(f"/proc/{PID}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
cpu_before = cpu_seconds()
watcher = threading.Thread(target=watch_memory)
began = time.time()
watcher.start()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
watcher.join()
wall = time.time() - began
server_cores = (cpu_seconds() - cpu_before) / wall


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


everything = [x for values in latencies.values() for x in values]
figures = {
    "clients": CLIENTS, "seconds": round(wall, 1), "requests": counts["requests"],
    "requests_per_second": round(counts["requests"] / wall, 1), "errors": counts["errors"],
    "queue_full_503": counts["queue_full"], "error_samples": error_samples,
    "p50_ms": round(quantile(everything, 0.5) * 1000, 2), "p99_ms": round(quantile(everything, 0.99) * 1000, 2),
    "peak_memory_mb": round(peak_kb[0] / 1024, 1), "server_cpu_cores": round(server_cores, 2),
    "by_kind": {
        kind: {"count": len(v), "p50_ms": round(quantile(v, 0.5) * 1000, 2),
               "p99_ms": round(quantile(v, 0.99) * 1000, 2)}
        for kind, v in latencies.items() if v
    },
}
pathlib.Path(OUT).write_text(json.dumps(figures, indent=2) + "\n")
print(f"service: load: {CLIENTS} clients × {wall:.0f} s: {counts['requests']} requests ({figures['requests_per_second']}/s), "
      f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, {counts['errors']} errors, "
      f"{counts['queue_full']} queue-full 503s, server peak memory {figures['peak_memory_mb']} MB, "
      f"server CPU {figures['server_cpu_cores']} cores")
sys.exit(1 if counts["errors"] else 0)
