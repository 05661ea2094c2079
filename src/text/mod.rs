//! Report text: headings and passages.

mod headings;
mod passages;

pub use passages::{cut_long_paragraph, split_passages, NumberedLine, Passage, MAX_PASSAGE_CHARS};
