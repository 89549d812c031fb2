#!/usr/bin/env python3
"""Seeds a running Marquee for the HTTP load benchmark, through its public API only.

Creates a 1,000-title catalog, 100 users and 50 rankings per user (spread over the five tiers), then writes
`users.txt` for the wrk scripts: one line per user, `email token id1 id2 ... id50 next_title_index`, plus
`titles.txt` (the 1,000 media ids, one per line). Standard library only.

    python3 bench/seed_load.py http://127.0.0.1:8080 OUT_DIR
"""

import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE = sys.argv[1].rstrip("/")
OUT = sys.argv[2]
USERS, TITLES, PER_USER = 100, 1000, 50
PASSWORD = "load-test-password"
TIERS = ["S", "A", "B", "C", "D"]


def call(method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            raw = resp.read()
            return resp.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def account(i):
    email = f"load{i:03d}@bench.example"
    # On a busy machine the hashing queue may refuse (429) or a sign-up may miss its deadline (503): a client tries
    # again after a pause, as both answers ask; a sign-up that did land shows as 409, and the account signs in.
    for attempt in range(20):
        status, body = call("POST", "/api/v1/auth/register", {"email": email, "password": PASSWORD, "display_name": f"Load {i}"})
        if status == 409:
            status, body = call("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        if status not in (429, 503):
            break
        time.sleep(0.5 + attempt * 0.25)
    assert status in (200, 201), (status, body)
    return email, body["access_token"]


def main():
    started = time.time()
    with ThreadPoolExecutor(max_workers=4) as pool:
        accounts = list(pool.map(account, range(USERS)))
    print(f"{USERS} accounts in {time.time() - started:.1f}s", file=sys.stderr)

    admin_token = accounts[0][1]
    titles = []
    for i in range(TITLES):
        status, body = call("POST", "/api/v1/media", {
            "kind": "movie", "title": f"Load test film {i:04d}", "year": 1950 + i % 75,
            "genres": [["Drama", "Comedy", "Thriller", "Science Fiction", "Horror"][i % 5]],
            "overview": "A film made up for the load benchmark.",
        }, admin_token)
        assert status == 201, (status, body)
        titles.append(body["id"])
    print(f"{TITLES} titles after {time.time() - started:.1f}s", file=sys.stderr)

    def rank(u):
        email, token = accounts[u]
        ids = []
        for k in range(PER_USER):
            media = titles[(u * 10 + k) % TITLES]
            status, body = call("POST", "/api/v1/me/rankings", {"media_id": media, "tier": TIERS[k * 5 // PER_USER]}, token)
            assert status == 201, (status, body)
            ids.append(body["id"])
        return f"{email} {token} {' '.join(ids)} {(u * 10 + PER_USER) % TITLES}"

    with ThreadPoolExecutor(max_workers=4) as pool:
        lines = list(pool.map(rank, range(USERS)))
    with open(f"{OUT}/users.txt", "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(f"{OUT}/titles.txt", "w") as f:
        f.write("\n".join(titles) + "\n")
    print(f"{USERS * PER_USER} rankings after {time.time() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
