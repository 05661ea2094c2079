//! baogao (报告): a search engine for corpora of Chinese reports.
//!
//! The pipeline runs one way. Indexing: [`corpus`] walks and reads files → [`report`]
//! finds each report's title and year → [`text`] cuts passages under their headings →
//! [`index`] writes them with the fields of [`schema`], tokenized by [`tokenize`].
//! Searching: [`search`] parses the query and ranks passages → [`render`] prints them.
//! [`cli`] wires the commands to these stages.

pub mod cli;
pub mod corpus;
pub mod dates;
pub mod embedded;
pub mod error_text;
pub mod guard;
pub mod index;
pub mod remote;
pub mod render;
pub mod report;
pub mod schema;
pub mod search;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod tokenize;
