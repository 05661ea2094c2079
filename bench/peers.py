#!/usr/bin/env python3
"""The bench's peers and its truth, as a user with only Python would have them:

    peers.py fts5-build CORPUS DB         # SQLite FTS5 (trigram tokenizer), one row per line
    peers.py fts5-query DB QUERIES RUNS   # hit counts and in-process latency, as JSON
    peers.py scan CORPUS QUERIES          # a plain scan's hit counts (grep's answer), as JSON

A file is read as UTF-8, else as GB18030 (what a script would try); lines are compared as
written: no folding of traditional characters or full-width forms. A query line is the
arguments of `baogao search`: words (all required), `"…"` an exact string, ` --year …`
ignored (neither peer knows years).
"""

import json
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path


def query_strings(line):
    """The literal strings a query line requires: its words and quoted phrases."""
    query = line.split(" --year ")[0]
    strings, rest = [], query
    while '"' in rest:
        before, _, after = rest.partition('"')
        phrase, _, rest = after.partition('"')
        strings += before.split()
        if phrase:
            strings.append(phrase)
    return strings + rest.split()


def read_queries(path):
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def corpus_lines(folder):
    """The non-empty lines of every report file under `folder`, in a sorted walk."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".txt", ".md")):
                continue
            data = (Path(root) / name).read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("gb18030", errors="replace")
            for line in text.splitlines():
                if line.strip():
                    yield line


def fts5_build(corpus, db):
    if os.path.exists(db):
        os.remove(db)
    connection = sqlite3.connect(db)
    connection.execute("CREATE VIRTUAL TABLE lines USING fts5(text, tokenize='trigram')")
    with connection:
        connection.executemany("INSERT INTO lines(text) VALUES (?)", ((line,) for line in corpus_lines(corpus)))
    connection.close()


def fts5_sql(strings):
    """FTS5's trigram index finds strings of three characters or more (MATCH); shorter ones
    are looked for with instr(), a scan of the rows (LIKE '%卫生%' finds nothing in a trigram
    table of SQLite 3.40: a pattern needs three characters)."""
    long = [s for s in strings if len(s) >= 3]
    short = [s for s in strings if len(s) < 3]
    where, params = [], []
    if long:
        where.append("lines MATCH ?")
        params.append(" AND ".join('"' + s.replace('"', '""') + '"' for s in long))
    for s in short:
        where.append("instr(text, ?) > 0")
        params.append(s)
    return "SELECT count(*) FROM lines WHERE " + " AND ".join(where), params


def fts5_query(db, queries, runs):
    connection = sqlite3.connect(db)
    counts, medians = [], []
    for line in read_queries(queries):
        sql, params = fts5_sql(query_strings(line))
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            count = connection.execute(sql, params).fetchone()[0]
            times.append((time.perf_counter() - started) * 1000)
        counts.append(count)
        medians.append(statistics.median(times))
    print(json.dumps({"counts": counts, "median_ms": medians}))


def scan(corpus, queries):
    wanted = [query_strings(line) for line in read_queries(queries)]
    counts = [0] * len(wanted)
    for line in corpus_lines(corpus):
        for at, strings in enumerate(wanted):
            if all(s in line for s in strings):
                counts[at] += 1
    print(json.dumps({"counts": counts}))


def main():
    command, *args = sys.argv[1:]
    if command == "fts5-build":
        fts5_build(*args)
    elif command == "fts5-query":
        fts5_query(args[0], args[1], int(args[2]))
    elif command == "scan":
        scan(*args)
    else:
        sys.exit(f"peers.py: unknown command {command}")


if __name__ == "__main__":
    main()
