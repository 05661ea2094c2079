//! Where an index's bytes go: per field, postings, positions, term dictionary, fast fields,
//! field norms, and the doc store. Prints JSON.
//! `cargo run --release --example index_space -- INDEX_DIR`

use std::collections::BTreeMap;

use tantivy::Index;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index_space INDEX_DIR");
        std::process::exit(2);
    };
    let index = match Index::open_in_dir(&dir) {
        Ok(index) => index,
        Err(err) => {
            eprintln!("cannot open `{dir}`: {err}");
            std::process::exit(2);
        }
    };
    let searcher = match index.reader() {
        Ok(reader) => reader.searcher(),
        Err(err) => {
            eprintln!("cannot read `{dir}`: {err}");
            std::process::exit(2);
        }
    };
    let usage = match searcher.space_usage() {
        Ok(usage) => usage,
        Err(err) => {
            eprintln!("cannot measure `{dir}`: {err}");
            std::process::exit(2);
        }
    };
    let mut fields: BTreeMap<String, BTreeMap<&str, u64>> = BTreeMap::new();
    let mut store = 0u64;
    for segment in usage.segments() {
        store += segment.store().total().get_bytes();
        let parts = [
            ("postings", segment.postings()),
            ("positions", segment.positions()),
            ("terms", segment.termdict()),
            ("fast", segment.fast_fields()),
            ("norms", segment.fieldnorms()),
        ];
        for (part, per_field) in parts {
            for field_usage in per_field.fields() {
                let name = field_usage.field_name().to_string();
                *fields.entry(name).or_default().entry(part).or_default() +=
                    field_usage.total().get_bytes();
            }
        }
    }
    let fields: serde_json::Map<String, serde_json::Value> = fields
        .into_iter()
        .map(|(name, parts)| (name, serde_json::json!(parts)))
        .collect();
    let report = serde_json::json!({
        "total": usage.total().get_bytes(),
        "store": store,
        "fields": fields,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
