#!/usr/bin/env python3
"""Search latency through a cluster vs the local index: each query run N times by the real
binary (`baogao search Q -n 10 --json`, process start included), locally and with --remote;
prints the median per query and the median of the medians.

    python3 bench/remote_latency.py URL INDEX_DIR [RUNS]
"""
import statistics
import subprocess
import sys
import time

QUERIES = [
    "人工智能",
    "新质生产力",
    '"高质量发展"',
    "低空经济 OR 人工智能",
    "就业 -青年",
    '"数字经济 产业"~20',
    "科技 region:北京市",
    "养老 OR 托育 OR 医保",
    "人工智能*",
    "改革",
]


def timed(args):
    started = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed


def main():
    url, index = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    binary = "target/release/baogao"
    local_medians, remote_medians = [], []
    print(f"{'query':<24} {'local ms':>9} {'cluster ms':>11}")
    for query in QUERIES:
        base = [binary, "search", "--index", index, "-n", "10", "--json", "--", query]
        local = [timed(base) for _ in range(runs)]
        remote = [timed(base[:-2] + ["--remote", url, "--", query]) for _ in range(runs)]
        lm, rm = statistics.median(local) * 1000, statistics.median(remote) * 1000
        local_medians.append(lm)
        remote_medians.append(rm)
        print(f"{query:<24} {lm:9.1f} {rm:11.1f}")
    print(
        f"{'median of medians':<24} {statistics.median(local_medians):9.1f} "
        f"{statistics.median(remote_medians):11.1f}"
    )


if __name__ == "__main__":
    main()
