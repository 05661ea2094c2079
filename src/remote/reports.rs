//! `baogao reports --remote`: every report of a cluster index with its metadata, as
//! [`crate::search::list_reports`] lists them locally: one `composite` bucket per (path,
//! report), page by page, with the report's first passage (lowest position) for its line and
//! metadata.

use anyhow::{anyhow, Result};
use serde_json::{json, Value};

use super::dsl::filter_queries;
use super::search::RemoteIndex;
use super::source::Source;
use crate::search::{Filters, ReportSummary};

/// Reports per page.
const PAGE: usize = 1_000;

impl RemoteIndex {
    /// Every report whose passages pass `filters`, sorted by path, then report number.
    pub fn list_reports(&self, filters: &Filters) -> Result<Vec<ReportSummary>> {
        let query =
            json!({ "bool": { "must": [{ "match_all": {} }], "filter": filter_queries(filters) } });
        let mut reports = Vec::new();
        let mut after: Option<Value> = None;
        loop {
            let mut composite = json!({
                "size": PAGE,
                "sources": [
                    { "path": { "terms": { "field": "path" } } },
                    { "report": { "terms": { "field": "report" } } }
                ]
            });
            if let Some(after) = &after {
                composite["after"] = after.clone();
            }
            let aggs = json!({ "reports": {
                "composite": composite,
                "aggs": { "first": { "top_hits": {
                    "size": 1,
                    "sort": [{ "passage": "asc" }],
                    "_source": ["line", "title", "year", "kind", "level", "region", "org", "published"]
                } } }
            } });
            let answer = self.page(&query, 0, None, Some(aggs))?;
            let aggregation = &answer["aggregations"]["reports"];
            let buckets = aggregation["buckets"]
                .as_array()
                .ok_or_else(|| anyhow!("the cluster did not list the reports"))?;
            for bucket in buckets {
                reports.push(summary(bucket)?);
            }
            match aggregation.get("after_key") {
                Some(key) if !buckets.is_empty() => after = Some(key.clone()),
                _ => break,
            }
        }
        reports.sort_by(|a, b| a.path.cmp(&b.path).then(a.report.cmp(&b.report)));
        Ok(reports)
    }
}

fn summary(bucket: &Value) -> Result<ReportSummary> {
    let path = bucket["key"]["path"]
        .as_str()
        .ok_or_else(|| anyhow!("the cluster returned a report without `path`"))?;
    let first = Source::new(&bucket["first"]["hits"]["hits"][0]["_source"], path);
    Ok(ReportSummary {
        report: bucket["key"]["report"].as_u64().unwrap_or(0),
        line: first.number("line")?,
        title: first.text("title")?,
        year: first.year()?,
        kind: first.kind()?,
        level: first.level()?,
        region: first.region()?,
        org: first.org(),
        published: first.published()?,
        passages: bucket["doc_count"].as_u64().unwrap_or(0),
        path: path.to_string(),
    })
}
