//! Past one machine: the passages of an index as records (`baogao export`), loaded into an
//! OpenSearch (or Elasticsearch 7/8) cluster with baogao's own analysis (`baogao push`), and
//! searched there with the same query language, hit sets and facet counts
//! (`baogao search --remote`).

mod client;
mod dsl;
mod mapping;
mod push;
mod record;
mod reports;
mod search;
mod source;
mod tally;
mod target;

pub use client::{Client, Method, Reply};
pub use mapping::{index_body, meta, slots, MAPPING_VERSION};
pub use push::{push, PushOptions, PushSummary, PUSH_STATE_FILE};
pub use record::{for_each_passage, PassageRecord};
pub use search::RemoteIndex;
pub use target::{redact, Target, PASSWORD_ENV, URL_ENV, USER_ENV};
