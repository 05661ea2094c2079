//! The hits of a search one at a time, in the order shown, without holding their texts: what
//! `--json-lines` and `--csv` print from, and what [`super::search`] collects.
//!
//! Ranking needs the candidates together (the best N, their reprints folded, at most N per
//! report, then `--sort`), but not their texts. So each candidate is read in the store's order
//! to score it and count its bigrams (then only a small [`Candidate`] and its bigrams are
//! kept, the bigrams up to [`FOLD_BYTES`] in all), and, in batches of [`BATCH`], to be shown as
//! it is printed. Folding its reprints needs the prefix of its bigrams (see [`Reprints`]) and,
//! to compare two passages that may be reprints, all their bigrams: the candidates whose
//! bigrams were not kept are read again, in the store's order for the prefixes and through a
//! cache of [`STORE_CACHE_BLOCKS`] blocks to be compared. So memory is bounded but for a record
//! and a prefix per candidate (tens to a few hundred bytes), and never holds the texts of the
//! hits shown.

use std::collections::{HashMap, HashSet, VecDeque};

use rustc_hash::FxHashMap;
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher};

use super::filters::FacetCounts;
use super::query::BuiltQuery;
use super::rank::{near_identical, rank_order, shingles, Reprints, Shingles};
use super::run::{read_hit, read_text, snippet_for, typed_forms_in, Hit, Location, SearchError};
use super::sort::sort_by_key;
use super::stored::{lacks, Stored, StoredPassage};
use super::SearchRequest;
use crate::index::OpenIndex;
use crate::report::Date;

/// Passages read together, in the store's order, so that a compressed block of the store is
/// opened once per batch and not once per passage.
const BATCH: usize = 512;
/// Decompressed store blocks kept for the reads out of the store's order (folding, showing),
/// over all segments: a bound on memory (16 KiB each) whatever the number of hits.
const STORE_CACHE_BLOCKS: usize = 256;

/// The bigrams of the candidates held from their first reading until reprints are folded
/// (with `-n 1000`, ten thousand candidates of a few hundred bigrams each: all of them); the
/// others are read again.
const FOLD_BYTES: usize = 32 << 20;
/// Candidates beyond [`FOLD_BYTES`] whose bigrams stay at hand once read (a passage with many
/// reprints is compared with each).
const KEPT_CACHE: usize = 1024;

/// A candidate passage as ranking sees it: where it is and what orders it, not its text.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    address: DocAddress,
    score: f32,
    /// Found by synonyms only: ranks after the passages holding a typed form of each group.
    synonym_only: bool,
    /// The file, as its rank among the candidates' paths (the order of the path strings).
    path: u32,
    line: u64,
    report: u64,
    passage: u64,
    year: Option<u16>,
    published: Option<Date>,
    /// How many different bigrams its text has (see [`Shingles`]).
    bigrams: u32,
    /// Its place in the bigrams held from the first reading (see [`FOLD_BYTES`]).
    slot: u32,
}

/// A hit to show: its candidate and the places of its reprints, (path, line).
struct Shown {
    candidate: Candidate,
    also: Vec<(u32, u64)>,
}

/// The hits of a search, read as they are asked for; see the module's comment.
pub struct HitStream<'a> {
    /// Passages matching the query and filters (before folding and the per-report limit).
    pub total_hits: usize,
    /// Hits per value of each facet asked for, over all matches.
    pub facets: Vec<FacetCounts>,
    open: &'a OpenIndex,
    store: Store,
    built: BuiltQuery,
    paths: Vec<String>,
    shown: std::vec::IntoIter<Shown>,
    ready: VecDeque<Hit>,
}

impl<'a> HitStream<'a> {
    /// Ranks the `top` candidates (BM25 score, address) of `built` as [`super::search`] does.
    pub(super) fn new(
        open: &'a OpenIndex,
        searcher: Searcher,
        built: BuiltQuery,
        request: &SearchRequest,
        top: Vec<(f32, DocAddress)>,
        total_hits: usize,
        facets: Vec<FacetCounts>,
    ) -> Result<Self, SearchError> {
        let (mut candidates, paths, reprints, held) = score(open, &searcher, &built, &top)?;
        drop(top);
        let key = |c: &Candidate| (c.synonym_only, c.score, c.path, c.line, c.report, c.passage);
        candidates.sort_unstable_by(|a, b| rank_order(key(a), key(b)));
        let folded = fold_reprints(open, &searcher, candidates, reprints, held)?;
        let mut shown = limit_per_report(folded, request.per_report);
        sort_by_key(
            &mut shown,
            request.sort,
            request.reverse,
            |hit| (hit.candidate.year, hit.candidate.published),
            |a, b| (a.candidate.path, a.candidate.line).cmp(&(b.candidate.path, b.candidate.line)),
        );
        shown.truncate(request.limit);
        Ok(HitStream {
            total_hits,
            facets,
            open,
            store: Store::new(&searcher),
            built,
            paths,
            shown: shown.into_iter(),
            ready: VecDeque::new(),
        })
    }

    /// Reads the next batch of hits to show, in the store's order, into `ready` in the
    /// order shown.
    fn read_batch(&mut self) -> Result<(), SearchError> {
        let batch: Vec<Shown> = self.shown.by_ref().take(BATCH).collect();
        let mut order: Vec<usize> = (0..batch.len()).collect();
        order.sort_unstable_by_key(|&at| batch[at].candidate.address);
        let mut read: Vec<Option<Hit>> = (0..batch.len()).map(|_| None).collect();
        for at in order {
            let shown = &batch[at];
            let stored = self.store.get(shown.candidate.address)?;
            let passage = StoredPassage::of(stored, &self.open.schema.fields)?;
            read[at] = Some(Hit {
                score: shown.candidate.score,
                snippet: snippet_for(&passage.text, &self.built),
                passage,
                also: shown
                    .also
                    .iter()
                    .map(|&(path, line)| Location {
                        path: self.paths[path as usize].clone(),
                        line,
                    })
                    .collect(),
            });
        }
        self.ready.extend(read.into_iter().flatten());
        Ok(())
    }
}

impl Iterator for HitStream<'_> {
    type Item = Result<Hit, SearchError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            if let Err(err) = self.read_batch() {
                // Nothing more after an error.
                self.shown = Vec::new().into_iter();
                return Some(Err(err));
            }
        }
        self.ready.pop_front().map(Ok)
    }
}

/// The stored passages of a searcher, read through a larger (but bounded) cache of
/// decompressed blocks than the searcher's own, for reads that jump around the store.
struct Store {
    searcher: Searcher,
    readers: Vec<Option<StoreReader>>,
}

impl Store {
    fn new(searcher: &Searcher) -> Self {
        Store {
            searcher: searcher.clone(),
            readers: (0..searcher.segment_readers().len())
                .map(|_| None)
                .collect(),
        }
    }

    fn get(&mut self, address: DocAddress) -> Result<Stored, SearchError> {
        let segment = address.segment_ord as usize;
        let blocks = (STORE_CACHE_BLOCKS / self.readers.len().max(1)).max(8);
        let reader = match self.readers.get_mut(segment) {
            Some(Some(reader)) => reader,
            Some(slot) => {
                let opened = self.searcher.segment_reader(address.segment_ord);
                slot.insert(
                    opened
                        .get_store_reader(blocks)
                        .map_err(tantivy::TantivyError::from)?,
                )
            }
            // Addresses come from this searcher's own collectors.
            None => return Ok(self.searcher.doc(address)?),
        };
        Ok(reader.get(address.doc_id)?)
    }

    fn text(&mut self, address: DocAddress, field: Field) -> Result<String, SearchError> {
        self.get(address)?
            .text(field)
            .ok_or_else(|| lacks("text").into())
    }
}

/// The bigrams of candidates held from their first reading, by [`Candidate::slot`]: `None`
/// beyond [`FOLD_BYTES`].
type Held = Vec<Option<Shingles>>;

/// The first reading: each candidate scored (proximity, heading lines), its synonyms and place
/// noted and its bigrams counted for the folding (and kept, up to [`FOLD_BYTES`]); the
/// candidates' paths, sorted.
fn score(
    open: &OpenIndex,
    searcher: &Searcher,
    built: &BuiltQuery,
    top: &[(f32, DocAddress)],
) -> Result<(Vec<Candidate>, Vec<String>, Reprints, Held), SearchError> {
    let mut order: Vec<usize> = (0..top.len()).collect();
    order.sort_unstable_by_key(|&at| top[at].1);
    let mut reprints = Reprints::default();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut candidates = Vec::with_capacity(top.len());
    let mut held: Held = Vec::with_capacity(top.len());
    let mut budget = FOLD_BYTES / std::mem::size_of::<u64>();
    for at in order {
        let (score, address) = top[at];
        let hit = read_hit(searcher, address, score, open, built)?;
        let set = shingles(&hit.passage.text);
        reprints.count(&set);
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let path = *ids.entry(hit.passage.path.clone()).or_insert(next);
        let bigrams = u32::try_from(set.len()).unwrap_or(u32::MAX);
        let slot = u32::try_from(held.len()).unwrap_or(u32::MAX);
        if set.len() <= budget {
            budget -= set.len();
            held.push(Some(set));
        } else {
            held.push(None);
        }
        candidates.push(Candidate {
            address,
            score: hit.score,
            synonym_only: !typed_forms_in(&hit, &built.typed),
            path,
            line: hit.passage.line,
            report: hit.passage.report,
            passage: hit.passage.passage,
            year: hit.passage.year,
            published: hit.passage.published,
            bigrams,
            slot,
        });
    }
    // Ids in the order of the path strings, so that comparing ids compares paths.
    let mut paths: Vec<(String, u32)> = ids.into_iter().collect();
    paths.sort_unstable();
    let mut rank = vec![0u32; paths.len()];
    for (new, (_, old)) in paths.iter().enumerate() {
        rank[*old as usize] = u32::try_from(new).unwrap_or(u32::MAX);
    }
    for candidate in &mut candidates {
        candidate.path = rank[candidate.path as usize];
    }
    Ok((
        candidates,
        paths.into_iter().map(|(path, _)| path).collect(),
        reprints,
        held,
    ))
}

/// Folds each candidate (in rank order) that is near-identical to a better one into it, as
/// another place, and drops one at the same path:line as a better one (another piece of one
/// long paragraph): like grep, a line is shown once. The prefixes of the candidates' bigrams
/// come first (from the `held` bigrams, or read again in the store's order); the rare
/// candidates whose prefix meets a kept one's are compared in full.
fn fold_reprints(
    open: &OpenIndex,
    searcher: &Searcher,
    candidates: Vec<Candidate>,
    mut reprints: Reprints,
    held: Held,
) -> Result<Vec<Shown>, SearchError> {
    let text_field = open.schema.fields.text;
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_unstable_by_key(|&at| candidates[at].address);
    let mut prefixes: Vec<Box<[u64]>> = vec![Box::default(); candidates.len()];
    let mut digests: Vec<u64> = vec![0; candidates.len()];
    for at in order {
        let prefix_of = |set: &Shingles| (reprints.prefix(set).into_boxed_slice(), set.digest());
        (prefixes[at], digests[at]) = match &held[candidates[at].slot as usize] {
            Some(set) => prefix_of(set),
            None => prefix_of(&shingles(&read_text(
                searcher,
                candidates[at].address,
                text_field,
            )?)),
        };
    }
    let mut lines: HashSet<(u32, u64)> = HashSet::new();
    let mut kept: Vec<Shown> = Vec::new();
    // The candidate of each kept passage, by position.
    let mut kept_at: Vec<usize> = Vec::new();
    // The bigrams of candidates beyond the budget, recently compared.
    let mut cache: FxHashMap<usize, Shingles> = FxHashMap::default();
    let mut store = Store::new(searcher);
    let mut bigrams_of = |at: usize| -> Result<Shingles, SearchError> {
        if let Some(Some(set)) = held.get(candidates[at].slot as usize) {
            return Ok(set.clone());
        }
        if let Some(set) = cache.get(&at) {
            return Ok(set.clone());
        }
        let set = shingles(&store.text(candidates[at].address, text_field)?);
        if cache.len() >= KEPT_CACHE {
            cache.clear();
        }
        cache.insert(at, set.clone());
        Ok(set)
    };
    for (at, candidate) in candidates.iter().enumerate() {
        let prefix = std::mem::take(&mut prefixes[at]);
        if lines.contains(&(candidate.path, candidate.line)) {
            continue;
        }
        let mut failed = None;
        let mut own: Option<Shingles> = None;
        let found = reprints.find_or_keep(&prefix, candidate.bigrams as usize, |position| {
            let other = kept_at[position];
            // A reprint word for word (sizes are compared before): no need to read either.
            if digests[other] == digests[at] {
                return true;
            }
            let compared = (|| -> Result<bool, SearchError> {
                if own.is_none() {
                    own = Some(bigrams_of(at)?);
                }
                let other = bigrams_of(other)?;
                Ok(own.as_ref().is_some_and(|own| near_identical(own, &other)))
            })();
            compared.unwrap_or_else(|err| {
                failed = Some(err);
                false
            })
        });
        if let Some(err) = failed {
            return Err(err);
        }
        match found {
            Some(first) => kept[first].also.push((candidate.path, candidate.line)),
            None => {
                lines.insert((candidate.path, candidate.line));
                kept_at.push(at);
                kept.push(Shown {
                    candidate: *candidate,
                    also: Vec::new(),
                });
            }
        }
    }
    Ok(kept)
}

/// Keeps at most `per_report` hits of each report (0 keeps all), in order.
fn limit_per_report(hits: Vec<Shown>, per_report: usize) -> Vec<Shown> {
    super::rank::limit_per_report(hits, per_report, |hit| {
        (hit.candidate.path.to_string(), hit.candidate.report)
    })
}
