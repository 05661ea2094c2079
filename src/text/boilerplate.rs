//! Web chrome that is not report text: breadcrumbs, share/print/font widgets, paywall and tip
//! lines, copyright and filing footers, site prefaces, QR-code and subscription lines. Each rule
//! is a pattern over a whole line (folded to simplified characters, see `normalize::fold`) with
//! real lines it was written for; they live here and nowhere else. Site sentences glued into a
//! line of report text (范文 and document-sharing sites' prefaces and upload notices) are cut
//! out of it by the rules of [`GLUED_RULES`], the rest of the line kept.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::ops::Range;
use std::sync::OnceLock;

use super::chars::SENTENCE_ENDS;

/// A kind of boilerplate line.
pub struct Rule {
    /// What the rule removes.
    pub name: &'static str,
    /// A regex matched against the whole trimmed, folded line.
    pub pattern: &'static str,
    /// Real lines it removes (checked by a test).
    pub examples: &'static [&'static str],
}

/// Separators of a label and its value.
macro_rules! colon {
    () => {
        r"\s*[:：]"
    };
}

/// The rules, in no particular order: a line matching any of them is dropped.
pub const RULES: &[Rule] = &[
    Rule {
        name: "breadcrumb",
        pattern: concat!(r"^(当前位置|您现在所在的位置|您的位置|您所在的位置|所在位置|当前的位置)", colon!()),
        examples: &["当前位置:首页 > 工作总结 > 正文", "您现在所在的位置 : 首页 > 政务公开 > 规划计划及解读 > 工作计划", "您的位置:", "当前位置："],
    },
    Rule {
        name: "breadcrumb path",
        pattern: r"(^|\s)首页\s*[>＞»›]|^[>＞»›]$",
        examples: &["首页 > 政务公开 > 工作计划", ">"],
    },
    Rule {
        name: "navigation section name",
        pattern: r"^\p{Han}{0,6}(要闻|新闻|动态|政务信息|信息公开|政务公开)$",
        examples: &["云南要闻", "宁夏要闻", "政务信息"],
    },
    Rule {
        name: "page widget words",
        pattern: r"^(首页|下载|打印|打印本页|全屏|收藏|关闭|关闭窗口|返回|返回顶部|加大|还原|减小|[大中小]|纠错|分享|【|】|\[|\]|×|赏赞|Document)(\s+(下载|打印|全屏|收藏|关闭窗口|分享|[大中小]))*$",
        examples: &["×", "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】", "关闭窗口", "打印本页", "赏赞", "Document", "下载 打印 全屏 收藏"],
    },
    Rule {
        name: "font-size widget",
        pattern: concat!(r"^•?\s*【?\s*(字体|字号)", colon!()),
        examples: &["【字号：", "• 【字体:    ", "【字体：大 中 小】"],
    },
    Rule {
        name: "share and QR code",
        pattern: r"^(分享到|分享)\s*[:：]?\s*\S{0,6}$|^.{0,8}(扫一扫|二维码|订阅号|公众号).{0,16}$",
        examples: &["分享到:", "分享到微信", "分享:", "分享：", "微信扫一扫在手机阅读、分享本文", "扫一扫在手机打开当前页", "二维码", "微信订阅号"],
    },
    Rule {
        name: "page meta label",
        pattern: concat!(
            r"^[•·(（]?\s*(来源|发布机构|发布时间|发表时间|发布日期|阅读量|阅读次数|浏览次数|点击数|点击量|访问量|作者|编辑|责任编辑|一审|二审|三审|信息来源|文章来源|时间|日期|相关报道)",
            colon!(),
            r".{0,40}$"
        ),
        examples: &["发布时间: 2022-07-18 09:10:03 来源:网友投稿", "• 来源:  ", "• 发布机构:", "• 一审:", "来源：解放日报", "时间：2026-02-12", "阅读量：", "相关报道：下载", "（来源：青海日报）"],
    },
    Rule {
        name: "lone date and time",
        pattern: r"^•?\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s+\d+)?$|^\d{4}年\d{1,2}月\d{1,2}日\s+\d{1,2}[时:]\d{2}分?$",
        examples: &["2024-12-16 00:03:52 32", "• 2021-09-22 10:08", "2026-02-03 09:02:33", "2026年02月10日 07时41分"],
    },
    Rule {
        name: "paywall and tips",
        pattern: r"阅读全文|想阅读完全部|请赞赏|赏赞|打赏|^¥\s*[\d.]+$|查看更多|如果喜欢本篇",
        examples: &["阅读全文", "(想阅读完全部图文内容,您需要先成为会员)", "如果喜欢本篇内容,请赞赏鼓励哦!", "尚未有人赏赞,赶紧来一个吧", "查看更多>>", "请选择打赏类型", "¥0.01", "¥99.99"],
    },
    Rule {
        name: "related-links block",
        pattern: r"^•?\s*(相关内容|热门推荐|本周热门|本月热门|相关政策|友情链接|相关文章|相关阅读|猜你喜欢|推荐阅读|相关文档|相关附件|上一篇|下一篇|联系客服|关于本文|文章导读)\s*[:：]?",
        examples: &["相关文档：", "相关内容", "    热门推荐", "• 本周热门", "相关政策", "友情链接", "联系客服", "关于本文", "文章导读"],
    },
    Rule {
        name: "link list item",
        pattern: r"^•\s*[^。！？；]{1,20}$",
        examples: &["• 监督一点通", "• 三湘e监督", "• 湖南省政府网"],
    },
    Rule {
        name: "copyright and filing footer",
        pattern: r"版权所有|ICP备|ICP证|公网安备|网站标识码|Powered by|All Rights Reserved|^©|Copyright",
        examples: &["版权所有:博古范文网 2012-2024 未经许可", "Powered by 博古范文网 © All Rights Reserved.", "电子邮箱: dadzzw@163.com  湘ICP备16001010号", "湘公网安备43112202000005号  网站标识码:4311250001"],
    },
    Rule {
        name: "site contact footer",
        pattern: concat!(r"^(主办|承办|地址|邮编|联系我们|联系电话|电子邮箱|本文标题|链接地址|本文链接|原文链接|网址)", colon!(), r".{0,80}$"),
        examples: &["主办:东安县人民政府办公室  承办:东安县行政审批服务局", "地址:东安县车站路133号  邮编:425900", "联系我们:0746-4239377(仅受理网站建设维护相关事宜)", "本文标题:市卫生健康委2024年工作总结及2025年工作谋划", "链接地址:https://www.example.com/a.html"],
    },
    Rule {
        name: "bare link",
        pattern: r"^(https?://|www\.)\S+$",
        examples: &["https://www.example.com/index.html"],
    },
    Rule {
        name: "photo caption",
        pattern: r"记者.{1,12}摄影?$",
        examples: &["政府工作报告。 贵州日报天眼新闻记者 李森 摄", "殷勇同志作政府工作报告。本报记者 戴冰摄", "省长叶建春作政府工作报告。本报全媒体记者 林 君摄"],
    },
    Rule {
        name: TRUNCATED_TEASER,
        pattern: r"^.{40,}(\.\.\.|……)$",
        examples: &["第一篇：卫生局.白碱滩区卫生局7月工作总结一、贯标工作2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会，标志着区人民政府及各贯标部门质量体系文件正式发布并开始进入试运行阶段。卫生局根据要求召开本单位的体系文件..."],
    },
];

/// How far a glued rule's cut reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The sentence holding the match (from an opener such as 下面是 when the sentence holds
    /// one before it, so that a title glued in front stays).
    Sentence,
    /// The match alone.
    Match,
}

/// Site text glued into a line of report text: cut out, the rest of the line kept.
pub struct GluedRule {
    /// What the rule removes.
    pub name: &'static str,
    /// A regex matched against the folded line.
    pub pattern: &'static str,
    /// What a match cuts: its sentence, or itself.
    pub reach: Reach,
    /// Real lines it was written for (folded) and what is left of each (checked by a test).
    pub examples: &'static [(&'static str, &'static str)],
}

/// The glued rules: a line keeps what none of them cuts, and is boilerplate when nothing is
/// left. From pages of 范文 sites (二十一文明网, wenke99, xzwoo, tyc8003, 老金范文) and
/// document-sharing sites (淘文阁, 冰豆网, 人人文库), and the development set's web pages.
pub const GLUED_RULES: &[GluedRule] = &[
    GluedRule {
        name: "site preface",
        pattern: r"小编(为|给|帮)?(大家|您|你)?(精心)?(收集|整理|搜集|带来|推荐|分享|准备|汇编|编辑|为)|本站为(你|您)精心整理|(供大家|欢迎大家)参考|希望(能|能够)?(对|为|给|帮到)(你|您|大家)|希望大家(能够)?喜欢|欢迎(咨询|阅读)|范文网",
        reach: Reach::Sentence,
        examples: &[
            ("下面是小编收集的卫生局年终总结，欢迎大家参考。", ""),
            ("下面是小编为大家整理的县教育体育局年终工作总结报告范本,供大家参考。", ""),
            ("下面是小编为大家整理的X县卫健委上半年工作总结【完整版】,供大家参考。", ""),
            ("前言:本站为你精心整理了市卫生部门上年总结范文,希望能为你的创作提供参考价值,我们的客服老师可以帮助你提供个性化的参考范文,欢迎咨询。", ""),
            ("本栏目,小编为大家收集整理了数篇年终工作总结,希望为您带来帮助!", ""),
            (
                "年终总结是对一年内所有工作加以总结,分析和研究,用于指导下一阶段工作的一种书面文体。下面是小编整理的医院年终工作总结范文,希望能够帮到大家。医院年终工作总结范文【一】在过去的20xx年里,我院在县委、县政府及主管局的正确领导下,较好地完成了全年的工作任务。",
                "年终总结是对一年内所有工作加以总结,分析和研究,用于指导下一阶段工作的一种书面文体。医院年终工作总结范文【一】在过去的20xx年里,我院在县委、县政府及主管局的正确领导下,较好地完成了全年的工作任务。",
            ),
            (
                "总结应该怎么写呢?下面是小编带来的优秀总结范文,希望大家能够喜欢!外科进修工作总结",
                "总结应该怎么写呢?外科进修工作总结",
            ),
            (
                "县教育体育局年终工作总结报告范本下面是小编为大家整理的县教育体育局年终工作总结报告范本,供大家参考。",
                "县教育体育局年终工作总结报告范本",
            ),
        ],
    },
    GluedRule {
        name: "upload notice",
        pattern: r"由(会员|用户|网友)(分享|上传|投稿|提供)|本文由网友投稿|可在线阅读|更多相关《|为本站会员.{0,12}上传|仅提供信息存储空间|收益归属内容提供方|若内容存在侵权|请进行举报或认领",
        reach: Reach::Sentence,
        examples: &[
            (
                "《卫健委2021年上半年工作总结和下半年工作谋划.docx》由会员分享,可在线阅读,更多相关《卫健委2021年上半年工作总结和下半年工作谋划.docx(7页珍藏版)》请在淘文阁 - 分享文档赚钱的网站上搜索。",
                "",
            ),
            (
                "本文(02考核指标定稿510.docx)为本站会员(b****5)主动上传,冰豆网仅提供信息存储空间,仅对用户上传内容的表现方式做保护处理,对上载内容本身不做任何修改或编辑。",
                "",
            ),
            ("版权说明:本文档由用户提供并上传,收益归属内容提供方,若内容存在侵权,请进行举报或认领", ""),
            (
                "县卫生局年终工作总结本文由网友投稿,不代表本站观点。一、医改工作稳步推进。",
                "县卫生局年终工作总结一、医改工作稳步推进。",
            ),
        ],
    },
    GluedRule {
        name: "site advertisement",
        pattern: r"下载网址[:：]|请加微|海量.{0,4}(公文|范文|文档)(素材)?资料|已阅读\d+页|剩\d+页未读|继续免费阅读",
        reach: Reach::Sentence,
        examples: &[
            (
                "老金范文,海量公文素材资料,下载网址:www.laojinfanwen.com,润笔请加微:liaoda199。 卫生健康局2023年工作总结汇编(5篇)",
                "卫生健康局2023年工作总结汇编(5篇)",
            ),
            ("已阅读5页,还剩12页未读 继续免费阅读", ""),
        ],
    },
    GluedRule {
        name: "sharing-site slogan",
        pattern: r"精选优质文档-*倾情为你奉上",
        reach: Reach::Match,
        examples: &[(
            "精选优质文档-倾情为你奉上创建“三乙”医院工作总结 自4月1日晚召开创建三级乙等中医医院誓师动员大会以来,全院干部职工积极行动。",
            "创建“三乙”医院工作总结 自4月1日晚召开创建三级乙等中医医院誓师动员大会以来,全院干部职工积极行动。",
        )],
    },
    GluedRule {
        name: "template form fields",
        pattern: r"(撰写人|编写人|填写人|作者)\s*[:：]\s*_{3,}(\s*日\s*期\s*[:：]\s*_{3,})?",
        reach: Reach::Match,
        examples: &[(
            "xx年卫生局上半年工作总结 xx 年卫生局上半年工作总结 撰写人: ___________ 日 期: ___________ xx 年卫生局上半年工作总结 今年是深入推进新医改的关键之年。",
            "xx年卫生局上半年工作总结 xx 年卫生局上半年工作总结 xx 年卫生局上半年工作总结 今年是深入推进新医改的关键之年。",
        )],
    },
    GluedRule {
        name: "document id and tag",
        pattern: r"^编号\s*[:：]\s*\d{6,}|\[标签\s*[:：][^\]]{1,20}\]",
        reach: Reach::Match,
        examples: &[
            (
                "编号:682553579区卫计局2018年上半年重点工作完成情况总结汇报2018年上半年,区卫计局深入贯彻党的十九大精神。",
                "区卫计局2018年上半年重点工作完成情况总结汇报2018年上半年,区卫计局深入贯彻党的十九大精神。",
            ),
            ("达到人员共享、信息互通、工作配合、督导并行,双城同创,[标签:介绍]", "达到人员共享、信息互通、工作配合、督导并行,双城同创,"),
        ],
    },
];

/// Words that open a site's sentence glued after a title with no sentence end between them:
/// `…报告范本下面是小编为大家整理的…`.
const OPENERS: &[&str] = &[
    "下面是",
    "下面为",
    "以下是",
    "以下为",
    "本文",
    "本栏目",
    "前言",
];

/// Characters that end a sentence, and those that may close it after them.
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '》'];

/// A line with the site text glued into it cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// What is left of the line, trimmed; empty when it was all site text.
    pub text: String,
    /// The first rule that cut.
    pub rule: &'static str,
}

fn glued_rules() -> &'static (RegexSet, Vec<Regex>) {
    static RULES: OnceLock<(RegexSet, Vec<Regex>)> = OnceLock::new();
    RULES.get_or_init(|| {
        let patterns = GLUED_RULES.iter().map(|rule| rule.pattern);
        let set = RegexSetBuilder::new(patterns)
            .dfa_size_limit(64 << 20)
            .build()
            .expect("every glued rule is a valid regex");
        let each = GLUED_RULES
            .iter()
            .map(|rule| {
                RegexBuilder::new(rule.pattern)
                    .build()
                    .expect("every glued rule is a valid regex")
            })
            .collect();
        (set, each)
    })
}

/// `text` (a trimmed line) with the site text of [`GLUED_RULES`] cut out, judged on `folded`
/// (its folded form: the same characters, one for one); None when it holds none.
pub fn cut_glued(text: &str, folded: &str) -> Option<Cut> {
    let (set, each) = glued_rules();
    // Nearly every line holds none: the one-pass check first.
    if !set.is_match(folded) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let folded_chars: Vec<(usize, char)> = folded.char_indices().collect();
    if chars.len() != folded_chars.len() {
        return None;
    }
    let char_at = |byte: usize| folded_chars.partition_point(|&(at, _)| at < byte);
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut first_rule = None;
    for index in set.matches(folded).iter() {
        let rule = &GLUED_RULES[index];
        let regex = &each[index];
        match rule.reach {
            Reach::Match => {
                for found in regex.find_iter(folded) {
                    cuts.push(char_at(found.start())..char_at(found.end()));
                }
            }
            Reach::Sentence => {
                for sentence in sentences(&folded_chars) {
                    let from = folded_chars
                        .get(sentence.start)
                        .map_or(folded.len(), |c| c.0);
                    let to = folded_chars.get(sentence.end).map_or(folded.len(), |c| c.0);
                    let sentence_text = &folded[from..to];
                    if let Some(found) = regex.find(sentence_text) {
                        let start = opener_before(sentence_text, found.start())
                            .map_or(sentence.start, |at| char_at(from + at));
                        cuts.push(start..sentence.end);
                    }
                }
            }
        }
        first_rule.get_or_insert(rule.name);
    }
    let rule = first_rule?;
    let mut kept = String::with_capacity(text.len());
    let mut after_cut = false;
    for (at, &c) in chars.iter().enumerate() {
        if cuts.iter().any(|cut| cut.contains(&at)) {
            after_cut = true;
            continue;
        }
        // The spaces on both sides of a cut become one.
        let doubled = after_cut && c.is_whitespace() && kept.ends_with(char::is_whitespace);
        if !doubled {
            kept.push(c);
            after_cut = false;
        }
    }
    Some(Cut {
        text: kept.trim().to_string(),
        rule,
    })
}

/// Where the last opener of `sentence` at or before byte `match_start` starts, unless what
/// stands before it is a label of the site's text (`版权说明:本文档由用户提供并上传`).
fn opener_before(sentence: &str, match_start: usize) -> Option<usize> {
    let at = OPENERS
        .iter()
        .flat_map(|opener| sentence.match_indices(opener))
        .map(|(at, _)| at)
        .filter(|&at| at <= match_start)
        .max()?;
    let label = sentence[..at].trim_end().ends_with([':', '：']);
    (at > 0 && !label).then_some(at)
}

/// The sentences of a line, as ranges of its characters: each up to a sentence end and the
/// closing marks after it, the last up to the end of the line.
fn sentences(chars: &[(usize, char)]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < chars.len() {
        if SENTENCE_ENDS.contains(&chars[at].1) {
            at += 1;
            while at < chars.len() && CLOSERS.contains(&chars[at].1) {
                at += 1;
            }
            sentences.push(start..at);
            start = at;
        } else {
            at += 1;
        }
    }
    if start < chars.len() {
        sentences.push(start..chars.len());
    }
    sentences
}

/// The rule of lines cut off with `...`: teasers of the text below, unless nothing below is
/// what they preview (see `lines::keep_excerpts_that_are_the_text`).
pub const TRUNCATED_TEASER: &str = "truncated teaser";

/// Labels after which the next line is a teaser (an excerpt of the report repeated above it):
/// 文章导读 in 001_….txt.
const TEASER_LABELS: &[&str] = &["文章导读", "导读", "内容摘要", "内容提要", "摘要"];

/// Whether `line` (trimmed, folded) announces a teaser on the next line.
pub fn introduces_teaser(line: &str) -> bool {
    TEASER_LABELS.contains(&line.trim().trim_end_matches([':', '：']))
}

fn rule_set() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    SET.get_or_init(|| {
        // Han character classes make many DFA states: a roomier cache than the default keeps
        // the lazy DFA from being rebuilt line after line.
        RegexSetBuilder::new(RULES.iter().map(|rule| rule.pattern))
            .dfa_size_limit(64 << 20)
            .build()
            .expect("every boilerplate rule is a valid regex")
    })
}

/// The name of the first rule `line` (trimmed, folded) matches, or None for report text.
pub fn boilerplate_rule(line: &str) -> Option<&'static str> {
    let line = line.trim();
    // Nearly every line is report text: the one-pass check first, which rules only after.
    if line.is_empty() || !rule_set().is_match(line) {
        return None;
    }
    rule_set()
        .matches(line)
        .iter()
        .next()
        .map(|index| RULES[index].name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_removes_its_examples() {
        for rule in RULES {
            for example in rule.examples {
                assert!(
                    boilerplate_rule(example).is_some(),
                    "rule `{}` misses {example:?}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn every_glued_rule_cuts_its_examples_to_what_they_keep() {
        for rule in GLUED_RULES {
            for (line, kept) in rule.examples {
                let cut = cut_glued(line, line);
                assert_eq!(
                    cut.as_ref().map(|cut| cut.text.as_str()),
                    Some(*kept),
                    "rule `{}` on {line:?}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn glued_sentences_are_cut_from_the_line_as_written() {
        // Traditional characters: the rules see the folded line, the cut is made in the text.
        let text =
            "總結應該怎麼寫呢?下面是小編帶來的優秀總結范文,希望大家能夠喜歡!外科進修工作總結";
        let folded = crate::text::fold(text);
        let cut = cut_glued(text, &folded).expect("a site preface");
        assert_eq!(
            (cut.text.as_str(), cut.rule),
            ("總結應該怎麼寫呢?外科進修工作總結", "site preface")
        );
    }

    #[test]
    fn report_sentences_are_not_glued_site_text() {
        let report_lines = [
            "希望大家再接再厉,推动卫生健康事业高质量发展。",
            "以上数据为初步统计数据,仅供参考。",
            "建立健全会员制服务,提高签约服务质量。",
            "编号为2023001的文件已下发各乡镇卫生院。",
            "通过微信公众号发布健康科普信息,欢迎广大群众关注。",
        ];
        for line in report_lines {
            assert_eq!(cut_glued(line, line), None, "{line}");
        }
    }

    #[test]
    fn report_text_is_kept() {
        let report_lines = [
            "东安县卫生健康局2020年工作总结及2021年工作打算",
            "一、工作开展情况。",
            "(一)医药卫生体制改革持续深化",
            "2024年7月12日，区人民政府召开实施ISO9001质量管理体系文件发布大会。",
            "各位代表：",
            "陕西省人民政府",
            "时间紧、任务重，全县上下凝心聚力，取得了阶段性成效。",
            "一是加强疫情网络直报。截止到12月,全县共报告传染病。",
            "购置DR、彩超等设备，提升服务能力。",
            "2026年2月3日在四川省第十四届人民代表大会第五次会议上",
            "加大财政投入力度，打印机等办公设备全部更新。",
            "新闻发布会上通报了疫情防控情况。",
            "xx县卫生局",
            "首页设计由信息中心负责。",
            "（来源于群众反映的问题，逐件办理。）",
        ];
        let long_share =
            "通过微信公众号、短视频平台等发布健康科普信息1200余条，覆盖人群超过50万人次。";
        for line in report_lines.iter().chain([&long_share]) {
            assert_eq!(boilerplate_rule(line), None, "{line}");
        }
    }
}
