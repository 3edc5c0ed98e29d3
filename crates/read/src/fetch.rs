//! Fetching URLs over HTTP(S) with `ureq`: bounded in time and size, redirects followed.

use crate::ReadOptions;
use std::io::Read;
use ureq::ResponseExt;

pub(crate) struct Fetched {
    pub reader: Box<dyn Read + Send>,
    pub content_type: Option<String>,
    /// The URL after redirects.
    pub final_url: String,
    pub fetched_at: String,
}

pub(crate) fn fetch(url: &str, opts: &ReadOptions) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.fetch_timeout))
        .user_agent(opts.user_agent.as_str())
        .max_redirects(opts.max_redirects)
        .http_status_as_error(false)
        .build()
        .into();
    let fetched_at = crate::time::now();
    let resp = agent.get(url).call().map_err(|e| format!("cannot fetch: {e}"))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(format!("HTTP status {status}"));
    }
    let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
    let final_url = resp.get_uri().to_string();
    // The limit bounds the whole body; per-document limits apply on top while reading it.
    let reader = resp.into_body().into_with_config().limit(opts.max_fetch_bytes).reader();
    Ok(Fetched { reader: Box::new(reader), content_type, final_url, fetched_at })
}
