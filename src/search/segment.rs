//! Cutting a query into words without jieba: the index's own vocabulary (every word jieba found
//! in the passages, search mode) says which pieces are words, and the query is cut into the
//! fewest such pieces. A search then never loads jieba's dictionary (~80 ms per process), and
//! the words asked for are words the index holds.

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::text::chars::is_han;
use crate::tokenize::{fold_unit, is_unit};

/// Longest word looked up, in characters.
const MAX_WORD_CHARS: usize = 8;

/// Whether `word` is a term of `field` in any segment of the index.
pub fn vocabulary(searcher: &Searcher, field: Field) -> impl Fn(&str) -> bool + '_ {
    move |word: &str| {
        searcher.segment_readers().iter().any(|segment| {
            segment
                .inverted_index(field)
                .ok()
                .and_then(|index| index.terms().get(word.as_bytes()).ok().flatten())
                .is_some()
        })
    }
}

/// The units of `text` (letters, digits, Han characters) folded, each with its character
/// position: what words are cut from and looked up by.
pub fn folded_units(text: &str) -> Vec<(usize, char)> {
    text.chars()
        .enumerate()
        .filter(|(_, c)| is_unit(*c))
        .map(|(at, c)| (at, fold_unit(c)))
        .collect()
}

/// The words of `text` with their character positions: runs of Latin letters and digits are
/// one word each (lower-cased), runs of Han characters are cut into the fewest pieces that
/// `is_word` knows (a piece of one character always does), longer pieces first on ties.
/// Other characters separate words.
pub fn segment(text: &str, is_word: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    let units = folded_units(text);
    let mut words = Vec::new();
    let mut start = 0;
    while start < units.len() {
        // A run: consecutive positions of one script (Han, or not).
        let han = is_han(units[start].1);
        let mut end = start + 1;
        while end < units.len()
            && units[end].0 == units[end - 1].0 + 1
            && is_han(units[end].1) == han
        {
            end += 1;
        }
        let run = &units[start..end];
        if han {
            words.extend(cut_han(run, is_word));
        } else {
            words.push((run[0].0, run.iter().map(|(_, c)| c).collect()));
        }
        start = end;
    }
    words
}

/// The fewest known pieces covering a run of Han characters.
fn cut_han(run: &[(usize, char)], is_word: &dyn Fn(&str) -> bool) -> Vec<(usize, String)> {
    let n = run.len();
    let piece = |from: usize, to: usize| run[from..to].iter().map(|(_, c)| c).collect::<String>();
    // best[i]: (pieces, where the last piece starts) for the first i characters.
    let mut best: Vec<(usize, usize)> = vec![(usize::MAX, 0); n + 1];
    best[0] = (0, 0);
    for end in 1..=n {
        for start in end.saturating_sub(MAX_WORD_CHARS)..end {
            if best[start].0 == usize::MAX || (end - start > 1 && !is_word(&piece(start, end))) {
                continue;
            }
            // Strictly fewer pieces wins; scanning the longest piece first keeps it on ties.
            if best[start].0 + 1 < best[end].0 {
                best[end] = (best[start].0 + 1, start);
            }
        }
    }
    let mut cuts = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = best[end].1;
        cuts.push((run[start].0, piece(start, end)));
        end = start;
    }
    cuts.reverse();
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |word: &str| words.contains(&word)
    }

    #[test]
    fn han_runs_are_cut_into_the_fewest_known_words() {
        let vocabulary = known(&[
            "医药",
            "卫生",
            "医药卫生",
            "体制",
            "改革",
            "体制改革",
            "医共体",
            "建设",
        ]);
        assert_eq!(
            segment("医药卫生体制改革", &vocabulary),
            [(0, "医药卫生".to_string()), (4, "体制改革".to_string())]
        );
        assert_eq!(
            segment("医共体建设", &vocabulary),
            [(0, "医共体".to_string()), (3, "建设".to_string())]
        );
    }

    #[test]
    fn unknown_characters_stand_alone_and_latin_runs_are_words() {
        let vocabulary = known(&["基站"]);
        assert_eq!(
            segment("5G基站，衛X", &vocabulary),
            [
                (0, "5g".to_string()),
                (2, "基站".to_string()),
                (5, "卫".to_string()),
                (6, "x".to_string())
            ]
        );
    }

    #[test]
    fn traditional_queries_are_cut_as_simplified() {
        let vocabulary = known(&["卫生院"]);
        assert_eq!(segment("衛生院", &vocabulary), [(0, "卫生院".to_string())]);
    }
}
