//! Every passage of a local index as a self-contained record: what `baogao export` prints and
//! what `baogao push` turns into a cluster document. Read back from the index's store (the
//! text as written) and tokenized again with the index's own tokenizers, so the words and
//! grams are exactly the units the local index holds.

use serde::Serialize;
use tantivy::tokenizer::{TokenStream, Tokenizer};
use tantivy::DocAddress;

use crate::index::OpenIndex;
use crate::search::StoredPassage;
use crate::text::fold;
use crate::tokenize::{Grams, JiebaWords};

/// One passage, the stable record of `baogao export` (one JSON object a line): the stored
/// passage with its key, its tie-break and the units the index holds of it.
#[derive(Debug, Clone)]
pub struct PassageRecord {
    /// `path#report/passage`: the passage key (the one its tie-break hash is taken of), unique
    /// in the index and stable across rebuilds of the same files.
    pub id: String,
    /// The file's name.
    pub file: String,
    /// The tie-break key that orders passages of equal score.
    pub tiebreak: u64,
    pub passage: StoredPassage,
    /// The passage folded (simplified, half-width), as matching sees it.
    pub folded: String,
    /// The jieba words of the passage (search mode, folded), in order, space-joined.
    pub words: String,
    /// The grams of the passage (bigrams, a run's last unit with `$`), in order, space-joined.
    pub grams: String,
    /// `words` and `grams` with their positions (character indices), for the cluster.
    pub word_tokens: Positioned,
    pub gram_tokens: Positioned,
}

/// The line `baogao export` writes: `id`, `path` (relative to the corpus root), `file`, the
/// stored passage's fields, then `tiebreak`, `folded`, `words`, `grams`.
#[derive(Serialize)]
struct ExportLine<'a> {
    id: &'a str,
    path: &'a str,
    file: &'a str,
    #[serde(flatten)]
    passage: &'a StoredPassage,
    tiebreak: u64,
    folded: &'a str,
    words: &'a str,
    grams: &'a str,
}

impl Serialize for PassageRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ExportLine {
            id: &self.id,
            path: &self.passage.path,
            file: &self.file,
            passage: &self.passage,
            tiebreak: self.tiebreak,
            folded: &self.folded,
            words: &self.words,
            grams: &self.grams,
        }
        .serialize(serializer)
    }
}

/// A token of a field: its position (character index) and text.
pub type Positioned = Vec<(usize, String)>;

/// Tokenizes texts with the index's tokenizers, reusing their buffers.
#[derive(Default)]
pub struct Units {
    jieba: JiebaWords,
    grams: Grams,
}

impl Units {
    /// The jieba words of `text`, by position (then length).
    pub fn words(&mut self, text: &str) -> Positioned {
        let mut stream = self.jieba.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            tokens.push((token.position, token.text.clone()));
        }
        tokens.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.len().cmp(&b.1.len())));
        tokens.dedup();
        tokens
    }

    /// The grams of `text`, by position.
    pub fn grams(&mut self, text: &str) -> Positioned {
        let mut stream = self.grams.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            tokens.push((token.position, token.text.clone()));
        }
        tokens
    }
}

/// The texts of tokens, space-joined, in order.
pub fn joined(tokens: &Positioned) -> String {
    let texts: Vec<&str> = tokens.iter().map(|(_, text)| text.as_str()).collect();
    texts.join(" ")
}

/// Calls `each` with every live passage of the index, in index order (segment by segment),
/// one at a time: memory does not grow with the index.
pub fn for_each_passage(
    open: &OpenIndex,
    mut each: impl FnMut(PassageRecord) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let searcher = open.reader.searcher();
    let fields = &open.schema.fields;
    let mut units = Units::default();
    for (segment, ordinal) in searcher.segment_readers().iter().zip(0u32..) {
        let tiebreaks = segment.fast_fields().u64("tiebreak")?;
        for doc in segment.doc_ids_alive() {
            let address = DocAddress::new(ordinal, doc);
            let passage = StoredPassage::read(&searcher, address, fields)?;
            let tiebreak = tiebreaks.first(doc).unwrap_or(0);
            each(record_of(passage, tiebreak, &mut units))?;
        }
    }
    Ok(())
}

fn record_of(passage: StoredPassage, tiebreak: u64, units: &mut Units) -> PassageRecord {
    let word_tokens = units.words(&passage.text);
    let gram_tokens = units.grams(&passage.text);
    let path = &passage.path;
    PassageRecord {
        id: format!("{path}#{}/{}", passage.report, passage.passage),
        file: path.rsplit('/').next().unwrap_or(path).to_string(),
        tiebreak,
        folded: fold(&passage.text).into_owned(),
        words: joined(&word_tokens),
        grams: joined(&gram_tokens),
        word_tokens,
        gram_tokens,
        passage,
    }
}
