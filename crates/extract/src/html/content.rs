//! Finding the article among the blocks: every block gets a value (positive for prose,
//! negative for link lists and short interface text), values add up the tree, and the element
//! whose subtree holds the most net prose is the article's container. Inside it, blocks that
//! still look like furniture are dropped.

use super::blocks::{Block, Blocks, Kind};
use super::tree::{Dom, NodeId, ROOT};

/// A block's worth as article text.
pub(super) fn value(b: &Block) -> f32 {
    let n = b.chars as f32;
    let ld = b.link_density();
    if ld > 0.5 {
        return -0.5 * n;
    }
    match b.kind {
        Kind::Heading(_) => 0.0,
        _ if n < 40.0 && !has_sentence_end(&b.text) => -0.5 * n,
        Kind::Paragraph | Kind::Quote | Kind::Pre => n * (1.0 - ld),
        _ => 0.8 * n * (1.0 - 2.0 * ld),
    }
}

fn has_sentence_end(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '“', '’', ')', '»', '«', '」', ' '])
        .ends_with(['.', '!', '?', '。', '…', ':'])
}

/// Share of the best score a named article body needs to be preferred over the best element.
const NAMED_BODY_SHARE: f32 = 0.3;

/// The container of the article.
pub fn container(dom: &Dom, blocks: &Blocks) -> NodeId {
    let n = dom.nodes.len();
    let score = scores(dom, blocks);
    // Preorder: on a tie the deeper element wins, holding the same prose with less around it.
    let mut best = ROOT;
    for id in 1..n {
        if score[id] >= score[best as usize] && dom.tag(id as NodeId) != super::tag::Tag::Text {
            best = id as NodeId;
        }
    }
    let best_score = score[best as usize];
    if let Some(&named) = blocks
        .content_nodes
        .iter()
        .max_by(|&&a, &&b| score[a as usize].total_cmp(&score[b as usize]))
        .filter(|&&c| score[c as usize] > 0.0 && score[c as usize] >= NAMED_BODY_SHARE * best_score)
    {
        return named;
    }
    best
}

/// Each element's net prose: the values of the blocks in its subtree, summed.
pub(super) fn scores(dom: &Dom, blocks: &Blocks) -> Vec<f32> {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    for b in &blocks.blocks {
        score[b.owner as usize] += value(b);
    }
    for id in (1..n).rev() {
        let p = dom.nodes[id].parent as usize;
        score[p] += score[id];
    }
    score
}

/// The article's paragraphs: the blocks inside `container` that read as text.
pub fn paragraphs(dom: &Dom, blocks: &Blocks, container: NodeId, title: Option<&str>) -> Vec<String> {
    let end = dom.subtree_end(container);
    let inside = |b: &Block| b.owner >= container && b.owner < end;
    let norm_title = title.map(normalise);
    let kept: Vec<&Block> =
        blocks.blocks.iter().filter(|b| inside(b)).filter(|b| keep(b, norm_title.as_deref())).collect();
    // A heading introduces what follows it; one followed by no text (only by a heading of its
    // rank, or by the link list that was dropped) titles furniture: "Related", "More on this".
    // A section heading followed by its first subsection's heading introduces text if that one
    // does.
    let introduces_text = |mut i: usize| loop {
        match (kept[i].kind, kept.get(i + 1).map(|b| b.kind)) {
            (_, None) => return false,
            (Kind::Heading(level), Some(Kind::Heading(next))) if next > level => i += 1,
            (Kind::Heading(_), Some(Kind::Heading(_))) => return false,
            _ => return true,
        }
    };
    let mut out: Vec<&Block> = kept
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            !matches!(b.kind, Kind::Heading(_)) || b.chars >= HEADING_MAX_CHARS || introduces_text(i)
        })
        .map(|(_, b)| *b)
        .collect();
    // The article's edges are where its furniture sits: labels ("Contact:", "Tags"), datelines,
    // "Advertisement". Short lines that are not sentences are trimmed there.
    while out.last().is_some_and(|b| is_label(b)) {
        out.pop();
    }
    let lead = out.iter().take_while(|b| is_label(b)).count();
    out[lead..].iter().map(|b| b.text.clone()).collect()
}

/// Shortest paragraph kept whatever its share of linked words.
const LINKED_PROSE_MIN_CHARS: u32 = 100;

/// Longest heading judged as one: past this, a paragraph was styled as a heading.
const HEADING_MAX_CHARS: u32 = 100;

/// Most characters of a line read as a label rather than as text.
const LABEL_MAX_CHARS: u32 = 40;

fn is_label(b: &Block) -> bool {
    b.chars < LABEL_MAX_CHARS && !has_sentence_end(&b.text)
}

/// Most words of a byline ("By Jane Doe and John Roe").
const BYLINE_MAX_WORDS: usize = 7;

/// "By Jane Doe", "Von Max Mustermann", "Par Jean Dupont": the byline, which the page's
/// metadata keeps and the text does not.
fn is_byline(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else { return false };
    let first = first.trim_end_matches(':').to_lowercase();
    let rest: Vec<&str> = words.collect();
    matches!(first.as_str(), "by" | "von" | "par" | "por" | "di" | "door" | "av" | "af")
        && !rest.is_empty()
        && rest.len() < BYLINE_MAX_WORDS
        && rest[0].chars().next().is_some_and(char::is_uppercase)
        && !has_sentence_end(text)
}

fn keep(b: &Block, title: Option<&str>) -> bool {
    // A long paragraph of sentences is text even when most of its words are linked.
    let prose = b.kind == Kind::Paragraph && b.chars >= LINKED_PROSE_MIN_CHARS && has_sentence_end(&b.text);
    let max_link_density = if b.kind == Kind::ListItem { 0.8 } else { 0.5 };
    if b.link_density() > max_link_density && !prose {
        return false;
    }
    let text = b.text.trim_start();
    if is_byline(text) {
        return false;
    }
    if text.starts_with('©') || text.starts_with("Copyright") || text.starts_with("(c)") {
        return false;
    }
    if let (Kind::Heading(_), Some(t)) = (b.kind, title)
        && normalise(&b.text) == t
    {
        return false;
    }
    true
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}
