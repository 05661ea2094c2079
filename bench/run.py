#!/usr/bin/env python3
"""baogao's benchmark: build and search figures, side by side with a naive tantivy baseline,
SQLite FTS5 with the trigram tokenizer (bench/peers.py), jieba alone and ripgrep, on one
generated corpus, in one run; each query's hit count beside a plain scan's (grep's answer);
and the two corners that were once quadratic (many results, one long line).

    make bench                 # SIZE=100M
    SIZE=1G make bench         # the reference run

Prints a table and writes the same figures to target/bench/report.json. Needs the release
build of baogao and its examples (the Makefile builds them) and installs ripgrep with apt when
it is missing.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
RELEASE = TARGET / "release"
BENCH = TARGET / "bench"
EXTRA = ROOT.parent / "shared" / "extra-corpus" / "provincial-2026"
SEARCH_RUNS = int(os.environ.get("RUNS", "15"))
PEERS = ROOT / "bench" / "peers.py"


def run(command):
    """Runs a command (exit 0 or 1 is fine: 1 is "no hit"), returns (seconds, stdout)."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(map(str, command))} failed:\n{done.stderr}")
    return seconds, done.stdout


def peak_rss_kib(command):
    """(peak RSS in KiB, wall seconds) of one command, in a child of its own so that the
    RUSAGE_CHILDREN high-water mark is this command's alone."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True); s = time.perf_counter() - t; "
             "sys.exit(r.stderr.decode()) if r.returncode else "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, s)")
    done = subprocess.run([sys.executable, "-c", probe, *map(str, command)], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"bench: {' '.join(map(str, command))} failed:\n{done.stderr}")
    rss, seconds = done.stdout.split()
    return int(rss), float(seconds)


def folder_bytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def ensure_ripgrep():
    if shutil.which("rg"):
        return "rg"
    subprocess.run(["apt-get", "install", "-y", "-qq", "ripgrep"], capture_output=True)
    if not shutil.which("rg"):
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "ripgrep"], capture_output=True)
    return shutil.which("rg")


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * q))]


def interleaved_medians(commands, runs):
    """Median wall seconds of each command, the commands run in turn so that a busy machine
    slows them alike."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for at, command in enumerate(commands):
            times[at].append(run(command)[0])
    return [statistics.median(t) for t in times]


def or_query(corpus, words=300):
    """`a OR b OR …` of common two-character strings of the corpus (ranks 100 to 100 + words)."""
    counts = {}
    for path in sorted(Path(corpus).rglob("*.txt"))[:200]:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for at in range(0, len(text) - 1, 2):
            pair = text[at:at + 2]
            if all("\u4e00" <= c <= "\u9fff" for c in pair):
                counts[pair] = counts.get(pair, 0) + 1
    ranked = sorted(counts, key=lambda pair: (-counts[pair], pair))
    return " OR ".join(ranked[100:100 + words])


def corners(index, corpus):
    """The two corners that were quadratic: many results (-n 10/100/1000 on one query, and an
    OR of 300 words), and one long line (8 MB and 16 MB, no newline)."""
    print("corners (-n 10/100/1000, OR of 300 words, long lines) …", file=sys.stderr)
    search = [RELEASE / "baogao", "search", "--json", "--index", index]
    runs = max(3, SEARCH_RUNS // 3)
    n10, n100, n1000 = interleaved_medians([[*search, "发展", "-n", str(n)] for n in (10, 100, 1000)], runs)
    words = or_query(corpus)
    or100, or1000 = interleaved_medians([[*search, words, "-n", str(n)] for n in (100, 1000)], runs)
    limits = [
        {"label": "发展 -n 10", "median_ms": n10 * 1000, "ratio": 1.0, "target": ""},
        {"label": "发展 -n 100", "median_ms": n100 * 1000, "ratio": n100 / n10, "target": ""},
        {"label": "发展 -n 1000 (vs -n 100)", "median_ms": n1000 * 1000, "ratio": n1000 / n100,
         "target": "≤ 5×, ≤ 200 ms"},
        {"label": "OR of 300 words -n 100", "median_ms": or100 * 1000, "ratio": 1.0, "target": ""},
        {"label": "  -n 1000 (vs -n 100)", "median_ms": or1000 * 1000, "ratio": or1000 / or100, "target": "≤ 5×"},
    ]
    # From the provincial reports (else the seeds), not the generated corpus: web chrome such
    # as 打赏 or 阅读全文 anywhere in a line makes the boilerplate rules drop the whole line.
    seeds = sorted(EXTRA.glob("*.txt")) or sorted(ROOT.joinpath("corpus").glob("*.txt"))
    text = "".join(line for path in seeds for line in read_utf8_lines(path))
    data = text.encode("utf-8")
    long_lines = []
    for megabytes in (8, 16):
        folder = BENCH / f"long-{megabytes}M"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        line = (data * (megabytes * 1_000_000 // len(data) + 1))[:megabytes * 1_000_000]
        (folder / "long.txt").write_text(line.decode("utf-8", errors="ignore") + "\n", encoding="utf-8")
        long_index = BENCH / f"long-{megabytes}M-index"
        shutil.rmtree(long_index, ignore_errors=True)
        started = time.perf_counter()
        done = subprocess.run([RELEASE / "baogao", "index", folder, "--index", long_index],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode or " 0 passages" in done.stderr:
            sys.exit(f"bench: indexing one {megabytes} MB line failed or indexed nothing:\n{done.stderr}")
        shutil.rmtree(long_index, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
        long_lines.append({"label": f"{megabytes} MB", "seconds": seconds})
    long_lines[0].update(ratio=1.0, target="")
    long_lines[1].update(ratio=long_lines[1]["seconds"] / long_lines[0]["seconds"], target="≤ 2.2×")
    return {"limits": limits, "long_lines": long_lines}


def read_utf8_lines(path):
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except UnicodeDecodeError:
        return []


def main():
    size = os.environ.get("SIZE", "100M")
    corpus = BENCH / f"corpus-{size}"
    index = BENCH / f"index-{size}"
    naive = BENCH / f"naive-{size}"
    BENCH.mkdir(parents=True, exist_ok=True)
    sources = ["--source", str(ROOT / "corpus")]
    if EXTRA.is_dir():
        sources += ["--source", str(EXTRA)]
    print(f"generating {size} corpus …", file=sys.stderr)
    subprocess.run([RELEASE / "examples" / "gen_corpus", "--size", size, "--out", corpus, *sources], check=True,
                   capture_output=True)
    corpus_bytes = folder_bytes(corpus)
    mb = corpus_bytes / 1e6

    print("indexing (baogao) …", file=sys.stderr)
    if index.exists():
        shutil.rmtree(index)
    rss, seconds = peak_rss_kib([RELEASE / "baogao", "index", corpus, "--index", index])
    build = {"seconds": seconds, "mb_per_s": mb / seconds, "peak_rss_mib": rss / 1024,
             "index_bytes": folder_bytes(index), "index_ratio": folder_bytes(index) / corpus_bytes}

    print("indexing (baogao --threads 1) …", file=sys.stderr)
    one_thread = BENCH / f"index-{size}-threads-1"
    shutil.rmtree(one_thread, ignore_errors=True)
    _, one_seconds = peak_rss_kib([RELEASE / "baogao", "index", corpus, "--index", one_thread, "--threads", "1"])
    shutil.rmtree(one_thread, ignore_errors=True)
    build["threads_1_seconds"] = one_seconds
    build["threads_speedup"] = one_seconds / seconds

    print("updating (one file touched, one file changed) …", file=sys.stderr)
    files = sorted(corpus.rglob("*.txt"))
    some_file = files[len(files) // 2]
    os.utime(some_file)
    touched_seconds, _ = run([RELEASE / "baogao", "index", corpus, "--index", index])
    with open(some_file, "a", encoding="utf-8") as out:
        out.write("\n全年新增家庭医生签约服务团队十二个，重点人群签约率稳步提升。\n")
    changed_seconds, _ = run([RELEASE / "baogao", "index", corpus, "--index", index])
    incremental = {"touched_seconds": touched_seconds, "changed_seconds": changed_seconds,
                   "changed_vs_full": changed_seconds / seconds}
    space = json.loads(subprocess.run([RELEASE / "examples" / "index_space", index], check=True,
                                      capture_output=True, text=True).stdout)

    print("indexing (naive baseline) …", file=sys.stderr)
    naive_rss, naive_seconds = peak_rss_kib([RELEASE / "examples" / "naive_index", corpus, naive])
    baseline = {"seconds": naive_seconds, "mb_per_s": mb / naive_seconds, "peak_rss_mib": naive_rss / 1024,
                "index_bytes": folder_bytes(naive), "index_ratio": folder_bytes(naive) / corpus_bytes}

    print("jieba alone …", file=sys.stderr)
    jieba = json.loads(subprocess.run([RELEASE / "examples" / "jieba_speed", corpus], check=True,
                                      capture_output=True, text=True).stdout)

    queries = [line.strip() for line in (ROOT / "bench" / "queries.txt").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    rg = ensure_ripgrep()
    print(f"searching ({len(queries)} queries × {SEARCH_RUNS}) …", file=sys.stderr)
    per_query = []
    for line in queries:
        words = line.split(" --year ")[0].replace('"', " ").split()
        args = [RELEASE / "baogao", "search", *line.split(), "--index", index]
        times = [run(args)[0] for _ in range(SEARCH_RUNS)]
        row = {"query": line, "median_ms": statistics.median(times) * 1000, "p95_ms": percentile(times, 0.95) * 1000}
        if rg:
            rg_args = [rg, "-F", "-c", "--no-messages", *sum((["-e", w] for w in words), []), str(corpus)]
            rg_times = [run(rg_args)[0] for _ in range(max(3, SEARCH_RUNS // 3))]
            row["rg_median_ms"] = statistics.median(rg_times) * 1000
            row["rg_over_baogao"] = row["rg_median_ms"] / row["median_ms"]
        per_query.append(row)
    all_times = [r["median_ms"] for r in per_query]
    queries_file = BENCH / "queries.txt"
    queries_file.write_text("\n".join(queries) + "\n")
    latency = json.loads(subprocess.run([RELEASE / "examples" / "search_latency", index, queries_file, "30"],
                                        check=True, capture_output=True, text=True).stdout)
    search = {"median_ms": statistics.median(all_times),
              "p95_ms": percentile([r["p95_ms"] for r in per_query], 0.95),
              "in_process_p50_ms": latency["p50_ms"], "in_process_p99_ms": latency["p99_ms"],
              "queries": per_query}
    if rg:
        search["rg_over_baogao_median"] = statistics.median(r["rg_over_baogao"] for r in per_query)

    print("SQLite FTS5 trigram …", file=sys.stderr)
    fts5_db = BENCH / f"fts5-{size}.db"
    fts5_rss, fts5_seconds = peak_rss_kib([sys.executable, PEERS, "fts5-build", corpus, fts5_db])
    fts5 = {"seconds": fts5_seconds, "mb_per_s": mb / fts5_seconds, "peak_rss_mib": fts5_rss / 1024,
            "index_bytes": fts5_db.stat().st_size, "index_ratio": fts5_db.stat().st_size / corpus_bytes}
    fts5_queries = json.loads(run([sys.executable, PEERS, "fts5-query", fts5_db, queries_file,
                                   str(max(3, SEARCH_RUNS // 3))])[1])
    fts5["median_ms"] = statistics.median(fts5_queries["median_ms"])
    fts5_db.unlink()

    print("hit counts (baogao, naive, FTS5, plain scan) …", file=sys.stderr)
    naive_counts = json.loads(run([RELEASE / "examples" / "naive_count", naive, queries_file])[1])
    shutil.rmtree(naive, ignore_errors=True)
    scan_counts = json.loads(run([sys.executable, PEERS, "scan", corpus, queries_file])[1])["counts"]
    for at, row in enumerate(per_query):
        output = run([RELEASE / "baogao", "search", *row["query"].split(), "--json", "-n", "1",
                      "--index", index])[1]
        row["hits"] = {"baogao": json.loads(output)["total_hits"] if output.strip() else 0,
                       "naive": naive_counts["counts"][at], "fts5": fts5_queries["counts"][at],
                       "scan": scan_counts[at]}
        row["fts5_median_ms"] = fts5_queries["median_ms"][at]

    corner = corners(index, corpus)

    report = {"size": size, "corpus_bytes": corpus_bytes, "cores": os.cpu_count(), "build": build,
              "naive_baseline": baseline, "fts5_trigram": fts5, "jieba_alone": jieba, "search": search,
              "incremental": incremental, "index_space": space, "corners": corner,
              "build_vs_baseline": build["mb_per_s"] / baseline["mb_per_s"]}
    (BENCH / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")

    print(f"\nbaogao bench, {size} generated corpus ({corpus_bytes / 1e6:.0f} MB, {os.cpu_count()} cores)\n")
    print(f"{'build':<28}{'baogao':>12}{'naive':>12}{'FTS5':>12}{'target':>16}")
    print(f"{'  MB/s':<28}{build['mb_per_s']:>12.1f}{baseline['mb_per_s']:>12.1f}{fts5['mb_per_s']:>12.1f}"
          f"{'≥ 0.6× naive':>16}")
    print(f"{'  wall s':<28}{build['seconds']:>12.1f}{baseline['seconds']:>12.1f}{fts5['seconds']:>12.1f}")
    print(f"{'  peak RSS MiB':<28}{build['peak_rss_mib']:>12.0f}{baseline['peak_rss_mib']:>12.0f}"
          f"{fts5['peak_rss_mib']:>12.0f}{'≤ 1024':>16}")
    print(f"{'  index / corpus bytes':<28}{build['index_ratio']:>12.2f}{baseline['index_ratio']:>12.2f}"
          f"{fts5['index_ratio']:>12.2f}{'≤ 1.4':>16}")
    print(f"{'  jieba alone MB/s (1 core)':<28}{jieba['mb_per_s']:>12.1f}")
    print(f"{'  ratio to naive':<28}{report['build_vs_baseline']:>12.2f}")
    print(f"{'  --threads 1 wall s':<28}{build['threads_1_seconds']:>12.1f}")
    print(f"{'  cores / --threads 1 speed':<28}{build['threads_speedup']:>12.2f}{'':>24}{'≥ 1.8×':>16}")
    print(f"\n{'incremental (same index)':<28}{'seconds':>12}{'vs full':>12}")
    print(f"{'  one file touched':<28}{incremental['touched_seconds']:>12.2f}"
          f"{incremental['touched_seconds'] / seconds:>12.3f}")
    print(f"{'  one file changed':<28}{incremental['changed_seconds']:>12.2f}"
          f"{incremental['changed_vs_full']:>12.3f}")
    print(f"\n{'search':<28}{'median ms':>12}{'p95 ms':>12}{'rg ms':>10}{'rg/baogao':>11}")
    for row in per_query:
        print(f"{'  ' + row['query'][:24]:<28}{row['median_ms']:>12.1f}{row['p95_ms']:>12.1f}"
              f"{row.get('rg_median_ms', float('nan')):>10.1f}{row.get('rg_over_baogao', float('nan')):>11.1f}")
    print(f"{'  all (target ≤ 50 / ≤ 100)':<28}{search['median_ms']:>12.1f}{search['p95_ms']:>12.1f}")
    print(f"{'  in-process p50 / p99 ms':<28}{latency['p50_ms']:>12.2f}{latency['p99_ms']:>12.2f}   (target ≤ 5 / ≤ 50)")
    print(f"{'  FTS5 in process, median':<28}{fts5['median_ms']:>12.2f}")
    print(f"\n{'hits (baogao: passages;':<28}{'baogao':>9}{'naive':>9}{'FTS5':>9}{'scan':>9}{'FTS5 ms':>9}")
    print(f"{' others: lines)':<28}")
    for row in per_query:
        hits = row["hits"]
        print(f"{'  ' + row['query'][:24]:<28}{hits['baogao']:>9}{hits['naive']:>9}{hits['fts5']:>9}"
              f"{hits['scan']:>9}{row['fts5_median_ms']:>9.1f}")
    print(f"\n{'corners (whole process)':<28}{'median ms':>12}{'ratio':>12}{'target':>16}")
    for row in corner["limits"]:
        print(f"{'  ' + row['label']:<28}{row['median_ms']:>12.1f}{row['ratio']:>12.2f}{row['target']:>16}")
    for row in corner["long_lines"]:
        print(f"{'  index one ' + row['label'] + ' line':<28}{row['seconds'] * 1000:>12.0f}{row['ratio']:>12.2f}"
              f"{row['target']:>16}")
    print(f"\nfigures written to {BENCH / 'report.json'}")


if __name__ == "__main__":
    main()
