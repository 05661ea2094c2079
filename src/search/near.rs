//! `"医共体 建设"~10` as a condition: a passage matches when its words stand within the given
//! number of characters of each other, in any order. The positions come from the bigram field
//! (one gram per character, at its character index), so the distance is counted in
//! characters of the passage, punctuation included, whatever jieba made of the text.

use std::sync::Arc;

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::doc_predicate_query::{
    ConstOrVariableSegmentPredicate, DocPredicate, DocPredicateQuery, SegmentDocPredicate,
};
use tantivy::query::AllScorer;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, Term};

use crate::tokenize::bigrams;

/// The near-condition over `field` (the bigram field) for `words` (runs of folded units).
pub fn near_query(field: Field, words: &[String], distance: u32) -> DocPredicateQuery {
    DocPredicateQuery::from(NearPredicate {
        field,
        words: Arc::new(words.to_vec()),
        distance,
    })
}

#[derive(Debug)]
struct NearPredicate {
    field: Field,
    words: Arc<Vec<String>>,
    distance: u32,
}

/// How one word is found in a segment: the postings of its bigrams (its n − 1 grams, at
/// offsets 0, 1, …), or for a word of one character every gram starting with it.
enum WordPostings {
    Grams(Vec<SegmentPostings>),
    Prefixed(Vec<SegmentPostings>),
}

struct SegmentNear {
    words: Vec<(WordPostings, u32)>,
    distance: u32,
    positions: Vec<u32>,
}

impl DocPredicate for NearPredicate {
    type SegmentDocPredicate = SegmentNear;

    fn doc_predicate(
        &self,
        reader: &SegmentReader,
    ) -> tantivy::Result<ConstOrVariableSegmentPredicate<SegmentNear>> {
        let inverted = reader.inverted_index(self.field)?;
        let option = IndexRecordOption::WithFreqsAndPositions;
        let mut words = Vec::with_capacity(self.words.len());
        for word in self.words.iter() {
            let length = u32::try_from(word.chars().count()).unwrap_or(u32::MAX);
            let pairs = bigrams(word);
            let postings = if pairs.is_empty() {
                let mut upper = word.as_bytes().to_vec();
                if let Some(last) = upper.last_mut() {
                    *last = last.saturating_add(1);
                }
                let mut stream = inverted.terms().range().ge(word).lt(&upper).into_stream()?;
                let mut all = Vec::new();
                while stream.advance() {
                    all.push(inverted.read_postings_from_terminfo(stream.value(), option)?);
                }
                WordPostings::Prefixed(all)
            } else {
                let mut all = Vec::with_capacity(pairs.len());
                for pair in &pairs {
                    match inverted
                        .read_postings(&Term::from_field_text(self.field, pair), option)?
                    {
                        Some(postings) => all.push(postings),
                        None => return Ok(ConstOrVariableSegmentPredicate::Const(false)),
                    }
                }
                WordPostings::Grams(all)
            };
            if matches!(&postings, WordPostings::Prefixed(all) if all.is_empty()) {
                return Ok(ConstOrVariableSegmentPredicate::Const(false));
            }
            words.push((postings, length));
        }
        Ok(ConstOrVariableSegmentPredicate::Variable {
            predicate: SegmentNear {
                words,
                distance: self.distance,
                positions: Vec::new(),
            },
            necessary_condition: Box::new(AllScorer::new(reader.max_doc())),
        })
    }
}

impl SegmentDocPredicate for SegmentNear {
    fn eval(&mut self, doc: DocId) -> bool {
        let mut occurrences: Vec<(u32, u32, usize)> = Vec::new();
        for (index, (postings, length)) in self.words.iter_mut().enumerate() {
            let starts = starts_in(postings, doc, &mut self.positions);
            if starts.is_empty() {
                return false;
            }
            occurrences.extend(starts.into_iter().map(|at| (at, at + *length, index)));
        }
        occurrences.sort_unstable();
        let total: u32 = self.words.iter().map(|(_, length)| *length).sum();
        smallest_span(&occurrences, self.words.len())
            .is_some_and(|span| span.saturating_sub(total) <= self.distance)
    }

    fn cost(&self) -> u64 {
        // Reading positions: let the word clauses drive the intersection.
        10_000
    }
}

/// Where one word starts in `doc` (character indices).
fn starts_in(postings: &mut WordPostings, doc: DocId, buffer: &mut Vec<u32>) -> Vec<u32> {
    let at_doc = |postings: &mut SegmentPostings, buffer: &mut Vec<u32>| -> bool {
        if postings.doc() < doc {
            postings.seek(doc);
        }
        if postings.doc() != doc {
            return false;
        }
        buffer.clear();
        postings.positions(buffer);
        true
    };
    match postings {
        WordPostings::Prefixed(all) => {
            let mut starts = Vec::new();
            for postings in all.iter_mut() {
                if at_doc(postings, buffer) {
                    starts.extend_from_slice(buffer);
                }
            }
            starts.sort_unstable();
            starts.dedup();
            starts
        }
        WordPostings::Grams(all) => {
            let mut starts: Vec<u32> = Vec::new();
            for (offset, postings) in all.iter_mut().enumerate() {
                if !at_doc(postings, buffer) {
                    return Vec::new();
                }
                let offset = u32::try_from(offset).unwrap_or(u32::MAX);
                if offset == 0 {
                    starts = buffer.clone();
                } else {
                    starts.retain(|start| buffer.binary_search(&(start + offset)).is_ok());
                }
                if starts.is_empty() {
                    return starts;
                }
            }
            starts
        }
    }
}

/// The shortest stretch (first start to last end) holding an occurrence of every word;
/// `occurrences` are (start, end, word) sorted by start.
fn smallest_span(occurrences: &[(u32, u32, usize)], words: usize) -> Option<u32> {
    let wide: Vec<(usize, usize, usize)> = occurrences
        .iter()
        .map(|&(start, end, word)| (start as usize, end as usize, word))
        .collect();
    let span = super::rank::smallest_window(&wide, words, |window| {
        window.iter().map(|o| o.1).max().unwrap_or(0) - window[0].0
    })?;
    u32::try_from(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_is_the_shortest_holding_every_word_in_any_order() {
        // 建设 at 0..2, 医共体 at 12..15 and 30..33.
        let occurrences = [(0, 2, 1), (12, 15, 0), (30, 33, 0)];
        assert_eq!(smallest_span(&occurrences, 2), Some(15));
        assert_eq!(smallest_span(&[(0, 3, 0)], 2), None);
    }
}
