//! Report text: headings and passages.

mod boilerplate;
pub mod chars;
mod headings;
mod lines;
mod normalize;
mod passages;
mod t2s;

pub use boilerplate::{boilerplate_rule, GLUED_RULES, RULES as BOILERPLATE_RULES};
pub use headings::{heading_level, split_heading};
pub use lines::{clean_lines, rejoin, Line, Paragraph};
pub use normalize::{fold, fold_char, repair_pinyin};
pub use passages::{cut_long_paragraph, split_passages, Passage, MAX_PASSAGE_CHARS};
