//! The traditional → simplified table of folding: `index_schema/t2s.txt`, one pair a line
//! (衛卫), embedded in the binary and part of the schema fingerprint, turned on first use into
//! a table indexed by code point (microseconds, where deriving it from OpenCC took ~4 ms of
//! every search). The file is OpenCC's `Hk2s` conversion of every Han character that becomes
//! one other character; a test checks it against ferrous-opencc (a dev-dependency) and
//! `BAOGAO_WRITE_T2S=1 cargo test --lib t2s` writes it again.

use std::sync::OnceLock;

use crate::embedded;

/// The Han blocks the table covers: CJK Unified Ideographs with Extension A, and the
/// compatibility ideographs.
pub const HAN_RANGES: [(u32, u32); 2] = [(0x3400, 0x9FFF), (0xF900, 0xFAFF)];

/// For each range of [`HAN_RANGES`], the folded form of each of its code points.
pub fn fold_table() -> &'static [Vec<char>; 2] {
    static TABLE: OnceLock<[Vec<char>; 2]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HAN_RANGES.map(|(first, last)| {
            (first..=last)
                .map(|code| char::from_u32(code).unwrap_or('\u{FFFD}'))
                .collect::<Vec<char>>()
        });
        for (from, to) in pairs(embedded::T2S.text) {
            let code = from as u32;
            for ((first, last), folded) in HAN_RANGES.iter().zip(table.iter_mut()) {
                if (*first..=*last).contains(&code) {
                    folded[(code - first) as usize] = to;
                }
            }
        }
        table
    })
}

/// The pairs of a table file: lines of exactly two characters; `#` lines are comments.
fn pairs(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut chars = line.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(from), Some(to), None) => Some((from, to)),
                _ => None,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What OpenCC's `Hk2s` makes of each Han character, where it makes one other character.
    fn opencc_pairs() -> Vec<(char, char)> {
        let converter =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::Hk2s)
                .expect("OpenCC's built-in Hk2s configuration loads");
        let mut pairs = Vec::new();
        for (first, last) in HAN_RANGES {
            let chars: Vec<char> = (first..=last).filter_map(char::from_u32).collect();
            // One character per line, so that OpenCC converts characters and never phrases.
            let lines: String = chars.iter().flat_map(|c| [*c, '\n']).collect();
            let converted = converter.convert(&lines);
            let converted: Vec<&str> = converted.lines().collect();
            assert_eq!(converted.len(), chars.len(), "one line out per line in");
            for (original, line) in chars.iter().zip(converted) {
                let mut it = line.chars();
                if let (Some(single), None) = (it.next(), it.next()) {
                    if single != *original {
                        pairs.push((*original, single));
                    }
                }
            }
        }
        pairs
    }

    fn file_of(pairs: &[(char, char)]) -> String {
        let mut file = String::from(
            "# Traditional (and Hong Kong variant) → simplified, one character for one: what\n\
             # folding does at index and query time. OpenCC's Hk2s dictionaries (Apache-2.0),\n\
             # through ferrous-opencc; written by `BAOGAO_WRITE_T2S=1 cargo test --lib t2s`.\n",
        );
        for (from, to) in pairs {
            file.push(*from);
            file.push(*to);
            file.push('\n');
        }
        file
    }

    #[test]
    fn the_table_file_is_opencc_hk2s_character_for_character() {
        let expected = file_of(&opencc_pairs());
        if std::env::var_os("BAOGAO_WRITE_T2S").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/index_schema/t2s.txt");
            std::fs::write(path, &expected).expect("write index_schema/t2s.txt");
            return;
        }
        assert!(
            embedded::T2S.text == expected,
            "index_schema/t2s.txt is not OpenCC's Hk2s table: run `BAOGAO_WRITE_T2S=1 cargo test --lib t2s`"
        );
    }

    #[test]
    fn every_line_of_the_file_is_a_pair() {
        let text = embedded::T2S.text;
        let lines = text.lines().filter(|line| !line.starts_with('#')).count();
        assert_eq!(pairs(text).count(), lines);
        assert!(lines > 3000, "{lines} pairs");
    }
}
