//! Where a cluster index is: `http(s)://[user:password@]host:port[/index]`, from the command
//! line or `$BAOGAO_OPENSEARCH_URL`, credentials also from `$BAOGAO_OPENSEARCH_USER` and
//! `$BAOGAO_OPENSEARCH_PASSWORD`. The password is never shown: every message names the
//! cluster by [`Target`]'s `Display`, which leaves the credentials out.

use std::fmt;

use anyhow::{bail, Result};

/// The environment variable that names the cluster when no URL is given.
pub const URL_ENV: &str = "BAOGAO_OPENSEARCH_URL";
/// The user name, when the URL holds none.
pub const USER_ENV: &str = "BAOGAO_OPENSEARCH_USER";
/// The password, when the URL holds none.
pub const PASSWORD_ENV: &str = "BAOGAO_OPENSEARCH_PASSWORD";
/// The index name when the URL has no path.
pub const DEFAULT_INDEX: &str = "baogao";

/// A cluster and the index in it.
#[derive(Clone)]
pub struct Target {
    /// `scheme://host:port`, without credentials or path.
    pub base: String,
    pub index: String,
    /// User and password for HTTP basic authentication.
    pub credentials: Option<(String, String)>,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.base, self.index)
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the password, not even in a debug print.
        write!(f, "Target({self})")
    }
}

impl Target {
    /// The target of `url`, or of `$BAOGAO_OPENSEARCH_URL` when `url` is None; credentials
    /// from the URL, else from the environment.
    pub fn resolve(url: Option<&str>) -> Result<Self> {
        let from_env = std::env::var(URL_ENV).ok();
        let Some(url) = url.or(from_env.as_deref()) else {
            bail!("no cluster given: pass its URL (http://host:9200/INDEX) or set ${URL_ENV}");
        };
        let env = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        Self::parse(url, env(USER_ENV), env(PASSWORD_ENV))
    }

    /// Parses a cluster URL; `user`/`password` are used when the URL holds no credentials.
    pub fn parse(url: &str, user: Option<String>, password: Option<String>) -> Result<Self> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once("://") else {
            bail!(
                "the cluster URL `{}` has no scheme: write http://host:9200/INDEX",
                redact(url)
            );
        };
        if scheme != "http" && scheme != "https" {
            bail!(
                "the cluster URL `{}`: only http and https are supported",
                redact(url)
            );
        }
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (userinfo, host) = match authority.rsplit_once('@') {
            Some((userinfo, host)) => (Some(userinfo), host),
            None => (None, authority),
        };
        if host.is_empty() {
            bail!("the cluster URL `{}` names no host", redact(url));
        }
        let credentials = match userinfo {
            Some(userinfo) => {
                let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
                Some((decode(user), decode(password)))
            }
            None => user.map(|user| (user, password.unwrap_or_default())),
        };
        let index = path.trim_matches('/');
        let index = if index.is_empty() {
            DEFAULT_INDEX
        } else {
            index
        };
        if index.contains('/')
            || index.starts_with(['_', '-', '+'])
            || index
                .chars()
                .any(|c| c.is_ascii_uppercase() || " \"*\\<|,>?#:".contains(c))
        {
            bail!(
                "the cluster URL `{}`: `{index}` is not a valid index name (lower case, no / or spaces, not starting with _)",
                redact(url)
            );
        }
        Ok(Target {
            base: format!("{scheme}://{host}"),
            index: index.to_string(),
            credentials,
        })
    }

    /// The URL of `path` under the index (`_search`, `_bulk`, …; empty for the index itself).
    pub fn index_url(&self, path: &str) -> String {
        if path.is_empty() {
            format!("{}/{}", self.base, self.index)
        } else {
            format!("{}/{}/{}", self.base, self.index, path)
        }
    }
}

/// A URL with any `user:password@` left out, for messages.
pub fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = authority
                .rsplit_once('@')
                .map_or(authority, |(_, host)| host);
            let path = if path.is_empty() {
                String::new()
            } else {
                format!("/{path}")
            };
            format!("{scheme}://{host}{path}")
        }
        None => match url.rsplit_once('@') {
            Some((_, host)) => host.to_string(),
            None => url.to_string(),
        },
    }
}

/// Percent-decoding of a URL's user or password (`p%40ss` → `p@ss`).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' && at + 2 < bytes.len() + 1 {
            if let Some(byte) = text
                .get(at + 1..at + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(byte);
                at += 3;
                continue;
            }
        }
        out.push(bytes[at]);
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_read_and_never_displayed() {
        let target = Target::parse("https://admin:s%40cret@db.example:9200/reports", None, None)
            .expect("a valid URL");
        assert_eq!(target.base, "https://db.example:9200");
        assert_eq!(target.index, "reports");
        assert_eq!(
            target.credentials,
            Some(("admin".to_string(), "s@cret".to_string()))
        );
        assert_eq!(target.to_string(), "https://db.example:9200/reports");
        assert!(!format!("{target:?}").contains("cret"));
    }

    #[test]
    fn the_index_defaults_and_env_credentials_fill_in() {
        let target = Target::parse(
            "http://127.0.0.1:9200",
            Some("u".to_string()),
            Some("p".to_string()),
        )
        .expect("a valid URL");
        assert_eq!(target.index, DEFAULT_INDEX);
        assert_eq!(target.credentials, Some(("u".to_string(), "p".to_string())));
    }

    #[test]
    fn a_bad_url_is_refused_without_its_password() {
        for url in ["admin:hunter2@host:9200", "ftp://admin:hunter2@host/x"] {
            let err = Target::parse(url, None, None)
                .expect_err("refused")
                .to_string();
            assert!(!err.contains("hunter2"), "{err}");
        }
        assert!(Target::parse("http://h:9200/Bad", None, None).is_err());
    }
}
