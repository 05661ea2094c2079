//! A small blocking HTTP client for the cluster's REST API (ureq): JSON in and out, basic
//! authentication, a timeout, and retries with backoff for what a busy cluster answers
//! (429 Too Many Requests, 5xx) and for a refused or dropped connection; a request that timed
//! out is an error at once. Messages name the URL without
//! credentials (the [`Target`] never holds them in its URL).

use std::time::Duration;

use anyhow::{anyhow, bail, Result};
use serde_json::Value;

use super::target::Target;

/// Attempts of a retried request, the first included.
const ATTEMPTS: u32 = 6;
/// The wait before the first retry; doubled each time (0.25 s, 0.5 s … 4 s).
const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// An HTTP method the client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// An answer: its status and its body, parsed when it is JSON (else a string).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    /// The cluster's own reason for an error answer (`error.reason`, with its root cause).
    pub fn reason(&self) -> String {
        let error = &self.body["error"];
        fn text(value: &Value) -> Option<&str> {
            value.as_str().filter(|text| !text.is_empty())
        }
        let root = text(&error["root_cause"][0]["reason"]);
        let caused = text(&error["caused_by"]["reason"]);
        let reason = text(&error["reason"]).or_else(|| text(error)).or(caused);
        match (reason, root.or(caused)) {
            (Some(reason), Some(root)) if root != reason => format!("{reason} ({root})"),
            (Some(reason), _) => reason.to_string(),
            (None, _) => match &self.body {
                Value::String(text) => text.chars().take(300).collect(),
                other => other.to_string().chars().take(300).collect(),
            },
        }
    }
}

/// The client of one cluster.
pub struct Client {
    agent: ureq::Agent,
    pub target: Target,
    authorization: Option<String>,
    timeout: Duration,
}

impl Client {
    /// A client for `target`, each request bounded by `timeout`.
    pub fn new(target: Target, timeout: Duration) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let authorization = target
            .credentials
            .as_ref()
            .map(|(user, password)| format!("Basic {}", base64(&format!("{user}:{password}"))));
        Client {
            agent,
            target,
            authorization,
            timeout,
        }
    }

    /// One request to `url` (built from the target), no retry. An error is a transport
    /// failure (refused, timed out); an HTTP error status is a [`Reply`].
    pub fn call(&self, method: Method, url: &str, body: Option<&str>) -> Result<Reply> {
        let outcome = match method {
            Method::Get => self.with_auth(self.agent.get(url)).call(),
            Method::Delete => self.with_auth(self.agent.delete(url)).call(),
            Method::Put => self.send(self.agent.put(url), body),
            Method::Post => self.send(self.agent.post(url), body),
        };
        let mut response = outcome.map_err(|err| self.transport_error(method, url, err))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .map_err(|err| self.transport_error(method, url, err))?;
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Ok(Reply { status, body })
    }

    /// [`Client::call`], retried with backoff on 429, 5xx and transport failures; a final
    /// 429/5xx is returned as its reply, a final transport failure as the error.
    pub fn call_retrying(&self, method: Method, url: &str, body: Option<&str>) -> Result<Reply> {
        let mut wait = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let outcome = self.call(method, url, body);
            // A request that timed out is not sent again: the wait would be multiplied.
            let retry = match &outcome {
                Ok(reply) => reply.status == 429 || reply.status >= 500,
                Err(err) => !err.is::<TimedOut>(),
            };
            if !retry || attempt >= ATTEMPTS {
                return outcome;
            }
            std::thread::sleep(wait);
            wait *= 2;
            attempt += 1;
        }
    }

    /// A request whose answer must be 2xx: its body, else an error with the cluster's reason.
    pub fn expect_ok(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        doing: &str,
    ) -> Result<Value> {
        let reply = self.call_retrying(method, url, body)?;
        if !(200..300).contains(&reply.status) {
            bail!(
                "{doing}: {} {url} answered {}: {}",
                method.name(),
                reply.status,
                reply.reason()
            );
        }
        Ok(reply.body)
    }

    fn with_auth<B>(&self, request: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.authorization {
            Some(value) => request.header("Authorization", value),
            None => request,
        }
    }

    fn send(
        &self,
        request: ureq::RequestBuilder<ureq::typestate::WithBody>,
        body: Option<&str>,
    ) -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let request = self
            .with_auth(request)
            .header("Content-Type", "application/json");
        request.send(body.unwrap_or(""))
    }

    fn transport_error(&self, method: Method, url: &str, err: ureq::Error) -> anyhow::Error {
        match err {
            ureq::Error::Timeout(_) => anyhow::Error::new(TimedOut(format!(
                "{} {url}: the cluster did not answer within {} s (raise --timeout, or check the cluster's load)",
                method.name(),
                self.timeout.as_secs()
            ))),
            other => anyhow!(
                "{} {url}: cannot reach the cluster: {other} (is it running, and is the URL right?)",
                method.name()
            ),
        }
    }
}

/// A request the cluster did not answer in time (not retried).
#[derive(Debug)]
struct TimedOut(String);

impl std::fmt::Display for TimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TimedOut {}

/// Standard base64 with padding (RFC 4648), for the Authorization header.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("admin:admin", "YWRtaW46YWRtaW4="),
        ] {
            assert_eq!(base64(plain), encoded);
        }
    }
}
