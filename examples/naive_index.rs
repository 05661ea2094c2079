//! The naive baseline of the benchmark: plain tantivy + tantivy-jieba, one stored text field
//! with positions, one document per line, default settings, 2 writer threads. What a first
//! attempt at this tool would do; `baogao index` is measured against it.
//! `cargo run --release --example naive_index -- CORPUS_DIR INDEX_DIR`

use std::path::{Path, PathBuf};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{doc, Index, IndexWriter};

/// The report files of a folder, as `baogao index` finds them.
fn files(folder: &Path) -> Vec<PathBuf> {
    baogao::corpus::report_paths(folder).unwrap_or_else(|err| {
        eprintln!("{err}");
        std::process::exit(2)
    })
}

fn main() -> tantivy::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(corpus), Some(target)) = (args.first(), args.get(1)) else {
        eprintln!("usage: naive_index CORPUS_DIR INDEX_DIR");
        std::process::exit(2);
    };
    let mut schema = Schema::builder();
    let options = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("jieba")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let text = schema.add_text_field("text", options);
    let _ = std::fs::remove_dir_all(target);
    std::fs::create_dir_all(target)?;
    let index = Index::create_in_dir(target, schema.build())?;
    index
        .tokenizers()
        .register("jieba", tantivy_jieba::JiebaTokenizer::new());
    let mut writer: IndexWriter = index.writer_with_num_threads(2, 100_000_000)?;
    for path in files(Path::new(corpus)) {
        let Ok(content) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            writer.add_document(doc!(text => line))?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}
