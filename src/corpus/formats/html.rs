//! The text of an HTML page, without an HTML5 parser: what a reader sees, block by block.
//! Scripts, styles, the head, `<noscript>` and `<template>` are dropped; a block element
//! (p, div, li, h1–h6, br, tr, a table cell, …) ends a line; entities are decoded. Each
//! output block knows the source line its text starts on, so `path:N` leads into the file.

use super::Block;

/// Elements whose content is not text a reader sees. Their content is raw text (`script`,
/// `style`, …) or is hidden (`head`, `noscript`, `template`).
const RAW_TEXT: &[&str] = &["script", "style", "title", "textarea", "xmp"];
const HIDDEN: &[&str] = &["head", "noscript", "template"];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements that may stand in the head; any other start tag there closes it, as in a browser.
const HEAD_CONTENT: &[&str] = &[
    "base", "link", "meta", "noscript", "script", "style", "template", "title",
];

/// Named entities that occur in Chinese pages; others stay as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("ideographicspace", "　"),
    ("shy", ""),
    ("zwj", ""),
    ("zwnj", ""),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("permil", "‰"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("pound", "£"),
    ("euro", "€"),
    ("sect", "§"),
    ("para", "¶"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
];

/// The text blocks of an HTML page, each with the 1-based source line it starts on.
pub fn to_blocks(html: &str) -> Vec<Block> {
    let mut scanner = Scanner {
        html,
        pos: 0,
        line: 1,
        out: Output::default(),
        hidden: Vec::new(),
        pre: 0,
    };
    scanner.run();
    scanner.out.finish()
}

struct Scanner<'a> {
    html: &'a str,
    pos: usize,
    /// The source line at `pos`.
    line: usize,
    out: Output,
    /// Open hidden elements (`head`, `noscript`, `template`), innermost last.
    hidden: Vec<&'static str>,
    /// Depth of `<pre>` elements, where line breaks and spaces are kept.
    pre: usize,
}

impl Scanner<'_> {
    fn run(&mut self) {
        while self.pos < self.html.len() {
            let rest = &self.html[self.pos..];
            if rest.starts_with('<') {
                self.markup(rest);
            } else if rest.starts_with('&') {
                self.entity(rest);
            } else {
                let end = rest.find(['<', '&']).unwrap_or(rest.len());
                self.text(&rest[..end]);
            }
        }
    }

    /// Moves past `length` bytes of markup, counting its line breaks.
    fn skip(&mut self, length: usize) {
        let end = (self.pos + length).min(self.html.len());
        self.line += self.html[self.pos..end].matches('\n').count();
        self.pos = end;
    }

    fn markup(&mut self, rest: &str) {
        let bytes = rest.as_bytes();
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").map_or(rest.len(), |at| at + 7);
            return self.skip(end);
        }
        let second = bytes.get(1).copied().unwrap_or(b' ');
        let closing = second == b'/';
        let name_start = if closing { 2 } else { 1 };
        let starts_tag = bytes
            .get(name_start)
            .is_some_and(|b| b.is_ascii_alphabetic());
        if second == b'!' || second == b'?' {
            let end = rest.find('>').map_or(rest.len(), |at| at + 1);
            return self.skip(end);
        }
        if !starts_tag {
            // A `<` that starts no tag is text (`a < b`).
            self.text("<");
            return;
        }
        let name_end = rest[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .map_or(rest.len(), |at| at + name_start);
        let name = rest[name_start..name_end].to_ascii_lowercase();
        self.skip(tag_end(rest, name_end));
        if closing {
            self.end_tag(&name);
        } else {
            self.start_tag(&name);
        }
    }

    fn start_tag(&mut self, name: &str) {
        if self.hidden.last() == Some(&"head") && !HEAD_CONTENT.contains(&name) {
            self.hidden.pop();
        }
        if BLOCKS.contains(&name) {
            self.out.end_block();
        }
        if name == "pre" {
            self.pre += 1;
        }
        if let Some(hidden) = HIDDEN.iter().find(|hidden| **hidden == name) {
            self.hidden.push(hidden);
        }
        if RAW_TEXT.contains(&name) {
            // Raw text ends only at its own end tag, whatever `<` it holds (`if (a<b)`).
            let rest = &self.html[self.pos..];
            let end = find_ignore_case(rest, &format!("</{name}")).unwrap_or(rest.len());
            self.skip(end);
        }
    }

    fn end_tag(&mut self, name: &str) {
        if self.hidden.last() == Some(&name) {
            self.hidden.pop();
        }
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        if BLOCKS.contains(&name) {
            self.out.end_block();
        }
    }

    fn entity(&mut self, rest: &str) {
        // `&name;` or `&#123;`: up to the `;` within a few characters, else a plain `&`.
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .filter(|&(_, c)| c == ';')
            .map(|(at, _)| at + 1);
        let decoded = end.and_then(|end| decode_entity(&rest[1..end]).map(|text| (text, end)));
        match decoded {
            Some((text, end)) => {
                self.pos += end + 1;
                self.push(&text);
            }
            None => {
                self.pos += 1;
                self.push("&");
            }
        }
    }

    fn text(&mut self, text: &str) {
        self.pos += text.len();
        for c in text.chars() {
            if self.hidden.is_empty() {
                self.out.push_char(c, self.line, self.pre > 0);
            }
            if c == '\n' {
                self.line += 1;
            }
        }
    }

    /// Text from an entity: never a line break, so the line stays where it was.
    fn push(&mut self, text: &str) {
        if self.hidden.is_empty() {
            for c in text.chars() {
                self.out.push_char(c, self.line, self.pre > 0);
            }
        }
    }
}

/// Where a tag whose name ends at `from` closes: after the first `>` outside a quoted
/// attribute value.
fn tag_end(rest: &str, from: usize) -> usize {
    let mut quote = None;
    for (at, c) in rest[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return from + at + 1,
            _ => {}
        }
    }
    rest.len()
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// The text of `&name;` or `&#…;`, given what stands between `&` and `;`.
fn decode_entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code)
            .filter(|&c| c != '\0')
            .map(String::from);
    }
    ENTITIES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| text.to_string())
}

/// The blocks being collected, with whitespace collapsed as a browser would.
#[derive(Default)]
struct Output {
    blocks: Vec<Block>,
    current: String,
    current_line: usize,
    /// Whitespace seen since the last character: `Some(true)` when it held a line break.
    pending_space: Option<bool>,
}

impl Output {
    fn push_char(&mut self, c: char, line: usize, preformatted: bool) {
        if preformatted {
            if c == '\n' {
                self.end_block();
            } else if !(c.is_whitespace() && self.current.is_empty()) {
                self.start(line);
                self.current.push(if c.is_whitespace() { ' ' } else { c });
            }
            return;
        }
        if c.is_whitespace() {
            let newline = c == '\n' || c == '\r';
            self.pending_space = Some(self.pending_space.unwrap_or(false) || newline);
            return;
        }
        if let Some(newline) = self.pending_space.take() {
            // A line break between two Hanzi is source formatting, not a space (as CSS
            // text segment-break rules say); between Latin words it is one.
            let last = self.current.chars().last();
            let joins_cjk = newline && last.is_some_and(is_wide) && is_wide(c);
            if !self.current.is_empty() && !joins_cjk {
                self.current.push(' ');
            }
        }
        self.start(line);
        self.current.push(c);
    }

    fn start(&mut self, line: usize) {
        if self.current.is_empty() {
            self.current_line = line;
        }
    }

    fn end_block(&mut self) {
        self.pending_space = None;
        let text = self.current.trim_end();
        if !text.is_empty() {
            self.blocks.push(Block {
                text: text.to_string(),
                number: self.current_line,
            });
        }
        self.current.clear();
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_block();
        self.blocks
    }
}

/// Hanzi, kana, hangul and full-width punctuation: scripts written without spaces.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}' | '\u{20000}'..='\u{3134f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, usize)> {
        to_blocks(html)
            .into_iter()
            .map(|block| (block.text, block.number))
            .collect()
    }

    #[test]
    fn scripts_styles_and_head_are_dropped_and_blocks_keep_their_lines() {
        let html = "<!DOCTYPE html>\n<html><head>\n<title>页面标题</title>\n\
            <style>p { color: red }</style>\n<script>if (a<b) { x = '</p>'; }</script>\n</head>\n\
            <body>\n<h1>东安县卫生健康局2023年\n工作总结</h1>\n<p>一、医共体建设&nbsp;稳步推进。<br>\
            县医院&amp;乡镇卫生院</p><!-- 注释 --><noscript>请启用脚本</noscript>\n\
            <ul><li>第一项</li><li>第&#20108;项&#x4E09;</li></ul>\n</body></html>";
        assert_eq!(
            blocks(html),
            [
                ("东安县卫生健康局2023年工作总结".to_string(), 8),
                ("一、医共体建设 稳步推进。".to_string(), 10),
                ("县医院&乡镇卫生院".to_string(), 10),
                ("第一项".to_string(), 11),
                ("第二项三".to_string(), 11),
            ]
        );
    }

    #[test]
    fn table_cells_end_lines_and_inline_elements_do_not() {
        let html = "<table><tr><td>门诊量</td><td><b>12</b>万人次</td></tr></table>\
            <p>Latin words\n  stay <em>apart</em></p>";
        assert_eq!(
            blocks(html),
            [
                ("门诊量".to_string(), 1),
                ("12万人次".to_string(), 1),
                ("Latin words stay apart".to_string(), 1),
            ]
        );
    }

    #[test]
    fn a_head_without_an_end_tag_ends_at_the_first_body_element() {
        let html = "<head><meta charset=utf-8><title>标题</title>\n<p>正文</p>";
        assert_eq!(blocks(html), [("正文".to_string(), 2)]);
    }

    #[test]
    fn stray_ampersands_and_angle_brackets_are_text() {
        assert_eq!(
            blocks("<p>A & B < C &unknown; &#0;</p>"),
            [("A & B < C &unknown; &#0;".to_string(), 1)]
        );
    }

    #[test]
    fn preformatted_lines_stay_lines() {
        let html = "<pre>第一行\n  第二行</pre>";
        assert_eq!(
            blocks(html),
            [("第一行".to_string(), 1), ("第二行".to_string(), 2)]
        );
    }
}
