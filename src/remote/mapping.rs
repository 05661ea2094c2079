//! The cluster index baogao writes: its settings, its mapping, and the check that an existing
//! index has them.
//!
//! baogao does the Chinese analysis itself and sends the units it indexes locally. A
//! positioned field (`words`, `title_words`, `heading_words`, `grams`) is sent as *slots*:
//! one whitespace-separated slot per character of the text, holding the tokens that start at
//! that character joined by `|`, or a lone `|` when none does. The analyzer `baogao_slots`
//! splits on whitespace, emits each token of a slot at the slot's position
//! (`pattern_capture`) and drops the empty slots while keeping their place (`stop`). So a
//! token's position in the cluster is its character index, as in the local index: a phrase of
//! grams is an exact substring, a phrase of words stands at the words' character offsets, and
//! a distance counted in positions is a distance in characters.

use serde_json::{json, Value};

use super::record::Positioned;

/// Bumped whenever the settings or the mapping change: an index of another version is refused
/// (`push --recreate` rebuilds it).
pub const MAPPING_VERSION: u64 = 1;

/// The analyzer of positioned fields.
pub const SLOTS_ANALYZER: &str = "baogao_slots";

/// The positioned fields, each with its boost for a plain word (as `index_schema/schema.toml`).
pub const WORDS: &str = "words";
pub const TITLE_WORDS: &str = "title_words";
pub const HEADING_WORDS: &str = "heading_words";
pub const GRAMS: &str = "grams";

/// The settings and mapping of a new index.
pub fn index_body(shards: u32, replicas: u32, meta: &Value) -> Value {
    let positioned = json!({
        "type": "text",
        "analyzer": SLOTS_ANALYZER,
        "index_options": "positions",
    });
    let shown = json!({ "type": "text", "index": false });
    json!({
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "analysis": {
                "filter": {
                    "baogao_slot_tokens": {
                        "type": "pattern_capture",
                        "preserve_original": false,
                        "patterns": ["([^|]+)"]
                    },
                    "baogao_empty_slots": { "type": "stop", "stopwords": ["|"] }
                },
                "analyzer": {
                    SLOTS_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "whitespace",
                        "filter": ["baogao_slot_tokens", "baogao_empty_slots"]
                    }
                }
            }
        },
        "mappings": mapping(meta, &positioned, &shown),
    })
}

fn mapping(meta: &Value, positioned: &Value, shown: &Value) -> Value {
    json!({
        "dynamic": "strict",
        "_meta": meta,
        "_source": { "excludes": [WORDS, TITLE_WORDS, HEADING_WORDS, GRAMS] },
        "properties": {
            "path": { "type": "keyword" },
            "line": { "type": "integer" },
            "report": { "type": "integer" },
            "passage": { "type": "integer" },
            "tiebreak": { "type": "long" },
            "title": shown,
            "heading": shown,
            "text": shown,
            "org": shown,
            WORDS: positioned,
            TITLE_WORDS: positioned,
            HEADING_WORDS: positioned,
            GRAMS: positioned,
            "year": { "type": "integer" },
            "kind": { "type": "keyword" },
            "level": { "type": "keyword" },
            "region": { "type": "keyword" },
            "published": { "type": "date", "format": "yyyy-MM-dd" }
        }
    })
}

/// The `_meta` of the index: the mapping version, the baogao, schema and corpus it was pushed
/// from, and when (the corpus root lets `search --remote` print paths as the local search does).
pub fn meta(schema_fingerprint: &str, corpus_root: &str) -> Value {
    let pushed_at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    json!({
        "baogao_mapping": MAPPING_VERSION,
        "baogao_version": env!("CARGO_PKG_VERSION"),
        "schema_fingerprint": schema_fingerprint,
        "corpus_root": corpus_root,
        "pushed_at": pushed_at,
    })
}

/// What is wrong with an existing index's mapping (`GET /INDEX/_mapping`'s entry), if
/// anything.
pub fn mismatch(mappings: &Value) -> Option<String> {
    let version = mappings["_meta"]["baogao_mapping"].as_u64();
    if version != Some(MAPPING_VERSION) {
        return Some(match version {
            Some(version) => format!(
                "it has baogao's mapping version {version}, this baogao writes version {MAPPING_VERSION}"
            ),
            None => "it was not created by baogao push (no baogao mapping in its _meta)".into(),
        });
    }
    for field in [WORDS, TITLE_WORDS, HEADING_WORDS, GRAMS] {
        let analyzer = mappings["properties"][field]["analyzer"].as_str();
        if analyzer != Some(SLOTS_ANALYZER) {
            return Some(format!(
                "its field `{field}` is not analysed by {SLOTS_ANALYZER}"
            ));
        }
    }
    None
}

/// The slots of positioned tokens (see the module's comment): `医共体|医共 | | 建设`.
pub fn slots(tokens: &Positioned) -> String {
    let mut out = String::new();
    let mut next = 0;
    let mut at = 0;
    while at < tokens.len() {
        let position = tokens[at].0;
        while next < position {
            out.push_str(if out.is_empty() { "|" } else { " |" });
            next += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let mut first = true;
        while at < tokens.len() && tokens[at].0 == position {
            if !first {
                out.push('|');
            }
            out.push_str(&tokens[at].1);
            first = false;
            at += 1;
        }
        next = position + 1;
    }
    out
}

/// Slots of query words at their offsets (from the first): `[(0, 医共体), (3, 建设)]` →
/// `医共体 | | 建设`, the text of a phrase query whose holes the analyzer keeps.
pub fn phrase_slots(tokens: &[(usize, String)]) -> String {
    let first = tokens.first().map_or(0, |(at, _)| *at);
    let shifted: Positioned = tokens
        .iter()
        .map(|(at, text)| (at - first, text.clone()))
        .collect();
    slots(&shifted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(list: &[(usize, &str)]) -> Positioned {
        list.iter().map(|(at, t)| (*at, t.to_string())).collect()
    }

    #[test]
    fn slots_hold_each_position_and_keep_the_holes() {
        assert_eq!(
            slots(&tokens(&[(0, "医共"), (0, "医共体"), (3, "建设")])),
            "医共|医共体 | | 建设"
        );
        assert_eq!(slots(&tokens(&[(2, "卫生")])), "| | 卫生");
        assert_eq!(slots(&tokens(&[])), "");
        assert_eq!(
            phrase_slots(&[(4, "医共体".to_string()), (7, "建设".to_string())]),
            "医共体 | | 建设"
        );
    }

    #[test]
    fn an_index_not_made_by_baogao_is_a_mismatch() {
        assert!(mismatch(&json!({ "properties": {} })).is_some());
        let ours = index_body(2, 0, &meta("f", "/c"));
        assert_eq!(mismatch(&ours["mappings"]), None);
    }
}
