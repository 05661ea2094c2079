//! Tokenizers registered on every index: the schema refers to them by name, and an index
//! stores only the name, so every open of an index must call [`register`].

use tantivy::tokenizer::{LowerCaser, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};
use tantivy::Index;
use tantivy_jieba::JiebaTokenizer;

/// Chinese words by tantivy-jieba.
pub const JIEBA: &str = "jieba";
/// The whole value as one term (tantivy's built-in `raw`).
pub const RAW: &str = "raw";

/// Registers baogao's tokenizers on `index`, under the names the schema uses.
pub fn register(index: &Index) {
    index.tokenizers().register(JIEBA, jieba_analyzer());
}

/// Jieba in search mode (a long word also yields the words inside it: 卫生院 → 卫生, 卫生院)
/// with HMM off, which cuts unknown place and body names less eagerly into odd words
/// (with it on, 市卫健委 became one token and 卫健委 was not found). Tokens with no letter
/// or digit (punctuation, spaces) are dropped; Latin is lower-cased.
pub fn jieba_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(JiebaTokenizer::with_hmm(false))
        .filter(WordsOnly)
        .filter(LowerCaser)
        .build()
}

/// Drops tokens that hold no alphanumeric character: jieba returns every punctuation mark
/// and space as a token, which would only bloat the index.
#[derive(Clone)]
pub struct WordsOnly;

impl TokenFilter for WordsOnly {
    type Tokenizer<T: Tokenizer> = WordsOnlyTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WordsOnlyTokenizer<T> {
        WordsOnlyTokenizer(tokenizer)
    }
}

/// A tokenizer wrapped by [`WordsOnly`].
#[derive(Clone)]
pub struct WordsOnlyTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for WordsOnlyTokenizer<T> {
    type TokenStream<'a> = WordsOnlyStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WordsOnlyStream(self.0.token_stream(text))
    }
}

/// The token stream of [`WordsOnlyTokenizer`].
pub struct WordsOnlyStream<S>(S);

impl<S: TokenStream> TokenStream for WordsOnlyStream<S> {
    fn advance(&mut self) -> bool {
        while self.0.advance() {
            if self.0.token().text.chars().any(char::is_alphanumeric) {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.0.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut analyzer = jieba_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn search_mode_yields_inner_words_and_drops_punctuation() {
        let tokens = words("乡镇卫生院，HPV筛查。");
        assert!(tokens.contains(&"卫生院".to_string()), "{tokens:?}");
        assert!(tokens.contains(&"卫生".to_string()), "{tokens:?}");
        assert!(tokens.contains(&"hpv".to_string()), "{tokens:?}");
        assert!(!tokens.iter().any(|t| t == "，" || t == "。"), "{tokens:?}");
    }
}
