//! Prints what baogao understands of each report file given: title, year, kind, level,
//! region, org, published date and passage count. `cargo run --example dump_reports -- corpus/*.txt`
use baogao::report::parse_file;
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let name = std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&path);
        let parsed = parse_file(&text, name);
        for r in &parsed.reports {
            let m = &r.metadata;
            println!("{name} #{} | {} | {:?} | {} | {} | {:?} | {:?} | {:?} | {} passages, first line {}", r.number, r.title, m.year, m.kind.label(), m.level.label(), m.region, m.org, m.published.map(|d| d.to_string()), r.passages.len(), r.passages.first().map_or(0, |p| p.line));
        }
    }
}
