//! `baogao push`: the passages of a local index into a cluster index, incrementally.
//!
//! What was pushed is recorded in the index folder (`baogao-pushed.json`), per cluster index
//! (its URL without credentials, and the cluster's UUID for it): for each file, the content
//! hash, sidecar hash and passage count the manifest had when its passages were sent. The next
//! push sends the passages of the files whose record differs or is new, and deletes those of
//! the files no longer indexed; an unchanged index sends nothing. An index recreated on the
//! cluster (another UUID), a schema change or a lost record makes the next push a full one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::client::{Client, Method};
use super::mapping::{index_body, meta, mismatch, slots, GRAMS, HEADING_WORDS, TITLE_WORDS, WORDS};
use super::record::{for_each_passage, PassageRecord, Units};
use crate::index::{Manifest, OpenIndex};
use crate::schema::facet::UNKNOWN;

/// The file, in the index folder, of what was pushed where.
pub const PUSH_STATE_FILE: &str = "baogao-pushed.json";

/// Paths per query for the passages to delete.
const PATHS_PER_DELETE: usize = 500;
/// Passages deleted per request.
const DELETE_PAGE: usize = 5_000;

/// How to push.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Shards and replicas of an index created by this push.
    pub shards: u32,
    pub replicas: u32,
    /// Passages per `_bulk` request.
    pub batch: usize,
    /// Delete the cluster index first and push everything.
    pub recreate: bool,
}

/// What a push did.
#[derive(Debug, Clone, Default)]
pub struct PushSummary {
    pub created: bool,
    pub full: bool,
    pub files_sent: usize,
    pub files_deleted: usize,
    pub files_unchanged: usize,
    pub passages_sent: usize,
    pub requests: usize,
    pub elapsed: Duration,
}

/// The record of what was pushed to one cluster index.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Pushed {
    /// The cluster's UUID of the index.
    uuid: String,
    schema_fingerprint: String,
    /// By corpus-relative path: the manifest's signature of the file when it was sent.
    files: BTreeMap<String, String>,
}

/// Every cluster index pushed to from this index folder, by `Target` (no credentials).
type PushStates = BTreeMap<String, Pushed>;

/// Pushes `open` to the client's index; `progress(sent, total)` after each batch.
pub fn push(
    open: &OpenIndex,
    client: &Client,
    options: &PushOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PushSummary> {
    let started = Instant::now();
    let mut summary = PushSummary::default();
    let target = client.target.clone();
    let index_url = target.index_url("");
    let corpus_root = open.meta.corpus_root.display().to_string();
    let meta = meta(&open.schema.fingerprint, &corpus_root);
    if options.recreate {
        let reply = client.call_retrying(Method::Delete, &index_url, None)?;
        if reply.status != 404 && !(200..300).contains(&reply.status) {
            bail!(
                "deleting the index {target} for --recreate: {}",
                reply.reason()
            );
        }
    }
    summary.created = ensure_index(client, options, &meta)?;
    let uuid = index_uuid(client)?;

    let manifest = Manifest::read(&open.dir)
        .with_context(|| format!("reading the manifest of the index `{}`", open.dir.display()))?;
    let local: BTreeMap<String, String> = manifest
        .files
        .iter()
        .filter(|(_, record)| record.passages > 0)
        .map(|(path, record)| {
            let sidecar = record
                .sidecar
                .as_ref()
                .map_or("", |(_, hash)| hash.as_str());
            let signature = format!("{}:{sidecar}:{}", record.hash, record.passages);
            (path.clone(), signature)
        })
        .collect();
    let passages_of: BTreeMap<&str, usize> = manifest
        .files
        .iter()
        .map(|(path, record)| (path.as_str(), record.passages))
        .collect();

    let mut states = read_states(&open.dir)?;
    let key = target.to_string();
    let previous = states.get(&key).filter(|pushed| {
        pushed.uuid == uuid && pushed.schema_fingerprint == open.schema.fingerprint
    });
    let (to_send, to_delete, full): (BTreeSet<String>, BTreeSet<String>, bool) = match previous {
        Some(pushed) => {
            let send = local
                .iter()
                .filter(|(path, signature)| pushed.files.get(*path) != Some(signature))
                .map(|(path, _)| path.clone())
                .collect::<BTreeSet<_>>();
            let delete = pushed
                .files
                .keys()
                .filter(|path| !local.contains_key(*path) || send.contains(*path))
                .cloned()
                .collect();
            (send, delete, false)
        }
        None => (local.keys().cloned().collect(), BTreeSet::new(), true),
    };
    summary.full = full;
    summary.files_unchanged = local.len() - to_send.len();
    summary.files_deleted = to_delete.iter().filter(|p| !local.contains_key(*p)).count();
    summary.files_sent = to_send.len();
    if to_send.is_empty() && to_delete.is_empty() && !full {
        summary.elapsed = started.elapsed();
        return Ok(summary);
    }

    // What is about to change is forgotten first: a push stopped midway resends it.
    let mut pushed = match previous {
        Some(pushed) => pushed.clone(),
        None => Pushed {
            uuid: uuid.clone(),
            schema_fingerprint: open.schema.fingerprint.clone(),
            files: BTreeMap::new(),
        },
    };
    for path in to_send.iter().chain(&to_delete) {
        pushed.files.remove(path);
    }
    states.insert(key.clone(), pushed.clone());
    write_states(&open.dir, &states)?;

    if full && !summary.created {
        // Whatever the index held (another corpus, a lost record) goes.
        summary.requests += delete_where(client, json!({ "match_all": {} }))?;
    } else {
        let paths: Vec<&String> = to_delete.iter().collect();
        for chunk in paths.chunks(PATHS_PER_DELETE) {
            summary.requests += delete_where(client, json!({ "terms": { "path": chunk } }))?;
        }
    }

    let total: usize = to_send
        .iter()
        .map(|path| passages_of.get(path.as_str()).copied().unwrap_or(0))
        .sum();
    let mut batch = Bulk::default();
    let mut units = Units::default();
    progress(0, total);
    for_each_passage(open, |record| {
        if !to_send.contains(&record.passage.path) {
            return Ok(());
        }
        batch.add(&record, &mut units)?;
        if batch.passages >= options.batch.max(1) {
            batch.send(client)?;
            summary.requests += 1;
            summary.passages_sent += batch.passages;
            batch.clear();
            progress(summary.passages_sent, total);
        }
        Ok(())
    })?;
    if batch.passages > 0 {
        batch.send(client)?;
        summary.requests += 1;
        summary.passages_sent += batch.passages;
        progress(summary.passages_sent, total);
    }
    refresh(client)?;
    // The corpus root, for paths as `search --remote` prints them.
    client.expect_ok(
        Method::Put,
        &target.index_url("_mapping"),
        Some(&json!({ "_meta": meta }).to_string()),
        "recording the corpus in the index's _meta",
    )?;
    for path in &to_send {
        if let Some(signature) = local.get(path) {
            pushed.files.insert(path.clone(), signature.clone());
        }
    }
    states.insert(key, pushed);
    write_states(&open.dir, &states)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Creates the index when it does not exist (true), else checks its mapping.
fn ensure_index(client: &Client, options: &PushOptions, meta: &Value) -> Result<bool> {
    let target = &client.target;
    let reply = client.call_retrying(Method::Get, &target.index_url("_mapping"), None)?;
    match reply.status {
        200 => {
            let mappings = &reply.body[&target.index]["mappings"];
            if let Some(problem) = mismatch(mappings) {
                bail!(
                    "the cluster index {target} does not have baogao's mapping: {problem}; recreate it with `baogao push {target} --recreate` (this deletes it and pushes every passage)"
                );
            }
            Ok(false)
        }
        404 => {
            let body = index_body(options.shards, options.replicas, meta).to_string();
            client.expect_ok(
                Method::Put,
                &target.index_url(""),
                Some(&body),
                &format!("creating the index {target}"),
            )?;
            Ok(true)
        }
        status => bail!(
            "checking the index {target}: the cluster answered {status}: {}",
            reply.reason()
        ),
    }
}

/// The cluster's UUID of the index: another one means the index was recreated.
fn index_uuid(client: &Client) -> Result<String> {
    let target = &client.target;
    let body = client.expect_ok(
        Method::Get,
        &target.index_url("_settings/index.uuid"),
        None,
        "reading the index's UUID",
    )?;
    body[&target.index]["settings"]["index"]["uuid"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("the cluster did not say the UUID of the index {target}"))
}

/// Deletes the passages matching `query`: their ids read page by page (core search API,
/// no `_delete_by_query`, which some clusters lack), deleted with `_bulk`, then refreshed.
/// Returns the requests made.
fn delete_where(client: &Client, query: Value) -> Result<usize> {
    let target = &client.target;
    let search_url = target.index_url("_search?allow_partial_search_results=false");
    let bulk_url = target.index_url("_bulk");
    let mut requests = 0;
    let mut after: Option<Value> = None;
    loop {
        let mut body = json!({
            "query": query,
            "size": DELETE_PAGE,
            "_source": false,
            "sort": [{ "path": "asc" }, { "report": "asc" }, { "passage": "asc" }],
        });
        if let Some(after) = &after {
            body["search_after"] = after.clone();
        }
        let answer = client.expect_ok(
            Method::Post,
            &search_url,
            Some(&body.to_string()),
            "finding the passages of removed or changed files",
        )?;
        requests += 1;
        let hits = answer["hits"]["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if hits.is_empty() {
            break;
        }
        let mut bulk = String::new();
        for hit in &hits {
            if let Some(id) = hit["_id"].as_str() {
                bulk.push_str(&json!({ "delete": { "_id": id } }).to_string());
                bulk.push('\n');
            }
        }
        let reply = client.expect_ok(
            Method::Post,
            &bulk_url,
            Some(&bulk),
            "deleting passages (_bulk)",
        )?;
        requests += 1;
        if reply["errors"].as_bool() == Some(true) {
            let failed = reply["items"]
                .as_array()
                .and_then(|items| {
                    items.iter().find(|item| {
                        let status = item["delete"]["status"].as_u64().unwrap_or(0);
                        !(200..300).contains(&status) && status != 404
                    })
                })
                .cloned();
            if let Some(item) = failed {
                bail!("deleting passages on {target}: {}", item["delete"]);
            }
        }
        after = hits.last().map(|hit| hit["sort"].clone());
    }
    refresh(client)?;
    Ok(requests + 1)
}

/// Makes what was sent or deleted visible to searches (one request).
fn refresh(client: &Client) -> Result<()> {
    client.expect_ok(
        Method::Post,
        &client.target.index_url("_refresh"),
        None,
        "refreshing the index",
    )?;
    Ok(())
}

/// One `_bulk` request being built.
#[derive(Default)]
struct Bulk {
    body: String,
    /// The passages in it, in order: (id, path:line) to name a refused one.
    items: Vec<(String, String)>,
    passages: usize,
}

impl Bulk {
    fn clear(&mut self) {
        self.body.clear();
        self.items.clear();
        self.passages = 0;
    }

    fn add(&mut self, record: &PassageRecord, units: &mut Units) -> Result<()> {
        let action = json!({ "index": { "_id": record.id } });
        let passage = &record.passage;
        let document = json!({
            "path": passage.path,
            "line": passage.line,
            "report": passage.report,
            "passage": passage.passage,
            "tiebreak": record.tiebreak,
            "title": passage.title,
            "heading": passage.heading,
            "text": passage.text,
            "org": passage.org,
            WORDS: slots(&record.word_tokens),
            TITLE_WORDS: slots(&units.words(&passage.title)),
            HEADING_WORDS: slots(&units.words(&passage.heading)),
            GRAMS: slots(&record.gram_tokens),
            "year": passage.year,
            "kind": passage.kind,
            "level": passage.level,
            "region": passage.region.as_deref().unwrap_or(UNKNOWN),
            "published": passage.published,
        });
        self.body.push_str(&action.to_string());
        self.body.push('\n');
        self.body.push_str(&document.to_string());
        self.body.push('\n');
        self.items.push((
            record.id.clone(),
            format!("{}:{}", passage.path, passage.line),
        ));
        self.passages += 1;
        Ok(())
    }

    /// Sends the batch; items refused with 429 are sent again (with backoff), any other
    /// refusal is an error naming the passages.
    fn send(&self, client: &Client) -> Result<()> {
        let target = &client.target;
        let url = target.base.clone() + "/" + &target.index + "/_bulk";
        let mut body = self.body.clone();
        let mut items: Vec<usize> = (0..self.items.len()).collect();
        let mut wait = Duration::from_millis(250);
        for attempt in 1..=6 {
            let reply =
                client.expect_ok(Method::Post, &url, Some(&body), "loading passages (_bulk)")?;
            if reply["errors"].as_bool() != Some(true) {
                return Ok(());
            }
            let answered = reply["items"].as_array().cloned().unwrap_or_default();
            let mut again = Vec::new();
            let mut refused = Vec::new();
            for (at, item) in answered.iter().enumerate() {
                let Some(&index) = items.get(at) else { break };
                let result = &item["index"];
                let status = result["status"].as_u64().unwrap_or(0);
                if (200..300).contains(&status) {
                    continue;
                }
                if status == 429 || status >= 500 {
                    again.push(index);
                } else {
                    let reason = result["error"]["reason"].as_str().unwrap_or("refused");
                    let (id, place) = &self.items[index];
                    refused.push(format!("{place} (id {id}): {status} {reason}"));
                }
            }
            if !refused.is_empty() {
                let shown: Vec<&String> = refused.iter().take(5).collect();
                let more = refused.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                bail!(
                    "the cluster {target} refused {} passage(s): {}{more}",
                    refused.len(),
                    shown
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
            if again.is_empty() {
                return Ok(());
            }
            if attempt == 6 {
                bail!(
                    "the cluster {target} kept refusing {} passage(s) as too busy (429/5xx), the first {}",
                    again.len(),
                    self.items[again[0]].1
                );
            }
            std::thread::sleep(wait);
            wait *= 2;
            body = again_body(&self.body, &again);
            items = again;
        }
        Ok(())
    }
}

/// The lines of the bulk body for the items at `indexes` (two lines each).
fn again_body(body: &str, indexes: &[usize]) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let mut out = String::new();
    for &index in indexes {
        for line in lines.iter().skip(index * 2).take(2) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn read_states(dir: &Path) -> Result<PushStates> {
    let path = dir.join(PUSH_STATE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).with_context(|| {
            format!(
                "reading `{}` (delete it to push everything again)",
                path.display()
            )
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(PushStates::new()),
        Err(err) => Err(err).with_context(|| format!("reading `{}`", path.display())),
    }
}

fn write_states(dir: &Path, states: &PushStates) -> Result<()> {
    let path = dir.join(PUSH_STATE_FILE);
    let temporary = dir.join(format!("{PUSH_STATE_FILE}.tmp"));
    let text = serde_json::to_string_pretty(states)?;
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, &path))
        .with_context(|| format!("writing `{}`", path.display()))
}
