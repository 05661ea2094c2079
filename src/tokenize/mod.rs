//! Tokenizers registered on every index: the schema refers to them by name, and an index
//! stores only the name, so every open of an index must call [`register`].

mod grams;
mod jieba;

pub use grams::{bigrams, fold_unit, is_unit, unit_runs, Grams, RUN_END};
pub use jieba::{dictionary, user_words, JiebaWords};

use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

/// Chinese words by jieba, search mode (see [`JiebaWords`]).
pub const JIEBA: &str = "jieba";
/// Bigrams of letters, digits and Han characters (see [`Grams`]).
pub const BIGRAM: &str = "bigram";
/// The whole value as one term (tantivy's built-in `raw`).
pub const RAW: &str = "raw";

/// Every tokenizer name a schema may use.
pub const KNOWN: &[&str] = &[JIEBA, BIGRAM, RAW];

/// Registers baogao's tokenizers on `index`, under the names the schema uses.
pub fn register(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(JIEBA, TextAnalyzer::from(JiebaWords::default()));
    tokenizers.register(BIGRAM, TextAnalyzer::from(Grams::default()));
}
