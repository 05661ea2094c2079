#!/usr/bin/env python3
"""baogao's benchmark: build and search figures, side by side with a naive tantivy baseline,
jieba alone and ripgrep, on one generated corpus, in one run.

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
    shutil.rmtree(naive, ignore_errors=True)

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

    report = {"size": size, "corpus_bytes": corpus_bytes, "cores": os.cpu_count(), "build": build,
              "naive_baseline": baseline, "jieba_alone": jieba, "search": search,
              "incremental": incremental, "index_space": space,
              "build_vs_baseline": build["mb_per_s"] / baseline["mb_per_s"]}
    (BENCH / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")

    print(f"\nbaogao bench, {size} generated corpus ({corpus_bytes / 1e6:.0f} MB, {os.cpu_count()} cores)\n")
    print(f"{'build':<28}{'baogao':>12}{'naive':>12}{'target':>16}")
    print(f"{'  MB/s':<28}{build['mb_per_s']:>12.1f}{baseline['mb_per_s']:>12.1f}{'≥ 1.5× naive':>16}")
    print(f"{'  wall s':<28}{build['seconds']:>12.1f}{baseline['seconds']:>12.1f}")
    print(f"{'  peak RSS MiB':<28}{build['peak_rss_mib']:>12.0f}{baseline['peak_rss_mib']:>12.0f}{'≤ 1024':>16}")
    print(f"{'  index / corpus bytes':<28}{build['index_ratio']:>12.2f}{baseline['index_ratio']:>12.2f}{'≤ 1.0':>16}")
    print(f"{'  jieba alone MB/s (1 core)':<28}{jieba['mb_per_s']:>12.1f}")
    print(f"{'  ratio to naive':<28}{report['build_vs_baseline']:>12.2f}")
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
    print(f"\nfigures written to {BENCH / 'report.json'}")


if __name__ == "__main__":
    main()
