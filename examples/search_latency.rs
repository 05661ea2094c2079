//! In-process search latency through the library API: each query of a file run many times on
//! one open index, facet counts included. Prints p50 and p99 in milliseconds as JSON.
//! `cargo run --release --example search_latency -- INDEX_DIR QUERIES_FILE [ROUNDS]`

use std::time::Instant;

use baogao::index::open_index;
use baogao::search::{search, FacetName, Filters, SearchRequest, SortKey};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(index), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: search_latency INDEX_DIR QUERIES_FILE [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(20);
    let open = open_index(std::path::Path::new(index)).unwrap_or_else(|err| {
        eprintln!("{err}");
        std::process::exit(2)
    });
    let queries = std::fs::read_to_string(queries).unwrap_or_default();
    let mut timings = Vec::new();
    for line in queries.lines().filter(|l| !l.trim().is_empty()) {
        // A line is the arguments of `baogao search`: the query, then maybe --year A..B.
        let (query, years) = match line.split_once(" --year ") {
            Some((query, years)) => (query.to_string(), years.trim().parse().ok()),
            None => (line.to_string(), None),
        };
        let query = query.trim_matches('\'').to_string();
        let request = SearchRequest {
            query,
            filters: Filters {
                years,
                ..Filters::default()
            },
            limit: 10,
            per_report: 2,
            exact: false,
            facets: vec![FacetName::Year, FacetName::Kind],
            sort: SortKey::Score,
            reverse: false,
        };
        let _ = search(&open, &request);
        for _ in 0..rounds {
            let started = Instant::now();
            let _ = search(&open, &request);
            timings.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    timings.sort_by(f64::total_cmp);
    let at = |q: f64| {
        timings
            .get(((timings.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "{{\"searches\": {}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3}}}",
        timings.len(),
        at(0.5),
        at(0.99)
    );
}
