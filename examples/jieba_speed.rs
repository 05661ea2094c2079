//! Jieba segmentation alone (search mode, HMM off, the user dictionary added) over every .txt
//! file of a folder, one thread: the work indexing cannot avoid. Prints MB/s.
//! `cargo run --release --example jieba_speed -- CORPUS_DIR`

use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy_jieba::jieba_rs::TokenizeMode;

/// The report files of a folder, as `baogao index` finds them.
fn files(folder: &Path) -> Vec<PathBuf> {
    baogao::corpus::report_paths(folder).unwrap_or_else(|err| {
        eprintln!("{err}");
        std::process::exit(2)
    })
}

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "corpus".to_string());
    let texts: Vec<String> = files(Path::new(&corpus))
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let jieba = baogao::tokenize::dictionary();
    let started = Instant::now();
    let mut tokens = 0usize;
    for text in &texts {
        tokens += jieba.tokenize(text, TokenizeMode::Search, false).len();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{{\"bytes\": {bytes}, \"tokens\": {tokens}, \"seconds\": {seconds:.3}, \"mb_per_s\": {:.2}}}", bytes as f64 / 1e6 / seconds);
}
