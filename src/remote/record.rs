//! Every passage of a local index as a self-contained record: what `baogao export` prints and
//! what `baogao push` turns into a cluster document. Read back from the index's store (the
//! text as written) and tokenized again with the index's own tokenizers, so the words and
//! grams are exactly the units the local index holds.

use serde::Serialize;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use tantivy::{DocAddress, TantivyDocument};

use crate::dates::from_datetime;
use crate::index::OpenIndex;
use crate::text::fold;
use crate::tokenize::{Grams, JiebaWords};

/// One passage, the stable record of `baogao export` (one JSON object a line).
#[derive(Debug, Clone, Serialize)]
pub struct PassageRecord {
    /// `path#report/passage`: the passage key (the one its tie-break hash is taken of), unique
    /// in the index and stable across rebuilds of the same files.
    pub id: String,
    /// The file, relative to the corpus root, `/`-separated.
    pub path: String,
    /// The file's name.
    pub file: String,
    /// 1-based line of the file where the passage starts.
    pub line: u64,
    /// 1-based position of the report in its file.
    pub report: u64,
    /// 0-based position of the passage in its report.
    pub passage: u64,
    /// The tie-break key that orders passages of equal score.
    pub tiebreak: u64,
    pub title: String,
    pub heading: String,
    /// The passage as written in the file.
    pub text: String,
    /// The passage folded (simplified, half-width), as matching sees it.
    pub folded: String,
    /// The jieba words of the passage (search mode, folded), in order, space-joined.
    pub words: String,
    /// The grams of the passage (bigrams, a run's last unit with `$`), in order, space-joined.
    pub grams: String,
    /// The report's year; null when unknown.
    pub year: Option<u16>,
    pub kind: String,
    pub level: String,
    /// The report's place (simplified); null when unknown.
    pub region: Option<String>,
    pub org: Option<String>,
    /// The publication date, `YYYY-MM-DD`; null when the page shows none.
    pub published: Option<String>,
    /// `words` and `grams` with their positions (character indices), for the cluster.
    #[serde(skip)]
    pub word_tokens: Positioned,
    #[serde(skip)]
    pub gram_tokens: Positioned,
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
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let tiebreaks = segment.fast_fields().u64("tiebreak")?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                continue;
            }
            let address = DocAddress::new(u32::try_from(ordinal)?, doc);
            let stored: TantivyDocument = searcher.doc(address)?;
            let tiebreak = tiebreaks.first(doc).unwrap_or(0);
            each(record_of(&stored, fields, tiebreak, &mut units))?;
        }
    }
    Ok(())
}

fn record_of(
    stored: &TantivyDocument,
    fields: &crate::schema::Fields,
    tiebreak: u64,
    units: &mut Units,
) -> PassageRecord {
    let text_of = |field: Field| {
        stored
            .get_first(field)
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    let number = |field: Field| {
        stored
            .get_first(field)
            .and_then(|value| value.as_u64())
            .unwrap_or(0)
    };
    // The last part of a facet (/year/2024 → 2024).
    let facet = |field: Field| {
        stored
            .get_first(field)
            .and_then(|value| value.as_facet().map(str::to_string))
            .and_then(|encoded| encoded.rsplit(['\0', '/']).next().map(str::to_string))
            .unwrap_or_else(|| "unknown".to_string())
    };
    let path = text_of(fields.path);
    let text = text_of(fields.text);
    let (report, passage) = (number(fields.report), number(fields.passage));
    let word_tokens = units.words(&text);
    let gram_tokens = units.grams(&text);
    PassageRecord {
        id: format!("{path}#{report}/{passage}"),
        file: path.rsplit('/').next().unwrap_or(&path).to_string(),
        line: number(fields.line),
        report,
        passage,
        tiebreak,
        title: text_of(fields.title),
        heading: text_of(fields.heading),
        folded: fold(&text).into_owned(),
        words: joined(&word_tokens),
        grams: joined(&gram_tokens),
        word_tokens,
        gram_tokens,
        year: facet(fields.year).parse::<u16>().ok(),
        kind: facet(fields.kind),
        level: facet(fields.level),
        region: Some(facet(fields.region)).filter(|region| region != "unknown"),
        org: Some(text_of(fields.org)).filter(|org| !org.is_empty()),
        published: stored
            .get_first(fields.published)
            .and_then(|value| value.as_datetime())
            .and_then(from_datetime)
            .map(|date| date.to_string()),
        text,
        path,
    }
}
