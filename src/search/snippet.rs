//! Snippets: the piece of a passage around its matches, with every occurrence of what the
//! query looked for highlighted, found on the folded text (so 卫生院 highlights 衛生院) the
//! way grep would, whether jieba or the grams matched.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::tokenize::{fold_unit, is_unit};

/// Characters of a snippet.
pub const SNIPPET_CHARS: usize = 80;

/// A piece of a passage around the matches, with the matched byte ranges in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
    /// Whether the passage goes on before and after the piece.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// The character ranges of `text` where one of `needles` (folded units, see
/// [`crate::tokenize::unit_runs`]) stands, found on the folded text; longer needles first.
pub fn find_matches(text: &str, needles: &[String]) -> Vec<Range<usize>> {
    let folded: Vec<char> = text
        .chars()
        .map(|c| if is_unit(c) { fold_unit(c) } else { c })
        .collect();
    // The needles by their first character, so that one pass over the text tries at each
    // place only the needles that start there (an OR of 300 words: 300 passes before).
    let mut by_first: FxHashMap<char, Vec<Vec<char>>> = FxHashMap::default();
    for needle in needles {
        let needle: Vec<char> = needle.chars().collect();
        if let Some(&first) = needle.first() {
            by_first.entry(first).or_default().push(needle);
        }
    }
    let mut matches: Vec<Range<usize>> = Vec::new();
    for (start, c) in folded.iter().enumerate() {
        let Some(candidates) = by_first.get(c) else {
            continue;
        };
        for needle in candidates {
            if folded[start..].starts_with(needle) {
                matches.push(start..start + needle.len());
            }
        }
    }
    matches.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in matches {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The snippet of `text` for `needles`: the window of [`SNIPPET_CHARS`] characters holding the
/// most matches (the passage's start when nothing matches in it, e.g. a title match).
pub fn snippet(text: &str, needles: &[String]) -> Snippet {
    snippet_of(text, find_matches(text, needles))
}

/// [`snippet`] of the matches `keep` accepts (with `-w`, those standing as whole words).
pub fn snippet_where(
    text: &str,
    needles: &[String],
    keep: impl Fn(&Range<usize>) -> bool,
) -> Snippet {
    let mut matches = find_matches(text, needles);
    matches.retain(|range| keep(range));
    snippet_of(text, matches)
}

fn snippet_of(text: &str, matches: Vec<Range<usize>>) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let length = chars.len();
    let window = SNIPPET_CHARS.min(length);
    let start = best_window(&matches, length, window);
    let end = (start + window).min(length);
    let byte = |index: usize| chars.get(index).map_or(text.len(), |(at, _)| *at);
    let (from, to) = (byte(start), byte(end));
    let highlights = matches
        .iter()
        .filter(|range| range.start < end && range.end > start)
        .map(|range| byte(range.start.max(start)) - from..byte(range.end.min(end)) - from)
        .collect();
    Snippet {
        text: text[from..to].to_string(),
        highlights,
        cut_before: start > 0,
        cut_after: end < length,
    }
}

/// The start of the window holding most matches, a little before the first of them so that
/// the reader sees what leads to it.
fn best_window(matches: &[Range<usize>], length: usize, window: usize) -> usize {
    let Some(first) = matches.first() else {
        return 0;
    };
    let lead = window / 5;
    let mut best = (0, first.start.saturating_sub(lead));
    for candidate in matches {
        let start = candidate.start.saturating_sub(lead);
        let covered = matches
            .iter()
            .filter(|m| m.start >= start && m.end <= start + window)
            .count();
        if covered > best.0 {
            best = (covered, start);
        }
    }
    best.1.min(length.saturating_sub(window))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn matches_are_found_on_folded_text_and_merged() {
        let text = "鄉鎮衛生院和卫生院长";
        assert_eq!(
            find_matches(text, &needles(&["卫生院", "卫生"])),
            vec![2..5, 6..9]
        );
        assert_eq!(find_matches("ＨＰＶ疫苗", &needles(&["hpv"])), vec![0..3]);
    }

    #[test]
    fn the_snippet_centres_on_the_matches_and_says_where_it_is_cut() {
        let text = format!("{}手足口病{}", "甲".repeat(200), "乙".repeat(200));
        let found = snippet(&text, &needles(&["手足口病"]));
        assert_eq!(found.text.chars().count(), SNIPPET_CHARS);
        assert!(found.cut_before && found.cut_after);
        assert_eq!(&found.text[found.highlights[0].clone()], "手足口病");
    }

    #[test]
    fn without_a_match_the_snippet_is_the_start() {
        let found = snippet("短短的一段话。", &needles(&["医改"]));
        assert_eq!(found.text, "短短的一段话。");
        assert!(found.highlights.is_empty() && !found.cut_before && !found.cut_after);
    }
}
