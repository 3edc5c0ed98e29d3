//! A compact arena tree built from the tokens, with the implied end tags of HTML (`<p>`,
//! `<li>`, table cells, ...) and lenient recovery from misnested or stray end tags.
//!
//! Nodes are stored in document order, so a node's descendants follow it and a reverse scan
//! visits every child before its parent.

use super::entity;
use super::tag::Tag;
use super::tokenize::{Attr, Sink, tokenize};
use std::borrow::Cow;

pub type NodeId = u32;
pub const NONE: NodeId = u32::MAX;
pub const ROOT: NodeId = 0;

#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub next_sibling: NodeId,
    last_child: NodeId,
    /// Text nodes: the byte range of the text. Elements: the range of their attributes.
    a: u32,
    b: u32,
    /// Elements: the byte range of the name as written.
    name: (u32, u32),
}

pub struct Dom<'s> {
    pub src: &'s str,
    pub nodes: Vec<Node>,
    attrs: Vec<Attr>,
}

impl<'s> Dom<'s> {
    pub fn parse(src: &'s str) -> Self {
        let mut b = Builder {
            dom: Dom {
                src,
                nodes: Vec::with_capacity(src.len() / 40),
                attrs: Vec::with_capacity(src.len() / 60),
            },
            stack: vec![ROOT],
            seen_html: false,
            seen_head: false,
            seen_body: false,
        };
        b.dom.nodes.push(Node {
            tag: Tag::Root,
            parent: NONE,
            first_child: NONE,
            next_sibling: NONE,
            last_child: NONE,
            a: 0,
            b: 0,
            name: (0, 0),
        });
        tokenize(src, &mut b);
        b.dom
    }

    pub fn tag(&self, id: NodeId) -> Tag {
        self.nodes[id as usize].tag
    }

    pub fn children(&self, id: NodeId) -> Children<'_, 's> {
        Children { dom: self, next: self.nodes[id as usize].first_child }
    }

    /// The end (exclusive) of `id`'s subtree in node order.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut n = id;
        loop {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            if node.parent == NONE {
                return self.nodes.len() as NodeId;
            }
            n = node.parent;
        }
    }

    /// The element's name as written.
    #[cfg(test)]
    pub fn name(&self, id: NodeId) -> &'s str {
        let (s, e) = self.nodes[id as usize].name;
        &self.src[s as usize..e as usize]
    }

    /// A text node's raw text (character references undecoded).
    pub fn raw_text(&self, id: NodeId) -> &'s str {
        let n = &self.nodes[id as usize];
        if n.tag != Tag::Text {
            return "";
        }
        &self.src[n.a as usize..n.b as usize]
    }

    pub fn text(&self, id: NodeId) -> Cow<'s, str> {
        entity::decode(self.raw_text(id))
    }

    pub fn attrs(&self, id: NodeId) -> impl Iterator<Item = (&'s str, &'s str)> + '_ {
        let n = &self.nodes[id as usize];
        let range = if n.tag == Tag::Text { 0..0 } else { n.a as usize..n.b as usize };
        self.attrs[range].iter().map(|a| {
            (
                &self.src[a.name.0 as usize..a.name.1 as usize],
                &self.src[a.value.0 as usize..a.value.1 as usize],
            )
        })
    }

    /// An attribute's raw value (the first one, as browsers keep).
    pub fn attr_raw(&self, id: NodeId, name: &str) -> Option<&'s str> {
        self.attrs(id).find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<Cow<'s, str>> {
        self.attr_raw(id, name).map(entity::decode)
    }

    /// The text of the whole subtree, references decoded, script-like content skipped.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        // Iterative: a broken page can nest elements thousands deep.
        let end = self.subtree_end(id);
        let mut n = id + 1;
        while n < end {
            match self.tag(n) {
                Tag::Text => out.push_str(&self.text(n)),
                Tag::Script | Tag::Style | Tag::Template => {
                    n = self.subtree_end(n);
                    continue;
                }
                t => {
                    if t.is_block() && !out.is_empty() && !out.ends_with(char::is_whitespace) {
                        out.push(' ');
                    }
                }
            }
            n += 1;
        }
        out
    }
}

pub struct Children<'d, 's> {
    dom: &'d Dom<'s>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next_sibling;
        Some(id)
    }
}

struct Builder<'s> {
    dom: Dom<'s>,
    stack: Vec<NodeId>,
    seen_html: bool,
    seen_head: bool,
    seen_body: bool,
}

impl Builder<'_> {
    fn top(&self) -> NodeId {
        *self.stack.last().unwrap_or(&ROOT)
    }

    fn top_tag(&self) -> Tag {
        self.dom.tag(self.top())
    }

    fn append(&mut self, tag: Tag, a: u32, b: u32, name: (u32, u32)) -> NodeId {
        let parent = self.top();
        let id = self.dom.nodes.len() as NodeId;
        self.dom.nodes.push(Node {
            tag,
            parent,
            first_child: NONE,
            next_sibling: NONE,
            last_child: NONE,
            a,
            b,
            name,
        });
        let p = &mut self.dom.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.dom.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    /// Finds the innermost open element matching `want`, searching down from the top and
    /// giving up at an element for which `boundary` holds. Returns its stack position.
    fn find_open(&self, want: impl Fn(Tag, NodeId) -> bool, boundary: impl Fn(Tag) -> bool) -> Option<usize> {
        for (pos, &id) in self.stack.iter().enumerate().rev().take(MAX_SCOPE_SEARCH) {
            let t = self.dom.tag(id);
            if want(t, id) {
                return Some(pos);
            }
            if boundary(t) {
                return None;
            }
        }
        None
    }

    fn in_declared_body(&self) -> bool {
        self.stack.iter().rev().take(MAX_SCOPE_SEARCH).any(|&id| {
            self.dom.attr_raw(id, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
        })
    }

    fn close_to(&mut self, pos: usize) {
        self.stack.truncate(pos.max(1));
    }

    fn close_open(&mut self, want: impl Fn(Tag) -> bool, boundary: impl Fn(Tag) -> bool) {
        if let Some(pos) = self.find_open(|t, _| want(t), boundary) {
            self.close_to(pos);
        }
    }

    fn same_name(&self, id: NodeId, name: &[u8]) -> bool {
        let (s, e) = self.dom.nodes[id as usize].name;
        self.dom.src.as_bytes()[s as usize..e as usize].eq_ignore_ascii_case(name)
    }
}

/// How far down the stack of open elements an implied or explicit end tag looks for its
/// element. Browsers look all the way; on pages with thousands of unclosed elements that makes
/// parsing quadratic, and an element that far down is not the one a stray tag meant.
const MAX_SCOPE_SEARCH: usize = 512;

fn is_markup_template(src: &str, attrs: &[Attr]) -> bool {
    attrs.iter().any(|a| {
        let name = &src[a.name.0 as usize..a.name.1 as usize];
        let value = src[a.value.0 as usize..a.value.1 as usize].trim();
        name.eq_ignore_ascii_case("type")
            && ["text/template", "text/html", "text/x-template"].iter().any(|t| value.eq_ignore_ascii_case(t))
    })
}

/// Where a table cell's or a list item's implied end stops looking.
fn scope_boundary(t: Tag) -> bool {
    matches!(
        t,
        Tag::Root | Tag::Html | Tag::Body | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Button
    )
}

fn list_boundary(t: Tag) -> bool {
    use Tag::*;
    scope_boundary(t)
        || matches!(
            t,
            Ul | Ol
                | Dl
                | Menu
                | Article
                | Section
                | Nav
                | Aside
                | Main
                | Header
                | Footer
                | Blockquote
                | Form
        )
}

impl Sink for Builder<'_> {
    fn text(&mut self, start: usize, end: usize) {
        self.append(Tag::Text, start as u32, end as u32, (0, 0));
    }

    fn start_tag(&mut self, tag: Tag, name: (usize, usize), attrs: &[Attr], self_closing: bool) -> bool {
        match tag {
            Tag::Html if self.seen_html => return true,
            Tag::Head if self.seen_head || self.seen_body => return true,
            Tag::Body if self.seen_body => return true,
            // Inside the element the page declares as its article body, a markup template is
            // the article, shipped to be rendered by script: read it as if rendered.
            Tag::Script if is_markup_template(self.dom.src, attrs) && self.in_declared_body() => {
                return false;
            }
            Tag::Html => self.seen_html = true,
            Tag::Head => self.seen_head = true,
            Tag::Body => {
                self.seen_body = true;
                self.close_open(|t| t == Tag::Head, |_| false);
            }
            _ => {}
        }
        if tag.closes_p() {
            self.close_open(|t| t == Tag::P, scope_boundary);
        }
        match tag {
            Tag::Li => self.close_open(|t| t == Tag::Li, list_boundary),
            Tag::Dd | Tag::Dt => self.close_open(|t| matches!(t, Tag::Dd | Tag::Dt), list_boundary),
            Tag::Option | Tag::Optgroup => {
                if matches!(self.top_tag(), Tag::Option) {
                    self.stack.pop();
                }
            }
            Tag::Tr => self.close_open(|t| t == Tag::Tr, |t| t == Tag::Table),
            Tag::Td | Tag::Th => {
                self.close_open(|t| matches!(t, Tag::Td | Tag::Th), |t| matches!(t, Tag::Tr | Tag::Table))
            }
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                self.close_open(|t| matches!(t, Tag::Thead | Tag::Tbody | Tag::Tfoot), |t| t == Tag::Table)
            }
            t if t.is_heading() && self.top_tag().is_heading() => {
                self.stack.pop();
            }
            // Links do not nest: a new one ends the open one.
            Tag::A => self.close_open(|t| t == Tag::A, |t| scope_boundary(t) || t.closes_p()),
            _ => {}
        }
        let first = self.dom.attrs.len() as u32;
        self.dom.attrs.extend_from_slice(attrs);
        let id = self.append(tag, first, self.dom.attrs.len() as u32, (name.0 as u32, name.1 as u32));
        // `/>` only means something on foreign and custom elements.
        if !(tag.is_void() || self_closing && matches!(tag, Tag::Other | Tag::Svg | Tag::Math)) {
            self.stack.push(id);
        }
        true
    }

    fn end_tag(&mut self, tag: Tag, name: (usize, usize)) {
        let src = self.dom.src.as_bytes();
        let name_bytes = &src[name.0..name.1];
        match tag {
            Tag::Br => {
                self.append(Tag::Br, 0, 0, (name.0 as u32, name.1 as u32));
            }
            // Content after `</body>` still belongs to the body.
            Tag::Body | Tag::Html => {}
            Tag::Other => {
                let pos = self.find_open(
                    |t, id| t == Tag::Other && self.same_name(id, name_bytes),
                    |t| matches!(t, Tag::Table | Tag::Td | Tag::Th | Tag::Root),
                );
                if let Some(pos) = pos {
                    self.close_to(pos);
                }
            }
            Tag::Table => self.close_open(|t| t == Tag::Table, |t| matches!(t, Tag::Root | Tag::Html)),
            Tag::Td | Tag::Th | Tag::Tr | Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Caption => {
                self.close_open(|t| t == tag, |t| t == Tag::Table)
            }
            t if t.is_block() || matches!(t, Tag::Head | Tag::Form | Tag::Body) => {
                self.close_open(|t| t == tag, scope_boundary)
            }
            // Inline elements: the end tag does not reach across a block element.
            _ => self.close_open(|t| t == tag, |t| t.is_block() || scope_boundary(t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as a compact string: `tag(children)`, text as `"..."`.
    fn show(dom: &Dom, id: NodeId) -> String {
        dom.children(id)
            .map(|c| match dom.tag(c) {
                Tag::Text => format!("{:?}", dom.text(c)),
                _ => {
                    let inner = show(dom, c);
                    let name = dom.name(c).to_ascii_lowercase();
                    if inner.is_empty() { name } else { format!("{name}({inner})") }
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn tree(src: &str) -> String {
        let dom = Dom::parse(src);
        show(&dom, ROOT)
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), r#"p("a") p("b") div("c")"#);
        assert_eq!(tree("<ul><li>a<li>b</ul>"), r#"ul(li("a") li("b"))"#);
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            r#"table(tr(td("a") td("b")) tr(td("c")))"#
        );
        assert_eq!(tree("<dl><dt>t<dd>d</dl>"), r#"dl(dt("t") dd("d"))"#);
        assert_eq!(tree("<h2>a<h3>b</h3>"), r#"h2("a") h3("b")"#);
    }

    #[test]
    fn nested_lists_keep_their_items() {
        assert_eq!(tree("<ul><li>a<ul><li>b</ul><li>c</ul>"), r#"ul(li("a" ul(li("b"))) li("c"))"#);
    }

    #[test]
    fn stray_and_misnested_end_tags() {
        assert_eq!(tree("<div>a</span>b</div></div>c"), r#"div("a" "b") "c""#);
        assert_eq!(tree("<div><b>x</div>y"), r#"div(b("x")) "y""#);
        assert_eq!(tree("<p>a</b>b</p>"), r#"p("a" "b")"#);
        assert_eq!(tree("<a>x<a>y"), r#"a("x") a("y")"#);
    }

    #[test]
    fn void_and_self_closing_elements() {
        assert_eq!(tree("<p>a<br>b<img src=x>c</p>"), r#"p("a" br "b" img "c")"#);
        assert_eq!(tree("<x-icon/>t"), r#"x-icon "t""#);
        assert_eq!(tree("<div/>t"), r#"div("t")"#);
    }

    #[test]
    fn raw_text_and_references() {
        let dom = Dom::parse("<body><script>var s='<p>no</p>';</script><p>Caf&eacute; &amp; co</p>");
        let body = dom.children(ROOT).next().unwrap();
        let p = dom.children(body).find(|&c| dom.tag(c) == Tag::P).unwrap();
        assert_eq!(dom.text_content(p), "Café & co");
        assert_eq!(dom.text_content(body), "Café & co");
    }

    #[test]
    fn deep_nesting_stays_linear_and_readable() {
        let depth = 20_000;
        let html = format!("<h1>{}deep{}</h1>", "<div><b>".repeat(depth), "</b></div>".repeat(depth));
        let dom = Dom::parse(&html);
        let h1 = dom.children(ROOT).next().unwrap();
        assert_eq!(dom.text_content(h1), "deep");
    }

    #[test]
    fn templates_in_the_declared_body_are_read_as_markup() {
        let html = r#"<div itemprop="articleBody"><script type="text/template"><p>Text</p></script></div>
            <script type="text/template"><p>Widget</p></script>"#;
        assert_eq!(tree(html), r#"div(p("Text")) "\n            " script("<p>Widget</p>")"#);
    }

    #[test]
    fn duplicate_body_and_html_are_merged() {
        assert_eq!(tree("<html><body>a<body>b</body></html>c"), r#"html(body("a" "b" "c"))"#);
    }

    #[test]
    fn attributes_are_read_and_decoded() {
        let dom = Dom::parse(r#"<meta name="Description" content="A &amp; B">"#);
        assert_eq!(dom.attr(1, "NAME").as_deref(), Some("Description"));
        assert_eq!(dom.attr(1, "content").as_deref(), Some("A & B"));
        assert_eq!(dom.attr(1, "missing"), None);
    }
}
