//! `baogao trend --remote` and `stats --remote`: passages, reports and files matching a query
//! (or all of them) per facet value, counted on the cluster exactly. A report is a (path, report) pair: the cluster lists every distinct
//! (value, path, report) with a `composite` aggregation, page by page, and baogao counts them
//! (a `cardinality` aggregation would be approximate).

use std::collections::BTreeMap;

use anyhow::{anyhow, Result};
use serde_json::{json, Value};

use super::search::RemoteIndex;
use crate::schema::facet::UNKNOWN;
use crate::search::{FacetName, FacetTally, Filters, Tallies, Tally};

/// Buckets per page of a composite aggregation.
const PAGE: usize = 10_000;

impl RemoteIndex {
    /// Counts what `query` matches under `filters`, in all and per value of each of `facets`
    /// (as [`crate::search::tally_query`] does locally).
    pub fn tally_query(
        &self,
        query: &str,
        filters: &Filters,
        exact: bool,
        facets: &[FacetName],
    ) -> Result<Tallies> {
        let (query, _) = self.build(query, filters, exact)?;
        self.tally(&query, facets)
    }

    /// Counts every passage of the index, in all and per value of each of `facets` (`stats`,
    /// as [`crate::search::tally_all`]).
    pub fn tally_all(&self, facets: &[FacetName]) -> Result<Tallies> {
        self.tally(&json!({ "match_all": {} }), facets)
    }

    /// The bytes the index's primary shards take on the cluster.
    pub fn store_bytes(&self) -> Result<u64> {
        let target = &self.client.target;
        let stats = self.client.expect_ok(
            super::client::Method::Get,
            &target.index_url("_stats/store"),
            None,
            "reading the size of the index",
        )?;
        stats["_all"]["primaries"]["store"]["size_in_bytes"]
            .as_u64()
            .ok_or_else(|| anyhow!("the cluster did not say the size of {target}"))
    }

    fn tally(&self, query: &Value, facets: &[FacetName]) -> Result<Tallies> {
        let total = self.tally_by(query, None)?.remove("").unwrap_or_default();
        let facets = facets
            .iter()
            .map(|facet| {
                Ok(FacetTally {
                    facet: *facet,
                    values: self.tally_by(query, Some(*facet))?.into_iter().collect(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Tallies { total, facets })
    }

    /// The tally per value of `facet` (one value, "", without a facet).
    fn tally_by(&self, query: &Value, facet: Option<FacetName>) -> Result<BTreeMap<String, Tally>> {
        let mut sources = Vec::new();
        if let Some(facet) = facet {
            sources.push(json!({ "value": { "terms": { "field": facet.field_name(), "missing_bucket": true } } }));
        }
        sources.push(json!({ "path": { "terms": { "field": "path" } } }));
        sources.push(json!({ "report": { "terms": { "field": "report" } } }));
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        // The last (value, path) seen: buckets come sorted by value, then path, then report.
        let mut last: Option<(String, String)> = None;
        let mut after: Option<Value> = None;
        loop {
            let mut composite = json!({ "size": PAGE, "sources": sources });
            if let Some(after) = &after {
                composite["after"] = after.clone();
            }
            let answer = self.page(
                query,
                0,
                None,
                Some(json!({ "reports": { "composite": composite } })),
            )?;
            let aggregation = &answer["aggregations"]["reports"];
            let buckets = aggregation["buckets"]
                .as_array()
                .ok_or_else(|| anyhow!("the cluster did not count the reports"))?;
            for bucket in buckets {
                let key = &bucket["key"];
                let value = match &key["value"] {
                    Value::Null if facet.is_some() => UNKNOWN.to_string(),
                    Value::Null => String::new(),
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                let path = key["path"].as_str().unwrap_or_default().to_string();
                let tally = tallies.entry(value.clone()).or_default();
                tally.passages += bucket["doc_count"].as_u64().unwrap_or(0);
                tally.reports += 1;
                let pair = (value, path);
                if last.as_ref() != Some(&pair) {
                    tally.files += 1;
                    last = Some(pair);
                }
            }
            match aggregation.get("after_key") {
                Some(key) if !buckets.is_empty() => after = Some(key.clone()),
                _ => break,
            }
        }
        Ok(tallies)
    }
}
