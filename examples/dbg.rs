use baogao::corpus::{read_document, Format, ReadOptions};
fn main() {
    for p in std::env::args().skip(1) {
        let path = std::path::Path::new(&p);
        let doc = read_document(
            path,
            Format::of(path).unwrap_or(Format::Text),
            &ReadOptions::default(),
        )
        .unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let lines = baogao::text::clean_lines(doc.text());
        for l in lines.iter().take(8) {
            println!(
                "  {:?} {}",
                l.boilerplate,
                l.folded.chars().take(60).collect::<String>()
            );
        }
        let parsed = baogao::report::parse_file(doc.text(), name);
        for r in &parsed.reports {
            println!(
                "{} | {:?} | passages {}",
                r.title,
                r.metadata,
                r.passages.len()
            );
        }
    }
}
