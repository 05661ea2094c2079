//! `baogao search --remote`: a search run on a cluster index pushed by `baogao push`, giving
//! the same [`SearchResults`] as a local search: the same hit set, total and facet counts;
//! candidates ranked by the cluster's BM25 (then reranked, folded and cut as locally).
//!
//! A cluster that cannot answer for every shard is an error, never fewer hits: every request
//! sets `allow_partial_search_results=false` and checks `_shards.failed` and `timed_out`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};

use super::client::{Client, Method};
use super::dsl::{segmented_texts, translate};
use super::mapping::{mismatch, WORDS};
use super::source::{bucket_value, passage_of};
use crate::schema::IndexSchema;
use crate::search::{
    folded_units, parse_query, rank_hits, rerank_window, sort_counts, BuiltQuery, FacetCounts,
    FacetName, Filters, Hit, ParseError, ParseErrorKind, QueryError, SearchRequest, SearchResults,
};

/// Hits per page of a long read (the cluster's default `index.max_result_window`).
const PAGE: usize = 10_000;
/// Longest word looked up in the vocabulary, in characters (as `search/segment.rs`).
const MAX_WORD_CHARS: usize = 8;
/// Buckets of a facet or per-file count: more than any field has values.
const MAX_BUCKETS: usize = 65_000;

/// The stored fields a hit is read from.
const SOURCE_FIELDS: [&str; 13] = [
    "path",
    "line",
    "report",
    "passage",
    "title",
    "heading",
    "text",
    "org",
    "year",
    "kind",
    "level",
    "region",
    "published",
];

/// A cluster index ready to be searched.
pub struct RemoteIndex {
    pub client: Client,
    /// The corpus root the index was pushed from (for paths as the local search prints them).
    pub corpus_root: PathBuf,
    /// The index's `_meta`, as the last push wrote it.
    pub meta: Value,
    schema: IndexSchema,
}

impl RemoteIndex {
    /// Opens the client's index: it must exist and have baogao's mapping.
    pub fn open(client: Client) -> Result<Self> {
        let target = client.target.clone();
        let reply = client.call_retrying(Method::Get, &target.index_url("_mapping"), None)?;
        match reply.status {
            200 => {}
            404 => bail!(
                "the cluster has no index `{}` ({target}): create it with `baogao push {target}`",
                target.index
            ),
            status => bail!(
                "reading the mapping of {target}: the cluster answered {status}: {}",
                reply.reason()
            ),
        }
        let mappings = &reply.body[&target.index]["mappings"];
        if let Some(problem) = mismatch(mappings) {
            bail!(
                "the cluster index {target} does not have baogao's mapping: {problem}; recreate it with `baogao push {target} --recreate`"
            );
        }
        let corpus_root = PathBuf::from(mappings["_meta"]["corpus_root"].as_str().unwrap_or(""));
        let schema = IndexSchema::embedded().context("loading the embedded index schema")?;
        Ok(RemoteIndex {
            client,
            corpus_root,
            meta: mappings["_meta"].clone(),
            schema,
        })
    }

    /// Runs one search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let (query, built) = self.build(&request.query, &request.filters, request.exact)?;
        let aggs: serde_json::Map<String, Value> = request
            .facets
            .iter()
            .map(|facet| (facet.field_name().to_string(), facet_aggregation(*facet)))
            .collect();
        let first = self.page(&query, 0, None, Some(Value::Object(aggs)))?;
        let total_hits = first["hits"]["total"]["value"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| anyhow!("the cluster did not give the number of hits"))?;
        let facets = request
            .facets
            .iter()
            .map(|facet| facet_counts(*facet, &first["aggregations"][facet.field_name()]))
            .collect::<Result<Vec<_>>>()?;
        let candidates = if request.sort.is_relevance(request.reverse) {
            rerank_window(request.limit)
        } else {
            // Another order than the best first: every match is a candidate.
            total_hits
        }
        .min(total_hits);
        let mut hits = Vec::with_capacity(candidates);
        let mut after: Option<Value> = None;
        while hits.len() < candidates {
            let size = (candidates - hits.len()).min(PAGE);
            let page = self.page(&query, size, after.as_ref(), None)?;
            let page_hits = page["hits"]["hits"].as_array().cloned().unwrap_or_default();
            if page_hits.is_empty() {
                break;
            }
            for hit in &page_hits {
                hits.push(read_hit(hit, &built)?);
            }
            after = page_hits.last().map(|hit| hit["sort"].clone());
        }
        let hits = rank_hits(hits, &built, request);
        Ok(SearchResults {
            total_hits,
            hits,
            facets,
        })
    }

    /// The files with a match and their numbers of hits, by path (`-l`, `-c`).
    pub fn hits_per_file(
        &self,
        query: &str,
        filters: &Filters,
        exact: bool,
    ) -> Result<Vec<(String, u64)>> {
        let (query, _) = self.build(query, filters, exact)?;
        let aggs = json!({ "files": { "terms": { "field": "path", "size": MAX_BUCKETS } } });
        let answer = self.page(&query, 0, None, Some(aggs))?;
        let files = &answer["aggregations"]["files"];
        if files["sum_other_doc_count"].as_u64().unwrap_or(0) > 0 {
            bail!("more than {MAX_BUCKETS} files match: narrow the query");
        }
        let mut counts: Vec<(String, u64)> = files["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        counts.sort();
        Ok(counts)
    }

    /// The cluster query of `text` and the local view of it (highlights, proximity groups).
    pub(super) fn build(
        &self,
        text: &str,
        filters: &Filters,
        exact: bool,
    ) -> Result<(Value, BuiltQuery)> {
        let error = |reason| QueryError {
            query: text.to_string(),
            reason,
        };
        let parsed = parse_query(text).map_err(error)?;
        let known = self.vocabulary(&segmented_texts(&parsed, exact))?;
        let is_word = |word: &str| known.contains(word);
        let empty = || {
            error(ParseError {
                kind: ParseErrorKind::Empty,
                at: 0,
            })
        };
        let query = translate(&parsed, filters, exact, &is_word).ok_or_else(empty)?;
        let built = crate::search::translate(&self.schema, &parsed, filters, exact, &is_word)
            .ok_or_else(empty)?;
        Ok((query, built))
    }

    /// Which pieces of `texts` (2 to 8 folded units in a row) are words of the passages,
    /// asked in one request: the vocabulary the query is cut by, as a local search cuts it.
    fn vocabulary(&self, texts: &[String]) -> Result<BTreeSet<String>> {
        let mut pieces = BTreeSet::new();
        for text in texts {
            let units = folded_units(text);
            for start in 0..units.len() {
                for end in start + 2..=(start + MAX_WORD_CHARS).min(units.len()) {
                    if units[end - 1].0 - units[start].0 != end - 1 - start {
                        break;
                    }
                    pieces.insert(units[start..end].iter().map(|(_, c)| c).collect::<String>());
                }
            }
        }
        if pieces.is_empty() {
            return Ok(BTreeSet::new());
        }
        let filters: serde_json::Map<String, Value> = pieces
            .iter()
            .map(|piece| (piece.clone(), json!({ "term": { WORDS: piece } })))
            .collect();
        let aggs = json!({ "known": { "filters": { "filters": filters } } });
        let answer = self.page(&json!({ "match_all": {} }), 0, None, Some(aggs))?;
        let buckets = &answer["aggregations"]["known"]["buckets"];
        Ok(pieces
            .into_iter()
            .filter(|piece| buckets[piece]["doc_count"].as_u64().unwrap_or(0) > 0)
            .collect())
    }

    /// One `_search` request: `size` hits after `after` (best first, ties in a fixed order),
    /// with `aggs`; an error when any shard did not answer or the cluster timed out.
    pub(super) fn page(
        &self,
        query: &Value,
        size: usize,
        after: Option<&Value>,
        aggs: Option<Value>,
    ) -> Result<Value> {
        let target = &self.client.target;
        let mut body = json!({
            "query": query,
            "size": size,
            "track_total_hits": true,
            "sort": ["_score", { "tiebreak": "asc" }, { "path": "asc" }, { "report": "asc" }, { "passage": "asc" }],
            "_source": SOURCE_FIELDS,
        });
        if let Some(after) = after {
            body["search_after"] = after.clone();
        }
        if let Some(aggs) = aggs {
            body["aggs"] = aggs;
        }
        let url = target.index_url(
            "_search?allow_partial_search_results=false&search_type=dfs_query_then_fetch",
        );
        let reply = self
            .client
            .call_retrying(Method::Post, &url, Some(&body.to_string()))?;
        if !(200..300).contains(&reply.status) {
            let reason = reply.reason();
            if reply.status == 503 || reason.contains("shard") {
                bail!(
                    "searching {target}: the cluster could not search every shard ({} {reason}); a node is down or a shard unassigned — partial answers are refused, check `GET _cluster/health` and retry when it is green or yellow",
                    reply.status
                );
            }
            if reply.status == 400 {
                bail!(
                    "searching {target}: the cluster refused the query ({reason}); if the index was pushed by another baogao, recreate it with `baogao push {target} --recreate`"
                );
            }
            bail!(
                "searching {target}: the cluster answered {}: {reason}",
                reply.status
            );
        }
        let body = reply.body;
        let failed = body["_shards"]["failed"].as_u64().unwrap_or(0);
        if failed > 0 {
            bail!(
                "searching {target}: {failed} of {} shards failed ({}); partial answers are refused",
                body["_shards"]["total"],
                body["_shards"]["failures"][0]["reason"]["reason"]
                    .as_str()
                    .unwrap_or("no reason given")
            );
        }
        if body["timed_out"].as_bool() == Some(true) {
            bail!("searching {target}: the cluster timed out and answered in part; partial answers are refused");
        }
        Ok(body)
    }
}

fn facet_aggregation(facet: FacetName) -> Value {
    match facet {
        // A report of unknown year has none: counted under 0, shown as `unknown`.
        FacetName::Year => {
            json!({ "terms": { "field": "year", "size": MAX_BUCKETS, "missing": 0 } })
        }
        other => json!({ "terms": { "field": other.field_name(), "size": MAX_BUCKETS } }),
    }
}

fn facet_counts(facet: FacetName, aggregation: &Value) -> Result<FacetCounts> {
    let buckets = aggregation["buckets"]
        .as_array()
        .ok_or_else(|| anyhow!("the cluster did not count the facet {}", facet.field_name()))?;
    let counts = buckets
        .iter()
        .filter_map(|bucket| Some((bucket_value(&bucket["key"])?, bucket["doc_count"].as_u64()?)))
        .collect();
    Ok(FacetCounts {
        facet,
        counts: sort_counts(facet, counts),
    })
}

fn read_hit(hit: &Value, built: &BuiltQuery) -> Result<Hit> {
    let bm25 = hit["_score"].as_f64().unwrap_or(0.0) as f32;
    Ok(Hit::ranked(passage_of(&hit["_source"])?, bm25, built))
}
