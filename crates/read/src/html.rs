//! Single HTML pages.

use crate::{Ctx, ReadError, encoding};
use std::io::BufRead;
use storyline_doc::{Body, Hints, RawDocument};

pub(crate) fn read(ctx: &Ctx, r: &mut dyn BufRead) -> Result<RawDocument, ReadError> {
    let bytes = ctx.read_whole(r)?;
    let decoded = encoding::decode_html(&bytes, ctx.http_charset(), ctx.tld().as_deref());
    ctx.report_decoding(&bytes, &decoded);
    let hints = Hints { url: ctx.url.clone(), ..Hints::default() };
    Ok(RawDocument { provenance: ctx.provenance(None, &bytes), body: Body::Html(decoded.text), hints })
}
