//! The page's visible text cut into blocks: the runs of inline text between block-level
//! boundaries, each owned by its innermost block element and carrying what the scorer needs
//! (length, link text, kind).

use super::hints::{Hint, Hinter};
use super::tag::Tag;
use super::tree::{Dom, NodeId, ROOT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Heading(u8),
    Paragraph,
    ListItem,
    Quote,
    Cell,
    Pre,
    Other,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// Characters of `text` (not bytes, so that scripts weigh alike).
    pub chars: u32,
    /// Characters inside links.
    pub link_chars: u32,
    pub owner: NodeId,
    pub kind: Kind,
}

impl Block {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 { 0.0 } else { self.link_chars as f32 / self.chars as f32 }
    }
}

/// The blocks of the page, and the hints of the elements that were kept.
pub struct Blocks {
    pub blocks: Vec<Block>,
    /// Elements named as the article body.
    pub content_nodes: Vec<NodeId>,
}

/// Share of the page's prose above which an element named as furniture is kept anyway: a site
/// that puts its whole article inside `class="post has-share-bar"` still has an article.
const FURNITURE_MAX_SHARE: f32 = 0.5;
/// The same for elements whose name only may mean furniture.
const MAYBE_FURNITURE_MAX_SHARE: f32 = 0.2;

/// Cuts the page into blocks. `strict` also drops what class names call furniture; without it
/// only what is never article text (scripts, forms, hidden elements) is dropped, for pages
/// whose names mislead.
pub fn collect(dom: &Dom, strict: bool) -> Blocks {
    let survey = survey(dom);
    let prose = &survey.prose;
    let page = prose[ROOT as usize].max(1) as f32;
    let mut w = Walker {
        out: Vec::new(),
        buf: String::new(),
        link_chars: 0,
        chars: 0,
        in_link: 0,
        owners: vec![ROOT],
    };
    let mut content_nodes = Vec::new();
    // Explicit stack: broken pages nest thousands deep.
    let mut stack: Vec<(NodeId, bool)> = vec![(ROOT, false)];
    while let Some((id, leaving)) = stack.pop() {
        let tag = dom.tag(id);
        if leaving {
            if tag == Tag::A {
                w.in_link -= 1;
            }
            if tag.is_block() {
                w.flush(dom);
                if tag != Tag::Br {
                    w.owners.pop();
                }
            }
            continue;
        }
        match tag {
            Tag::Text => {
                w.push_text(&dom.text(id));
                continue;
            }
            Tag::Br => {
                w.line_break();
                continue;
            }
            t if t.is_junk() => continue,
            Tag::Root | Tag::Html | Tag::Body => {}
            _ => match survey.hints[id as usize] {
                Hint::Hidden => continue,
                Hint::Boilerplate | Hint::MaybeBoilerplate if !strict => {}
                // Inside a paragraph, a styled run of words (a dateline, a credit) is part of
                // the sentence, whatever its class says.
                Hint::Boilerplate | Hint::MaybeBoilerplate
                    if !tag.is_block() && tag != Tag::Other && w.in_paragraph(dom) => {}
                Hint::Boilerplate if (prose[id as usize] as f32) < FURNITURE_MAX_SHARE * page => continue,
                Hint::MaybeBoilerplate
                    if !survey.holds_body[id as usize]
                        && (prose[id as usize] as f32) < MAYBE_FURNITURE_MAX_SHARE * page =>
                {
                    continue;
                }
                Hint::Content => content_nodes.push(id),
                _ => {}
            },
        }
        if tag == Tag::A {
            w.in_link += 1;
        }
        if tag.is_block() && tag != Tag::Root {
            w.flush(dom);
            w.owners.push(id);
        }
        stack.push((id, true));
        let first = stack.len();
        stack.extend(dom.children(id).map(|c| (c, false)));
        stack[first..].reverse();
    }
    w.flush(dom);
    Blocks { blocks: w.out, content_nodes }
}

struct Walker {
    out: Vec<Block>,
    buf: String,
    link_chars: u32,
    chars: u32,
    in_link: u32,
    owners: Vec<NodeId>,
}

impl Walker {
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            // Soft hyphens, zero-width spaces and stray byte-order marks are invisible; kept,
            // they split words for every later stage.
            if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
                continue;
            }
            if c.is_whitespace() {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
                self.chars += 1;
                if self.in_link > 0 {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn in_paragraph(&self, dom: &Dom) -> bool {
        self.owners.last().is_some_and(|&o| dom.tag(o) == Tag::P)
    }

    /// A `<br>` ends a line but not the block: lines broken by hand are still one paragraph
    /// to the scorer, which would otherwise see each as short interface text.
    fn line_break(&mut self) {
        if self.chars > 0 && !self.buf.ends_with('\n') {
            let kept = self.buf.trim_end().len();
            self.buf.truncate(kept);
            self.buf.push('\n');
        }
    }

    fn flush(&mut self, dom: &Dom) {
        if self.chars > 0 {
            let owner = *self.owners.last().unwrap_or(&ROOT);
            let kind = kind_of(dom, &self.owners);
            let text = self.buf.trim_end().to_string();
            self.out.push(Block { text, chars: self.chars, link_chars: self.link_chars, owner, kind });
        }
        self.buf.clear();
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// The kind of text the innermost telling block ancestor makes (a `<div>` inside an `<li>` is
/// still a list item).
fn kind_of(dom: &Dom, owners: &[NodeId]) -> Kind {
    for &o in owners.iter().rev().take(4) {
        match dom.tag(o) {
            Tag::P => return Kind::Paragraph,
            Tag::H1 => return Kind::Heading(1),
            Tag::H2 => return Kind::Heading(2),
            Tag::H3 => return Kind::Heading(3),
            Tag::H4 => return Kind::Heading(4),
            Tag::H5 => return Kind::Heading(5),
            Tag::H6 => return Kind::Heading(6),
            Tag::Li | Tag::Dd | Tag::Dt => return Kind::ListItem,
            Tag::Blockquote => return Kind::Quote,
            Tag::Td | Tag::Th => return Kind::Cell,
            Tag::Pre => return Kind::Pre,
            _ => {}
        }
    }
    Kind::Other
}

/// What is known of every element before the walk: its hint, how much text outside links
/// it holds (bytes, junk excluded), and whether an element named as the article body lies
/// inside it.
struct Survey {
    prose: Vec<u32>,
    hints: Vec<Hint>,
    holds_body: Vec<bool>,
}

fn survey(dom: &Dom) -> Survey {
    let n = dom.nodes.len();
    let mut all = vec![0u32; n];
    let mut links = vec![0u32; n];
    let mut hints = vec![Hint::None; n];
    let mut holds_body = vec![false; n];
    let mut hinter = Hinter::default();
    for id in (1..n).rev() {
        let node = &dom.nodes[id];
        let p = node.parent as usize;
        match node.tag {
            Tag::Text => {
                all[p] += dom.raw_text(id as NodeId).trim().len() as u32;
                continue;
            }
            t if t.is_junk() => continue,
            Tag::A => links[id] = all[id],
            _ => {}
        }
        hints[id] = hinter.hint(dom, id as NodeId);
        if hints[id] == Hint::Content {
            holds_body[id] = true;
        }
        all[p] += all[id];
        links[p] += links[id];
        holds_body[p] |= holds_body[id];
    }
    for (a, l) in all.iter_mut().zip(&links) {
        *a -= *l;
    }
    Survey { prose: all, hints, holds_body }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, Kind, u32)> {
        let dom = Dom::parse(html);
        collect(&dom, true).blocks.into_iter().map(|b| (b.text, b.kind, b.link_chars)).collect()
    }

    #[test]
    fn blocks_split_at_block_elements_and_breaks() {
        let got = texts("<div>intro <b>bold</b><p>One <a href=x>link</a>.</p>tail <br> after</div>");
        assert_eq!(
            got,
            [
                ("intro bold".to_string(), Kind::Other, 0),
                ("One link.".to_string(), Kind::Paragraph, 4),
                ("tail\nafter".to_string(), Kind::Other, 0),
            ]
        );
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(texts("<p>auto&shy;nome\u{200b}s</p>")[0].0, "autonomes");
    }

    #[test]
    fn junk_hidden_and_small_furniture_are_skipped() {
        let html = "<body><script>x()</script><p>Article text that is long enough to dominate the page.</p>\
            <div class=share-bar>Share</div><p style='display:none'>hidden</p><figure><img><figcaption>cap</figcaption></figure></body>";
        let got: Vec<String> = texts(html).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["Article text that is long enough to dominate the page."]);
    }

    #[test]
    fn furniture_named_container_holding_the_page_is_kept() {
        let html = "<div class='post has-share'><p>The whole article lives in here.</p></div><p>x</p>";
        assert_eq!(texts(html)[0].0, "The whole article lives in here.");
    }
}
