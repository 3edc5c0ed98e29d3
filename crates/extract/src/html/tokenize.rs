//! A lenient, byte-oriented HTML tokenizer.
//!
//! It never fails: whatever is not a well-formed tag, comment or declaration is text, and an
//! unterminated construct at the end of the input is dropped, as browsers do. Positions are
//! byte offsets into the input; decoding character references is left to whoever reads the
//! text, because most of a page's text is never read.

use super::tag::Tag;
use memchr::{memchr, memmem};

/// One attribute as byte ranges into the input: the name as written, the value undecoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

/// Receives the tokens in document order.
pub trait Sink {
    /// Text between `start` and `end`, character references undecoded.
    fn text(&mut self, start: usize, end: usize);
    /// A start tag; `name` is the range of its name in the input. For a raw-text element,
    /// returning `false` has its content read as markup instead (a template that the page
    /// renders in the browser).
    fn start_tag(&mut self, tag: Tag, name: (usize, usize), attrs: &[Attr], self_closing: bool) -> bool;
    fn end_tag(&mut self, tag: Tag, name: (usize, usize));
}

pub fn tokenize<S: Sink>(src: &str, sink: &mut S) {
    let b = src.as_bytes();
    let mut pos = 0;
    let mut text_start = 0;
    let mut attrs = Vec::new();
    let flush = |sink: &mut S, from: usize, to: usize| {
        if to > from {
            sink.text(from, to);
        }
    };
    while let Some(off) = memchr(b'<', &b[pos..]) {
        let lt = pos + off;
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let Some(tag_end) = start_tag(b, lt + 1, &mut attrs) else {
                    flush(sink, text_start, lt);
                    return;
                };
                flush(sink, text_start, lt);
                let name = name_range(b, lt + 1);
                let tag = Tag::from_name(&b[name.0..name.1]);
                let self_closing = tag_end >= 2 && b[tag_end - 2] == b'/';
                let raw = sink.start_tag(tag, name, &attrs, self_closing);
                pos = tag_end;
                if raw && tag.is_raw_text() && !(self_closing && matches!(tag, Tag::Svg | Tag::Math)) {
                    let (content_end, after) = raw_text_end(b, pos, &b[name.0..name.1]);
                    flush(sink, pos, content_end);
                    sink.end_tag(tag, name);
                    pos = after;
                }
                text_start = pos;
            }
            Some(b'/') => {
                let Some(gt) = memchr(b'>', &b[lt..]).map(|g| lt + g + 1) else {
                    flush(sink, text_start, lt);
                    return;
                };
                flush(sink, text_start, lt);
                if b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
                    let name = name_range(b, lt + 2);
                    sink.end_tag(Tag::from_name(&b[name.0..name.1]), name);
                }
                // `</>` and `</ 3>` are dropped as browsers drop them.
                pos = gt;
                text_start = pos;
            }
            Some(b'!') => {
                flush(sink, text_start, lt);
                if b[lt..].starts_with(b"<!--") {
                    pos = match memmem::find(&b[lt + 4..], b"-->") {
                        Some(e) => lt + 4 + e + 3,
                        None if b[lt + 4..].starts_with(b">") => lt + 5,
                        None => b.len(),
                    };
                    text_start = pos;
                } else if b[lt..].starts_with(b"<![CDATA[") {
                    let content = lt + 9;
                    let end = memmem::find(&b[content..], b"]]>").map_or(b.len(), |e| content + e);
                    flush(sink, content, end);
                    pos = (end + 3).min(b.len());
                    text_start = pos;
                } else {
                    pos = memchr(b'>', &b[lt..]).map_or(b.len(), |g| lt + g + 1);
                    text_start = pos;
                }
            }
            Some(b'?') => {
                flush(sink, text_start, lt);
                pos = memchr(b'>', &b[lt..]).map_or(b.len(), |g| lt + g + 1);
                text_start = pos;
            }
            // A lone `<` is text.
            _ => pos = lt + 1,
        }
    }
    flush(sink, text_start, b.len());
}

fn name_range(b: &[u8], start: usize) -> (usize, usize) {
    let len =
        b[start..].iter().take_while(|&&c| !(c.is_ascii_whitespace() || c == b'/' || c == b'>')).count();
    (start, start + len)
}

/// Parses the attributes of a start tag whose name begins at `start`; returns the offset just
/// past its `>`, or `None` when the input ends inside the tag.
fn start_tag(b: &[u8], start: usize, attrs: &mut Vec<Attr>) -> Option<usize> {
    attrs.clear();
    let mut i = name_range(b, start).1;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        match b.get(i)? {
            b'>' => return Some(i + 1),
            _ => {
                let name_start = i;
                i += 1; // a name may start with `=`
                while i < b.len() && !matches!(b[i], b'=' | b'>' | b'/') && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let name = (name_start as u32, i as u32);
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                let mut value = (i as u32, i as u32);
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    match b.get(i)? {
                        &q @ (b'"' | b'\'') => {
                            let end = i + 1 + memchr(q, &b[i + 1..])?;
                            value = ((i + 1) as u32, end as u32);
                            i = end + 1;
                        }
                        _ => {
                            let s = i;
                            while i < b.len() && b[i] != b'>' && !b[i].is_ascii_whitespace() {
                                i += 1;
                            }
                            value = (s as u32, i as u32);
                        }
                    }
                }
                attrs.push(Attr { name, value });
            }
        }
    }
}

/// Where the raw text that starts at `from` ends (the `<` of `</name`), and the offset past
/// that end tag; the end of input when it is missing.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after).is_none_or(|&c| c == b'>' || c == b'/' || c.is_ascii_whitespace())
        {
            let gt = memchr(b'>', &b[after..]).map_or(b.len(), |g| after + g + 1);
            return (lt, gt);
        }
        i = lt + 1;
    }
    (b.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Log<'a> {
        src: &'a str,
        out: Vec<String>,
    }

    impl Sink for Log<'_> {
        fn text(&mut self, s: usize, e: usize) {
            self.out.push(format!("T:{}", &self.src[s..e]));
        }
        fn start_tag(&mut self, _: Tag, n: (usize, usize), attrs: &[Attr], sc: bool) -> bool {
            let a: Vec<String> = attrs
                .iter()
                .map(|a| {
                    format!(
                        "{}={}",
                        &self.src[a.name.0 as usize..a.name.1 as usize],
                        &self.src[a.value.0 as usize..a.value.1 as usize]
                    )
                })
                .collect();
            self.out.push(format!("S:{}[{}]{}", &self.src[n.0..n.1], a.join(","), if sc { "/" } else { "" }));
            true
        }
        fn end_tag(&mut self, _: Tag, n: (usize, usize)) {
            self.out.push(format!("E:{}", &self.src[n.0..n.1]));
        }
    }

    fn log(src: &str) -> Vec<String> {
        let mut l = Log { src, out: vec![] };
        tokenize(src, &mut l);
        l.out
    }

    #[test]
    fn attributes_in_all_quoting_styles() {
        assert_eq!(
            log(r#"<a href="x>y" class='c d' data-x=1 hidden>t</a>"#),
            ["S:a[href=x>y,class=c d,data-x=1,hidden=]", "T:t", "E:a"]
        );
        assert_eq!(log("<br/><img src=a.png />"), ["S:br[]/", "S:img[src=a.png]/"]);
    }

    #[test]
    fn script_content_is_text_up_to_its_own_end_tag() {
        assert_eq!(
            log("<script>if (a<b) x='</div>';</SCRIPT >after"),
            ["S:script[]", "T:if (a<b) x='</div>';", "E:script", "T:after"]
        );
        assert_eq!(log("<style>p{}"), ["S:style[]", "T:p{}", "E:style"]);
    }

    #[test]
    fn comments_declarations_and_cdata() {
        assert_eq!(
            log("<!DOCTYPE html>a<!-- <p>x</p> -->b<?xml x?><![CDATA[c<d]]>"),
            ["T:a", "T:b", "T:c<d"]
        );
        assert_eq!(log("a<!-- never closed <p>x"), ["T:a"]);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(log("1 < 2 and 3 > 2</>"), ["T:1 < 2 and 3 > 2"]);
        assert_eq!(log("x <p class=\"unterminated"), ["T:x "]);
    }
}
