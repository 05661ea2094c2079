//! The text of an HTML page, without an HTML5 parser: what a reader sees, block by block.
//! Scripts, styles, the head, `<noscript>` and `<template>` are dropped; a block element
//! (p, div, li, h1–h6, br, tr, a table cell, …) ends a line; entities are decoded. Each
//! output block knows the source line its text starts on, so `path:N` leads into the file.
//! The page's own title is read apart: its first `<h1>`, else its `<title>` without the site's
//! name; the `<title>` text is no block (it is in the head, which a reader does not see).

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

/// Characters an entity stands for that the text keeps otherwise: the spaces of `&nbsp;`,
/// `&ensp;`, `&emsp;`, `&thinsp;` are plain spaces (collapsed like any other); soft hyphens
/// and zero-width joiners (`&shy;`, `&zwj;`, `&zwnj;`) are nothing.
const ENTITY_SPACES: &[(char, &str)] = &[
    ('\u{a0}', " "),
    ('\u{2002}', " "),
    ('\u{2003}', " "),
    ('\u{2009}', " "),
    ('\u{ad}', ""),
    ('\u{200d}', ""),
    ('\u{200c}', ""),
];

/// Separators between a page's title and the names of its site and section in `<title>`:
/// `县卫健委2021年政府工作报告任务分解_灵璧县人民政府`, `…工作总结报告范本-二十一文明网`,
/// `2023年工作总结 - 范文网`, `… | 中国政府网`.
const TITLE_SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | ", "_", "|", "｜", "–", "—", "-"];

/// How the name of a site ends (the part after a separator in `<title>`, or an `<h1>` that is
/// the site's logo): 灵璧县人民政府, 二十一文明网, 范文网, 中国政府网, 淘文阁文库,
/// 湖州市卫生健康委员会, 嵩明县卫生健康局, 原创力文档, 豆丁网站, 范文之家.
const SITE_ENDINGS: &[&str] = &[
    "网",
    "网站",
    "站",
    "门户",
    "官网",
    "平台",
    "文库",
    "文档",
    "范文",
    "百科",
    "之家",
    "在线",
    "政府",
    "委员会",
    "卫健委",
    "局",
];

/// How the name of a site's section ends, cut from `<title>` after the site's name:
/// `…上半年工作总结_工作总结_xx范文网`, `…_政务公开_XX县人民政府`, `…_本局文件_湖州市卫生健康委员会`.
const SECTION_ENDINGS: &[&str] = &[
    "公开", "动态", "公告", "文件", "总结", "计划", "范文", "大全", "频道", "栏目", "专题", "资讯",
    "新闻", "要闻", "信息",
];

/// A site or section name is short: a longer part after a separator is part of the title.
const MAX_SITE_NAME_CHARS: usize = 20;
const MAX_SECTION_NAME_CHARS: usize = 8;

/// An HTML page's text and the title it declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The text blocks, each with the 1-based source line it starts on.
    pub blocks: Vec<Block>,
    /// The title the page declares: its first `<h1>` that is not the site's name, else its
    /// `<title>` without the site's name and section.
    pub title: Option<String>,
}

/// The text blocks of an HTML page and its title.
pub fn to_page(html: &str) -> Page {
    let mut scanner = Scanner {
        html,
        pos: 0,
        line: 1,
        out: Output::default(),
        hidden: Vec::new(),
        pre: 0,
        head_title: None,
        h1: None,
        h1_start: None,
    };
    scanner.run();
    let h1 = scanner.h1.take();
    let head_title = scanner.head_title.take();
    let blocks = scanner.out.finish();
    // A `<title>` that is only the site's name declares no title of the page.
    let title = h1.or_else(|| {
        head_title
            .map(|title| without_site_name(&title).to_string())
            .filter(|title| !title.is_empty() && !names_site(title))
    });
    Page { blocks, title }
}

/// `title` (a page's `<title>`) without the names of its site and section after it.
pub fn without_site_name(title: &str) -> &str {
    let mut title = title.trim();
    let mut cut_site = false;
    while let Some((before, after)) = split_last_separator(title) {
        if names_site(after) {
            cut_site = true;
        } else if !(cut_site && names_section(after)) {
            break;
        }
        title = before;
    }
    title
}

/// The text before and after the last title separator of `title`, both non-empty.
fn split_last_separator(title: &str) -> Option<(&str, &str)> {
    let (at, separator) = TITLE_SEPARATORS
        .iter()
        .filter_map(|separator| title.rfind(separator).map(|at| (at, *separator)))
        .max_by_key(|&(at, separator)| (at + separator.len(), separator.len()))?;
    let before = title[..at].trim_end();
    let after = title[at + separator.len()..].trim();
    (!before.is_empty() && !after.is_empty()).then_some((before, after))
}

/// Whether `part` is the name of a site: a short name with a site's ending and no digits
/// (a year is the title's), or a domain name.
fn names_site(part: &str) -> bool {
    let part = part.trim();
    let is_domain = part.is_ascii()
        && !part.contains(' ')
        && [".com", ".cn", ".net", ".org"]
            .iter()
            .any(|tld| part.to_ascii_lowercase().contains(tld));
    is_domain || short_name_ending(part, SITE_ENDINGS, MAX_SITE_NAME_CHARS)
}

/// Whether `part` is the name of a site's section.
fn names_section(part: &str) -> bool {
    short_name_ending(part, SECTION_ENDINGS, MAX_SECTION_NAME_CHARS)
}

fn short_name_ending(part: &str, endings: &[&str], max_chars: usize) -> bool {
    let chars = part.chars().count();
    chars > 0
        && chars <= max_chars
        && !part.chars().any(|c| c.is_ascii_digit())
        && endings.iter().any(|ending| part.ends_with(ending))
}

/// The text of markup-free HTML (a `<title>`): entities decoded, whitespace collapsed.
fn plain_text(raw: &str) -> String {
    let mut decoded = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity_at(rest) {
            Some((text, length)) => {
                decoded.push_str(&text);
                rest = &rest[length..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
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
    /// The text of the page's first `<title>`.
    head_title: Option<String>,
    /// The text of the page's first `<h1>` that is not the site's name.
    h1: Option<String>,
    /// While in that `<h1>`: the number of blocks before it.
    h1_start: Option<usize>,
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
        if name == "h1" && self.h1.is_none() && self.hidden.is_empty() {
            self.h1_start = Some(self.out.blocks.len());
        }
        if RAW_TEXT.contains(&name) {
            // Raw text ends only at its own end tag, whatever `<` it holds (`if (a<b)`).
            let rest = &self.html[self.pos..];
            let end = find_ignore_case(rest, &format!("</{name}")).unwrap_or(rest.len());
            // The page's title stands before its text (an `<svg>`'s `<title>` in the body is
            // an icon's).
            let before_text = self.out.blocks.is_empty() && self.out.current.is_empty();
            if name == "title" && self.head_title.is_none() && before_text {
                self.head_title = Some(plain_text(&rest[..end])).filter(|t| !t.is_empty());
            }
            self.skip(end);
        }
    }

    /// The end of the `<h1>` being read: its text is the page's title unless it is the
    /// site's name (a logo) or empty (an image).
    fn end_h1(&mut self) {
        let Some(start) = self.h1_start.take() else {
            return;
        };
        let mut text = String::new();
        for block in self.out.blocks.iter().skip(start) {
            let joins_wide = text.chars().last().is_some_and(is_wide)
                && block.text.chars().next().is_some_and(is_wide);
            if !text.is_empty() && !joins_wide {
                text.push(' ');
            }
            text.push_str(&block.text);
        }
        if !text.is_empty() && !names_site(&text) {
            self.h1 = Some(text);
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
        if name == "h1" {
            self.end_h1();
        }
    }

    fn entity(&mut self, rest: &str) {
        match entity_at(rest) {
            Some((text, length)) => {
                self.pos += length;
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

/// The text of the entity `rest` starts with (`&name;` or `&#123;`, the `;` within a few
/// characters) and its length, or None for a plain `&`.
fn entity_at(rest: &str) -> Option<(String, usize)> {
    let end = rest[1..]
        .char_indices()
        .take(32)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
        .filter(|&(_, c)| c == ';')
        .map(|(at, _)| at + 1)?;
    decode_entity(&rest[1..end]).map(|text| (text, end + 1))
}

/// The text of `&name;` or `&#…;` (every HTML entity, by `htmlescape`), given what stands
/// between `&` and `;`; None for a name HTML does not define, or `&#0;`.
fn decode_entity(name: &str) -> Option<String> {
    let decoded = htmlescape::decode_html(&format!("&{name};")).ok()?;
    let mut chars = decoded.chars();
    let c = chars.next().filter(|&c| c != '\0')?;
    if chars.next().is_some() {
        return None;
    }
    Some(match ENTITY_SPACES.iter().find(|(space, _)| *space == c) {
        Some((_, text)) => text.to_string(),
        None => c.to_string(),
    })
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
        to_page(html)
            .blocks
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
    fn the_title_is_the_first_h1_else_the_head_title_without_the_site_name() {
        let with_h1 = "<html><head><title>任务分解_灵璧县人民政府</title></head><body>\
            <h1 class=\"logo\">灵璧县人民政府</h1><h1>县卫健委2021年政府工作报告<br>任务分解</h1>\
            <p>1.落实积极应对人口老龄化国家战略。</p></body></html>";
        let page = to_page(with_h1);
        assert_eq!(
            page.title.as_deref(),
            Some("县卫健委2021年政府工作报告任务分解")
        );
        let without_h1 = "<html><head><title>县卫健委2021年政府工作报告任务分解_灵璧县人民政府\
            </title></head><body><p>1.落实积极应对人口老龄化国家战略。</p></body></html>";
        let page = to_page(without_h1);
        assert_eq!(
            page.title.as_deref(),
            Some("县卫健委2021年政府工作报告任务分解")
        );
        // The head's title is no block; the h1 stays one.
        assert_eq!(
            blocks(without_h1),
            [("1.落实积极应对人口老龄化国家战略。".to_string(), 1)]
        );
        assert_eq!(blocks(with_h1).len(), 4);
        assert_eq!(to_page("<p>正文</p>").title, None);
        let site_only = "<title>灵璧县人民政府</title><p>正文</p><svg><title>打印</title></svg>";
        assert_eq!(to_page(site_only).title, None);
        let icon_only = "<p>正文</p><svg><title>打印本页</title></svg>";
        assert_eq!(to_page(icon_only).title, None);
    }

    #[test]
    fn site_and_section_names_are_cut_from_the_head_title() {
        for (title, cut) in [
            (
                "县卫健委2021年政府工作报告任务分解_灵璧县人民政府",
                "县卫健委2021年政府工作报告任务分解",
            ),
            (
                "县教育体育局年终工作总结报告范本-二十一文明网",
                "县教育体育局年终工作总结报告范本",
            ),
            ("2023年卫生工作总结 - 范文网", "2023年卫生工作总结"),
            (
                "X县卫生局2023年上半年工作总结_工作总结_xx范文网",
                "X县卫生局2023年上半年工作总结",
            ),
            (
                "关于印发2023年全市卫生健康工作要点的通知 | 湖州市卫生健康委员会",
                "关于印发2023年全市卫生健康工作要点的通知",
            ),
            (
                "卫健委2021年上半年工作总结 – www.taodocs.com",
                "卫健委2021年上半年工作总结",
            ),
            // What follows a separator and names no site is the title's.
            (
                "卫生健康事业发展规划（2021-2025年）",
                "卫生健康事业发展规划（2021-2025年）",
            ),
            ("工作总结_2023年上半年", "工作总结_2023年上半年"),
            ("政务公开_灵璧县人民政府", "政务公开"),
        ] {
            assert_eq!(without_site_name(title), cut, "{title}");
        }
    }

    #[test]
    fn a_minified_page_keeps_every_paragraph() {
        let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>县卫生局2023年工作总结_\
            某某县人民政府</title></head><body><div class=\"nav\">首页 &gt; 工作总结</div><h1>县卫生局\
            2023年工作总结</h1><p>2023年，县卫生局坚持以人民健康为中心。</p><p>一、医共体建设稳步推进。</p>\
            </body></html>";
        let page = to_page(html);
        assert_eq!(page.title.as_deref(), Some("县卫生局2023年工作总结"));
        let texts: Vec<_> = page
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.number))
            .collect();
        assert_eq!(
            texts,
            [
                ("首页 > 工作总结", 1),
                ("县卫生局2023年工作总结", 1),
                ("2023年，县卫生局坚持以人民健康为中心。", 1),
                ("一、医共体建设稳步推进。", 1),
            ]
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
