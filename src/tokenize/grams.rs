//! Character grams, the recall of grep: every letter, digit or Han character of the folded
//! text is a unit, at its character index; bigrams join neighbouring units (punctuation and
//! spaces break them). A word of n ≥ 2 characters is then found as the phrase of its n − 1
//! bigrams wherever it stands, however jieba cut the text around it (卫生院长 → 卫生 / 院长
//! still holds 卫生院); a word of one character is found by its unigram.

use tantivy::tokenizer::{Token, Tokenizer};

use super::jieba::BufferedStream;
use crate::text::fold_char;

/// Which grams a [`Grams`] tokenizer yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GramSize {
    Unigram,
    Bigram,
}

/// The grams of a text, folded (simplified, half-width, lower-case).
#[derive(Clone)]
pub struct Grams {
    size: GramSize,
    tokens: Vec<Token>,
}

impl Grams {
    /// A tokenizer yielding grams of `size`.
    pub fn new(size: GramSize) -> Self {
        Grams {
            size,
            tokens: Vec::new(),
        }
    }
}

/// A character that takes part in grams: a letter, a digit or a Han character.
pub fn is_unit(c: char) -> bool {
    c.is_alphanumeric()
}

/// The folded form of a unit, as grams hold it.
pub fn fold_unit(c: char) -> char {
    fold_char(c).to_ascii_lowercase()
}

impl Tokenizer for Grams {
    type TokenStream<'a> = BufferedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedStream<'a> {
        self.tokens.clear();
        let mut previous: Option<(usize, char)> = None;
        for (position, (at, c)) in text.char_indices().enumerate() {
            if !is_unit(c) {
                previous = None;
                continue;
            }
            let unit = fold_unit(c);
            let end = at + c.len_utf8();
            match self.size {
                GramSize::Unigram => self.tokens.push(Token {
                    offset_from: at,
                    offset_to: end,
                    position,
                    text: unit.to_string(),
                    position_length: 1,
                }),
                GramSize::Bigram => {
                    if let Some((start, first)) = previous {
                        let mut text = String::with_capacity(8);
                        text.push(first);
                        text.push(unit);
                        self.tokens.push(Token {
                            offset_from: start,
                            offset_to: end,
                            position: position - 1,
                            text,
                            position_length: 1,
                        });
                    }
                }
            }
            previous = Some((at, unit));
        }
        BufferedStream::new(&mut self.tokens)
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

    fn grams(size: GramSize, text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = Grams::new(size);
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn bigrams_join_neighbouring_units_at_their_character_index() {
        let got = grams(GramSize::Bigram, "衛生院，5G站");
        let want: Vec<(String, usize)> = [("卫生", 0), ("生院", 1), ("5g", 4), ("g站", 5)]
            .iter()
            .map(|(t, p)| (t.to_string(), *p))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn unigrams_are_every_unit() {
        let got: Vec<String> = grams(GramSize::Unigram, "癌，A1")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(got, ["癌", "a", "1"]);
    }

    #[test]
    fn query_runs_and_their_bigrams() {
        assert_eq!(unit_runs("5G基站, 120"), ["5g基站", "120"]);
        assert_eq!(bigrams("卫生院"), ["卫生", "生院"]);
        assert!(bigrams("癌").is_empty());
    }
}
