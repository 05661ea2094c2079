//! Hit counts of the naive baseline (see `naive_index`): each query of a file through
//! tantivy's query parser on its one jieba field, words required (AND), `"…"` a phrase, the
//! ` --year …` part of a line ignored (the baseline has no years). Prints
//! `{"counts": [n, …], "p50_ms": …}` as JSON, the counts in the file's order.
//! `cargo run --release --example naive_count -- INDEX_DIR QUERIES_FILE`

use std::time::Instant;

use tantivy::collector::Count;
use tantivy::query::QueryParser;
use tantivy::Index;

fn main() -> tantivy::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(folder), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: naive_count INDEX_DIR QUERIES_FILE");
        std::process::exit(2);
    };
    let index = Index::open_in_dir(folder)?;
    index
        .tokenizers()
        .register("jieba", tantivy_jieba::JiebaTokenizer::new());
    let text = index.schema().get_field("text")?;
    let mut parser = QueryParser::for_index(&index, vec![text]);
    parser.set_conjunction_by_default();
    let searcher = index.reader()?.searcher();
    let queries = std::fs::read_to_string(queries)?;
    let mut counts = Vec::new();
    let mut timings = Vec::new();
    for line in queries.lines().filter(|l| !l.trim().is_empty()) {
        let query = line.split(" --year ").next().unwrap_or_default();
        let started = Instant::now();
        let count = match parser.parse_query(query) {
            Ok(query) => searcher.search(&query, &Count)?,
            Err(_) => 0,
        };
        timings.push(started.elapsed().as_secs_f64() * 1000.0);
        counts.push(count);
    }
    timings.sort_by(f64::total_cmp);
    let p50 = timings.get(timings.len() / 2).copied().unwrap_or(0.0);
    println!("{{\"counts\": {counts:?}, \"p50_ms\": {p50:.3}}}");
    Ok(())
}
