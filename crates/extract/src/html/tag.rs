//! Element names interned as a small enum, with the properties the tree builder and the
//! content scorer need.

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// An element name; `Other` for names the extractor has no use for, `Text` for text
        /// nodes, `Root` for the document.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Tag {
            Root,
            Text,
            Other,
            $($variant),*
        }

        impl Tag {
            /// The tag for an element name, case-insensitively.
            pub fn from_name(name: &[u8]) -> Tag {
                if name.len() > 10 {
                    return Tag::Other;
                }
                let mut buf = [0u8; 10];
                let lower = &mut buf[..name.len()];
                lower.copy_from_slice(name);
                lower.make_ascii_lowercase();
                match &*lower {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Area = b"area", Article = b"article",
    Aside = b"aside", Audio = b"audio", B = b"b", Base = b"base", Blockquote = b"blockquote",
    Body = b"body", Br = b"br", Button = b"button", Canvas = b"canvas", Caption = b"caption",
    Center = b"center", Cite = b"cite", Code = b"code", Col = b"col", Colgroup = b"colgroup",
    Dd = b"dd", Del = b"del", Details = b"details", Dialog = b"dialog", Div = b"div", Dl = b"dl",
    Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset", Figcaption = b"figcaption",
    Figure = b"figure", Font = b"font", Footer = b"footer", Form = b"form", Frame = b"frame",
    Frameset = b"frameset", H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6",
    Head = b"head", Header = b"header", Hgroup = b"hgroup", Hr = b"hr", Html = b"html", I = b"i",
    Iframe = b"iframe", Img = b"img", Input = b"input", Ins = b"ins", Kbd = b"kbd", Label = b"label",
    Legend = b"legend", Li = b"li", Link = b"link", Main = b"main", Map = b"map", Mark = b"mark",
    Math = b"math", Menu = b"menu", Meta = b"meta", Nav = b"nav", Noembed = b"noembed",
    Noframes = b"noframes", Noscript = b"noscript", Object = b"object", Ol = b"ol",
    Optgroup = b"optgroup", Option = b"option", Output = b"output", P = b"p", Param = b"param",
    Picture = b"picture", Plaintext = b"plaintext", Pre = b"pre", Q = b"q", S = b"s", Samp = b"samp",
    Script = b"script", Section = b"section", Select = b"select", Small = b"small", Source = b"source",
    Span = b"span", Strike = b"strike", Strong = b"strong", Style = b"style", Sub = b"sub",
    Summary = b"summary", Sup = b"sup", Svg = b"svg", Table = b"table", Tbody = b"tbody", Td = b"td",
    Template = b"template", Textarea = b"textarea", Tfoot = b"tfoot", Th = b"th", Thead = b"thead",
    Time = b"time", Title = b"title", Tr = b"tr", Track = b"track", Tt = b"tt", U = b"u", Ul = b"ul",
    Var = b"var", Video = b"video", Wbr = b"wbr", Xmp = b"xmp",
}

impl Tag {
    /// Elements that never have content or an end tag.
    pub fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Area | Base | Br | Col | Embed | Hr | Img | Input | Link | Meta | Param | Source | Track | Wbr
        )
    }

    /// Elements whose content is not markup: the tokenizer reads it as text up to the
    /// matching end tag. `svg` and `math` are read that way too: they hold no article text,
    /// and skipping them whole is cheaper than building their subtrees.
    pub fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Textarea
                | Title
                | Xmp
                | Iframe
                | Noembed
                | Noframes
                | Noscript
                | Svg
                | Math
                | Template
        )
    }

    /// Elements whose start tag closes an open `<p>`.
    pub fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
                | Li
                | Dd
                | Dt
                | Plaintext
                | Xmp
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Elements that start a new line of text when rendered.
    pub fn is_block(self) -> bool {
        use Tag::*;
        self.closes_p()
            || matches!(
                self,
                Body | Html
                    | Root
                    | Br
                    | Td
                    | Th
                    | Tr
                    | Caption
                    | Tbody
                    | Thead
                    | Tfoot
                    | Legend
                    | Option
                    | Select
                    | Textarea
            )
    }

    /// Elements never holding article text, dropped with their subtree.
    pub fn is_junk(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script
                | Style
                | Noscript
                | Template
                | Svg
                | Math
                | Iframe
                | Embed
                | Object
                | Canvas
                | Video
                | Audio
                | Picture
                | Button
                | Input
                | Select
                | Option
                | Optgroup
                | Textarea
                | Label
                | Noembed
                | Noframes
                | Frame
                | Frameset
                | Head
                | Title
                | Meta
                | Link
                | Base
                | Map
                | Dialog
                | Output
                | Param
                | Source
                | Track
                | Area
                | Img
                | Figcaption
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Tag;

    #[test]
    fn names_are_case_insensitive_and_unknown_names_are_other() {
        assert_eq!(Tag::from_name(b"DIV"), Tag::Div);
        assert_eq!(Tag::from_name(b"Blockquote"), Tag::Blockquote);
        assert_eq!(Tag::from_name(b"my-widget"), Tag::Other);
        assert_eq!(Tag::from_name(b"averyveryverylongname"), Tag::Other);
    }
}
