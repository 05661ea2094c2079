//! Character grams, the recall of grep: every letter, digit or Han character of the folded
//! text is a unit, at its character index; a bigram joins a unit to the next one (punctuation
//! and spaces break them), and a unit with no unit after it ends its run with [`RUN_END`]. So
//! each unit of the text starts exactly one gram: a word of n ≥ 2 characters is found as the
//! phrase of its n − 1 bigrams wherever it stands, however jieba cut the text around it
//! (卫生院长 → 卫生 / 院长 still holds 卫生院), and a word of one character as the prefix of a
//! gram (癌 → 癌症, 癌$ …), with no field of single characters to pay for.

use tantivy::tokenizer::{Token, Tokenizer};

use super::jieba::BufferedStream;
use crate::text::fold_char;

/// The second character of the gram of a unit that ends its run (never a unit itself).
pub const RUN_END: char = '$';

/// The bigrams of a text, folded (simplified, half-width, lower-case).
#[derive(Clone, Default)]
pub struct Grams {
    /// Reused between texts, strings included: no allocation per token.
    tokens: Vec<Token>,
    len: usize,
}

/// A character that takes part in grams: a letter, a digit or a Han character.
pub fn is_unit(c: char) -> bool {
    // The common cases first: the CJK Unified Ideographs block is all letters, and the
    // punctuation of Chinese text (，。、“”（）：；…) none; `is_alphanumeric` takes its slow
    // path on both.
    match c as u32 {
        0x4E00..=0x9FFF => true,
        NOT_ALPHANUMERIC_START..=NOT_ALPHANUMERIC_END => false,
        0x3000..=0x3004 | 0x3008..=0x3020 | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 => false,
        _ => c.is_alphanumeric(),
    }
}

/// General Punctuation (—, “”, …), where no character is a letter or a digit.
const NOT_ALPHANUMERIC_START: u32 = 0x2000;
const NOT_ALPHANUMERIC_END: u32 = 0x206F;

/// The folded form of a unit, as grams hold it.
pub fn fold_unit(c: char) -> char {
    fold_char(c).to_ascii_lowercase()
}

impl Grams {
    /// Appends the gram `first second` spanning `from..to`, at `position`.
    fn push(&mut self, first: char, second: char, from: usize, to: usize, position: usize) {
        if self.len == self.tokens.len() {
            self.tokens.push(Token::default());
        }
        let token = &mut self.tokens[self.len];
        token.text.clear();
        token.text.push(first);
        token.text.push(second);
        token.offset_from = from;
        token.offset_to = to;
        token.position = position;
        token.position_length = 1;
        self.len += 1;
    }
}

impl Tokenizer for Grams {
    type TokenStream<'a> = BufferedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedStream<'a> {
        self.len = 0;
        // The unit waiting for its successor: (byte offset, byte end, folded, character index).
        let mut previous: Option<(usize, usize, char, usize)> = None;
        for (position, (at, c)) in text.char_indices().enumerate() {
            let unit = is_unit(c).then(|| fold_unit(c));
            if let Some((start, end, first, first_position)) = previous.take() {
                match unit {
                    Some(second) => {
                        self.push(first, second, start, at + c.len_utf8(), first_position)
                    }
                    None => self.push(first, RUN_END, start, end, first_position),
                }
            }
            if let Some(unit) = unit {
                previous = Some((at, at + c.len_utf8(), unit, position));
            }
        }
        if let Some((start, end, first, first_position)) = previous {
            self.push(first, RUN_END, start, end, first_position);
        }
        BufferedStream::new(&mut self.tokens[..self.len])
    }
}

/// The runs of units of a (query) text, folded: `卫生院` → ["卫生院"], `5G基站, 120` → ["5g基站",
/// "120"].
pub fn unit_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !is_unit(c))
        .filter(|run| !run.is_empty())
        .map(|run| run.chars().map(fold_unit).collect())
        .collect()
}

/// The bigrams of a folded run, in order.
pub fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    #[test]
    fn the_fast_paths_of_is_unit_agree_with_is_alphanumeric() {
        let blocks = [
            0x2000..=0x206F,
            0x3000..=0x303F,
            0x4E00..=0x9FFF,
            0xFF00..=0xFF5F,
        ];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(is_unit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn grams(text: &str) -> Vec<(String, usize, &str)> {
        let mut tokenizer = Grams::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                token.position,
                &text[token.offset_from..token.offset_to],
            ));
        }
        out
    }

    #[test]
    fn every_unit_starts_one_gram_at_its_character_index() {
        let got = grams("衛生院，5G站 癌");
        let want = [
            ("卫生", 0, "衛生"),
            ("生院", 1, "生院"),
            ("院$", 2, "院"),
            ("5g", 4, "5G"),
            ("g站", 5, "G站"),
            ("站$", 6, "站"),
            ("癌$", 8, "癌"),
        ];
        let want: Vec<(String, usize, &str)> = want
            .iter()
            .map(|(t, p, o)| (t.to_string(), *p, *o))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_reused_tokenizer_forgets_the_previous_text() {
        let mut tokenizer = Grams::default();
        let mut count = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut n = 0;
            while stream.next().is_some() {
                n += 1;
            }
            n
        };
        assert_eq!(count("卫生院长说"), 5);
        assert_eq!(count("癌"), 1);
        assert_eq!(count("，"), 0);
    }

    #[test]
    fn units_are_letters_digits_and_han() {
        assert!(is_unit('卫') && is_unit('衛') && is_unit('a') && is_unit('5') && is_unit('㐀'));
        assert!(!is_unit('，') && !is_unit(' ') && !is_unit(RUN_END));
    }

    #[test]
    fn query_runs_and_their_bigrams() {
        assert_eq!(unit_runs("5G基站, 120"), ["5g基站", "120"]);
        assert_eq!(bigrams("卫生院"), ["卫生", "生院"]);
        assert!(bigrams("癌").is_empty());
    }
}
