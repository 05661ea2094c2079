//! Markdown to plain text, one output line per source line (so a passage's line is the line
//! of the `.md` file): heading marks, emphasis, links, images, code fences, quotes, list
//! markers and table pipes go; the words stay.

use regex::Regex;
use std::sync::LazyLock;

/// Inline markup, rewritten in this order. Each pattern keeps the text a reader sees.
static INLINE: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // ![alt](src) → alt; [text](url) → text; [text][ref] → text
        (r"!\[([^\]]*)\]\([^)]*\)", "$1"),
        (r"\[([^\]]*)\]\([^)]*\)", "$1"),
        (r"\[([^\]]+)\]\[[^\]]*\]", "$1"),
        // <https://…> autolinks and inline HTML tags such as <br>
        (r"<(https?://[^>]*)>", "$1"),
        (r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>", ""),
        // `code`, **strong**, __strong__, ~~struck~~, *em*, _em_ (not snake_case)
        (r"`+([^`]+)`+", "$1"),
        (r"\*\*([^*]+)\*\*", "$1"),
        (r"(^|[^\w])__([^_]+)__([^\w]|$)", "$1$2$3"),
        (r"~~([^~]+)~~", "$1"),
        (r"\*([^*\s][^*]*)\*", "$1"),
        (r"(^|[^\w])_([^_\s][^_]*)_([^\w]|$)", "$1$2$3"),
        // backslash escapes: \* → *
        (r"\\([\\`*_{}\[\]()#+\-.!|>~])", "$1"),
    ]
    .into_iter()
    .map(|(pattern, replacement)| {
        (
            Regex::new(pattern).expect("the markdown patterns are valid"),
            replacement,
        )
    })
    .collect()
});

/// Line-start markup: heading marks, block quotes, list markers.
static BLOCK_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\s{0,3}>\s?)*\s*(#{1,6}\s+|[-*+]\s+(\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?")
        .expect("the block prefix pattern is valid")
});

/// Lines that are markup alone: rules (---, ***, ___), setext underlines (===), table
/// separators (|---|:---:|), reference definitions ([1]: https://…).
static MARKUP_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(([-*_]\s*){3,}|=+|\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*|\[[^\]]+\]:\s+\S.*)$")
        .expect("the markup-only pattern is valid")
});

/// The text of a Markdown document, line for line.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let fence_mark = ["```", "~~~"]
            .into_iter()
            .find(|mark| trimmed.starts_with(mark));
        match (&fence, fence_mark) {
            // Code inside a fence is kept as written: it may be a table or a quotation, and
            // dropping it would make words in the file unsearchable.
            (Some(open), Some(mark)) if mark == open => fence = None,
            (Some(_), _) => out.push_str(line),
            (None, Some(mark)) => fence = Some(mark.to_string()),
            (None, None) => out.push_str(&plain_line(line)),
        }
        out.push('\n');
    }
    out
}

fn plain_line(line: &str) -> String {
    if MARKUP_ONLY.is_match(line) {
        return String::new();
    }
    let mut text = BLOCK_PREFIX.replace(line, "").into_owned();
    // Closing heading marks: `## 标题 ##`
    let after_marks = line.trim_start().trim_start_matches('#');
    let is_heading =
        after_marks.len() < line.trim_start().len() && after_marks.starts_with(char::is_whitespace);
    if is_heading {
        text = text.trim_end().trim_end_matches('#').trim_end().to_string();
    }
    for (pattern, replacement) in INLINE.iter() {
        text = pattern.replace_all(&text, *replacement).into_owned();
    }
    if text.contains('|') && line.trim_start().starts_with('|') {
        text = text
            .split('|')
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped_line_for_line() {
        let markdown = "# 东安县卫生健康局工作总结 #\n\n## 一、**医共体**建设\n\
            > 引用：*重点*工作\n- 第一项 [政策文件](https://example.cn/a.html)\n\
            1. ![图1 门诊量](img/1.png) 见图\n---\n`code` 与 __加粗__ 及 snake_case_name\n";
        let lines: Vec<String> = to_text(markdown).lines().map(str::to_string).collect();
        assert_eq!(
            lines,
            [
                "东安县卫生健康局工作总结",
                "",
                "一、医共体建设",
                "引用：重点工作",
                "第一项 政策文件",
                "图1 门诊量 见图",
                "",
                "code 与 加粗 及 snake_case_name",
            ]
        );
    }

    #[test]
    fn code_fences_go_and_their_content_stays_on_its_line() {
        let text = to_text("前言\n```text\n原文 *不改*\n```\n后记");
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            ["前言", "", "原文 *不改*", "", "后记"]
        );
    }

    #[test]
    fn tables_become_cells_separated_by_spaces() {
        let text = to_text("| 指标 | 数值 |\n|---|:---:|\n| 门诊量 | 12万 |");
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            ["指标 数值", "", "门诊量 12万"]
        );
    }
}
