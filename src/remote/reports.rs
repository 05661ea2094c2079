//! `baogao reports --remote`: every report of a cluster index with its metadata, as
//! [`crate::search::list_reports`] lists them locally: one `composite` bucket per (path,
//! report), page by page, with the report's first passage (lowest position) for its line and
//! metadata.

use anyhow::{anyhow, Result};
use serde_json::{json, Value};

use super::dsl::filter_queries;
use super::search::{parse_date, RemoteIndex};
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
        .unwrap_or_default()
        .to_string();
    let source = &bucket["first"]["hits"]["hits"][0]["_source"];
    let text = |key: &str| source[key].as_str().unwrap_or_default().to_string();
    let published = match source["published"].as_str() {
        Some(date) => Some(
            parse_date(date)
                .ok_or_else(|| anyhow!("the cluster holds a bad date `{date}` for {path}"))?,
        ),
        None => None,
    };
    Ok(ReportSummary {
        report: bucket["key"]["report"].as_u64().unwrap_or(0),
        line: source["line"].as_u64().unwrap_or(0),
        title: text("title"),
        year: source["year"]
            .as_u64()
            .and_then(|year| u16::try_from(year).ok()),
        kind: text("kind"),
        level: text("level"),
        region: Some(text("region")).filter(|region| !region.is_empty() && region != "unknown"),
        org: Some(text("org")).filter(|org| !org.is_empty()),
        published,
        passages: bucket["doc_count"].as_u64().unwrap_or(0),
        path,
    })
}
