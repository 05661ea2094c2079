//! Ranking beyond BM25, over the best candidates: words standing close together count more,
//! at most N passages of one report are shown, and near-identical passages (a 范文 reprinted
//! in two files) are folded into one hit.

use std::collections::{HashMap, HashSet};

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
            let end = occurrences[left..=right]
                .iter()
                .map(|o| o.1)
                .max()
                .unwrap_or(0);
            let matched: usize = occurrences[left..=right].iter().map(|o| o.1 - o.0).sum();
            let span = (end - occurrences[left].0).saturating_sub(matched);
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

/// The folded bigrams of a passage, what near-duplicates are compared by.
pub fn shingles(text: &str) -> HashSet<(char, char)> {
    let units: Vec<char> = text
        .chars()
        .filter(|c| is_unit(*c))
        .map(fold_unit)
        .collect();
    units.windows(2).map(|pair| (pair[0], pair[1])).collect()
}

/// Whether two passages are the same text, up to small edits.
pub fn near_identical(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.is_empty() && b.is_empty();
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if (small.len() as f64) < DUPLICATE_SIMILARITY * large.len() as f64 {
        return false;
    }
    let shared = small.iter().filter(|pair| large.contains(pair)).count();
    let union = a.len() + b.len() - shared;
    shared as f64 / union as f64 >= DUPLICATE_SIMILARITY
}

#[cfg(test)]
mod tests {
    use super::*;

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
