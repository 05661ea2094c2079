//! The index schema: `index_schema/schema.toml`, embedded at build time, turned into a
//! tantivy schema, plus the fingerprint an index records to detect a schema change.

use serde::Deserialize;
use tantivy::schema::{
    DateOptions, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions,
};
use thiserror::Error;

use crate::embedded::{self, EmbeddedFile};
use crate::tokenize::{BIGRAM, JIEBA, RAW};

pub mod facet;
pub use facet::FacetName;

/// Bumped when the way passages are cut or fields are filled changes, so that indexes built by
/// an older baogao are rebuilt even though `index_schema/` did not change.
const INDEX_FORMAT: u32 = 4;

/// What can be wrong with a schema file.
#[derive(Debug, Error)]
pub enum SchemaError {
    #[error("index_schema/schema.toml")]
    Parse(#[from] toml::de::Error),
    #[error("index_schema/schema.toml: field `{field}`: {problem}")]
    Field { field: String, problem: String },
    #[error("index_schema/schema.toml lacks the field `{0}`, which baogao needs")]
    Missing(&'static str),
}

/// The kind of a field, as written in the schema file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Facet,
    Integer,
    Date,
    Stored,
}

/// One `[[field]]` entry of the schema file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub tokenizer: Option<String>,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub indexed: bool,
    #[serde(default)]
    pub fast: bool,
    #[serde(default)]
    pub search: bool,
    #[serde(default)]
    pub boost: Option<f32>,
    /// Text only: record word positions (phrases); jieba and bigram fields default to true.
    #[serde(default)]
    pub positions: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemaFile {
    field: Vec<FieldSpec>,
}

/// The fields baogao reads and writes, looked up by name in the built schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub text: Field,
    pub title: Field,
    pub heading: Field,
    pub path: Field,
    pub line: Field,
    pub passage: Field,
    pub grams: Field,
    pub year: Field,
    pub year_value: Field,
    pub kind: Field,
    pub level: Field,
    pub region: Field,
    pub org: Field,
    pub published: Field,
    pub report: Field,
    pub tiebreak: Field,
}

/// The loaded schema: the field specs as declared, the tantivy schema and its fingerprint.
#[derive(Debug, Clone)]
pub struct IndexSchema {
    pub specs: Vec<FieldSpec>,
    pub schema: Schema,
    pub fields: Fields,
    pub fingerprint: String,
}

impl IndexSchema {
    /// The schema embedded in this binary.
    pub fn embedded() -> Result<Self, SchemaError> {
        Self::from_toml(embedded::SCHEMA.text, fingerprint(&embedded::ALL))
    }

    /// Parses a schema file's text; `fingerprint` identifies it in built indexes.
    pub fn from_toml(source: &str, fingerprint: String) -> Result<Self, SchemaError> {
        let file: SchemaFile = toml::from_str(source)?;
        let mut builder = Schema::builder();
        for spec in &file.field {
            add_field(&mut builder, spec)?;
        }
        let schema = builder.build();
        let field = |name: &'static str| {
            schema
                .get_field(name)
                .map_err(|_| SchemaError::Missing(name))
        };
        let fields = Fields {
            text: field("text")?,
            title: field("title")?,
            heading: field("heading")?,
            path: field("path")?,
            line: field("line")?,
            passage: field("passage")?,
            grams: field("grams")?,
            year: field("year")?,
            year_value: field("year_value")?,
            kind: field("kind")?,
            level: field("level")?,
            region: field("region")?,
            org: field("org")?,
            published: field("published")?,
            report: field("report")?,
            tiebreak: field("tiebreak")?,
        };
        Ok(IndexSchema {
            specs: file.field,
            schema,
            fields,
            fingerprint,
        })
    }

    /// The text fields a plain query word is looked up in, with their boosts.
    pub fn search_fields(&self) -> Vec<(Field, f32)> {
        self.specs
            .iter()
            .filter(|spec| spec.search)
            .filter_map(|spec| {
                let field = self.schema.get_field(&spec.name).ok()?;
                Some((field, spec.boost.unwrap_or(1.0)))
            })
            .collect()
    }
}

/// Numeric or date `options` (two types, alike, with no trait in common) stored, indexed
/// and fast as `spec` says.
macro_rules! flagged {
    ($options:expr, $spec:expr) => {{
        let mut options = $options;
        if $spec.stored {
            options = options.set_stored();
        }
        if $spec.indexed {
            options = options.set_indexed();
        }
        if $spec.fast {
            options = options.set_fast();
        }
        options
    }};
}

fn add_field(
    builder: &mut tantivy::schema::SchemaBuilder,
    spec: &FieldSpec,
) -> Result<(), SchemaError> {
    let bad = |problem: &str| SchemaError::Field {
        field: spec.name.clone(),
        problem: problem.to_string(),
    };
    if spec.kind != FieldKind::Text
        && (spec.tokenizer.is_some()
            || spec.search
            || spec.boost.is_some()
            || spec.positions.is_some())
    {
        return Err(bad(
            "tokenizer, search, boost and positions apply to text fields only",
        ));
    }
    match spec.kind {
        FieldKind::Text => {
            let tokenizer = spec
                .tokenizer
                .as_deref()
                .ok_or_else(|| bad("a text field needs a tokenizer (jieba, bigram or raw)"))?;
            // Phrases need positions: jieba words and bigrams, unless the schema says a field
            // does without (its phrases are then found by the bigrams). Raw values are looked
            // up whole.
            let record = match (tokenizer, spec.positions) {
                (JIEBA | BIGRAM, Some(false)) => IndexRecordOption::WithFreqs,
                (JIEBA | BIGRAM, _) => IndexRecordOption::WithFreqsAndPositions,
                (RAW, None | Some(false)) => IndexRecordOption::Basic,
                (RAW, Some(true)) => return Err(bad("a raw field has no positions")),
                (other, _) => {
                    return Err(bad(&format!(
                        "unknown tokenizer `{other}` (known: jieba, bigram, raw)"
                    )))
                }
            };
            if spec.search && !spec.indexed {
                return Err(bad("a field searched by queries must be indexed"));
            }
            let mut options = TextOptions::default();
            if spec.indexed {
                options = options.set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(record),
                );
            }
            if spec.stored {
                options = options.set_stored();
            }
            if spec.fast {
                options = options.set_fast(tokenizer);
            }
            builder.add_text_field(&spec.name, options);
        }
        FieldKind::Facet => {
            if spec.fast {
                return Err(bad("facet fields cannot be fast"));
            }
            let mut options = FacetOptions::default();
            if spec.stored {
                options = options.set_stored();
            }
            builder.add_facet_field(&spec.name, options);
        }
        FieldKind::Integer => {
            let options = flagged!(NumericOptions::default(), spec);
            builder.add_u64_field(&spec.name, options);
        }
        FieldKind::Date => {
            let options = flagged!(DateOptions::default(), spec);
            builder.add_date_field(&spec.name, options);
        }
        FieldKind::Stored => {
            if spec.indexed || spec.fast || !spec.stored {
                return Err(bad(
                    "a stored-only field is stored and neither indexed nor fast",
                ));
            }
            builder.add_text_field(&spec.name, TextOptions::default().set_stored());
        }
    }
    Ok(())
}

/// FNV-1a (64 bit) over the index format and every embedded file, name and content: stable
/// across Rust versions and platforms, unlike `DefaultHasher`.
pub fn fingerprint(files: &[EmbeddedFile]) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    let mut feed = |bytes: &[u8]| {
        hasher.write(bytes);
        // A separator, so that ("ab","c") and ("a","bc") differ.
        hasher.write_u8(0xff);
    };
    feed(&INDEX_FORMAT.to_le_bytes());
    let mut sorted: Vec<_> = files.to_vec();
    sorted.sort_by_key(|file| file.name);
    for file in sorted {
        feed(file.name.as_bytes());
        feed(file.text.as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_loads_with_every_needed_field() {
        let schema = IndexSchema::embedded().expect("the embedded schema is valid");
        assert_eq!(schema.search_fields().len(), 3);
        assert_eq!(schema.fingerprint.len(), 16);
    }

    #[test]
    fn every_file_of_index_schema_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/index_schema");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("index_schema/ exists")
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded_names: Vec<String> = embedded::ALL
            .iter()
            .map(|file| file.name.to_string())
            .collect();
        embedded_names.sort();
        assert_eq!(
            on_disk, embedded_names,
            "add new index_schema/ files to embedded::ALL"
        );
    }

    #[test]
    fn fingerprint_changes_with_content() {
        let file = |text| EmbeddedFile {
            name: "schema.toml",
            text,
        };
        let a = fingerprint(&[file("a")]);
        let b = fingerprint(&[file("b")]);
        assert_ne!(a, b);
        assert_eq!(a, fingerprint(&[file("a")]));
    }

    #[test]
    fn unknown_tokenizer_is_an_error_naming_the_field() {
        let toml =
            "[[field]]\nname = \"text\"\nkind = \"text\"\ntokenizer = \"ik\"\nindexed = true\n";
        let err = IndexSchema::from_toml(toml, String::new()).unwrap_err();
        assert!(err.to_string().contains("`text`"), "{err}");
        assert!(err.to_string().contains("unknown tokenizer"), "{err}");
    }

    #[test]
    fn missing_field_is_named() {
        let toml =
            "[[field]]\nname = \"text\"\nkind = \"text\"\ntokenizer = \"jieba\"\nindexed = true\n";
        let err = IndexSchema::from_toml(toml, String::new()).unwrap_err();
        assert!(err.to_string().contains("`title`"), "{err}");
    }
}
