"""Writes MovieLens (movies.csv + ratings.csv) as Marquee rows for `COPY`: media.csv, users.csv and rankings.csv
in OUT_DIR. Each MovieLens user becomes an account whose ratings are a tier list: 5 stars -> S, 4-4.5 -> A,
3-3.5 -> B, 2-2.5 -> C, below -> D; inside a tier by rating (higher first), then by time (earlier first).
The bench's stand-in for `marquee import movielens --ratings`. Standard library only.

    python3 bench/movielens_lists.py ../shared/data/movielens-small OUT_DIR
"""

import csv
import os
import re
import sys
import uuid
from collections import defaultdict

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
src, out = sys.argv[1], sys.argv[2]


def tier(rating):
    return 0 if rating >= 5 else 1 if rating >= 4 else 2 if rating >= 3 else 3 if rating >= 2 else 4


def key(i):
    # Two base-62 digits, never ending in 0: up to 61 x 61 titles per tier, in bytewise order.
    return DIGITS[1 + i // 61] + DIGITS[1 + i % 61]


media = {}
with open(f"{src}/movies.csv", newline="", encoding="utf-8") as f, open(f"{out}/media.csv", "w", newline="") as o:
    w = csv.writer(o)
    for row in csv.DictReader(f):
        match = re.match(r"^(.*?)\s*\((\d{4})\)\s*$", row["title"])
        title, year = (match.group(1), match.group(2)) if match else (row["title"].strip(), "")
        genres = [g for g in row["genres"].split("|") if g and g != "(no genres listed)"]
        array = "{" + ",".join('"' + g.replace('"', "") + '"' for g in genres) + "}"
        media[row["movieId"]] = uuid.uuid4()
        w.writerow([media[row["movieId"]], "movie", title[:300] or "Untitled", year, array])

by_user = defaultdict(list)
with open(f"{src}/ratings.csv", newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        by_user[row["userId"]].append((float(row["rating"]), int(row["timestamp"]), row["movieId"]))

with open(f"{out}/users.csv", "w", newline="") as uo, open(f"{out}/rankings.csv", "w", newline="") as ro:
    uw, rw = csv.writer(uo), csv.writer(ro)
    for user, ratings in by_user.items():
        uid = uuid.uuid4()
        uw.writerow([uid, f"ml{user}@movielens.example", f"MovieLens {user}", "!"])
        tiers = defaultdict(list)
        for rating, ts, movie in ratings:
            tiers[tier(rating)].append((-rating, ts, movie))
        for t, entries in tiers.items():
            entries.sort()
            for i, (neg, _, movie) in enumerate(entries):
                stars = max(1, min(5, round(-neg)))
                rw.writerow([uuid.uuid4(), uid, media[movie], t, key(i), stars])
print(f"{len(media)} titles, {len(by_user)} users, {sum(map(len, by_user.values()))} rankings", file=sys.stderr)
