//! Downloading MSRC CVRF documents (DOMAIN.md section 9).

use std::io::Read;
use std::time::Duration;

/// MSRC's CVRF API; `--msrc-url` replaces it (mirrors, tests).
pub const MSRC_BASE: &str = "https://api.msrc.microsoft.com/cvrf/v3.0";

/// How long a connection or a whole download may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// A month's CVRF XML is 2–4 MB; more than this is not a CVRF document.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What a download gave.
pub enum Fetched {
    /// The document's text.
    Text(String),
    /// 404: the month's document is not published yet (normal before Patch Tuesday).
    NotPublished,
}

/// An HTTP client with the command's timeouts.
pub struct Client {
    agent: ureq::Agent,
}

impl Client {
    pub fn new() -> Client {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(TIMEOUT)
            .timeout(TIMEOUT)
            .user_agent(concat!("hotpatch-planner/", env!("CARGO_PKG_VERSION")))
            .build();
        Client { agent }
    }

    /// GETs `url`; the error is a sentence naming the URL.
    pub fn get(&self, url: &str) -> Result<Fetched, String> {
        let response = match self.agent.get(url).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(404, _)) => return Ok(Fetched::NotPublished),
            Err(ureq::Error::Status(code, r)) => {
                return Err(format!("{url}: HTTP {code} {}", r.status_text()));
            }
            Err(ureq::Error::Transport(t)) => return Err(format!("{url}: {t}")),
        };
        let mut bytes = Vec::new();
        response
            .into_reader()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{url}: the download broke off: {e}"))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(format!("{url}: larger than {} MiB; not a CVRF document", MAX_BYTES / 1024 / 1024));
        }
        super::text::decode(&bytes).map(Fetched::Text).map_err(|e| format!("{url}: {e}"))
    }
}
