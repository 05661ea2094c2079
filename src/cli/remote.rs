//! Where `search`, `trend`, `stats` and `reports` read: the local index, or with `--remote` a cluster index pushed by
//! `baogao push`. Both give the same results to the same renderers.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use super::IndexLocation;
use crate::index::{open_index, OpenIndex};
use crate::remote::{Client, RemoteIndex, Target};
use crate::render::ColorChoice;
use crate::search::{
    hits_per_file, search, tally_query, FacetName, Filters, SearchRequest, SearchResults, Tallies,
};

/// The options of a command that can read a cluster instead of the local index.
#[derive(Debug, Clone, clap::Args)]
pub struct RemoteArgs {
    /// Read the cluster index at URL (http://host:9200/INDEX, pushed by `baogao push`)
    /// instead of the local index; without URL, $BAOGAO_OPENSEARCH_URL. Credentials from the
    /// URL or $BAOGAO_OPENSEARCH_USER / $BAOGAO_OPENSEARCH_PASSWORD
    #[arg(long, value_name = "URL", num_args = 0..=1, default_missing_value = "")]
    pub remote: Option<String>,
    /// With --remote: how long to wait for the cluster's answer to one request
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

impl RemoteArgs {
    /// The cluster client, when --remote was given.
    pub fn client(&self) -> Result<Option<Client>> {
        let Some(url) = &self.remote else {
            return Ok(None);
        };
        let url = Some(url.as_str()).filter(|url| !url.is_empty());
        let target = Target::resolve(url)?;
        Ok(Some(Client::new(
            target,
            Duration::from_secs(self.timeout.max(1)),
        )))
    }
}

/// The options of every command that reads an index, local or on a cluster, and prints
/// what it found: `search`, `trend`, `stats`, `reports`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// When to colour the output
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub remote: RemoteArgs,
    #[command(flatten)]
    pub location: IndexLocation,
}

impl ReadArgs {
    /// The cluster index with --remote, else the local index.
    pub fn source(&self) -> Result<Source> {
        Source::open(&self.location.dir, &self.remote)
    }
}

/// An index to search, local or on a cluster.
pub enum Source {
    Local(Box<OpenIndex>),
    Remote(Box<RemoteIndex>),
}

impl Source {
    /// The cluster index when `remote` says so, else the local index at `dir`.
    pub fn open(dir: &Path, remote: &RemoteArgs) -> Result<Self> {
        Ok(match remote.client()? {
            Some(client) => Source::Remote(Box::new(RemoteIndex::open(client)?)),
            None => Source::Local(Box::new(open_index(dir)?)),
        })
    }

    /// The folder the indexed paths are relative to.
    pub fn corpus_root(&self) -> PathBuf {
        match self {
            Source::Local(open) => open.meta.corpus_root.clone(),
            Source::Remote(remote) => remote.corpus_root.clone(),
        }
    }

    /// Runs one search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        Ok(match self {
            Source::Local(open) => search(open, request)?,
            Source::Remote(remote) => remote.search(request)?,
        })
    }

    /// The files with a match, with their hits (`-l`, `-c`).
    pub fn hits_per_file(
        &self,
        query: &str,
        filters: &Filters,
        exact: bool,
    ) -> Result<Vec<(String, u64)>> {
        Ok(match self {
            Source::Local(open) => hits_per_file(open, query, filters, exact)?,
            Source::Remote(remote) => remote.hits_per_file(query, filters, exact)?,
        })
    }
}

impl Source {
    /// What a query matches, counted in all and per value of `facets` (`trend`).
    pub fn tally_query(
        &self,
        query: &str,
        filters: &Filters,
        exact: bool,
        facets: &[FacetName],
    ) -> Result<Tallies> {
        Ok(match self {
            Source::Local(open) => tally_query(open, query, filters, exact, facets)?,
            Source::Remote(remote) => remote.tally_query(query, filters, exact, facets)?,
        })
    }
}
