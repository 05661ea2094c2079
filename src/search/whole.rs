//! `-w`, grep's whole words for Chinese: an occurrence of a query word counts only when it
//! starts and ends where jieba (default mode, the dictionary the index was cut with) puts a
//! word boundary in the passage. `医共体` then matches 医共体 standing as a word and not the
//! 医共体 inside a longer word; `卫生` no longer matches 卫生院. A run of Latin letters or digits
//! is one jieba word, so `hpv` matches hpv and not hpv16.
//!
//! The index cannot tell: its jieba field is cut in search mode (卫生院 also yields 卫生) and
//! its bigrams hold every substring. So the condition reads the stored text of the passages
//! the other clauses found and cuts it again; it never drives a search.

use std::collections::HashSet;
use std::sync::Arc;

use tantivy::query::doc_predicate_query::{
    ConstOrVariableSegmentPredicate, DocPredicate, DocPredicateQuery, SegmentDocPredicate,
};
use tantivy::query::AllScorer;
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue};
use tantivy::store::StoreReader;
use tantivy::{DocId, SegmentReader};

use crate::tokenize::{dictionary, fold_unit};

/// Store blocks each segment's condition keeps decompressed.
const STORE_CACHE_BLOCKS: usize = 10;

/// The condition that every one of `runs` (folded runs of units) stands in one of `fields`
/// as whole words; with `open_end` (a prefix), only its start need be a boundary.
pub fn whole_words_query(
    fields: Vec<Field>,
    runs: Vec<String>,
    open_end: bool,
) -> DocPredicateQuery {
    DocPredicateQuery::from(WholeWords {
        fields: Arc::new(fields),
        runs: Arc::new(runs),
        open_end,
    })
}

#[derive(Debug)]
struct WholeWords {
    fields: Arc<Vec<Field>>,
    runs: Arc<Vec<String>>,
    open_end: bool,
}

struct SegmentWholeWords {
    store: StoreReader,
    fields: Arc<Vec<Field>>,
    runs: Arc<Vec<String>>,
    open_end: bool,
}

impl DocPredicate for WholeWords {
    type SegmentDocPredicate = SegmentWholeWords;

    fn doc_predicate(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<ConstOrVariableSegmentPredicate<SegmentWholeWords>> {
        if self.runs.is_empty() || self.fields.is_empty() {
            return Ok(ConstOrVariableSegmentPredicate::Const(false));
        }
        Ok(ConstOrVariableSegmentPredicate::Variable {
            predicate: SegmentWholeWords {
                store: reader.get_store_reader(STORE_CACHE_BLOCKS)?,
                fields: Arc::clone(&self.fields),
                runs: Arc::clone(&self.runs),
                open_end: self.open_end,
            },
            necessary_condition: Box::new(AllScorer::new(reader.max_doc())),
        })
    }
}

impl SegmentDocPredicate for SegmentWholeWords {
    fn eval(&mut self, doc: DocId) -> bool {
        // A passage that cannot be read is not shown as a match it may not be.
        let Ok(texts) = self.store.get::<FieldTexts>(doc) else {
            return false;
        };
        texts.0.iter().any(|(field, text)| {
            self.fields.contains(field)
                && self
                    .runs
                    .iter()
                    .all(|run| stands_whole(text, run, self.open_end))
        })
    }

    fn cost(&self) -> u64 {
        // Reading and cutting the passage: let every other clause narrow the documents first.
        100_000
    }
}

/// Whether the folded `run` occurs in `text` starting at a jieba word boundary and, unless
/// `open_end`, ending at one.
pub fn stands_whole(text: &str, run: &str, open_end: bool) -> bool {
    if run.is_empty() {
        return false;
    }
    // Folding keeps every character a character: byte offsets change, boundaries do not, so
    // they are compared in characters.
    let folded: String = text.chars().map(fold_unit).collect();
    if !folded.contains(run) {
        return false;
    }
    let mut boundaries: HashSet<usize> = HashSet::new();
    for token in dictionary().cut(&folded, false) {
        boundaries.insert(token.byte_start);
        boundaries.insert(token.byte_end);
    }
    folded.match_indices(run).any(|(start, found)| {
        boundaries.contains(&start) && (open_end || boundaries.contains(&(start + found.len())))
    })
}

/// The character indices of `text` where jieba (default mode, on the folded text) starts or
/// ends a word: what `-w` highlights are checked against.
pub fn word_boundaries(text: &str) -> HashSet<usize> {
    let folded: String = text.chars().map(fold_unit).collect();
    let mut boundaries = HashSet::new();
    for token in dictionary().cut(&folded, false) {
        boundaries.insert(token.start);
        boundaries.insert(token.end);
    }
    boundaries
}

/// The text values of a stored passage, with their fields.
struct FieldTexts(Vec<(Field, String)>);

impl DocumentDeserialize for FieldTexts {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut texts = Vec::new();
        while let Some((field, value)) = deserializer.next_field::<OwnedValue>()? {
            if let OwnedValue::Str(text) = value {
                texts.push((field, text));
            }
        }
        Ok(FieldTexts(texts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_inside_a_longer_word_is_not_whole() {
        assert!(stands_whole("加强卫生院建设", "卫生院", false));
        assert!(!stands_whole("加强卫生院建设", "卫生", false));
        assert!(!stands_whole("加强卫生院建设", "生院", false));
        assert!(stands_whole("加强卫生工作", "卫生", false));
        // 乡镇卫生院 is one word of the user dictionary.
        assert!(!stands_whole("乡镇卫生院建设", "卫生院", false));
    }

    #[test]
    fn latin_and_digits_are_whole_tokens() {
        assert!(stands_whole("开展HPV筛查", "hpv", false));
        assert!(!stands_whole("开展HPV16筛查", "hpv", false));
        assert!(stands_whole("共120人", "120", false));
        assert!(!stands_whole("共1200人", "120", false));
    }

    #[test]
    fn a_prefix_need_only_start_at_a_boundary() {
        assert!(stands_whole("加强卫生院建设", "卫生", true));
        assert!(!stands_whole("加强卫生院建设", "生院", true));
    }
}
