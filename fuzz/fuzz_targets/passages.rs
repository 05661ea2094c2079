//! Any text cut into passages: lines cleaned (folding, boilerplate), PDF line breaks
//! rejoined, paragraphs cut under their headings, the file split into its reports and each
//! report's title and facets read; no panic, and every passage within the text's lines.
#![no_main]

use baogao::report::parse_document;
use baogao::text::{clean_lines, cut_long_paragraph, rejoin, split_passages, MAX_PASSAGE_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = clean_lines(text);
    let paragraphs = rejoin(&lines);
    let title = lines.first().map(|line| line.text.as_str()).unwrap_or("");
    let last_line = text.lines().count().max(1);
    for passage in split_passages(&paragraphs, title) {
        assert!(passage.line >= 1 && passage.line <= last_line + 1, "{passage:?}");
    }
    let _ = cut_long_paragraph(text, MAX_PASSAGE_CHARS);
    // The first line doubles as a file name and a declared title: both are user data too.
    let first = text.lines().next().unwrap_or("");
    for report in parse_document(text, first, Some(first)).reports {
        assert!(!report.passages.is_empty(), "{report:?}");
    }
});
