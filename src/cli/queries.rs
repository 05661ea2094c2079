//! The queries of `search` and `trend`: the words on the command line, or one query a line
//! of a file (`-f`).

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

use crate::search::parse_query;

/// What to look for, as `search` and `trend` take it (each command words the help of
/// `--file` for what it does with several queries).
#[derive(Debug, Clone, clap::Args)]
pub struct QueryArgs {
    /// What to look for
    #[arg(value_name = "QUERY", required_unless_present = "file", num_args = 1..)]
    pub query: Vec<String>,
    /// Run each line of FILE as a query (blank lines and `#` comments skipped), each result
    /// set under its query
    #[arg(
        short = 'f',
        long = "file",
        value_name = "FILE",
        conflicts_with = "query"
    )]
    pub file: Option<PathBuf>,
}

impl QueryArgs {
    /// The queries to run: those of the file, or the words given as one query.
    pub fn queries(&self) -> Result<Vec<String>> {
        match &self.file {
            Some(file) => read_queries(file),
            None => Ok(vec![self.query.join(" ")]),
        }
    }

    /// Whether several queries are run (`-f`), each answered under its query.
    pub fn several(&self) -> bool {
        self.file.is_some()
    }
}

/// The queries of a `-f` file, one a line, blank lines and `#` comments skipped; every one
/// parsed before anything runs, so that a mistake on line 7 prints nothing but itself.
fn read_queries(file: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("reading the queries of `{}`", file.display()))?;
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let query = line.trim();
        if query.is_empty() || query.starts_with('#') {
            continue;
        }
        if let Err(reason) = parse_query(query) {
            bail!(
                "{}:{}: cannot parse the query `{query}`: {reason}",
                file.display(),
                number + 1
            );
        }
        queries.push(query.to_string());
    }
    if queries.is_empty() {
        bail!("`{}` holds no query (one a line)", file.display());
    }
    Ok(queries)
}
