//! The states the story and resolve passes save in the store (`Store::pass_state`), so that
//! the next ingest feeds them only the articles stored since. A state is encoded with
//! postcard and trusted only under the fingerprint it was saved with: this build, and what
//! the pass read from the store up to the last article it fed.

use serde::Serialize;
use serde::de::DeserializeOwned;
use storyline_store::{PassState, Store};

/// The state `pass` saved and the last article it had fed, when `fingerprint` (of the store
/// up to that article) is still the one it was saved under and it decodes.
pub(crate) fn load<T: DeserializeOwned>(
    store: &Store,
    pass: &str,
    fingerprint: impl Fn(i64) -> anyhow::Result<Option<String>>,
) -> anyhow::Result<Option<(T, i64)>> {
    let Some(saved) = store.pass_state(pass)? else { return Ok(None) };
    if fingerprint(saved.fed_through)?.as_ref() != Some(&saved.fingerprint) {
        tracing::debug!(
            pass,
            "the saved state is for other articles or another build: the pass starts again"
        );
        return Ok(None);
    }
    match postcard::from_bytes::<T>(&saved.state) {
        Ok(state) => Ok(Some((state, saved.fed_through))),
        Err(e) => {
            tracing::warn!(
                pass,
                "the saved state does not decode ({e}): the pass starts again from the first article"
            );
            Ok(None)
        }
    }
}

/// `state` encoded to be saved, after article `fed_through`, under `fingerprint`; `None`
/// when there is no fingerprint (nothing is saved that could not be checked).
pub(crate) fn encode<T: Serialize>(
    state: &T,
    fed_through: i64,
    fingerprint: Option<String>,
) -> anyhow::Result<Option<PassState>> {
    let Some(fingerprint) = fingerprint else { return Ok(None) };
    Ok(Some(PassState { fed_through, fingerprint, state: postcard::to_stdvec(state)? }))
}

/// This executable: its version, size and modification time. A new build may cluster or
/// resolve differently, so a state saved by another one is not trusted; `None` when the
/// executable cannot be examined.
pub(crate) fn build_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?.metadata().ok()?;
    let modified = exe.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}-{}-{}", env!("CARGO_PKG_VERSION"), exe.len(), modified.as_nanos()))
}
