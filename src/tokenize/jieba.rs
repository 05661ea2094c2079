//! Jieba words over folded text. One dictionary (jieba's own plus `index_schema/userdict.txt`)
//! is loaded once per process and shared: tantivy clones a tokenizer wherever it uses one, and
//! tantivy-jieba's adapter would clone the whole dictionary with it.

use std::sync::OnceLock;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy_jieba::jieba_rs::{Jieba, TokenizeMode};

use super::is_unit;
use crate::embedded;
use crate::text::fold_char;

/// Jieba's dictionary with the user dictionary added; built on first use.
pub fn dictionary() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut jieba = Jieba::new();
        for (word, frequency) in user_words(embedded::USER_DICT.text) {
            jieba.add_word(word, frequency, None);
        }
        jieba
    })
}

/// The entries of a user dictionary: `word` or `word frequency` per line, `#` comments.
pub fn user_words(text: &str) -> impl Iterator<Item = (&str, Option<usize>)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let word = parts.next()?;
            Some((word, parts.next().and_then(|f| f.parse().ok())))
        })
}

/// Jieba in search mode (a long word also yields the words inside it: 卫生院 → 卫生, 卫生院),
/// HMM off (it merged 市卫健委 into one word and lost 卫健委), on the folded text, with offsets
/// into the original text, punctuation dropped and Latin lower-cased. Queries are not cut by
/// jieba but by the vocabulary this builds (`search::segment`).
///
/// Tantivy gives each field of a segment writer its own tokenizer, and consecutive passages of
/// a report share their title and often their heading: the tokens of the last text are kept
/// and given again when the same text comes next, and token strings are reused.
#[derive(Clone, Default)]
pub struct JiebaWords {
    folded: String,
    /// Byte offset in the original text of each byte offset of `folded` (and of its end).
    to_original: Vec<usize>,
    tokens: Vec<Token>,
    len: usize,
    /// The text `tokens[..len]` were cut from.
    last_text: String,
}

impl JiebaWords {
    fn cut(&mut self, text: &str) {
        self.folded.clear();
        self.to_original.clear();
        self.len = 0;
        for (at, c) in text.char_indices() {
            let folded = fold_char(c).to_ascii_lowercase();
            self.to_original
                .extend(std::iter::repeat_n(at, folded.len_utf8()));
            self.folded.push(folded);
        }
        self.to_original.push(text.len());
        for word in dictionary().tokenize(&self.folded, TokenizeMode::Search, false) {
            if !word.word.chars().any(is_unit) {
                continue;
            }
            if self.len == self.tokens.len() {
                self.tokens.push(Token::default());
            }
            let token = &mut self.tokens[self.len];
            token.offset_from = self.to_original[word.byte_start];
            token.offset_to = self.to_original[word.byte_end];
            token.position = word.start;
            token.text.clear();
            token.text.push_str(word.word);
            token.position_length = word.end - word.start;
            self.len += 1;
        }
        self.last_text.clear();
        self.last_text.push_str(text);
    }
}

impl Tokenizer for JiebaWords {
    type TokenStream<'a> = BufferedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BufferedStream<'a> {
        if text != self.last_text || text.is_empty() {
            self.cut(text);
        }
        BufferedStream::new(&mut self.tokens[..self.len])
    }
}

/// A token stream over tokens computed in advance into a buffer the tokenizer reuses.
pub struct BufferedStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl<'a> BufferedStream<'a> {
    /// A stream over `tokens`.
    pub fn new(tokens: &'a mut [Token]) -> Self {
        BufferedStream { tokens, next: 0 }
    }
}

impl TokenStream for BufferedStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String, usize)> {
        let mut tokenizer = JiebaWords::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((
                token.text.clone(),
                text[token.offset_from..token.offset_to].to_string(),
                token.position,
            ));
        }
        out
    }

    #[test]
    fn search_mode_yields_inner_words_and_drops_punctuation() {
        let tokens: Vec<String> = words("乡镇卫生院，HPV筛查。")
            .into_iter()
            .map(|t| t.0)
            .collect();
        for word in ["卫生院", "卫生", "hpv", "筛查"] {
            assert!(
                tokens.contains(&word.to_string()),
                "{word} missing from {tokens:?}"
            );
        }
        assert!(!tokens.iter().any(|t| t == "，" || t == "。"), "{tokens:?}");
    }

    #[test]
    fn traditional_text_is_cut_as_simplified_with_offsets_into_the_original() {
        let tokens = words("縣衛生院ＨＰＶ");
        assert!(
            tokens
                .iter()
                .any(|(word, original, _)| word == "卫生院" && original == "衛生院"),
            "{tokens:?}"
        );
        assert!(
            tokens
                .iter()
                .any(|(word, original, _)| word == "hpv" && original == "ＨＰＶ"),
            "{tokens:?}"
        );
    }

    #[test]
    fn the_same_text_again_gives_the_same_tokens_and_another_text_its_own() {
        let mut tokenizer = JiebaWords::default();
        let mut cut = |text: &str| {
            let mut stream = tokenizer.token_stream(text);
            let mut out = Vec::new();
            while let Some(token) = stream.next() {
                out.push((token.text.clone(), token.offset_from, token.position));
            }
            out
        };
        let first = cut("乡镇卫生院建设");
        assert_eq!(cut("乡镇卫生院建设"), first);
        assert!(!first.is_empty());
        let other = cut("医共体");
        assert_eq!(other, [("医共体".to_string(), 0, 0)]);
        assert_eq!(cut(""), []);
        assert_eq!(cut("乡镇卫生院建设"), first);
    }

    #[test]
    fn user_dictionary_words_are_one_word() {
        let tokens: Vec<String> = words("推进医共体建设和两癌筛查")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert!(tokens.contains(&"医共体".to_string()), "{tokens:?}");
        assert!(tokens.contains(&"两癌筛查".to_string()), "{tokens:?}");
    }
}
