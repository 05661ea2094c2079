//! Prints what baogao understands of each report file given: title, year, kind, level,
//! region, org, published date and passage count; with `--passages` first, every passage as
//! `path:line<TAB>title<TAB>heading<TAB>text` instead.
//! `cargo run --release --example dump_reports -- [--passages] corpus/*.txt`
use baogao::report::parse_file;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let passages_only = args.first().is_some_and(|a| a == "--passages");
    for path in args.iter().skip(usize::from(passages_only)) {
        let path = path.clone();
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
            if passages_only {
                for p in &r.passages {
                    println!("{path}:{}\t{}\t{}\t{}", p.line, r.title, p.heading, p.text);
                }
                continue;
            }
            let m = &r.metadata;
            println!("{name} #{} | {} | {:?} | {} | {} | {:?} | {:?} | {:?} | {} passages, first line {}", r.number, r.title, m.year, m.kind.label(), m.level.label(), m.region, m.org, m.published.map(|d| d.to_string()), r.passages.len(), r.passages.first().map_or(0, |p| p.line));
        }
    }
}
