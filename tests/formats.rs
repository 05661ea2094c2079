//! Reports in other encodings and formats (GBK, UTF-16, HTML, Markdown, .docx), written by
//! the test into a temporary corpus, are found by their words at the right `path:N`.

mod common;

use common::{corpus_dir, field, hits, index_into, stderr_of, Indexed};
use serde_json::Value;

/// The bundled report the GBK fixture is made of.
const GBK_SOURCE: &str = "004_2ac8209b6c6491b0.txt";

const HTML: &str = "<!DOCTYPE html>
<html><head><meta charset=\"utf-8\"><title>页面标题不索引</title>
<style>.note::after { content: \"样式里的字\" }</style>
<script>var s = \"脚本里的字\"; if (a < b) { s = '</p>'; }</script>
</head>
<body><div class=\"nav\"><a href=\"/\">首页</a> &gt; 工作总结</div>
<h1>某市卫生健康委员会2022年工作总结</h1>
<p>一、推进&ldquo;互联网&#43;医疗健康&rdquo;示范区建设，
成效明显。</p>
<div>二、开展<b>夜间门诊</b>便民服务&amp;延时服务。</div>
</body></html>
";

const MARKDOWN: &str = "# 某县2023年卫生工作总结

## 一、**基层**医疗

- 推进[紧密型县域医共体](https://example.cn/ygt.html)建设，取得实效。
- ![图1](img/1.png) 二、`家庭医生`签约服务提质扩面。
";

/// The opening lines of a real GBK file with CRLF line ends (the CnPack group's 2006 work
/// summary): fewer than half of its letters are Chinese, which once made it "unknown".
const GBK_ASCII_WORDS: &str = "CnPack开发组2006年工作总结\r\n\r\n    去年漫长的一年中，CnPack 开发组由于\
    人力不足以及其他原因，造成了部分时间进展缓慢甚至停滞不前，在此向大家表示歉意。2006 年 Borland 推出了 \
    BDS 2006 并要出卖其 IDE 生产线，此类动向也给 CnWizards 的前景带来了一定影响。\r\n    CnPack 在 2006 \
    年取得的主要进展如下：\r\n\r\n一、CnPack的主力产品CnPack IDE 专家包（CnWizards）发布 0.8.0 以及 \
    0.8.1 版，更新内容包括：\r\n\r\n    1.CnWizards 增加对 BDS 2006 的支持。\r\n    2.新增与改进功能：\
    增加在过程内部和局部变量区域移动光标的功能，默认热键 Ctrl+Shift+V；编辑器专家增加插入日期时间工具，增加 \
    F3/Shift+F3 搜索选中文字的功能；增加 FastCode IDE 优化专家；增加 IDE 设置备份恢复工具；增加对 \
    UpdatePack 的版本检测提示；组件面板增加查找组件的功能。ASCII 字符表改为可独立运行。\r\n";

/// A UTF-8 report cut short inside its last character (a truncated download).
const CUT_SHORT: &str =
    "某县卫生健康局2022年工作总结\n一、截断下载的报告仍被索引。\n二、最后一行在字中被截断";

/// A minified page: everything on one line.
const MINIFIED_HTML: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某县卫生局\
    2023年工作总结_某某县人民政府</title></head><body><div class=\"nav\">首页 &gt; 工作总结</div><h1>某县\
    卫生局2023年工作总结</h1><p>2023年，县卫生局坚持压缩页面首段落。</p><p>一、压缩页面第二段落。</p>\
    </body></html>";

/// A minified page with no `<h1>`: its first paragraph is the first line of its text.
const MINIFIED_NO_H1: &str =
    "<html><head><title>某县卫生局2023年工作总结 - 范文网</title></head><body>\
    <p>2023年，县卫生局坚持无标题页首段落。</p><p>一、无标题页第二段落。</p></body></html>";

/// A 范文 site's preface glued between a report's title and its text, on one line.
const GLUED_PREFACE: &str = "某县卫生局年终总结\n\
    某县卫生局年终总结下面是小编收集的卫生局年终总结，欢迎大家参考。今年，县卫生局粘连段落坚持以人民健康为中心。\n";

/// One paragraph per element; `""` is an empty paragraph (it still counts).
const DOCX_PARAGRAPHS: &[&str] = &[
    "某区卫生健康局2021年工作要点",
    "",
    "一、做好新冠疫苗接种工作。",
    "二、推进乡村医生队伍建设，落实村医待遇保障。",
];

/// A `.docx` whose body is `paragraphs`, plus a table of one cell.
fn docx(paragraphs: &[&str], cell: &str) -> Vec<u8> {
    let mut body = String::new();
    for text in paragraphs {
        if text.is_empty() {
            body.push_str("<w:p/>");
        } else {
            // Two runs, to check they are joined.
            let (a, b) = text.split_at(text.char_indices().nth(2).map_or(0, |(at, _)| at));
            body.push_str(&format!(
                "<w:p><w:r><w:t>{a}</w:t></w:r><w:r><w:t>{b}</w:t></w:r></w:p>"
            ));
        }
    }
    body.push_str(&format!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    ));
    baogao::testing::docx(&body)
}

/// The 1-based line of `text` that holds `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle} is in the text"));
    at as u64 + 1
}

/// A temporary corpus of every format and encoding, and its index.
struct Fixture {
    _corpus: tempfile::TempDir,
    index: Indexed,
    gbk_text: String,
    stderr: String,
}

fn fixture() -> Fixture {
    let corpus = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(corpus.path().join(name), bytes).expect("write a fixture");
    };
    // The web copy's bullets (•) and no-break spaces have no GBK code: they become what a
    // GBK file would hold, line for line.
    let gbk_text = std::fs::read_to_string(corpus_dir().join(GBK_SOURCE))
        .expect("corpus file")
        .replace('\u{2022}', "·")
        .replace('\u{a0}', " ");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_text);
    assert!(!unmappable, "the GBK source is all GBK characters");
    write("gbk.txt", &gbk);
    write(
        "utf16le.txt",
        &baogao::testing::utf16(
            "某镇2020年健康扶贫工作总结\r\n一、慢病签约服务覆盖率达到九成。\r\n",
            false,
        ),
    );
    write(
        "utf16be.txt",
        &baogao::testing::utf16(
            "某乡2019年卫生工作总结\n\n三、开展爱国卫生运动月活动。\n",
            true,
        ),
    );
    write("page.html", HTML.as_bytes());
    let (gbk_ascii, _, unmappable) = encoding_rs::GBK.encode(GBK_ASCII_WORDS);
    assert!(!unmappable, "the CnPack lines are all GBK characters");
    write("gbk-ascii.txt", &gbk_ascii);
    write("cut.txt", &CUT_SHORT.as_bytes()[..CUT_SHORT.len() - 1]);
    write("minified.html", MINIFIED_HTML.as_bytes());
    write("minified-no-h1.html", MINIFIED_NO_H1.as_bytes());
    write("glued.txt", GLUED_PREFACE.as_bytes());
    write("notes.md", MARKDOWN.as_bytes());
    write("plan.docx", &docx(DOCX_PARAGRAPHS, "表中的慢阻肺筛查人数"));
    let dir = tempfile::tempdir().expect("temp dir");
    let output = index_into(corpus.path(), dir.path()).success();
    let stderr = stderr_of(&output);
    Fixture {
        _corpus: corpus,
        index: Indexed::in_dir(dir),
        gbk_text,
        stderr,
    }
}

/// The lines of the hits of `query` in `file`.
fn lines_in(result: &Value, file: &str) -> Vec<u64> {
    hits(result)
        .iter()
        .filter(|hit| field(hit, "file") == file)
        .map(|hit| hit["line"].as_u64().expect("line is a number"))
        .collect()
}

fn assert_found(fixture: &Fixture, query: &str, file: &str, line: u64) -> Value {
    let result = fixture.index.json(&[query, "--limit", "50"]);
    let lines = lines_in(&result, file);
    assert!(
        lines.contains(&line),
        "{query}: expected {file}:{line}, found lines {lines:?} in {result}"
    );
    result
}

#[test]
fn every_format_and_encoding_is_indexed_without_warnings() {
    let fixture = fixture();
    assert!(
        !fixture.stderr.contains("skipped"),
        "nothing is skipped: {}",
        fixture.stderr
    );
}

#[test]
fn a_gbk_report_is_found_at_its_lines() {
    let fixture = fixture();
    for needle in ["芦洪市医院PCR实验室", "家庭医生签约服务"] {
        let line = line_of(&fixture.gbk_text, needle);
        assert_found(&fixture, needle, "gbk.txt", line);
    }
}

#[test]
fn a_gbk_file_with_crlf_and_many_ascii_words_is_read_as_gbk() {
    let fixture = fixture();
    assert!(
        !fixture.stderr.contains("gbk-ascii.txt"),
        "{}",
        fixture.stderr
    );
    assert_found(&fixture, "停滞不前", "gbk-ascii.txt", 3);
    assert_found(&fixture, "Borland", "gbk-ascii.txt", 3);
    assert_found(&fixture, "UpdatePack", "gbk-ascii.txt", 9);
}

#[test]
fn a_utf8_file_cut_inside_its_last_character_is_indexed_with_a_warning() {
    let fixture = fixture();
    assert_found(&fixture, "截断下载", "cut.txt", 2);
    // The last line, without its last character (断 lost a byte).
    assert_found(&fixture, "最后一行在字中被截", "cut.txt", 3);
    assert!(
        fixture
            .stderr
            .contains("cut.txt` in part: it is cut short inside a UTF-8 character")
            && fixture.stderr.contains("(2 bytes) was left out"),
        "{}",
        fixture.stderr
    );
}

#[test]
fn a_minified_html_page_keeps_its_first_paragraph_searchable() {
    let fixture = fixture();
    assert_found(&fixture, "压缩页面首段落", "minified.html", 1);
    assert_found(&fixture, "压缩页面第二段落", "minified.html", 1);
    assert_found(&fixture, "无标题页首段落", "minified-no-h1.html", 1);
    assert_found(&fixture, "无标题页第二段落", "minified-no-h1.html", 1);
    for (site, file) in [
        ("某某县人民政府", "minified.html"),
        ("范文网", "minified-no-h1.html"),
    ] {
        let result = fixture.index.json(&[site]);
        assert!(
            lines_in(&result, file).is_empty(),
            "the <title>'s site name is not body text: {result}"
        );
    }
}

#[test]
fn a_site_sentence_glued_into_a_paragraph_is_cut_and_the_rest_found() {
    let fixture = fixture();
    let result = assert_found(&fixture, "粘连段落", "glued.txt", 2);
    let hit = hits(&result)
        .iter()
        .find(|hit| field(hit, "file") == "glued.txt")
        .expect("a hit in glued.txt");
    assert!(!field(hit, "text").contains("小编"), "{hit}");
    for preface in ["小编收集", "欢迎大家参考"] {
        let result = fixture.index.json(&[preface]);
        assert!(
            lines_in(&result, "glued.txt").is_empty(),
            "{preface} is not indexed: {result}"
        );
    }
}

#[test]
fn utf16_reports_with_a_byte_order_mark_are_found_in_both_byte_orders() {
    let fixture = fixture();
    assert_found(&fixture, "慢病签约", "utf16le.txt", 2);
    assert_found(&fixture, "爱国卫生运动", "utf16be.txt", 3);
}

#[test]
fn an_html_page_gives_its_text_at_source_lines_without_scripts_or_styles() {
    let fixture = fixture();
    let result = assert_found(&fixture, "示范区", "page.html", 8);
    let hit = hits(&result)
        .iter()
        .find(|hit| field(hit, "file") == "page.html")
        .expect("a hit in page.html");
    assert!(
        field(hit, "text").contains("“互联网+医疗健康”示范区建设，成效明显。"),
        "entities decoded, the source line break between Hanzi dropped: {hit}"
    );
    assert_found(&fixture, "夜间门诊", "page.html", 10);
    for hidden in ["脚本里的字", "样式里的字", "页面标题不索引"] {
        let result = fixture.index.json(&[hidden]);
        assert!(
            lines_in(&result, "page.html").is_empty(),
            "{hidden} is not indexed: {result}"
        );
    }
}

#[test]
fn a_markdown_report_is_found_at_its_lines_without_markup() {
    let fixture = fixture();
    let result = assert_found(&fixture, "紧密型", "notes.md", 5);
    let text = hits(&result)
        .iter()
        .find(|hit| field(hit, "file") == "notes.md")
        .map(|hit| field(hit, "text").to_string())
        .expect("a hit in notes.md");
    assert!(
        text.contains("推进紧密型县域医共体建设") && !text.contains("https"),
        "{text}"
    );
    assert_found(&fixture, "家庭医生", "notes.md", 6);
}

#[test]
fn a_docx_report_is_found_by_paragraph_number() {
    let fixture = fixture();
    assert_found(&fixture, "乡村医生", "plan.docx", 4);
    assert_found(&fixture, "慢阻肺筛查", "plan.docx", 5);
}
