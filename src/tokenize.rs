//! Tokenizers registered on every index: the schema refers to them by name, and an index
//! stores only the name, so every open of an index must call [`register`].

use tantivy::tokenizer::{LowerCaser, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};
use tantivy::Index;
use tantivy_jieba::JiebaTokenizer;

use crate::text::fold_char;

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
/// (with it on, 市卫健委 became one token and 卫健委 was not found), run on the folded text
/// (traditional → simplified, full-width → half-width). Tokens with no letter or digit
/// (punctuation, spaces) are dropped; Latin is lower-cased.
pub fn jieba_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(FoldingJieba::default())
        .filter(WordsOnly)
        .filter(LowerCaser)
        .build()
}

/// Jieba over the folded form of the text. Jieba cuts traditional text into nonsense
/// (縣衛生健康局 → 縣/衛/生/…), so it is given 县卫生健康局; the tokens' offsets are mapped
/// back to the original text, so snippets highlight the characters as written.
#[derive(Clone)]
pub struct FoldingJieba {
    jieba: JiebaTokenizer,
    folded: String,
    /// For each byte offset of `folded` at a character boundary (and its end), the byte
    /// offset of the same character in the original text.
    to_original: Vec<usize>,
}

impl Default for FoldingJieba {
    fn default() -> Self {
        FoldingJieba {
            jieba: JiebaTokenizer::with_hmm(false),
            folded: String::new(),
            to_original: Vec::new(),
        }
    }
}

impl Tokenizer for FoldingJieba {
    type TokenStream<'a> = FoldedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedStream<'a> {
        self.folded.clear();
        self.to_original.clear();
        for (at, c) in text.char_indices() {
            let folded = fold_char(c);
            for _ in 0..folded.len_utf8() {
                self.to_original.push(at);
            }
            self.folded.push(folded);
        }
        self.to_original.push(text.len());
        FoldedStream {
            inner: self.jieba.token_stream(&self.folded),
            to_original: &self.to_original,
            token: Token::default(),
        }
    }
}

/// The token stream of [`FoldingJieba`]: jieba's tokens with offsets into the original text.
pub struct FoldedStream<'a> {
    inner: <JiebaTokenizer as Tokenizer>::TokenStream<'a>,
    to_original: &'a [usize],
    token: Token,
}

impl TokenStream for FoldedStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let folded = self.inner.token();
        let map = |offset: usize| self.to_original.get(offset).copied().unwrap_or(offset);
        self.token.offset_from = map(folded.offset_from);
        self.token.offset_to = map(folded.offset_to);
        self.token.position = folded.position;
        self.token.position_length = folded.position_length;
        self.token.text.clear();
        self.token.text.push_str(&folded.text);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
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
    fn traditional_text_is_cut_as_simplified_with_offsets_into_the_original() {
        let text = "縣衛生院ＨＰＶ";
        let mut analyzer = jieba_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push((
                token.text.clone(),
                text[token.offset_from..token.offset_to].to_string(),
            ));
        }
        assert!(
            tokens.contains(&("卫生院".to_string(), "衛生院".to_string())),
            "{tokens:?}"
        );
        assert!(
            tokens.contains(&("hpv".to_string(), "ＨＰＶ".to_string())),
            "{tokens:?}"
        );
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
