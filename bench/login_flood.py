#!/usr/bin/env python3
"""Sends ROUNDS bursts of N simultaneous logins (N distinct seeded users) to a running Marquee server while other
clients read GET /health/live and GET /api/v1/me/rankings without pause, and prints one JSON line: the latency of
answered logins, how many were refused (429), and the readers' latencies during the bursts and before them.

    login_flood.py BASE_URL [N] [ROUNDS]
"""

import http.client
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

PASSWORD = "login-flood-password"


def connect(base):
    url = urlparse(base)
    return http.client.HTTPConnection(url.hostname, url.port, timeout=60)


def call(conn, method, path, body=None, token=None):
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data, time.perf_counter() - started


def seed(base, n):
    def one(i):
        conn = connect(base)
        email = f"flood{i}@example.com"
        status, data, _ = call(conn, "POST", "/api/v1/auth/register",
                               {"email": email, "password": PASSWORD, "display_name": f"Flood {i}"})
        if status == 409:
            status, data, _ = call(conn, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        if status not in (200, 201):
            raise SystemExit(f"seeding {email}: {status} {data[:200]!r}")
        return email, json.loads(data)["access_token"]

    # Two at a time: the seeding itself must not overflow the hashing queue.
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, range(n)))


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def ms(value):
    return None if value is None else round(value * 1000, 1)


def main():
    base = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    users = seed(base, n)
    token = users[0][1]

    stop = threading.Event()
    flooding = threading.Event()
    reads = {"health": {"before": [], "during": []}, "list": {"before": [], "during": []}}
    lock = threading.Lock()

    def reader(kind, path):
        conn = connect(base)
        while not stop.is_set():
            status, _, took = call(conn, "GET", path, token=token)
            if status != 200:
                raise SystemExit(f"{path}: {status}")
            with lock:
                reads[kind]["during" if flooding.is_set() else "before"].append(took)
            time.sleep(0.005)

    readers = [threading.Thread(target=reader, args=("health", "/health/live"), daemon=True),
               threading.Thread(target=reader, args=("list", "/api/v1/me/rankings?limit=20"), daemon=True)]
    for t in readers:
        t.start()
    time.sleep(3)

    answered, refused, other = [], [], []
    barrier = threading.Barrier(n)

    def log_in(user):
        conn = connect(base)
        conn.connect()
        barrier.wait()
        status, _, took = call(conn, "POST", "/api/v1/auth/login", {"email": user[0], "password": PASSWORD})
        return status, took

    for _ in range(rounds):
        flooding.set()
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(log_in, users))
        flooding.clear()
        for status, took in results:
            (answered if status == 200 else refused if status == 429 else other).append(took)
        time.sleep(2.5)  # let the Retry-After pass and the queue drain before the next burst
    stop.set()
    for t in readers:
        t.join()

    print(json.dumps({
        "logins": n * rounds,
        "simultaneous": n,
        "answered": len(answered),
        "refused_429": len(refused),
        "other_status": len(other),
        "answered_max_ms": ms(max(answered, default=None)),
        "answered_p50_ms": ms(percentile(answered, 50)),
        "refused_max_ms": ms(max(refused, default=None)),
        "health_p99_before_ms": ms(percentile(reads["health"]["before"], 99)),
        "health_p99_during_ms": ms(percentile(reads["health"]["during"], 99)),
        "health_reads_during": len(reads["health"]["during"]),
        "list_p99_before_ms": ms(percentile(reads["list"]["before"], 99)),
        "list_p99_during_ms": ms(percentile(reads["list"]["during"], 99)),
        "list_reads_during": len(reads["list"]["during"]),
    }))


if __name__ == "__main__":
    main()
