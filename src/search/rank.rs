//! Ranking beyond BM25, over the best candidates: words standing close together count more,
//! at most N passages of one report are shown, and near-identical passages (a 范文 reprinted
//! in two files) are folded into one hit.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::snippet::find_matches;
use crate::text::heading_level;
use crate::tokenize::{fold_unit, is_unit};

/// Extra weight of a passage whose required words stand in one short span: the factor is
/// `1 + PROXIMITY_WEIGHT / (1 + span / PROXIMITY_SCALE)` (span in characters).
const PROXIMITY_WEIGHT: f32 = 0.5;
const PROXIMITY_SCALE: f32 = 10.0;
/// Passages whose bigram sets overlap this much (Jaccard) are the same passage.
const DUPLICATE_SIMILARITY: f64 = 0.85;

/// Weight of a passage that is only a heading or title line: such a line is found, as grep
/// finds it, but ranks below the text under it, which holds the same words in its heading or
/// title field.
const HEADING_LINE_WEIGHT: f32 = 0.3;

/// The score factor of a passage for being a heading or title line (see
/// [`HEADING_LINE_WEIGHT`]), 1 for text.
pub fn heading_line_factor(text: &str, title: &str) -> f32 {
    let folded = crate::text::fold(text);
    let heading_only = heading_level(&folded).is_some() && !crate::text::split_heading(&folded).1;
    if text == title || heading_only {
        HEADING_LINE_WEIGHT
    } else {
        1.0
    }
}

/// The score factor of a passage for how close the query's required groups stand in it:
/// 1 when the query has one group or some group is not in the text.
pub fn proximity_factor(text: &str, groups: &[Vec<String>]) -> f32 {
    if groups.len() < 2 {
        return 1.0;
    }
    let mut occurrences: Vec<(usize, usize, usize)> = Vec::new();
    for (group, needles) in groups.iter().enumerate() {
        let found = find_matches(text, needles);
        if found.is_empty() {
            return 1.0;
        }
        occurrences.extend(
            found
                .into_iter()
                .map(|range| (range.start, range.end, group)),
        );
    }
    occurrences.sort_unstable();
    match smallest_span(&occurrences, groups.len()) {
        Some(span) => 1.0 + PROXIMITY_WEIGHT / (1.0 + span as f32 / PROXIMITY_SCALE),
        None => 1.0,
    }
}

/// The shortest stretch (in characters, gaps between the matches) holding an occurrence of
/// every group; `occurrences` are (start, end, group) sorted by start.
fn smallest_span(occurrences: &[(usize, usize, usize)], groups: usize) -> Option<usize> {
    smallest_window(occurrences, groups, |window| {
        let end = window.iter().map(|o| o.1).max().unwrap_or(0);
        let matched: usize = window.iter().map(|o| o.1 - o.0).sum();
        (end - window[0].0).saturating_sub(matched)
    })
}

/// The smallest `measure` of a window of `occurrences` ((start, end, group), sorted by start)
/// holding an occurrence of each of `groups` groups: a sliding window, linear in windows.
pub(super) fn smallest_window(
    occurrences: &[(usize, usize, usize)],
    groups: usize,
    measure: impl Fn(&[(usize, usize, usize)]) -> usize,
) -> Option<usize> {
    let mut counts = vec![0usize; groups];
    let mut covered = 0;
    let mut best: Option<usize> = None;
    let mut left = 0;
    for right in 0..occurrences.len() {
        let group = occurrences[right].2;
        counts[group] += 1;
        if counts[group] == 1 {
            covered += 1;
        }
        while covered == groups {
            let span = measure(&occurrences[left..=right]);
            best = Some(best.map_or(span, |b| b.min(span)));
            let leaving = occurrences[left].2;
            counts[leaving] -= 1;
            if counts[leaving] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

/// Candidates reranked for a first page of hits, at the least, and for each of its hits.
const FIRST_PAGE: usize = 100;
const CANDIDATES_PER_HIT: usize = 10;
/// Candidates for each hit beyond the first page: an export of a thousand hits reads 2,800
/// passages, not 10,000 (reading the candidates is most of a search's time: on the 100M
/// bench corpus, `-n 1000` took 8× the time of `-n 100`). The rerank moves a passage a few
/// places (proximity ×1.5 at most, heading lines ×0.3), and a page deep in an export needs
/// candidates mainly to replace the hits folded as reprints or cut by `--per-report`.
const CANDIDATES_PER_LATER_HIT: usize = 2;

/// How many of the best passages by BM25 are reranked for `limit` hits: ten per hit up to
/// a hundred hits (at least a hundred), two per hit after that.
pub fn rerank_window(limit: usize) -> usize {
    let first = limit.min(FIRST_PAGE);
    let later = limit - first;
    (first * CANDIDATES_PER_HIT)
        .max(FIRST_PAGE)
        .saturating_add(later.saturating_mul(CANDIDATES_PER_LATER_HIT))
}

/// What ranks a passage: (found by synonyms only, score, path, line, report, passage). The
/// path is its text, or its rank among the paths: anything ordered as the paths are.
pub type RankKey<P> = (bool, f32, P, u64, u64, u64);

/// The order of the hits of a search: typed forms before synonyms only, best score first,
/// ties by place (path, line, report, passage). A total order (path, report and passage name
/// one passage), so an unstable sort gives the one result.
pub fn rank_order<P: Ord>(a: RankKey<P>, b: RankKey<P>) -> std::cmp::Ordering {
    let (a_synonym, a_score, a_path, a_line, a_report, a_passage) = a;
    let (b_synonym, b_score, b_path, b_line, b_report, b_passage) = b;
    a_synonym
        .cmp(&b_synonym)
        .then_with(|| b_score.total_cmp(&a_score))
        .then_with(|| {
            (a_path, a_line, a_report, a_passage).cmp(&(b_path, b_line, b_report, b_passage))
        })
}

/// Keeps at most `per_report` items of each report (0 keeps all), in order.
pub fn limit_per_report<T>(
    items: Vec<T>,
    per_report: usize,
    report_of: impl Fn(&T) -> (String, u64),
) -> Vec<T> {
    if per_report == 0 {
        return items;
    }
    let mut seen: HashMap<(String, u64), usize> = HashMap::new();
    items
        .into_iter()
        .filter(|item| {
            let count = seen.entry(report_of(item)).or_insert(0);
            *count += 1;
            *count <= per_report
        })
        .collect()
}

/// The folded bigrams of a passage, what near-duplicates are compared by: each pair of
/// characters packed in a `u64`, sorted, without repeats.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shingles(Vec<u64>);

impl Shingles {
    /// How many different bigrams the passage has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the passage has no bigram (no two units side by side).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A 64-bit digest of the set: passages with equal digests (and sizes) are, but for a
    /// chance of 2^-64, the same set, near-identical without being compared.
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        self.0.hash(&mut hasher);
        hasher.finish()
    }

    /// How many bigrams the two have in common (a merge of the two sorted lists).
    fn shared(&self, other: &Shingles) -> usize {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut shared = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    a.next();
                    b.next();
                }
            }
        }
        shared
    }
}

/// The folded bigrams of a passage.
pub fn shingles(text: &str) -> Shingles {
    let mut pairs: Vec<u64> = Vec::with_capacity(text.len() / 3);
    let mut previous: Option<u64> = None;
    for unit in text.chars().filter(|c| is_unit(*c)).map(fold_unit) {
        let unit = u64::from(unit);
        if let Some(first) = previous {
            pairs.push(first << 32 | unit);
        }
        previous = Some(unit);
    }
    pairs.sort_unstable();
    pairs.dedup();
    Shingles(pairs)
}

/// Whether two passages are the same text, up to small edits.
pub fn near_identical(a: &Shingles, b: &Shingles) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.is_empty() && b.is_empty();
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if (small.len() as f64) < DUPLICATE_SIMILARITY * large.len() as f64 {
        return false;
    }
    let shared = small.shared(large);
    let union = a.len() + b.len() - shared;
    shared as f64 / union as f64 >= DUPLICATE_SIMILARITY
}

/// The kept passages of a folding, indexed for finding a near-identical one without comparing
/// with each (prefix filtering): with the bigrams of every passage in one order (rarest first),
/// two passages of Jaccard similarity ≥ [`DUPLICATE_SIMILARITY`] share a bigram among the first
/// `len - floor(similarity · len) + 1` of each, so only kept passages sharing one of those are
/// compared. Exact: it finds what comparing with every kept passage would find. It holds the
/// prefixes and sizes of the kept passages, not their bigrams: the caller compares (and may
/// read a kept passage again), so a folding of many hits does not hold their texts.
#[derive(Default)]
pub struct Reprints {
    /// How many passages hold each bigram: the order (rarest first) of the prefixes.
    frequency: FxHashMap<u64, u32>,
    /// Bigram of a kept prefix → positions of the kept passages holding it.
    postings: FxHashMap<u64, Vec<u32>>,
    /// The first kept passage without bigrams (all such passages are the same).
    first_empty: Option<usize>,
    /// The number of bigrams of each kept passage, by position.
    sizes: Vec<u32>,
}

impl Reprints {
    /// Counts the bigrams of one passage to be folded; every passage is counted before the
    /// first [`Reprints::find_or_keep`], which orders bigrams by these counts.
    pub fn count(&mut self, set: &Shingles) {
        for pair in &set.0 {
            *self.frequency.entry(*pair).or_insert(0) += 1;
        }
    }

    /// The bigrams of `set` that any near-identical passage shares at least one of: its
    /// rarest, in the order of the counts (ties by value).
    pub fn prefix(&self, set: &Shingles) -> Vec<u64> {
        let mut ordered: Vec<(u32, u64)> = set
            .0
            .iter()
            .map(|pair| (self.frequency.get(pair).copied().unwrap_or(0), *pair))
            .collect();
        // One more than the bound needs, so that rounding can never lose a match.
        let length = (set.len() - (DUPLICATE_SIMILARITY * set.len() as f64).floor() as usize + 1)
            .min(set.len());
        if length < ordered.len() {
            ordered.select_nth_unstable(length);
            ordered.truncate(length);
        }
        ordered.into_iter().map(|(_, pair)| pair).collect()
    }

    /// The position (0, 1, … in the order kept) of the first kept passage near-identical to
    /// a passage known by its [`Reprints::prefix`] and its number of bigrams `size`, asking
    /// `same(position)` of each kept passage that may be; when there is none, the passage is
    /// kept, at the next position.
    pub fn find_or_keep(
        &mut self,
        prefix: &[u64],
        size: usize,
        mut same: impl FnMut(usize) -> bool,
    ) -> Option<usize> {
        let position = self.sizes.len();
        if size == 0 {
            if self.first_empty.is_none() {
                self.first_empty = Some(position);
                self.sizes.push(0);
                return None;
            }
            return self.first_empty;
        }
        let mut candidates: Vec<u32> = prefix
            .iter()
            .filter_map(|pair| self.postings.get(pair))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let size = size as f64;
        let found = candidates
            .into_iter()
            .map(|kept| kept as usize)
            // Sets this different in size are never near-identical: not worth comparing.
            .filter(|&kept| {
                let other = f64::from(self.sizes[kept]);
                size.min(other) >= DUPLICATE_SIMILARITY * size.max(other)
            })
            .find(|&kept| same(kept));
        if found.is_none() {
            self.sizes.push(size as u32);
            let at = u32::try_from(position).unwrap_or(u32::MAX);
            for &pair in prefix {
                self.postings.entry(pair).or_default().push(at);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rerank_window_is_ten_per_hit_for_a_page_then_two() {
        assert_eq!(rerank_window(0), 100);
        assert_eq!(rerank_window(3), 100);
        assert_eq!(rerank_window(10), 100);
        assert_eq!(rerank_window(100), 1000);
        assert_eq!(rerank_window(1000), 2800);
        assert_eq!(rerank_window(usize::MAX), usize::MAX);
    }

    fn groups(words: &[&str]) -> Vec<Vec<String>> {
        words.iter().map(|w| vec![w.to_string()]).collect()
    }

    #[test]
    fn words_close_together_score_higher_than_scattered() {
        let close = format!("推进医共体建设。{}", "其他工作".repeat(30));
        let far = format!("推进医共体。{}加强建设。", "其他工作".repeat(30));
        let query = groups(&["医共体", "建设"]);
        assert!(proximity_factor(&close, &query) > proximity_factor(&far, &query));
        assert!(proximity_factor(&far, &query) > 1.0);
        assert_eq!(proximity_factor(&close, &groups(&["医共体"])), 1.0);
        assert_eq!(proximity_factor("只有医共体", &query), 1.0);
    }

    #[test]
    fn at_most_n_per_report() {
        let items = vec![("a", 1), ("a", 1), ("b", 1), ("a", 1), ("a", 2)];
        let kept = limit_per_report(items, 2, |(path, report)| (path.to_string(), *report));
        assert_eq!(kept, vec![("a", 1), ("a", 1), ("b", 1), ("a", 2)]);
    }

    #[test]
    fn reprints_are_near_identical_and_other_passages_are_not() {
        let original = shingles("全面落实家庭医生签约服务政策，上半年签约服务群众XX万人。");
        let reprint = shingles("全面落实家庭医生签约服务政策,上半年签约服务群众xx万人");
        let other = shingles("全面落实家庭医生签约服务政策，下半年继续扩大覆盖面，提高服务质量。");
        assert!(near_identical(&original, &reprint));
        assert!(!near_identical(&original, &other));
    }
}
