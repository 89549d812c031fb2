"""Prints the MovieLens catalog (movies.csv: title with year, genres) as CSV for
`COPY media_items (id, kind, title, year, genres) FROM STDIN CSV`: the bench's stand-in for the import feature."""

import csv
import re
import sys
import uuid

writer = csv.writer(sys.stdout)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        match = re.match(r"^(.*?)\s*\((\d{4})\)\s*$", row["title"])
        title, year = (match.group(1), match.group(2)) if match else (row["title"].strip(), "")
        genres = [g for g in row["genres"].split("|") if g and g != "(no genres listed)"]
        array = "{" + ",".join('"' + g.replace('"', "") + '"' for g in genres) + "}"
        writer.writerow([uuid.uuid4(), "movie", title[:300] or "Untitled", year, array])
